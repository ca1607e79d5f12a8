/**
 * The emitted-JS checker behind `homebound check`: what in a built bundle
 * Espruino 2v29 cannot parse or run, located in the TypeScript sources.
 */
export { checkBundle } from './check';
export { checkBundleFile, runCheckCommand } from './cli';
export type { CheckCommandIo } from './cli';
export { formatViolation, formatViolations } from './format';
export type { FormatOptions } from './format';
export type { CheckOptions, Position, RawSourceMap, Violation } from './types';
export { CHECK_RULES } from './rules';
export { GLOBAL_CLASSES, GLOBAL_FUNCTIONS, GLOBAL_VALUES, isEspruinoGlobal } from './espruino-globals';
