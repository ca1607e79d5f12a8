import type { Policy } from '../model/index';
import type { Hash } from '../platform/index';
import { isNarrowerOrEqual, purposeDigest, snapshotPurpose } from '../policy/index';

/*
 * The only place the consent stage touches sdk/policy's snapshot API, so a
 * change of its signatures is a change here.
 */

/** Hex digest of purpose `id` as `policy` declares it (SHA-256 of its canonical encoding). */
export function digestOf(policy: Policy, id: string, hash: Hash): string {
  return purposeDigest(policy, id, (s: string) => hash.sha256(s));
}

/** The purpose definition as declared now, as JSON text to store with a grant. */
export function snapshotText(policy: Policy, id: string): string {
  return JSON.stringify(snapshotPurpose(policy, id));
}

/**
 * True when the purpose as `policy` declares it now is equal to or narrower
 * than the definition granted (`grantedText`, from snapshotText). Unreadable
 * text keeps nothing (fail closed).
 */
export function keepsConsent(grantedText: string, policy: Policy, id: string): boolean {
  let granted: any;
  try {
    granted = JSON.parse(grantedText);
  } catch (e) {
    return false;
  }
  return isNarrowerOrEqual(granted, snapshotPurpose(policy, id));
}
