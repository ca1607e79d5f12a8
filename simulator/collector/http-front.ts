import * as http from 'http';
import type { AddressInfo } from 'net';
import type { RecipientCredentials } from '../../sdk/uplink/index';
import type { HostileChoice, Hostility } from './hostile';
import { replyFor } from './ingest';
import type { Ingest } from './ingest';
import type { Routes } from './routes';

/** The HTTP front end: `POST <endpoint path>` with one report JSON, answered with the ack JSON. */
export interface HttpFront {
  readonly port: number;
  close(): Promise<void>;
}

export interface HttpFrontOptions {
  routes: Routes;
  ingest: Ingest;
  hostility: Hostility;
  credentials?: { [recipient: string]: RecipientCredentials };
  maxBodyBytes: number;
}

/** Start the HTTP front end on 127.0.0.1, a free port. */
export async function startHttpFront(o: HttpFrontOptions): Promise<HttpFront> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => handle(o, timers, req, res));
  // A device that goes away mid-request is normal here; never let a socket error reach the process.
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      if (!closing) {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        closing = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
      }
      return closing;
    },
  };
}

function handle(o: HttpFrontOptions, timers: Set<NodeJS.Timeout>, req: http.IncomingMessage, res: http.ServerResponse): void {
  req.on('error', () => undefined);
  res.on('error', () => undefined);
  const url = req.url || '';
  const q = url.indexOf('?');
  const route = o.routes.http(q < 0 ? url : url.substring(0, q), req.headers.host);
  if (!route) return reply(res, 404, '{"error":"no recipient at this endpoint"}');
  if (req.method !== 'POST') return reply(res, 405, '{"error":"POST only"}', { Allow: 'POST' });
  if (!authorized(o.credentials, route.recipient, req.headers.authorization)) {
    o.ingest.unauthorized();
    return reply(res, 401, '{"error":"bad credentials"}', { 'WWW-Authenticate': 'Bearer' });
  }
  const declared = Number(req.headers['content-length']);
  if (declared > o.maxBodyBytes) return reply(res, 413, '{"error":"body too large"}');
  const choice = o.hostility.pick();
  if (choice && choice.mode === 'reset' && !choice.afterStore) {
    // Mid-request: the body may still be on its way.
    o.ingest.hostile('reset');
    req.socket.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > o.maxBodyBytes) tooLarge = true;
    else chunks.push(c);
  });
  req.on('end', () => {
    if (tooLarge) return reply(res, 413, '{"error":"body too large"}');
    o.ingest.received(route.recipient, size);
    const body = Buffer.concat(chunks).toString('utf8');
    if (choice && choice.mode === 'slow') {
      o.ingest.hostile('slow');
      const t = setTimeout(() => {
        timers.delete(t);
        answer(o, route.recipient, body, res);
      }, o.hostility.slowMs());
      timers.add(t);
      return;
    }
    if (choice) return misbehave(o, choice, route.recipient, body, req, res);
    answer(o, route.recipient, body, res);
  });
}

/** The proper answer: ingest, then the ack JSON (or 400 for a body that is not a report). */
function answer(o: HttpFrontOptions, recipient: string, body: string, res: http.ServerResponse): void {
  const out = o.ingest.ingest(recipient, body);
  if (out.kind === 'malformed') return reply(res, 400, '{"error":"not a report"}');
  reply(res, 200, replyFor(out));
}

/** A hostile answer instead of the proper one (after storing, for `reset` and `no-ack` when so chosen). */
function misbehave(o: HttpFrontOptions, c: HostileChoice, recipient: string, body: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  o.ingest.hostile(c.mode);
  if (c.afterStore) o.ingest.ingest(recipient, body);
  const id = idOf(body);
  switch (c.mode) {
    case 'reset':
      req.socket.destroy();
      return;
    case 'no-ack':
      return reply(res, 200, '{"ok":true}');
    case 'empty-200':
      return reply(res, 200, '');
    case 'garbage':
      return reply(res, 200, o.hostility.garbage(), { 'Content-Type': 'text/html' });
    case 'oversized':
      return reply(res, 200, o.hostility.oversized());
    case 'wrong-id':
      return reply(res, 200, JSON.stringify({ ack: [o.hostility.otherId(id)] }));
    case 'status-503':
      return reply(res, 503, '{"error":"busy"}', { 'Retry-After': '120' });
    default:
      return answer(o, recipient, body, res);
  }
}

/** The id of a report body, or '' (only to make sure a wrong id differs from it). */
function idOf(body: string): string {
  try {
    const o = JSON.parse(body);
    return o && typeof o.i === 'string' ? o.i : '';
  } catch (e) {
    return '';
  }
}

/** With credentials configured, the recipient's bearer token must be presented. */
function authorized(credentials: HttpFrontOptions['credentials'], recipient: string, header: string | undefined): boolean {
  if (!credentials) return true;
  const c = credentials[recipient];
  return !!c && typeof c.t === 'string' && header === 'Bearer ' + c.t;
}

/**
 * Send a complete reply with an explicit Content-Length, and close the
 * connection: the device's client (Espruino's http) reads to the end of the
 * connection and opens one per report.
 */
function reply(res: http.ServerResponse, status: number, body: string | Buffer, headers: { [h: string]: string } = {}): void {
  if (res.writableEnded || res.destroyed) return;
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(b.length), Connection: 'close', ...headers });
  res.end(b);
}
