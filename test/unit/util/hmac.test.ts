import { strict as assert } from 'assert';
import * as crypto from 'crypto';
import { createHmacSha256, fromHex, hmacSha256, toHex } from '../../../sdk/util/index';

/** Node's SHA-256 over binary strings, standing in for Espruino's crypto.SHA256. */
const sha256 = (s: string): string => crypto.createHash('sha256').update(Buffer.from(s, 'latin1')).digest().toString('latin1');
const bin = (hex: string): string => Buffer.from(hex, 'hex').toString('latin1');
const rep = (byte: number, n: number): string => String.fromCharCode(byte).repeat(n);

// RFC 4231 §4.2–4.8, HMAC-SHA-256 outputs (case 5 tests truncation and is left out).
const RFC4231: { name: string; key: string; data: string; mac: string }[] = [
  { name: 'case 1', key: rep(0x0b, 20), data: 'Hi There', mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { name: 'case 2', key: 'Jefe', data: 'what do ya want for nothing?', mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  { name: 'case 3', key: rep(0xaa, 20), data: rep(0xdd, 50), mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' },
  { name: 'case 4', key: bin('0102030405060708090a0b0c0d0e0f10111213141516171819'), data: rep(0xcd, 50), mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b' },
  { name: 'case 6', key: rep(0xaa, 131), data: 'Test Using Larger Than Block-Size Key - Hash Key First', mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54' },
  {
    name: 'case 7', key: rep(0xaa, 131),
    data: 'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

/** Deterministic byte source, so a failure reproduces. */
function bytes(seed: number): (n: number) => string {
  let s = seed >>> 0;
  return (n) => {
    let out = '';
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      out += String.fromCharCode(s >>> 24);
    }
    return out;
  };
}

describe('hmacSha256', () => {
  for (const v of RFC4231) {
    it(`matches RFC 4231 ${v.name}`, () => {
      assert.equal(toHex(hmacSha256(sha256, v.key, v.data)), v.mac);
    });
  }

  it('matches Node crypto.createHmac on 100 random key/message pairs', () => {
    const rnd = bytes(4231);
    for (let i = 0; i < 100; i++) {
      // Key lengths cross the 64-byte block (hashed-key path) and include empty keys.
      const key = rnd(rnd(1).charCodeAt(0) % 160);
      const msg = rnd((rnd(1).charCodeAt(0) * 3) % 700);
      const expected = crypto.createHmac('sha256', Buffer.from(key, 'latin1')).update(Buffer.from(msg, 'latin1')).digest('hex');
      assert.equal(toHex(hmacSha256(sha256, key, msg)), expected, `pair ${i} (key ${key.length} B, message ${msg.length} B)`);
    }
  });

  it('gives the same MAC from a prepared key as from the one-shot form', () => {
    const mac = createHmacSha256(sha256, 'Jefe');
    assert.equal(mac('what do ya want for nothing?'), hmacSha256(sha256, 'Jefe', 'what do ya want for nothing?'));
    assert.equal(toHex(mac('what do ya want for nothing?')), RFC4231[1].mac);
  });

  it('returns a 32-byte binary string', () => {
    assert.equal(hmacSha256(sha256, 'k', 'm').length, 32);
  });
});

describe('toHex / fromHex', () => {
  it('encodes every byte value as two lowercase digits', () => {
    let all = '';
    for (let b = 0; b < 256; b++) all += String.fromCharCode(b);
    assert.equal(toHex(all), Buffer.from(all, 'latin1').toString('hex'));
  });

  it('round-trips binary strings and accepts upper case', () => {
    const s = bytes(7)(300);
    assert.equal(fromHex(toHex(s)), s);
    assert.equal(fromHex('DEADbeef'), bin('deadbeef'));
    assert.equal(fromHex(''), '');
  });

  it('returns undefined for odd lengths and non-hex characters', () => {
    assert.equal(fromHex('abc'), undefined);
    assert.equal(fromHex('zz'), undefined);
    assert.equal(fromHex('0g'), undefined);
    assert.equal(fromHex('/0'), undefined);
  });
});
