/**
 * Espruino 2v29's HTTP client on the wire (libs/network/socketserver.c):
 * the request head it writes before the body and the way it reads a
 * response. The simulator speaks it over a raw loopback socket, so a server
 * sees exactly the bytes a device would send, and a missing Content-Length
 * is as visible as on the device.
 */

/** What the device passed to `http.request` (after the glue read it), as JSON-able data. */
export interface HttpHeadOptions {
  method: string;
  path: string;
  /** The `host` option as the device gave it. */
  host: string;
  /** The `port` option as the device gave it; 0 when absent. */
  port: number;
  /** Header names and values in the order the device set them (values already `String()`ed). */
  headers: [string, string][];
}

/**
 * The head Espruino writes at the first `write`/`end` (clientRequestWrite):
 * request line, its fixed User-Agent and `Connection: close`, the device's
 * headers verbatim, then `Host` unless the device set one (with `:port`
 * when a port other than 80 was given). No Content-Length is ever added.
 */
export function buildRequestHead(o: HttpHeadOptions, version: string): string {
  let s = `${o.method} ${o.path} HTTP/1.1\r\nUser-Agent: Espruino ${version}\r\nConnection: close\r\n`;
  let hasHost = false;
  for (const [k, v] of o.headers) {
    // jsvObjectGetChildI: case-insensitive lookup of "Host".
    if (k.toLowerCase() === 'host') hasHost = true;
    s += `${k}: ${v}\r\n`;
  }
  if (!hasHost) s += o.port > 0 && o.port !== 80 ? `Host: ${o.host}:${o.port}\r\n` : `Host: ${o.host}\r\n`;
  return s + '\r\n';
}

/** True when the device asked for a chunked body (Espruino then chunks every later write). */
export function isChunkedRequest(o: HttpHeadOptions): boolean {
  return o.headers.some(([k, v]) => k.toLowerCase() === 'transfer-encoding' && v === 'chunked');
}

/** A response head as Espruino's `httpCRs` exposes it. */
export interface HttpResponseHead {
  /** A string, e.g. "200" (Espruino 2v29 does not convert it). */
  statusCode: string;
  statusMessage: string;
  httpVersion: string;
  /** Header names as the server sent them; a repeated header keeps its last value. */
  headers: { [name: string]: string };
}

/** What a response parser produced from a chunk of bytes. */
export interface HttpParseStep {
  head?: HttpResponseHead;
  /** Body bytes to deliver as `data` events, in order. */
  data: string[];
  /** The response is complete: Espruino closes the connection now. */
  done: boolean;
}

/**
 * Incremental reader of an HTTP/1.1 response, as Espruino reads it
 * (httpParseHeaders, socketPushReceiveData): the body ends after
 * Content-Length bytes, at the last chunk of a chunked body, or, with
 * neither, right after the head (Espruino 2v29 then closes the connection
 * as soon as the head is in: a body without a length is cut to what came
 * with the head).
 */
export class HttpResponseReader {
  private buf = '';
  private head?: HttpResponseHead;
  private remaining = 0;
  private chunked = false;
  private finished = false;

  /** Feed received bytes (a binary string). */
  push(bytes: string): HttpParseStep {
    const step: HttpParseStep = { data: [], done: false };
    if (this.finished) return step;
    this.buf += bytes;
    if (!this.head) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return step;
      this.head = parseHead(this.buf.slice(0, end));
      step.head = this.head;
      this.buf = this.buf.slice(end + 4);
      const te = findHeader(this.head.headers, 'transfer-encoding');
      if (te !== undefined && te === 'chunked') this.chunked = true;
      else this.remaining = parseInt(findHeader(this.head.headers, 'content-length') || '0', 10) || 0;
      if (!this.chunked && this.remaining <= 0) {
        // No length: what came with the head is all the device will see.
        if (this.buf.length) step.data.push(this.buf);
        this.buf = '';
        this.finished = step.done = true;
        return step;
      }
    }
    if (this.chunked) this.readChunks(step);
    else if (this.buf.length) {
      const take = this.buf.slice(0, this.remaining);
      this.buf = '';
      this.remaining -= take.length;
      if (take.length) step.data.push(take);
      if (this.remaining <= 0) this.finished = step.done = true;
    }
    return step;
  }

  /** The head has been read. */
  get hadHead(): boolean {
    return this.head !== undefined;
  }

  /** The whole response has been read. */
  get complete(): boolean {
    return this.finished;
  }

  private readChunks(step: HttpParseStep): void {
    for (;;) {
      const eol = this.buf.indexOf('\r\n');
      if (eol < 0) return;
      const len = parseInt(this.buf.slice(0, eol), 16);
      if (!(len >= 0)) { this.finished = step.done = true; return; }
      if (len === 0) { this.buf = ''; this.finished = step.done = true; return; }
      if (this.buf.length < eol + 2 + len + 2) return;
      step.data.push(this.buf.slice(eol + 2, eol + 2 + len));
      this.buf = this.buf.slice(eol + 2 + len + 2);
    }
  }
}

function findHeader(h: { [k: string]: string }, lower: string): string | undefined {
  for (const k of Object.keys(h)) if (k.toLowerCase() === lower) return h[k];
  return undefined;
}

/** Status line and headers, split the way httpParseHeaders splits them. */
function parseHead(text: string): HttpResponseHead {
  const lines = text.split('\r\n');
  const first = lines[0];
  const sp1 = first.indexOf(' ');
  const sp2 = sp1 < 0 ? -1 : first.indexOf(' ', sp1 + 1);
  const head: HttpResponseHead = {
    httpVersion: sp1 > 5 ? first.slice(5, sp1) : '',
    statusCode: sp1 < 0 ? '' : first.slice(sp1 + 1, sp2 < 0 ? first.length : sp2),
    statusMessage: sp2 < 0 ? '' : first.slice(sp2 + 1),
    headers: {},
  };
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    head.headers[line.slice(0, colon)] = line.slice(colon + 1).replace(/^[ \t]+/, '');
  }
  return head;
}
