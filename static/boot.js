// Loads the WebAssembly tools and fills in the deployment settings that the static page shows.
// The page's text works without the tools; when they cannot run, each tool area says so in one
// line instead of staying blank.
//
// The build (tools/build-wasm.mjs) bundles this file with the glue it imports and the split
// loader into the page's one script: one request beside the estimator's module, not three
// sharing the slow link with it. The bundle keeps to syntax that browsers below the floor
// still parse, so that they can be told so.
import init from './fushen.js';

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

// The oldest browsers the tools run on: Chrome and Android WebView 96, Safari and iOS 15. This
// small module uses each WebAssembly feature the built modules use (no more: a test in
// tools/fushen-wasm/src/floor.rs checks both ways), so an older browser is told so plainly
// instead of failing at the download and blaming the network.
const FLOOR_PROBE = [0,97,115,109,1,0,0,0,1,19,4,96,1,127,1,127,96,1,125,1,127,96,0,2,127,127,96,0,0,3,5,4,0,1,2,3,4,4,1,111,0,1,5,3,1,0,1,6,6,1,127,1,65,0,11,7,5,1,1,103,3,0,10,33,4,5,0,32,0,192,11,6,0,32,0,252,0,11,6,0,65,0,65,0,11,11,0,65,0,65,0,65,0,252,11,0,11];

function onFloor() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(new Uint8Array(FLOOR_PROBE));
  } catch (e) {
    return false;
  }
}

if (!onFloor() || !me || !me.dataset.wasm) {
  clearTimeout(slow);
  say('这个浏览器版本太旧，用不了计算工具、时间线和咨询表（需要安卓 Chrome 96、苹果 iOS 15 或更新的版本）。复审指南可以照常阅读，咨询请打电话。');
} else {
  afterNextFrame(prepareForTheEstimator);
  const estimator = fetchTheEstimatorThenTheRest();
  init({ module_or_path: estimator })
    .then(() => clearTimeout(slow))
    .catch(() => {
      clearTimeout(slow);
      say('工具没有加载成功，请检查网络后刷新页面。指南文字可以照常阅读。');
    });
}

// The later tools' modules (the timeline and the form; data-next) run only after the
// estimator has answered, but their download need not wait that long. Asked for while the
// estimator's module still arrives, they would share the slow link with it and delay the
// answer; asked for once it has arrived, the link would stand idle for a round trip. So the
// estimator's module is passed on to the glue as its bytes come (its compilation still
// streams), and the later modules are asked for once the rest of it is due within a round
// trip: at the rate its own bytes have been arriving, and the round trip the browser
// estimates (Chrome and Android WebView), else that of the page's own request. The split
// loader's fetch of the same files reuses these preloads. (The reasons panel's module waits
// until it is needed.)
function fetchTheEstimatorThenTheRest() {
  const estimator = fetch(me.dataset.wasm);
  const later = (me.dataset.next || '').split(' ').filter(Boolean);
  if (later.length === 0) return estimator;
  let asked = false;
  const preload = () => {
    if (asked) return;
    asked = true;
    afterFirstPaint(() => {
      for (const file of later) {
        const link = document.createElement('link');
        link.rel = 'preload';
        link.as = 'fetch';
        link.type = 'application/wasm';
        link.crossOrigin = '';
        link.href = file;
        document.head.append(link);
      }
    });
  };
  const size = Number(me.dataset.wasmBytes);
  const page = performance.getEntriesByType('navigation')[0];
  const estimate = navigator.connection && navigator.connection.rtt;
  const roundTrip = estimate > 0 ? estimate : page ? page.responseStart - page.requestStart : 0;
  // Without a length or a round trip to go by, they are asked for at its last byte.
  const early = size > 0 && roundTrip > 0;
  return estimator.then((response) => {
    if (!response.ok || !response.body) return response;
    const reader = response.body.getReader();
    let received = 0;
    let since; // [when, bytes] at the first piece: what came before it may have waited in a buffer.
    const relay = new ReadableStream({
      async pull(out) {
        const { done, value } = await reader.read();
        if (done) {
          preload();
          out.close();
          return;
        }
        received += value.byteLength;
        const now = performance.now();
        if (early && !since) {
          since = [now, received];
        } else if (early && now - since[0] >= roundTrip) {
          // Measured over a round trip at least: a burst of pieces is not the link's rate.
          const perMs = (received - since[1]) / (now - since[0]);
          if (perMs > 0 && (size - received) / perMs <= roundTrip) preload();
        }
        out.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(relay, { status: response.status, headers: response.headers });
  });
}

// While the estimator's module is on its way, the main thread stands idle. Right after the first
// frame, the browser does its one-time work for the estimator's first date input (the date
// format of the page's language and the input's inner parts: 4–11 ms on a fast computer,
// several times that on a slow phone) and opens this site's storage (a round trip to the
// browser's own process). The estimator's start, which needs both, then blocks the page for
// that much less. (Not after the paint's entry, which can come late: this work would then meet
// the module's arrival.)
function prepareForTheEstimator() {
  document.createElement('input').type = 'date';
  try {
    void localStorage.length;
  } catch (e) {
    // Storage refused (a private mode, a policy): the estimator says so itself.
  }
}

// Runs `then` once the page has painted its content. On a slow link it has, long before the
// estimator's module is nearly there; on a fast one, the later modules would otherwise share the
// first paint's moment with the bytes it needs. The browser's own entry for that paint comes
// once the frame is on the screen, which can be well after the frame was made when the phone is
// busy: that is what is waited for. Without paint entries, it is after the next frame. A hidden
// page paints nothing, so it does not wait, and a page hidden before it could paint goes on
// after three seconds.
function afterFirstPaint(then) {
  const contentful = (entries) => entries.getEntriesByName('first-contentful-paint').length > 0;
  if (document.visibilityState === 'hidden' || contentful(performance)) {
    then();
    return;
  }
  let done = false;
  let observer = null;
  const go = () => {
    if (done) return;
    done = true;
    if (observer) observer.disconnect();
    then();
  };
  const entryTypes = typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes;
  if (entryTypes && entryTypes.includes('paint')) {
    try {
      observer = new PerformanceObserver((entries) => {
        if (contentful(entries)) go();
      });
      observer.observe({ type: 'paint', buffered: true });
    } catch (e) {
      observer = null;
    }
  }
  if (observer) {
    setTimeout(go, 3000);
  } else {
    afterNextFrame(go);
  }
}

// Runs `then` once the browser has made its next frame (the page's first, at the start): soon,
// and without holding that frame up. A hidden page makes no frames: there it runs now.
function afterNextFrame(then) {
  if (document.visibilityState === 'hidden') {
    then();
  } else {
    requestAnimationFrame(() => setTimeout(then, 0));
  }
}

// Once the page has loaded: the manifest (for 添加到主屏幕; asked for from the page's head, it
// would take a connection and a round trip while the first screen and the estimator's module
// are on their way), and offline after the first visit (see sw.js; registration failing only
// means no offline copy).
window.addEventListener('load', () => {
  const manifest = document.createElement('link');
  manifest.rel = 'manifest';
  manifest.href = 'manifest.webmanifest';
  document.head.append(manifest);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {});
  }
});
