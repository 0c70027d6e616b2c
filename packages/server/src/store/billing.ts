import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AppManifest, Caller, Statement, StatementLine, Subscription, SubscriptionCreate } from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import type { Database } from '../db/index.js';
import { TweelingError } from '../errors.js';
import { STORE_ERRORS } from './errors.js';
import { visibleRelease, type StoreDeps } from './visibility.js';

const UNIQUE_VIOLATION = '23505';
/** Money is summed in whole cents, so a statement adds up exactly. */
const cents = (eur: number) => Math.round(eur * 100);

const toSubscription = (row: Selectable<Database['store_subscriptions']>): Subscription => ({
  id: row.id,
  organisationId: row.organisation_id,
  appId: row.app_id,
  startedAt: new Date(row.started_at).toISOString(),
  endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
});

/** An organisation's subscriptions, active first, newest first. */
export async function listSubscriptions(deps: StoreDeps, organisationId: string): Promise<Subscription[]> {
  const rows = await deps.db.selectFrom('store_subscriptions').selectAll().where('organisation_id', '=', organisationId).orderBy('started_at', 'desc').execute();
  return rows.map(toSubscription).sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null));
}

/**
 * Subscribes the organisation to an app it may see. @throws TWL_STORE_APP_NOT_FOUND, TWL_STORE_SUBSCRIPTION_EXISTS
 */
export async function subscribe(deps: StoreDeps, caller: Caller, actor: Actor, organisationId: string, input: SubscriptionCreate): Promise<Subscription> {
  await visibleRelease(deps.db, { ...caller, organisationId }, input.appId);
  const now = deps.clock();
  const exists = () => new TweelingError(STORE_ERRORS.SUBSCRIPTION_EXISTS, `${organisationId} heeft al een abonnement op '${input.appId}'.`);
  const row = await deps.db
    .transaction()
    .execute(async (trx) => {
      const active = await trx.selectFrom('store_subscriptions').select('id').where('organisation_id', '=', organisationId).where('app_id', '=', input.appId).where('ended_at', 'is', null).executeTakeFirst();
      if (active) throw exists();
      const inserted = await trx.insertInto('store_subscriptions').values({ id: randomUUID(), organisation_id: organisationId, app_id: input.appId, started_at: now, ended_at: null }).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, actor, { action: 'store.subscription.create', targetType: 'app', targetId: input.appId, organisationId, payload: input }, now);
      return inserted;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw exists();
      throw error;
    });
  return toSubscription(row);
}

/** Ends the organisation's active subscription to an app. @throws TWL_STORE_SUBSCRIPTION_NOT_FOUND */
export async function unsubscribe(deps: StoreDeps, actor: Actor, organisationId: string, appId: string): Promise<Subscription> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('store_subscriptions').set({ ended_at: now }).where('organisation_id', '=', organisationId).where('app_id', '=', appId).where('ended_at', 'is', null).returningAll().executeTakeFirst();
    if (!row) throw new TweelingError(STORE_ERRORS.SUBSCRIPTION_NOT_FOUND, `${organisationId} heeft geen actief abonnement op '${appId}'.`);
    await appendAudit(trx, actor, { action: 'store.subscription.end', targetType: 'app', targetId: appId, organisationId }, now);
    return toSubscription(row);
  });
}

/** [start, end) of a `YYYY-MM` month in UTC. */
function monthRange(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 1))];
}

/**
 * The monthly statement of an organisation. Each metered run (`usage_events`) is priced by the
 * release it ran: per-run releases charge their price per run; runs of subscription apps are
 * covered by a subscription active in that month, whose fee (the newest release's monthly price)
 * is charged once; free runs are listed at zero. Every run line lists the jobs it counts, and
 * amounts are summed in cents.
 */
