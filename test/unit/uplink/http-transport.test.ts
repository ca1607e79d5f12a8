import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { Err } from '../../../sdk/model';
import type { HttpRequest, HttpRequestOptions, HttpResponse, Network, Timers } from '../../../sdk/platform';
import { createHttpTransport } from '../../../sdk/uplink/http-transport';
import type { HttpTransportOptions } from '../../../sdk/uplink/http-transport';
import type { ReportTransport, TransportReply } from '../../../sdk/uplink/transport';
import { VirtualClock } from '../../../simulator/clock/virtual-clock';
import { compileEntry } from '../../../toolchain/build';
import { loadBoard, ROOT } from '../../../toolchain/boards';
import { runOnEspruino } from '../../../toolchain/interpreter';

const ID = '0123456789abcdef0123456789abcdef';
const PAYLOAD = '{"i":"' + ID + '","r":"maker","p":"diagnostics","t":"1d","ws":0,"wm":86400000,"f":{"x.mean":1},"c":1000}';

/** Node's timers behind the Timers interface, counting the live ones. */
class RealTimers implements Timers {
  private live = new Map<number, NodeJS.Timeout>();
  private nextId = 1;
  every(cb: () => void, ms: number): number {
    const id = this.nextId++;
    this.live.set(id, setInterval(cb, ms));
    return id;
  }
  after(cb: () => void, ms: number): number {
    const id = this.nextId++;
    this.live.set(id, setTimeout(() => { this.live.delete(id); cb(); }, ms));
    return id;
  }
  cancel(id: number): void {
    const t = this.live.get(id);
    if (t) clearTimeout(t);
    this.live.delete(id);
  }
  get pending(): number { return this.live.size; }
}

/** Virtual timers (no sleeping) for fakes that never touch a socket. */
function virtualTimers(clock: VirtualClock): Timers & { pending(): number } {
  return {
    every: (cb, ms) => clock.schedule(ms, cb, true, 'dev'),
    after: (cb, ms) => clock.schedule(ms, cb, false, 'dev'),
    cancel: (id) => { clock.cancel(id); },
    pending: () => clock.timersOf('dev').length,
  };
}

/**
 * Espruino's http client, emulated over Node's: the status code is a string,
 * header names keep the server's spelling, data arrives as binary strings and
 * the response ends with `close`.
 */
class EspruinoLikeNetwork implements Network {
  sent: HttpRequestOptions[] = [];
  connect(): undefined { return undefined; }
  request(o: HttpRequestOptions, onResponse: (res: HttpResponse) => void): HttpRequest {
    this.sent.push(o);
    assert.equal(o.protocol, 'http:');
    // Espruino writes `Connection: close` into every client request itself (socketserver.c).
    const req = http.request({ host: o.host, port: o.port, path: o.path, method: o.method, headers: { ...o.headers, Connection: 'close' } }, (res) => {
      const headers: { [k: string]: string } = {};
      for (let i = 0; i < res.rawHeaders.length; i += 2) headers[res.rawHeaders[i]] = res.rawHeaders[i + 1];
      res.setEncoding('latin1');
      onResponse({
        statusCode: String(res.statusCode),
        headers,
        on: (event: string, cb: (arg?: any) => void) => {
          if (event === 'data') res.on('data', cb);
          else if (event === 'close') res.on('end', cb);
          else res.on('error', cb);
        },
      } as HttpResponse);
    });
    return {
      end: (body?: string) => { req.end(body); },
      on: (event: string, cb: (arg?: any) => void) => { req.on(event, cb); },
    } as HttpRequest;
  }
}

interface Outcome { code: number; reply: TransportReply | undefined; retryAfterMs: number; calls: number; sync: boolean }

/** Send once; resolves at the first `done`, then checks (one macrotask later) that it was the only one. */
function sendOnce(t: ReportTransport, endpoint: string, payload = PAYLOAD): Promise<Outcome> {
  return new Promise((resolve) => {
    let returned = false;
    const out: Outcome = { code: -1, reply: undefined, retryAfterMs: -1, calls: 0, sync: false };
    t.send(endpoint, payload, (code, reply, retryAfterMs) => {
      out.calls++;
      if (out.calls > 1) return;
      Object.assign(out, { code, reply, retryAfterMs, sync: !returned });
      setTimeout(() => resolve(out), 30);
    });
    returned = true;
  });
}

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

