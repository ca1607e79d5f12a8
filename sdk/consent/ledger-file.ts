import type { Tier } from '../model/index';

/**
 * One consent record as stored: short keys (JsVars), the purpose definition
 * as granted (`s`, its JSON text, parsed only when a new policy is compared
 * with it) and its digest (`d`, hex).
 */
export interface StoredConsent {
  /** recipient */
  r: string;
  /** purpose */
  p: string;
  /** tier */
  t: Tier;
  /** granted at, ms since the epoch */
  g: number;
  /** digest of the purpose definition as granted, hex */
  d: string;
  /** snapshot of the purpose definition as granted, JSON text */
  s: string;
}

/** The ledger's contents and the copy they came from. */
export interface LoadedLedger {
  seq: number;
  records: StoredConsent[];
  /** Index in LEDGER_NAMES of the valid copy in use; -1 when there is none. */
  current: number;
  /** Copies that were present but failed their CRC or shape check. */
  corrupt: number;
}

/** Format version inside the body; a different version is treated as corrupt (fail closed). */
export const VERSION = 1;
