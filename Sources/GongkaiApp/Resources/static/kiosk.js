// 公开专区 terminal: after the configured seconds without a touch, key or scroll, go back to the
// start page so the next visitor does not see the last one's pages. Pages work without it.
(function () {
  var seconds = parseInt(document.body.getAttribute("data-idle"), 10) || 120;
  var timer;
  function reset() {
    clearTimeout(timer);
    timer = setTimeout(function () { window.location.href = "/zhuanqu"; }, seconds * 1000);
  }
  ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
    window.addEventListener(name, reset, { passive: true });
  });
  reset();
})();
