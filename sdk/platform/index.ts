/**
 * The platform the SDK runs on, as interfaces only. `sdk/platform/espruino`
 * implements them over Espruino's globals; tests implement them with fakes.
 * No stage touches a global: the firmware entry injects a Platform.
 */

/** Wall-clock time. */
export interface Clock {
  /**
   * Milliseconds since the Unix epoch, UTC; an integer. Before the clock is
   * set (SNTP or a collector's time) it counts from boot near 1970.
   */
  now(): number;
  /** MUST return true only once the clock has been set from a trusted source. */
  isSynced(): boolean;
}

/** Timers on the platform's event loop. Callbacks MUST NOT run re-entrantly. */
export interface Timers {
  /**
   * Call `cb` every `ms` milliseconds; returns an id for `cancel`. The
   * argument order is `setInterval`'s, so Espruino's own function serves.
   */
  every(cb: () => void, ms: number): number;
  /** Call `cb` once after `ms` milliseconds (`setTimeout`'s argument order); returns an id for `cancel`. */
  after(cb: () => void, ms: number): number;
  /** Cancel a timer; cancelling an unknown or finished id is a no-op. */
  cancel(id: number): void;
}

/** An ADC input. */
export interface AnalogInput {
  /** Reading as a fraction of full scale, 0..1. MAY be NaN on a read fault. */
  read(): number;
}

/**
 * A digital input with an edge interrupt. Its methods MUST NOT depend on
 * `this`: drivers pass them on as their own (`state: input.read`), which
 * saves a wrapping closure per method on the device.
 */
export interface EdgeInput {
  /** Current level. */
  read(): boolean;
  /**
   * Call `cb` on every debounced edge with the new level and the edge time in
   * ms since the epoch. Only one watcher per input.
   */
  watch(cb: (level: boolean, timeMs: number) => void): void;
  /** Stop watching; idempotent. */
  close(): void;
}

/** Espruino's flat key-value Storage, seen through the SDK's safety rules. */
export interface FileStore {
  /** Whole file as a binary string, or undefined when absent. */
  read(name: string): string | undefined;
  /** Part of a file, or undefined when absent or past its end. */
  readRange(name: string, offset: number, length: number): string | undefined;
  /**
   * Write a whole file. MUST return false (never throw) when the name would
   * be truncated, the data is empty or the store refuses it.
   */
  write(name: string, data: string): boolean;
  /** Remove a file; absent files are a no-op. */
  erase(name: string): void;
  /** Names starting with `prefix`. */
  list(prefix: string): string[];
  /** Free bytes, not counting trash. */
  free(): number;
  /**
   * Append `data` to the append-only file `name` (Espruino: a StorageFile,
   * `open(name, 'a')`), creating it when absent. Optional: stores without it
   * get whole-file rewrites from their callers. Append-only files are read
   * with `readAppended` and removed with `eraseAppended`, never with
   * `read`/`erase` (on Espruino they are chunk files `name + chr(n)`).
   * MUST return false (never throw) when the name is over 27 characters, the
   * data is empty or holds byte 0xFF (a StorageFile reads it as end of file),
   * or the store refuses it.
   */
  append?(name: string, data: string): boolean;
  /** Whole contents of an append-only file, or undefined when absent. Present whenever `append` is. */
  readAppended?(name: string): string | undefined;
  /** Remove an append-only file; absent files are a no-op. Present whenever `append` is. */
  eraseAppended?(name: string): void;
  /**
   * Reclaim trash: erased and replaced files linger in flash until this runs
   * (ESPRUINO.md §5), so purges and erases call it to make the bytes
   * physically gone. Slow (moves every file); MUST NOT throw.
   */
  compact?(): void;
  /**
   * Write `data` into file `name` at byte `offset` without rewriting the file
   * (Espruino: `Storage.write(name, data, offset, size)`). With `offset` 0 a
   * new file of `size` bytes is created (replacing any old one) holding
   * `data` at its start and erased bytes (0xFF) after it; later calls fill
   * erased bytes. Flash programming only clears bits: writing over bytes
   * that are not 0xFF ANDs them, which is how one-byte status marks work.
   * Optional. MUST return false (never throw) on an unsafe name, empty data,
   * a size below the data, or a range past the file's end.
   */
  writeAt?(name: string, data: string, offset: number, size: number): boolean;
}

