import { test, expect } from '@playwright/test';
import { configure, EnquiryForm, PHONE } from './enquiry-page';

// dist/ put on a plain static host (tools/serve.mjs), which receives nothing: the page keeps its
// default endpoint, the host answers the POST with 404 (no such path) or 405 (a file). The user
// must hear what a page without an endpoint says — kept on the phone, call us — never a refusal
// of what they wrote, and the enquiry must not sit in the outbox retrying for ever.

// 405: the endpoint names a file of the site (not the page itself, which the test's settings
// stub rewrites).
for (const [endpoint, status] of [
  [null, 404],
  ['manifest.webmanifest', 405],
] as const) {
  test(`a static host answering ${status}: kept on the phone, the phone number offered`, async ({ page }) => {
    const posts: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST') posts.push(r.status());
    });
    // Only the phone number is configured; the endpoint stays as built (api/enquiries) unless given.
    await configure(page, endpoint === null ? { phone: PHONE } : { endpoint, phone: PHONE });
    const form = new EnquiryForm(page);
    await form.open();
    await form.fillValid();
    await form.submit.click();

    await expect(form.status).toContainText('本页面暂时不能在线提交。你填写的内容已保存在这部手机上，请直接打电话咨询：');
    await expect(form.status.getByRole('link', { name: PHONE })).toHaveAttribute('href', 'tel:07348123456');
    await expect(form.status).not.toContainText('提交没有被接收');
    await expect(form.outcome).toBeHidden();
    await expect(form.pending).toBeHidden();
    expect(posts).toEqual([status]);
    expect(await form.storage('fushen.enquiry.outbox')).toBeNull();
    await expect(form.name).toBeEnabled();

    // Nothing is retried behind the user's back, and the draft survives a reload.
    await page.waitForTimeout(6_000);
    expect(posts).toEqual([status]);
    await page.reload();
    await expect(form.name).toHaveValue('张三');
  });
}
