// How soon each tool answers on a slow phone, tried as a new user would: the release build
// served with brotli and keep-alive (tools/serve.mjs), a fresh browser profile each run, slow 4G
// (150 ms round trip, 1.6 Mbps down, 750 kbps up) and a CPU 4x slower, by the DevTools protocol.
// Measured from the navigation's start: first paint, each tool's `data-ready`, the estimator's
// first answer on screen, and the main thread's blocking time (long tasks beyond 50 ms) until
// every tool is ready. Prints the median of the runs (and every run).
//
//   node tools/bench-startup.mjs [dist] [runs]
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const dist = process.argv[2] ?? 'dist';
const runs = Number(process.argv[3] ?? 5);
const port = 4182;
const server = spawn('node', ['tools/serve.mjs', dist, String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

// Installed before the page's own scripts: notes when each milestone first appears.
function observe() {
  const marks = {};
  const blocking = { total: 0, longest: 0 };
  window.__bench = { marks, blocking };
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      blocking.total += Math.max(0, task.duration - 50);
      blocking.longest = Math.max(blocking.longest, task.duration);
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
const all = [];
try {
  for (let i = 0; i < runs; i++) {
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
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector('#enquiry-root[data-ready]', { timeout: 60_000 });
      await page.waitForTimeout(1000);
      const run = await page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const { marks, blocking } = window.__bench;
        const ms = (x) => Math.round(x);
        return {
          first_paint: ms(paint ? paint.startTime : NaN),
          estimator_ready: ms(marks['estimator-root']),
          estimator_answer: ms(marks.answer),
          timeline_ready: ms(marks['timeline-root']),
          enquiry_ready: ms(marks['enquiry-root']),
          blocking_time: ms(blocking.total),
          longest_task: ms(blocking.longest),
        };
      });
      all.push(run);
    } finally {
      await browser.close();
    }
  }
} finally {
  server.kill();
}
const summary = { conditions: 'slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up), CPU 4x slower, fresh profile', runs, median_ms: {} };
for (const key of Object.keys(all[0])) summary.median_ms[key] = median(all.map((r) => r[key]));
summary.each_run_ms = all;
console.log(JSON.stringify(summary, null, 2));
