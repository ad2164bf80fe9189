import { test, expect, type Page } from '@playwright/test';

// The estimator answers first: its module is the page's only WebAssembly until it has answered;
// the timeline, the enquiry form and the footer's holiday line come in a module of their own
// (src/app/later.rs), which never holds the answer up and whose failure the page survives.
const TODAY = new Date('2026-11-26T10:00:00+08:00');
const LATER = /\/split_later_tools-[0-9a-f]{16}\.wasm$/;
const MAIN = /\/fushen-[0-9a-f]{16}_bg\.wasm$/;
const REASONS = /\/split_reasons-[0-9a-f]{16}\.wasm$/;

/** The estimator's answer is on the page (and so is its module, alone). */
async function answered(page: Page) {
  return page.evaluate(
    () =>
      document.querySelector('#estimator-root[data-ready]') !== null &&
      document.querySelector('[data-testid=query-earliest]')?.getAttribute('datetime') === '2026-10-10',
  );
}

test('the later module is fetched once, after the estimator\'s has started to arrive, and the answer does not wait for it', async ({ page, context }) => {
  await page.clock.setFixedTime(TODAY);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  // When the estimator's module started to arrive and when the later one was asked for, by the
  // browser's own clock: the test's events for two requests may come in either order.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let mainArrived = Infinity;
  const laterAsked: number[] = [];
  cdp.on('Network.responseReceived', (e) => {
    if (MAIN.test(e.response.url)) mainArrived = Math.min(mainArrived, e.timestamp);
  });
  cdp.on('Network.requestWillBeSent', (e) => {
    if (LATER.test(e.request.url)) laterAsked.push(e.timestamp);
  });
  let asked = 0;
  await page.route(LATER, async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await page.goto('./#exam=2026-09-14');
  // The answer is there while the later module is still held back.
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
  expect(await answered(page)).toBe(true);
  await expect(page.locator('#timeline-root')).not.toHaveAttribute('data-ready', '');
  await expect(page.locator('#timeline-root')).toContainText('正在加载时间线');
  // The one-tap button is in its place already, waiting for the timeline.
  const add = page.getByRole('button', { name: '把这次考试记到我的证书时间线' });
  await expect(add).toBeDisabled();
  release();
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  await expect(add).toBeEnabled();
  await expect(page.locator('[data-holiday-source]')).toContainText('按国务院办公厅每年发布的放假安排通知计算');
  // Asked for once, by boot.js's preload (which the loader's fetch reused), and only once the
  // estimator's module was arriving (when, on a slow link, is the next test's).
  expect(asked).toBe(1);
  expect(laterAsked.length).toBeGreaterThan(0);
  expect(Math.min(...laterAsked)).toBeGreaterThanOrEqual(mainArrived);
  const preloaded = await page.locator('link[rel=preload][as=fetch]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(preloaded[0]).toMatch(MAIN);
  expect(preloaded.filter((href) => LATER.test(href))).toHaveLength(1);
  // The reasons panel's module is not among them: it waits until it is needed.
  expect(preloaded.filter((href) => REASONS.test(href))).toEqual([]);
});

test('on a slow link, the later module is asked for within two round trips of the estimator\'s last byte, not sooner', async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Slow 4G, as the benchmark's: 150 ms round trip, 1.6 Mbps down.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await page.goto('./');
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  const [main, later] = await page.evaluate(
    ([mainPattern, laterPattern]) => {
      const entry = (pattern: string) =>
        performance.getEntriesByType('resource').filter((r) => new RegExp(pattern).test(r.name)) as PerformanceResourceTiming[];
      return [entry(mainPattern), entry(laterPattern)].map((list) =>
        list.map((r) => ({ start: r.startTime, firstByte: r.responseStart, end: r.responseEnd })),
      );
    },
    [MAIN.source, LATER.source],
  );
  expect(main).toHaveLength(1);
  expect(later).toHaveLength(1);
  // The estimator's module took long enough on this link for "sooner" to mean something.
  expect(main[0].end - main[0].firstByte).toBeGreaterThan(400);
  // Asked for while the estimator's module was arriving or after, and only near its end: its
  // bytes do not share the link with the estimator's for more than a moment.
  expect(later[0].start).toBeGreaterThan(main[0].firstByte);
  expect(later[0].start).toBeGreaterThan(main[0].end - 2 * 150);
});

test('the page loads one script beside the estimator\'s module, and nothing of the later tools before its first paint', async ({ page }) => {
  // (No page.clock here: with it, the resource timeline this test reads came back empty.)
  await page.goto('./');
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  const { scripts, paint, later, modulePreloads } = await page.evaluate((laterPattern) => {
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return {
      scripts: resources.filter((r) => r.initiatorType === 'script' || /\.m?js(\?|$)/.test(r.name)).map((r) => new URL(r.name).pathname),
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      later: resources.filter((r) => new RegExp(laterPattern).test(r.name)).map((r) => r.startTime),
      modulePreloads: document.querySelectorAll('link[rel=modulepreload]').length,
    };
  }, LATER.source);
  // boot.js, the glue and the split loader come as one file: the estimator's module shares the
  // link with one request, not three.
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toMatch(/^\/boot-[0-9a-f]{16}\.js$/);
  expect(modulePreloads).toBe(0);
  // The later tools' module is asked for only once the page has painted.
  expect(paint).toBeGreaterThan(0);
  expect(later).toHaveLength(1);
  expect(later[0]).toBeGreaterThanOrEqual(paint);
});

test('without paint timing, boot.js still asks for the later tools before they are needed', async ({ page }) => {
  // A browser that keeps no paint entries: boot.js falls back to the next frame instead of
  // waiting for an entry that never comes (its last resort, three seconds, is far later than
  // the tools are ready here).
  await page.addInitScript(() => {
    Object.defineProperty(PerformanceObserver, 'supportedEntryTypes', { get: () => ['mark', 'measure'] });
  });
  await page.goto('./');
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  const preloaded = await page.locator('link[rel=preload][as=fetch]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(preloaded.filter((href) => LATER.test(href))).toHaveLength(1);
});

test('the estimator keeps working when the later module cannot be had, and the rest comes back online', async ({ page, context }) => {
  await page.clock.setFixedTime(TODAY);
  let failing = true;
  await page.route(LATER, (route) => (failing ? route.abort() : route.continue()));
  await page.goto('./#exam=2026-09-14');
  for (const id of ['#timeline-root', '#enquiry-root']) {
    await expect(page.locator(id)).toHaveText('时间线和咨询表没有加载成功。请检查网络：网络恢复后会自动再试，也可以刷新页面。');
    await expect(page.locator(id)).toHaveAttribute('data-failed', '');
  }
  // The estimator is untouched and still answers (中秋 Fri 09-25 and 国庆 are off, Sat 10-10 is 班).
  await page.getByLabel('考试日期').fill('2026-09-21');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-19');
  await expect(page.getByRole('button', { name: '把这次考试记到我的证书时间线' })).toBeDisabled();
  // Back online, the later tools arrive without a reload.
  failing = false;
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  await expect(page.locator('[data-tool][data-failed]')).toHaveCount(0);
  await page.getByRole('button', { name: '把这次考试记到我的证书时间线' }).click();
  await expect(page.locator('#est-added')).not.toBeEmpty();
});

test('nothing moves when the later tools mount', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await page.addInitScript(() => {
    (window as unknown as { shifts: number[] }).shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number[] }).shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('./#exam=2026-09-14');
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  await page.waitForTimeout(500);
  const shift = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((a, b) => a + b, 0));
  // Lighthouse's "good" is below 0.1; what is on screen at 390x844 must not move at all.
  expect(shift).toBeLessThan(0.01);
});

