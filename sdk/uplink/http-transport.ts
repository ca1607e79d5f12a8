import { Err } from '../model/index';
import type { HttpRequest, HttpResponse, Network, Timers } from '../platform/index';
import { parseEndpoint } from '../util/index';
import type { RecipientCredentials, ReportTransport, SendCallback, TransportReply } from './transport';

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** The platform's HTTP(S) client (`Platform.net`). */
  net: Network;
  /** One-shot timers for the request timeout (`after`, `cancel`). */
  timers: Timers;
  /** The recipient's provisioned credentials; `t` becomes `Authorization: Bearer <t>`. */
  credentials?: RecipientCredentials;
  /** Longest wait for the reply to close, ms; then Err.UplinkTimeout. @default 20000 */
  timeoutMs?: number;
  /** Largest reply body accepted, bytes; more is Err.UplinkReplyTooLarge. @default 1024 */
  maxReplyBytes?: number;
}

/** Options after validation: what the transport keeps. */
interface ResolvedHttp {
  net: Network;
  timers: Timers;
  /** `Bearer <t>`, or '' without a token. */
  auth: string;
  timeoutMs: number;
  maxReply: number;
}

/**
 * The HTTP(S) POST transport (README "Wire format"): one report per request
 * to the endpoint's path, `Content-Type: application/json` with an explicit
 * `Content-Length` (Espruino sends none and servers answer 400) and
 * `Authorization: Bearer <t>` when a token is provisioned. The body is the
 * payload as pure ASCII JSON (non-ASCII chars `\u`-escaped, as Espruino's
 * JSON.stringify already does), so its byte length is its length on
 * Unicode and non-Unicode builds alike. Espruino adds `Connection: close`
 * to every client request itself: one request per socket, nothing lingers
 * in RAM between reports.
 *
 * Outcomes, each passed to `done` exactly once and never synchronously
 * inside `send`:
 * - 2xx with `{"ack":[...],"rej":[...]}` (ids: hex, at most 32 digits, at
 *   most 16 per list): Err.None with the reply. A `{"rej":[...]}` without
 *   `ack` counts as `ack: []`, so a refusal for good reaches the sender
 *   instead of being retried forever.
 * - 2xx with an empty body or JSON without `ack`/`rej` (captive portal,
 *   proxy): Err.UplinkNoAck. Unparseable or malformed JSON: Err.UplinkBadReply.
 * - non-2xx: Err.UplinkHttpStatus, with the server's `Retry-After` in ms when
 *   it is delta-seconds (capped at a day; an HTTP-date or garbage gives 0).
 * - a body over `maxReplyBytes`: Err.UplinkReplyTooLarge at once (later
 *   data is ignored); a request error, or an endpoint that is not
 *   http(s)://: Err.UplinkNetError; no close within `timeoutMs`:
 *   Err.UplinkTimeout, and later events are ignored.
 *
 * One request at a time (the sender waits for `done`). `close()` ends the
 * request in flight with Err.UplinkNetError.
 *
 * @throws Error at construction only, naming the bad option
 */
export function createHttpTransport(o: HttpTransportOptions): ReportTransport {
  const r = resolveHttpOptions(o);
  // The in-flight request's finisher: close() ends it, so `done` still runs once.
  let cur: ((code: number) => void) | undefined;
  return {
    send: (endpoint, payload, done) => {
      cur = startPost(r, endpoint, payload, (code, reply, retryAfterMs) => {
        cur = undefined;
        done(code, reply, retryAfterMs);
      });
    },
    close: () => {
      if (cur) cur(Err.UplinkNetError);
    },
  };
}

/** Validate once. Helpers nested: they cost RAM only while this runs (ESPRUINO.md §3). */
function resolveHttpOptions(o: HttpTransportOptions): ResolvedHttp {
  function positiveInt(v: number | undefined, dflt: number, name: string): number {
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !(v >= 1) || Math.floor(v) !== v) throw new Error('http transport: ' + name + ' must be a positive integer (got ' + v + ')');
    return v;
  }
  /** Printable ASCII without CR/LF: a token must not inject header lines. */
  function isHeaderValue(s: string): boolean {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c > 126) return false;
    }
    return true;
  }
  if (!o || !o.net || typeof o.net.request !== 'function') throw new Error('http transport: net with request() is required');
  if (!o.timers || typeof o.timers.after !== 'function' || typeof o.timers.cancel !== 'function') throw new Error('http transport: timers with after() and cancel() are required');
  const token = o.credentials ? o.credentials.t : undefined;
  if (token !== undefined && (typeof token !== 'string' || !isHeaderValue(token))) throw new Error('http transport: credentials.t must be printable ASCII');
  return {
    net: o.net,
    timers: o.timers,
    auth: token ? 'Bearer ' + token : '',
    timeoutMs: positiveInt(o.timeoutMs, 20000, 'timeoutMs'),
    maxReply: positiveInt(o.maxReplyBytes, 1024, 'maxReplyBytes'),
  };
}

/**
 * Start one POST; returns the function that finishes it (close() ends it
 * early with a code). Everything made here lives only while the request
 * is in flight.
 */
