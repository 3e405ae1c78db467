/* Import check without leaving the page: the file stays chosen, so confirming is one click.
   Without this script the form posts normally and the person chooses the file again. */
(function () {
  "use strict";
  var form = document.querySelector("[data-import-form]");
  var preview = document.getElementById("preview");
  if (!form || !preview || !window.fetch || !window.FormData) { return; }
  var checkButton = form.querySelector("[data-check]");
  var fileInput = form.querySelector("input[type=file]");

  function check(event) {
    if (!fileInput.files.length) { return; }  /* let the server say the file is missing */
    event.preventDefault();
    var data = new FormData(form);
    data.set("action", "check");
    checkButton.disabled = true;
    checkButton.setAttribute("aria-busy", "true");
    /* form.action would be the button named "action": read the attribute. */
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: data,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      preview.innerHTML = html;
      var title = document.getElementById("preview-title");
      if (title) { title.focus(); }
    }).catch(function () {
      form.submit();
    }).finally(function () {
      checkButton.disabled = false;
      checkButton.removeAttribute("aria-busy");
    });
  }

  checkButton.addEventListener("click", check);
  fileInput.addEventListener("change", function () { preview.innerHTML = ""; });
})();
