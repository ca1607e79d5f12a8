/**
 * Espruino 2v29 JsVar accounting for the simulator and the build's fit check.
 *
 * - measureRealm: boot-time/on-demand count of a device realm (vm context),
 *   closure scopes included, through V8's inspector (synchronous).
 * - estimateValue: blocks of one JS value graph (no closure scopes).
 * - estimateBundleJsVars: from the bundle text alone, when it cannot be booted.
 * - pinScopes: make V8 keep what Espruino keeps, for exact closure accounting.
 */
export { measureRealm, snapshotSystemObjects } from './heap-walk';
export type { MeasureRealmOptions, MemoryRoot, MemoryRootKind, RealmMeasurement } from './heap-walk';
export { estimateValue, estimateValueByKind } from './jsvar-cost';
export type { EstimateValueOptions, ValueEstimate } from './jsvar-cost';
export { estimateBundleJsVars } from './static-estimate';
export type { BundleEstimate, BundleEstimateOptions } from './static-estimate';
export { pinScopes } from './scope-pins';
export { ESP32_LAYOUT, ESP32C3_LAYOUT, LINUX64_LAYOUT, REF16_LAYOUT, resolveLayout } from './layout';
export type { JsVarLayout, JsVarLayoutOptions } from './layout';
export type { JsVarsByKind } from './tally';
