/**
 * The few MQTT 3.1.1 packets a reporting device needs (OASIS mqtt-v3.1.1,
 * §2–3), as binary strings (one char per byte), which is what Espruino's
 * sockets read and write. Encoders build with `String.fromCharCode`; the
 * decoder works on whole packets that `mqttFrameLength` has cut out of the
 * stream. Nothing here throws, whatever the input.
 */

/** MQTT control packet types (§2.2.1), the high nibble of the first byte. */
export const enum MqttType {
  Connect = 1,
  Connack = 2,
  Publish = 3,
  Puback = 4,
  Subscribe = 8,
  Suback = 9,
  Pingreq = 12,
  Pingresp = 13,
  Disconnect = 14,
}

/** PINGREQ (§3.12): no variable header, no payload. */
export const MQTT_PINGREQ = '\xC0\x00';
/** DISCONNECT (§3.14): no variable header, no payload. */
export const MQTT_DISCONNECT = '\xE0\x00';
/** Largest Remaining Length four bytes can carry (§2.2.3): 268,435,455. */
export const MQTT_MAX_REMAINING = 268435455;

/** `mqttFrameLength`: the stream is malformed (a fifth length byte, a non-byte char). */
export const MQTT_FRAME_BAD = -1;
/** `mqttFrameLength`: the packet is larger than the cap. */
export const MQTT_FRAME_TOO_LARGE = -2;

/**
 * The Remaining Length field (§2.2.3): 7 bits per byte, least significant
 * group first, the top bit set on every byte but the last; 1 to 4 bytes.
 * `n` MUST be an integer in [0, MQTT_MAX_REMAINING].
 */
export function mqttLength(n: number): string {
  let out = '';
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b += 128;
    out += String.fromCharCode(b);
  } while (n > 0);
  return out;
}

/**
 * UTF-8 bytes of a string, as a binary string. ASCII (every payload the SDK
 * builds: Espruino's JSON.stringify escapes the rest) comes back as is after
 * one scan. A lone surrogate becomes U+FFFD, as TextEncoder does.
 */
export function mqttUtf8(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 128) i++;
  if (i === s.length) return s;
  let out = s.substr(0, i);
  for (; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 128) {
      out += s.charAt(i);
      continue;
    }
    if (c < 2048) {
      out += String.fromCharCode(192 | (c >> 6), 128 | (c & 63));
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const d = s.charCodeAt(i + 1);
      if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out += String.fromCharCode(240 | (c >> 18), 128 | ((c >> 12) & 63), 128 | ((c >> 6) & 63), 128 | (c & 63));
        continue;
      }
      c = 0xfffd;
    }
    out += String.fromCharCode(224 | (c >> 12), 128 | ((c >> 6) & 63), 128 | (c & 63));
  }
  return out;
}

/** A 16-bit big-endian integer (§1.5.2). */
function u16(n: number): string {
  return String.fromCharCode((n >> 8) & 255, n & 255);
}

/** A UTF-8 string with its 16-bit byte length (§1.5.3). */
function mqttString(s: string): string {
  const b = mqttUtf8(s);
  return u16(b.length) + b;
}

/** Fixed header (first byte, Remaining Length) followed by `body`. */
function frame(first: number, body: string): string {
  return String.fromCharCode(first) + mqttLength(body.length) + body;
}

/**
 * CONNECT (§3.1) with protocol name "MQTT", level 4 and CleanSession=1: the
 * broker keeps no session, so nothing queued for an earlier ClientId leaks
 * into this one. The user name flag is set when `user` or `password` is
 * given (a password needs a user name, §3.1.2.9; an absent one is sent
 * empty).
 * @param clientId 1–23 characters for every broker to accept it (§3.1.3.1)
 * @param keepAliveS seconds, 0–65535; 0 turns the broker's check off
 */
export function encodeConnect(clientId: string, keepAliveS: number, user?: string, password?: string): string {
  let flags = 2; // CleanSession
  let tail = '';
  if (user !== undefined || password !== undefined) {
    flags |= 128;
    tail = mqttString(user || '');
    if (password !== undefined) {
      flags |= 64;
      tail += mqttString(password);
    }
  }
  return frame(16, '\x00\x04MQTT\x04' + String.fromCharCode(flags) + u16(keepAliveS) + mqttString(clientId) + tail);
}

/** SUBSCRIBE (§3.8) to one topic filter at `qos` (0–2), with packet id `id` (1–65535). */
export function encodeSubscribe(id: number, topic: string, qos: number): string {
  // The first byte's low nibble MUST be 0010 (§3.8.1).
  return frame(130, u16(id) + mqttString(topic) + String.fromCharCode(qos));
}

