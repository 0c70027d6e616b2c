/**
 * The seeded random source apps must use: SFC32 ("Small Fast Counting" generator by Chris
 * Doty-Humphrey, from the PractRand suite; 128-bit state, passes PractRand and BigCrush), its state
 * filled from a 32-bit seed with SplitMix32 and warmed up by 12 rounds, as is customary.
 * Same seed, same sequence, on every platform: only 32-bit integer arithmetic is used.
 */

/** Largest seed value (seeds are unsigned 32-bit integers). */
export const MAX_SEED = 0xffffffff;

/** Seed used by the local runner when none is given. */
export const DEFAULT_SEED = 1;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a deterministic random source: each call returns a number in [0, 1) with 32 bits of randomness.
 *
 * @param seed - unsigned 32-bit integer (0 … 4294967295)
 * @throws {RangeError} when the seed is not such an integer
 * @example
 * const random = createRandom(42);
 * const jitterM = (random() - 0.5) * 0.1;
 */
export function createRandom(seed: number): () => number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  }
  const next = splitmix32(seed);
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const sfc32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) sfc32();
  return sfc32;
}
