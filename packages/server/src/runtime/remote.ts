import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { AppId, LocalizedText, SpdxLicence, UseCaseIdSchema, parseAppManifest, type AppManifest, type JsonSchema } from '@tweeling/core';
import { hashJsonValue } from '@tweeling/sdk';
import { TweelingError } from '../errors.js';
import { RUNTIME_ERRORS } from './errors.js';

/** Marks a release that runs on another OGC API Processes server. */
export const REMOTE_MODULE_PREFIX = 'remote:';
/** Remote calls give up after this long. */
const REQUEST_TIMEOUT_MS = 15_000;
const POLL_MS = 500;

/** Registering a process of another OGC API Processes server (a vendor's pygeoapi, say) as an app. */
export const RemoteProcessRegistration = z
  .strictObject({
    id: AppId.describe('App id in this store'),
    url: z.url({ protocol: /^https?$/ }).describe('Landing page of the remote OGC API (…/ogcapi or …/api/v1)'),
    processId: z.string().min(1).max(200).describe('Process id on the remote server'),
    useCases: z.array(UseCaseIdSchema).min(1),
    themes: z.array(z.string().min(1).max(60)).default([]),
    licence: SpdxLicence,
    summary: LocalizedText.optional(),
    authEnv: z
      .string()
      .regex(/^TWEELING_REMOTE_[A-Z0-9_]+$/, 'the name of an environment variable TWEELING_REMOTE_…')
      .optional()
      .describe('Environment variable holding the bearer token for the remote server (secrets stay out of the database)'),
  })
  .describe('Remote process registration');
export type RemoteProcessRegistration = z.infer<typeof RemoteProcessRegistration>;

/** Addresses that are not on the public internet (RFC 6890 special-purpose ranges, multicast, reserved). */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 127], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(network, prefix, 'ipv6');

/** IPv4 addresses carried in IPv6 ones (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged as IPv4. */
function embeddedV4(address: string): string | null {
  const groups = expandV6(address);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included). */
function expandV6(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.length === 8 ? groups.map((g) => parseInt(g, 16)) : null;
}

/** Whether an address lies outside the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedV4(address);
  return v4 !== null ? PRIVATE.check(v4, 'ipv4') || v4.startsWith('0.') : PRIVATE.check(address, 'ipv6');
}

/**
 * Refuses URLs that point into private networks (SSRF), unless allowed: every address the host
 * resolves to is checked, at registration and again before every call.
 */
export async function assertAllowedUrl(url: string, allowPrivate: boolean): Promise<void> {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) throw new TweelingError(RUNTIME_ERRORS.INVALID_INPUTS, 'Een URL met inloggegevens wordt niet aangenomen; gebruik authEnv.');
  if (allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new TweelingError(RUNTIME_ERRORS.INVALID_INPUTS, `${host} is niet te vinden.`);
  if (addresses.some(isPrivateAddress)) throw new TweelingError({ ...RUNTIME_ERRORS.INVALID_INPUTS, status: 403 }, `${host} ligt in een privé-netwerk; externe processen moeten publiek bereikbaar zijn.`);
}

