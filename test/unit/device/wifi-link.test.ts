import { strict as assert } from 'assert';
import { createWifiLink } from '../../../sdk/device/wifi-link';
import type { WifiLink, WifiLinkOptions } from '../../../sdk/device/wifi-link';
import type { RandomSource } from '../../../sdk/model';
import type { Timers, WifiRadio } from '../../../sdk/platform';
import { backoffMs } from '../../../sdk/uplink';
import { VirtualClock } from '../../../simulator/clock/virtual-clock';
import { createTestFlash } from '../../support/flash-store';

/**
 * Espruino's ESP32 station, scripted: a join fails `failNext` times (then
 * `disconnected`, as after Espruino's two internal retries), a wrong password
 * is reported through the callback, `silent` joins never finish.
 */
class FakeWifiRadio implements WifiRadio {
  failNext = 0;
  authError = false;
  silent = false;
  /** ms a join takes. */
  joinMs = 2000;
  joins: Array<{ ssid: string; password: string; at: number }> = [];
  private listeners: { [event: string]: Array<() => void> } = {};
  constructor(private clock: VirtualClock) {}
  connect(ssid: string, password: string, cb: (err: unknown) => void): void {
    this.joins.push({ ssid, password, at: this.clock.now() });
    if (this.authError) {
      this.clock.schedule(10, () => cb('wrong_password'), false, 'radio');
      return;
    }
    if (this.silent) return;
    const fail = this.failNext > 0;
    if (fail) this.failNext--;
    this.clock.schedule(this.joinMs, () => {
      if (fail) this.emit('disconnected');
      else {
        cb(null);
        this.emit('connected');
      }
    }, false, 'radio');
  }
  on(event: 'connected' | 'disconnected', cb: () => void): void {
    (this.listeners[event] = this.listeners[event] || []).push(cb);
  }
  rssi(): number { return -60; }
  /** Recorder: disconnect() calls. */
  disconnects = 0;
  disconnect(): void { this.disconnects++; }
  /** The access point goes away. */
  drop(): void { this.emit('disconnected'); }
  emit(event: string): void { for (const cb of this.listeners[event] || []) cb(); }
}

/** A scripted RandomSource: the given draws in turn, then 0.5. */
class FakeRandom implements RandomSource {
  constructor(public draws: number[] = []) {}
  next(): number { return this.draws.length ? this.draws.shift()! : 0.5; }
  hex(bytes: number): string { return '00'.repeat(bytes); }
}

