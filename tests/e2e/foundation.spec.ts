import { test, expect } from '@playwright/test';

// The whole chain works: the release build loads, the wasm mounts, and the working-day engine
// answers for a typed exam date.
test('typing an exam date shows the 15th and 30th working day', async ({ page }) => {
  // Start-up reports nothing: a panic (for example an effect created before Leptos's executor
  // exists) shows up here before it shows up as tools that never get ready.
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.setFixedTime(new Date('2026-11-26T10:00:00+08:00'));
  await page.goto('./');
  const input = page.getByLabel('考试日期');
  await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
  await input.fill('2026-09-14');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
  await expect(page.getByTestId('query-earliest')).toContainText('10月10日 周六');
  await expect(page.getByTestId('query-latest')).toHaveAttribute('datetime', '2026-10-30');
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  expect(errors).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/artifacts/foundation-390x844.png', fullPage: true });
});
