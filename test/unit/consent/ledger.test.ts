import { strict as assert } from 'assert';
import { Err } from '../../../sdk/model';
import type { Policy, Tier } from '../../../sdk/model';
import type { FileStore } from '../../../sdk/platform';
import { ConsentState, LEDGER_NAMES, createConsentLedger } from '../../../sdk/consent';
import type { ConsentLedger } from '../../../sdk/consent';
import { createTestFlash } from '../../support/flash-store';
import type { FullFileStore } from '../../support/flash-store';
import { FakeClock, nodeHash, testPolicy } from './fixtures';

function open(store: FileStore, policy: Policy = testPolicy(), clock = new FakeClock()): ConsentLedger {
  return createConsentLedger({ policy, store, hash: nodeHash, clock });
}

const live = (l: ConsentLedger): string[] => l.list().filter((c) => !c.stale).map((c) => `${c.recipient}/${c.purpose}/${c.tier}`).sort();

describe('consent/ledger', () => {
  let store: FullFileStore;
  beforeEach(() => { store = createTestFlash().store; });

  it('req 1: an empty store means no consent, except essential purposes', () => {
    const l = open(store);
    assert.deepEqual(l.list(), []);
    assert.equal(l.loadStatus(), Err.None);
    assert.equal(l.state('utility', 'energy', '1d'), ConsentState.None);
    assert.equal(l.state('partner', 'marketing', '1d'), ConsentState.None);
    assert.equal(l.isLive('maker', 'diagnostics', '1d'), true);
    assert.equal(l.isLive('maker', 'diagnostics', '1h'), false, 'essential only at its declared tier');
  });

  it('req 5: withdrawing is one call, symmetric with granting', () => {
    const l = open(store);
    assert.equal(l.grant('utility', 'energy'), Err.None);
    assert.equal(l.isLive('utility', 'energy', '1d'), true);
    assert.equal(l.withdraw('utility', 'energy'), Err.None);
    assert.equal(l.isLive('utility', 'energy', '1d'), false);
    assert.deepEqual(l.list(), []);
  });

  it('gives the purpose tier on a plain grant; an opt-in tier needs its own grant', () => {
    const l = open(store);
    l.grant('utility', 'energy');
    assert.equal(l.isLive('utility', 'energy', '30min'), false);
    assert.equal(l.grant('utility', 'energy', '30min'), Err.None);
    assert.deepEqual(live(l), ['utility/energy/1d', 'utility/energy/30min']);
    assert.equal(l.withdraw('utility', 'energy', '30min'), Err.None, 'withdraw one tier');
    assert.deepEqual(live(l), ['utility/energy/1d']);
    l.grant('utility', 'energy', '30min');
    assert.equal(l.withdraw('utility', 'energy'), Err.None, 'no tier: every tier of the purpose');
    assert.deepEqual(live(l), []);
  });

  it('returns codes, never throws, for what it cannot grant or withdraw', () => {
    const l = open(store);
    assert.equal(l.grant('broker', 'energy'), Err.ConsentUnknownRecipient);
    assert.equal(l.grant('utility', 'resale'), Err.ConsentUnknownPurpose);
    assert.equal(l.grant('partner', 'energy'), Err.ConsentUnknownPurpose, 'purpose of another recipient');
    assert.equal(l.grant('utility', 'energy', '1h'), Err.ConsentUnknownTier);
    assert.equal(l.grant('maker', 'diagnostics'), Err.ConsentEssential);
    assert.equal(l.withdraw('maker', 'diagnostics'), Err.ConsentEssential);
    assert.equal(l.withdraw('broker', 'energy'), Err.ConsentUnknownRecipient);
    assert.equal(l.withdraw('utility', 'resale'), Err.ConsentUnknownPurpose);
    assert.equal(l.withdraw('utility', 'energy', '1h'), Err.ConsentUnknownTier);
    assert.equal(l.grant('constructor', 'toString'), Err.ConsentUnknownRecipient);
    assert.equal(l.withdraw('partner', 'marketing'), Err.None, 'withdrawing nothing is fine');
    assert.deepEqual(store.list('hb.c.'), [], 'and writes nothing');
  });

  it('lists readable records with grant time and digest', () => {
    const clock = new FakeClock(1741000000000);
    const l = open(store, testPolicy(), clock);
    l.grant('partner', 'marketing');
    const [c] = l.list();
    assert.equal(c.recipient, 'partner');
    assert.equal(c.purpose, 'marketing');
    assert.equal(c.tier, '1d');
    assert.equal(c.grantedAt, 1741000000000);
    assert.match(c.digest, /^[0-9a-f]{64}$/);
    assert.equal(c.stale, false);
  });

  it('persists: a restarted ledger holds the same consents, in one of two files', () => {
    const l = open(store);
    l.grant('utility', 'energy');
    l.grant('partner', 'marketing');
    l.withdraw('partner', 'marketing');
    assert.equal(store.list('hb.c.').length, 1);
    assert.ok(LEDGER_NAMES.indexOf(store.list('hb.c.')[0]) >= 0);
    assert.deepEqual(live(open(store)), ['utility/energy/1d']);
  });

  it('tells listeners after each durable change', () => {
    const l = open(store);
    const seen: string[] = [];
    l.onChange((r, p, t, on) => { seen.push(`${r}/${p}/${t}:${on}`); });
    l.onChange(() => { throw new Error('a bad listener'); });
    l.grant('utility', 'energy');
    l.grant('utility', 'energy'); // already live: no event
    l.grant('utility', 'energy', '30min');
    l.withdraw('utility', 'energy');
    assert.deepEqual(seen, ['utility/energy/1d:true', 'utility/energy/30min:true', 'utility/energy/1d:false', 'utility/energy/30min:false']);
  });

  it('acknowledges nothing the store did not take', () => {
    const l = open(store);
    l.grant('utility', 'energy');
    const before = store.read(store.list('hb.c.')[0]);
    const refusing: FileStore = { ...store, write: () => false };
    const l2 = open(refusing);
    const events: string[] = [];
    l2.onChange((_r, p, _t, on) => { events.push(`${p}:${on}`); });
    assert.equal(l2.grant('partner', 'marketing'), Err.ConsentStoreFailed);
    assert.equal(l2.isLive('partner', 'marketing', '1d'), false, 'a grant not written is not live');
    assert.equal(l2.withdraw('utility', 'energy'), Err.ConsentStoreFailed, 'the owner is told');
    assert.equal(l2.isLive('utility', 'energy', '1d'), false, 'but a withdrawal fails safe: the flow stops now');
    assert.deepEqual(events, ['energy:false']);
    assert.equal(store.read(store.list('hb.c.')[0]), before, 'flash is unchanged');
    assert.equal(open(store).isLive('utility', 'energy', '1d'), true, 'so after a reboot the consent is back');
  });

  it('treats a corrupt ledger as no consent, and reports it', () => {
    const l = open(store);
    l.grant('utility', 'energy');
    l.grant('partner', 'marketing');
    const name = store.list('hb.c.')[0];
    const text = store.read(name)!;
    store.write(name, text.replace('energy', 'enerGY'));
    const other = LEDGER_NAMES.find((n) => n !== name)!;
    store.write(other, '0000000{"v":1}');
    const reloaded = open(store);
    assert.deepEqual(reloaded.list(), []);
    assert.equal(reloaded.isLive('utility', 'energy', '1d'), false);
    assert.equal(reloaded.loadStatus(), Err.ConsentStoreFailed);
    assert.equal(reloaded.corruptCopies(), 2);
    assert.equal(reloaded.grant('utility', 'energy'), Err.None, 'the owner can grant again');
    assert.deepEqual(live(open(store)), ['utility/energy/1d']);
  });

  it('falls back to the other copy when the newer one is torn', () => {
    const l = open(store);
    l.grant('utility', 'energy');
    const older = store.list('hb.c.')[0];
    const olderText = store.read(older)!;
    l.grant('partner', 'marketing');
    const newer = store.list('hb.c.')[0];
    store.write(older, olderText); // as if the erase of the old copy never happened
    store.write(newer, store.read(newer)!.slice(0, 40)); // and the new copy were torn
    const reloaded = open(store);
    assert.deepEqual(live(reloaded), ['utility/energy/1d']);
    assert.equal(reloaded.loadStatus(), Err.None);
    assert.equal(reloaded.corruptCopies(), 1);
  });

  it('takes the copy with the higher sequence number when both are valid', () => {
    const l = open(store);
    l.grant('utility', 'energy');
    const first = store.list('hb.c.')[0];
    const firstText = store.read(first)!;
    l.withdraw('utility', 'energy');
    store.write(first, firstText); // power cut after the new copy, before erasing the old
    assert.deepEqual(live(open(store)), []);
  });

  describe('req 6: re-consent on change', () => {
    const grantAll = (): void => {
      const l = open(store);
      l.grant('utility', 'energy');
      l.grant('utility', 'energy', '30min');
      l.grant('partner', 'marketing');
    };

    it('keeps consents live under an equal policy of a later version', () => {
      grantAll();
      const p2 = testPolicy();
      p2.version = 2;
      assert.deepEqual(live(open(store, p2)), ['partner/marketing/1d', 'utility/energy/1d', 'utility/energy/30min']);
    });

    it('req 6: a policy that adds a field makes the consent stale', () => {
      grantAll();
      const p2 = testPolicy();
      p2.purposes.energy.fields.push({ channel: 'compressorW', aggregate: 'mean' });
      const l = open(store, p2);
      assert.equal(l.state('utility', 'energy', '1d'), ConsentState.Stale);
      assert.equal(l.state('utility', 'energy', '30min'), ConsentState.Stale);
      assert.equal(l.isLive('partner', 'marketing', '1d'), true, 'other purposes are unaffected');
      assert.deepEqual(l.list().filter((c) => c.stale).map((c) => c.tier).sort(), ['1d', '30min']);
    });

    it('req 6: a policy that moves the endpoint makes the consent stale', () => {
      grantAll();
      const p2 = testPolicy();
      p2.recipients.utility.endpoint = 'https://data-broker.example/v1';
      assert.equal(open(store, p2).state('utility', 'energy', '1d'), ConsentState.Stale);
    });

    it('req 6: a policy that makes the purpose tier finer makes the consent stale', () => {
      grantAll();
      const p2 = testPolicy();
      p2.purposes.marketing.tier = '1h' as Tier;
      assert.equal(open(store, p2).state('partner', 'marketing', '1h'), ConsentState.None, 'a new tier was never granted');
      assert.equal(open(store, p2).state('partner', 'marketing', '1d'), ConsentState.Stale, 'the granted tier is no longer offered');
    });

    it('req 6: a narrower policy keeps the consent live', () => {
      grantAll();
      const p2 = testPolicy();
      p2.purposes.marketing.fields.pop();
      assert.equal(open(store, p2).isLive('partner', 'marketing', '1d'), true);
    });

    it('req 6: a re-grant refreshes a stale consent', () => {
      grantAll();
      const p2 = testPolicy();
      p2.purposes.energy.fields.push({ channel: 'compressorW', aggregate: 'mean' });
      const l = open(store, p2);
      const seen: string[] = [];
      l.onChange((_r, _p, t, on) => { seen.push(`${t}:${on}`); });
      assert.equal(l.grant('utility', 'energy'), Err.None);
      assert.equal(l.isLive('utility', 'energy', '1d'), true);
      assert.equal(l.state('utility', 'energy', '30min'), ConsentState.Stale, 'each tier is granted on its own');
      assert.deepEqual(seen, ['1d:true']);
      assert.equal(open(store, p2).isLive('utility', 'energy', '1d'), true, 'and the refresh is durable');
    });

    it('keeps a record of a purpose the policy dropped stale, and lets the owner withdraw it', () => {
      grantAll();
      const p2 = testPolicy();
      delete p2.purposes.marketing;
      const l = open(store, p2);
      assert.equal(l.state('partner', 'marketing', '1d'), ConsentState.Stale);
      assert.equal(l.withdraw('partner', 'marketing'), Err.None);
      assert.deepEqual(l.list().map((c) => c.purpose).sort(), ['energy', 'energy']);
    });
  });
});
