/**
 * The device dialect: what TypeScript written for Espruino 2v29 may use.
 * `checkDeviceSyntax` guards the sources; the regex analysis is shared with
 * the emitted-JS checker (toolchain/check).
 */
export { DEVICE_SYNTAX_RULES, checkDeviceSyntax, formatDiagnostic } from './device-syntax';
export type { DeviceSyntaxOptions, Diagnostic } from './device-syntax';
export { regexMessage, unsupportedRegexFeatures } from './regex-features';
