import type { FaultDecision, StorageOp } from '../storage';
import { createRandom } from '../models/random';

/**
 * When to cut the power: at chosen Storage-call boundaries, counted over the
 * whole run (every boot), and for a stated fraction of them mid-write,
 * leaving a torn file.
 */
export interface PowerCutPlan {
  /** 1-based indices of Storage calls (across all boots) at which the power fails. */
  atStorageOps?: number[];
  /**
   * Virtual times (ms since the epoch) after which the power fails at the
   * next Storage call: `sim --power-cuts <n>` spreads n of them over the run,
   * so every cut lands on a Storage boundary the firmware really reaches.
   */
  atTimes?: number[];
  /**
   * Cut this many times at Storage calls picked uniformly at random among
   * those the run makes (`simulate` counts them with a dry run first).
   * `sim --power-cuts <n>` uses this.
   */
  count?: number;
  /**
   * No cut before this virtual time (ms since the epoch); cuts due earlier
   * wait for it. Scenarios set it past the owner's first grants.
   */
  notBeforeMs?: number;
  /** Fraction of cuts that tear the write in progress instead of cutting before it. @default 0 */
  tornFraction?: number;
  /** Seed for choosing torn cuts and tear points. @default 1 */
  seed?: number;
}

/** Spread `count` cuts uniformly over `totalOps` Storage calls (from a dry run), reproducibly. */
export function spreadCuts(count: number, totalOps: number, seed: number): number[] {
  const rnd = createRandom(seed);
  const picked = new Set<number>();
  const n = Math.min(count, totalOps);
  while (picked.size < n) picked.add(1 + Math.floor(rnd() * totalOps));
  return [...picked].sort((a, b) => a - b);
}

/** A fault hook for FlashStorage that executes the plan and counts what it did. */
export function createFaultHook(plan: PowerCutPlan | undefined, stats: { storageOps: number; cuts: number; torn: number }, now: () => number = () => 0): (op: StorageOp) => FaultDecision {
  const at = new Set(plan && plan.atStorageOps ? plan.atStorageOps : []);
  const times = plan && plan.atTimes ? [...plan.atTimes].sort((a, b) => a - b) : [];
  let nextTime = 0;
  /** Cuts fallen due and not yet made. */
  let due = 0;
  /** Whether the next cut tears (decided once, when it falls due). */
  let tearNext: boolean | undefined;
  const rnd = createRandom(plan?.seed ?? 1);
  const torn = plan?.tornFraction ?? 0;
  const notBefore = plan?.notBeforeMs ?? -Infinity;
  return (op) => {
    stats.storageOps++;
    if (at.has(stats.storageOps)) due++;
    // A timed cut falls due at the first Storage call after its time. One call
    // takes one cut, so cuts that fall between the same two calls are not merged:
    // the rest land on the calls that follow (after the reboot).
    while (nextTime < times.length && now() >= times[nextTime]) { nextTime++; due++; }
    if (due === 0 || now() < notBefore) return 'continue';
    if (tearNext === undefined) tearNext = rnd() < torn;
    // A read cannot tear: a cut chosen to tear waits for the next write.
    if (tearNext && !(op.bytes !== undefined && op.bytes > 0)) return 'continue';
    due--;
    stats.cuts++;
    const tear = tearNext;
    tearNext = undefined;
    if (!tear) return 'cut';
    stats.torn++;
    return { tearAfterBytes: Math.floor(rnd() * (op.bytes as number)) };
  };
}

/** `count` cut times spread uniformly at random over [fromMs, toMs), reproducibly. */
export function spreadCutTimes(count: number, fromMs: number, toMs: number, seed: number): number[] {
  const rnd = createRandom(seed ^ 0x1f2e3d4c);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(fromMs + Math.floor(rnd() * (toMs - fromMs)));
  return out.sort((a, b) => a - b);
}
