// Live character count under text boxes with a limit (data-counter). The limit itself is enforced by
// maxlength and by the server; without this script the hint beside the box states it.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("textarea[data-counter][maxlength]");
  Array.prototype.forEach.call(boxes, function (box) {
    var limit = parseInt(box.getAttribute("maxlength"), 10);
    if (!(limit > 0)) { return; }
    var out = document.createElement("p");
    out.className = "hint counter";
    out.id = box.id + "-count";
    out.setAttribute("aria-live", "polite");
    box.parentNode.insertBefore(out, box.nextSibling);
    function update() {
      var used = box.value.length;
      out.textContent = "已输入 " + used + " 字，还可输入 " + Math.max(0, limit - used) + " 字（最多 " + limit + " 字）";
    }
    box.addEventListener("input", update);
    update();
  });
})();
