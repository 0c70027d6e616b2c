import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import { bumpy, raster } from './helpers.js';

describe('cancelling a simulation (signal)', () => {
  const dem = raster(60, 40, 2, bumpy);
  const base = { dem, durationS: 3600, rainMmPerH: { timesS: [0, 3600], values: [90, 0], interpolation: 'step' as const } };

  it('an already aborted signal rejects before the run', async () => {
    await expect(simulate({ ...base, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  for (const threads of [1, 2]) {
    it(`an abort from a timer stops a running ${threads}-thread run between steps`, async () => {
      const controller = new AbortController();
      let lastS = 0, scheduled = false;
      // The abort comes from a timer, so it only lands if the driver yields to the event loop.
      const run = simulate({
        ...base, threads, signal: controller.signal,
        onProgress: (p) => {
          lastS = p.timeS;
          if (p.timeS > 0 && !scheduled) { scheduled = true; setTimeout(() => controller.abort(), 0); }
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(lastS).toBeGreaterThan(0);
      expect(lastS).toBeLessThan(3600);
    });
  }

  it('without an abort the same run completes (the signal changes no result)', async () => {
    const a = await simulate({ ...base, durationS: 300 });
    const b = await simulate({ ...base, durationS: 300, signal: new AbortController().signal });
    expect(Array.from(b.maxDepthM.data)).toEqual(Array.from(a.maxDepthM.data));
    expect(b.steps).toBe(a.steps);
  });
});
