/**
 * Espruino's built-in modules, reachable two ways:
 *
 * - `require("Storage")`: `require` accepts only the names below, so an unknown
 *   module (or a variable) is a type error. Espruino would otherwise try to load it
 *   from Storage or, at upload time, from espruino.com (ESPRUINO.md §2).
 * - `import storage from "Storage"`: the build maps each default import to
 *   Espruino's `require("Storage")`.
 *
 * The names are those built into the 2v29 ESP32 firmware (process.env.MODULES and
 * the generated symbol table) that Homebound uses; boards/*.json says which ones a
 * given board has (the Linux build has no Wifi and no ESP32). Not declared: Flash,
 * fs, dgram, neopixel, timer, TelnetServer, NetworkJS and the BLE classes.
 */

/** Module name → module type; also the single source of truth for `require`. */
interface EspruinoModules {
  Storage: StorageModule;
  http: HttpModule;
  net: NetModule;
  tls: TlsModule;
  Wifi: WifiModule;
  crypto: CryptoModule;
  ESP32: ESP32Module;
  heatshrink: HeatshrinkModule;
}

/** Loads a built-in module; the argument must be one of the names in `EspruinoModules`. */
declare function require<K extends keyof EspruinoModules>(moduleName: K): EspruinoModules[K];

declare module "Storage" {
  const storage: StorageModule;
  export default storage;
}

declare module "http" {
  const http: HttpModule;
  export default http;
}

declare module "net" {
  const net: NetModule;
  export default net;
}

declare module "tls" {
  const tls: TlsModule;
  export default tls;
}

declare module "Wifi" {
  const wifi: WifiModule;
  export default wifi;
}

declare module "crypto" {
  const crypto: CryptoModule;
  export default crypto;
}

declare module "ESP32" {
  const esp32: ESP32Module;
  export default esp32;
}

declare module "heatshrink" {
  const heatshrink: HeatshrinkModule;
  export default heatshrink;
}
