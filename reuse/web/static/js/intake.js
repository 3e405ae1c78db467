/* Fast intake: Enter moves on (scanners end with Enter), Ctrl+Enter saves, and a serial that is
   already registered is reported while the person is still on the form. */
(function () {
  "use strict";
  var form = document.querySelector("[data-fast-intake]");
  if (!form) { return; }
  var serial = form.querySelector("#serial_number");
  var status = document.getElementById("serial-status");
  var checkUrl = form.getAttribute("data-serial-check");
  var timer = null;
  var lastChecked = null;

  function fields() {
    return Array.prototype.filter.call(
      form.querySelectorAll("input, select, textarea, button"),
      function (el) { return el.type !== "hidden" && !el.disabled && el.offsetParent !== null; }
    );
  }

  function moveOn(from) {
    var list = fields();
    var next = list[list.indexOf(from) + 1];
    if (!next || next.type === "submit") {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    } else {
      next.focus();
      if (next.select && next.tagName === "INPUT") { next.select(); }
    }
  }

  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) { return; }
    var target = event.target;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
      return;
    }
    if (target.tagName === "BUTTON" || target.tagName === "TEXTAREA") { return; }
    event.preventDefault();
    if (target === serial) { check(); }
    moveOn(target);
  });

  function show(message, known) {
    status.textContent = message;
    status.classList.toggle("known", known);
    serial.setAttribute("aria-invalid", known ? "true" : "false");
  }

  function check() {
    var value = serial.value.trim();
    if (value === lastChecked) { return; }
    lastChecked = value;
    if (!value || !window.fetch) { show("", false); return; }
    fetch(checkUrl + "?serial=" + encodeURIComponent(value), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer && serial.value.trim() === value) { show(answer.message, answer.known); }
    }).catch(function () { lastChecked = null; });
  }

  serial.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
  serial.addEventListener("change", check);
})();
