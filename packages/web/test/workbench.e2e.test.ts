import { CANVAS_QUESTIONS, type CanvasSection } from '@tweeling/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copiedDataDir } from '../../server/test/harness.js';
import { runCli, startServer, type RunningServer } from '../../server/test/processes.js';
import { launchChromium } from './browser.js';
import { api, downloadText, expectAccessible, hashOf, screenshot, waitForJob } from './workbench-helpers.js';

const Q = CANVAS_QUESTIONS.maatschappelijkeWaarde;
const TITLE = 'Wateroverlast Stadshart (e2e)';
const STORY = 'Als hulpverlener wil ik zien welke wegen onder water lopen zodat ik evacuatieroutes kan kiezen omdat bewoners snel weg moeten kunnen.';

/**
 * The use-case workbench end to end in Chromium against a real server (issue 9): create a use case,
 * fill the canvas (and merge a concurrent edit after a 409), add a stakeholder and a user story, run a
 * vote with three voters on phone-sized pages while the facilitator's results update live, record a
 * decision citing a flood run, hold a retrospective and export the dossier; axe on every screen.
 */
describe('use-case workbench in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  let stewardToken = '';
  let useCaseId = '';
  let floodJob = '';
  const cleanups: Array<() => Promise<unknown>> = [];
  const url = (hash: string) => `${server.url}/${hash}`;

  beforeAll(async () => {
    const { dataDir, dispose } = await copiedDataDir('workbench-web');
    cleanups.push(dispose);
    const env = { DATA_DIR: dataDir };
    expect((await runCli(['seed'], env, 120_000)).code).toBe(0);
    // A person's token: creating a use case makes them its owner (manager and facilitator).
    token = (await runCli(['token', 'create', '--org', 'almere', '--role', 'analyst', '--user', 'beleidsadviseur@almere.demo'], env)).stdout.trim();
    expect(token).toMatch(/^twl_/);
    stewardToken = (await runCli(['token', 'create', '--org', 'almere', '--role', 'data-steward', '--user', 'datasteward@almere.demo'], env)).stdout.trim();
    server = await startServer({ ...env, SEED_DEMO: 'false' }, 120_000);
    cleanups.push(() => server.stop('SIGKILL'));
    // The flood run the decision will cite: the 70 mm storm on 5 m cells, without after-time, runs in seconds.
    const started = await api<{ jobID: string }>(server.url, token, 'POST', 'processes/wateroverlast/execution', { inputs: { storm: 'T100_70mm_1h', cellSizeM: 5, afterS: 0 } });
    expect(started.status).toBe(201);
    floodJob = started.body.jobID;
    browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('lists public use cases, signs in, checks the new-use-case form and creates one that moves through the cycle', async () => {
    await page.goto(url('#/use-cases'));
    await page.getByRole('heading', { level: 1, name: 'Use cases' }).waitFor();
    await page.getByLabel('API-token').fill(token);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { level: 2, name: 'Use cases van uw organisatie' }).waitFor();
    // The seeded demo use cases of Almere are listed.
    await expect.poll(() => page.locator('.twl-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expectAccessible(page, 'use-case list');

    await page.getByRole('link', { name: 'Nieuwe use case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuwe use case' }).waitFor();
    await page.getByRole('button', { name: 'Use case starten' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Controleer de invoer' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Vul Titel in.');
    expect(await page.getByLabel('Titel').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'new use case with errors');

    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Korte omschrijving').fill('Waar loopt water binnen bij een hoosbui, en wat doen we eraan?');
    await page.getByLabel('Vraagstuk in de app store').selectOption('wateroverlast');
    await page.getByRole('button', { name: 'Use case starten' }).click();
    await expect.poll(() => hashOf(page), { timeout: 15_000 }).toMatch(/^#\/use-cases\/[0-9a-f-]{36}$/);
    useCaseId = (await hashOf(page)).split('/')[2]!;
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await page.locator('.twl-team').textContent()).toContain('Beleidsadviseur water (demo) — Use-case-eigenaar');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Verkennen');
    await page.getByRole('button', { name: 'Naar fase Ontwerpen' }).click();
    await page.locator('[aria-current="step"]', { hasText: 'Ontwerpen' }).waitFor();
    await page.getByLabel('Medewerker').selectOption({ label: 'Datasteward Almere (demo)' });
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Procesbegeleider' });
    await page.getByRole('button', { name: 'Toevoegen aan het team' }).click();
    await page.locator('.twl-team', { hasText: 'Datasteward Almere (demo) — Procesbegeleider' }).waitFor();
    await expectAccessible(page, 'use-case overview');
    await screenshot(page, 'overview');
  });

  it('fills a canvas section; after a concurrent edit (409) the user merges and nothing is lost', async () => {
    await page.getByRole('link', { name: 'Canvas', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: /^1\. Maatschappelijke waarde/ }).waitFor();
    await page.getByRole('button', { name: 'Dit deel bewerken' }).click();
    await page.getByLabel(Q.vraagstukken).fill('Water op straat na hoosbuien\nKelders en tunnels lopen vol');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-version="1"]').waitFor();
    expect(await page.locator('.twl-note').allTextContents()).toEqual(['Water op straat na hoosbuien', 'Kelders en tunnels lopen vol']);
    await expectAccessible(page, 'canvas');

    // The user edits the bottlenecks while a colleague saves version 2 (bottlenecks and goals) first.
    await page.getByRole('button', { name: 'Dit deel bewerken' }).click();
    await page.getByLabel(Q.knelpunten).fill('Geen zicht op kwetsbare gebouwen');
    const base = await api<CanvasSection>(server.url, token, 'GET', `use-cases/${useCaseId}/canvas/maatschappelijkeWaarde`);
    const other = await api(server.url, token, 'PUT', `use-cases/${useCaseId}/canvas/maatschappelijkeWaarde`, {
      baseVersion: 1,
      content: { ...base.body.content, knelpunten: ['Riool is te klein voor 70 mm'], doelen: ['Geen water in woningen bij T100'] },
    });
    expect(other.status).toBe(200);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Iemand anders heeft dit deel intussen opgeslagen (versie 2' }).waitFor();
    // The user's text is still there; the colleague's bottleneck is shown next to it; their goal came in by itself.
    expect(await page.getByLabel(Q.knelpunten).inputValue()).toBe('Geen zicht op kwetsbare gebouwen');
    expect(await page.locator('.twl-wb-conflict').textContent()).toContain('Riool is te klein voor 70 mm');
    expect(await page.getByLabel(Q.doelen).inputValue()).toBe('Geen water in woningen bij T100');
    await expectAccessible(page, 'canvas conflict');
    await screenshot(page, 'canvas-conflict');
    await page.getByRole('button', { name: 'Samenvoegen met mijn tekst' }).click();
    expect(await page.getByLabel(Q.knelpunten).inputValue()).toBe('Geen zicht op kwetsbare gebouwen\nRiool is te klein voor 70 mm');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-version="3"]').waitFor();
    const saved = await api<CanvasSection>(server.url, token, 'GET', `use-cases/${useCaseId}/canvas/maatschappelijkeWaarde`);
    expect(saved.body.content).toMatchObject({
      vraagstukken: ['Water op straat na hoosbuien', 'Kelders en tunnels lopen vol'],
      knelpunten: ['Geen zicht op kwetsbare gebouwen', 'Riool is te klein voor 70 mm'],
      doelen: ['Geen water in woningen bij T100'],
    });
    // Comments per section.
    await page.getByText('Opmerkingen (0)').click();
    await page.getByLabel('Uw opmerking').fill('Ook de tunnel onder het spoor meenemen');
    await page.getByRole('button', { name: 'Opmerking plaatsen' }).click();
    await page.getByText('Opmerkingen (1)').waitFor();
    expect(await page.locator('.twl-wb-comments').textContent()).toContain('Beleidsadviseur water (demo)');
    // The canvas light takes at most three bottlenecks; the form says so before sending.
    await page.getByRole('link', { name: 'Usecasecanvas light' }).click();
    await page.getByRole('heading', { level: 3, name: 'Usecasecanvas light' }).waitFor();
    await page.getByRole('button', { name: 'Dit deel bewerken' }).click();
    await page.getByLabel(CANVAS_QUESTIONS.light.knelpunten).fill('Riool\nKelders\nTunnels\nWegen');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Controleer de invoer' }).waitFor();
    expect(await page.getByLabel(CANVAS_QUESTIONS.light.knelpunten).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.twl-error-summary').textContent()).toContain('hoogstens 3 antwoorden');
    await expectAccessible(page, 'canvas light with errors');
    await page.getByRole('button', { name: 'Annuleren' }).click();
  });

  it('adds a stakeholder (register and grid), a user story linked to it, and grows the story tree', async () => {
    await page.getByRole('link', { name: 'Belanghebbenden', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Belanghebbende toevoegen' }).waitFor();
    await page.getByLabel('Naam of groep').fill('Hulpdiensten');
    await page.getByLabel('Soort').fill('extern');
    await page.getByLabel('Met wie: zij lossen het vraagstuk met ons op').check();
    await page.getByLabel('Wat is voor hen belangrijk?').fill('Bereikbaarheid bij calamiteiten');
    await page.getByLabel('Welke besluiten willen zij nemen?').fill('Welke route de ambulance neemt');
    await page.getByLabel('Invloed', { exact: true }).selectOption('5');
    await page.getByLabel('Belang', { exact: true }).selectOption('4');
    await page.getByRole('button', { name: 'Belanghebbende toevoegen' }).click();
    const registered = page.getByRole('row', { name: /^Hulpdiensten/ });
    await registered.waitFor();
    expect(await registered.textContent()).toContain('Met wie');
    expect(await page.getByRole('row', { name: 'Invloed 5' }).textContent()).toContain('Hulpdiensten');
    await expectAccessible(page, 'stakeholders');
    await screenshot(page, 'stakeholders');

    await page.getByRole('link', { name: 'User stories', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'User story toevoegen' }).waitFor();
    await page.getByLabel('Als …').fill('hulpverlener');
    await page.getByLabel('wil ik …').fill('zien welke wegen onder water lopen');
    await page.getByLabel('zodat …').fill('ik evacuatieroutes kan kiezen');
    await page.getByLabel('omdat … (niet verplicht)').fill('bewoners snel weg moeten kunnen');
    expect(await page.locator('.twl-wb-story__preview q').textContent()).toBe(STORY);
    await page.getByLabel('Hulpdiensten', { exact: true }).check();
    await page.getByLabel('Wateroverlast door hoosbui').check();
    await page.getByRole('button', { name: 'User story toevoegen' }).click();
    await page.locator('.twl-wb-story__text', { hasText: STORY }).waitFor();
    expect(await page.locator('.twl-wb-story').textContent()).toContain('Hulpdiensten');
    await page.getByLabel('Omschrijving').fill('Hoe houden we de stad bereikbaar bij een hoosbui?');
    await page.getByRole('button', { name: 'Vraag toevoegen' }).click();
    await page.locator('.twl-wb-tree__node--vraag').waitFor();
    await page.getByLabel('Onder', { exact: true }).selectOption({ label: 'Vraag: Hoe houden we de stad bereikbaar bij een hoosbui?' });
    await page.getByLabel('Omschrijving').fill('Evacuatieroutes blijven begaanbaar');
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    await page.locator('.twl-wb-tree__node--doel').waitFor();
    await expectAccessible(page, 'stories and tree');
    await screenshot(page, 'stories');
  });

  it('runs a vote: three voters on phone-sized pages, results update live on the facilitator’s page', async () => {
    await page.getByRole('link', { name: 'Stemmen', exact: true }).click();
    await page.getByLabel('Vraag', { exact: true }).fill('Waar beginnen we mee?');
    await page.getByLabel(STORY).check();
    await page.getByLabel('Andere opties').fill('Stadspark als waterberging\nExtra gemaal bij de tunnel');
    await page.getByRole('button', { name: 'Stemronde openen' }).click();
    const round = page.locator('.twl-wb-round[data-status="open"]');
    await round.waitFor();
    const code = (await round.getAttribute('data-code'))!;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    const results = round.locator('.twl-wb-results');
    await expect.poll(() => results.getAttribute('data-voters'), { timeout: 15_000 }).toBe('0');
    await expectAccessible(page, 'votes (facilitator)');

    // Option keys follow the order given: a = the story, b = Stadspark, c = gemaal.
    const ballots: Array<[string, Record<string, string>]> = [
      ['Anna', { [STORY]: '6', 'Stadspark als waterberging': '4' }],
      ['Bram', { [STORY]: '3', 'Extra gemaal bij de tunnel': '7' }],
      ['Chris', { 'Stadspark als waterberging': '10' }],
    ];
    const phones: BrowserContext[] = [];
    for (const [i, [nickname, points]] of ballots.entries()) {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      phones.push(phone);
      const voter = await phone.newPage();
      if (i === 0) {
        // The first voter types the code the facilitator shows.
        await voter.goto(url('#/vote'));
        await voter.getByLabel('Code van de stemronde').fill(code.toLowerCase());
        await voter.getByRole('button', { name: 'Naar de stemronde' }).click();
      } else await voter.goto(url(`#/vote/${code}`));
      await voter.getByRole('heading', { level: 1, name: 'Waar beginnen we mee?' }).waitFor();
      await voter.getByLabel('Uw naam').fill(nickname);
      for (const [option, value] of Object.entries(points)) await voter.getByLabel(option, { exact: true }).fill(value);
      if (i === 0) await expectAccessible(voter, 'vote (phone)');
      if (i === 0) await screenshot(voter, 'phone-ballot');
      await voter.getByRole('button', { name: 'Stem uitbrengen' }).click();
      await voter.getByText('Bedankt, uw stem is geteld.').waitFor();
      // Live: the facilitator's page counts the vote without reloading.
      await expect.poll(() => results.getAttribute('data-voters'), { timeout: 10_000 }).toBe(String(i + 1));
      if (i === 2) await expectAccessible(voter, 'vote results (phone)');
      if (i === 2) await screenshot(voter, 'phone-results');
      if (i === 2) await screenshot(page, 'facilitator');
    }
    const scores = await results.locator('.twl-wb-results__item').evaluateAll((items) => items.map((li) => [li.getAttribute('data-key'), li.getAttribute('data-score')]));
    expect(scores).toEqual([
      ['b', '14'],
      ['a', '9'],
      ['c', '7'],
    ]);
    expect(await results.textContent()).toContain('Anna, Bram, Chris');
    await page.getByRole('button', { name: 'Stemronde sluiten' }).click();
    await page.locator('.twl-wb-round[data-status="closed"]').waitFor();
    // A late voter finds the round closed.
    const late = await phones[0]!.newPage();
    await late.goto(url(`#/vote/${code}`));
    await late.getByText('Deze stemronde is gesloten; stemmen kan niet meer.').waitFor();
    await Promise.all(phones.map((p) => p.close()));
  });

  it('records a decision citing the flood run; its dossier prints and downloads with the pinned hashes', async () => {
    expect(await waitForJob(server.url, token, floodJob, 90_000)).toBe('successful');
    await page.getByRole('link', { name: 'Besluiten', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Besluit vastleggen' }).waitFor();
    await page.getByLabel('Wat is besloten?').fill('Waterberging in het Stadspark aanleggen');
    await page.getByLabel('Motivering').fill('Bij de T100-bui van 70 mm lopen woningen rond het Stadspark onder; berging haalt de piek weg.');
    await page.getByLabel('Overwogen alternatieven').fill('Groter riool: te duur\nNiets doen: schade blijft');
    await page.getByLabel('Besloten door').fill('college van B&W');
    await page.getByLabel('Wettelijke grondslag').fill('Omgevingswet art. 2.1');
    await page.getByLabel(new RegExp(`wateroverlast · ${floodJob.slice(0, 8)}`)).check();
    await page.getByText('Datasetversies waarop het besluit steunt').first().click();
    await page.getByLabel(/^Hoogtemodel.*Versie 1/).check();
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    const citation = page.locator(`.twl-wb-citations [data-job="${floodJob}"]`);
    await citation.waitFor();
    expect(await citation.textContent()).toContain('wateroverlast');
    await expectAccessible(page, 'decisions');

    await page.getByRole('link', { name: 'Besluitdossier van “Waterberging in het Stadspark aanleggen”' }).click();
    const row = page.locator(`tr[data-job="${floodJob}"]`);
    await row.waitFor();
    expect(await row.locator('[data-unchanged]').getAttribute('data-unchanged')).toBe('true');
    expect(await row.textContent()).toContain('Ongewijzigd');
    expect(await page.locator('.twl-wb-dossier').textContent()).toContain('Omgevingswet art. 2.1');
    await expectAccessible(page, 'dossier');
    await screenshot(page, 'dossier');
    // Printing leaves out the site's header, tabs and buttons; the dossier stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.twl-header').isVisible()).toBe(false);
    expect(await page.locator('.twl-wb-tabs').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 2, name: /^Besluitdossier: Waterberging/ }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const html = await downloadText(page, () => page.getByRole('button', { name: 'Download dossier (HTML)' }).click());
    expect(html.name).toMatch(/^besluitdossier-[0-9a-f-]{36}\.html$/);
    expect(html.text).toContain('<h1>Waterberging in het Stadspark aanleggen</h1>');
    expect(html.text).toContain(floodJob);
    expect(html.text).toContain('ongewijzigd');
  });

  it('holds a retrospective with an action and a shared lesson, and finds the lesson again', async () => {
    await page.getByRole('link', { name: 'Retrospectieven', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Retrospectief houden' }).waitFor();
    await page.getByLabel('Waardecreatie voor de opgave en de belanghebbenden').fill('De kaart met kwetsbare gebouwen overtuigde het college');
    await page.getByLabel('Samenwerking binnen het project en met belanghebbenden').fill('Hulpdiensten schoven elke sessie aan');
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.getByLabel('Wat gaan we doen?').fill('Drempelhoogtes van gebouwen inmeten');
    await page.getByLabel('Eigenaar').fill('Datasteward');
    await page.getByLabel('Uiterlijk').fill('2026-03-01');
    await page.getByRole('button', { name: 'Les toevoegen' }).click();
    await page.getByLabel('Geleerde les', { exact: true }).fill('Een GIS-specialist vertaalt de beleidsvraag naar data');
    await page.getByLabel('Delen met alle organisaties').check();
    await expectAccessible(page, 'retrospective form');
    await page.getByRole('button', { name: 'Retrospectief vastleggen' }).click();
    await page.locator('.twl-wb-retro').waitFor();
    expect(await page.locator('.twl-wb-retro').textContent()).toContain('Een GIS-specialist vertaalt de beleidsvraag naar data');
    // Ticked off: saved first, then shown as done.
    await page.getByLabel('Drempelhoogtes van gebouwen inmeten').click();
    await page.locator('.twl-wb-action--gedaan', { hasText: 'Drempelhoogtes van gebouwen inmeten' }).waitFor();
    await expectAccessible(page, 'retrospectives');
    await screenshot(page, 'retrospectives');

    await page.goto(url('#/use-cases'));
    await page.getByLabel('Zoek in de lessen van uw organisatie en de gedeelde lessen van anderen').fill('GIS-specialist');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.locator('.twl-wb-lessons', { hasText: 'Een GIS-specialist vertaalt de beleidsvraag naar data' }).waitFor();
    expect(await page.locator('.twl-wb-lessons').textContent()).toContain(TITLE);
  });

  it('exports the use case as Markdown with canvas, stakeholders, stories, decision and retrospective; in English too', async () => {
    await page.goto(url(`#/use-cases/${useCaseId}/export`));
    await page.getByRole('heading', { level: 2, name: 'Exporteren' }).waitFor();
    await expectAccessible(page, 'export');
    const md = await downloadText(page, () => page.getByRole('button', { name: 'Download use case (Markdown)' }).click());
    expect(md.name).toBe('wateroverlast-stadshart-e2e.md');
    for (const part of [`# ${TITLE}`, '## Usecasecanvas', 'Riool is te klein voor 70 mm', '## Belanghebbenden', 'Hulpdiensten', '## User stories', 'evacuatieroutes', '## Besluiten', floodJob, '## Retrospectieven', 'Drempelhoogtes van gebouwen inmeten']) {
      expect(md.text).toContain(part);
    }
    // In English too.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Export' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Parts of the use case' }).textContent()).toContain('Retrospectives');
    await expectAccessible(page, 'export (en)');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  });

  it('shows a team member without a managing role the use case, but no phase, team or decision controls', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const steward = await context.newPage();
    await steward.goto(url(`#/use-cases/${useCaseId}`));
    await steward.getByLabel('API-token').waitFor();
    await steward.getByLabel('API-token').fill(stewardToken);
    await steward.getByRole('button', { name: 'Aanmelden' }).click();
    await steward.locator('.twl-team', { hasText: 'Datasteward Almere (demo) — Procesbegeleider' }).waitFor();
    expect(await steward.getByRole('button', { name: /^Naar fase/ }).count()).toBe(0);
    expect(await steward.getByRole('heading', { name: 'Teamlid toevoegen' }).count()).toBe(0);
    await steward.getByRole('link', { name: 'Besluiten', exact: true }).click();
    await steward.getByText('Besluiten worden vastgelegd door de use-case-eigenaar').waitFor();
    expect(await steward.getByRole('heading', { name: 'Besluit vastleggen' }).count()).toBe(0);
    await context.close();
  });
});