test('a browser below the floor is told so, not to check its network', async ({ page }) => {
  // An engine without one of the features the built modules use (reference types, say): the
  // probe in boot.js does not validate there.
  await page.addInitScript(() => {
    WebAssembly.validate = () => false;
  });
  await page.goto('./');
  for (const id of ['#estimator-root', '#timeline-root', '#enquiry-root']) {
    await expect(page.locator(id)).toHaveText(/这个浏览器版本太旧.*安卓 Chrome 96、苹果 iOS 15/);
  }
  await expect(page.getByRole('heading', { name: '4. 怎么查结果' })).toBeVisible();
});

test('the reasons panel comes in its own module: asked for once every tool is there, and survives a failed fetch', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  let failing = true;
  let asked = 0;
  await page.route(REASONS, (route) => {
    asked += 1;
    return failing ? route.abort() : route.continue();
  });
  await page.goto('./#exam=2026-09-14');
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  // Fetched without a tap once every tool is there (here it fails).
  await expect.poll(() => asked).toBe(1);
  // Opened, it is asked for again (a failure is not kept) and fails again.
  await page.getByText('为什么是这些日期？').click();
  await expect(page.locator('#est-why-body')).toHaveText('说明没有加载成功，请检查网络后收起再点开。');
  expect(asked).toBe(2);
  // Closed and opened again with the network back, it arrives and shows the reasons.
  failing = false;
  await page.getByText('为什么是这些日期？').click();
  await page.getByText('为什么是这些日期？').click();
  await expect(page.getByTestId('why-list')).toContainText('国庆');
  expect(asked).toBe(3);
});