import { expect, type Page } from '@playwright/test';

// Steps several end-to-end files share.

/** Opens the page with "today" fixed (China time) and waits until every tool has loaded. */
export async function openPage(page: Page, today: Date, hash = '') {
  await page.clock.setFixedTime(today);
  await page.goto('./' + hash);
  await expect(page.locator('[data-tool]:not([data-ready])')).toHaveCount(0);
}

/** Adds a certificate through the timeline's form, as a user would. */
export async function addCertificate(page: Page, type: string, first: string) {
  await page.getByRole('button', { name: '添加证书' }).click();
  const form = page.getByRole('form', { name: '添加证书' });
  await form.getByLabel('证书类型（作业类别）').selectOption({ label: type });
  await form.getByLabel('初领日期').fill(first);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
}
