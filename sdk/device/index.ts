export { createWiring } from './wiring';
export type { Wiring, WiringOptions } from './wiring';
export { deviceBoard } from './board';
export type { DeviceBoard } from './board';
export { readConfig } from './config';
export type { ConfigResult } from './config';
export { createPrivacyPipeline } from './privacy-pipeline';
export type { PrivacyPipeline, PrivacyPipelineOptions, OwnerApi } from './privacy-pipeline';
export { loadOrCreateSecret, SECRET_FILE } from './secret';
