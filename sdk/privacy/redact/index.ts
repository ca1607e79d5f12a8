/**
 * The redaction stage of the privacy buffer: processors built by factories,
 * composed per purpose by createRedactionChain, and the rotating pseudonym.
 */
export { createRedactionChain } from './chain';
export type { RedactionChain, RedactionChainOptions, RedactionChainResult } from './chain';
export { createAllowList, createDeclaredOnly, declaredKeys } from './allow-list';
export { createMinCount, isValidKMin, DEFAULT_K_MIN } from './min-count';
export { createRounding, isValidStep, MAX_STEP_DECIMALS } from './rounding';
export { createTimeCoarsening, alignToTier, isTier, tierIndex, daysFromCivil, monthOfDay, windowStart, windowEnd, tierWindow } from './time';
export type { AlignedWindow } from './time';
export {
  createPseudonym, createPseudonymStage, MAX_PSEUDONYM_EPOCH_MS, MIN_PSEUDONYM_SECRET_BYTES, PSEUDONYM_BYTES,
} from './pseudonym';
export type { Pseudonym, PseudonymOptions, PseudonymResult } from './pseudonym';
export { Redacted, REDACTED_SLOTS, createRedactionTally, readCounters } from './types';
export type { FieldCounts, Processor, RedactionContext, RedactionCounters } from './types';
