/* The queue's selection: "select all", and the ticked devices sent with the label print form
   (a checkbox belongs to one form only: the bulk form; this copies the codes across). */
(function () {
  "use strict";
  var boxes = document.querySelectorAll("#bulk-form input[type=checkbox][name=codes]");
  var all = document.querySelector("[data-pick-all]");
  if (all) {
    all.addEventListener("change", function () {
      Array.prototype.forEach.call(boxes, function (box) { box.checked = all.checked; });
    });
  }
  var labels = document.getElementById("queue-labels");
  if (!labels) { return; }
  labels.addEventListener("submit", function () {
    Array.prototype.forEach.call(labels.querySelectorAll("input[data-picked]"), function (old) {
      old.remove();
    });
    Array.prototype.forEach.call(boxes, function (box) {
      if (!box.checked) { return; }
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "codes";
      field.value = box.value;
      field.setAttribute("data-picked", "");
      labels.appendChild(field);
    });
  });
})();