describe('uplink/http-transport against a loopback server', () => {
  let server: http.Server;
  let handler: Handler;
  let base: string;
  let timers: RealTimers;
  let net: EspruinoLikeNetwork;
  const make = (extra: Partial<HttpTransportOptions> = {}): ReportTransport => createHttpTransport({ net, timers, ...extra });

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    timers = new RealTimers();
    net = new EspruinoLikeNetwork();
  });
  afterEach(() => assert.equal(timers.pending, 0, 'no timer left behind'));

  const answer = (status: number, body: string, headers: { [k: string]: string } = {}): Handler => (_req, _body, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
  };

  it('POSTs the payload with its byte length, JSON type and bearer token, and returns the ack', async () => {
    let seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string } = {};
    handler = (req, body, res) => {
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      answer(200, `{"ack":["${ID}"],"rej":[]}`)(req, body, res);
    };
    const out = await sendOnce(make({ credentials: { t: 'tok-123' } }), `${base}/v1/reports`);
    assert.deepEqual({ code: out.code, reply: out.reply, retry: out.retryAfterMs, calls: out.calls, sync: out.sync },
      { code: Err.None, reply: { ack: [ID], rej: [] }, retry: 0, calls: 1, sync: false });
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/v1/reports');
    assert.equal(seen.body, PAYLOAD);
    assert.equal(seen.headers!['content-length'], String(PAYLOAD.length));
    assert.equal(seen.headers!['content-type'], 'application/json');
    assert.equal(seen.headers!.authorization, 'Bearer tok-123');
    assert.equal(seen.headers!.connection, 'close', 'once, from Espruino');
    assert.equal(net.sent[0].headers.Connection, undefined);
  });

  it('sends non-ASCII as JSON escapes, so the byte count is right on Unicode and byte-string builds alike', async () => {
    let seen = { body: '', length: '' };
    handler = (req, body, res) => {
      seen = { body, length: String(req.headers['content-length']) };
      answer(200, `{"ack":["${ID}"]}`)(req, body, res);
    };
    const payload = PAYLOAD.replace('maker', 'mäker€😀\u00e9');
    const out = await sendOnce(make(), `${base}/x`, payload);
    assert.equal(out.code, Err.None);
    assert.deepEqual(JSON.parse(seen.body), JSON.parse(payload), 'the same JSON value');
    assert.match(seen.body, /^[\x20-\x7e]*$/);
    assert.ok(seen.body.includes('m\\u00e4ker\\u20ac\\ud83d\\ude00\\u00e9'), seen.body);
    assert.equal(seen.length, String(Buffer.byteLength(seen.body)));
  });

  it('sends no Authorization header without a token', async () => {
    let auth: string | undefined = 'unset';
    handler = (req, body, res) => { auth = req.headers.authorization; answer(200, `{"ack":["${ID}"]}`)(req, body, res); };
    const out = await sendOnce(make({ credentials: { u: 'user', p: 'pw' } }), `${base}/x`);
    assert.equal(out.code, Err.None);
    assert.equal(auth, undefined);
    assert.deepEqual(out.reply, { ack: [ID], rej: [] });
  });

  it('treats a 2xx without an acknowledgement as no ack (captive portal, proxy)', async () => {
    for (const body of ['', '  \r\n', '{}', '{"ok":true}']) {
      handler = answer(200, body);
      assert.equal((await sendOnce(make(), `${base}/x`)).code, Err.UplinkNoAck, JSON.stringify(body));
    }
    handler = answer(204, '');
    assert.equal((await sendOnce(make(), `${base}/x`)).code, Err.UplinkNoAck);
  });

  it('refuses malformed replies as bad replies', async () => {
    const long = 'a'.repeat(33);
    const many = JSON.stringify(Array.from({ length: 17 }, (_, i) => i.toString(16)));
    const bodies = ['<html>portal</html>', '[1,2]', 'null', '"ack"', '{"ack":"' + ID + '"}', '{"ack":[1]}', '{"ack":["xyz"]}',
      `{"ack":["${long}"]}`, `{"ack":${many}}`, '{"ack":[""]}', `{"ack":["${ID}"],"rej":{}}`, '{"ack":['];
    for (const body of bodies) {
      handler = answer(200, body);
      assert.equal((await sendOnce(make(), `${base}/x`)).code, Err.UplinkBadReply, body);
    }
  });

  it('passes on a refusal for good even without an ack list', async () => {
    handler = answer(200, `{"rej":["${ID}"]}`);
    const out = await sendOnce(make(), `${base}/x`);
    assert.equal(out.code, Err.None);
    assert.deepEqual(out.reply, { ack: [], rej: [ID] });
  });

  it('reports a non-2xx status with Retry-After in ms when it is delta-seconds', async () => {
    const cases: Array<[number, { [k: string]: string }, number]> = [
      [503, { 'Retry-After': '120' }, 120000],
      [429, { 'RETRY-AFTER': ' 7 ' }, 7000],
      [503, { 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 0],
      [503, { 'Retry-After': '12x' }, 0],
      [503, { 'Retry-After': '-5' }, 0],
      [429, { 'Retry-After': '99999999999999999999' }, 86400000],
      [500, {}, 0],
      [404, { 'Retry-After': '30' }, 30000],
    ];
    for (const [status, headers, want] of cases) {
      handler = answer(status, '{"ack":["' + ID + '"]}', headers);
      const out = await sendOnce(make(), `${base}/x`);
      assert.deepEqual([out.code, out.retryAfterMs, out.calls], [Err.UplinkHttpStatus, want, 1], `${status} ${JSON.stringify(headers)}`);
    }
  });

  it('stops at maxReplyBytes with reply too large', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"ack":["' + ID + '"],"pad":"');
      res.end('x'.repeat(5000) + '"}');
    };
    const out = await sendOnce(make({ maxReplyBytes: 256 }), `${base}/x`);
    assert.deepEqual([out.code, out.calls], [Err.UplinkReplyTooLarge, 1]);
    handler = answer(200, `{"ack":["${ID}"]}`);
    const exact = `{"ack":["${ID}"]}`.length;
    assert.equal((await sendOnce(make({ maxReplyBytes: exact }), `${base}/x`)).code, Err.None, 'a reply of exactly the limit passes');
    assert.equal((await sendOnce(make({ maxReplyBytes: exact - 1 }), `${base}/x`)).code, Err.UplinkReplyTooLarge, 'one byte over does not');
  });

  it('works from the real interpreter over its own http module (ESPRUINO_BIN)', async function () {
    const bin = process.env.ESPRUINO_BIN;
    if (!bin) { process.stdout.write('      SKIPPED: ESPRUINO_BIN is not set\n'); this.skip(); }
    this.timeout(120000);
    const replies: Array<[number, { [k: string]: string }, string]> = [
      [200, {}, `{"ack":["${ID}"],"rej":[]}`], [503, { 'RETRY-AFTER': '42' }, 'busy'], [200, {}, ''], [200, {}, 'x'.repeat(3000)],
    ];
    const bodies: string[] = [];
    handler = (req, body, res) => {
      bodies.push(`${req.headers['content-length']} ${req.headers.authorization} ${req.headers.connection} ${body}`);
      const [status, headers, text] = replies[bodies.length - 1];
      res.writeHead(status, headers);
      res.end(text);
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-http-'));
    const entry = path.join(dir, 'entry.ts');
    const sdk = path.relative(dir, path.join(ROOT, 'sdk')).split(path.sep).join('/');
    fs.writeFileSync(entry, [
      `import { createEspruinoPlatform } from '${sdk}/platform/espruino/index';`,
      `import { createHttpTransport } from '${sdk}/uplink/http-transport';`,
      'declare function print(s: string): void;',
      'const p = createEspruinoPlatform({ net: true, wifi: true });',
      `const t = createHttpTransport({ net: p.net!, timers: p.timers, credentials: { t: 'tok' }, timeoutMs: 3000 });`,
      'let k = 0;',
      'const go = (): void => {',
      '  if (k++ >= 5) return;',
      `  t.send(k === 5 ? 'http://127.0.0.1:1/x' : '${base}/v1/r', '${PAYLOAD}', (code, reply, ra) => { print('H' + k + ' ' + code + ' ' + (reply ? reply.ack.length : -1) + ' ' + ra); go(); });`,
      '};',
      `print('P ' + (p.wifi ? 'wifi' : 'no-wifi'));`,
      'go();',
    ].join('\n'));
    const b = await compileEntry(entry, loadBoard('espruino-linux'), { root: ROOT, outDir: dir, file: 'http.js' });
    const r = await runOnEspruino({ bin: bin as string, bundle: b.code, seconds: 6 });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(r.lines.filter((l) => /^[HP]/.test(l)), [
      'P no-wifi', // the Linux build has no Wifi module: asked for, not loaded, no crash
      `H1 ${Err.None} 1 0`, `H2 ${Err.UplinkHttpStatus} -1 42000`, `H3 ${Err.UplinkNoAck} -1 0`, `H4 ${Err.UplinkReplyTooLarge} -1 0`, `H5 ${Err.UplinkNetError} -1 0`,
    ]);
    assert.deepEqual(bodies, replies.map(() => `${PAYLOAD.length} Bearer tok close ${PAYLOAD}`));
  });

  it('reports a refused connection and a reset mid-reply as network errors', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = await sendOnce(make(), `http://127.0.0.1:${port}/x`);
    assert.deepEqual([refused.code, refused.calls, refused.sync], [Err.UplinkNetError, 1, false]);

    handler = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"ack":[');
      setTimeout(() => res.socket!.destroy(), 10);
    };
    const reset = await sendOnce(make(), `${base}/x`);
    assert.deepEqual([reset.code, reset.calls], [Err.UplinkNetError, 1]);
  });
});

