import type { Link } from '@tweeling/core';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A plain, accessible HTML page for an API resource (for people who open the API in a browser);
 * the JSON is the contract, this page only shows it.
 */
export function renderResourcePage(options: { title: string; description?: string; links?: Link[]; body?: unknown }): string {
  const links = (options.links ?? [])
    .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title ?? l.rel)}</a> <small>(${escapeHtml(l.rel)}${l.type ? `, ${escapeHtml(l.type)}` : ''})</small></li>`)
    .join('\n');
  const json = options.body === undefined ? '' : `<h2>JSON</h2><pre>${escapeHtml(JSON.stringify(options.body, null, 2))}</pre>`;
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} — Tweeling</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#004488}pre{background:#f3f3f3;padding:1rem;overflow:auto}</style>
</head>
<body><main>
<h1>${escapeHtml(options.title)}</h1>
${options.description ? `<p>${escapeHtml(options.description)}</p>` : ''}
${links ? `<h2>Links</h2><ul>${links}</ul>` : ''}
${json}
</main></body></html>`;
}

/** Sends an HTML page from a route whose schema describes the JSON form of the same resource. */
export function sendHtml(reply: { type(contentType: string): { send(payload: string): unknown } }, html: string): void {
  reply.type('text/html; charset=utf-8').send(html);
}
