import type { Report, Tier } from '../model/index';
import type { FileStore } from '../platform/index';
import { decodeCheckpoint, encodeCheckpoint, Restore } from './checkpoint';
import type { WindowLayout } from './layout';
import { coveragePermille, initWindow, windowCounts, windowFields } from './layout';
import { windowEnd, windowStart } from './window';

/**
 * The open window of one activated (purpose, tier). Measured on Espruino
 * 2v29, ESP32 layout, bundle run from Storage: activating costs 56–92 JsVars
 * (the slab 5–10 of them for 4–12 slots, the rest this object and the
 * layout), 30 for a second tier of a purpose (the layout is shared).
 */
export interface WindowSet {
  purpose: string;
  recipient: string;
  tier: Tier;
  /** Index of `tier` in TIERS. */
  tierIdx: number;
  layout: WindowLayout;
  /** The window's whole state (see layout.ts for the slots). */
  slab: Float64Array;
  /** Current window start, ms UTC; -1 until the clock is synced (no window is open). */
  start: number;
  /** Current window end (exclusive), ms UTC; Infinity while not open. */
  end: number;
  /** Data arrived since the last checkpoint. */
  dirty: boolean;
  /** Checkpoint file name. */
  file: string;
}

/** A set with no window open yet: it opens on the first synced add or tick. */
export function createWindowSet(purpose: string, recipient: string, tier: Tier, tierIdx: number, layout: WindowLayout, file: string): WindowSet {
  const slab = new Float64Array(layout.size);
  initWindow(layout, slab);
  return { purpose, recipient, tier, tierIdx, layout, slab, start: -1, end: Infinity, dirty: false, file };
}

/**
 * Open the window holding `nowMs` with an empty slab. On the first open
 * after activation (`restore`), take over the checkpoint of that very window
 * if there is an intact one. Returns what the checkpoint was (Absent when
 * not restoring).
 */
export function openWindow(set: WindowSet, nowMs: number, store: FileStore, restore: boolean): Restore {
  set.start = windowStart(set.tier, nowMs);
  set.end = windowEnd(set.tier, nowMs);
  set.dirty = false;
  initWindow(set.layout, set.slab);
  if (!restore) return Restore.Absent;
  return decodeCheckpoint(store.read(set.file), set.tierIdx, set.layout.signature, set.start, set.slab);
}

/** The report of the current window; `id` is left '' (the uplink assigns it). */
export function windowReport(set: WindowSet): Report {
  const windowMs = set.end - set.start;
  return {
    id: '',
    recipient: set.recipient,
    purpose: set.purpose,
    tier: set.tier,
    windowStart: set.start,
    windowMs,
    fields: windowFields(set.layout, set.slab),
    coveragePermille: coveragePermille(set.layout, set.slab, windowMs),
  };
}

/** Per-field sample/event counts of the current window (see `windowCounts`). */
export function windowSetCounts(set: WindowSet): { [field: string]: number } {
  return windowCounts(set.layout, set.slab);
}

/** Write the current window's checkpoint; false when the store refused it. */
export function saveWindow(set: WindowSet, store: FileStore): boolean {
  const ok = store.write(set.file, encodeCheckpoint(set.tierIdx, set.layout.signature, set.start, set.slab));
  if (ok) set.dirty = false;
  return ok;
}
