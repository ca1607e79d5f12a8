import type { AnalogTransfer, BoardWiring, SensorSource } from '../../sdk/model/board';
import type { PinBus } from '../pins/pin-bus';
import type { FridgeReading } from './fridge';

const KELVIN = 273.15;
const T25_K = 298.15;
/** ESP32 ADC resolution: readings are quantised to 12 bits like the real one. */
const ADC_STEPS = 4095;

/** Physical value → ADC fraction, the inverse of the firmware driver's transfer. */
export function toAdcFraction(value: number, t: AnalogTransfer): number {
  let f: number;
  if (t.kind === 'ntc') {
    const r = t.r25Ohms * Math.exp(t.beta * (1 / (value + KELVIN) - 1 / T25_K));
    f = r / (r + t.seriesOhms);
  } else {
    f = (value - t.min) / (t.max - t.min);
  }
  f = Math.min(1, Math.max(0, f));
  return Math.round(f * ADC_STEPS) / ADC_STEPS;
}

type Role = keyof BoardWiring;
const VALUE_OF: { [r in Role]: (x: FridgeReading) => number } = {
  cabinetTemp: (x) => x.cabinetC,
  freezerTemp: (x) => x.freezerC,
  door: (x) => (x.doorOpen ? 1 : 0),
  compressorPower: (x) => x.compressorW,
};

/** Drive the board's pins from a reading, following its wiring. */
export function feedPins(bus: PinBus, wiring: BoardWiring, x: FridgeReading, glitch?: () => boolean): void {
  for (const role of Object.keys(wiring) as Role[]) {
    const src: SensorSource = wiring[role];
    const v = VALUE_OF[role](x);
    if (src.kind === 'analog') bus.setAnalog(src.pin, glitch && glitch() ? 1 : toAdcFraction(v, src.transfer));
    // Reed switch on a pull-up: closed (door shut) pulls the pin low.
    else if (src.kind === 'digital') bus.setDigital(src.pin, v > 0);
  }
}

/**
 * The same readings as a trace file for boards that read sensors from
 * Storage (`kind: "trace"`): `<s>,<v1>,...` with each role in its column.
 */
export function traceLine(seconds: number, wiring: BoardWiring, x: FridgeReading): string {
  const cols: string[] = [String(seconds)];
  for (const role of Object.keys(wiring) as Role[]) {
    const src = wiring[role];
    if (src.kind !== 'trace') continue;
    const v = VALUE_OF[role](x);
    cols[src.column] = role === 'door' ? String(v) : v.toFixed(2);
  }
  for (let i = 0; i < cols.length; i++) if (cols[i] === undefined) cols[i] = '0';
  return cols.join(',');
}

/** The trace file name the board reads, if any. */
export function traceFileOf(wiring: BoardWiring): string | undefined {
  for (const role of Object.keys(wiring) as Role[]) {
    const src = wiring[role];
    if (src.kind === 'trace') return src.file;
  }
  return undefined;
}
