/**
 * What the global scope of Espruino 2v29 on ESP32 holds: the allow-list for
 * the `unknown-global`, `unknown-static` and `prototype-builtin` rules.
 *
 * Source: the `/*JSON{...}*\/` headers of Espruino's `jswrap_*.c` files at tag
 * 2v29, filtered exactly as the firmware build filters them
 * (`scripts/common.py get_jsondata`, run with `boards/ESP32.py`, the
 * `WRAPPERSOURCES` and `DEFINES` of `make BOARD=ESP32`). Entries of type
 * `function`, `variable`, `object`, `class` and `constructor` are globals;
 * `staticmethod`/`staticproperty` entries are the statics below. Spot checks
 * of `typeof X` on the 2v29 Linux build agree (e.g. `RangeError`, `Map`,
 * `Symbol`, `setImmediate` are undefined; `globalThis` is an object).
 *
 * Board differences (same procedure, other board files): the IDF4 ESP32 build
 * lacks `AES`, `File` and `Telnet`; ESP32-C3 also lacks `I2C2`, `SPI2` and
 * `Serial3`. Libraries (`Storage`, `Wifi`, `http`, `net`, `crypto`, ...) are
 * not globals: they are reached through `require()`.
 */

/** Global functions (`"type": "function"`). */
export const GLOBAL_FUNCTIONS: readonly string[] = [
  'analogRead', 'analogWrite', 'atob', 'btoa', 'changeInterval', 'clearInterval',
  'clearTimeout', 'clearWatch', 'decodeURIComponent', 'digitalPulse', 'digitalRead',
  'digitalWrite', 'dump', 'echo', 'edit', 'encodeURIComponent', 'eval', 'getPinMode',
  'getSerial', 'getTime', 'isFinite', 'isNaN', 'load', 'parseFloat', 'parseInt',
  'peek16', 'peek32', 'peek8', 'pinMode', 'poke16', 'poke32', 'poke8', 'print',
  'require', 'reset', 'save', 'setBusyIndicator', 'setInterval', 'setSleepIndicator',
  'setTime', 'setTimeout', 'setWatch', 'shiftOut', 'trace',
];

/** Global values (`"type": "variable"` and `"object"`), plus language names. */
export const GLOBAL_VALUES: readonly string[] = [
  'HIGH', 'LOW', 'Infinity', 'NaN', 'global', 'globalThis',
  // Board devices from boards/ESP32.py `devices`: LED1 is D2, BTN1 is D0.
  'BTN', 'BTN1', 'LED', 'LED1',
  // Implicit in every non-arrow function; declared as a variable in jswrap_functions.c.
  'arguments',
  // Not a jswrap entry: Espruino's lexer treats `undefined` as a keyword (LEX_R_UNDEFINED).
  'undefined',
  // Peripheral instances (`"type": "object"`). I2C2, SPI2 and Serial3 are absent on ESP32-C3.
  'I2C1', 'I2C2', 'SPI1', 'SPI2', 'Serial1', 'Serial2', 'Serial3',
  // Loopback serial devices, used to redirect the console.
  'LoopbackA', 'LoopbackB',
  // Telnet console object (USE_TELNET); absent on the IDF4 build.
  'Telnet',
  // The BLE object (BLUETOOTH); its API is the NRF class below.
  'Bluetooth',
];

/**
 * Pins are globals generated from the board's pin list: D0..D39 on ESP32,
 * D0..D21 on C3 and D0..D48 on S3 (ESPRUINO.md §5). The widest range is
 * accepted here; the board fit check owns per-board pin validity.
 */
export const PIN_NAME = /^D([0-9]|[1-3][0-9]|4[0-8])$/;

/**
 * Global classes and their static members (`"type": "class"`/`"constructor"`,
 * then `"staticmethod"`/`"staticproperty"`). A class without statics maps to
 * an empty list.
 */
