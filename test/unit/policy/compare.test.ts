import { strict as assert } from 'assert';
import type { Policy } from '../../../sdk/model/index';
import { isNarrowerOrEqual, snapshotPurpose } from '../../../sdk/policy/index';
import type { GrantedPurpose } from '../../../sdk/policy/index';
import { FRIDGE } from '../../dialect/fixtures/policy/good';

const clone = (): any => JSON.parse(JSON.stringify(FRIDGE));

/** The record a grant of `id` under the good policy keeps, as stored (JSON round trip). */
const granted = (id: string): GrantedPurpose => JSON.parse(JSON.stringify(snapshotPurpose(FRIDGE, id)));

/** Whether a consent to `id` granted under the good policy survives `change`. */
function keeps(id: string, change: (p: any) => void): boolean {
  const p = clone();
  change(p);
  return isNarrowerOrEqual(granted(id), snapshotPurpose(p as Policy, id));
}

describe('isNarrowerOrEqual (does a consent survive a policy change?)', () => {
  describe('keeps the consent', () => {
    const narrower: [string, string, (p: any) => void][] = [
      ['when nothing in the purpose changed', 'marketing', () => undefined],
      ['when only the version, other purposes or channel units changed', 'marketing', (p) => { p.version = 4; p.purposes.billing.tier = '1mo'; p.channels.doorOpen.unit = 'x'; }],
      ['when a field is removed', 'marketing', (p) => { p.purposes.marketing.fields.splice(1, 1); }],
      ['when the fields are reordered', 'diagnostics', (p) => { p.purposes.diagnostics.fields.reverse(); }],
      ['when histogram buckets are merged (bounds a subset)', 'marketing', (p) => { p.purposes.marketing.fields[2].bounds = [0, 8]; }],
      ['when the tier becomes coarser', 'marketing', (p) => { p.purposes.marketing.tier = '1mo'; }],
      ['when an opt-in tier is removed', 'billing', (p) => { delete p.purposes.billing.optInTiers; }],
      ['when the purpose stops being essential', 'diagnostics', (p) => { p.purposes.diagnostics.essential = false; }],
      ['when rounding becomes coarser', 'marketing', (p) => { p.purposes.marketing.redaction.round = 10; }],
      ['when rounding is added', 'mixed', (p) => { p.purposes.mixed.redaction = { round: 0.5 }; }],
      ['when kMin is raised', 'marketing', (p) => { p.purposes.marketing.redaction.kMin = 10; }],
      ['when the pseudonym is dropped', 'diagnostics', (p) => { p.purposes.diagnostics.redaction.pseudonym = false; }],
      ['when the release delay starts later with the same spread', 'marketing', (p) => { p.purposes.marketing.redaction.releaseDelayH = [30, 54]; }],
      ['when kMin goes from the default to an explicit 5', 'mixed', (p) => { p.purposes.mixed.redaction = { kMin: 5 }; }],
    ];
    for (const [title, id, change] of narrower) it(title, () => { assert.equal(keeps(id, change), true); });
  });

  describe('makes the consent stale', () => {
    const wider: [string, string, (p: any) => void][] = [
      ['when a field is added', 'marketing', (p) => { p.purposes.marketing.fields.push({ channel: 'compressorOn', aggregate: 'count' }); }],
      ['when a field changes its aggregate', 'billing', (p) => { p.purposes.billing.fields[1].aggregate = 'sum'; }],
      ['when a histogram gets a finer bucket', 'marketing', (p) => { p.purposes.marketing.fields[2].bounds = [0, 2, 4, 8]; }],
      ['when a duty-cycle threshold is set', 'marketing', (p) => { p.purposes.marketing.fields[1].threshold = 0.5; }],
      ['when the endpoint moves', 'billing', (p) => { p.recipients.utility.endpoint = 'mqtts://data-broker.example:8883/fleet/energy'; }],
      ['when the transport changes', 'billing', (p) => { p.recipients.utility.endpoint = 'mqtt://meters.utility.example:8883/fleet/energy'; p.recipients.utility.transport = 'mqtt'; }],
      ['when the purpose goes to another recipient', 'mixed', (p) => { p.purposes.mixed.recipient = 'partner'; }],
      ['when the tier becomes finer', 'diagnostics', (p) => { p.purposes.diagnostics.tier = '30min'; }],
      ['when an opt-in tier is added', 'marketing', (p) => { p.purposes.marketing.optInTiers = ['1mo', '1d']; }],
      ['when the purpose becomes essential', 'mixed', (p) => { p.purposes.mixed.fields = [{ channel: 'cabinetTempC', aggregate: 'mean' }]; p.purposes.mixed.essential = true; }],
      ['when kMin is lowered', 'marketing', (p) => { p.purposes.marketing.redaction.kMin = 4; }],
      ['when rounding is removed', 'marketing', (p) => { delete p.purposes.marketing.redaction.round; }],
      ['when rounding becomes finer', 'marketing', (p) => { p.purposes.marketing.redaction.round = 1; }],
      ['when a pseudonym is added', 'billing', (p) => { p.purposes.billing.redaction.pseudonym = true; }],
      ['when the release delay starts earlier', 'marketing', (p) => { p.purposes.marketing.redaction.releaseDelayH = [12, 48]; }],
      ['when the release delay is less random', 'marketing', (p) => { p.purposes.marketing.redaction.releaseDelayH = [30, 48]; }],
      ['when the release delay is removed', 'marketing', (p) => { delete p.purposes.marketing.redaction.releaseDelayH; }],
      ['when the purpose is no longer declared', 'marketing', (p) => { delete p.purposes.marketing; }],
      ['when its recipient is no longer declared', 'marketing', (p) => { delete p.recipients.partner; }],
    ];
    for (const [title, id, change] of wider) it(title, () => { assert.equal(keeps(id, change), false); });

    it('when the record compared is another purpose\'s', () => {
      assert.equal(isNarrowerOrEqual(granted('diagnostics'), snapshotPurpose(FRIDGE, 'mixed')), false);
    });

    it('when the stored record is unreadable, without throwing', () => {
      const current = snapshotPurpose(FRIDGE, 'marketing');
      const g = granted('marketing') as any;
      const broken: unknown[] = [
        null, undefined, 0, 'x', [], {}, { ...g, f: 'x' }, { ...g, f: [null] }, { ...g, f: [{ c: 'doorOpen', a: 'eventCount', b: ['x'] }] },
        { ...g, o: null }, { ...g, d: [1] }, { ...g, d: null }, { ...g, w: '15min' }, { ...g, k: '5' }, { ...g, q: 0.5 }, { ...g, e: 5 },
      ];
      for (const b of broken) assert.equal(isNarrowerOrEqual(b as GrantedPurpose, current), false, JSON.stringify(b));
      assert.equal(isNarrowerOrEqual(g, undefined), false);
    });
  });
});
