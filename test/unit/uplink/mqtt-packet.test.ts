import { strict as assert } from 'assert';
import * as mqttPacket from 'mqtt-packet';
import {
  MQTT_DISCONNECT, MQTT_FRAME_BAD, MQTT_FRAME_TOO_LARGE, MQTT_PINGREQ,
  decodeMqtt, encodeConnect, encodePuback, encodePublish, encodeSubscribe, mqttFrameLength, mqttLength, mqttUtf8,
} from '../../../sdk/uplink/mqtt-packet';
import type { MqttPacket } from '../../../sdk/uplink/mqtt-packet';
import { createRandom } from '../../../simulator/models/random';

/** mqtt.js's own encoder (mqtt-packet 9), as a binary string: the reference our bytes must equal. */
const ref = (p: object): string => mqttPacket.generate(p as mqttPacket.Packet).toString('latin1');
const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');
const bin = (h: string): string => Buffer.from(h, 'hex').toString('latin1');

/** Parse a binary string with mqtt-packet's parser (protocol version 4). */
function refParse(s: string): mqttPacket.Packet[] {
  const out: mqttPacket.Packet[] = [];
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  parser.on('packet', (p) => out.push(p));
  parser.on('error', (e) => {
    throw e;
  });
  parser.parse(Buffer.from(s, 'latin1'));
  return out;
}

/** The transport's receive loop, reduced: buffer, cut whole frames, decode; stops at the first error. */
function stream(max: number): { feed(d: string): void; packets: MqttPacket[]; error: number; maxBuffered: number } {
  let buf = '';
  const st = {
    packets: [] as MqttPacket[],
    error: 0,
    maxBuffered: 0,
    feed(d: string): void {
      if (st.error) return;
      buf += d;
      st.maxBuffered = Math.max(st.maxBuffered, buf.length);
      for (;;) {
        const n = mqttFrameLength(buf, max);
        if (n === 0) return;
        if (n < 0) {
          st.error = n;
          buf = '';
          return;
        }
        const p = decodeMqtt(buf.substring(0, n));
        buf = buf.substring(n);
        if (!p) {
          st.error = 99;
          buf = '';
          return;
        }
        st.packets.push(p);
      }
    },
  };
  return st;
}

describe('mqtt-packet: Remaining Length', () => {
  const cases: [number, string][] = [
    [0, '00'], [1, '01'], [127, '7f'], [128, '8001'], [16383, 'ff7f'], [16384, '808001'],
    [2097151, 'ffff7f'], [2097152, '80808001'], [268435455, 'ffffff7f'],
  ];
  for (const [n, bytes] of cases) {
    it(`encodes ${n} as ${bytes} (MQTT 3.1.1 §2.2.3 table 2.4)`, () => {
      assert.equal(hex(mqttLength(n)), bytes);
    });
    it(`reads back a frame of remaining length ${n}`, () => {
      const head = '\x30' + mqttLength(n);
      if (n > 2097152) {
        assert.equal(mqttFrameLength(head, 300000000), 0, 'waits for the body'); // no 256 MB string in a unit test
        return;
      }
      const whole = head + 'p'.repeat(n);
      assert.equal(mqttFrameLength(whole, 300000000), head.length + n);
      assert.equal(mqttFrameLength(whole + 'next', 300000000), head.length + n);
      if (n) assert.equal(mqttFrameLength(whole.substring(0, whole.length - 1), 300000000), 0, 'one byte short');
    });
  }

  it('asks for more bytes while the length field is incomplete', () => {
    assert.equal(mqttFrameLength('', 100), 0);
    assert.equal(mqttFrameLength('\x30', 100), 0);
    assert.equal(mqttFrameLength('\x30\x80', 100), 0);
    assert.equal(mqttFrameLength('\x30\x80\x80\x80', 100), 0);
  });

  it('refuses a fifth length byte as malformed', () => {
    assert.equal(mqttFrameLength('\x30\x80\x80\x80\x80\x01', 1e9), MQTT_FRAME_BAD);
    assert.equal(mqttFrameLength('\x30\xff\xff\xff\xff', 1e9), MQTT_FRAME_BAD);
  });

  it('refuses an oversized packet as soon as its length is known, before the body arrives', () => {
    assert.equal(mqttFrameLength('\x30\x80\x10', 2048), MQTT_FRAME_TOO_LARGE); // 2048 + 3 > 2048
    assert.equal(mqttFrameLength('\x30\xfd\x0f', 2048), 0); // exactly at the cap: wait for the body
    assert.equal(mqttFrameLength('\x30\xfd\x0f' + 'b'.repeat(2045), 2048), 2048);
    assert.equal(mqttFrameLength('\x30\xfe\x0f', 2048), MQTT_FRAME_TOO_LARGE);
  });

  it('refuses characters that are not bytes', () => {
    assert.equal(mqttFrameLength('\x30\u0180', 2048), MQTT_FRAME_BAD);
  });
});

