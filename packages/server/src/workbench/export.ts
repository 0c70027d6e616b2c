import { CANVAS_QUESTIONS, RETRO_AXIS_LABELS, RETRO_AXES, type Caller, type CanvasSectionId } from '@tweeling/core';
import type { WorkbenchDeps } from './access.js';
import { getCanvas } from './canvas.js';
import { listDecisions } from './decisions.js';
import { listRetrospectives } from './retros.js';
import { listStakeholders } from './stakeholders.js';
import { getStoryTree } from './story-tree.js';
import { listStories } from './stories.js';
import { getUseCase } from './use-cases.js';

/** Keeps user text from breaking the Markdown structure (headings, lists, tables). */
const md = (text: string) => text.replace(/([\\`*_[\]#|<>])/g, '\\$1').replace(/\n+/g, ' ');
const bullets = (items: string[]) => items.map((i) => `- ${md(i)}`).join('\n');

/**
 * A whole use case as Markdown, for a report or a wiki: canvas, stakeholders, story tree, user
 * stories, decisions and retrospectives. Only what the caller may read.
 */
export async function useCaseMarkdown(deps: WorkbenchDeps, caller: Caller, useCaseId: string): Promise<string> {
  const useCase = await getUseCase(deps, caller, useCaseId);
  const [canvas, stakeholders, tree, stories, decisions, retros] = await Promise.all([
    getCanvas(deps, caller, useCaseId),
    listStakeholders(deps, caller, useCaseId),
    getStoryTree(deps, caller, useCaseId),
    listStories(deps, caller, useCaseId),
    listDecisions(deps, caller, useCaseId),
    listRetrospectives(deps, caller, useCaseId),
  ]);
  const out: string[] = [`# ${md(useCase.title)}`, '', `Organisatie: ${useCase.organisationId} · fase: ${useCase.status} · ${useCase.visibility === 'public' ? 'openbaar' : 'alleen eigen organisatie'}`, ''];
  if (useCase.summary) out.push(md(useCase.summary), '');

  out.push('## Usecasecanvas', '');
  for (const section of canvas.sections.filter((s) => s.version > 0)) {
    out.push(`### ${md(section.title)}`, '', `_Versie ${section.version}, ${section.updatedBy ?? ''}_`, '');
    const questions = CANVAS_QUESTIONS[section.section as CanvasSectionId] as Record<string, string>;
    for (const [field, question] of Object.entries(questions)) {
      const answers = section.content[field] ?? [];
      if (answers.length) out.push(`**${md(question)}**`, '', bullets(answers), '');
    }
  }

  if (stakeholders.length) {
    out.push('## Belanghebbenden', '', '| Naam | Voor wie / met wie | Rol | Invloed | Belang |', '|---|---|---|---|---|');
    for (const s of stakeholders) out.push(`| ${md(s.name)} | ${s.relation} | ${md(s.role ?? '')} | ${s.influence} | ${s.interest} |`);
    out.push('');
  }
  if (tree.nodes.length) {
    out.push('## Verhaalboom', '');
    for (const n of tree.nodes) out.push(`${'  '.repeat(n.depth)}- ${n.kind}: ${md(n.label)}${n.target ? ` (doel: ${md(n.target)})` : ''}`);
    out.push('');
  }
  if (stories.length) out.push('## User stories', '', ...stories.map((s) => `- ${md(s.text)}${s.appIds.length ? ` Apps: ${s.appIds.join(', ')}.` : ''}`), '');
  if (decisions.length) {
    out.push('## Besluiten', '');
    for (const d of decisions) {
      out.push(`### ${md(d.title)}`, '', `Besloten door ${md(d.decidedBy)} op ${d.decidedOn}.${d.legalBasis ? ` Grondslag: ${md(d.legalBasis)}.` : ''}`, '', md(d.rationale), '');
      if (d.alternatives.length) out.push('Overwogen alternatieven:', '', bullets(d.alternatives), '');
      for (const r of d.runs) out.push(`- Run \`${r.jobId}\` (${r.appId} ${r.appVersion}); uitkomsten: ${r.outputs.map((o) => `${o.output} \`${o.hash}\``).join(', ')}`);
      for (const s of d.datasets) out.push(`- Dataset ${s.datasetId} versie ${s.version} (\`${s.contentHash}\`)`);
      out.push('');
    }
  }
  if (retros.length) {
    out.push('## Retrospectieven', '');
    for (const r of retros) {
      out.push(`### Retrospectief ${r.heldOn}`, '');
      for (const axis of RETRO_AXES) if (r.axes[axis].length) out.push(`**${RETRO_AXIS_LABELS[axis]}**`, '', bullets(r.axes[axis]), '');
      if (r.actions.length) out.push('Acties:', '', ...r.actions.map((a) => `- [${a.status === 'gedaan' ? 'x' : ' '}] ${md(a.description)} (${md(a.owner)}${a.dueOn ? `, uiterlijk ${a.dueOn}` : ''})`), '');
      if (r.lessons.length) out.push('Geleerde lessen:', '', bullets(r.lessons.map((l) => l.text)), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
