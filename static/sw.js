// Service worker: the page opens offline after one visit, and never keeps anyone on an old build.
//
// - Pages (navigations) go to the network first; when it fails or is slow, the cached page is
//   used. Each fresh page is cached with the hashed assets it names, and assets no page names any
//   more are dropped, so the cache always holds exactly one working build.
// - Hashed assets (their names change with their content) are served from the cache first.
// - The holiday file (cn-holidays.txt), which staff update in place, goes to the network first
//   like the page, so a newly added year is seen at the next online visit; offline or slow, the
//   cached copy is used. It is kept across builds.
// - Nothing else is touched: enquiries (POST), other origins, and other pages of the same site
//   (fushen-server's staff inbox, its CSV, style sheet and script, which must never be cached
//   with the page) go straight to the network.
//
// Change VERSION when what the cache holds changes shape (it names the cache, and older caches
// are deleted on activation); builds themselves need no change here.
const VERSION = 'fushen-sw-1';
const CACHE = `${VERSION}`;
const SCOPE = new URL(self.registration.scope);
const PAGE = new URL('./', SCOPE).href;
const FIXED = ['manifest.webmanifest', 'icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png'];
const NAVIGATION_TIMEOUT_MS = 4000;
/** Files updated in place without a new build: network first, kept across builds. */
const DATA = ['cn-holidays.txt'].map((f) => new URL(f, SCOPE).href);

/** Same-origin files an index.html refers to (scripts, styles, wasm, preloads, icons, the later modules). */
function assetsOf(html) {
  const found = new Set(FIXED.map((f) => new URL(f, SCOPE).href));
  const named = [...html.matchAll(/\b(?:href|src|data-wasm)=["']?([^"'\s>]+)/g)].map((m) => m[1]);
  // The modules fetched after the estimator's first answer, listed in one attribute.
  for (const match of html.matchAll(/\bdata-later="([^"]*)"/g)) named.push(...match[1].split(/\s+/).filter(Boolean));
  for (const name of named) {
    const url = new URL(name, SCOPE);
    if (url.origin === SCOPE.origin && !url.hash && url.href !== PAGE) found.add(url.href);
  }
  return [...found];
}

/** Built files carry a content hash in their name: the same name is always the same content. */
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

/** Stores a fresh page and the assets it needs; drops what no page needs any more. */
async function adopt(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  const previous = await cache.match(PAGE);
  const newBuild = !previous || (await previous.text()) !== html;
  const wanted = assetsOf(html);
  const fetchNow = [];
  for (const url of wanted) {
    // Unhashed files (manifest, icons) are fetched again whenever the build changes.
    if (!(await cache.match(url)) || (newBuild && !HASHED.test(new URL(url).pathname))) fetchNow.push(url);
  }
  await Promise.all(fetchNow.map((url) => fetch(url, { cache: 'no-cache' }).then((r) => r.ok && cache.put(url, r))));
  await cache.put(PAGE, response);
  const keep = new Set([PAGE, ...DATA, ...wanted]);
  for (const request of await cache.keys()) {
    if (!keep.has(request.url)) await cache.delete(request);
  }
}

/** Fetches a data file and keeps it when it came back whole. */
async function refreshData(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(url, response.clone());
  }
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    Promise.all([
      fetch(PAGE, { cache: 'no-cache' }).then((response) => (response.ok ? adopt(response) : undefined)),
      ...DATA.map((url) => refreshData(url).catch(() => {})),
    ]).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function page(request) {
  const network = fetch(request);
  try {
    const response = await withTimeout(network, NAVIGATION_TIMEOUT_MS);
    if (response.ok) adopt(response.clone()).catch(() => {});
    return response;
  } catch {
    const cached = await caches.match(PAGE);
    if (cached) {
      // Keep the slow request going so the next visit gets the new build.
      network.then((r) => (r.ok ? adopt(r) : undefined)).catch(() => {});
      return cached;
    }
    return network;
  }
}

async function data(url) {
  const network = refreshData(url);
  try {
    return await withTimeout(network, NAVIGATION_TIMEOUT_MS);
  } catch {
    const cached = await caches.match(url);
    if (cached) {
      // Let the slow request finish so the next visit has the fresh copy.
      network.catch(() => {});
      return cached;
    }
    return network;
  }
}

async function asset(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href)) return;
  // The staff inbox's own files (its style sheet, its script) belong to the inbox, not the page.
  if (url.pathname.startsWith(`${SCOPE.pathname}staff/`)) return;
  const file = url.origin + url.pathname;
  if (request.mode === 'navigate') {
    if (url.pathname !== SCOPE.pathname && url.pathname !== `${SCOPE.pathname}index.html`) return;
    event.respondWith(page(request));
  } else if (DATA.includes(file)) {
    event.respondWith(data(file));
  } else {
    event.respondWith(asset(request));
  }
});