describe('mqtt-packet: encoders match mqtt.js byte for byte', () => {
  it('CONNECT with user name and password, CleanSession and keep-alive', () => {
    const ours = encodeConnect('hb0123456789abcdef', 60, 'fridge', 's3cret');
    assert.equal(hex(ours), hex(ref({
      cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'hb0123456789abcdef',
      keepalive: 60, username: 'fridge', password: Buffer.from('s3cret'),
    })));
    // Spot-check the spec's variable header (§3.1.2.10 example): "MQTT", level 4, flags 0xC2, keep-alive.
    assert.equal(hex(ours.substring(2, 12)), '00044d51545404c2003c');
  });

  it('CONNECT without credentials', () => {
    assert.equal(hex(encodeConnect('hbx', 0)), hex(ref({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'hbx', keepalive: 0 })));
  });

  it('CONNECT with a password and no user name sends an empty user name (§3.1.2.9)', () => {
    assert.equal(hex(encodeConnect('hbx', 5, undefined, 'pw')), hex(ref({
      cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'hbx', keepalive: 5, username: '', password: Buffer.from('pw'),
    })));
  });

  it('CONNECT with non-ASCII credentials as UTF-8', () => {
    assert.equal(hex(encodeConnect('hbü', 65535, 'Zoë', 'pässwörd😀')), hex(ref({
      cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'hbü', keepalive: 65535, username: 'Zoë', password: Buffer.from('pässwörd😀'),
    })));
  });

  it('SUBSCRIBE at QoS 1', () => {
    assert.equal(hex(encodeSubscribe(1, 'hb/maker/ack/hb00ff', 1)), hex(ref({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'hb/maker/ack/hb00ff', qos: 1 }] })));
    assert.equal(hex(encodeSubscribe(65535, 't', 0)), hex(ref({ cmd: 'subscribe', messageId: 65535, subscriptions: [{ topic: 't', qos: 0 }] })));
  });

  for (const size of [0, 1, 100, 121, 122, 127, 128, 200, 3000, 16384, 20000, 2097152]) {
    it(`PUBLISH QoS 1 with a ${size}-byte payload`, () => {
      const payload = 'x'.repeat(size);
      const ours = encodePublish('hb/maker/up/hb00ff', payload, 1, 258);
      assert.equal(ours.length, Buffer.byteLength(ref({ cmd: 'publish', topic: 'hb/maker/up/hb00ff', payload, qos: 1, messageId: 258, retain: false, dup: false }), 'latin1'));
      assert.equal(ours, ref({ cmd: 'publish', topic: 'hb/maker/up/hb00ff', payload, qos: 1, messageId: 258, retain: false, dup: false }));
    });
  }

  it('PUBLISH at QoS 0 carries no packet id', () => {
    assert.equal(hex(encodePublish('a/b', 'hi', 0, 7)), hex(ref({ cmd: 'publish', topic: 'a/b', payload: 'hi', qos: 0, retain: false, dup: false })));
  });

  it('PUBLISH encodes a non-ASCII topic and payload as UTF-8', () => {
    const topic = 'hb/küche/up/x';
    const payload = '{"f":"Grüße 😀 €"}';
    assert.equal(hex(encodePublish(topic, payload, 1, 9)), hex(ref({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, messageId: 9, retain: false, dup: false })));
  });

  it('PUBACK, PINGREQ and DISCONNECT', () => {
    assert.equal(hex(encodePuback(513)), hex(ref({ cmd: 'puback', messageId: 513 })));
    assert.equal(hex(MQTT_PINGREQ), hex(ref({ cmd: 'pingreq' })));
    assert.equal(hex(MQTT_DISCONNECT), hex(ref({ cmd: 'disconnect' })));
  });

  it('mqtt.js parses a 3 KB PUBLISH of ours back to the same topic, id and payload', () => {
    const payload = '{"i":"' + 'ab'.repeat(16) + '","f":{"x":' + '1'.repeat(3000) + '}}';
    const [p] = refParse(encodePublish('hb/m/up/hb1', payload, 1, 77)) as mqttPacket.IPublishPacket[];
    assert.equal(p.cmd, 'publish');
    assert.equal(p.topic, 'hb/m/up/hb1');
    assert.equal(p.messageId, 77);
    assert.equal(p.qos, 1);
    assert.equal(p.payload.toString(), payload);
  });
});

