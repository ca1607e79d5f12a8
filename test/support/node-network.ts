/**
 * The platform `Network` (and `Timers`) on Node, for tests that run SDK
 * transports against real servers over loopback: TCP/TLS through `net`/`tls`
 * and HTTP(S) through `http`/`https`, with Node's events mapped onto the
 * Espruino-like interface of sdk/platform:
 * - data arrives as binary strings (one char per byte), writes take them;
 * - a socket emits `error` (Espruino-style `{code, message}`), then `close`
 *   exactly once; `end()` is idempotent and `close` follows it;
 * - `connect`/`request` never throw: they return undefined instead;
 * - response headers keep the case the server sent (`rawHeaders`), and
 *   `statusCode` is a number;
 * - like Espruino, nothing adds a Content-Length: a request with a body and
 *   no Content-Length header fails with an `error` (where a real server
 *   would answer 400), so a transport that forgets it fails here too.
 */
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';
import type { HttpRequest, HttpRequestOptions, HttpResponse, Network, Socket, Timers } from '../../sdk/platform/index';

export interface NodeNetworkOptions {
  /** TLS options for `secure` connections and https (e.g. `ca`, or `rejectUnauthorized: false` as Espruino does not verify). */
  tls?: tls.ConnectionOptions;
}

/** A Network with recorders for leak checks. */
export interface NodeNetwork extends Network {
  /** Sockets opened by `connect` and not yet closed. */
  openSockets(): number;
  /** Every `connect` call, in order. */
  connects: { host: string; port: number; secure: boolean }[];
  /** Destroy every open socket (test teardown). */
  destroyAll(): void;
}

/** An Espruino-style error object from a Node error. */
function netError(e: unknown): { code: number; message: string } {
  const err = e as NodeJS.ErrnoException;
  return { code: err && err.code === 'ETIMEDOUT' ? -3 : err && err.code === 'ENOTFOUND' ? -6 : -9, message: String((err && err.message) || e) };
}

/** Listeners per event; each event fans out to every listener (Espruino keeps them all, as Node does). */
type Listeners = { [event: string]: ((x?: unknown) => void)[] };
function emit(l: Listeners, event: string, x?: unknown): void {
  for (const cb of l[event] || []) cb(x);
}

export function createNodeNetwork(options: NodeNetworkOptions = {}): NodeNetwork {
  const live = new Set<net.Socket>();
  const connects: NodeNetwork['connects'] = [];

  const connect = (host: string, port: number, secure: boolean, onConnect: () => void): Socket | undefined => {
    connects.push({ host, port, secure });
    let s: net.Socket;
    try {
      s = secure
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ...options.tls }, () => onConnect())
        : net.connect({ host, port }, () => onConnect());
    } catch {
      return undefined;
    }
    live.add(s);
    const l: Listeners = {};
    let closed = false;
    s.on('data', (b: Buffer) => emit(l, 'data', b.toString('latin1')));
    s.on('error', (e) => emit(l, 'error', netError(e)));
    s.on('close', () => {
      live.delete(s);
      if (closed) return;
      closed = true;
      emit(l, 'close');
    });
    return {
      write: (d: string) => {
        if (!s.destroyed && s.writable) s.write(Buffer.from(d, 'latin1'));
      },
      // Espruino's end closes the socket: flush what was written, then destroy (Node's end alone only half-closes).
      end: () => {
        if (s.destroyed) return;
        if (s.connecting) return void s.destroy();
        s.end(() => s.destroy());
        setTimeout(() => s.destroy(), 1000).unref();
      },
      on: ((event: string, cb: (x?: unknown) => void) => {
        (l[event] = l[event] || []).push(cb);
      }) as Socket['on'],
    };
  };

  const request = (o: HttpRequestOptions, onResponse: (res: HttpResponse) => void): HttpRequest | undefined => {
    const l: Listeners = {};
    let req: http.ClientRequest;
    try {
      const mod = o.protocol === 'https:' ? https : http;
      req = mod.request({ host: o.host, port: o.port, path: o.path, method: o.method, headers: o.headers, ...(o.protocol === 'https:' ? options.tls : {}) }, (res) => {
        const rl: Listeners = {};
        const headers: { [name: string]: string } = {};
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers[res.rawHeaders[i]] = res.rawHeaders[i + 1];
        let closed = false;
        const close = (): void => {
          if (closed) return;
          closed = true;
          emit(rl, 'close');
        };
        onResponse({
          statusCode: res.statusCode || 0,
          headers,
          on: ((event: string, cb: (x?: unknown) => void) => {
            (rl[event] = rl[event] || []).push(cb);
          }) as HttpResponse['on'],
        });
        // Listen only after the caller attached its own handlers (Espruino delivers data after the callback returns).
        res.on('data', (b: Buffer) => emit(rl, 'data', b.toString('latin1')));
        res.on('end', close);
        res.on('error', (e) => {
          emit(rl, 'error', netError(e));
          close();
        });
        res.on('close', close);
      });
    } catch {
      return undefined;
    }
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      emit(l, 'close');
    };
    req.on('error', (e) => {
      emit(l, 'error', netError(e));
      close();
    });
    req.on('close', close);
    const hasLength = Object.keys(o.headers).some((h) => h.toLowerCase() === 'content-length');
    return {
      end: (body?: string) => {
        if (body && !hasLength) {
          // Espruino sends no Content-Length by itself (ESPRUINO.md §5): refuse rather than let Node add one.
          req.destroy(Object.assign(new Error('no Content-Length header: Espruino does not add one, servers answer 400'), { code: 'ENOLENGTH' }));
          return;
        }
        req.end(body === undefined ? undefined : Buffer.from(body, 'latin1'));
      },
      on: ((event: string, cb: (x?: unknown) => void) => {
        (l[event] = l[event] || []).push(cb);
      }) as HttpRequest['on'],
    };
  };

  return {
    connect,
    request,
    connects,
    openSockets: () => live.size,
    destroyAll: () => {
      for (const s of live) s.destroy();
    },
  };
}

/** Node's timers behind the platform `Timers` (numeric ids, as Espruino's), with a count for leak checks. */
export interface NodeTimers extends Timers {
  /** Timers scheduled and not yet fired or cancelled (intervals count until cancelled). */
  pending(): number;
  /** Cancel everything (test teardown). */
  cancelAll(): void;
}

export function createNodeTimers(): NodeTimers {
  const live = new Map<number, NodeJS.Timeout>();
  let seq = 1;
  const t: NodeTimers = {
    every: (cb, ms) => {
      const id = seq++;
      live.set(id, setInterval(cb, ms));
      return id;
    },
    after: (cb, ms) => {
      const id = seq++;
      live.set(id, setTimeout(() => {
        live.delete(id);
        cb();
      }, ms));
      return id;
    },
    cancel: (id) => {
      const h = live.get(id);
      if (!h) return;
      clearTimeout(h);
      live.delete(id);
    },
    pending: () => live.size,
    cancelAll: () => {
      for (const id of [...live.keys()]) t.cancel(id);
    },
  };
  return t;
}
