import { test, expect, type Page, type Browser, type BrowserContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';

// The personal certificate timeline, driven as a welder would at phone size. "Today" is fixed
// at 2026-03-01 in China so that statuses and countdowns are known.
const TODAY = new Date('2026-03-01T10:00:00+08:00');
const KEY = 'fushen.timeline';
const BACKUP = 'fushen.timeline.backup';

type Certificate = { type: string; first: string; valid?: string; label?: string; extended?: boolean };
type Event = { kind: string; date: string; hours?: string; note?: string };

/** The timeline tool on one page. */
class Timeline {
  constructor(readonly page: Page) {}

  async open(hash = '') {
    await this.page.clock.setFixedTime(TODAY);
    await this.page.goto(`./${hash}`);
    await expect(this.page.locator('#timeline-root[data-ready]')).toBeAttached();
  }

  card(name: string) {
    return this.page.getByRole('article', { name });
  }

  cards() {
    return this.page.locator('#timeline-root article');
  }

  async addCertificate(c: Certificate) {
    await this.page.getByRole('button', { name: '添加证书' }).click();
    const form = this.page.getByRole('form', { name: '添加证书' });
    await form.getByLabel('证书类型（作业类别）').selectOption({ label: c.type });
    await form.getByLabel('初领日期').fill(c.first);
    if (c.valid) await form.getByLabel('有效期至（选填）').fill(c.valid);
    if (c.label) await form.getByLabel('自己的备注名（选填）').fill(c.label);
    if (c.extended) await form.getByLabel(/每6年复审一次/).check();
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toBeHidden();
  }

  async addEvent(card: string, e: Event) {
    await this.card(card).getByRole('button', { name: '记一笔' }).click();
    const form = this.card(card).getByRole('form', { name: '记一笔' });
    await form.getByLabel('记什么').selectOption({ label: e.kind });
    await form.getByLabel('日期').fill(e.date);
    if (e.hours) await form.getByLabel('学时').fill(e.hours);
    if (e.note) await form.getByLabel('备注').fill(e.note);
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toBeHidden();
  }

  /** The two-certificate welder of PRODUCT.md. */
  async buildTwoCertificates() {
    await this.addCertificate({ type: '熔化焊接与热切割作业', first: '2020-05-10', label: '证号尾号1234' });
    await this.addEvent('熔化焊接与热切割作业', { kind: '参加安全培训', date: '2026-02-20', hours: '8', note: '厂里安排的' });
    await this.addCertificate({ type: '低压电工作业', first: '2012-08-01', valid: '2030-08-01', extended: true });
  }

  async expectTwoCertificates({ withPrivateWords }: { withPrivateWords: boolean }) {
    await expect(this.cards()).toHaveCount(2);
    const welding = this.card('熔化焊接与热切割作业');
    await expect(welding.locator('.tl-status')).toContainText('复审中');
    await expect(welding.locator('.tl-action')).toContainText('3月11日起可以提交复审申请');
    await expect(welding.locator('.tl-item.next')).toContainText('复审申请窗口开启');
    await expect(welding.getByText('8学时')).toBeVisible();
    await expect(welding.locator('.tl-today')).toContainText('今天 · 3月1日');
    const electric = this.card('低压电工作业');
    await expect(electric.locator('.tl-status')).toContainText('正常');
    await expect(electric.locator('.tl-status')).toContainText('距申请窗口开启还有1554天');
    await expect(electric.locator('.tl-action')).toContainText('2030年6月2日起可以提交复审申请');
    await expect(welding.getByText('证号尾号1234')).toHaveCount(withPrivateWords ? 1 : 0);
    await expect(welding.getByText('厂里安排的')).toHaveCount(withPrivateWords ? 1 : 0);
  }

  stored() {
    return this.page.evaluate((k) => localStorage.getItem(k), KEY);
  }

  linkValue() {
    return new URL(this.page.url()).hash;
  }
}

async function freshPage(browser: Browser, baseURL: string | undefined): Promise<[BrowserContext, Timeline]> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return [context, new Timeline(await context.newPage())];
}

