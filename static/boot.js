// Loads the WebAssembly tools. The page's text works without them; when they cannot run, each
// tool area says so in one line instead of staying blank.
const me = document.querySelector('script[data-wasm]');

function say(text) {
  for (const area of document.querySelectorAll('[data-tool]:not([data-ready])')) {
    area.textContent = text;
    area.setAttribute('data-failed', '');
  }
}

const slow = setTimeout(() => {
  for (const note of document.querySelectorAll('[data-tool] .tool-loading')) {
    note.textContent = '网络较慢，工具仍在加载，请稍候…';
  }
}, 8000);

if (typeof WebAssembly !== 'object' || !me) {
  clearTimeout(slow);
  say('这个浏览器不能运行计算工具，请换用手机自带浏览器或新版微信打开。上面和下面的说明都可以照常阅读。');
} else {
  import(me.dataset.js)
    .then((bindings) => bindings.default({ module_or_path: me.dataset.wasm }))
    .then(() => clearTimeout(slow))
    .catch(() => {
      clearTimeout(slow);
      say('工具没有加载成功，请检查网络后刷新页面。说明文字仍可阅读。');
    });
}
