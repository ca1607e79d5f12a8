/**
 * The privacy buffer stage: windowed aggregation per purpose and tier, and
 * the redaction chain reports pass before they may be queued.
 */
export { createPrivacyBuffer } from './buffer';
export type { PrivacyBuffer, PrivacyBufferOptions, ReportCallback } from './buffer';
export type { PrivacyBufferCounters } from './counters';
export { windowStart, windowEnd } from './window';
export { CHECKPOINT_PREFIX } from './checkpoint';
export { createAggregator } from './aggregate/index';
export type { Aggregator } from './aggregate/index';
export { createRedactionChain, createPseudonym } from './redact/index';
export type { RedactionChain, FieldCounts, Pseudonym } from './redact/index';
