import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Err } from '../../../sdk/model/index';
import type { Policy } from '../../../sdk/model/index';
import { parseEndpoint, validatePolicy } from '../../../sdk/policy/index';
import { POLICY_ERROR_CODES, policyErrorSentence } from '../../../toolchain/policy/index';
import { FRIDGE } from '../../dialect/fixtures/policy/good';
import { BAD_COUNT, badPolicy } from '../../dialect/fixtures/policy/device/samples';
import { createRandom as seeded } from '../../../simulator/models/random';

const FIXTURES = path.resolve(__dirname, '..', '..', 'dialect', 'fixtures', 'policy');

/** What validatePolicy must answer for each invalid sample: [code, where]. */
const EXPECTED: { [name: string]: [Err, string] } = {
  null: [Err.PolicyMalformed, ''],
  array: [Err.PolicyMalformed, ''],
  string: [Err.PolicyMalformed, ''],
  versionZero: [Err.PolicyMalformed, 'version'],
  versionFraction: [Err.PolicyMalformed, 'version'],
  channelsArray: [Err.PolicyMalformed, 'channels'],
  recipientsNull: [Err.PolicyMalformed, 'recipients'],
  noPurposes: [Err.PolicyMalformed, 'purposes'],
  channelNotObject: [Err.PolicyBadChannel, 'channels.extra'],
  channelKind: [Err.PolicyBadChannel, 'channels.doorOpen.kind'],
  channelClass: [Err.PolicyBadChannel, 'channels.doorOpen.dataClass'],
  channelUnit: [Err.PolicyBadChannel, 'channels.doorOpen.unit'],
  channelMinNaN: [Err.PolicyBadChannel, 'channels.cabinetTempC.min'],
  channelEmptyRange: [Err.PolicyBadChannel, 'channels.cabinetTempC.max'],
  channelMaxString: [Err.PolicyBadChannel, 'channels.cabinetTempC.max'],
  channelPeriodFraction: [Err.PolicyBadChannel, 'channels.compressorW.periodMs'],
  channelPeriodZero: [Err.PolicyBadChannel, 'channels.compressorW.periodMs'],
  recipientNotObject: [Err.PolicyBadRecipient, 'recipients.maker'],
  endpointNoPath: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointUserInfo: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointPortTooBig: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointPortEmpty: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointSpace: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointFragment: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointHyphenHost: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointEmptyLabel: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointScheme: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  endpointNotString: [Err.PolicyBadRecipient, 'recipients.maker.endpoint'],
  mqttWildcard: [Err.PolicyBadRecipient, 'recipients.utility.endpoint'],
  mqttEmptyTopic: [Err.PolicyBadRecipient, 'recipients.utility.endpoint'],
  transportMismatch: [Err.PolicyBadRecipient, 'recipients.maker.transport'],
  transportUnknown: [Err.PolicyBadRecipient, 'recipients.maker.transport'],
  purposeNotObject: [Err.PolicyMalformed, 'purposes.extra'],
  unknownRecipient: [Err.PolicyUnknownRecipient, 'purposes.marketing.recipient'],
  inheritedRecipient: [Err.PolicyUnknownRecipient, 'purposes.marketing.recipient'],
  constructorRecipient: [Err.PolicyUnknownRecipient, 'purposes.marketing.recipient'],
  noFields: [Err.PolicyMalformed, 'purposes.marketing.fields'],
  fieldsNotArray: [Err.PolicyMalformed, 'purposes.marketing.fields'],
  fieldNotObject: [Err.PolicyMalformed, 'purposes.marketing.fields[1]'],
  unknownChannel: [Err.PolicyUnknownChannel, 'purposes.marketing.fields[0].channel'],
  sensitiveChannel: [Err.PolicySensitive, 'purposes.marketing.fields[0].channel'],
  aggregateKind: [Err.PolicyAggregateKind, 'purposes.marketing.fields[0].aggregate'],
  unknownAggregate: [Err.PolicyAggregateKind, 'purposes.marketing.fields[0].aggregate'],
  orderStatistic: [Err.PolicyOrderStatistic, 'purposes.billing.fields[1].aggregate'],
  classAggregate: [Err.PolicyAggregateKind, 'purposes.billing.fields[1].aggregate'],
  duplicateField: [Err.PolicyMalformed, 'purposes.marketing.fields[3]'],
  boundsDescending: [Err.PolicyMalformed, 'purposes.marketing.fields[2].bounds'],
  boundsNotNumbers: [Err.PolicyMalformed, 'purposes.marketing.fields[2].bounds'],
  boundsOnMean: [Err.PolicyMalformed, 'purposes.billing.fields[1].bounds'],
  thresholdNotNumber: [Err.PolicyMalformed, 'purposes.marketing.fields[1].threshold'],
  thresholdOnCount: [Err.PolicyMalformed, 'purposes.marketing.fields[0].threshold'],
  unknownTier: [Err.PolicyMalformed, 'purposes.marketing.tier'],
  usageHourly: [Err.PolicyTierBelowFloor, 'purposes.marketing.tier'],
  energyPlainHalfHour: [Err.PolicyTierBelowFloor, 'purposes.billing.tier'],
  mixedPlainHourly: [Err.PolicyTierBelowFloor, 'purposes.mixed.tier'],
  optInNotArray: [Err.PolicyMalformed, 'purposes.billing.optInTiers'],
  optInUnknown: [Err.PolicyMalformed, 'purposes.billing.optInTiers[0]'],
  optInBelowDiagnosticFloor: [Err.PolicyTierBelowFloor, 'purposes.diagnostics.optInTiers[1]'],
  essentialUsage: [Err.PolicyEssentialNotDiagnostic, 'purposes.marketing.essential'],
  essentialMixed: [Err.PolicyEssentialNotDiagnostic, 'purposes.mixed.essential'],
  essentialNotBoolean: [Err.PolicyMalformed, 'purposes.diagnostics.essential'],
  redactionArray: [Err.PolicyMalformed, 'purposes.billing.redaction'],
  roundZero: [Err.PolicyMalformed, 'purposes.billing.redaction.round'],
  kMinFraction: [Err.PolicyMalformed, 'purposes.billing.redaction.kMin'],
  kMinZero: [Err.PolicyMalformed, 'purposes.billing.redaction.kMin'],
  pseudonymString: [Err.PolicyMalformed, 'purposes.diagnostics.redaction.pseudonym'],
  delayTooLong: [Err.PolicyMalformed, 'purposes.marketing.redaction.releaseDelayH'],
  delayReversed: [Err.PolicyMalformed, 'purposes.marketing.redaction.releaseDelayH'],
  delayNegative: [Err.PolicyMalformed, 'purposes.marketing.redaction.releaseDelayH'],
  delayThree: [Err.PolicyMalformed, 'purposes.marketing.redaction.releaseDelayH'],
};

