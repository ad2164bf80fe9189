import { expect, type BrowserContext, type Locator, type Page, type Route } from '@playwright/test';

// The enquiry form, driven the way a user drives it, and a stub of the institution's receiver.
//
// The built index.html has empty deployment settings. `open` serves it with the settings filled
// in (Playwright rewrites the document response), so the form posts to a same-origin address
// that `Receiver` answers; nothing leaves 127.0.0.1.

export const ENDPOINT_PATH = '/api/enquiries';
export const PHONE = '0734-8123456';
export const INSTITUTION = '衡阳示例培训学校';

export interface Settings {
  endpoint?: string;
  phone?: string;
  institution?: string;
}

/** One request the receiver saw. */
export interface Received {
  body: any;
  raw: string;
  headers: Record<string, string>;
}

/** What the receiver does with the n-th request (0-based). */
export type Answer = 'ok' | 'down' | { status: number; body?: string; contentType?: string; delayMs?: number };

/** A stub of the institution's endpoint: records every request, answers as told. */
export class Receiver {
  readonly requests: Received[] = [];
  readonly accepted: Received[] = [];
  answer: (n: number) => Answer = () => 'ok';

  async attach(page: Page) {
    await page.route(`**${ENDPOINT_PATH}`, (route) => this.handle(route));
  }

  private async handle(route: Route) {
    const request = route.request();
    if (request.method() !== 'POST') return route.fulfill({ status: 405 });
    const raw = request.postData() ?? '';
    const seen: Received = { body: JSON.parse(raw), raw, headers: await request.allHeaders() };
    const answer = this.answer(this.requests.length);
    this.requests.push(seen);
    if (answer === 'down') return route.abort('internetdisconnected');
    if (answer === 'ok') {
      this.accepted.push(seen);
      return route.fulfill({ status: 201, contentType: 'application/json', body: '{"ok":true}' });
    }
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    // A receiver stores what it got even when its answer no longer reaches the phone.
    if (answer.status >= 200 && answer.status < 300) this.accepted.push(seen);
    await route
      .fulfill({ status: answer.status, contentType: answer.contentType ?? 'application/json', body: answer.body ?? '' })
      .catch(() => {
        // The page gave up waiting (its 10 s limit) and cancelled the request.
      });
  }
}

/** Serves index.html with the deployment `settings` in its <meta> tags. */
export async function configure(page: Page, settings: Settings) {
  await page.route(
    (url) => url.pathname === '/' || url.pathname.endsWith('/index.html'),
    async (route) => {
      const response = await route.fetch();
      let html = await response.text();
      for (const [name, value] of Object.entries(settings)) {
        const meta = new RegExp(`<meta[^>]*name="?fushen-${name}"?[^>]*>`);
        expect(html, `index.html has <meta name=fushen-${name}>`).toMatch(meta);
        html = html.replace(meta, `<meta name="fushen-${name}" content="${value}">`);
      }
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    },
  );
}

/** The default deployment: an endpoint, a phone number and a name. */
export const DEPLOYED: Settings = { endpoint: ENDPOINT_PATH, phone: PHONE, institution: INSTITUTION };

export class EnquiryForm {
  readonly page: Page;
  readonly root: Locator;
  readonly name: Locator;
  readonly phone: Locator;
  readonly certificate: Locator;
  readonly otherCertificate: Locator;
  readonly district: Locator;
  readonly expiry: Locator;
  readonly message: Locator;
  readonly consent: Locator;
  readonly submit: Locator;
  readonly clear: Locator;
  readonly status: Locator;
  readonly statusText: Locator;
  readonly outcome: Locator;
  readonly pending: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.locator('#enquiry');
    this.name = this.root.getByLabel('姓名', { exact: true });
    this.phone = this.root.getByLabel('手机号码', { exact: true });
    this.certificate = this.root.getByLabel('证书类型', { exact: true });
    this.otherCertificate = this.root.getByLabel('其他证书类型', { exact: true });
    this.district = this.root.getByLabel('所在区县（选填）');
    this.expiry = this.root.getByLabel('证书到期日（选填）');
    this.message = this.root.getByLabel('留言（选填）');
    this.consent = this.root.getByRole('checkbox', { name: /我已阅读并同意/ });
    this.submit = this.root.getByRole('button', { name: '提交咨询' });
    this.clear = this.root.getByRole('button', { name: '清空' });
    this.status = this.root.getByRole('status');
    this.statusText = this.root.getByTestId('enquiry-status-text');
    this.outcome = this.root.getByTestId('enquiry-outcome');
    this.pending = this.root.getByTestId('enquiry-pending');
  }

  /** Opens the page and waits for the form to be ready. */
  async open() {
    await this.page.goto('./');
    await expect(this.page.locator('#enquiry-root[data-ready]')).toBeAttached();
    await expect(this.name).toBeVisible();
  }

  /** Fills every field with valid values and ticks the consent box. */
  async fillValid() {
    await this.name.fill('张三');
    await this.phone.fill('138 0013 8000');
    await this.certificate.selectOption({ label: '熔化焊接与热切割作业' });
    await this.district.selectOption({ label: '珠晖区' });
    await this.expiry.fill('2027-03-01');
    await this.message.fill('想参加下个月的复审培训');
    await this.consent.check();
  }

  /** The error message tied to `control` through aria-describedby. */
  async errorOf(control: Locator): Promise<string> {
    const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
    if (ids.length === 0) return '';
    return (await this.page.locator(`#${ids[0]}`).textContent()) ?? '';
  }

  async storage(key: string): Promise<string | null> {
    return this.page.evaluate((k) => localStorage.getItem(k), key);
  }
}

/** Goes offline or online as the browser sees it (fires `offline` / `online`). */
export async function setOnline(context: BrowserContext, online: boolean) {
  await context.setOffline(!online);
}