test('a two-certificate timeline survives a reload and travels by link without private words', async ({ page, browser, baseURL }) => {
  const t = new Timeline(page);
  await t.open();
  await expect(page.getByText('先添加一本证书')).toBeVisible();
  await t.buildTwoCertificates();
  await t.expectTwoCertificates({ withPrivateWords: true });
  const link = page.url();
  expect(link).toMatch(/#t=1\.[0-9a-z_]+\.[0-9a-z]{4}$/);
  expect(decodeURIComponent(link)).not.toContain('1234');

  await page.reload();
  await expect(page.locator('#timeline-root[data-ready]')).toBeAttached();
  await t.expectTwoCertificates({ withPrivateWords: true });
  await page.screenshot({ path: 'tests/e2e/artifacts/timeline-390x844.png', fullPage: true });

  const [other, there] = await freshPage(browser, baseURL);
  await there.open(new URL(link).hash);
  await there.expectTwoCertificates({ withPrivateWords: false });
  await expect(there.page.getByText('已按链接里的日期恢复时间线')).toBeVisible();
  expect(await there.stored()).toContain('"first_issued":"2012-08-01"');
  await other.close();
});

test('a conflicting link offers replace, merge and keep mine, and each does what it says', async ({ page, browser, baseURL }) => {
  const t = new Timeline(page);
  await t.open();
  await t.buildTwoCertificates();
  const link = t.linkValue();

  for (const choice of ['用链接里的替换', '合并两边', '保留我的']) {
    const [context, mine] = await freshPage(browser, baseURL);
    await mine.open();
    await mine.addCertificate({ type: '钎焊作业', first: '2021-01-05' });
    const own = mine.linkValue();
    await mine.page.goto(`./${link}`);
    await mine.page.reload();
    const notice = mine.page.getByTestId('arrival');
    await expect(notice).toContainText('链接里的时间线和这部手机上的不一样');
    await expect(notice).toContainText('钎焊作业（2021年1月5日初领）');
    // Until the holder chooses, nothing changes on the phone and the link is kept.
    expect(await mine.stored()).not.toContain('2012-08-01');
    expect(mine.linkValue()).toBe(link);
    await notice.getByRole('button', { name: choice }).click();
    await expect(notice).toBeHidden();
    const expected = { 用链接里的替换: 2, 合并两边: 3, 保留我的: 1 }[choice];
    await expect(mine.cards()).toHaveCount(expected!);
    await expect(mine.card('钎焊作业')).toHaveCount(choice === '用链接里的替换' ? 0 : 1);
    if (choice === '保留我的') expect(mine.linkValue()).toBe(own);
    await mine.page.reload();
    await expect(mine.page.locator('#timeline-root[data-ready]')).toBeAttached();
    await expect(mine.cards()).toHaveCount(expected!);
    await context.close();
  }
});

test('a garbled or truncated link says so and leaves the stored timeline untouched', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  await t.addCertificate({ type: '钎焊作业', first: '2021-01-05' });
  const before = await t.stored();
  const link = t.linkValue();
  const message = page.getByRole('alert').filter({ hasText: '这部手机上保存的时间线没有改动' });
  for (const broken of [link.slice(0, -6), '#t=1.zz9xyz.0000', '#t=%E6%B5%8B<script>', '#t=2.w13e6w.abcd']) {
    // Opened from a chat: a fresh load.
    await page.goto('about:blank');
    await page.goto(`./${broken}`);
    await expect(message).toBeVisible();
    expect(await t.stored()).toBe(before);
    await expect(t.cards()).toHaveCount(1);
    // The broken value is not kept in the address: bookmarking now keeps the real timeline.
    expect(t.linkValue()).toBe(link);
    await page.getByRole('button', { name: '知道了' }).click();
    await expect(message).toBeHidden();
  }
  // Opened on the open page (a bookmark): the fragment changes without a reload.
  await page.goto(`./${link.slice(0, -1)}`);
  await expect(message).toBeVisible();
  expect(await t.stored()).toBe(before);
});

