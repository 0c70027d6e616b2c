import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../web/test/browser.js';
import { buildTestApp, openTestDb, type TestDb } from '../../test/harness.js';
import { seedDemoArea } from '../demo-datasets.js';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

interface Violation {
  directive: string;
  blocked: string;
}

/**
 * The Content-Security-Policies in a real browser (Debian's Chromium): the web app, its MapLibre map
 * (worker, canvas, tiles), Swagger UI and the API's HTML pages load without a single violation, and
 * the policy is really enforced (an injected inline script does not run).
 */
describe('Content-Security-Policy in Chromium', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    expect(existsSync(WEB_DIST), 'build the web app first: npm run build -w packages/web').toBe(true);
    db = await openTestDb('pglite');
    app = await buildTestApp(db, { env: { RUN_JOBS: 'false' } });
    await seedDemoArea({ db: db.kysely, clock: () => new Date() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.dispose();
  });

  /** A fresh page that records CSP violations (events and console messages) and page errors. */
  async function watchedPage(): Promise<{ page: Page; violations: () => Promise<Violation[]>; messages: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) messages.push(m.text());
    });
    page.on('pageerror', (e) => messages.push(`page error: ${e.message}`));
    await page.addInitScript(() => {
      const seen: Array<{ directive: string; blocked: string }> = [];
      (window as unknown as { __csp: typeof seen }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
    });
    return { page, messages, violations: () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp) };
  }

  it('renders the web app and its map with no CSP violation', async () => {
    const { page, violations, messages } = await watchedPage();
    const home = await page.goto(`${base}/`);
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto(`${base}/#/map?layers=demo-gebouwen`);
    const map = page.locator('.twl-map');
    await map.waitFor();
    await expect.poll(() => map.getAttribute('data-idle'), { timeout: 60_000 }).toBe('true');
    // The map really drew: the canvas is there and has a size.
    const size = await page.locator('.twl-map canvas').first().evaluate((c: HTMLCanvasElement) => c.width * c.height);
    expect(size).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    expect(messages).toEqual([]);

    // The policy is enforced: an inline script injected into the page does not run, and is reported.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(async () => (await violations()).map((v) => v.directive)).toContain('script-src-elem');
  });

  it('keeps Swagger UI working under its own policy', async () => {
    const { page, violations, messages } = await watchedPage();
    await page.goto(`${base}/api/v1/docs`);
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 30_000 }).toContain('Tweeling API');
    await page.locator('.opblock').first().waitFor();
    expect(await violations()).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('shows the API HTML pages with their inline style and no violation', async () => {
    const { page, violations, messages } = await watchedPage();
    const res = await page.goto(`${base}/api/v1?f=html`);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The inline style applied: the page is at most 60rem wide.
    expect(await page.locator('body').evaluate((b) => getComputedStyle(b).maxWidth)).toBe('960px');
    expect(await violations()).toEqual([]);
    expect(messages).toEqual([]);
  });
});
