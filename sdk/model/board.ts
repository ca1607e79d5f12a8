/**
 * The one type every board file in `boards/*.json` satisfies. The build, the
 * fit check, the simulator and the firmware (through the build-injected
 * `HOMEBOUND_BOARD` constant) all read the same file.
 */
export interface BoardDefinition {
  /** Path of the JSON schema, for editors. */
  $schema?: string;
  /** Identifier used on the command line (`--board esp32`); equals the file name. */
  id: string;
  /** Human-readable name. */
  name: string;
  /** Chip family; `linux` is Espruino's own Linux build. */
  chip: 'ESP32' | 'ESP32-C3' | 'ESP32-S3' | 'linux';
  /** Espruino firmware version the board definition was measured on, e.g. `2v29`. */
  espruino: string;
  jsvars: BoardJsVars;
  storage: BoardStorage;
  /** Console UART baud rate. EspruinoTools' default of 9600 uploads code that never runs on ESP32. */
  consoleBaud: number;
  /** Built-in modules and radios this firmware build offers. */
  modules: BoardModules;
  pins: BoardPins;
  /** Default wiring of the appliance sensors, by role. */
  wiring: BoardWiring;
}

export interface BoardJsVars {
  /** Largest count the JsVar format allows (`variables` in Espruino's board file). */
  cap: number;
  /** Bytes per JsVar in this layout (14 on ESP32, 13 on ESP32-C3, 27 on the 64-bit Linux build). */
  bytesPerVar: number;
  /** JsVars really free at boot with the board's radios on; the fit check budgets against this. */
  atBoot: number;
  /** Where `atBoot` comes from (measurement or users' reports). */
  atBootSource: string;
  /** JsVars at boot with BLE switched off, where the board has BLE. */
  atBootBleOff?: number;
}

export interface BoardStorage {
  /** Size of Espruino's Storage area in bytes (a whole number of pages). */
  bytes: number;
  /** Flash erase page size in bytes. */
  pageBytes: number;
}

export interface BoardModules {
  /** Espruino built-in modules `require()` can load on this board. */
  builtin: string[];
  wifi: boolean;
  tls: boolean;
  telnet: boolean;
  ble: boolean;
}

export interface BoardPins {
  /** Every GPIO name, e.g. `D0`…`D39`. */
  digital: string[];
  /** Pins with an ADC channel usable by `analogRead`. */
  analog: string[];
  /** Default hardware I2C bus pins. */
  i2c?: { scl: string; sda: string };
}

/** Where a sensor gets its samples: a pin on real hardware, or a trace file in Storage. */
export type SensorSource =
  | { kind: 'analog'; pin: string; transfer: AnalogTransfer }
  | { kind: 'digital'; pin: string; pullup?: boolean }
  | { kind: 'trace'; file: string; column: number };

export interface BoardWiring {
  cabinetTemp: SensorSource;
  freezerTemp: SensorSource;
  door: SensorSource;
  compressorPower: SensorSource;
}

/**
 * How an ADC reading (`analogRead`, a fraction 0..1 of full scale) becomes a
 * physical value. The HAL driver applies it; the simulator inverts it to feed
 * the pin from a physical model, so both read the same board file.
 */
export type AnalogTransfer =
  /** NTC thermistor as the low side of a divider from 3.3 V: beta model, result in °C. */
  | { kind: 'ntc'; beta: number; r25Ohms: number; seriesOhms: number }
  /** Linear sensor: `min + fraction * (max - min)` in the channel's unit. */
  | { kind: 'linear'; min: number; max: number };
