import { strict as assert } from 'assert';
import { coveragePermille, createWindowLayout, initWindow, mergeWindow, windowCounts, windowFields } from '../../../sdk/privacy/layout';
import { aggAdd, aggCode } from '../../../sdk/privacy/aggregate/index';
import type { WindowLayout } from '../../../sdk/privacy/layout';
import type { Policy } from '../../../sdk/model/index';
import { FRIDGE_CHANNELS, FRIDGE_POLICY } from './policy-fixture';

/** The layout's index table read back as plain arrays. */
function view(l: WindowLayout) {
  const z = Array.from(l.z);
  const c = z[1];
  const f = z[2];
  const field = (k: number) => Array.from({ length: f }, (_, i) => z[3 + 2 * c + 3 * i + k]);
  // channels are stored + 1 (0: not sampled)
  return { size: z[0], chans: z.slice(3, 3 + c).map((x) => x - 1), polled: z.slice(3 + c, 3 + 2 * c), codes: field(0), fieldChan: field(1).map((x) => x - 1), fieldOff: field(2), signature: l.g };
}

/** Fold one sample into field `i` of `s`, as the buffer does. */
function add(l: WindowLayout, i: number, s: Float64Array, v: number): void {
  aggAdd(aggCode(l.d[i].aggregate), l.d[i], s, view(l).fieldOff[i], v, 0, 30000);
}

function layout(purpose: string) {
  const l = createWindowLayout(purpose, FRIDGE_POLICY.purposes[purpose], FRIDGE_POLICY, FRIDGE_CHANNELS);
  assert.ok(l);
  return l;
}


describe('window layout', () => {
  it('puts alive time first, then covered time and a sample count per channel, then the fields', () => {
    const l = view(layout('diagnostics'));
    assert.deepEqual(l.chans, [0, 1]);
    assert.deepEqual(l.polled, [1, 1]);
    assert.deepEqual(l.fieldOff, [5, 6, 7, 9]);
    assert.equal(l.size, 11);
    const m = view(layout('marketing'));
    assert.deepEqual(m.chans, [2, 0]);
    assert.deepEqual(m.polled, [0, 1]);
  });

  it('keeps the fridge-like load (4 channels, 3 purposes, 8 fields, 4 windows) to 248 bytes of slabs', () => {
    const slots = ['diagnostics', 'energy', 'energy', 'marketing'].map((p) => view(layout(p)).size);
    assert.deepEqual(slots, [11, 4, 4, 12]);
    assert.equal(slots.reduce((a, b) => a + b, 0) * 8, 248);
  });

  it('marks a channel the sampler does not deliver as -1 and refuses an unknown aggregate', () => {
    const p: Policy = JSON.parse(JSON.stringify(FRIDGE_POLICY));
    p.purposes.diagnostics.fields.push({ channel: 'sensorFaults', aggregate: 'eventCount' });
    const l = createWindowLayout('diagnostics', p.purposes.diagnostics, p, FRIDGE_CHANNELS);
    assert.ok(l);
    assert.equal(view(l).fieldChan[4], -1);
    p.purposes.diagnostics.fields.push({ channel: 'cabinetTempC', aggregate: 'median' as never });
    assert.equal(createWindowLayout('diagnostics', p.purposes.diagnostics, p, FRIDGE_CHANNELS), undefined);
  });

  it('changes its signature when the purpose or any field changes', () => {
    const p: Policy = JSON.parse(JSON.stringify(FRIDGE_POLICY));
    const base = layout('marketing').g;
    p.purposes.marketing.fields[2].bounds = [0, 4, 9];
    assert.notEqual(createWindowLayout('marketing', p.purposes.marketing, p, FRIDGE_CHANNELS)!.g, base);
    assert.notEqual(createWindowLayout('marketing2', FRIDGE_POLICY.purposes.marketing, FRIDGE_POLICY, FRIDGE_CHANNELS)!.g, base);
  });

  it('merges two half-day windows into the day with summed coverage', () => {
    const l = layout('diagnostics');
    const a = new Float64Array(view(l).size);
    const b = new Float64Array(view(l).size);
    initWindow(l, a);
    initWindow(l, b);
    const half = 43200000;
    a[0] = half; a[1] = half; a[2] = half - 60000; a[3] = 1; a[4] = 1440;
    b[0] = half; b[1] = half; b[2] = half; b[3] = 1; b[4] = 1440;
    add(l, 0, a, 3);
    add(l, 1, b, 6);
    add(l, 2, a, 3);
    add(l, 2, b, 6);
    mergeWindow(l, a, b);
    assert.deepEqual(windowFields(l, a), { 'cabinetTempC.min': 3, 'cabinetTempC.max': 6, 'cabinetTempC.mean': 4.5 });
    // every declared field gets its channel's count, also the freezer's empty mean
    assert.deepEqual(windowCounts(l, a), { 'cabinetTempC.min': 2, 'cabinetTempC.max': 2, 'cabinetTempC.mean': 2, 'freezerTempC.mean': 2880 });
    // freezer covered 60 s less than the day: 86340000 / 86400000 = 999.3 -> 999, never rounded up to 1000
    assert.equal(coveragePermille(l, a, 2 * half), 999);
  });
});
