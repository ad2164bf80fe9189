import { test, expect } from '@playwright/test';
import { addCertificate, openPage } from './support';
import { configure, DEPLOYED, EnquiryForm, Receiver } from './enquiry-page';

// The tools working together: the estimator's answer goes into the timeline with one tap, and
// the estimator's assumptions are the timeline's too.
const TODAY = new Date('2026-03-01T10:00:00+08:00');

test('the estimator adds its exam to the only certificate with one tap', async ({ page }) => {
  await openPage(page, TODAY);
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
  await openPage(page, TODAY, '#exam=2026-03-20');
  await page.getByRole('button', { name: '把这次考试记到我的证书时间线' }).click();
  await expect(page.locator('#estimator-root [role=status]').filter({ hasText: '请先' })).toContainText('请先在下面添加证书');
  const form = page.getByRole('form', { name: '添加证书' });
  await expect(form).toBeVisible();
  await form.getByLabel('证书类型（作业类别）').selectOption({ label: '低压电工作业' });
  await form.getByLabel('初领日期').fill('2014-06-01');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('article', { name: '低压电工作业' })).toContainText('3月20日');
});

test('the timeline counts the query window with the estimator\'s assumptions', async ({ page }) => {
  await openPage(page, TODAY);
  await addCertificate(page, '熔化焊接与热切割作业', '2020-05-10');
  await page.getByLabel('考试日期').fill('2026-02-24');
  await page.getByRole('button', { name: '把这次考试记到我的证书时间线' }).click();
  const card = page.getByRole('article', { name: '熔化焊接与热切割作业' });
  // 15 working days after Tue 02-24, Sat 02-28 being a 班 day: Mon 03-16.
  await expect(card.locator('.tl-action')).toContainText('3月16日起可以查询复审结果');
  await page.getByText('估算依据：').click();
  await page.getByLabel('最早可查：考后第几个工作日').fill('10');
  // 10 working days after 02-24: Mon 03-09.
  await expect(card.locator('.tl-action')).toContainText('3月9日起可以查询复审结果');
});

test('清除我的数据 also drops an enquiry waiting to be sent: it is never sent afterwards', async ({ page }) => {
  const receiver = new Receiver();
  receiver.answer = () => ({ status: 503 });
  await receiver.attach(page);
  await configure(page, DEPLOYED);
  await openPage(page, TODAY);
  const form = new EnquiryForm(page);
  await form.fillValid();
  await form.submit.click();
  await expect.poll(() => receiver.requests.length).toBe(1);
  await expect.poll(() => form.storage('fushen.enquiry.outbox')).not.toBeNull();
  await page.getByRole('button', { name: '清除我的数据' }).click();
  await page.getByTestId('clear-confirm').getByRole('button', { name: '确定清除' }).click();
  await page.waitForLoadState('load');
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
  await expect(form.name).toHaveValue('');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fushen.')))).toEqual([]);
  // The outbox would have retried after 5 s; nothing more may reach the receiver.
  await page.waitForTimeout(6500);
  expect(receiver.requests.length).toBe(1);
});
