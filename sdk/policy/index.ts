/**
 * The policy: compile-time (`definePolicy`) and run-time (`validatePolicy`)
 * checks of PRIVACY.md's rules, the canonical encoding and digests that
 * identify a purpose as granted, and the narrowing test that decides whether
 * a consent survives a policy change. A leaf: it imports only sdk/model,
 * sdk/util and sdk/platform types.
 */
export { definePolicy } from './define';
export type {
  CheckedPolicy, PolicyShape,
  SensitiveChannelNeverLeaves, AggregateDoesNotFitChannelKind, OrderStatisticOnDiagnosticOnly,
  AggregateNotAllowedForDataClass, TierFinerThanFloor, EssentialOnlyForDiagnostic,
} from './define';
export { validatePolicy } from './validate';
export type { PolicyCheck } from './validate';
export { parseEndpoint } from '../util/index';
export type { Endpoint } from '../util/index';
export { canonicalEncode, toMicro } from './canonical';
export { snapshotPurpose } from './snapshot';
export type { GrantedPurpose, GrantedField } from './snapshot';
export { purposeDigest, policyHash } from './digest';
export type { Sha256Function } from './digest';
export { isNarrowerOrEqual } from './compare';
export {
  TIER_ORDER, KIND_AGGREGATES, CLASS_AGGREGATES, ORDER_STATISTICS, PLAIN_TIERS, OPT_IN_TIERS,
  CHANNEL_KINDS, DATA_CLASSES, DEFAULT_K_MIN, MAX_RELEASE_DELAY_H, tierRank, allows, Rule,
} from './rules';