describe('device/wifi-link', () => {
  let clock: VirtualClock;
  let timers: Timers;
  let radio: FakeWifiRadio;
  let store: ReturnType<typeof createTestFlash>['store'];
  let changes: boolean[];
  const linkTimers = (): number => clock.timersOf('dev').length;

  beforeEach(() => {
    clock = new VirtualClock();
    timers = {
      every: (cb, ms) => clock.schedule(ms, cb, true, 'dev'),
      after: (cb, ms) => clock.schedule(ms, cb, false, 'dev'),
      cancel: (id) => { clock.cancel(id); },
    };
    radio = new FakeWifiRadio(clock);
    ({ store } = createTestFlash());
    store.write('hb.wifi', JSON.stringify({ s: 'home', p: 'secret-pw' }));
    changes = [];
  });

  const make = (extra: Partial<WifiLinkOptions> = {}): WifiLink =>
    createWifiLink({ wifi: radio, timers, random: new FakeRandom(), store, onChange: (up) => changes.push(up), ...extra });
  const advance = (ms: number): void => clock.runUntilSync(clock.now() + ms);

  it('joins with the provisioned credentials and comes up', () => {
    const link = make();
    assert.deepEqual(radio.joins.map((j) => [j.ssid, j.password]), [['home', 'secret-pw']]);
    assert.equal(link.isUp(), false);
    advance(2000);
    assert.equal(link.isUp(), true);
    assert.deepEqual(changes, [true]);
    assert.equal(link.counters().joins, 1);
    assert.equal(linkTimers(), 0, 'the join timeout is gone once up');
  });

  it('stays down and counts when the credentials are absent or corrupt', () => {
    for (const content of [undefined, '{"s":', '{"p":"x"}', '{"s":""}', JSON.stringify({ s: 'x'.repeat(33) }), JSON.stringify({ s: 'a', p: 5 })]) {
      store.erase('hb.wifi');
      if (content !== undefined) store.write('hb.wifi', content);
      radio.joins = [];
      const link = make();
      advance(3600000);
      assert.equal(link.isUp(), false, String(content));
      assert.equal(radio.joins.length, 0);
      assert.equal(link.counters().noCredentials, 1);
      assert.equal(linkTimers(), 0);
    }
    store.write('hb.wifi', JSON.stringify({ s: 'open-net' }));
    radio.joins = [];
    make();
    assert.deepEqual(radio.joins.map((j) => [j.ssid, j.password]), [['open-net', '']], 'an open network needs no password');
  });

  it('retries after failures with growing, jittered, capped backoff', () => {
    radio.failNext = 12;
    radio.joinMs = 0;
    const draws = [0.9, 0.1, 0.7, 0.3, 1 - 1e-9, 0, 0.5, 0.25, 0.75, 0.6, 0.4, 0.8];
    make({ random: new FakeRandom(draws.slice()), baseMs: 1000, maxMs: 20000 });
    advance(3600000);
    const gaps = radio.joins.slice(1).map((j, i) => j.at - radio.joins[i].at);
    assert.equal(radio.joins.length, 13);
    assert.deepEqual(gaps, draws.map((r, attempt) => backoffMs(attempt, 1000, 20000, r)));
    // The ceiling doubles and stops at maxMs: 1 s, 2 s, 4 s, 8 s, 16 s, then 20 s.
    assert.ok(gaps[4] > 15000 && gaps[4] <= 16000, String(gaps[4]));
    assert.ok(gaps.slice(5).every((g) => g >= 500 && g <= 20000));
    assert.ok(Math.max(...gaps) <= 20000);
    assert.equal(linkTimers(), 0);
  });

  it('reconnects after a drop, starting the backoff over', () => {
    radio.failNext = 3;
    const link = make({ baseMs: 1000, maxMs: 60000 });
    advance(600000);
    assert.equal(link.isUp(), true);
    const before = radio.joins.length;
    radio.drop();
    assert.equal(link.isUp(), false);
    assert.deepEqual(changes, [true, false]);
    advance(1000); // attempt 0 again: at most baseMs
    assert.equal(radio.joins.length, before + 1);
    advance(2000);
    assert.equal(link.isUp(), true);
    assert.deepEqual(link.counters(), { attempts: before + 1, joins: 2, drops: 1, timeouts: 0, errors: 0, noCredentials: 0 });
  });

  it('times out a join that never finishes and tries again', () => {
    radio.silent = true;
    const link = make({ connectTimeoutMs: 30000, baseMs: 5000 });
    advance(30000);
    assert.equal(link.counters().timeouts, 1);
    assert.equal(linkTimers(), 1, 'only the reconnect timer');
    radio.silent = false;
    advance(5000);
    assert.equal(radio.joins.length, 2);
    advance(2000);
    assert.equal(link.isUp(), true);
    assert.equal(linkTimers(), 0);
  });

  it('counts an authentication error and backs off', () => {
    radio.authError = true;
    const link = make({ baseMs: 5000 });
    advance(10);
    assert.equal(link.counters().errors, 1);
    assert.equal(linkTimers(), 1);
    advance(5000);
    assert.equal(radio.joins.length, 2);
  });

  it('keeps at most one reconnect timer however many disconnects arrive', () => {
    radio.silent = true;
    make({ baseMs: 5000 });
    for (let i = 0; i < 10; i++) radio.drop();
    assert.equal(linkTimers(), 1);
    advance(5000);
    assert.equal(radio.joins.length, 2);
    assert.equal(linkTimers(), 1, 'the new join timeout only');
  });

  it('takes an up link the radio made on its own and drops the pending retry', () => {
    radio.silent = true;
    const link = make();
    radio.drop();
    assert.equal(linkTimers(), 1);
    radio.emit('connected');
    assert.equal(link.isUp(), true);
    assert.equal(linkTimers(), 0);
  });

  it('forget() leaves the network and stops joining and reconnecting for good, leaving no timer', () => {
    radio.failNext = 1;
    const link = make();
    advance(2000);
    assert.equal(linkTimers(), 1);
    link.forget();
    link.forget();
    assert.ok(radio.disconnects >= 1, 'the station left the network');
    assert.equal(linkTimers(), 0);
    const joins = radio.joins.length;
    radio.emit('connected');
    radio.drop();
    advance(3600000);
    assert.equal(radio.joins.length, joins);
    assert.equal(link.isUp(), false);
    assert.equal(linkTimers(), 0);
  });

  it('rejects bad options at construction', () => {
    assert.throws(() => make({ wifi: undefined as unknown as WifiRadio }), /wifi/);
    assert.throws(() => make({ baseMs: 0 }), /baseMs/);
    assert.throws(() => make({ baseMs: 10000, maxMs: 5000 }), /maxMs/);
  });
});