test('corrupted storage: the app starts, says so, keeps the raw value and offers export or a fresh start', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  const raw = '{"app":"fushen-timeline","version":1,"certificates":[{"type":"w1","label":"证号尾号1234"';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, raw]);
  await page.reload();
  const notice = page.getByTestId('storage-unreadable');
  await expect(notice).toContainText('读不出来');
  expect(await page.evaluate((k) => localStorage.getItem(k), BACKUP)).toBe(raw);

  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: '导出原来的数据' }).click();
  expect(await readFile(await (await download).path(), 'utf8')).toBe(raw);

  // Working on: the raw value is safe in the backup, so changes are saved again.
  await t.addCertificate({ type: '钎焊作业', first: '2021-01-05' });
  expect(await t.stored()).toContain('"type":"w3"');
  expect(await page.evaluate((k) => localStorage.getItem(k), BACKUP)).toBe(raw);

  await notice.getByRole('button', { name: '重新开始' }).click();
  await notice.getByRole('button', { name: '确定删除原来的数据，重新开始' }).click();
  await expect(notice).toBeHidden();
  expect(await page.evaluate((k) => localStorage.getItem(k), BACKUP)).toBeNull();
  await expect(t.cards()).toHaveCount(1);
});

test('storage blocked: the timeline works in memory and says nothing will be kept', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
  });
  const t = new Timeline(page);
  await t.open();
  await expect(page.getByTestId('storage-trouble')).toContainText('关掉就没了');
  await t.addCertificate({ type: '钎焊作业', first: '2021-01-05' });
  await expect(t.cards()).toHaveCount(1);
  expect(t.linkValue()).toMatch(/^#t=1\./);
});

test('the calendar file: RFC 5545 all-day events with reminders, no private words', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  await t.buildTwoCertificates();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '加到手机日历（.ics）' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('fushen-timeline-2026-03-01.ics');
  const text = await readFile(await file.path(), 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  expect(unfolded).toContain('DTSTART;VALUE=DATE:20260510\r\nDTEND;VALUE=DATE:20260511');
  expect(unfolded).toContain('SUMMARY:复审到期 · 证书有效期至：熔化焊接与热切割作业（2020年5月10日初领）');
  expect(unfolded).toContain('TRIGGER:-P6DT15H');
  expect(unfolded).toContain('TRIGGER:-PT15H');
  expect(unfolded).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
  expect(unfolded).toContain('DTSTART;VALUE=DATE:20260503');
  expect(unfolded).not.toContain('1234');
  expect(unfolded).not.toContain('厂里安排的');
  const uids = [...unfolded.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]);
  expect(new Set(uids).size).toBe(uids.length);
  // The fallback for in-app browsers that drop downloads.
  await expect(page.getByTestId('offer')).toContainText('在浏览器中打开');
  await expect(page.getByTestId('offer').getByRole('button', { name: '复制内容' })).toBeVisible();
});

test('a backup file exports, imports into an empty phone, and refuses a wrong file', async ({ page, browser, baseURL }) => {
  const t = new Timeline(page);
  await t.open();
  await t.buildTwoCertificates();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出备份文件' }).click();
  const path = await (await download).path();

  const [context, other] = await freshPage(browser, baseURL);
  await other.open();
  await other.page.getByLabel('导入备份文件').setInputFiles({
    name: 'photo.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":1}'),
  });
  await expect(other.page.getByRole('alert').filter({ hasText: '不是本工具导出的时间线备份' })).toBeVisible();
  await other.page.getByLabel('导入备份文件').setInputFiles(path);
  await expect(other.page.getByText('已导入备份')).toBeVisible();
  await other.expectTwoCertificates({ withPrivateWords: true });
  await context.close();
});

test('forms check on leaving a field, again while correcting, and all on submit', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  await page.getByRole('button', { name: '添加证书' }).click();
  const form = page.getByRole('form', { name: '添加证书' });
  const first = form.getByLabel('初领日期');
  await first.fill('2027-01-01');
  await expect(first).toHaveAttribute('aria-invalid', 'false');
  await first.blur();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('初领日期不能晚于今天')).toBeVisible();
  await first.fill('2020-05-10');
  await expect(first).toHaveAttribute('aria-invalid', 'false');
  await expect(form.getByText('初领日期不能晚于今天')).toBeHidden();

  await form.getByRole('button', { name: '保存' }).click();
  const kind = form.getByLabel('证书类型（作业类别）');
  await expect(kind).toBeFocused();
  await expect(kind).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('status')).toHaveText('有1项需要修改');
  const described = await kind.getAttribute('aria-describedby');
  await expect(page.locator(`#${described}`)).toHaveText('请选择证书类型');
  await kind.selectOption({ label: '其他' });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByLabel('作业类别名称')).toBeFocused();
  await form.getByLabel('作业类别名称').fill('金属非金属矿山安全检查作业');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(t.card('金属非金属矿山安全检查作业')).toBeVisible();
});

