import { describe, expect, it } from 'vitest';
import { parseAppManifest, type AppManifest } from './app-manifest.js';
import { ChainDefinition, chainToManifest, stepInputs } from './chain.js';

const text = (nl: string) => ({ nl });
/** A small app: one number input, an optional dataset input of `inKind`, one output of `outKind`. */
function app(id: string, inKind: 'vector' | 'raster', outKind: 'vector' | 'raster' | 'value'): AppManifest {
  return parseAppManifest({
    id, name: text(id), summary: text(id), useCases: ['wateroverlast'], version: '1.0.0', publisher: 'tweeling-apps', licence: 'EUPL-1.2',
    inputs: {
      factor: { title: text('Factor'), description: text('Een getal'), schema: { type: 'number', default: 1 } },
      data: { title: text('Data'), description: text('Invoerdata'), schema: { default: { dataset: 'demo' } }, dataRequirement: 'data' },
    },
    outputs: { result: { title: text('Uitkomst'), description: text('De uitkomst'), schema: { type: 'object' }, kind: outKind } },
    dataRequirements: { data: inKind === 'vector' ? { kind: 'vector', description: text('vlakken'), geometryTypes: ['Polygon'] } : { kind: 'raster', description: text('raster'), maxCellSizeM: 5 } },
    serviceLevel: text('geen'),
    modelCard: { method: text('methode'), validation: text('validatie'), references: [] },
  });
}

const chain = (targetKind: 'vector' | 'raster') =>
  ChainDefinition.parse({
    id: 'keten-test', name: text('Keten'), description: text('Een keten'), version: '1.0.0',
    steps: [
      { id: 'eerst', process: 'bron', inputs: { factor: 2 } },
      { id: 'dan', process: targetKind === 'raster' ? 'raster-doel' : 'vector-doel', inputs: { data: { fromStep: 'eerst', output: 'result' } } },
    ],
    outputs: { eind: { fromStep: 'dan', output: 'result' } },
  });

const apps = new Map([app('bron', 'vector', 'raster'), app('raster-doel', 'raster', 'value'), app('vector-doel', 'vector', 'value')].map((m) => [m.id, m]));

describe('chains', () => {
  it('offers the free inputs of every step, with the chain fixed values as defaults, and not the bound ones', () => {
    const manifest = chainToManifest(chain('raster'), apps);
    expect(Object.keys(manifest.inputs).sort()).toEqual(['danFactor', 'eerstData', 'eerstFactor']);
    expect(manifest.inputs.eerstFactor?.schema.default).toBe(2);
    expect(manifest.outputs.eind?.kind).toBe('value');
    expect(manifest.themes).toContain('keten');
  });

  it('refuses a raster output bound to a vector input (typed ports)', () => {
    expect(() => chainToManifest(chain('vector'), apps)).toThrow(/needs vector data, 'eerst.result' is raster/);
  });

  it('refuses steps of apps that are not installed and bindings to later steps', () => {
    const bad = ChainDefinition.parse({ ...chain('raster'), steps: [{ id: 'dan', process: 'raster-doel', inputs: { data: { fromStep: 'later', output: 'result' } } }, { id: 'later', process: 'onbekend', inputs: {} }] });
    expect(() => chainToManifest(bad, apps)).toThrow(/does not come before[\s\S]*'onbekend' is not installed/);
  });

  it('gives each step its values: chain inputs over fixed values, bindings apart', () => {
    const definition = chain('raster');
    const second = stepInputs(definition.steps[1]!, { danFactor: 7 }, apps.get('raster-doel')!);
    expect(second).toEqual({ values: { factor: 7 }, bindings: { data: { fromStep: 'eerst', output: 'result' } } });
    expect(stepInputs(definition.steps[0]!, {}, apps.get('bron')!).values).toEqual({ factor: 2 });
  });
});