/**
 * A byte stream to a host: Espruino's `net.Socket` (and `tls`'s). Events:
 * `data` (a binary string), `close` (once, always last, also after errors),
 * `error` (an object or code; `close` follows).
 */
export interface Socket {
  write(data: string): void;
  /** Close; idempotent. `close` fires afterwards. */
  end(): void;
  on(event: 'data', cb: (data: string) => void): void;
  on(event: 'close', cb: () => void): void;
  on(event: 'error', cb: (err: unknown) => void): void;
}

/** What `Network.request` takes (Espruino's `http.request` options). */
export interface HttpRequestOptions {
  host: string;
  port: number;
  path: string;
  method: string;
  /** `http:` or `https:`. */
  protocol: string;
  /** Espruino sends no Content-Length by itself: callers MUST set it. */
  headers: { [name: string]: string };
}

/** A response as Espruino's `httpCRs`: status and headers first, then `data` events, then `close`. */
export interface HttpResponse {
  /** The status code (Espruino gives it as a number or a numeric string). */
  statusCode: number | string;
  /** Header names as the server sent them. */
  headers: { [name: string]: string };
  on(event: 'data', cb: (data: string) => void): void;
  on(event: 'close', cb: () => void): void;
  on(event: 'error', cb: (err: unknown) => void): void;
}

/** The request half (Espruino's `httpCRq`). */
export interface HttpRequest {
  /** Send the body and finish the request. */
  end(body?: string): void;
  on(event: 'error', cb: (err: unknown) => void): void;
  on(event: 'close', cb: () => void): void;
}

/** TCP, TLS and HTTP(S) clients: Espruino's `net`, `tls` and `http` modules. */
export interface Network {
  /**
   * Open a connection (TLS when `secure`); `onConnect` fires once it is up.
   * Failures arrive as the socket's `error` then `close`. MUST NOT throw:
   * returns undefined when no socket could be made.
   */
  connect(host: string, port: number, secure: boolean, onConnect: () => void): Socket | undefined;
  /** An HTTP(S) request; undefined when it could not be started. MUST NOT throw. */
  request(o: HttpRequestOptions, onResponse: (res: HttpResponse) => void): HttpRequest | undefined;
}

/**
 * The station radio: Espruino's `Wifi` module on ESP32. Its `connect` gives
 * up after two retries and then emits `disconnected`, so the caller owns
 * reconnecting (ESPRUINO.md §5).
 */
export interface WifiRadio {
  /** Start joining; `cb` reports only an immediate (authentication) error, or null. */
  connect(ssid: string, password: string, cb: (err: unknown) => void): void;
  on(event: 'connected', cb: () => void): void;
  on(event: 'disconnected', cb: () => void): void;
  /** Signal strength in dBm, NaN when unknown (a noise source for the generator). */
  rssi(): number;
  /** Leave the network (an owner erase forgets it). MUST NOT throw. */
  disconnect(): void;
}

/** Where the device prints lines for its owner (the console). */
export interface Console {
  print(line: string): void;
}

/** Hashing from the platform (Espruino's `crypto` module: SHA-256, no HMAC). */
export interface Hash {
  /** SHA-256 of a binary string (one char per byte), as a 32-char binary string. */
  sha256(data: string): string;
}

/**
 * Everything the SDK needs from the device, and nothing more: the platform
 * lives as long as the firmware, so each member costs JsVars on the device
 * for good (about 5 for a method, ESPRUINO.md §3). Add a member when a stage
 * needs it, not before.
 */
export interface Platform {
  clock: Clock;
  timers: Timers;
  store: FileStore;
  console: Console;
  /** An ADC input on a named pin, e.g. `D34`. */
  analog(pin: string): AnalogInput;
  /**
   * A digital input on a named pin, optionally with the internal pull-up on;
   * edges closer than `debounceMs` (contact bounce) are filtered out.
   */
  edge(pin: string, pullup: boolean, debounceMs: number): EdgeInput;
  hash: Hash;
  /**
   * Noise for seeding secrets: a binary string mixing whatever varies between
   * devices and boots (timer jitter, ADC noise, the hardware RNG). Not
   * uniformly random by itself: callers MUST hash it.
   */
  entropy(): string;
  /** TCP/TLS/HTTP clients; absent on a board without a network stack. */
  net?: Network;
  /** The Wi-Fi station; absent on boards without Wi-Fi (the Linux build). */
  wifi?: WifiRadio;
}
