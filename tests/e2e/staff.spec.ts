import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { EnquiryForm } from './enquiry-page';
import { FushenServer, enquiryBody, postEnquiry } from './fushen-server';

// The staff's day, as the front desk lives it on a phone (390x844), against the real release
// server: a welder submits on the page and reads out his 咨询编号; the staff member finds him by
// it, sets a call for tomorrow; "tomorrow" (the same data folder served by `serve_ahead`, the
// server's library on a clock a day ahead; the installed program has no such setting) he is
// first on the list; the history says who did what; the season counts him.

test.describe.configure({ timeout: 120_000 });

async function expectNoViolations(page: Page, state: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

/** Nothing sideways at phone width, and every link and button big enough for a thumb. */
async function expectPhoneSized(page: Page, state: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${state}: sideways scroll`).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main a, main button, header a, header button, select, input:not([type=hidden]), summary')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ el, box }) => box.height < 44 && !(el instanceof HTMLInputElement && el.type === 'checkbox'))
      .map(({ el }) => el.outerHTML.slice(0, 80)),
  );
  expect(small, `${state}: targets under 44 px`).toEqual([]);
}

/** Today's date in China, plus `days`, as YYYY-MM-DD. */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('find the welder by his reference, call him back tomorrow, see the season', async ({ page }) => {
  const server = new FushenServer(6);
  try {
    await server.start();
    await server.command(['staff', 'set', 'wang', '--password-stdin'], 'correct horse battery\n');
    // Other people's enquiries, so that the search has something to pass over.
    for (const n of [1, 2, 3]) {
      const { id, body } = enquiryBody(n);
      expect(await postEnquiry(server.url, id, body)).toBe(201);
    }

    // The welder, on the page.
    await page.goto(server.url);
    await expect(page.locator('#enquiry-root[data-ready]')).toBeAttached();
    const form = new EnquiryForm(page);
    await form.fillValid();
    await form.submit.click();
    await expect(form.outcome.getByRole('heading')).toHaveText('提交成功');
    const shown = (await page.getByTestId('enquiry-reference').textContent())!.trim();
    expect(shown).toMatch(/^\d{4} \d{4}$/);

    // The front desk signs in.
    await page.goto(`${server.url}staff/`);
    await expect(page).toHaveURL(/\/staff\/login$/);
    await expectNoViolations(page, 'sign-in');
    await page.getByLabel('用户名').fill('wang');
    await page.getByLabel('密码').fill('correct horse battery');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { name: '咨询收件箱' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('共 4 条，第 1 / 1 页');
    await expectNoViolations(page, 'the inbox');
    await expectPhoneSized(page, 'the inbox');

    // He reads out his number, spaced as on his screen: found, first.
    await page.getByRole('searchbox', { name: '搜索' }).fill(shown);
    await page.getByRole('button', { name: '搜索' }).click();
    const first = page.locator('li.card').first();
    await expect(first).toContainText(`张三 · 编号 ${shown}`);
    await expect(first.getByRole('link', { name: '138 0013 8000' })).toHaveAttribute('href', 'tel:13800138000');
    // His 证书到期日 says where he stands by the 60-day rule.
    await expect(first.locator('.tags')).toContainText(/可以申请复审|天后可以申请|已过期/);
    await first.getByRole('link', { name: `张三 · 编号 ${shown}` }).click();

    // His page: call, note, next contact tomorrow.
    await expect(page.getByRole('heading', { name: '张三', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: '拨打 138 0013 8000' })).toHaveAttribute('href', 'tel:13800138000');
    await expect(page.getByRole('button', { name: '复制号码' })).toBeVisible();
    await expectNoViolations(page, "an enquiry's page");
    await expectPhoneSized(page, "an enquiry's page");
    await page.getByLabel('跟进状态').selectOption({ label: '已联系' });
    await page.getByLabel('下次联系').fill(chinaDay(1));
    await page.getByLabel('添加备注').fill('没接电话，明天上午再打');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已保存')).toBeVisible();
    const history = page.locator('.history').first();
    await expect(history).toContainText('wang');
    await expect(history).toContainText('状态改为 已联系');
    await expect(history).toContainText('下次联系定在');
    await expect(history).toContainText('备注：没接电话，明天上午再打');
    // No personal data in the address.
    expect(decodeURIComponent(page.url())).not.toMatch(/张三|13800138000/);

    // The next day: the same data folder served on a clock a day ahead.
    await server.stop();
    await server.start({ aheadDays: 1 });
    await page.goto(`${server.url}staff/`);
    const today = page.locator('li.card').first();
    await expect(today).toContainText(`张三 · 编号 ${shown}`);
    await expect(today.locator('.tags')).toContainText('今天联系');
    await page.screenshot({ path: 'tests/e2e/artifacts/staff-day-390x844.png', fullPage: true });

    // The season: this week's enquiries, as a chart and as a table.
    await page.getByRole('link', { name: '本季情况' }).click();
    await expect(page.getByRole('heading', { name: '本季情况' })).toBeVisible();
    await expect(page.getByRole('img', { name: /每周的咨询数/ })).toBeVisible();
    const table = page.getByRole('table', { name: '每周咨询数，按证书类别' });
    // This week's row, or last week's when "tomorrow" is a Monday: the totals add up to 4.
    await expect(table.locator('tbody tr')).toHaveCount(12);
    const totals = await table.locator('tbody tr td:last-child').allTextContents();
    expect(totals.map(Number).reduce((a, b) => a + b, 0)).toBe(4);
    expect(totals.slice(-2).map(Number).reduce((a, b) => a + b, 0)).toBe(4);
    await expect(page.getByText('这 12 周收到 4 条咨询')).toBeVisible();
    await expectNoViolations(page, 'the season');
    await expectPhoneSized(page, 'the season');
    await page.screenshot({ path: 'tests/e2e/artifacts/staff-season-390x844.png', fullPage: true });
  } finally {
    await server.dispose();
  }
});
