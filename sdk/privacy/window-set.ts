import type { Tier } from '../model/index';
import type { FileStore } from '../platform/index';
import { decodeCheckpoint, encodeCheckpoint, Restore } from './checkpoint';
import type { WindowLayout } from './layout';
import { initWindow } from './layout';
import { tierIndex, tierWindow } from './window';

/**
 * The open window of one activated (purpose, tier), created by the buffer's
 * `activate` with no window open yet (`a` -1): it opens on the first synced
 * add or tick, and its report is built by the buffer. It lives as long as the
 * activation, so its keys are short: on Espruino a property name of ≤ 4
 * chars costs 1 JsVar, a longer one 2 or more (ESPRUINO.md §3).
 */
export interface WindowSet {
  /** Purpose id. */
  p: string;
  /** Tier. */
  t: Tier;
  /** The purpose's layout (shared with its other active tier). */
  l: WindowLayout;
  /** The window's whole state (see layout.ts for the slots). */
  s: Float64Array;
  /** Current window start, ms UTC; -1 until the clock is synced (no window is open). */
  a: number;
  /** Current window end (exclusive), ms UTC; Infinity while not open. */
  e: number;
  /** Data arrived since the last checkpoint. */
  d: boolean;
  /** Checkpoint file name. */
  f: string;
}

/**
 * Open the window holding `nowMs` with an empty slab. On the first open
 * after activation (`restore`), take over the checkpoint of that very window
 * if there is an intact one. Returns what the checkpoint was (Absent when
 * not restoring).
 */
export function openWindow(set: WindowSet, nowMs: number, store: FileStore, restore: boolean): Restore {
  set.a = tierWindow(set.t, nowMs, 0);
  set.e = tierWindow(set.t, nowMs, 1);
  set.d = false;
  initWindow(set.l, set.s);
  if (!restore) return Restore.Absent;
  return decodeCheckpoint(store.read(set.f), tierIndex(set.t), set.l.g, set.a, set.s);
}

/** Write the current window's checkpoint; false when the store refused it. */
export function saveWindow(set: WindowSet, store: FileStore): boolean {
  const ok = store.write(set.f, encodeCheckpoint(tierIndex(set.t), set.l.g, set.a, set.s));
  if (ok) set.d = false;
  return ok;
}