test('清除我的数据 removes everything after a confirmation', async ({ page }) => {
  const t = new Timeline(page);
  await t.open('#exam=2026-09-14');
  await t.buildTwoCertificates();
  await page.getByRole('button', { name: '清除我的数据' }).click();
  const confirm = page.getByTestId('clear-confirm');
  await expect(confirm).toContainText('删除后不能恢复');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(t.cards()).toHaveCount(2);
  await page.getByRole('button', { name: '清除我的数据' }).click();
  await page.getByTestId('clear-confirm').getByRole('button', { name: '确定清除' }).click();
  await expect(t.cards()).toHaveCount(0);
  await expect(page.getByText('先添加一本证书')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fushen.')))).toEqual([]);
  expect(t.linkValue()).toBe('');
  await page.reload();
  await expect(page.locator('#timeline-root[data-ready]')).toBeAttached();
  await expect(t.cards()).toHaveCount(0);
});

test('fits a 320 px phone, and the timeline passes an accessibility check', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const t = new Timeline(page);
  await t.open();
  await t.buildTwoCertificates();
  await t.card('熔化焊接与热切割作业').getByRole('button', { name: '记一笔' }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  for (const button of await page.locator('#timeline-root button:visible').all()) {
    const box = await button.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  const results = await new AxeBuilder({ page })
    .include('#timeline')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('open forms keep what was typed through a reload, and forget it once saved or cancelled', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  await t.addCertificate({ type: '钎焊作业', first: '2021-01-05' });
  // The add form, half filled, with words that look like markup.
  await page.getByRole('button', { name: '添加证书' }).click();
  const add = page.getByRole('form', { name: '添加证书' });
  await add.getByLabel('证书类型（作业类别）').selectOption({ label: '其他' });
  await add.getByLabel('作业类别名称').fill('矿山 & <b>检查</b>');
  await add.getByLabel('初领日期').fill('2019-03-02');
  await add.getByLabel(/每6年复审一次/).check();
  // And a note being written on the card.
  const card = t.card('钎焊作业');
  await card.getByRole('button', { name: '记一笔' }).click();
  const note = card.getByRole('form', { name: '记一笔' });
  await note.getByLabel('记什么').selectOption({ label: '备注' });
  await note.getByLabel('日期').fill('2026-02-27');
  await note.getByLabel('备注').fill('第一行\n第二行 "引号"');

  await page.reload();
  await expect(page.locator('#timeline-root[data-ready]')).toBeAttached();
  await expect(add.getByLabel('证书类型（作业类别）')).toHaveValue('ot');
  await expect(add.getByLabel('作业类别名称')).toHaveValue('矿山 & <b>检查</b>');
  await expect(add.getByLabel('初领日期')).toHaveValue('2019-03-02');
  await expect(add.getByLabel(/每6年复审一次/)).toBeChecked();
  await expect(note.getByLabel('记什么')).toHaveValue('note');
  await expect(note.getByLabel('日期')).toHaveValue('2026-02-27');
  await expect(note.getByLabel('备注')).toHaveValue('第一行\n第二行 "引号"');
  await expect(page.locator('#timeline-root b')).toHaveCount(0);

  // Cancelled: the focus goes back to the card; saved: to the add button. Nothing is left to reopen.
  await note.getByRole('button', { name: '取消' }).click();
  await expect(note).toBeHidden();
  await expect(card.getByRole('heading', { name: '钎焊作业' })).toBeFocused();
  await add.getByRole('button', { name: '保存' }).click();
  await expect(t.card('矿山 & <b>检查</b>')).toBeVisible();
  await expect(page.getByRole('button', { name: '添加证书' })).toBeFocused();
  expect(await page.evaluate(() => localStorage.getItem('fushen.timeline.draft'))).toBeNull();
  await page.reload();
  await expect(page.locator('#timeline-root[data-ready]')).toBeAttached();
  await expect(t.cards()).toHaveCount(2);
  await expect(page.locator('#timeline-root form')).toHaveCount(0);
});

test('a change from another tab does not disturb a form being typed in', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  await t.addCertificate({ type: '钎焊作业', first: '2021-01-05' });
  const card = t.card('钎焊作业');
  await card.getByRole('button', { name: '记一笔' }).click();
  const form = card.getByRole('form', { name: '记一笔' });
  const noteField = form.getByLabel('备注');
  await noteField.fill('写了一半');
  await expect(noteField).toBeFocused();
  // Another tab adds a certificate (the browser sends this page a `storage` event).
  await page.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key)!);
    doc.certificates.push({ ...doc.certificates[0], type: 'e1', first_issued: '2015-06-01', events: [] });
    const value = JSON.stringify(doc);
    localStorage.setItem(key, value);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: value }));
  }, KEY);
  await expect(t.cards()).toHaveCount(2);
  await expect(noteField).toBeFocused();
  await expect(noteField).toHaveValue('写了一半');
  await page.keyboard.type('，接着写');
  await expect(noteField).toHaveValue('写了一半，接着写');
});

