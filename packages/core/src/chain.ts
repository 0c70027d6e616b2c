/**
 * Chains: a declared pipeline in which an output of one app feeds an input of the next (OGC API
 * Processes Part 3 "workflows" is the reference; this is the simple JSON form). A chain is offered
 * as one process whose inputs are its steps' free inputs and whose outputs are named step outputs.
 */
import { z } from 'zod';
import { AppId, PortId, SemVer, parseAppManifest, type AppManifest } from './app-manifest.js';
import { StrictLocalizedText } from './data-requirement.js';

/** A step input bound to an output of an earlier step. */
export const StepBinding = z.strictObject({
  fromStep: z.string().regex(/^[a-z][A-Za-z0-9]*$/).describe('Id of an earlier step'),
  output: PortId.describe('Output id of that step'),
});
export type StepBinding = z.infer<typeof StepBinding>;

export const ChainStep = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/).describe('Step id, camelCase'),
  process: AppId.describe('App (process) id the step runs'),
  inputs: z.record(PortId, z.unknown()).default({}).describe('Fixed values (defaults of the chain input) or `{ fromStep, output }` bindings'),
});
export type ChainStep = z.infer<typeof ChainStep>;

export const ChainDefinition = z
  .strictObject({
    id: AppId,
    name: StrictLocalizedText,
    description: StrictLocalizedText,
    version: SemVer,
    steps: z.array(ChainStep).min(2).describe('Steps in order; a step may only read outputs of earlier steps'),
    outputs: z.record(PortId, StepBinding).refine((o) => Object.keys(o).length > 0, 'a chain has at least one output').describe('Chain outputs: named step outputs'),
  })
  .describe('Chain definition (a pipeline of apps)');
export type ChainDefinition = z.infer<typeof ChainDefinition>;

const isBinding = (value: unknown): value is StepBinding => StepBinding.safeParse(value).success;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Name of the chain input that sets `input` of `step`: `flood` + `storm` → `floodStorm`. */
export const chainInputId = (step: string, input: string) => `${step}${capitalise(input)}`;

/**
 * Checks a chain against the manifests of its steps' apps (typed ports: a bound input must be a
 * dataset input whose data kind is the kind of the output feeding it) and describes it as one app
 * manifest: each step's free inputs as `<step><Input>` (the chain's fixed values as defaults),
 * the chain outputs as declared. The manifest carries no code; the runtime runs the steps.
 * @throws Error naming every problem with its path
 */
