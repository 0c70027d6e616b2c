import type { Caller, DecisionDossier } from '@tweeling/core';
import { getRunRecord } from '../runtime/jobs-store.js';
import { getDecision } from './decisions.js';
import { getUseCase } from './use-cases.js';
import type { WorkbenchDeps } from './access.js';

/**
 * The dossier of one decision: the use case, the decision with its pinned citations, and a check of
 * every cited run against the run record on file (same output hashes = the evidence is unchanged).
 */
export async function buildDossier(deps: WorkbenchDeps, caller: Caller, useCaseId: string, decisionId: string): Promise<DecisionDossier> {
  const useCase = await getUseCase(deps, caller, useCaseId);
  const decision = await getDecision(deps, caller, useCaseId, decisionId);
  const verification = await Promise.all(
    decision.runs.map(async (run) => {
      // Checked as the owning organisation: the answer is one boolean, the record itself stays private.
      const current = await getRunRecord(deps.db, useCase.organisationId, run.jobId).catch(() => null);
      const pinned = run.outputs.map((o) => `${o.output}:${o.hash}`).sort().join();
      const onFile = current?.outputs.map((o) => `${o.output}:${o.hash}`).sort().join();
      return { jobId: run.jobId, outputsUnchanged: onFile === pinned };
    }),
  );
  return {
    generatedAt: deps.clock().toISOString(),
    useCase: { id: useCase.id, title: useCase.title, organisationId: useCase.organisationId, status: useCase.status },
    decision,
    verification,
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const DATE = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
const DATETIME = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

function list(items: string[], empty: string): string {
  return items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : `<p>${escapeHtml(empty)}</p>`;
}

/** The dossier as a printable, accessible Dutch HTML page (headings, a definition list, captioned tables). */
export function renderDossierHtml(dossier: DecisionDossier): string {
  const { decision: d, useCase } = dossier;
  const verified = new Map(dossier.verification.map((v) => [v.jobId, v.outputsUnchanged]));
  const runRows = d.runs
    .map((r) => {
      const hashes = r.outputs.map((o) => `${escapeHtml(o.output)}: <code>${o.hash}</code>`).join('<br>');
      const check = verified.get(r.jobId) ? 'ongewijzigd' : 'afwijkend of niet meer beschikbaar';
      return `<tr><th scope="row"><code>${r.jobId}</code></th><td>${escapeHtml(r.appId)} ${escapeHtml(r.appVersion)}<br><small>code <code>${r.codeHash}</code></small></td><td>${DATETIME.format(new Date(r.endedAt))}</td><td>${hashes}</td><td>${check}</td></tr>`;
    })
    .join('');
  const datasetRows = d.datasets.map((s) => `<tr><th scope="row">${escapeHtml(s.datasetId)}</th><td>${s.version}</td><td><code>${s.contentHash}</code></td></tr>`).join('');
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Besluitdossier: ${escapeHtml(d.title)} — Tweeling</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:bold}code{word-break:break-all;font-size:.85em}dt{font-weight:bold}dd{margin:0 0 .75rem 0}
@media print{body{margin:0;max-width:none}a{color:inherit}}</style>
</head>
<body><main>
<p>Besluitdossier · use case <strong>${escapeHtml(useCase.title)}</strong> (${escapeHtml(useCase.organisationId)}, fase ${escapeHtml(useCase.status)})</p>
<h1>${escapeHtml(d.title)}</h1>
<dl>
<dt>Besloten door</dt><dd>${escapeHtml(d.decidedBy)}</dd>
<dt>Datum besluit</dt><dd><time datetime="${d.decidedOn}">${DATE.format(new Date(`${d.decidedOn}T12:00:00Z`))}</time></dd>
<dt>Wettelijke grondslag</dt><dd>${d.legalBasis ? escapeHtml(d.legalBasis) : 'niet opgegeven'}</dd>
<dt>Vastgelegd door</dt><dd>${escapeHtml(d.recordedBy)}, <time datetime="${d.createdAt}">${DATETIME.format(new Date(d.createdAt))}</time></dd>
${d.supersedes ? `<dt>Vervangt besluit</dt><dd><code>${d.supersedes}</code></dd>` : ''}
</dl>
<h2>Motivering</h2>
<p>${escapeHtml(d.rationale).replace(/\n/g, '<br>')}</p>
<h2>Overwogen alternatieven</h2>
${list(d.alternatives, 'Geen alternatieven vastgelegd.')}
<h2>Onderbouwing met rekenresultaten</h2>
${d.runs.length ? `<table><caption>Aangehaalde runs met de vastgelegde hashes van hun uitkomsten</caption><thead><tr><th scope="col">Run</th><th scope="col">App en versie</th><th scope="col">Afgerond</th><th scope="col">Uitkomsten (SHA-256)</th><th scope="col">Controle</th></tr></thead><tbody>${runRows}</tbody></table>` : '<p>Geen runs aangehaald.</p>'}
<h2>Gebruikte data</h2>
${d.datasets.length ? `<table><caption>Aangehaalde datasetversies</caption><thead><tr><th scope="col">Dataset</th><th scope="col">Versie</th><th scope="col">Inhoudshash (SHA-256)</th></tr></thead><tbody>${datasetRows}</tbody></table>` : '<p>Geen datasets aangehaald.</p>'}
<h2>Herleidbaarheid</h2>
<p>Elke run is vastgelegd met app, versie, codehash, invoer, datasetversies en seed. Opnieuw uitvoeren van de vastgelegde run moet dezelfde hashes opleveren; de kolom Controle vergelijkt met het runrecord dat nu in Tweeling staat.</p>
<p><small>Dossier opgesteld op <time datetime="${dossier.generatedAt}">${DATETIME.format(new Date(dossier.generatedAt))}</time>.</small></p>
</main></body></html>`;
}
