// 大屏 / 数字电视 display of 政策服务直通车: shows the next policy after the page's interval. Without
// script the page still shows one policy and a link to the next.
(function () {
  var next = document.body.getAttribute("data-next");
  var seconds = parseInt(document.body.getAttribute("data-seconds"), 10) || 15;
  if (next) { setTimeout(function () { window.location.href = next; }, seconds * 1000); }
})();
