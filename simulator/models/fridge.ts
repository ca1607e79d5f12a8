import { createRandom } from './random';

/** Physical state of the fridge at one instant. */
export interface FridgeReading {
  cabinetC: number;
  freezerC: number;
  doorOpen: boolean;
  compressorW: number;
}

export interface FridgeModelOptions {
  seed: number;
  /** Start of the model in ms since the epoch (door habits follow UTC hours). */
  startMs: number;
  /** Room temperature, °C. @default 21 */
  ambientC?: number;
  /** Cabinet thermostat band, °C. @default [3, 5] */
  band?: [number, number];
  /** Mean door openings per day. @default 24 */
  opensPerDay?: number;
}

const STEP_S = 5;

/**
 * A two-compartment fridge: the compressor cools both compartments and
 * cycles on the cabinet thermostat's hysteresis band; heat leaks in from the
 * room, much faster with the door open. People open the door mostly between
 * 07:00 and 23:00. It is deterministic for a seed and advances in 5 s steps.
 */
export class FridgeModel {
  private rnd: () => number;
  private t: number;
  private cab: number;
  private frz = -18;
  private on = false;
  private onSince = 0;
  private doorUntil = 0;
  private nextOpen: number;
  private readonly ambient: number;
  private readonly band: [number, number];
  private readonly opensPerDay: number;
  /** Door openings so far. */
  opens = 0;

  constructor(o: FridgeModelOptions) {
    this.rnd = createRandom(o.seed);
    this.t = o.startMs;
    this.ambient = o.ambientC ?? 21;
    this.band = o.band ?? [3, 5];
    this.opensPerDay = o.opensPerDay ?? 24;
    this.cab = (this.band[0] + this.band[1]) / 2;
    this.nextOpen = this.t + this.gapMs();
  }

  /** Advance to `ms` (ms since the epoch) and return the state there. */
  advance(ms: number): FridgeReading {
    while (this.t + STEP_S * 1000 <= ms) this.step();
    return this.reading();
  }

  reading(): FridgeReading {
    const spike = this.on && this.t - this.onSince < 10000 ? 180 : 0;
    const noise = (this.rnd() - 0.5) * 4;
    return {
      cabinetC: this.cab,
      freezerC: this.frz,
      doorOpen: this.t < this.doorUntil,
      compressorW: this.on ? Math.max(0, 95 + spike + noise) : 0,
    };
  }

  private step(): void {
    this.t += STEP_S * 1000;
    if (this.t >= this.nextOpen) {
      this.opens++;
      this.doorUntil = this.t + (5 + this.rnd() * 40) * 1000;
      this.nextOpen = this.doorUntil + this.gapMs();
    }
    const open = this.t < this.doorUntil;
    const leak = open ? 0.004 : 0.00012;
    this.cab += (this.ambient - this.cab) * leak * STEP_S;
    this.frz += (this.ambient - this.frz) * 0.00004 * STEP_S;
    if (this.on) {
      this.cab -= 0.006 * STEP_S;
      // The damper to the freezer closes below -20 °C (single-compressor design).
      if (this.frz > -20) this.frz -= 0.0049 * STEP_S;
    }
    if (!this.on && this.cab > this.band[1]) { this.on = true; this.onSince = this.t; }
    else if (this.on && this.cab < this.band[0]) this.on = false;
  }

  /**
   * Time to the next opening: a Poisson process whose rate follows the hour
   * (mostly 07–23 UTC), sampled by thinning so a quiet night does not skip
   * the next morning.
   */
  private gapMs(): number {
    const peak = (this.opensPerDay / 16) * 0.95;
    let t = this.t;
    for (;;) {
      t += (-Math.log(1 - this.rnd()) / peak) * 3600000;
      const hour = new Date(t).getUTCHours();
      const rate = hour >= 7 && hour < 23 ? peak : (this.opensPerDay / 8) * 0.05;
      if (this.rnd() * peak <= rate) return t - this.t;
    }
  }
}