export function chainToManifest(chain: ChainDefinition, apps: ReadonlyMap<string, AppManifest>): AppManifest {
  const problems: string[] = [];
  const seen = new Map<string, AppManifest>();
  const inputs: Record<string, unknown> = {};
  const dataRequirements: Record<string, unknown> = {};
  for (const [index, step] of chain.steps.entries()) {
    const app = apps.get(step.process);
    if (!app) {
      problems.push(`steps[${index}].process: app '${step.process}' is not installed`);
      continue;
    }
    if (seen.has(step.id)) problems.push(`steps[${index}].id: '${step.id}' is used twice`);
    for (const [id, value] of Object.entries(step.inputs)) {
      const target = app.inputs[id];
      if (!target) {
        problems.push(`steps[${index}].inputs.${id}: ${step.process} has no input '${id}'`);
        continue;
      }
      if (!isBinding(value)) continue;
      const source = seen.get(value.fromStep);
      const output = source?.outputs[value.output];
      if (!source) problems.push(`steps[${index}].inputs.${id}: step '${value.fromStep}' does not come before '${step.id}'`);
      else if (!output) problems.push(`steps[${index}].inputs.${id}: ${source.id} has no output '${value.output}'`);
      else {
        const requirement = target.dataRequirement ? app.dataRequirements[target.dataRequirement] : undefined;
        if (!requirement) problems.push(`steps[${index}].inputs.${id}: '${id}' is not a dataset input, so it cannot take the ${output.kind} output '${value.output}'`);
        else if (requirement.kind !== output.kind) problems.push(`steps[${index}].inputs.${id}: needs ${requirement.kind} data, '${value.fromStep}.${value.output}' is ${output.kind}`);
      }
    }
    for (const [id, input] of Object.entries(app.inputs)) {
      if (isBinding(step.inputs[id])) continue;
      const fixed = step.inputs[id];
      const key = chainInputId(step.id, id);
      const { dataRequirement, ...rest } = input;
      inputs[key] = {
        ...rest,
        title: { ...input.title, nl: `${input.title.nl} (${step.id})` },
        schema: fixed === undefined ? input.schema : { ...input.schema, default: fixed },
        ...(dataRequirement ? { dataRequirement: chainInputId(step.id, dataRequirement) } : {}),
      };
      if (dataRequirement) dataRequirements[chainInputId(step.id, dataRequirement)] = app.dataRequirements[dataRequirement];
    }
    seen.set(step.id, app);
  }
  const outputs: Record<string, unknown> = {};
  for (const [id, binding] of Object.entries(chain.outputs)) {
    const output = seen.get(binding.fromStep)?.outputs[binding.output];
    if (!output) problems.push(`outputs.${id}: step '${binding.fromStep}' has no output '${binding.output}'`);
    else outputs[id] = output;
  }
  if (problems.length > 0) throw new Error(`Chain ${chain.id} is not valid:\n  ${problems.join('\n  ')}`);
  const manifests = [...seen.values()];
  const first = manifests[0]!;
  const prices = manifests.map((m) => m.pricing);
  const pricing = prices.every((p) => p.kind === 'free')
    ? { kind: 'free' }
    : prices.every((p) => p.kind !== 'subscription')
      ? { kind: 'perRun', eurPerRun: prices.reduce((sum, p) => sum + (p.kind === 'perRun' ? p.eurPerRun : 0), 0) }
      : { kind: 'subscription', eurPerMonth: prices.reduce((sum, p) => sum + (p.kind === 'subscription' ? p.eurPerMonth : 0), 0) };
  return parseAppManifest({
    id: chain.id,
    name: chain.name,
    summary: chain.description,
    useCases: [...new Set(manifests.flatMap((m) => m.useCases))],
    themes: ['keten', ...new Set(manifests.flatMap((m) => m.themes))],
    version: chain.version,
    channel: manifests.every((m) => m.channel === 'stable') ? 'stable' : 'beta',
    publisher: first.publisher,
    licence: manifests.every((m) => m.licence === first.licence) ? first.licence : 'LicenseRef-Tweeling-keten',
    inputs,
    outputs,
    jobControlOptions: ['async-execute', 'dismiss'],
    idempotent: manifests.every((m) => m.idempotent),
    dataRequirements,
    hardware: {
      cores: Math.max(...manifests.map((m) => m.hardware.cores)),
      memoryMiB: Math.max(...manifests.map((m) => m.hardware.memoryMiB)),
      gpu: manifests.some((m) => m.hardware.gpu),
    },
    limitations: manifests.flatMap((m) => m.limitations),
    dataImperfections: manifests.flatMap((m) => m.dataImperfections),
    pricing,
    serviceLevel: first.serviceLevel,
    modelCard: {
      method: { nl: `Keten van ${manifests.map((m) => `${m.name.nl} (${m.id}@${m.version})`).join(' → ')}. ${manifests.map((m) => m.modelCard.method.nl).join(' ')}` },
      validation: { nl: manifests.map((m) => `${m.id}: ${m.modelCard.validation.nl}`).join(' ') },
      references: manifests.flatMap((m) => m.modelCard.references),
    },
  });
}

/** The chain input values for one step: fixed values and overrides; bindings are filled in by the runtime. */
export function stepInputs(step: ChainStep, chainInputs: Record<string, unknown>, app: AppManifest): { values: Record<string, unknown>; bindings: Record<string, StepBinding> } {
  const values: Record<string, unknown> = {};
  const bindings: Record<string, StepBinding> = {};
  for (const id of Object.keys(app.inputs)) {
    const fixed = step.inputs[id];
    if (isBinding(fixed)) bindings[id] = fixed;
    else if (chainInputs[chainInputId(step.id, id)] !== undefined) values[id] = chainInputs[chainInputId(step.id, id)];
    else if (fixed !== undefined) values[id] = fixed;
  }
  return { values, bindings };
}
