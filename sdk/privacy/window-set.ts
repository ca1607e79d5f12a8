import type { Tier } from '../model/index';
import type { WindowLayout } from './layout';

/**
 * The open window of one activated (purpose, tier), created by the buffer's
 * `activate` with no window open yet (`a` -1): the buffer opens it on the
 * first synced add or tick (restoring its checkpoint), and its report is built by the buffer. It lives as long as the
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
  /**
   * Offset of the window's whole state (see layout.ts for the slots) in the
   * buffer's one slab shared by every open window (CreditState `s`): one
   * Float64Array for all, not one each (~10 JsVars a window).
   */
  o: number;
  /**
   * Current window start, ms UTC; -1 until the clock is synced (no window is
   * open: the buffer opens it, restoring its checkpoint), -2 just closed (the
   * buffer reopens it at once, without restoring).
   */
  a: number;
  /** Current window end (exclusive), ms UTC; Infinity while not open. */
  e: number;
  /** Data arrived since the last checkpoint. */
  d: boolean;
  /**
   * Checkpoint slot the next save writes, 0 or 1: saves alternate between
   * `hb.w.<purposeIdx>.<tierIdx>` and that name + `b`, so a power cut that
   * tears one (Espruino trashes the old copy before writing the new) leaves
   * the other whole.
   */
  k: number;
  // The checkpoint file name is derived (`hb.w.<purposeIdx>.<tierIdx>`), not kept: 2 JsVars a window fewer.
}
