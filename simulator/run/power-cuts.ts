import type { FaultDecision, StorageOp } from '../storage';
import { createRandom } from '../models/random';

/**
 * When to cut the power: at chosen Storage-call boundaries, counted over the
 * whole run (every boot), and for a stated fraction of them mid-write,
 * leaving a torn file.
 */
export interface PowerCutPlan {
  /** 1-based indices of Storage calls (across all boots) at which the power fails. */
  atStorageOps: number[];
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
export function createFaultHook(plan: PowerCutPlan | undefined, stats: { storageOps: number; cuts: number; torn: number }): (op: StorageOp) => FaultDecision {
  const at = new Set(plan ? plan.atStorageOps : []);
  const rnd = createRandom(plan?.seed ?? 1);
  const torn = plan?.tornFraction ?? 0;
  return (op) => {
    stats.storageOps++;
    if (!at.has(stats.storageOps)) return 'continue';
    stats.cuts++;
    const writes = op.bytes !== undefined && op.bytes > 0;
    if (writes && rnd() < torn) {
      stats.torn++;
      return { tearAfterBytes: Math.floor(rnd() * (op.bytes as number)) };
    }
    return 'cut';
  };
}
