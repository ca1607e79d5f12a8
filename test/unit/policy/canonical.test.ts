import { strict as assert } from 'assert';
import type { Policy } from '../../../sdk/model/index';
import { canonicalEncode, snapshotPurpose, toMicro } from '../../../sdk/policy/index';
import { hostPolicyHash, hostPurposeDigest } from '../../../toolchain/policy/index';
import { FRIDGE } from '../../dialect/fixtures/policy/good';

const clone = (): Policy => JSON.parse(JSON.stringify(FRIDGE));

describe('canonicalEncode', () => {
  it('sorts object keys by code unit, integer-like keys included, whatever the insertion order', () => {
    assert.equal(canonicalEncode({ b: 1, a: 2, '10': 3, '2': 4, B: 5 }), '{"10":3,"2":4,"B":5,"a":2,"b":1}');
    assert.equal(canonicalEncode({ x: { z: 1, y: [2, { d: 1, c: 0 }] } }), canonicalEncode({ x: { y: [2, { c: 0, d: 1 }], z: 1 } }));
  });

  it('leaves out undefined and function members, and writes them as null in arrays', () => {
    assert.equal(canonicalEncode({ a: undefined, b: 1, f: () => 1 }), '{"b":1}');
    assert.equal(canonicalEncode([undefined, null, () => 1]), '[null,null,null]');
  });

  it('writes numbers in millionths, rounded half away from zero, without trailing zeros', () => {
    const cases: [number, string][] = [
      [0, '0'], [-0, '0'], [5, '5'], [-5, '-5'], [0.1, '0.1'], [0.1 + 0.2, '0.3'], [-2.5, '-2.5'], [12.3456784, '12.345678'],
      [12.3456786, '12.345679'], [5e-7, '0.000001'], [-5e-7, '-0.000001'], [4e-7, '0'], [-4e-7, '0'], [1e15, '1000000000000000'],
      [2147483648, '2147483648'], [-2147483649, '-2147483649'], [2 / 3, '0.666667'], [NaN, 'null'], [Infinity, 'null'], [-Infinity, 'null'],
    ];
    for (const [x, text] of cases) assert.equal(canonicalEncode(x), text, `${x}`);
  });

  it('escapes quotes and backslashes and writes every non-printable or non-ASCII unit as \\u, so the text is pure ASCII', () => {
    assert.equal(canonicalEncode('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(canonicalEncode('\t\n\u007f°€\ud83d'), '"\\u0009\\u000a\\u007f\\u00b0\\u20ac\\ud83d"');
    let all = '';
    for (let c = 0; c < 0x3000; c += 7) all += String.fromCharCode(c);
    assert.match(canonicalEncode(all), /^[\x20-\x7e]*$/);
  });

  it('gives distinct texts to values JSON would confuse: strings versus numbers, keys with separators', () => {
    assert.notEqual(canonicalEncode(['1']), canonicalEncode([1]));
    assert.notEqual(canonicalEncode({ 'a,b': 1 }), canonicalEncode({ a: 1, b: 1 }));
    assert.notEqual(canonicalEncode(['a', 'b']), canonicalEncode(['a,b']));
  });

  it('never throws on cycles or deep nesting: past 32 levels it writes null', () => {
    const cyc: { [k: string]: unknown } = { a: 1 };
    cyc.self = cyc;
    assert.match(canonicalEncode(cyc), /null/);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    assert.match(canonicalEncode(deep), /^\[{32}null\]{32}$/);
  });

  it('keeps toMicro an integer and symmetric around zero', () => {
    assert.equal(toMicro(1.5), 1500000);
    assert.equal(toMicro(-1.5), -1500000);
    assert.equal(toMicro(-2.5e-6), -toMicro(2.5e-6));
    assert.equal(toMicro(NaN), 0);
  });
});

describe('purpose digests cover exactly the purpose as granted', () => {
  const changes: [string, (p: any) => void][] = [
    ['the endpoint', (p) => { p.recipients.partner.endpoint = 'https://insights.partner.example/v2/usage'; }],
    ['the transport', (p) => { p.recipients.partner.endpoint = 'http://insights.partner.example/v1/usage'; p.recipients.partner.transport = 'http'; }],
    ['the recipient', (p) => { p.recipients.other = p.recipients.partner; p.purposes.marketing.recipient = 'other'; }],
    ['the field list', (p) => { p.purposes.marketing.fields.pop(); }],
    ['a histogram bound', (p) => { p.purposes.marketing.fields[2].bounds = [0, 4, 9]; }],
    ['a threshold', (p) => { p.purposes.marketing.fields[1].threshold = 0.5; }],
    ['the tier', (p) => { p.purposes.marketing.tier = '1mo'; }],
    ['the opt-in tier list', (p) => { p.purposes.marketing.optInTiers = []; }],
    ['essential', (p) => { p.purposes.marketing.essential = true; }],
    ['the rounding', (p) => { p.purposes.marketing.redaction.round = 10; }],
    ['kMin', (p) => { p.purposes.marketing.redaction.kMin = 6; }],
    ['the pseudonym', (p) => { p.purposes.marketing.redaction.pseudonym = true; }],
    ['the release delay', (p) => { p.purposes.marketing.redaction.releaseDelayH = [24, 47]; }],
  ];
  for (const [what, change] of changes) {
    it(`changes the digest when ${what} changes`, () => {
      const p = clone();
      change(p);
      assert.notEqual(hostPurposeDigest(p, 'marketing'), hostPurposeDigest(FRIDGE, 'marketing'));
    });
  }

  it('keeps the digest when only other purposes, channel units or the version change', () => {
    const p = clone();
    p.version = 9;
    p.channels.doorOpen.unit = 'state';
    p.purposes.billing.tier = '1mo';
    delete (p.purposes as any).mixed;
    assert.equal(hostPurposeDigest(p, 'marketing'), hostPurposeDigest(FRIDGE, 'marketing'));
    assert.notEqual(hostPolicyHash(p), hostPolicyHash(FRIDGE), 'the policy hash covers everything');
  });

  it('keeps the digest when defaults are written out or opt-in tiers are reordered', () => {
    const p = clone();
    (p.purposes.mixed as any).redaction = { kMin: 5, pseudonym: false };
    p.purposes.mixed.essential = false;
    const q = clone();
    q.purposes.diagnostics.optInTiers = ['1mo', '1d', '1mo'];
    const r = clone();
    r.purposes.diagnostics.optInTiers = ['1d', '1mo'];
    assert.equal(hostPurposeDigest(p, 'mixed'), hostPurposeDigest(FRIDGE, 'mixed'));
    assert.equal(hostPurposeDigest(q, 'diagnostics'), hostPurposeDigest(r, 'diagnostics'));
  });
});

describe('snapshotPurpose', () => {
  it('records the purpose with defaults filled in and measured values in millionths', () => {
    assert.deepEqual(snapshotPurpose(FRIDGE, 'marketing'), {
      p: 'marketing', r: 'partner', e: 'https://insights.partner.example/v1/usage', t: 'https',
      f: [{ c: 'doorOpen', a: 'eventCount' }, { c: 'compressorOn', a: 'dutyCycle' }, { c: 'cabinetTempC', a: 'histogram', b: [0, 4000000, 8000000] }],
      w: '1d', o: ['1mo'], s: 0, q: 5000000, k: 5, n: 0, d: [24000000, 48000000],
    });
    assert.deepEqual(snapshotPurpose(FRIDGE, 'mixed'), {
      p: 'mixed', r: 'maker', e: 'https://diag.fridge-maker.example/v1/reports', t: 'https',
      f: [{ c: 'cabinetTempC', a: 'mean' }, { c: 'compressorW', a: 'sum' }], w: '1d', o: ['1h'], s: 0, q: 0, k: 5, n: 0, d: [0, 0],
    });
  });

  it('holds only strings and integers', () => {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      else assert.ok(typeof v === 'string' || Number.isInteger(v), `${v}`);
    };
    for (const id of Object.keys(FRIDGE.purposes)) walk(snapshotPurpose(FRIDGE, id));
  });

  it('has no record for an undeclared purpose or recipient, and never throws on garbage', () => {
    assert.equal(snapshotPurpose(FRIDGE, 'nope'), undefined);
    assert.equal(snapshotPurpose(FRIDGE, 'hasOwnProperty'), undefined);
    const p = clone();
    p.purposes.marketing.recipient = 'constructor';
    assert.equal(snapshotPurpose(p, 'marketing'), undefined);
    for (const junk of [null, undefined, 5, 'x', [], { purposes: [] }, { purposes: { a: 1 }, recipients: {} }]) {
      assert.equal(snapshotPurpose(junk as any, 'a'), undefined);
    }
  });
});
