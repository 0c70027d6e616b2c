import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copiedDataDir } from '../../server/test/harness.js';
import { runCli, startServer, type RunningServer } from '../../server/test/processes.js';
import { countColours, launchChromium } from './browser.js';

/** The web app in a real browser (Debian Chromium) against a real server with the demo area. */
describe('web app in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  let jobUrl = '';
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    const { dataDir, dispose } = await copiedDataDir('web');
    cleanups.push(dispose);
    const env = { DATA_DIR: dataDir };
    expect((await runCli(['seed'], env, 120_000)).code).toBe(0);
    token = (await runCli(['token', 'create', '--org', 'almere', '--role', 'analyst'], env)).stdout.trim();
    expect(token).toMatch(/^twl_/);
    server = await startServer({ ...env, SEED_DEMO: 'false' }, 120_000);
    cleanups.push(() => server.stop('SIGKILL'));
    browser = await launchChromium();
    cleanups.push(() => browser.close());
    // axe-core/playwright needs a page from an explicit context.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  /** axe-core on the page as it is now: WCAG 2.0/2.1 A and AA. */
  async function expectAccessible(label: string): Promise<void> {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const summary = result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  }

  it('shows the home page in Dutch with use-case tiles and app counts, without axe violations', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByRole('heading', { level: 1, name: 'Digitale tweelingen voor uw vraagstuk' }).waitFor();
    const wateroverlast = page.locator('.twl-tile', { hasText: 'Wateroverlast door hoosbui' });
    await expect.poll(() => wateroverlast.textContent()).toMatch(/\d+ apps?/);
    await expect.poll(() => page.locator('.twl-tile', { hasText: 'Hittestress' }).textContent()).toMatch(/1 app|\d+ apps/);
    expect(await page.locator('.twl-tile').count()).toBe(13);
    await expectAccessible('home');
  });

  it('searches by keyboard alone: Tab to the search box, type "hitte", Enter → the hittestress app; Tab + Enter opens it', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    let found = false;
    for (let i = 0; i < 15 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'q');
    }
    expect(found).toBe(true);
    await page.keyboard.type('hitte');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/apps?q=hitte');
    const link = page.getByRole('link', { name: 'Hittestress', exact: true });
    await link.waitFor();
    expect(await page.locator('.twl-card').count()).toBe(1);
    await expectAccessible('catalogue');
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/apps/hittestress');
    await page.getByRole('heading', { level: 1, name: 'Hittestress' }).waitFor();
    // The generated form shows units and dataset pickers prefilled with the defaults, once signed in.
    await page.getByLabel('API-token').fill(token);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByLabel('Luchttemperatuur (°C)').waitFor();
    expect(await page.getByLabel('Luchttemperatuur (°C)').inputValue()).toBe('30');
    expect(await page.getByLabel('Gebouwen', { exact: true }).inputValue()).toBe('demo-gebouwen');
    expect(await page.getByLabel('Hoogtemodel (maaiveld)').locator('option', { hasText: 'demo-gebouwen' }).count()).toBe(0);
    await expectAccessible('app page');
  });

  it('validates the run form before submitting', async () => {
    await page.goto(`${server.url}/#/apps/groen-3-30-300`);
    const field = page.getByLabel('Zichtafstand (m)');
    await field.waitFor();
    await field.fill('500');
    await page.getByRole('button', { name: 'Start berekening' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controleer de invoer' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Zichtafstand mag hoogstens 100 zijn.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/apps/groen-3-30-300');
    await expectAccessible('run form with errors');
  });

  it('runs groen-3-30-300 with its defaults: live progress, successful, results and provenance; a rerun is reproduced', async () => {
    await page.goto(`${server.url}/#/`);
    await page.goto(`${server.url}/#/apps/groen-3-30-300`);
    await page.getByLabel('Zichtafstand (m)').waitFor();
    await page.getByRole('button', { name: 'Start berekening' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/jobs\/[0-9a-f-]{36}$/);
    jobUrl = page.url();
    await page.locator('[data-status="successful"]').waitFor({ timeout: 45_000 });
    expect(await page.locator('.twl-log li').count()).toBeGreaterThan(2);
    expect(await page.locator('progress').getAttribute('value')).toBe('100');
    const provenance = page.locator('section', { has: page.getByRole('heading', { name: 'Herkomst' }) });
    await expect.poll(() => provenance.textContent()).toContain('Gestart door Gemeente Almere (demo)');
    const text = (await provenance.textContent()) ?? '';
    expect(text).toContain('App groen-3-30-300 versie 0.1.0');
    expect(text).toMatch(/demo-gebouwen versie 1 \(CC0-1\.0\)/);
    expect(await page.getByRole('link', { name: 'Toon op de kaart' }).count()).toBeGreaterThan(0);
    // Value outputs are shown readably: the neighbourhood table as a table with a row per neighbourhood.
    expect(await page.getByRole('region', { name: 'neighbourhoodTable' }).locator('tbody tr').count()).toBe(5);
    await expectAccessible('job page');

    await page.getByRole('button', { name: 'Opnieuw uitvoeren en vergelijken' }).click();
    await expect.poll(() => page.url()).not.toBe(jobUrl);
    await page.locator('[data-reproduced="true"]').waitFor({ timeout: 45_000 });
    expect(await page.locator('.twl-verdict').textContent()).toContain('Gereproduceerd');
  });

  it('starts hittestress by keyboard (Enter in a field submits the form) and cancels it from the job page', async () => {
    await page.goto(`${server.url}/#/`);
    await page.goto(`${server.url}/#/apps/hittestress`);
    const field = page.getByLabel('Luchttemperatuur (°C)');
    await field.waitFor();
    await field.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/jobs\/[0-9a-f-]{36}$/);
    const cancel = page.getByRole('button', { name: 'Annuleren' });
    await cancel.waitFor();
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-status="dismissed"]').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Geannuleerd' }).count()).toBe(1);
    expect(await cancel.count()).toBe(0);
  });

  it('draws the map from the platform’s own tiles: coloured buildings and the run’s output on the canvas', async () => {
    await page.goto(jobUrl);
    const mapLink = page.getByRole('link', { name: 'Toon op de kaart' }).first();
    await mapLink.waitFor();
    await mapLink.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/map\?layers=run-/);
    const map = page.locator('.twl-map');
    await map.waitFor();
    await expect.poll(() => map.getAttribute('data-idle'), { timeout: 30_000 }).toBe('true');
    // Hide the overlay once to see the basemap's buildings, then show it again.
    const basemapOnly = await map.screenshot();
    const counts = await countColours(page, basemapOnly, { background: [0xf3, 0xf1, 0xea], building: [0xd9, 0x62, 0x2b], overlay: [0xc5, 0x1b, 0x7d], water: [0x8f, 0xc1, 0xe3] }, 40);
    expect(counts.background).toBeLessThan(counts.total * 0.95);
    expect(counts.water).toBeGreaterThan(500);
    // Homes are drawn in the overlay colour over the buildings (55 % opacity), so count both.
    expect(counts.overlay + counts.building).toBeGreaterThan(2000);
    if (process.env.WEB_TEST_SCREENSHOTS) await writeFile(join(process.env.WEB_TEST_SCREENSHOTS, 'map.png'), basemapOnly);
    const overlayToggle = page.getByRole('checkbox', { name: /^Woningen/ });
    expect(await overlayToggle.isChecked()).toBe(true);
    await overlayToggle.uncheck();
    await expect.poll(() => map.getAttribute('data-idle')).toBe('true');
    const withoutOverlay = await countColours(page, await map.screenshot(), { building: [0xd9, 0x62, 0x2b] }, 40);
    expect(withoutOverlay.building).toBeGreaterThan(2000);
    await expectAccessible('map');
  });

  it('lists datasets with licence and owner, and a dataset with its versions', async () => {
    await page.goto(`${server.url}/#/datasets`);
    const row = page.getByRole('row', { name: /Gebouwen \(demo\)/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/CC0-1\.0/);
    await expect.poll(() => row.textContent()).toContain('Gemeente Almere (demo)');
    await expectAccessible('datasets');
    await page.getByRole('link', { name: 'Gebouwen (demo)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Versies' }).waitFor();
    await page.locator('table code').first().waitFor();
    await expectAccessible('dataset');
  });

  it('switches to English', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Digital twins for your challenge' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.twl-tile', { hasText: 'Heat stress' }).count()).toBe(1);
    await expectAccessible('home (en)');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  });
});