export const GLOBAL_CLASSES: { readonly [name: string]: readonly string[] } = {
  Array: ['isArray'],
  ArrayBuffer: [],
  // Espruino's common base of the typed arrays; a real global.
  ArrayBufferView: [],
  // Has a constructor entry but no class entry of its own.
  Boolean: [],
  DataView: [],
  Date: ['now', 'parse'],
  Error: [],
  InternalError: [],
  ReferenceError: [],
  SyntaxError: [],
  TypeError: [],
  Float32Array: [], Float64Array: [], Int8Array: [], Int16Array: [], Int32Array: [],
  Uint8Array: [], Uint8ClampedArray: [], Uint16Array: [], Uint32Array: [],
  // Espruino-only 24-bit typed array.
  Uint24Array: [],
  Function: [],
  JSON: ['parse', 'stringify'],
  Math: [
    'E', 'LN10', 'LN2', 'LOG10E', 'LOG2E', 'PI', 'SQRT1_2', 'SQRT2', 'abs', 'acos',
    'asin', 'atan', 'atan2', 'ceil', 'cos', 'exp', 'floor', 'log', 'max', 'min', 'pow',
    'random', 'round', 'sign', 'sin', 'sqrt', 'tan',
    // Espruino extensions: clip(x,min,max), randInt(n), wrap(x,max).
    'clip', 'randInt', 'wrap',
  ],
  Number: ['MAX_VALUE', 'MIN_VALUE', 'NEGATIVE_INFINITY', 'NaN', 'POSITIVE_INFINITY'],
  Object: [
    'assign', 'create', 'defineProperties', 'defineProperty', 'entries', 'fromEntries',
    'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors', 'getOwnPropertyNames',
    'getPrototypeOf', 'keys', 'setPrototypeOf', 'values',
  ],
  Promise: ['all', 'reject', 'resolve'],
  RegExp: [],
  String: ['fromCharCode'],
  console: ['debug', 'error', 'info', 'log', 'trace', 'warn'],
  // `process` is an EventEmitter: on('uncaughtException') comes from OBJECT_MEMBERS.
  process: ['env', 'memory', 'version'],
  E: [
    'CRC32', 'FFT', 'HSBtoRGB', 'asUTF8', 'asm', 'clip', 'compiledC', 'connectSDCard',
    'convolve', 'decodeUTF8', 'defrag', 'dumpFragmentation', 'dumpFreeList',
    'dumpLockedVars', 'dumpStr', 'dumpVariables', 'enableWatchdog', 'fromUTF8',
    'getAddressOf', 'getAnalogVRef', 'getClock', 'getConsole', 'getErrorFlags', 'getFlags',
    'getPowerUsage', 'getSizeOf', 'getTemperature', 'hwRand', 'internal', 'isUTF8',
    'kickWatchdog', 'lockConsole', 'lookupNoCase', 'mapInPlace', 'memoryArea', 'memoryMap',
    'nativeCall', 'openFile', 'pipe', 'reboot', 'reverseByte', 'setBootCode', 'setClock',
    'setConsole', 'setDST', 'setFlags', 'setPassword', 'setTimeZone', 'srand',
    'stopEventPropagation', 'sum', 'toArrayBuffer', 'toFlatString', 'toJS', 'toString',
    'toUint8Array', 'unmountSD', 'variance',
  ],
  ESP32: [
    'deepSleep', 'deepSleepExt0', 'deepSleepExt1', 'enableBLE', 'enableWifi', 'getState',
    'getWakeupCause', 'reboot', 'setAtten', 'setBLE_Debug', 'setOTAValid',
  ],
  // Bluetooth LE API on ESP32 (BLUETOOTH), named NRF for historical reasons.
  NRF: [
    'connect', 'disconnect', 'filterDevices', 'findDevices', 'getAddress',
    'getAdvertisingData', 'getBattery', 'requestDevice', 'restart', 'setAdvertising',
    'setLowPowerConnection', 'setRSSIHandler', 'setScan', 'setScanResponse', 'setServices',
    'setTxPower', 'sleep', 'updateServices', 'wake',
  ],
  Modules: ['addCached', 'getCached', 'removeAllCached', 'removeCached'],
  Graphics: ['createArrayBuffer', 'createCallback', 'createImage', 'getInstance'],
  I2C: ['find'],
  SPI: ['find'],
  Serial: ['find'],
  // AES (USE_AES) and File (USE_FILESYSTEM) are absent on the IDF4 build.
  AES: ['decrypt', 'encrypt'],
  File: [],
  OneWire: [], Pin: [], Waveform: [], StorageFile: [],
  // Classes of library instances; global names, but only useful via require().
  Server: [], Socket: [], dgramSocket: [], url: ['parse'],
  httpSrv: [], httpSRq: [], httpSRs: [], httpCRq: [], httpCRs: [],
  BluetoothRemoteGATTServer: [], BluetoothRemoteGATTService: [],
  BluetoothRemoteGATTCharacteristic: [],
};

/**
 * Members every global class object has besides its statics: each is an
 * Object (EventEmitter methods in jswrap_object.c) and a Function
 * (jswrap_functions.c), so `E.on('errorFlag', f)` and `Math.max.apply` work.
 */
export const OBJECT_MEMBERS: readonly string[] = [
  'addListener', 'clone', 'emit', 'hasOwnProperty', 'length', 'on', 'prependListener',
  'removeAllListeners', 'removeListener', 'toString', 'valueOf',
  'apply', 'bind', 'call', 'replaceWith',
];

/** Espruino's built-in modules: not globals, reached through `require(name)`. */
export const LIBRARIES: readonly string[] = [
  'Flash', 'NetworkJS', 'Storage', 'TelnetServer', 'Wifi', 'crypto', 'dgram', 'fs',
  'heatshrink', 'http', 'neopixel', 'net', 'timer', 'tls',
];

/** True when `name` is a global on Espruino 2v29 for ESP32. */
export function isEspruinoGlobal(name: string): boolean {
  return (
    GLOBAL_FUNCTIONS.indexOf(name) >= 0 ||
    GLOBAL_VALUES.indexOf(name) >= 0 ||
    Object.prototype.hasOwnProperty.call(GLOBAL_CLASSES, name) ||
    PIN_NAME.test(name)
  );
}
