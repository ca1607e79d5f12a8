import { createHash } from 'crypto';
import type { Policy } from '../../sdk/model/index';
import { canonicalEncode, snapshotPurpose } from '../../sdk/policy/index';

/**
 * SHA-256 as the device's `Hash.sha256` computes it: a binary string (one
 * char per byte) in, a 32-char binary string out. For passing to the SDK's
 * `purposeDigest`/`policyHash` in host tests and tools.
 */
export function nodeSha256(data: string): string {
  return createHash('sha256').update(Buffer.from(data, 'latin1')).digest().toString('latin1');
}

/** SHA-256 of canonical text as Node's own lowercase hex (the text is pure ASCII). */
function hexDigest(text: string): string {
  return createHash('sha256').update(text, 'latin1').digest('hex');
}

/**
 * The digest of purpose `id` as the device computes it with `purposeDigest`:
 * SHA-256 over the SDK's own `canonicalEncode(snapshotPurpose(policy, id))`,
 * hex-encoded by Node rather than the SDK, so a fault in the device's hex
 * encoding cannot hide. Empty when the purpose is not declared.
 */
export function hostPurposeDigest(policy: Policy, id: string): string {
  const snap = snapshotPurpose(policy, id);
  return snap ? hexDigest(canonicalEncode(snap)) : '';
}

/** The policy's hash as the device computes it with `policyHash`: SHA-256 over `canonicalEncode(policy)`, hex. */
export function hostPolicyHash(policy: Policy): string {
  return hexDigest(canonicalEncode(policy));
}