/** The code each compile-time bad fixture must also get at run time (requirement 9: enforced twice). */
const FIXTURE_CODES: { [file: string]: Err } = {
  'bad-aggregate-kind.ts': Err.PolicyAggregateKind,
  'bad-class-aggregate.ts': Err.PolicyAggregateKind,
  'bad-energy-plain-tier.ts': Err.PolicyTierBelowFloor,
  'bad-essential.ts': Err.PolicyEssentialNotDiagnostic,
  'bad-opt-in-tier.ts': Err.PolicyTierBelowFloor,
  'bad-order-statistic.ts': Err.PolicyOrderStatistic,
  'bad-sensitive.ts': Err.PolicySensitive,
  'bad-tier-floor.ts': Err.PolicyTierBelowFloor,
  'bad-unknown-channel.ts': Err.PolicyUnknownChannel,
  'bad-unknown-recipient.ts': Err.PolicyUnknownRecipient,
};


const KEYS = ['version', 'channels', 'recipients', 'purposes', 'fields', 'channel', 'aggregate', 'tier', 'optInTiers', 'recipient',
  'endpoint', 'transport', 'kind', 'dataClass', 'redaction', 'kMin', 'releaseDelayH', 'bounds', '__proto__', 'hasOwnProperty', 'constructor', 'x'];
