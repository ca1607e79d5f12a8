export { policyErrorSentence, POLICY_ERROR_CODES } from './sentences';
export { nodeSha256, hostPurposeDigest, hostPolicyHash } from './digest';