async function call(url: string, init: RequestInit & { authEnv?: string | undefined }, signal?: AbortSignal): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  const token = init.authEnv ? process.env[init.authEnv] : undefined;
  if (token) headers.set('authorization', `Bearer ${token}`);
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return fetch(url, { ...init, headers, redirect: 'error', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
}

const SUPPORTED = new Set(['type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'required', 'additionalProperties', 'title', 'description', 'default', 'format', 'contentMediaType']);

/** Keeps the JSON Schema keywords this store checks; the remote server checks the rest itself. */
function subset(schema: unknown): JsonSchema {
  if (!schema || typeof schema !== 'object') return {};
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (SUPPORTED.has(key)) out[key] = value;
  if (typeof out.additionalProperties !== 'boolean') delete out.additionalProperties;
  if (source.items) out.items = subset(source.items);
  if (source.properties && typeof source.properties === 'object') out.properties = Object.fromEntries(Object.entries(source.properties).map(([k, v]) => [k, subset(v)]));
  if (out.type === undefined && out.enum === undefined && out.const === undefined) out.type = ['string', 'number', 'integer', 'boolean', 'object', 'array'];
  return out as JsonSchema;
}

interface RemoteDescription {
  title?: string;
  description?: string;
  version?: string;
  inputs?: Record<string, { title?: string; description?: string; schema?: unknown; minOccurs?: number; maxOccurs?: number | 'unbounded' }>;
  outputs?: Record<string, { title?: string; description?: string; schema?: unknown }>;
}

/** Reads the remote process description and describes the remote process as an app of this store. */
export async function remoteManifest(registration: RemoteProcessRegistration, publisher: string): Promise<AppManifest> {
  const base = registration.url.replace(/\/+$/, '');
  const res = await call(`${base}/processes/${encodeURIComponent(registration.processId)}`, { authEnv: registration.authEnv }).catch((error: unknown) => {
    throw new TweelingError({ ...RUNTIME_ERRORS.PROCESS_NOT_FOUND, status: 502 }, `De externe server antwoordt niet: ${(error as Error).message}`);
  });
  if (!res.ok) throw new TweelingError({ ...RUNTIME_ERRORS.PROCESS_NOT_FOUND, status: 502 }, `De externe server gaf ${res.status} op de procesbeschrijving.`);
  const invalid = (why: string) => new TweelingError({ ...RUNTIME_ERRORS.PROCESS_NOT_FOUND, status: 502 }, `De procesbeschrijving van de externe server is ongeldig: ${why.slice(0, 300)}`);
  const description = (await res.json().catch((error: unknown) => {
    throw invalid((error as Error).message);
  })) as RemoteDescription;
  if (!description || typeof description !== 'object' || Array.isArray(description)) throw invalid('geen JSON-object');
  try {
    return manifestOf(registration, publisher, base, description);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
}

function manifestOf(registration: RemoteProcessRegistration, publisher: string, base: string, description: RemoteDescription): AppManifest {
  const text = (value: unknown, fallback: string) => ({ nl: (typeof value === 'string' ? value.trim() : '') || fallback });
  const version = /^\d+\.\d+\.\d+$/.test(String(description.version ?? '')) ? String(description.version) : '0.0.0';
  return parseAppManifest({
    id: registration.id,
    name: text(description.title, registration.processId),
    summary: registration.summary ?? text(description.description, `Extern proces ${registration.processId}`),
    useCases: registration.useCases,
    themes: ['extern', ...registration.themes],
    version,
    channel: 'stable',
    publisher,
    licence: registration.licence,
    inputs: Object.fromEntries(Object.entries(description.inputs ?? {}).map(([id, input]) => [id, {
      title: text(input.title, id), description: text(input.description, id), schema: subset(input.schema),
      minOccurs: input.minOccurs ?? 1, maxOccurs: input.maxOccurs ?? 1,
    }])),
    outputs: Object.fromEntries(Object.entries(description.outputs ?? {}).map(([id, output]) => [id, { title: text(output.title, id), description: text(output.description, id), schema: subset(output.schema), kind: 'value' }])),
    jobControlOptions: ['async-execute', 'dismiss'],
    idempotent: false,
    dataRequirements: {},
    hardware: { cores: 1, memoryMiB: 16, gpu: false },
    limitations: [{ nl: `Draait op ${new URL(base).host}, niet op dit platform: beschikbaarheid, rekentijd en gegevensverwerking liggen bij de aanbieder.` }],
    dataImperfections: [],
    pricing: { kind: 'free' },
    serviceLevel: { nl: 'Zoals afgesproken met de aanbieder van de externe server.' },
    modelCard: {
      method: { nl: `Extern OGC API Processes-proces '${registration.processId}' op ${base}; methode volgens de aanbieder.` },
      validation: { nl: 'Door de aanbieder; dit platform controleert alleen de invoer en legt elke run vast.' },
      references: [{ title: `Procesbeschrijving op ${base}`, url: `${base}/processes/${encodeURIComponent(registration.processId)}` }],
    },
  });
}

/** Where a remote release runs: stored as the release's module. */
export const remoteModule = (registration: RemoteProcessRegistration) =>
  `${REMOTE_MODULE_PREFIX}${JSON.stringify({ url: registration.url.replace(/\/+$/, ''), processId: registration.processId, authEnv: registration.authEnv ?? null })}`;

/**
 * Runs a job on the remote server (async execution, polling its status), and returns its results
 * with SHA-256 hashes, so remote runs are recorded and compared like local ones.
 * @throws Error with a clear message when the remote cannot be reached or the job fails there
 */
export async function runRemote(module: string, inputs: Record<string, unknown>, signal: AbortSignal, allowPrivate: boolean, onProgress: (percent: number, message: string) => void): Promise<{ results: Record<string, unknown>; hashes: Record<string, string> }> {
  const target = JSON.parse(module.slice(REMOTE_MODULE_PREFIX.length)) as { url: string; processId: string; authEnv: string | null };
  await assertAllowedUrl(target.url, allowPrivate);
  const auth = target.authEnv ?? undefined;
  const unreachable = (error: unknown) => new Error(`de externe server ${new URL(target.url).host} is niet bereikbaar (${(error as Error).message})`);
  const started = await call(`${target.url}/processes/${encodeURIComponent(target.processId)}/execution`, {
    method: 'POST', authEnv: auth, body: JSON.stringify({ inputs }), headers: { 'content-type': 'application/json', prefer: 'respond-async' },
  }, signal).catch((error: unknown) => { throw unreachable(error); });
  if (started.status !== 201 && started.status !== 200) throw new Error(`de externe server weigerde de taak (${started.status}): ${(await started.text()).slice(0, 300)}`);
  const location = started.headers.get('location');
  let results: Record<string, unknown>;
  if (started.status === 200 || !location) {
    results = (await started.json()) as Record<string, unknown>;
  } else {
    const jobUrl = new URL(location, target.url).href;
    // The job lives on the registered server: a Location elsewhere (a private address, say) is not followed (SSRF).
    if (new URL(jobUrl).origin !== new URL(target.url).origin) throw new Error(`de externe server verwijst voor de taak naar een andere server (${new URL(jobUrl).host}); dat wordt niet gevolgd`);
    for (;;) {
      if (signal.aborted) {
        await call(jobUrl, { method: 'DELETE', authEnv: auth }).catch(() => undefined);
        throw signal.reason instanceof Error ? signal.reason : new Error('dismissed');
      }
      const status = (await (await call(jobUrl, { authEnv: auth }, signal).catch((error: unknown) => { throw unreachable(error); })).json()) as { status: string; progress?: number; message?: string };
      onProgress(status.progress ?? 0, `Extern: ${status.message ?? status.status}`);
      if (status.status === 'successful') break;
      if (status.status === 'failed' || status.status === 'dismissed') throw new Error(`de externe taak is ${status.status}: ${status.message ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    results = (await (await call(`${jobUrl}/results`, { authEnv: auth }, signal)).json()) as Record<string, unknown>;
  }
  const hashes = Object.fromEntries(Object.entries(results).map(([id, value]) => [id, hashJsonValue(value)]));
  return { results, hashes };
}
