import type { AnalogTransfer } from '../model/index';
import type { AnalogInput, EdgeInput } from '../platform/index';
import { noop } from '../util/index';

/** A polled numeric sensor (ECMA-419 style: `sample` and `close`). */
export interface NumericSensor {
  /** One reading in the channel's unit; NaN on a read fault (the sampler counts it). */
  sample(nowMs: number): number;
  close(): void;
}

/** A two-state sensor that reports its edges. */
export interface EdgeSensor {
  /** Current state (true = active, e.g. door open). */
  state(nowMs: number): boolean;
  /** Register the single edge callback. */
  watch(cb: (active: boolean, timeMs: number) => void): void;
  close(): void;
}

const KELVIN = 273.15;
const T25_K = 298.15;

/**
 * NTC thermistor as the low side of a divider from the ADC reference: the
 * ADC fraction f = R / (R + Rs), so R = Rs·f/(1−f); beta model
 * 1/T = 1/T25 + ln(R/R25)/β. Readings at the rails (open or shorted
 * sensor) return NaN so the sampler rejects them instead of recording ±∞.
 */
export function createAnalogSensor(input: AnalogInput, transfer: AnalogTransfer): NumericSensor {
  // Sensors live as long as the firmware: `close` is the shared no-op (nothing to release).
  if (transfer.kind === 'ntc') {
    return {
      sample: () => {
        const f = input.read();
        if (!(f > 0.001 && f < 0.999)) return NaN;
        const r = (transfer.seriesOhms * f) / (1 - f);
        return 1 / (1 / T25_K + Math.log(r / transfer.r25Ohms) / transfer.beta) - KELVIN;
      },
      close: noop,
    };
  }
  return { sample: () => transfer.min + input.read() * (transfer.max - transfer.min), close: noop };
}

/**
 * A reed switch on a pulled-up input: the magnet closes the switch and pulls
 * the pin low when the door is shut, so a high level means open. Contact
 * bounce is filtered by the input's debounce (given to `Platform.edge`,
 * Espruino `setWatch` `debounce`).
 */
export function createReedSwitch(input: EdgeInput): EdgeSensor {
  // The input's own methods (closures that ignore `this`): no wrappers to keep alive.
  return { state: input.read, watch: input.watch, close: input.close };
}
