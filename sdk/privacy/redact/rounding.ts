/**
 * Stage d: generalisation by rounding every value to a multiple of a step.
 *
 * Exactness: a step such as 0.1 is held as the integer pair (units, scale) =
 * (1, 10), and a value v becomes (k * units) / scale with k an integer. Both
 * operands are exact integers and IEEE division rounds once, so the result is
 * the double nearest to the decimal k × step: 0.1 + 0.2 → 0.3, never
 * 0.30000000000000004 as k * 0.1 would give. An integer step gives integers.
 */
import type { Processor } from './types';
import { isNumber, withholdAll } from './report';
import { redactFields } from './fields';

/** Most decimals a step may have (0.000001). */
export const MAX_STEP_DECIMALS = 6;

/** Ties within this fraction of a step round away from zero (0.15 is stored as 0.1499…). */
export const TIE_SLACK = 1e-9;

/** Largest integer k * units may reach and stay exact (2^53). */
export const EXACT = 9007199254740992;

/** A step as integers: step = units / scale, scale a power of ten. */
export interface Step {
  units: number;
  scale: number;
}

/** The step as integers, or null when it is not a finite number > 0 with at most 6 decimals. createRedactionChain inlines it (one module-level function fewer on the device): keep the two in step. */
export function resolveStep(step: unknown): Step | null {
  if (!isNumber(step) || step <= 0) return null;
  let scale = 1;
  for (let d = 0; d <= MAX_STEP_DECIMALS; d++) {
    const units = Math.round(step * scale);
    if (units >= 1 && units < EXACT && Math.abs(step * scale - units) <= TIE_SLACK * units) return { units, scale };
    scale *= 10;
  }
  return null;
}

/** True when {@link createRounding} accepts `step`. */
export function isValidStep(step: unknown): step is number {
  return resolveStep(step) !== null;
}

/**
 * `v` rounded half away from zero to a multiple of the step; NaN when the
 * multiple would not be exact (|v| beyond 2^53 units of the step). Never -0.
 */
export function roundTo(v: number, s: Step): number {
  const q = (v * s.scale) / s.units;
  const k = Math.floor(Math.abs(q) + 0.5 + TIE_SLACK);
  if (!(k * s.units < EXACT)) return NaN;
  if (k === 0) return 0;
  return ((q < 0 ? -k : k) * s.units) / s.scale;
}

/** A histogram with every bucket rounded, or null when one cannot be. */
export function roundAll(b: number[], s: Step): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const x = roundTo(b[i], s);
    if (x !== x) return null;
    out.push(x);
  }
  return out;
}

/**
 * Round every field value (every histogram bucket) to the nearest multiple of
 * `step`, half away from zero: at step 0.1, 1.25 → 1.3 and -1.25 → -1.3; at
 * step 5, 7 → 5 and 7.5 → 10. Results are exact multiples (see the file
 * comment). A value that is not finite, or too large to round exactly, is
 * withheld (BadValue); if nothing is left the report is dropped (Empty).
 * @param step in the channel's unit; a finite number > 0 with at most 6
 *   decimals. Anything else builds a stage that withholds every report
 *   (counted BadConfig).
 */
export function createRounding(step: number): Processor {
  const s = resolveStep(step);
  if (!s) return withholdAll;
  return (r, ctx) => redactFields(r, ctx.counts, ctx.tally, null, null, 0, s);
}
