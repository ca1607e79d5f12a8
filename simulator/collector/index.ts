/**
 * The collector: the recipients' side of the uplink, on loopback. A real
 * HTTP server and an MQTT broker (embedded aedes, or a client of an external
 * one) that check each report against the firmware's policy, deduplicate it
 * by id, store it as JSON lines and acknowledge the ids it stored, with an
 * optional seeded hostile mode (issue 4 §5, §7).
 */
export { startCollector } from './collector';
export { HOSTILE_MODES } from './types';
export type {
  Collector, CollectorOptions, CollectorStats, ExternalBrokerOptions, HostileMode, HostileOptions, StoredReport, WireReport,
} from './types';
export { createPolicyCheck, isReportId, isWindowNotFinerThan } from './policy-check';
export type { PolicyCheck } from './policy-check';
