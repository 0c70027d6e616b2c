import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Download, Page } from 'playwright-core';
import { expect } from 'vitest';

/** axe-core on the page as it is now (WCAG 2.0/2.1 A and AA): no violations at all (so none serious or critical). */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Clicks `click`, waits for the download it starts and returns the file's name and text. */
export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The hash route of the page (`#/use-cases/…`). */
export const hashOf = (page: Page) => page.evaluate(() => window.location.hash);

/** Calls the API as the signed-in user (for the "someone else edits at the same time" step and the run). */
export async function api<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/api/v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json', prefer: 'respond-async' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

/** Waits until a job is finished; returns its final status. */
export async function waitForJob(baseUrl: string, token: string, jobId: string, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api<{ status: string }>(baseUrl, token, 'GET', `jobs/${jobId}`);
    if (['successful', 'failed', 'dismissed'].includes(body.status)) return body.status;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** With WEB_TEST_SCREENSHOTS=<dir>, saves a full-page screenshot (for looking at the screens, not for asserting). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.WEB_TEST_SCREENSHOTS;
  if (dir) await writeFile(join(dir, `workbench-${name}.png`), await page.screenshot({ fullPage: true }));
}
