export { buildFirmware, compileEntry, deviceDiagnostics, listFirmwares, inputsHash, loadFirmwarePolicy, loadFirmwareManifest } from './build-firmware';
export type { BuildOptions, BuildMetadata, BuildResult, CompiledBundle, FirmwareManifest } from './build-firmware';
export { formatDeviceDiagnostic } from './typecheck';
export type { DeviceDiagnostic } from './typecheck';
export { estimateFit, grantsFor } from './fit';
export type { FitEstimate } from './fit';
export { HELPERS, shippedHelperNames, helperPrelude } from './helpers';
export { ESPRUINO_BUILTIN_MODULES } from './bundle';
