import { test, expect, type Page } from '@playwright/test';

// The estimator at phone size: inputs, the link, the reasons, the provisional case.
// "Today" is fixed to Thu 2026-11-26 in China so that relative days are stable.
const TODAY = new Date('2026-11-26T10:00:00+08:00');

async function open(page: Page, hash = '') {
  await page.clock.setFixedTime(TODAY);
  await page.goto('./' + hash);
  await expect(page.locator('#estimator-root[data-ready]')).toBeAttached();
}

function fragment(page: Page) {
  return new URL(page.url()).hash;
}

test('defaults to today and answers as the date is typed', async ({ page }) => {
  await open(page);
  await expect(page.getByLabel('考试日期')).toHaveValue('2026-11-26');
  await expect(page.getByTestId('query-status')).toHaveText('还没有考试');
  expect(fragment(page)).toBe('', 'nothing is written to the link before the user changes something');

  await page.getByLabel('考试日期').fill('2026-09-14');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
  await expect(page.getByTestId('query-earliest')).toHaveText('10月10日 周六');
  await expect(page.getByTestId('query-latest')).toHaveAttribute('datetime', '2026-10-30');
  await expect(page.getByTestId('query-latest-sync')).toHaveAttribute('datetime', '2026-11-03');
  const earliestRow = page.locator('li', { has: page.getByTestId('query-earliest') });
  await expect(earliestRow).toContainText('已过47天');
  await expect(earliestRow).toContainText('考后第15个工作日');
  // 2026-11-26 is the 49th working day after the exam: past the usual window.
  await expect(page.getByTestId('query-status')).toHaveText('已超过通常时间，建议联系培训机构');
  await expect(page.getByText('考后已过49个工作日')).toBeVisible();
  // The answer is announced in a live region.
  await expect(page.locator('#estimator-root [aria-live="polite"]')).toContainText('最早10月10日 周六可以查');
  expect(fragment(page)).toBe('#exam=2026-09-14');
});

test('a recent exam shows the window ahead and the check dates', async ({ page }) => {
  await open(page, '#exam=2026-11-16');
  await expect(page.getByTestId('query-status')).toHaveText('还没到查询时间');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-12-07');
  await expect(page.locator('li', { has: page.getByTestId('query-earliest') })).toContainText('还有11天');
  const checks = page.getByTestId('check-dates').locator('time');
  await expect(checks).toHaveCount(3);
  await expect(checks.first()).toHaveAttribute('datetime', '2026-12-07');
});

test('the link opens the same answer and follows the inputs without adding history', async ({ page }) => {
  await open(page, '#exam=2026-09-14&acc=2026-09-01');
  await expect(page.getByLabel('考试日期')).toHaveValue('2026-09-14');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
  await expect(page.getByTestId('legal-deadline')).toHaveAttribute('datetime', '2026-09-29');
  const length = await page.evaluate(() => history.length);
  await page.getByLabel('考试日期').fill('2026-09-15');
  await page.getByLabel('受理日期').fill('');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-12');
  await expect(page.getByTestId('legal-deadline')).toHaveCount(0);
  expect(fragment(page)).toBe('#exam=2026-09-15');
  expect(await page.evaluate(() => history.length)).toBe(length);

  // The same link in a fresh page gives the same answer; so does a reload.
  await page.reload();
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-12');
});

test('a bad link gives a clear message and the defaults, never a blank page', async ({ page }) => {
  await open(page, '#exam=2026-02-30&e=abc');
  const notice = page.getByRole('status').filter({ hasText: '链接里' });
  await expect(notice).toContainText('链接里的考试日期无法使用（没有这一天，请检查月份和日期），已改用今天。');
  await expect(notice).toContainText('链接里的工作日天数不是有效数字，已改用默认值。');
  await expect(page.getByLabel('考试日期')).toHaveValue('2026-11-26');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-12-17');
});

test('a cleared date asks for one instead of showing stale dates', async ({ page }) => {
  await open(page, '#exam=2026-09-14');
  await page.getByLabel('考试日期').fill('');
  await expect(page.getByText('请选择日期')).toBeVisible();
  await expect(page.getByLabel('考试日期')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('query-earliest')).toHaveCount(0);
});

test('the reasons list every weekend, holiday and 班 day, with a calendar', async ({ page }) => {
  await open(page, '#exam=2026-09-14');
  const why = page.getByText('为什么是这些日期？');
  await expect(page.getByTestId('why-list')).toHaveCount(0);
  await why.click();
  const list = page.getByTestId('why-list');
  await expect(list).toContainText('9月20日 周日：调休上班（国庆节），照常计算');
  await expect(list).toContainText('9月25日 周五 至 9月27日 周日（3天）：中秋节放假');
  await expect(list).toContainText('10月1日 周四 至 10月7日 周三（7天）：国庆节放假');
  await expect(list).toContainText('10月10日 周六：调休上班（国庆节），照常计算');
  const october = page.getByRole('table', { name: '2026年10月' });
  await expect(october).toBeVisible();
  await expect(october.locator('time[datetime="2026-10-10"]')).toContainText('10月10日 周六，调休上班（国庆节），最早可查');
  await expect(page.getByRole('table', { name: '2026年9月' }).locator('time[datetime="2026-09-14"]')).toContainText('考试日');
});

test('a span into an unpublished year is marked provisional with a range and the festival', async ({ page }) => {
  await open(page, '#exam=2026-12-21');
  await expect(page.getByTestId('provisional')).toContainText('2027年元旦、春节的放假安排还没公布');
  const latest = page.locator('li', { has: page.getByTestId('query-latest') });
  await expect(latest).toContainText('放假安排未定，可能在');
  await page.getByText('为什么是这些日期？').click();
  await expect(page.getByTestId('why-list')).toContainText('春节放假（暂定）');
  await page.screenshot({ path: 'tests/e2e/artifacts/estimator-provisional-390x844.png', fullPage: true });
});

test('assumptions can be changed, are kept in the link, and restored', async ({ page }) => {
  await open(page, '#exam=2026-09-14');
  await page.getByText('估算依据：').click();
  await page.getByLabel('最早可查：考后第几个工作日').fill('10');
  // 09-15..18, Sun 09-20 (班), 09-21..24, then 中秋 09-25..27: the 10th is Mon 09-28.
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-09-28');
  expect(fragment(page)).toBe('#exam=2026-09-14&e=10&u=30&s=2');
  await page.getByLabel('通常可查：考后第几个工作日').fill('5');
  await expect(page.getByRole('alert')).toHaveText('“通常可查”不能早于“最早可查”');
  await expect(page.getByTestId('query-earliest')).toHaveCount(0);
  await page.getByRole('button', { name: '恢复默认' }).click();
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-10-10');
  expect(fragment(page)).toBe('#exam=2026-09-14');
});

test('inputs are kept on the phone for the next visit without a link', async ({ page }) => {
  await open(page);
  await page.getByLabel('考试日期').fill('2026-10-20');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-11-10');
  await page.goto('about:blank');
  await open(page);
  await expect(page.getByLabel('考试日期')).toHaveValue('2026-10-20');
});

test('a link opened in the same tab replaces the inputs', async ({ page }) => {
  await open(page, '#exam=2026-09-14');
  await page.evaluate(() => { location.hash = '#exam=2026-10-19&acc=2026-10-08'; });
  await expect(page.getByLabel('考试日期')).toHaveValue('2026-10-19');
  await expect(page.getByLabel('受理日期')).toHaveValue('2026-10-08');
  await expect(page.getByTestId('query-earliest')).toHaveAttribute('datetime', '2026-11-09');
});