function startPost(r: ResolvedHttp, endpoint: string, payload: string, done: SendCallback): (code: number) => void {
  /**
   * The payload as pure ASCII JSON: every char from U+0080 up becomes a
   * `\uXXXX` escape (in JSON only strings can hold one, so the value is
   * unchanged). Then the body's bytes are its chars on every build: 2v29 for
   * ESP32 has no Unicode support and sends a char as one byte, the Linux
   * build sends UTF-8, so no single byte count would fit a raw non-ASCII
   * body. Espruino's JSON.stringify escapes the same way already (measured
   * on both builds), so on the device this only scans.
   */
  function asciiJson(s: string): string {
    let i = 0;
    while (i < s.length && s.charCodeAt(i) < 128) i++;
    if (i === s.length) return s;
    let out = s.substring(0, i);
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const h = '000' + c.toString(16);
      out += c < 128 ? s.charAt(i) : '\\u' + h.substring(h.length - 4);
    }
    return out;
  }

  /**
   * Retry-After in ms when it is delta-seconds (RFC 9110 §10.2.3), capped at
   * a day so a hostile server cannot park the uplink for good; 0 otherwise.
   * Names match case-insensitively (Espruino keeps the server's spelling).
   */
  function retryAfterMs(headers: { [name: string]: string } | undefined): number {
    if (!headers || typeof headers !== 'object') return 0;
    for (const k in headers) {
      if (k.toLowerCase() !== 'retry-after') continue;
      const v = String(headers[k]);
      let i = 0;
      let end = v.length;
      while (i < end && (v.charCodeAt(i) === 32 || v.charCodeAt(i) === 9)) i++;
      while (end > i && (v.charCodeAt(end - 1) === 32 || v.charCodeAt(end - 1) === 9)) end--;
      if (i === end) return 0;
      let s = 0;
      for (; i < end; i++) {
        const c = v.charCodeAt(i);
        if (c < 48 || c > 57) return 0;
        if (s <= 86400) s = s * 10 + (c - 48);
      }
      return (s > 86400 ? 86400 : s) * 1000;
    }
    return 0;
  }

  /** An array of at most 16 hex strings of 1..32 digits (a report id has 32). */
  function isIdList(a: unknown): boolean {
    if (!Array.isArray(a) || a.length > 16) return false;
    for (let i = 0; i < a.length; i++) {
      const s = a[i];
      if (typeof s !== 'string' || s.length === 0 || s.length > 32) return false;
      for (let j = 0; j < s.length; j++) {
        const c = s.charCodeAt(j);
        if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
      }
    }
    return true;
  }

  /** The acknowledgement, or the Err code of what is wrong with the body. */
  function parseReply(body: string): TransportReply | number {
    let blank = true;
    for (let i = 0; i < body.length && blank; i++) {
      const c = body.charCodeAt(i);
      blank = c === 32 || c === 9 || c === 10 || c === 13;
    }
    if (blank) return Err.UplinkNoAck;
    let v: any;
    try {
      v = JSON.parse(body);
    } catch (e) {
      return Err.UplinkBadReply;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return Err.UplinkBadReply;
    const ack = v.ack;
    const rej = v.rej;
    if (ack === undefined && rej === undefined) return Err.UplinkNoAck;
    if ((ack !== undefined && !isIdList(ack)) || (rej !== undefined && !isIdList(rej))) return Err.UplinkBadReply;
    return { ack: ack || [], rej: rej || [] };
  }

  let fin = false;
  let sync = true;
  let timer = 0;
  let body = '';
  let bytes = 0;
  const finish = (code: number, reply?: TransportReply, retryMs?: number): void => {
    if (fin) return;
    fin = true;
    body = '';
    if (timer) r.timers.cancel(timer);
    timer = 0;
    const ms = retryMs || 0;
    // The contract forbids calling back inside send(): a refused start or a synchronous error waits a tick.
    if (sync) r.timers.after(() => done(code, reply, ms), 0);
    else done(code, reply, ms);
  };
  const ep = parseEndpoint(endpoint);
  if (!ep || (ep.scheme !== 'http' && ep.scheme !== 'https')) {
    // Not an endpoint this transport can reach (the policy validator refuses such a recipient).
    finish(Err.UplinkNetError);
    sync = false;
    return finish;
  }
  const data = asciiJson(payload);
  // No `Connection: close`: Espruino always sends one itself (socketserver.c), a second would repeat it.
  const headers: { [name: string]: string } = {
    // The uplink sends the compact encoding (base64 text); a JSON payload says so.
    'Content-Type': data.charAt(0) === '{' ? 'application/json' : 'text/plain',
    'Content-Length': String(data.length),
  };
  if (r.auth) headers.Authorization = r.auth;
  // Armed before the request: a failure inside request() must find it to cancel.
  timer = r.timers.after(() => {
    timer = 0;
    finish(Err.UplinkTimeout);
  }, r.timeoutMs);
  let req: HttpRequest | undefined;
  try {
    req = r.net.request(
      { host: ep.host, port: ep.port, path: ep.path, method: 'POST', protocol: ep.scheme + ':', headers: headers },
      (res: HttpResponse) => {
        if (fin) return;
        // Espruino 2v29 gives the status as a string ("200").
        const status = Number(res.statusCode);
        const ok = status >= 200 && status < 300;
        res.on('data', (d: string) => {
          if (fin) return;
          bytes += d.length;
          if (bytes > r.maxReply) finish(Err.UplinkReplyTooLarge);
          else if (ok) body += d;
        });
        res.on('error', () => finish(Err.UplinkNetError));
        res.on('close', () => {
          if (fin) return;
          if (!ok) {
            finish(Err.UplinkHttpStatus, undefined, retryAfterMs(res.headers));
            return;
          }
          const reply = parseReply(body);
          if (typeof reply === 'number') finish(reply);
          else finish(Err.None, reply);
        });
      },
    );
    if (req) {
      req.on('error', () => finish(Err.UplinkNetError));
      req.end(data);
    }
  } catch (e) {
    // Network MUST NOT throw; a platform that does still ends in a code.
    req = undefined;
  }
  if (!req) finish(Err.UplinkNetError);
  sync = false;
  return finish;
}
