/**
 * Virtual time for one simulated world. Device timers (`setTimeout`,
 * `setInterval`, `changeInterval`) and host-side model timers share one
 * queue ordered by (due time, creation order), so a run is a pure function of
 * its inputs and advancing in one jump or in many steps gives the same result.
 *
 * fake-timers' `install()` cannot patch a vm context, so the realm's globals
 * call into this clock directly.
 */
export interface VirtualTimer {
  id: number;
  due: number;
  /** Repeat period in ms, or 0 for a one-shot. */
  every: number;
  seq: number;
  cb: () => void;
  /** Owner tag; `cancelOwner` removes every timer of a discarded device. */
  owner: string;
}

export interface VirtualClockOptions {
  /** Start of the world in ms since the epoch, UTC. @default 2026-01-05T00:00:00Z (a Monday) */
  startMs?: number;
}

export const DEFAULT_START_MS = Date.UTC(2026, 0, 5);

export class VirtualClock {
  private nowMs: number;
  private heap: VirtualTimer[] = [];
  private byId = new Map<number, VirtualTimer>();
  private seq = 0;
  private nextId = 1;
  private holds = 0;
  private waiters: (() => void)[] = [];
  /** Timer callbacks fired so far. */
  fired = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.nowMs = options.startMs ?? DEFAULT_START_MS;
  }

  /** Current virtual time, ms since the epoch (may be fractional between timer boundaries: never; always an integer). */
  now(): number {
    return this.nowMs;
  }

  /** Schedule `cb` after `ms` (repeating every `ms` when `repeat`). Returns a positive id. */
  schedule(ms: number, cb: () => void, repeat: boolean, owner: string): number {
    const delay = Math.max(repeat ? 1 : 0, Math.floor(+ms || 0));
    const t: VirtualTimer = { id: this.nextId++, due: this.nowMs + delay, every: repeat ? delay : 0, seq: this.seq++, cb, owner };
    this.byId.set(t.id, t);
    this.push(t);
    return t.id;
  }

  /** Change a repeating timer's period, keeping its id; the next run is `ms` from now (Espruino's changeInterval). */
  change(id: number, ms: number): boolean {
    const t = this.byId.get(id);
    if (!t) return false;
    this.remove(id);
    t.every = Math.max(1, Math.floor(ms));
    t.due = this.nowMs + t.every;
    t.seq = this.seq++;
    this.byId.set(id, t);
    this.push(t);
    return true;
  }

  cancel(id: number): boolean {
    return this.remove(id);
  }

  /** Remove every timer owned by `owner` (a device whose power was cut). */
  cancelOwner(owner: string): void {
    for (const t of [...this.byId.values()]) if (t.owner === owner) this.remove(t.id);
  }

  /** Ids of the live timers of `owner`. */
  timersOf(owner: string): VirtualTimer[] {
    return [...this.byId.values()].filter((t) => t.owner === owner);
  }

  /**
   * Hold time still while a device socket operation is pending; the returned
   * function releases the hold (idempotent).
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) this.waiters.splice(0).forEach((w) => w());
    };
  }

  /**
   * Run every timer due up to `untilMs` in order, then set the time to
   * `untilMs`. While a hold is active, waits on the real event loop for it to
   * be released before firing anything further.
   */
  async runUntil(untilMs: number): Promise<void> {
    for (;;) {
      if (this.holds > 0) await new Promise<void>((r) => this.waiters.push(r));
      const t = this.heap[0];
      if (!t || t.due > untilMs) break;
      this.fire(t);
    }
    if (this.holds > 0) await new Promise<void>((r) => this.waiters.push(r));
    if (untilMs > this.nowMs) this.nowMs = untilMs;
  }

  /** Synchronous variant for callers with no socket I/O: throws if a hold is active. */
  runUntilSync(untilMs: number): void {
    for (;;) {
      if (this.holds > 0) throw new Error('runUntilSync: a socket operation is pending; use runUntil');
      const t = this.heap[0];
      if (!t || t.due > untilMs) break;
      this.fire(t);
    }
    if (untilMs > this.nowMs) this.nowMs = untilMs;
  }

  private fire(t: VirtualTimer): void {
    this.pop();
    this.nowMs = Math.max(this.nowMs, t.due);
    if (t.every > 0) {
      t.due += t.every;
      t.seq = this.seq++;
      this.push(t);
    } else {
      this.byId.delete(t.id);
    }
    this.fired++;
    t.cb();
  }

  private remove(id: number): boolean {
    const t = this.byId.get(id);
    if (!t) return false;
    this.byId.delete(id);
    const i = this.heap.indexOf(t);
    if (i >= 0) {
      const last = this.heap.pop()!;
      if (i < this.heap.length) {
        this.heap[i] = last;
        this.down(i);
        this.up(i);
      }
    }
    return true;
  }

  private less(a: VirtualTimer, b: VirtualTimer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(t: VirtualTimer): void {
    this.heap.push(t);
    this.up(this.heap.length - 1);
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
