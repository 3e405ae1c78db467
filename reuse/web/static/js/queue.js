/* "Select all" for the queue's bulk actions (without it, each box is ticked by hand). */
(function () {
  "use strict";
  var all = document.querySelector("[data-pick-all]");
  if (!all) { return; }
  var boxes = document.querySelectorAll("input[type=checkbox][name=codes]");
  all.addEventListener("change", function () {
    Array.prototype.forEach.call(boxes, function (box) { box.checked = all.checked; });
  });
})();