describe('mqtt-packet: UTF-8', () => {
  for (const s of ['', 'ascii only', 'é', 'ß€', '😀', 'a😀b', 'ü'.repeat(70), '\u07ff\u0800\uffff', '\ud800', 'x\udc00y', '\ud83d']) {
    it(`encodes ${JSON.stringify(s)} as Node does`, () => {
      assert.equal(hex(mqttUtf8(s)), Buffer.from(s, 'utf8').toString('hex'));
    });
  }
  it('returns an ASCII string itself (no copy)', () => {
    const s = '{"ack":["00"]}';
    assert.equal(mqttUtf8(s), s);
  });
});

describe('mqtt-packet: decoder', () => {
  it('decodes CONNACK accepted, refused and with session present', () => {
    assert.deepEqual(decodeMqtt(ref({ cmd: 'connack', returnCode: 0, sessionPresent: false })), { k: 2, q: 0, i: 0, c: 0, t: '', m: '' });
    assert.equal(decodeMqtt(ref({ cmd: 'connack', returnCode: 5 }))!.c, 5);
    assert.equal(decodeMqtt(ref({ cmd: 'connack', returnCode: 0, sessionPresent: true }))!.c, 0);
  });

  it('decodes SUBACK granted and failed (0x80)', () => {
    assert.deepEqual(decodeMqtt(ref({ cmd: 'suback', messageId: 300, granted: [1] })), { k: 9, q: 0, i: 300, c: 1, t: '', m: '' });
    assert.equal(decodeMqtt(ref({ cmd: 'suback', messageId: 1, granted: [128] }))!.c, 0x80);
  });

  it('decodes PUBACK and PINGRESP', () => {
    assert.deepEqual(decodeMqtt(ref({ cmd: 'puback', messageId: 65535 })), { k: 4, q: 0, i: 65535, c: 0, t: '', m: '' });
    assert.deepEqual(decodeMqtt(ref({ cmd: 'pingresp' })), { k: 13, q: 0, i: 0, c: 0, t: '', m: '' });
  });

  it('decodes PUBLISH at QoS 0 and 1, with payloads over 127 bytes', () => {
    const ack = JSON.stringify({ ack: Array.from({ length: 8 }, (_, i) => String(i).repeat(32)), rej: [] });
    assert.ok(ack.length > 127);
    assert.deepEqual(decodeMqtt(ref({ cmd: 'publish', topic: 'b/ack/hb1', payload: ack, qos: 1, messageId: 4, retain: false, dup: false })),
      { k: 3, q: 1, i: 4, c: 0, t: 'b/ack/hb1', m: ack });
    assert.deepEqual(decodeMqtt(ref({ cmd: 'publish', topic: 'b/ack/hb1', payload: '{}', qos: 0, retain: true, dup: false })),
      { k: 3, q: 0, i: 0, c: 0, t: 'b/ack/hb1', m: '{}' });
    // DUP and RETAIN flags are allowed on PUBLISH.
    assert.equal(decodeMqtt(ref({ cmd: 'publish', topic: 't', payload: 'p', qos: 1, messageId: 2, retain: true, dup: true }))!.m, 'p');
  });

  it('keeps a UTF-8 topic as bytes', () => {
    const p = decodeMqtt(ref({ cmd: 'publish', topic: 'küche', payload: '', qos: 0, retain: false, dup: false }))!;
    assert.equal(p.t, mqttUtf8('küche'));
  });

  const bad: [string, string][] = [
    ['CONNACK with reserved flags', '21020000'],
    ['CONNACK with acknowledge flags beyond session present', '20020200'],
    ['CONNACK of the wrong length', '2003000000'],
    ['PUBACK of the wrong length', '400100'],
    ['PUBACK with flags', '42020001'],
    ['SUBACK without a return code', '90020001'],
    ['PINGRESP with a body', 'd00100'],
    ['PUBLISH at QoS 3', '360500017400'.slice(0, 12)],
    ['PUBLISH at QoS 1 with packet id 0', '32050001740000'],
    ['PUBLISH whose topic runs past the end', '3003000974'],
    ['PUBLISH at QoS 1 without room for the packet id', '3204000174ff'.slice(0, 10)],
    ['a CONNECT (a server never sends one)', ''],
    ['SUBSCRIBE', '8206000100017401'],
    ['PUBREC (QoS 2 is never used)', '50020001'],
    ['a frame whose length disagrees with its bytes', '400300010000'],
    ['an empty string', ''],
    ['type 0 (reserved)', '0000'],
    ['type 15 (reserved)', 'f000'],
  ];
  for (const [name, h] of bad) {
    it(`refuses ${name}`, () => {
      const p = name.startsWith('a CONNECT') ? encodeConnect('x', 1) : bin(h);
      assert.equal(decodeMqtt(p), undefined);
    });
  }
});