const ATOMS: unknown[] = [null, undefined, 0, -1, 1.5, NaN, Infinity, -Infinity, '', 'x', '1d', '30min', 'histogram', 'https://a.example/x',
  true, false, () => 1, 'hasOwnProperty', 'constructor', '__proto__'];

/** A random value up to `depth` levels deep: atoms, arrays and objects with policy-like keys. */
function garbage(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth <= 0 || r < 0.4) return ATOMS[Math.floor(rnd() * ATOMS.length)];
  const n = Math.floor(rnd() * 5);
  if (r < 0.6) return Array.from({ length: n }, () => garbage(rnd, depth - 1));
  const o: { [k: string]: unknown } = {};
  for (let i = 0; i < n; i++) o[KEYS[Math.floor(rnd() * KEYS.length)]] = garbage(rnd, depth - 1);
  return o;
}

/** The good policy with one randomly chosen value somewhere inside it replaced by garbage. */
function mutated(rnd: () => number): unknown {
  const p = JSON.parse(JSON.stringify(FRIDGE));
  let node: any = p;
  for (let depth = 0; depth < 6; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[Math.floor(rnd() * keys.length)];
    if (rnd() < 0.3 || typeof node[k] !== 'object' || node[k] === null) {
      node[k] = garbage(rnd, 2);
      break;
    }
    node = node[k];
  }
  return p;
}

function assertWellFormed(r: unknown, input: unknown): void {
  const v = r as { err: number; where: string };
  const shown = (): string => { try { return JSON.stringify(input); } catch (e) { return String(input); } };
  assert.ok(v && typeof v.where === 'string', `bad result for ${shown()}`);
  assert.ok(v.err === Err.None || POLICY_ERROR_CODES.includes(v.err), `code ${v.err} for ${shown()}`);
}

describe('validatePolicy (run-time policy checks)', () => {
  it('accepts a policy that follows every rule', () => {
    assert.deepEqual(validatePolicy(FRIDGE), { err: Err.None, where: '' });
  });

  it('checks every invalid sample and names the first broken rule and where it is', () => {
    const seen: string[] = [];
    for (let i = 0; i < BAD_COUNT; i++) {
      const b = badPolicy(i);
      seen.push(b.name);
      assert.ok(b.name in EXPECTED, `no expectation for sample ${b.name}`);
      const r = validatePolicy(b.policy);
      assert.deepEqual([r.err, r.where], EXPECTED[b.name], `sample ${b.name}`);
    }
    assert.deepEqual(seen.sort(), Object.keys(EXPECTED).sort());
  });

  it('rejects at run time every policy the compiler rejects, with the matching code', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.startsWith('bad-')).sort();
    assert.deepEqual(files, Object.keys(FIXTURE_CODES).sort());
    for (const f of files) {
      // definePolicy is the identity at run time, so the module exports the bad policy as written.
      const mod = require(path.join(FIXTURES, f)) as { POLICY: Policy };
      assert.equal(validatePolicy(mod.POLICY).err, FIXTURE_CODES[f], f);
    }
  });

  it('never throws on 50 random garbage inputs (seeded)', () => {
    const rnd = seeded(20250301);
    for (let i = 0; i < 50; i++) {
      const g = garbage(rnd, 4);
      assertWellFormed(validatePolicy(g), g);
    }
  });

  it('never throws when any value inside a valid policy is replaced by garbage (300 seeded mutations)', () => {
    const rnd = seeded(7);
    let rejected = 0;
    for (let i = 0; i < 300; i++) {
      const m = mutated(rnd);
      const r = validatePolicy(m);
      assertWellFormed(r, m);
      if (r.err !== Err.None) rejected++;
    }
    assert.ok(rejected > 150, `only ${rejected} of 300 mutations were rejected`);
  });

  it('never throws on an object whose hasOwnProperty is shadowed', () => {
    const p = JSON.parse(JSON.stringify(FRIDGE));
    p.hasOwnProperty = 5;
    p.channels.hasOwnProperty = 'x';
    assert.deepEqual(validatePolicy(p), { err: Err.PolicyBadChannel, where: 'channels.hasOwnProperty' });
  });
});

