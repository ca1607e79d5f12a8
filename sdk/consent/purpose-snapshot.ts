import type { Policy } from '../model/index';
import type { Hash } from '../platform/index';
import { canonicalEncode, isNarrowerOrEqual, snapshotPurpose } from '../policy/index';
import { toHex } from '../util/index';

/*
 * The only place the consent stage touches sdk/policy's snapshot API, so a
 * change of its signatures is a change here. One function, not three: each
 * module-level function stays in RAM for good (ESPRUINO.md §3).
 */

/**
 * About purpose `id` as `policy` declares it now:
 * - with `hash`: its hex digest (SHA-256 of its canonical encoding);
 * - with `granted` (text from a call with neither): true when it is equal to
 *   or narrower than the definition granted; unreadable text keeps nothing
 *   (fail closed);
 * - with neither: its definition as JSON text to store with a grant.
 */
export function purposeSnapshot(policy: Policy, id: string, hash?: Hash, granted?: string): any {
  const now = snapshotPurpose(policy, id);
  // purposeDigest's definition, spelled out so that the device keeps no purposeDigest function.
  if (hash) return now ? toHex(hash.sha256(canonicalEncode(now))) : '';
  if (granted === undefined) return JSON.stringify(now);
  let g: any;
  try {
    g = JSON.parse(granted);
  } catch (e) {
    return false;
  }
  return isNarrowerOrEqual(g, now);
}