/** A scriptable stand-in for Espruino's http client. */
class FakeNetwork implements Network {
  mode: 'answer' | 'silent' | 'undefined' | 'throw' | 'sync-error' = 'answer';
  status: number | string = '200';
  chunks: string[] = [];
  sent: Array<{ o: HttpRequestOptions; body?: string }> = [];
  /** The last response's listeners, to fire late events by hand. */
  res: { [event: string]: (arg?: any) => void } = {};
  connect(): undefined { return undefined; }
  request(o: HttpRequestOptions, onResponse: (res: HttpResponse) => void): HttpRequest | undefined {
    if (this.mode === 'throw') throw new Error('out of sockets');
    if (this.mode === 'undefined') return undefined;
    const rec: { o: HttpRequestOptions; body?: string } = { o };
    this.sent.push(rec);
    const reqListeners: { [event: string]: (arg?: any) => void } = {};
    const res = this.res = {} as { [event: string]: (arg?: any) => void };
    const response = {
      statusCode: this.status, headers: {},
      on: (event: string, cb: (arg?: any) => void) => { res[event] = cb; },
    } as HttpResponse;
    return {
      on: (event: string, cb: (arg?: any) => void) => { reqListeners[event] = cb; },
      end: (body?: string) => {
        rec.body = body;
        if (this.mode === 'sync-error') { reqListeners.error({ code: -6, message: 'DNS' }); return; }
        if (this.mode !== 'answer') return;
        onResponse(response);
        for (const c of this.chunks) res.data(c);
        res.close();
      },
    } as HttpRequest;
  }
}

