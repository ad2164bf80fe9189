import { test, expect } from '@playwright/test';

// The page as a whole: content first, robust without WebAssembly or JavaScript, deployable under
// a sub-path, installable and usable offline after one visit.
const TODAY = new Date('2026-11-26T10:00:00+08:00');

test('the guide is readable and the tools say so in one line without WebAssembly', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: simulate a browser without WebAssembly
    delete window.WebAssembly;
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: '复审指南：一次看懂' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '4. 怎么查结果' })).toBeVisible();
  for (const id of ['#estimator-root', '#timeline-root', '#enquiry-root']) {
    await expect(page.locator(id)).toHaveText(/这个浏览器版本太旧，用不了计算工具/);
  }
});

test('a failed download of the tools says so and keeps the guide', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('./');
  await expect(page.locator('#estimator-root')).toHaveText(/工具没有加载成功，请检查网络后刷新页面/);
  await expect(page.locator('#estimator-root')).toHaveAttribute('data-failed', '');
  await expect(page.getByRole('heading', { name: '3. 考完要等多久' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the guide is there and the tool areas explain themselves', async ({ page }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { name: '6. 防骗提醒' })).toBeVisible();
    // The loading note would never finish: it is hidden, and the <noscript> line shows instead.
    await expect(page.locator('#estimator-root .tool-loading')).toBeHidden();
    expect(await page.locator('#estimator-root').innerHTML()).toContain('<noscript><p>计算工具需要开启 JavaScript');
    await page.screenshot({ path: 'tests/e2e/artifacts/no-javascript-390x844.png' });
  });
});

test('works from a sub-path', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await page.goto('/fushen/#exam=2026-09-14');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
});

test('the action bar and the guide contents jump to their places', async ({ page }) => {
  await page.goto('./');
  const bar = page.getByRole('navigation', { name: '快捷操作' });
  await expect(bar).toBeVisible();
  const box = await bar.boundingBox();
  expect(box && box.y + box.height).toBeGreaterThan(800); // at the bottom, in thumb reach
  await page.getByRole('navigation', { name: '指南目录' }).getByRole('link', { name: '防骗提醒' }).click();
  await expect(page.getByRole('heading', { name: '6. 防骗提醒' })).toBeInViewport();
});

test('in-page links keep the dates in the address', async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await page.goto('./#exam=2026-09-14');
  await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
  await page.getByRole('navigation', { name: '页面导航' }).getByRole('link', { name: '复审指南' }).click();
  await expect(page.getByRole('heading', { name: '复审指南：一次看懂' })).toBeInViewport();
  await page.getByRole('link', { name: '回到顶部' }).click();
  await expect(page.getByRole('heading', { name: '复审考完，结果什么时候能查？' })).toBeInViewport();
  expect(new URL(page.url()).hash).toBe('#exam=2026-09-14');
  await page.reload();
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
});

test('no horizontal scrolling from 320 px up', async ({ page }) => {
  for (const width of [320, 360, 390]) {
    await page.setViewportSize({ width, height: 740 });
    await page.clock.setFixedTime(TODAY);
    await page.goto('./#exam=2026-09-14');
    await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
    await page.getByText('为什么是这些日期？').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `at ${width}px`).toBeLessThanOrEqual(0);
  }
});

test.describe('installable and offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('opens and works offline after one visit', async ({ page, context }) => {
    await page.clock.setFixedTime(TODAY);
    await page.goto('./');
    await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
    // The manifest is named once the page has loaded (boot.js), not from the page's head.
    await expect(page.locator('link[rel=manifest]')).toBeAttached();
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel=manifest]') as HTMLLinkElement;
      return (await fetch(link.href)).json();
    });
    expect(manifest.name).toBe('焊工证复审助手');
    expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      // Wait until the worker has cached this build: both modules, the estimator's and the
      // later tools' (named in the page's data-later).
      const meta = document.querySelector('meta[name="fushen-app"]') as HTMLMetaElement;
      const later = (meta.dataset.later ?? '').split(' ').filter(Boolean);
      if (later.length === 0) throw new Error('the page names no later module');
      const wanted = [meta.dataset.wasm!, ...later].map((f) => new URL(f, document.baseURI).href);
      for (let i = 0; i < 50; i++) {
        const cache = await caches.open('fushen-sw-1');
        const keys = new Set((await cache.keys()).map((k) => k.url));
        if (wanted.every((url) => keys.has(url))) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('not everything cached');
    });
    await context.setOffline(true);
    await page.goto('./#exam=2026-09-14');
    await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
    await expect(page.getByRole('heading', { name: '复审指南：一次看懂' })).toBeVisible();
    // Every tool, not only the estimator.
    await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
    await expect(page.getByRole('button', { name: '把这次考试记到我的证书时间线' })).toBeEnabled();
  });

  test('a new build is used at the next visit, and kept for offline use', async ({ page, context }) => {
    await page.goto('./');
    await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // The host now serves a new page (as after a deploy).
    await context.route(
      (url) => url.pathname === '/',
      async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace('复审指南：一次看懂', '复审指南：新版本');
        await route.fulfill({ response, body: html });
      },
    );
    await page.reload();
    await expect(page.getByRole('heading', { name: '复审指南：新版本' })).toBeVisible();
    // Offline, the cached copy is the new one, not the first.
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.match('./'))?.text())?.includes('复审指南：新版本')))
      .toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: '复审指南：新版本' })).toBeVisible();
    await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
  });
});