/**
 * PUBLISH (§3.3) of `payload` (UTF-8 encoded) to `topic`. At QoS 1 or 2 the
 * packet id `id` (1–65535) is included; at QoS 0 it is ignored. Never
 * retained, never DUP: with CleanSession a resend is a new PUBLISH.
 */
export function encodePublish(topic: string, payload: string, qos: number, id: number): string {
  return frame(48 | (qos << 1), mqttString(topic) + (qos ? u16(id) : '') + mqttUtf8(payload));
}

/** PUBACK (§3.4) for the incoming QoS 1 PUBLISH with packet id `id`. */
export function encodePuback(id: number): string {
  return '\x40\x02' + u16(id);
}

/**
 * Total length in bytes (fixed header included) of the packet at the start
 * of `buf`: 0 while more bytes are needed, MQTT_FRAME_BAD for a malformed
 * length, MQTT_FRAME_TOO_LARGE as soon as the declared length is over
 * `maxBytes` (before its body is buffered).
 */
export function mqttFrameLength(buf: string, maxBytes: number): number {
  let n = 0;
  let mul = 1;
  for (let i = 1; i < 5; i++) {
    if (i >= buf.length) return 0;
    const b = buf.charCodeAt(i);
    if (b > 255) return MQTT_FRAME_BAD;
    n += (b & 127) * mul;
    if (b < 128) {
      n += i + 1;
      return n > maxBytes ? MQTT_FRAME_TOO_LARGE : n > buf.length ? 0 : n;
    }
    mul *= 128;
  }
  return MQTT_FRAME_BAD; // a fifth length byte (§2.2.3)
}

/**
 * One decoded packet from the broker. Short keys: it is made per packet on
 * the device. Fields a type does not have are 0 or ''.
 */
export interface MqttPacket {
  /** Type (MqttType). */
  k: number;
  /** PUBLISH: QoS, 0 or 1 (or 2). */
  q: number;
  /** Packet id: PUBACK, SUBACK and PUBLISH at QoS > 0. */
  i: number;
  /** CONNACK return code (§3.2.2.3) or the SUBACK's first return code (§3.9.3; 0x80 = failure). */
  c: number;
  /** PUBLISH topic, as UTF-8 bytes. */
  t: string;
  /** PUBLISH payload, as bytes. */
  m: string;
}

/**
 * Decode one whole packet (exactly `mqttFrameLength` bytes) that a broker
 * may send to a client: CONNACK, PUBLISH (QoS 0–2), PUBACK, SUBACK,
 * PINGRESP. Anything else, wrong reserved flags (§2.2.2) or wrong lengths
 * give undefined, which the client treats as a protocol error.
 */
export function decodeMqtt(p: string): MqttPacket | undefined {
  const h = p.charCodeAt(0);
  let s = 1;
  while (s < 5 && p.charCodeAt(s) >= 128) s++;
  s++;
  const len = p.length - s;
  if (!(h >= 0) || len < 0 || mqttFrameLength(p, p.length) !== p.length) return undefined;
  const k = h >> 4;
  const f = h & 15;
  const r: MqttPacket = { k: k, q: 0, i: 0, c: 0, t: '', m: '' };
  if (k === MqttType.Publish) {
    r.q = (f >> 1) & 3;
    if (r.q === 3 || len < 2) return undefined;
    const tl = (p.charCodeAt(s) << 8) | p.charCodeAt(s + 1);
    let b = s + 2 + tl;
    if (b + (r.q ? 2 : 0) > p.length) return undefined;
    r.t = p.substring(s + 2, b);
    if (r.q) {
      r.i = (p.charCodeAt(b) << 8) | p.charCodeAt(b + 1);
      if (!r.i) return undefined;
      b += 2;
    }
    r.m = p.substring(b);
    return r;
  }
  if (f) return undefined;
  if (k === MqttType.Pingresp) return len ? undefined : r;
  if (k === MqttType.Connack) {
    // Acknowledge flags: only bit 0 (session present) may be set (§3.2.2.1).
    if (len !== 2 || p.charCodeAt(s) > 1) return undefined;
    r.c = p.charCodeAt(s + 1);
    return r;
  }
  if (k === MqttType.Puback || k === MqttType.Suback) {
    if (k === MqttType.Puback ? len !== 2 : len < 3) return undefined;
    r.i = (p.charCodeAt(s) << 8) | p.charCodeAt(s + 1);
    if (k === MqttType.Suback) {
      // Return codes are 0–2 (granted QoS) or 0x80 (failure) (§3.9.3).
      r.c = p.charCodeAt(s + 2);
      if (r.c > 2 && r.c !== 0x80) return undefined;
    }
    return r;
  }
  return undefined;
}