export async function monthlyStatement(deps: StoreDeps, organisationId: string, month: string): Promise<Statement> {
  const [start, end] = monthRange(month);
  const events = await deps.db
    .selectFrom('usage_events as u')
    .innerJoin('app_releases as r', (j) => j.onRef('r.app_id', '=', 'u.app_id').onRef('r.version', '=', 'u.app_version'))
    .select(['u.job_id', 'u.app_id', 'u.app_version', 'r.manifest'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.created_at', '>=', start)
    .where('u.created_at', '<', end)
    .orderBy('u.created_at')
    .execute();
  const subscriptions = await deps.db
    .selectFrom('store_subscriptions')
    .select('app_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where('started_at', '<', end)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', start)]))
    .execute();
  const subscribed = new Set(subscriptions.map((s) => s.app_id));
  const groups = new Map<string, { line: Omit<StatementLine, 'quantity' | 'amountEur' | 'jobIds'>; jobIds: string[] }>();
  for (const e of events) {
    const pricing = (e.manifest as AppManifest).pricing;
    const kind: StatementLine['kind'] = pricing.kind === 'perRun' ? 'perRun' : pricing.kind === 'free' ? 'free' : subscribed.has(e.app_id) ? 'runsUnderSubscription' : 'runsWithoutSubscription';
    const unit = pricing.kind === 'perRun' ? pricing.eurPerRun : 0;
    const key = `${e.app_id}@${e.app_version}:${kind}:${unit}`;
    const description = { perRun: `Runs à € ${unit.toFixed(2)}`, free: 'Runs (gratis)', runsUnderSubscription: 'Runs (onder abonnement)', runsWithoutSubscription: 'Runs zonder abonnement (niet in rekening gebracht)', subscription: '' }[kind];
    const group = groups.get(key) ?? { line: { kind, appId: e.app_id, appVersion: e.app_version, description, unitPriceEur: unit }, jobIds: [] };
    group.jobIds.push(e.job_id);
    groups.set(key, group);
  }
  const lines: StatementLine[] = [...groups.values()].map(({ line, jobIds }) => ({ ...line, quantity: jobIds.length, amountEur: (cents(line.unitPriceEur) * jobIds.length) / 100, jobIds }));
  for (const appId of [...subscribed].sort()) {
    const release = await deps.db.selectFrom('store_releases as r').innerJoin('app_releases as a', (j) => j.onRef('a.app_id', '=', 'r.app_id').onRef('a.version', '=', 'r.version')).select('a.manifest').where('r.app_id', '=', appId).where('r.channel', '=', 'stable').orderBy('r.version_key', 'desc').executeTakeFirst();
    const pricing = (release?.manifest as AppManifest | undefined)?.pricing;
    if (pricing?.kind !== 'subscription') continue;
    lines.push({ kind: 'subscription', appId, appVersion: null, description: `Abonnement ${month}`, quantity: 1, unitPriceEur: pricing.eurPerMonth, amountEur: cents(pricing.eurPerMonth) / 100, jobIds: [] });
  }
  const totalCents = lines.reduce((sum, l) => sum + cents(l.amountEur), 0);
  return { organisationId, month, currency: 'EUR', lines, runs: events.length, totalEur: totalCents / 100 };
}

/** A CSV field: quoted when it holds a separator, quote or line break (RFC 4180). */
const field = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The statement as CSV (RFC 4180, comma-separated, header row, a closing total row); amounts in euro with two decimals. */
export function statementCsv(s: Statement): string {
  const header = ['month', 'organisation', 'app', 'version', 'kind', 'description', 'quantity', 'unitPriceEur', 'amountEur', 'jobIds'];
  const rows = s.lines.map((l) => [s.month, s.organisationId, l.appId, l.appVersion ?? '', l.kind, l.description, l.quantity, l.unitPriceEur.toFixed(2), l.amountEur.toFixed(2), l.jobIds.join(' ')]);
  rows.push([s.month, s.organisationId, '', '', 'total', 'Totaal', s.runs, '', s.totalEur.toFixed(2), '']);
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
