// Loads the WebAssembly tools and fills in the deployment settings that the static page shows.
// The page's text works without the tools; when they cannot run, each tool area says so in one
// line instead of staying blank.
const me = document.querySelector('meta[name="fushen-app"]');

function meta(name) {
  const el = document.querySelector(`meta[name="${name}"]`);
  return el ? el.content.trim() : '';
}

// The institution's contact in the footer (configured in index.html's <meta> tags).
const institution = meta('fushen-institution');
const phone = meta('fushen-phone');
for (const place of document.querySelectorAll('[data-contact]')) {
  if (!institution && !phone) break;
  place.textContent = institution ? `${institution}　` : '';
  if (phone) {
    const link = document.createElement('a');
    link.href = `tel:${phone.replace(/[^0-9+]/g, '')}`;
    link.textContent = `电话 ${phone}`;
    place.append(link);
  }
}

// In-page links (the header, the guide's contents, the action bar, "回到顶部") scroll to their
// section without touching the address: the address's fragment carries the user's dates and
// timeline, which a plain #anchor would wipe out of the bookmark. The enquiry form handles its
// own [data-enroll] links once it has loaded.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
  if (!link) return;
  if (link.hasAttribute('data-enroll') && document.querySelector('#enquiry-root[data-ready]')) return;
  const target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
  if (!target) return;
  event.preventDefault();
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
});

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
  say('这个浏览器不能运行计算工具，请换用手机自带浏览器或新版微信打开。指南文字可以照常阅读。');
} else {
  import(me.dataset.js)
    .then((bindings) => bindings.default({ module_or_path: me.dataset.wasm }))
    .then(() => clearTimeout(slow))
    .catch(() => {
      clearTimeout(slow);
      say('工具没有加载成功，请检查网络后刷新页面。指南文字可以照常阅读。');
    });
}

// Offline after the first visit (see sw.js). Registration failing only means no offline copy.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {});
  });
}
