/**
 * Digests: SHA-256 over the canonical encoding, as lowercase hex. The hash is
 * injected (the device passes `platform.hash.sha256`, the host Node's crypto
 * in toolchain/policy), so the same code computes both sides.
 */
import type { Policy } from '../model/index';
import { toHex } from '../util/index';
import { canonicalEncode } from './canonical';
import { snapshotPurpose } from './snapshot';

/** SHA-256 of a binary string (one char per byte), as a 32-char binary string: `Hash.sha256`. */
export type Sha256Function = (data: string) => string;

/**
 * The digest of purpose `id` as `policy` declares it: 64 lowercase hex
 * characters of SHA-256 over `canonicalEncode(snapshotPurpose(policy, id))`.
 * Empty when the policy does not declare the purpose (it matches no stored
 * digest).
 */
export function purposeDigest(policy: Policy, id: string, sha256: Sha256Function): string {
  const snap = snapshotPurpose(policy, id);
  return snap ? toHex(sha256(canonicalEncode(snap))) : '';
}

/**
 * The policy's hash, which identifies it (PRIVACY.md vocabulary): 64
 * lowercase hex characters of SHA-256 over `canonicalEncode(policy)`.
 */
export function policyHash(policy: Policy, sha256: Sha256Function): string {
  return toHex(sha256(canonicalEncode(policy)));
}
