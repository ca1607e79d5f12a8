/**
 * The device's pins as the simulator sees them: analog levels and digital
 * levels set by models, and `setWatch` watchers fired on edges with
 * Espruino's debounce semantics (the new level must hold for `debounce` ms;
 * the callback's time is when it settled).
 */
export interface Watch {
  id: number;
  pin: string;
  repeat: boolean;
  edge: 'rising' | 'falling' | 'both';
  debounceMs: number;
  cb: (state: boolean, timeSec: number, lastTimeSec: number) => void;
  lastTimeSec: number;
  pendingTimer: number;
}

export interface PinScheduler {
  now(): number;
  after(ms: number, cb: () => void): number;
  cancel(id: number): void;
}

export class PinBus {
  private analog = new Map<string, number>();
  private digital = new Map<string, boolean>();
  private modes = new Map<string, string>();
  private watches = new Map<number, Watch>();
  private nextWatch = 1;
  /** Reads of pins that exist but that no model drives. */
  undrivenReads = 0;

  constructor(private readonly pins: string[], private readonly analogPins: string[], private readonly sched: PinScheduler) {}

  /** Throws Espruino-like errors for a pin the board does not have. */
  private check(pin: string): void {
    if (this.pins.indexOf(pin) < 0) throw new Error(`Invalid pin: ${pin}`);
  }

  setAnalog(pin: string, fraction: number): void {
    this.analog.set(pin, fraction);
  }

  readAnalog(pin: string): number {
    this.check(pin);
    if (this.analogPins.indexOf(pin) < 0) throw new Error(`Pin ${pin} is not capable of ADC`);
    const v = this.analog.get(pin);
    if (v === undefined) { this.undrivenReads++; return 0; }
    return v;
  }

  readDigital(pin: string): number {
    this.check(pin);
    const v = this.digital.get(pin);
    if (v === undefined) {
      this.undrivenReads++;
      return this.modes.get(pin) === 'input_pullup' ? 1 : 0;
    }
    return v ? 1 : 0;
  }

  setMode(pin: string, mode: string): void {
    this.check(pin);
    this.modes.set(pin, mode);
  }

  /** A model (or output) drives a digital level; fires watchers on a change. */
  setDigital(pin: string, level: boolean): void {
    const prev = this.digital.has(pin) ? this.digital.get(pin) : this.modes.get(pin) === 'input_pullup';
    this.digital.set(pin, level);
    if (prev === level) return;
    for (const w of this.watches.values()) if (w.pin === pin) this.onEdge(w, level);
  }

  watch(pin: string, cb: Watch['cb'], repeat: boolean, edge: string, debounceMs: number): number {
    this.check(pin);
    const e = edge === 'rising' || edge === 'falling' ? edge : 'both';
    const w: Watch = { id: this.nextWatch++, pin, repeat, edge: e, debounceMs, cb, lastTimeSec: this.sched.now() / 1000, pendingTimer: 0 };
    this.watches.set(w.id, w);
    return w.id;
  }

  clearWatch(id: number): void {
    if (!id) {
      for (const w of this.watches.values()) if (w.pendingTimer) this.sched.cancel(w.pendingTimer);
      this.watches.clear();
      return;
    }
    const w = this.watches.get(id);
    if (w && w.pendingTimer) this.sched.cancel(w.pendingTimer);
    this.watches.delete(id);
  }

  /** Forget watchers (the device lost power); levels stay, they are physical. */
  resetDevice(): void {
    this.watches.clear();
    this.modes.clear();
  }

  private onEdge(w: Watch, level: boolean): void {
    if (w.pendingTimer) { this.sched.cancel(w.pendingTimer); w.pendingTimer = 0; }
    const fire = (): void => {
      w.pendingTimer = 0;
      if (this.digital.get(w.pin) !== level) return;
      if ((w.edge === 'rising' && !level) || (w.edge === 'falling' && level)) return;
      const t = this.sched.now() / 1000;
      const last = w.lastTimeSec;
      w.lastTimeSec = t;
      if (!w.repeat) this.watches.delete(w.id);
      w.cb(level, t, last);
    };
    if (w.debounceMs > 0) w.pendingTimer = this.sched.after(w.debounceMs, fire);
    else fire();
  }
}
