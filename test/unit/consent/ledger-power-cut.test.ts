import { strict as assert } from 'assert';
import { Err } from '../../../sdk/model';
import type { Tier } from '../../../sdk/model';
import { createConsentLedger, purgeTrash } from '../../../sdk/consent';
import type { ConsentLedger } from '../../../sdk/consent';
import { FlashStorage, PowerCutSignal } from '../../../simulator/storage';
import type { FaultDecision, StorageOp } from '../../../simulator/storage';
import { createFlashStore, createTestFlash } from '../../support/flash-store';
import { FakeClock, nodeHash, testPolicy } from './fixtures';

type Step = ['grant' | 'withdraw', string, string, Tier?];

/** Grants and withdrawals; each line's state is what the owner was told once it returned Err.None. */
const SCENARIO: Step[] = [
  ['grant', 'utility', 'energy'],
  ['grant', 'utility', 'energy', '30min'],
  ['grant', 'partner', 'marketing'],
  ['withdraw', 'utility', 'energy', '30min'],
  ['withdraw', 'partner', 'marketing'],
  ['grant', 'partner', 'marketing'],
  ['withdraw', 'utility', 'energy'],
];

const KEYS: Array<[string, string, Tier]> = [['utility', 'energy', '1d'], ['utility', 'energy', '30min'], ['partner', 'marketing', '1d']];

function liveSet(l: ConsentLedger): string {
  return KEYS.filter(([r, p, t]) => l.isLive(r, p, t)).map((k) => k.join('/')).join(' ');
}

function open(flash: FlashStorage): ConsentLedger {
  return createConsentLedger({ policy: testPolicy(), store: createFlashStore(flash), hash: nodeHash, clock: new FakeClock() });
}

/** Run the scenario until the power dies; returns the acknowledged states and the step in flight. */
function runUntilCut(flash: FlashStorage): { acked: string[]; inFlight: number } {
  const acked: string[] = [''];
  let step = -1;
  try {
    const l = open(flash);
    for (step = 0; step < SCENARIO.length; step++) {
      const [op, r, p, t] = SCENARIO[step];
      const code = op === 'grant' ? l.grant(r, p, t) : l.withdraw(r, p, t);
      // The ledger never throws, so it may report the cut as a failed change: the device is dead either way.
      if (flash.frozen) return { acked, inFlight: step };
      assert.equal(code, Err.None);
      acked.push(liveSet(l));
    }
  } catch (e) {
    if (!(e instanceof PowerCutSignal)) throw e;
  }
  return { acked, inFlight: step };
}

/** The states a full run passes through, and every Storage call it makes. */
function reference(): { states: string[]; ops: StorageOp[] } {
  const ops: StorageOp[] = [];
  const { flash } = createTestFlash((op) => { ops.push(op); return 'continue'; });
  const { acked } = runUntilCut(flash);
  return { states: acked, ops };
}

describe('consent/ledger under power cuts', () => {
  const ref = reference();

  it('makes a bounded number of Storage calls per change', () => {
    assert.equal(ref.states.length, SCENARIO.length + 1);
    assert.ok(ref.ops.length <= 2 + SCENARIO.length * 3, `${ref.ops.length} calls`);
  });

  it('req 16: a withdrawal acknowledged survives a power cut at every Storage call', () => {
    const decisions: Array<(op: StorageOp) => FaultDecision> = [() => 'cut'];
    for (const n of [0, 1, 9, 40, 80, 200]) decisions.push((op) => (op.kind === 'write' ? { tearAfterBytes: n } : 'cut'));
    let cases = 0;
    const outcomes = { old: 0, next: 0 };
    for (let at = 0; at < ref.ops.length; at++) {
      for (const decide of decisions) {
        let calls = 0;
        const { flash } = createTestFlash((op) => (calls++ === at ? decide(op) : 'continue'));
        const { acked, inFlight } = runUntilCut(flash);
        assert.ok(flash.frozen, `call ${at} cut the power`);
        const rebooted = new FlashStorage({ bytes: 262144, pageBytes: 1024, image: flash.image });
        const l = open(rebooted);
        const now = liveSet(l);
        const old = acked[acked.length - 1];
        const next = inFlight >= 0 && inFlight < SCENARIO.length ? ref.states[inFlight + 1] : old;
        assert.ok(now === old || now === next, `cut at call ${at} (${ref.ops[at].kind} ${ref.ops[at].name}): got "${now}", want "${old}" or "${next}"`);
        assert.ok(l.loadStatus() === Err.None || now === '', 'never corrupt and live');
        if (old !== next) outcomes[now === old ? 'old' : 'next']++;
        cases++;
      }
    }
    assert.ok(cases > 50);
    assert.ok(outcomes.old > 0 && outcomes.next > 0, `both outcomes happen: ${JSON.stringify(outcomes)}`);
  });
});

describe('req 4: withdrawal purges', () => {
  it('after withdraw, the lead\'s erase and purgeTrash, a raw scan finds none of the purpose\'s data', () => {
    const { flash, store } = createTestFlash();
    const l = open(flash);
    l.grant('utility', 'energy');
    l.grant('partner', 'marketing');
    // Checkpoints as the privacy buffer writes them, rewritten a few times (each rewrite leaves trash).
    for (let i = 0; i < 3; i++) {
      store.write('hb.w.1.0', `{"energy":"ENERGY-MARKER-${i}","sum":41${i}}`);
      store.write('hb.w.2.0', `{"marketing":"MARKETING-MARKER-${i}"}`);
    }
    // The composition root, on onChange(…, live=false): drop the purpose's files, then purge trash.
    l.onChange((_r, p, _t, on) => {
      if (!on && p === 'energy') store.erase('hb.w.1.0');
    });
    assert.equal(l.withdraw('utility', 'energy'), Err.None);
    assert.ok(flash.rawScan('ENERGY-MARKER').length > 0, 'erased is not gone: trash still holds it');
    assert.equal(purgeTrash(store), Err.None);
    assert.deepEqual(flash.rawScan('ENERGY-MARKER'), []);
    assert.ok(flash.rawScan('MARKETING-MARKER-2').length > 0, 'other purposes are unaffected');
    assert.equal(flash.getStats().trashCount, 0);
    assert.equal(open(flash).isLive('partner', 'marketing', '1d'), true);
  });

  it('reports a store that cannot compact', () => {
    const { store } = createTestFlash();
    assert.equal(purgeTrash({ ...store, compact: undefined }), Err.StorageWriteFailed);
  });
});
