import type { AnalogTransfer } from '../model/index';
import type { AnalogInput, EdgeInput } from '../platform/index';

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
  if (transfer.kind === 'ntc') {
    const t = transfer;
    return {
      sample: () => {
        const f = input.read();
        if (!(f > 0.001 && f < 0.999)) return NaN;
        const r = (t.seriesOhms * f) / (1 - f);
        return 1 / (1 / T25_K + Math.log(r / t.r25Ohms) / t.beta) - KELVIN;
      },
      close: () => undefined,
    };
  }
  const lin = transfer;
  return {
    sample: () => lin.min + input.read() * (lin.max - lin.min),
    close: () => undefined,
  };
}

/**
 * A reed switch on a pulled-up input: the magnet closes the switch and pulls
 * the pin low when the door is shut, so a high level means open. Contact
 * bounce is filtered by the pin's debounce (Espruino `setWatch` `debounce`).
 */
export function createReedSwitch(input: EdgeInput, debounceMs: number): EdgeSensor {
  return {
    state: () => input.read(),
    watch: (cb) => input.watch(cb, debounceMs),
    close: () => input.close(),
  };
}