describe('uplink/http-transport contract', () => {
  let clock: VirtualClock;
  let timers: ReturnType<typeof virtualTimers>;
  let net: FakeNetwork;
  beforeEach(() => {
    clock = new VirtualClock();
    timers = virtualTimers(clock);
    net = new FakeNetwork();
  });

  /** Send and run virtual time; returns every `done` call and whether the first came synchronously. */
  function run(t: ReportTransport, endpoint: string, ms = 0): { calls: Array<[number, TransportReply | undefined, number]>; sync: boolean } {
    const calls: Array<[number, TransportReply | undefined, number]> = [];
    let returned = false;
    let sync = false;
    t.send(endpoint, PAYLOAD, (code, reply, retry) => { if (!returned) sync = true; calls.push([code, reply, retry]); });
    returned = true;
    clock.runUntilSync(clock.now() + ms);
    return { calls, sync };
  }

  it('uses https with port 443 by default and the written port otherwise, and a numeric status works', () => {
    net.chunks = [`{"ack":["${ID}"]}`];
    net.status = 200;
    const t = createHttpTransport({ net, timers });
    assert.equal(run(t, 'https://collector.example/v1/r').calls[0][0], Err.None);
    assert.equal(run(t, 'http://collector.example/a').calls[0][0], Err.None);
    assert.equal(run(t, 'https://collector.example:8443/b').calls[0][0], Err.None);
    assert.deepEqual(net.sent.map((s) => [s.o.protocol, s.o.host, s.o.port, s.o.path, s.o.method]), [
      ['https:', 'collector.example', 443, '/v1/r', 'POST'],
      ['http:', 'collector.example', 80, '/a', 'POST'],
      ['https:', 'collector.example', 8443, '/b', 'POST'],
    ]);
    assert.equal(net.sent[0].body, PAYLOAD);
  });

  it('never calls back synchronously, even when the network answers or fails inside send', () => {
    net.chunks = [`{"ack":["${ID}"]}`];
    const t = createHttpTransport({ net, timers });
    for (const mode of ['answer', 'undefined', 'throw', 'sync-error'] as const) {
      net.mode = mode;
      const { calls, sync } = run(t, 'http://h.example/x');
      assert.equal(sync, false, mode);
      assert.equal(calls.length, 1, mode);
      assert.equal(calls[0][0], mode === 'answer' ? Err.None : Err.UplinkNetError, mode);
      assert.equal(timers.pending(), 0, `${mode}: no timer left`);
    }
  });

  it('refuses an endpoint that is not http(s) as a network error', () => {
    const t = createHttpTransport({ net, timers });
    for (const ep of ['mqtt://h.example/t', 'ftp://h.example/x', 'http://h.example', 'garbage']) {
      const { calls, sync } = run(t, ep);
      assert.deepEqual([calls.length, calls[0][0], sync], [1, Err.UplinkNetError, false], ep);
    }
    assert.equal(net.sent.length, 0);
  });

  it('times out after timeoutMs, once, and ignores a late reply', () => {
    net.mode = 'silent';
    const t = createHttpTransport({ net, timers, timeoutMs: 5000 });
    const early = run(t, 'http://h.example/x', 4999);
    assert.equal(early.calls.length, 0);
    clock.runUntilSync(clock.now() + 1);
    assert.deepEqual(early.calls.map((c) => c[0]), [Err.UplinkTimeout]);
    assert.equal(timers.pending(), 0);
  });

  it('ignores events after the timeout and calls back exactly once', () => {
    net.mode = 'silent';
    const t = createHttpTransport({ net, timers, timeoutMs: 100 });
    const calls: number[] = [];
    let respond: (() => void) | undefined;
    const orig = net.request.bind(net);
    net.request = (o, onResponse) => {
      const r = orig(o, onResponse);
      respond = () => {
        const listeners: { [e: string]: (a?: any) => void } = {};
        onResponse({ statusCode: '200', headers: {}, on: (e: string, cb: (a?: any) => void) => { listeners[e] = cb; } } as HttpResponse);
        if (listeners.data) listeners.data(`{"ack":["${ID}"]}`);
        if (listeners.close) listeners.close();
      };
      return r;
    };
    t.send('http://h.example/x', PAYLOAD, (code) => calls.push(code));
    clock.runUntilSync(clock.now() + 100);
    respond!();
    clock.runUntilSync(clock.now() + 1000);
    assert.deepEqual(calls, [Err.UplinkTimeout]);
  });

  it('close() ends the request in flight once, with a network error', () => {
    net.mode = 'silent';
    const t = createHttpTransport({ net, timers });
    const calls: number[] = [];
    t.send('http://h.example/x', PAYLOAD, (code) => calls.push(code));
    t.close!();
    t.close!();
    clock.runUntilSync(clock.now() + 60000);
    assert.deepEqual(calls, [Err.UplinkNetError]);
    assert.equal(timers.pending(), 0);
  });

  it('serves one request after another', () => {
    net.chunks = [`{"ack":["${ID}"]}`];
    const t = createHttpTransport({ net, timers });
    for (let i = 0; i < 5; i++) assert.equal(run(t, 'http://h.example/x').calls[0][0], Err.None);
    assert.equal(net.sent.length, 5);
  });

  it('rejects bad options at construction', () => {
    assert.throws(() => createHttpTransport({ net: undefined as unknown as Network, timers }), /net/);
    assert.throws(() => createHttpTransport({ net, timers: undefined as unknown as Timers }), /timers/);
    assert.throws(() => createHttpTransport({ net, timers, timeoutMs: 0 }), /timeoutMs/);
    assert.throws(() => createHttpTransport({ net, timers, maxReplyBytes: 1.5 }), /maxReplyBytes/);
    assert.throws(() => createHttpTransport({ net, timers, credentials: { t: 'a\r\nX-Evil: 1' } }), /credentials\.t/);
  });
});
