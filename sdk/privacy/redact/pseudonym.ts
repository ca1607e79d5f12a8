/**
 * The rotating pseudonym (PRIVACY.md, defaults: "a pseudonym that rotates at
 * least daily: HMAC(device secret, epoch)") and stage f, which attaches it.
 *
 * Construction returns an error code instead of throwing: codes are the
 * device's error currency (STYLE.md §8) and a policy or secret loaded from
 * Storage can be bad at run time. The result is a discriminated union, so
 * the compiler makes the caller look at `err` before using the pseudonym.
 */
import { Err } from '../../model/index';
import type { Hash } from '../../platform/index';
import { createHmacSha256, toHex } from '../../util/index';
import type { Processor } from './types';
import { isInteger, isNumber } from './report';
import { finishReport } from './time';

/** Longest epoch allowed: the pseudonym must rotate at least daily. */
export const MAX_PSEUDONYM_EPOCH_MS = 86400000;
/** Shortest secret accepted, in bytes: HMAC keys shorter than the hash output are discouraged (RFC 2104 §3). */
export const MIN_PSEUDONYM_SECRET_BYTES = 32;
/** Bytes of the MAC kept (hex output is twice as long). */
export const PSEUDONYM_BYTES = 16;

/** The pseudonym in force at a time (ms since the epoch, UTC): 32 lowercase hex chars, or '' for a non-finite time. */
export type Pseudonym = (timeMs: number) => string;

/** Options of {@link createPseudonym}. */
export interface PseudonymOptions {
  /** SHA-256 of the platform (Espruino's crypto); the HMAC is built over it. */
  hash: Hash;
  /** Device secret as a binary string (one char per byte), at least 32 bytes. Never appears in the output. */
  secret: string;
  /** Epoch length in ms: an integer from 1 to 86400000 (24 h). @default 86400000 */
  epochMs?: number;
}

/** `err` is Err.None with a pseudonym, or Err.BadOption (bad hash, secret or epochMs) with null. */
export type PseudonymResult = { err: Err.None; pseudonym: Pseudonym } | { err: Err.BadOption; pseudonym: null };

/**
 * A rotating pseudonym: hex(HMAC-SHA256(secret, decimal epoch index))
 * truncated to 16 bytes, where the epoch index is floor(timeMs / epochMs)
 * (UTC epochs from 1970). The same epoch gives the same pseudonym, the next
 * epoch an unrelated one. The last result is cached: one HMAC per epoch.
 */
export function createPseudonym(options: PseudonymOptions): PseudonymResult {
  const o = options || ({} as PseudonymOptions);
  const epochMs = o.epochMs === undefined ? MAX_PSEUDONYM_EPOCH_MS : o.epochMs;
  const bad = !o.hash || typeof o.hash.sha256 !== 'function' || typeof o.secret !== 'string' ||
    o.secret.length < MIN_PSEUDONYM_SECRET_BYTES || !isInteger(epochMs) || epochMs < 1 || epochMs > MAX_PSEUDONYM_EPOCH_MS;
  if (bad) return { err: Err.BadOption, pseudonym: null };
  const hash = o.hash;
  const mac = createHmacSha256((d) => hash.sha256(d), o.secret);
  let lastEpoch = NaN;
  let lastHex = '';
  const pseudonym: Pseudonym = (timeMs) => {
    if (!isNumber(timeMs)) return '';
    const epoch = Math.floor(timeMs / epochMs);
    if (epoch !== lastEpoch) {
      // Integers print exactly on Espruino (checked on 2v29 up to 13 digits).
      lastHex = toHex(mac('' + epoch).substr(0, PSEUDONYM_BYTES));
      lastEpoch = epoch;
    }
    return lastHex;
  };
  return { err: Err.None, pseudonym };
}

/**
 * Stage f. With a pseudonym: attach the one in force at the report's window
 * start (so a re-sent report keeps its pseudonym; run it after time
 * coarsening). Without one (the purpose declares none): remove any
 * pseudonym the report carries (StrayPseudonym), since aggregate reports
 * carry no device identifier. A window start the pseudonym cannot use drops
 * the report (BadTime).
 */
export function createPseudonymStage(pseudonym: Pseudonym | null): Processor {
  return (r, ctx) => finishReport(r, ctx.tally, null, true, pseudonym);
}
