// How fast the estimator answers while the user types, on a phone-class CPU: Chromium with the
// CPU slowed down 4x (DevTools throttling). Measures, inside the page, the time from the input
// event to the updated answer in the DOM, and to the next frame, over many edits.
//
//   node tools/bench-estimator.mjs [dist]
import { chromium } from '@playwright/test';

import { serveBuilds } from './bench-serve.mjs';

const dist = process.argv[2] ?? 'dist';
const { urls, stop } = await serveBuilds([dist], 4181);

let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${urls[0]}#exam=2026-09-14`);
  // Typing at rest: once every tool is there (with the split build the later tools arrive after
  // the estimator's answer, and their start would share the CPU with the first edits).
  await page.waitForSelector('#enquiry-root[data-ready]');
  await page.waitForTimeout(1000);

  const measure = (label) => page.evaluate(async (label) => {
    const input = document.getElementById('exam-date');
    const times = [];
    const frames = [];
    // Exam dates across the year, some into the provisional 2027 span.
    const dates = [];
    for (let i = 0; i < 40; i++) {
      const d = new Date(Date.UTC(2026, 0, 5) + i * 9 * 86400000);
      dates.push(d.toISOString().slice(0, 10));
    }
    for (const date of dates) {
      const before = document.querySelector('[data-testid=query-earliest]')?.getAttribute('datetime');
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          const now = document.querySelector('[data-testid=query-earliest]')?.getAttribute('datetime');
          if (now && now !== before) { obs.disconnect(); resolve(performance.now()); }
        });
        obs.observe(document.getElementById('estimator-root'), { subtree: true, childList: true, attributes: true, characterData: true });
      });
      const t0 = performance.now();
      input.value = date;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await changed;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const t2 = performance.now();
      times.push(t1 - t0);
      frames.push(t2 - t0);
    }
    const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
    return { label, edits: times.length, dom_update_ms: { median: +q(times, 0.5).toFixed(1), p95: +q(times, 0.95).toFixed(1), max: +Math.max(...times).toFixed(1) }, to_next_frame_ms: { median: +q(frames, 0.5).toFixed(1), p95: +q(frames, 0.95).toFixed(1) } };
  }, label);

  const closed = await measure('reasons collapsed');
  await page.getByText('为什么是这些日期？').click();
  const open = await measure('reasons open (list and month calendars re-rendered)');
  console.log(JSON.stringify({ cpu_throttling: '4x', results: [closed, open] }, null, 2));
} finally {
  await browser?.close();
  stop();
}
