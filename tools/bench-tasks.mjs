// The main thread's tasks after the first contentful paint, traced the way Lighthouse's gather
// sees a page: a fresh profile, a phone-size screen, no throttling, and the DevTools debugger on
// with async stacks (Lighthouse turns it on to attribute requests; it makes V8 run WebAssembly
// as unoptimised debug code and record a stack at every promise). Lighthouse's TBT is then
// estimated the way its simulation counts: each task four times as long (twice when it lays
// out), and what exceeds 50 ms.
//
//   node tools/bench-tasks.mjs <dist> [loads=8] [<another dist> ...]   (builds take turns)
//
// Each load prints the estimate and the tasks that count, with the trace events that filled them
// and any console.timeStamp labels inside (add `web_sys::console::time_stamp_with_data` calls
// to a build to name its steps). The page is left alone for three seconds after loading: a
// waitForSelector would poll it with scripts of its own, which would show up as tasks.
import { chromium } from '@playwright/test';

import { serveBuilds } from './bench-serve.mjs';

const [first, loadsArg, ...more] = process.argv.slice(2);
if (!first) {
  console.error('usage: node tools/bench-tasks.mjs <dist> [loads] [<another dist> ...]');
  process.exit(2);
}
const builds = [first, ...more];
const loads = Number(loadsArg ?? 8);
const { urls, stop } = await serveBuilds(builds, 4480);

try {
  const estimates = builds.map(() => []);
  for (let load = 0; load < loads; load++) {
    for (const [i, dir] of builds.entries()) {
      // Now and then a trace comes without its first contentful paint: that load is taken again.
      let result = await traceOnce(urls[i]);
      for (let retry = 0; retry < 2 && !Number.isFinite(result.tbt); retry++) result = await traceOnce(urls[i]);
      const { tbt, counted } = result;
      estimates[i].push(tbt);
      console.log(`${dir} load ${load + 1}: estimated TBT ${tbt} ms; ${counted.join('; ') || 'no task counts'}`);
    }
  }
  for (const [i, dir] of builds.entries()) {
    // A load whose traces never had a first contentful paint is left out.
    const sorted = estimates[i].filter(Number.isFinite).sort((a, b) => a - b);
    const mean = Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length);
    console.log(`${dir}: estimated TBT median ${sorted[sorted.length >> 1]} ms, mean ${mean} ms, max ${sorted.at(-1)} ms over ${sorted.length} of ${loads} loads (${estimates[i].join(', ')})`);
  }
} finally {
  stop();
}

async function traceOnce(url) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.setSkipAllPauses', { skip: true });
    await cdp.send('Debugger.setAsyncCallStackDepth', { maxDepth: 8 });
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const done = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,loading,blink.console', transferMode: 'ReportEvents' });
    await page.goto(url);
    await page.waitForTimeout(3000);
    await cdp.send('Tracing.end');
    await done;
    const fcp = events.find((e) => e.name === 'firstContentfulPaint');
    if (!fcp) return { tbt: NaN, counted: ['no first contentful paint in the trace'] };
    const main = events.filter((e) => e.pid === fcp.pid && e.tid === fcp.tid);
    let tbt = 0;
    const counted = [];
    for (const task of main.filter((e) => e.name === 'RunTask' && e.ts >= fcp.ts)) {
      const inside = main.filter((e) => e !== task && e.ts >= task.ts && e.ts <= task.ts + task.dur);
      const layout = inside.some((e) => e.name === 'Layout');
      const simulated = (task.dur / 1000) * (layout ? 2 : 4);
      if (simulated <= 50) continue;
      tbt += simulated - 50;
      const labels = inside.filter((e) => e.name === 'TimeStamp').map((e) => e.args.data.message);
      const time = {};
      for (const e of inside.filter((e) => e.dur)) time[e.name] = (time[e.name] ?? 0) + e.dur;
      const top = Object.entries(time).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`);
      counted.push(`${(task.dur / 1000).toFixed(1)} ms${layout ? ' (layout)' : ''} [${labels.length ? labels.join(' ') : top.join(', ')}]`);
    }
    return { tbt: Math.round(tbt), counted };
  } finally {
    await browser.close();
  }
}