describe('parseEndpoint', () => {
  it('reads scheme, host, port and path, with the scheme\'s default port', () => {
    assert.deepEqual(parseEndpoint('https://diag.example.com/v1/reports'), { scheme: 'https', host: 'diag.example.com', port: 443, path: '/v1/reports' });
    assert.deepEqual(parseEndpoint('http://10.0.0.2:8080/'), { scheme: 'http', host: '10.0.0.2', port: 8080, path: '/' });
    assert.deepEqual(parseEndpoint('mqtt://broker.local/fleet/energy'), { scheme: 'mqtt', host: 'broker.local', port: 1883, path: '/fleet/energy' });
    assert.deepEqual(parseEndpoint('mqtts://xn--bcher-kva.example:8883/t'), { scheme: 'mqtts', host: 'xn--bcher-kva.example', port: 8883, path: '/t' });
  });

  it('refuses anything outside the grammar', () => {
    const bad = ['', 'https://', 'https:///x', 'https://a.example', 'HTTPS://a.example/x', 'https://a.example:0/x', 'https://a.example:65536/x',
      'https://a.example:8o/x', 'https://a.example./x', 'https://.a.example/x', 'https://a-.example/x', 'https://[::1]/x', 'https://a_b.example/x',
      'https://a.example/\u00e9', 'https://a.example/x\n', 'mqtt://a.example/', 'mqtt://a.example/a/#', 'ws://a.example/x', 'https:/a.example/x'];
    for (const e of bad) assert.equal(parseEndpoint(e), undefined, JSON.stringify(e));
    for (const v of [null, undefined, 5, {}, []]) assert.equal(parseEndpoint(v), undefined);
  });
});

describe('policyErrorSentence (host)', () => {
  it('expands every policy code into a full English sentence', () => {
    assert.equal(POLICY_ERROR_CODES.length, 10);
    for (const code of POLICY_ERROR_CODES) {
      const s = policyErrorSentence(code, 'purposes.x');
      assert.match(s, /^The policy is invalid at purposes\.x \(code \d+\): [a-z].{20,}\.$/, s);
    }
    assert.equal(policyErrorSentence(Err.None, ''), 'The policy is valid.');
  });

  it('says what was wrong for every invalid sample, naming the path', () => {
    for (let i = 0; i < BAD_COUNT; i++) {
      const r = validatePolicy(badPolicy(i).policy);
      const s = policyErrorSentence(r.err, r.where);
      assert.ok(s.includes(r.where || 'its top level'), s);
      assert.ok(s.endsWith('.'), s);
    }
    assert.match(policyErrorSentence(Err.PolicyMalformed, 'purposes.m.redaction.kMin'), /kMin must be an integer of at least 1\.$/);
    assert.match(policyErrorSentence(Err.PolicyBadChannel, 'channels.door.periodMs'), /periodMs must be a positive integer/);
    assert.match(policyErrorSentence(Err.PolicyBadRecipient, 'recipients.maker.endpoint'), /must be http\(s\):\/\/host\[:port\]\/path/);
    assert.match(policyErrorSentence(Err.PolicyMalformed, 'purposes.m.fields[2]'), /no two fields of a purpose may share both/);
  });

  it('says so for a code that is not a policy code', () => {
    assert.match(policyErrorSentence(Err.GateNoConsent, ''), /code 60, which is not a policy error code/);
  });
});