test('an event and a certificate are changed in place and removed after a second tap', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  await t.buildTwoCertificates();
  const welding = t.card('熔化焊接与热切割作业');
  await welding.getByRole('button', { name: '修改：参加安全培训（2月20日）' }).click();
  const edit = welding.getByRole('form', { name: '修改记录' });
  await expect(edit.getByLabel('记什么')).toHaveValue('training');
  await expect(edit.getByLabel('学时')).toHaveValue('8');
  await expect(edit.getByLabel('备注')).toHaveValue('厂里安排的');
  await edit.getByLabel('学时').fill('6');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(welding.getByText('6学时', { exact: true })).toBeVisible();
  await expect(welding.locator('.tl-warning')).toContainText('共6学时，规定至少8学时');

  await welding.getByRole('button', { name: '修改：参加安全培训（2月20日）' }).click();
  await edit.getByRole('button', { name: '删除这条记录' }).click();
  await expect(t.stored()).resolves.toContain('"hours":6');
  await edit.getByRole('button', { name: '确定删除这条记录' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已删除' })).toBeVisible();
  await expect(welding.getByText('6学时', { exact: true })).toHaveCount(0);

  const electric = t.card('低压电工作业');
  await electric.getByRole('button', { name: '修改证书信息' }).click();
  const cert = electric.getByRole('form', { name: '修改证书信息' });
  await expect(cert.getByLabel('有效期至（选填）')).toHaveValue('2030-08-01');
  await expect(cert.getByLabel(/每6年复审一次/)).toBeChecked();
  await cert.getByLabel('自己的备注名（选填）').fill('<i>电工</i>');
  await cert.getByRole('button', { name: '保存' }).click();
  await expect(electric.getByText('<i>电工</i>')).toBeVisible();
  await expect(electric.getByRole('heading', { name: '低压电工作业' })).toBeFocused();
  await electric.getByRole('button', { name: '修改证书信息' }).click();
  await cert.getByRole('button', { name: '删除这本证书' }).click();
  await cert.getByRole('button', { name: '确定删除这本证书和它的记录' }).click();
  await expect(t.cards()).toHaveCount(1);
  await expect(t.card('低压电工作业')).toHaveCount(0);
});

test('a download that does not arrive can be copied, or copied by hand', async ({ page }) => {
  const t = new Timeline(page);
  await t.open();
  await t.addCertificate({ type: '钎焊作业', first: '2021-01-05', label: '<script>x</script>' });
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('no')) } });
  });
  await page.getByRole('button', { name: '导出备份文件' }).click();
  const offer = page.getByTestId('offer');
  await expect(offer).toContainText('已开始下载 fushen-timeline-backup-2026-03-01.json');
  await offer.getByRole('button', { name: '复制内容' }).click();
  await expect(offer).toContainText('没能自动复制');
  const manual = page.getByRole('textbox', { name: '要复制的内容' });
  await expect(manual).toHaveValue(/"label":"<script>x<\/script>"/);
  await offer.getByRole('button', { name: '关闭' }).click();
  await expect(offer).toHaveCount(0);
  await expect(manual).toHaveCount(0);
});
