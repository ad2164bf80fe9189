// Runs only where the page's module script cannot (a browser without JavaScript modules, far
// below the tools' floor): says so in each tool's place instead of leaving "loading…" there.
// Written for the oldest engines: no arrow functions, no let or const.
(function () {
  var areas = document.querySelectorAll('[data-tool]');
  for (var i = 0; i < areas.length; i++) {
    areas[i].textContent = '这个浏览器版本太旧，用不了计算工具、时间线和咨询表（需要安卓 Chrome 96、苹果 iOS 15 或更新的版本）。复审指南可以照常阅读，咨询请打电话。';
    areas[i].setAttribute('data-failed', '');
  }
})();
