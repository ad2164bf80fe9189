import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { addCertificate, openPage } from './support';

// axe-core finds no WCAG 2.x A/AA violations on the page in each of its states, at phone and
// desktop size. Screenshots at 360x740 and 1280x800 are saved for people to look at.
const TODAY = new Date('2026-11-26T10:00:00+08:00');

function open(page: Page, hash = '') {
  return openPage(page, TODAY, hash);
}

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations in state "${state}"`).toEqual([]);
}

test('empty page', async ({ page }) => {
  await open(page);
  await expectNoViolations(page, 'empty');
});

test('filled: an answer with its reasons and assumptions open', async ({ page }) => {
  await open(page, '#exam=2026-11-02&acc=2026-10-20');
  await page.getByText('为什么是这些日期？').click();
  await page.getByText('估算依据：').click();
  await expect(page.getByTestId('why-list')).toBeVisible();
  await expectNoViolations(page, 'filled');
});

test('errors shown: estimator and enquiry form', async ({ page }) => {
  await open(page, '#exam=2026-09-14');
  await page.getByLabel('考试日期').fill('');
  await page.getByText('估算依据：').click();
  await page.getByLabel('最早可查：考后第几个工作日').fill('x');
  await expect(page.getByText('请填写整数天数')).toBeVisible();
  // An empty enquiry sent: every required field says what is wrong.
  await page.locator('#enquiry-root').getByRole('button', { name: /提交/ }).click();
  await expect(page.locator('#enquiry-root').getByText('请先选择证书类型')).toBeVisible();
  // Invalid fields are marked by more than colour text: a thick red border on the control.
  for (const control of [page.getByLabel('考试日期'), page.locator('#enquiry-root').getByLabel('手机号码', { exact: true })]) {
    await expect(control).toHaveAttribute('aria-invalid', 'true');
    await expect(control).toHaveCSS('border-top-width', '2px');
    await expect(control).toHaveCSS('border-top-color', 'rgb(176, 0, 32)');
  }
  await expectNoViolations(page, 'errors');
});

test('timeline present: two certificates, an event, a form open', async ({ page }) => {
  await open(page, '#exam=2026-11-02');
  await addCertificate(page, '熔化焊接与热切割作业', '2020-05-10');
  await addCertificate(page, '低压电工作业', '2012-08-01');
  await page.getByRole('button', { name: '把这次考试记到我的证书时间线' }).click();
  await page.getByRole('article', { name: '低压电工作业' }).getByRole('button', { name: '记一笔' }).click();
  await expect(page.getByRole('form', { name: '记一笔' })).toBeVisible();
  await expectNoViolations(page, 'timeline');
  await page.screenshot({ path: 'tests/e2e/artifacts/timeline-present-390x844.png', fullPage: true });
});

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`screenshots at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page, '#exam=2026-11-02');
    await page.screenshot({ path: `tests/e2e/artifacts/page-${width}x${height}.png` });
    await page.screenshot({ path: `tests/e2e/artifacts/page-${width}x${height}-full.png`, fullPage: true });
    await expectNoViolations(page, `${width}x${height}`);
  });
}
