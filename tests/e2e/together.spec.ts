import { test, expect, type Page } from '@playwright/test';

// The tools working together: the estimator's answer goes into the timeline with one tap, and
// the estimator's assumptions are the timeline's too.
const TODAY = new Date('2026-03-01T10:00:00+08:00');

async function open(page: Page, hash = '') {
  await page.clock.setFixedTime(TODAY);
  await page.goto('./' + hash);
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
}

async function addCertificate(page: Page, type: string, first: string) {
  await page.getByRole('button', { name: '添加证书' }).click();
  const form = page.getByRole('form', { name: '添加证书' });
  await form.getByLabel('证书类型（作业类别）').selectOption({ label: type });
  await form.getByLabel('初领日期').fill(first);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
}

test('the estimator adds its exam to the only certificate with one tap', async ({ page }) => {
  await open(page);
  await addCertificate(page, '熔化焊接与热切割作业', '2020-05-10');
  await page.getByLabel('考试日期').fill('2026-03-20');
  await page.getByRole('button', { name: '把这次考试记到我的证书时间线' }).click();
  await expect(page.locator('#estimator-root [role=status]').filter({ hasText: '已记到' })).toHaveText('已记到下面的证书时间线里');
  const card = page.getByRole('article', { name: '熔化焊接与热切割作业' });
  await expect(card).toContainText('3月20日');
  await expect(card).toContainText('考试');
  // A second tap does not add it twice.
  await page.getByRole('button', { name: '把这次考试记到我的证书时间线' }).click();
  await expect(page.locator('#estimator-root [role=status]').filter({ hasText: '已经有' })).toHaveText('时间线里已经有这次考试了');
});

test('with no certificate yet, the timeline asks for one and keeps the exam date', async ({ page }) => {
  await open(page, '#exam=2026-03-20');
  await page.getByRole('button', { name: '把这次考试记到我的证书时间线' }).click();
  await expect(page.locator('#estimator-root [role=status]').filter({ hasText: '请先' })).toContainText('请先在下面添加证书');
  const form = page.getByRole('form', { name: '添加证书' });
  await expect(form).toBeVisible();
  await form.getByLabel('证书类型（作业类别）').selectOption({ label: '低压电工作业' });
  await form.getByLabel('初领日期').fill('2014-06-01');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('article', { name: '低压电工作业' })).toContainText('3月20日');
});
