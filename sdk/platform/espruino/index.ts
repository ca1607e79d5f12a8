export { createEspruinoPlatform } from './platform';
export type { EspruinoPlatformOptions } from './platform';
export { createEspruinoNetwork, createEspruinoWifi } from './network';
