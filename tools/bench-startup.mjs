// How soon each tool answers on a slow phone, tried as a new user would: the release build
// served with brotli and keep-alive (tools/serve.mjs), a fresh browser profile each run, slow 4G
// (150 ms round trip, 1.6 Mbps down, 750 kbps up) and a CPU 4x slower, by the DevTools protocol.
// Measured from the navigation's start: first paint, each tool's `data-ready`, the estimator's
// first answer on screen, the bytes transferred before that answer and in all, and the main
// thread's blocking time (long tasks beyond 50 ms) until a second after every tool is ready. Prints the median of the runs (and every run).
//
// Given two builds (say, before and after a change), it measures them in the same run, taking
// turns, so that both meet the same machine.
//
//   node tools/bench-startup.mjs [runs] dist [other-dist]
import { chromium } from '@playwright/test';

import { serveBuilds } from './bench-serve.mjs';

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 5;
const dists = args.length ? args : ['dist'];
const { urls, stop } = await serveBuilds(dists, 4182);

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

// Installed before the page's own scripts: notes when each milestone first appears.
function observe() {
  const marks = {};
  const blocking = { total: 0, longest: 0, tasks: [] };
  window.__bench = { marks, blocking };
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      blocking.total += Math.max(0, task.duration - 50);
      blocking.longest = Math.max(blocking.longest, task.duration);
      blocking.tasks.push([Math.round(task.startTime), Math.round(task.duration)]);
    }
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    for (const id of ['estimator-root', 'timeline-root', 'enquiry-root']) {
      if (!marks[id] && document.querySelector(`#${id}[data-ready]`)) marks[id] = performance.now();
    }
    if (!marks.answer && document.querySelector('[data-testid=query-status]')) marks.answer = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const all = dists.map(() => []);
try {
  for (let i = 0; i < runs * dists.length; i++) {
    const which = i % dists.length;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(observe);
      await page.goto(urls[which]);
      await page.waitForSelector('#enquiry-root[data-ready]', { timeout: 60_000 });
      await page.waitForTimeout(1000);
      const run = await page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const { marks, blocking } = window.__bench;
        const ms = (x) => Math.round(x);
        // Bytes over the wire (compressed, with headers): the page and what had fully arrived
        // when the estimator answered, and everything by the end.
        const navigation = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource');
        const later = resources.find((r) => r.name.includes('split_later_tools'));
        const bytes = (until) =>
          navigation.transferSize + resources.filter((r) => r.responseEnd <= until).reduce((sum, r) => sum + r.transferSize, 0);
        return {
          first_paint: ms(paint ? paint.startTime : NaN),
          estimator_ready: ms(marks['estimator-root']),
          estimator_answer: ms(marks.answer),
          timeline_ready: ms(marks['timeline-root']),
          enquiry_ready: ms(marks['enquiry-root']),
          every_tool_ready: ms(Math.max(marks['estimator-root'], marks['timeline-root'], marks['enquiry-root'])),
          // When the wasm modules had fully arrived: the estimator's (the page's first), and the
          // last of all (with the split build, the later tools').
          first_wasm_arrived: ms(Math.min(...resources.filter((r) => r.name.endsWith('.wasm')).map((r) => r.responseEnd))),
          last_wasm_arrived: ms(Math.max(...resources.filter((r) => r.name.endsWith('.wasm')).map((r) => r.responseEnd))),
          // The later tools' module (split build only): when it was asked for and had arrived.
          later_wasm_asked: ms(later ? later.startTime : NaN),
          later_wasm_arrived: ms(later ? later.responseEnd : NaN),
          bytes_before_answer: bytes(marks.answer),
          bytes_in_all: bytes(Infinity),
          blocking_time: ms(blocking.total),
          longest_task: ms(blocking.longest),
          long_tasks: blocking.tasks,
        };
      });
      all[which].push(run);
    } finally {
      await browser.close();
    }
  }
} finally {
  stop();
}
const conditions = 'slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up), CPU 4x slower, fresh profile';
const report = dists.map((dist, d) => {
  const median_ms = {};
  for (const key of Object.keys(all[d][0]).filter((k) => k !== 'long_tasks')) median_ms[key] = median(all[d].map((r) => r[key]));
  return { dist, runs, median_ms, each_run_ms: all[d] };
});
console.log(JSON.stringify({ conditions, builds: report }, null, 2));
