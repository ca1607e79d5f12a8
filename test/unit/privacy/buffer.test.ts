import { strict as assert } from 'assert';
import { createPrivacyBuffer } from '../../../sdk/privacy/buffer';
import type { PrivacyBuffer, PrivacyBufferOptions } from '../../../sdk/privacy/buffer';
import { FakeReportSink, FakeStore } from './fakes';
import { FRIDGE_CHANNELS, FRIDGE_POLICY } from './policy-fixture';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;
const D0 = Date.UTC(2024, 2, 10);
const CAB = 0;
const FRZ = 1;
const DOOR = 2;
const PW = 3;
const WH = (w: number, ms: number): number => (w * ms) / 3600000;

interface Rig { buf: PrivacyBuffer; store: FakeStore; sink: FakeReportSink }

function rig(opts: Partial<PrivacyBufferOptions> = {}, store = new FakeStore()): Rig {
  const sink = new FakeReportSink();
  const buf = createPrivacyBuffer({ policy: FRIDGE_POLICY, channels: FRIDGE_CHANNELS, store, onReport: sink.onReport, ...opts });
  return { buf, store, sink };
}

interface DriveOptions {
  /** Value of a polled channel at t; @default cabinet 5 °C, freezer -18 °C, compressor 100 W. */
  value?: (ch: number, t: number) => number;
  /** True where the sensors deliver nothing (ticks go on). */
  gap?: (t: number) => boolean;
  /** Extra samples at t (events), as [channel, value] pairs. */
  extra?: (t: number) => [number, number][];
  stepMs?: number;
  tickPhaseMs?: number;
}

/** The sampler and the device loop on virtual time: cabinet/freezer every 30 s, power every 10 s, a tick every 60 s. */
function drive(buf: PrivacyBuffer, from: number, to: number, o: DriveOptions = {}): void {
  const value = o.value || ((ch: number): number => (ch === CAB ? 5 : ch === FRZ ? -18 : 100));
  for (let t = from; t <= to; t += o.stepMs || 10 * S) {
    if (!(o.gap && o.gap(t))) {
      if (t % (30 * S) === 0) { buf.add(CAB, value(CAB, t), t, true); buf.add(FRZ, value(FRZ, t), t, true); }
      if (t % (10 * S) === 0) buf.add(PW, value(PW, t), t, true);
    }
    if (o.extra) for (const [ch, v] of o.extra(t)) buf.add(ch, v, t, true);
    if ((t - (o.tickPhaseMs || 0)) % MIN === 0) buf.tick(t, true);
  }
}