describe('mqtt-packet: streaming', () => {
  const traffic = (): string =>
    ref({ cmd: 'connack', returnCode: 0 }) +
    ref({ cmd: 'suback', messageId: 1, granted: [1] }) +
    ref({ cmd: 'puback', messageId: 2 }) +
    ref({ cmd: 'publish', topic: 'b/ack/hb1', payload: JSON.stringify({ ack: ['a'.repeat(32)], rej: [], pad: 'z'.repeat(300) }), qos: 1, messageId: 9, retain: false, dup: false }) +
    ref({ cmd: 'pingresp' }) +
    ref({ cmd: 'publish', topic: 'other', payload: 'y'.repeat(128), qos: 0, retain: false, dup: false });

  it('parses packets fed one byte at a time exactly as when fed whole', () => {
    const whole = stream(2048);
    whole.feed(traffic());
    const bytes = stream(2048);
    for (const c of traffic()) bytes.feed(c);
    assert.equal(whole.error, 0);
    assert.equal(bytes.error, 0);
    assert.deepEqual(whole.packets.map((p) => p.k), [2, 9, 4, 3, 13, 3]);
    assert.deepEqual(bytes.packets, whole.packets);
  });

  it('parses any split into random fragments the same way', () => {
    const r = createRandom(7);
    const all = traffic();
    const whole = stream(2048);
    whole.feed(all);
    for (let trial = 0; trial < 200; trial++) {
      const s = stream(2048);
      for (let i = 0; i < all.length;) {
        const n = 1 + Math.floor(r() * 40);
        s.feed(all.substring(i, i + n));
        i += n;
      }
      assert.deepEqual(s.packets, whole.packets);
    }
  });

  it('stops at an oversized packet without buffering its body', () => {
    const s = stream(256);
    s.feed(ref({ cmd: 'puback', messageId: 1 }));
    const big = ref({ cmd: 'publish', topic: 't', payload: 'q'.repeat(1000), qos: 0, retain: false, dup: false });
    s.feed(big.substring(0, 3));
    assert.equal(s.error, MQTT_FRAME_TOO_LARGE);
    assert.equal(s.packets.length, 1);
  });

  it('survives 10,000 random byte strings: never throws, never buffers past the cap plus one chunk', () => {
    const r = createRandom(2026);
    const byte = (): string => String.fromCharCode(Math.floor(r() * 256));
    let decoded = 0;
    for (let iter = 0; iter < 10000; iter++) {
      const s = stream(512);
      // Half the cases start from a valid header byte so the fuzz reaches the type decoders.
      let junk = r() < 0.5 ? String.fromCharCode([0x20, 0x30, 0x32, 0x40, 0x90, 0xd0][Math.floor(r() * 6)]) : '';
      const len = Math.floor(r() * 64);
      for (let i = 0; i < len; i++) junk += byte();
      for (let i = 0; i < junk.length;) {
        const n = 1 + Math.floor(r() * 16);
        s.feed(junk.substring(i, i + n));
        i += n;
      }
      decoded += s.packets.length;
      assert.ok(s.maxBuffered <= 512 + 16);
      for (let j = 0; j < 4; j++) {
        const cut = junk.substring(0, Math.floor(r() * (junk.length + 1)));
        decodeMqtt(cut);
        mqttFrameLength(cut, 512);
      }
    }
    assert.ok(decoded > 0, 'the fuzz never produced a valid packet: it is not reaching the decoders');
  });

  it('agrees with mqtt.js on which random frames are valid CONNACK/PUBACK/SUBACK/PINGRESP', () => {
    const r = createRandom(99);
    for (let iter = 0; iter < 2000; iter++) {
      const type = [0x20, 0x40, 0x90, 0xd0][iter % 4];
      const len = Math.floor(r() * 4);
      let body = '';
      for (let i = 0; i < len; i++) body += String.fromCharCode(r() < 0.7 ? Math.floor(r() * 3) : Math.floor(r() * 256));
      const frame = String.fromCharCode(type) + mqttLength(len) + body;
      const ours = decodeMqtt(frame);
      let theirs: mqttPacket.Packet | undefined;
      try {
        theirs = refParse(frame)[0];
      } catch {
        theirs = undefined;
      }
      if (ours) assert.ok(theirs, `we accept ${hex(frame)} that mqtt.js refuses`);
    }
  });
});