describe('privacy buffer', () => {
  it('reports each active purpose at the end of a fully covered day: aligned, id left empty, fields keyed channel.aggregate', () => {
    const { buf, sink } = rig();
    assert.equal(buf.activate('diagnostics', '1d'), true);
    assert.equal(buf.activate('energy', '1d'), true);
    // cabinet cycles 2..6 °C so min/max/mean are distinct and exact
    drive(buf, D0, D0 + DAY, { value: (ch, t) => (ch === CAB ? 2 + ((t / (30 * S)) % 5) : ch === FRZ ? -18 : 100) });
    assert.deepEqual(sink.reports, [
      {
        id: '', recipient: 'maker', purpose: 'diagnostics', tier: '1d', windowStart: D0, windowMs: DAY,
        fields: { 'cabinetTempC.min': 2, 'cabinetTempC.max': 6, 'cabinetTempC.mean': 4, 'freezerTempC.mean': -18 },
        coveragePermille: 1000,
      },
      {
        id: '', recipient: 'utility', purpose: 'energy', tier: '1d', windowStart: D0, windowMs: DAY,
        fields: { 'compressorW.energy': 2400 }, coveragePermille: 1000,
      },
    ]);
    assert.deepEqual(sink.counts, [
      { 'cabinetTempC.min': 2880, 'cabinetTempC.max': 2880, 'cabinetTempC.mean': 2880, 'freezerTempC.mean': 2880 },
      { 'compressorW.energy': 8640 },
    ]);
  });

  it('aggregates nothing for a purpose that was never activated: no state, no file, no report', () => {
    const { buf, store, sink } = rig({ checkpointEveryMs: 15 * MIN });
    drive(buf, D0, D0 + DAY + MIN);
    assert.deepEqual(sink.reports, []);
    assert.deepEqual(store.files, {});
    assert.deepEqual(store.writes, []);
    const c = buf.counters();
    assert.deepEqual(c.accepted, [0, 0, 0, 0]);
    assert.equal(c.idle, 2 * 2883 + 8647); // inclusive range: 86 460 s / 30 + 1 and / 10 + 1
  });

  it('keeps an activated purpose apart: samples only it reads leave no state for the others', () => {
    const { buf, store, sink } = rig({ checkpointEveryMs: 15 * MIN });
    buf.activate('energy', '1d');
    drive(buf, D0, D0 + DAY);
    assert.deepEqual(sink.reports.map((r) => r.purpose), ['energy']);
    assert.deepEqual(Object.keys(store.files).sort(), ['hb.w.1.2', 'hb.w.1.2b'], 'its two checkpoint slots, nothing of the others');
    assert.deepEqual(buf.counters().accepted, [0, 0, 0, 8641]);
    assert.equal(buf.counters().idle, 2 * 2881);
  });

  it('counts samples before clock sync as unsynced, drops them, and closes no window before sync', () => {
    const { buf, store, sink } = rig();
    buf.activate('energy', '1d');
    for (let t = D0; t < D0 + 2 * DAY; t += 10 * S) { buf.add(PW, 100, t, false); buf.tick(t, false); }
    assert.equal(buf.counters().unsynced, 2 * 8640);
    assert.equal(sink.reports.length, 0);
    assert.deepEqual(store.files, {});
    drive(buf, D0 + 2 * DAY + 12 * H, D0 + 3 * DAY);
    assert.equal(sink.reports.length, 1);
    assert.equal(sink.reports[0].windowStart, D0 + 2 * DAY);
    assert.equal(sink.reports[0].coveragePermille, 500);
    assert.deepEqual(sink.reports[0].fields, { 'compressorW.energy': WH(100, 12 * H) });
  });

  it('reports the coverage of a day with a 2-hour sensor gap and does not fill the gap with stale power', () => {
    const { buf, sink } = rig();
    buf.activate('diagnostics', '1d');
    buf.activate('energy', '1d');
    drive(buf, D0, D0 + DAY, { gap: (t) => t > D0 + 10 * H && t < D0 + 12 * H });
    // 30 s channels: 1201 samples to 10:00 (30 s each), 12:00 credits 2 × 30 s, then 1439 more: 79 260 s
    assert.equal(sink.reports[0].coveragePermille, Math.floor((1000 * 79260) / 86400)); // 917
    // 10 s channel: 3601 × 10 s + 2 × 10 s + 4319 × 10 s = 79 220 s
    assert.equal(sink.reports[1].coveragePermille, 916);
    assert.deepEqual(sink.reports[1].fields, { 'compressorW.energy': WH(100, 79220 * S) });
  });

  it('refuses activations beyond maxWindows and counts them as overflow', () => {
    const { buf } = rig({ maxWindows: 2 });
    assert.equal(buf.activate('diagnostics', '1d'), true);
    assert.equal(buf.activate('energy', '1d'), true);
    assert.equal(buf.activate('energy', '1d'), true, 'an active window is not a new one');
    assert.equal(buf.activate('energy', '30min'), false);
    assert.equal(buf.activate('marketing', '1d'), false);
    assert.equal(buf.counters().overflow, 2);
    buf.deactivate('diagnostics', '1d', true);
    assert.equal(buf.activate('marketing', '1d'), true);
  });

  it('refuses an unknown purpose or a tier the purpose does not offer', () => {
    const { buf } = rig();
    assert.equal(buf.activate('marketing', '30min'), false);
    assert.equal(buf.activate('nope', '1d'), false);
    assert.equal(buf.activate('toString', '1d'), false);
    assert.equal(buf.activate('energy', '15min' as never), false);
    assert.equal(buf.counters().refused, 4);
  });

  it('resumes a window from its checkpoint after a power cut, losing only what came after it', () => {
    const store = new FakeStore();
    const a = rig({ checkpointEveryMs: 15 * MIN }, store);
    a.buf.activate('energy', '1d');
    drive(a.buf, D0, D0 + 6 * H + 5 * MIN); // last checkpoint at 06:00, cut at 06:05
    assert.equal(a.buf.counters().checkpoints, 24);
    const b = rig({ checkpointEveryMs: 15 * MIN }, store); // reboot at 07:00
    b.buf.activate('energy', '1d');
    drive(b.buf, D0 + 7 * H, D0 + DAY);
    assert.equal(b.buf.counters().restored, 1);
    // 00:00–06:00 (2161 samples) + 07:00–24:00 (6120 samples), 10 s each; alive 21 600 s + 61 200 s
    assert.deepEqual(b.sink.reports[0].fields, { 'compressorW.energy': WH(100, 82810 * S) });
    assert.equal(b.sink.reports[0].coveragePermille, Math.floor((1000 * 82800) / 86400)); // 958
  });

  it('ignores and counts a corrupt checkpoint, and never crashes on it', () => {
    const store = new FakeStore();
    const a = rig({ checkpointEveryMs: 15 * MIN }, store);
    a.buf.activate('energy', '1d');
    drive(a.buf, D0, D0 + 6 * H);
    for (const name of ['hb.w.1.2', 'hb.w.1.2b']) {
      const f = store.files[name];
      store.files[name] = f.substr(0, 30) + String.fromCharCode(f.charCodeAt(30) ^ 4) + f.substr(31);
    }
    const b = rig({}, store);
    b.buf.activate('energy', '1d');
    drive(b.buf, D0 + 7 * H, D0 + DAY);
    assert.equal(b.buf.counters().corruptCheckpoints, 1);
    assert.equal(b.buf.counters().restored, 0);
    assert.deepEqual(b.sink.reports[0].fields, { 'compressorW.energy': WH(100, 61200 * S) });
    assert.equal(b.sink.reports[0].coveragePermille, 708);
  });

  it('restores from the other slot when a power cut tore the newest checkpoint', () => {
    const store = new FakeStore();
    const a = rig({ checkpointEveryMs: 15 * MIN }, store);
    a.buf.activate('energy', '1d');
    drive(a.buf, D0, D0 + 6 * H);
    // The slot written last (the next write goes to the other one) loses its tail, as a torn write leaves it.
    const last = a.buf.counters().checkpoints % 2 === 1 ? 'hb.w.1.2' : 'hb.w.1.2b';
    store.files[last] = store.files[last].substr(0, 20);
    const b = rig({}, store);
    b.buf.activate('energy', '1d');
    drive(b.buf, D0 + 6 * H + 10 * S, D0 + DAY);
    assert.equal(b.buf.counters().restored, 1);
    // At most one checkpoint period (15 min) of the six hours is lost, not the whole window.
    const wh = b.sink.reports[0].fields['compressorW.energy'] as number;
    assert.ok(wh >= WH(100, DAY - 15 * MIN - 10 * S) - 1 && wh <= WH(100, DAY), `energy ${wh}`);
  });

  it('reports a window a power cut interrupted, from its checkpoint, before the current one', () => {
    const store = new FakeStore();
    const a = rig({ checkpointEveryMs: 15 * MIN }, store);
    a.buf.activate('energy', '1d');
    drive(a.buf, D0 - 6 * H, D0 - H);
    const b = rig({}, store);
    b.buf.activate('energy', '1d');
    drive(b.buf, D0, D0 + DAY);
    assert.equal(b.buf.counters().staleCheckpoints, 0);
    assert.deepEqual(b.sink.reports.map((r) => r.windowStart), [D0 - DAY, D0]);
    assert.ok((b.sink.reports[0].fields['compressorW.energy'] as number) > 0, 'the interrupted day keeps what it had metered');
    assert.deepEqual(b.sink.reports[1].fields, { 'compressorW.energy': 2400 });
  });

  it('ignores and counts a checkpoint it cannot use (corrupt or stale)', () => {
    const store = new FakeStore();
    const a = rig({ checkpointEveryMs: 15 * MIN }, store);
    a.buf.activate('energy', '1d');
    drive(a.buf, D0 - 6 * H, D0 - H);
    // A byte of the header changed in both slots: the CRC no longer matches.
    for (const name of Object.keys(store.files)) store.files[name] = store.files[name].slice(0, 2) + String.fromCharCode(99) + store.files[name].slice(3);
    const b = rig({}, store);
    b.buf.activate('energy', '1d');
    drive(b.buf, D0, D0 + DAY);
    assert.ok(b.buf.counters().staleCheckpoints + b.buf.counters().corruptCheckpoints >= 1);
    assert.deepEqual(b.sink.reports.map((r) => r.windowStart), [D0]);
    assert.deepEqual(b.sink.reports[0].fields, { 'compressorW.energy': 2400 });
  });

  it('purges a deactivated purpose from RAM and Storage, leaving the others untouched', () => {
    const { buf, store, sink } = rig({ checkpointEveryMs: 15 * MIN });
    buf.activate('energy', '1d');
    buf.activate('marketing', '1d');
    drive(buf, D0, D0 + 12 * H);
    assert.deepEqual(Object.keys(store.files).sort(), ['hb.w.1.2', 'hb.w.1.2b', 'hb.w.2.2', 'hb.w.2.2b']);
    buf.deactivate('energy', '1d', true);
    assert.deepEqual(Object.keys(store.files).sort(), ['hb.w.2.2', 'hb.w.2.2b']);
    drive(buf, D0 + 12 * H + 10 * S, D0 + DAY);
    assert.deepEqual(sink.reports.map((r) => r.purpose), ['marketing']);
    assert.ok(!store.files['hb.w.1.2'] && !store.files['hb.w.1.2b'], 'no checkpoint written after withdrawal');
    assert.equal(buf.activate('energy', '1d'), true, 're-grant starts afresh');
    drive(buf, D0 + DAY + 10 * S, D0 + 2 * DAY);
    assert.equal(sink.reports[2].purpose, 'energy');
    assert.equal(sink.reports[2].coveragePermille, 999);
  });

  it('erases the checkpoint of a purpose withdrawn before it was activated in this boot', () => {
    const store = new FakeStore();
    const a = rig({ checkpointEveryMs: 15 * MIN }, store);
    a.buf.activate('energy', '30min');
    drive(a.buf, D0, D0 + 20 * MIN);
    assert.ok(store.files['hb.w.1.0']);
    const b = rig({}, store);
    b.buf.deactivate('energy', '30min', true);
    assert.deepEqual(store.files, {});
  });

  it('pauses without purge: writes a last checkpoint, and re-activation in the same window resumes it', () => {
    const { buf, store, sink } = rig({ checkpointEveryMs: 15 * MIN });
    buf.activate('energy', '1d');
    drive(buf, D0, D0 + 6 * H + 5 * MIN);
    buf.deactivate('energy', '1d', false);
    assert.ok(store.files['hb.w.1.2']);
    drive(buf, D0 + 6 * H + 5 * MIN + 10 * S, D0 + 8 * H);
    buf.activate('energy', '1d');
    drive(buf, D0 + 8 * H + 10 * S, D0 + DAY);
    assert.equal(buf.counters().restored, 1);
    // 00:00–06:05: 2191 samples; 08:00:10–23:59:50: 5759, the first crediting only 10 s because the
    // paused purpose still saw the channel's previous sample time (08:00:00)
    assert.deepEqual(sink.reports[0].fields, { 'compressorW.energy': WH(100, (2191 + 5759) * 10 * S) });
  });

  it('refuses non-finite values, bad channels and bad times before any aggregator sees them', () => {
    const { buf, sink } = rig();
    buf.activate('diagnostics', '1d');
    drive(buf, D0, D0 + DAY - 30 * S, {
      extra: (t) => (t === D0 + H ? [[CAB, NaN], [CAB, Infinity], [CAB, -Infinity], [FRZ, NaN]] : []),
    });
    buf.add(CAB, '7' as unknown as number, D0 + 2 * H, true);
    buf.add(CAB, undefined as unknown as number, D0 + 2 * H, true);
    buf.add(-1, 5, D0 + 2 * H, true);
    buf.add(4, 5, D0 + 2 * H, true);
    buf.add(1.5, 5, D0 + 2 * H, true);
    buf.add(CAB, 5, NaN, true);
    buf.tick(Infinity, true);
    drive(buf, D0 + DAY, D0 + DAY);
    const c = buf.counters();
    assert.deepEqual([c.notFinite, c.badChannel, c.badTime], [6, 3, 2]);
    assert.deepEqual(sink.reports[0].fields, { 'cabinetTempC.min': 5, 'cabinetTempC.max': 5, 'cabinetTempC.mean': 5, 'freezerTempC.mean': -18 });
    assert.equal(c.accepted[CAB], 2881); // 2880 in the day + the one at midnight, in the next window
  });

  it('weighs an event channel by its held state, across ticks and a window boundary', () => {
    const { buf, sink } = rig();
    buf.activate('marketing', '1d');
    const edges: { [t: number]: number } = {
      [D0]: 0, // the sampler's initial state at boot
      [D0 + 8 * H]: 1, [D0 + 14 * H]: 0, // 6 h open
      [D0 + 20 * H]: 1, [D0 + 20 * H + 30 * S]: 0, // 30 s
      [D0 + DAY - MIN]: 1, [D0 + DAY + MIN]: 0, // open across midnight: 60 s in each day
    };
    drive(buf, D0, D0 + DAY + 2 * MIN, { stepMs: S, tickPhaseMs: 7 * S, extra: (t) => (t in edges ? [[DOOR, edges[t]]] : []) });
    assert.deepEqual(sink.reports[0].fields, {
      'doorOpen.eventCount': 3,
      'doorOpen.dutyCycle': Math.round((1000 * (6 * 3600 + 30 + 60)) / 86400), // 251
      'cabinetTempC.histogram': [0, 0, 2880, 0],
    });
    // kMin input: openings (active events) for door fields, samples for the cabinet
    assert.deepEqual(sink.counts[0], { 'doorOpen.eventCount': 3, 'doorOpen.dutyCycle': 3, 'cabinetTempC.histogram': 2880 });
    assert.equal(sink.reports[0].coveragePermille, 1000);
  });

  it('gives half-hour windows that add up to the day window (coarsening), all aligned', () => {
    const { buf, sink } = rig();
    buf.activate('energy', '30min');
    buf.activate('energy', '1d');
    drive(buf, D0, D0 + DAY, { value: (_ch, t) => (Math.floor(t / (30 * MIN)) % 2 ? 100 : 50) });
    const halves = sink.reports.filter((r) => r.tier === '30min');
    const day = sink.reports.filter((r) => r.tier === '1d');
    assert.equal(halves.length, 48);
    assert.deepEqual(halves.slice(0, 2).map((r) => r.fields['compressorW.energy']), [25, 50]);
    assert.equal(halves.reduce((a, r) => a + (r.fields['compressorW.energy'] as number), 0), 1800);
    assert.deepEqual(day[0].fields, { 'compressorW.energy': 1800 });
    for (const r of sink.reports) {
      assert.equal(r.windowStart % r.windowMs, 0);
      assert.equal(r.coveragePermille, 1000);
    }
  });

  it('closes a calendar-month window at the 1st, 00:00 UTC, with the month\'s length (29 days in February 2024)', () => {
    const policy = JSON.parse(JSON.stringify(FRIDGE_POLICY));
    policy.purposes.monthly = { recipient: 'utility', tier: '1mo', fields: [{ channel: 'compressorW', aggregate: 'count' }] };
    const { buf, sink } = rig({ policy });
    buf.activate('monthly', '1mo');
    const feb = Date.UTC(2024, 1, 1);
    const mar = Date.UTC(2024, 2, 1);
    buf.add(PW, 100, feb + 5 * DAY, true);
    buf.add(PW, 100, mar - 1, true);
    buf.add(PW, 100, mar, true); // exactly on the boundary: March's first sample
    assert.deepEqual(sink.reports.map((r) => [r.windowStart, r.windowMs, r.fields['compressorW.count']]), [[feb, 29 * DAY, 2]]);
  });

  it('credits at most maxGapMs of a stall as covered', () => {
    // an event-only purpose: its coverage is the time the buffer was alive
    const policy = JSON.parse(JSON.stringify(FRIDGE_POLICY));
    policy.purposes.doors = { recipient: 'partner', tier: '1d', fields: [{ channel: 'doorOpen', aggregate: 'dutyCycle' }] };
    const { buf, sink } = rig({ policy, maxGapMs: 5 * MIN });
    buf.activate('doors', '1d');
    drive(buf, D0, D0 + 10 * H, { extra: (t) => (t === D0 ? [[DOOR, 0]] : []) });
    drive(buf, D0 + 13 * H, D0 + DAY); // 3 h with no call at all
    // alive: 10 h + 5 min + 11 h
    assert.equal(sink.reports[0].coveragePermille, Math.floor((1000 * (21 * 3600 + 300)) / 86400)); // 878
    assert.equal(sink.reports[0].fields['doorOpen.dutyCycle'], 0);
  });

  it('reports the window a time jump leaves and skips the empty windows inside the jump', () => {
    const { buf, sink } = rig();
    buf.activate('energy', '30min');
    drive(buf, D0, D0 + 10 * MIN);
    drive(buf, D0 + 5 * H + 10 * MIN, D0 + 5 * H + 20 * MIN);
    // 61 samples × 10 s = 610 s of 1800 s (alive: 600 s + 120 s of the stall)
    assert.deepEqual(sink.reports.map((r) => [r.windowStart - D0, r.coveragePermille]), [[0, 338]]);
  });

  it('drops samples older than the open window (the clock went back) as late', () => {
    const { buf } = rig();
    buf.activate('energy', '30min');
    drive(buf, D0 + H, D0 + H + 10 * MIN);
    buf.add(PW, 100, D0 + 10 * MIN, true);
    assert.equal(buf.counters().late, 1);
  });

  it('counts a throwing onReport and keeps going', () => {
    const { buf, sink } = rig();
    buf.activate('energy', '30min');
    sink.throwNext = true;
    drive(buf, D0, D0 + H);
    assert.equal(buf.counters().reportErrors, 1);
    assert.equal(buf.counters().reports, 2);
    assert.equal(sink.reports.length, 1);
    assert.equal(sink.reports[0].windowStart, D0 + 30 * MIN);
  });

  it('counts checkpoint writes the store refuses', () => {
    const store = new FakeStore();
    store.refuseWrites = true;
    const { buf } = rig({ checkpointEveryMs: 15 * MIN }, store);
    buf.activate('energy', '1d');
    drive(buf, D0, D0 + H);
    assert.deepEqual([buf.counters().checkpoints, buf.counters().checkpointFailures], [0, 4]);
  });

  it('checkpoints unsaved windows on close, is idempotent, and ignores every call after it', () => {
    const { buf, store, sink } = rig({ checkpointEveryMs: 2 * H });
    buf.activate('energy', '1d');
    drive(buf, D0, D0 + H);
    assert.deepEqual(store.writes, []);
    buf.close();
    assert.deepEqual(store.writes, ['hb.w.1.2']);
    buf.close();
    buf.add(PW, 100, D0 + DAY, true);
    buf.tick(D0 + 2 * DAY, true);
    assert.equal(buf.activate('marketing', '1d'), false);
    assert.deepEqual(store.writes, ['hb.w.1.2']);
    assert.deepEqual(sink.reports, []);
  });

  it('rejects bad options at construction, naming the option', () => {
    assert.throws(() => rig({ checkpointEveryMs: -5 }), /checkpointEveryMs must be a positive integer \(got -5\)/);
    assert.throws(() => rig({ checkpointEveryMs: 1.5 }), /checkpointEveryMs/);
    assert.throws(() => rig({ maxWindows: 0 }), /maxWindows must be a positive integer \(got 0\)/);
    assert.throws(() => rig({ maxGapMs: NaN }), /maxGapMs/);
  });
});
