import type { RandomSource } from '../model/index';
import type { FileStore, Timers, WifiRadio } from '../platform/index';
import { backoffMs } from '../uplink/index';

/** Options of {@link createWifiLink}. */
export interface WifiLinkOptions {
  wifi: WifiRadio;
  timers: Timers;
  /** Jitter for the reconnect backoff (the persisted generator, never Math.random). */
  random: RandomSource;
  store: FileStore;
  /**
   * Storage file with the credentials as JSON `{"s":ssid,"p":password}`,
   * provisioned onto the device, never compiled into a bundle (PRIVACY.md
   * req 15); owner data, removed by an erase. @default 'hb.wifi'
   */
  file?: string;
  /** First reconnect ceiling, ms. @default 5000 */
  baseMs?: number;
  /** Largest reconnect ceiling, ms. @default 600000 (10 min) */
  maxMs?: number;
  /** How long one join may take before it counts as failed, ms (Espruino's callback reports only auth errors). @default 30000 */
  connectTimeoutMs?: number;
  /** Told when the link goes up (`true`) or down (`false`); not repeated for the same state. */
  onChange?: (up: boolean) => void;
}

/** What the link met since it was created. */
export interface WifiLinkCounters {
  /** Joins started. */
  attempts: number;
  /** Times the link came up. */
  joins: number;
  /** Times an up link went down. */
  drops: number;
  /** Joins that neither connected nor failed within `connectTimeoutMs`. */
  timeouts: number;
  /** Joins the radio refused at once (a wrong password, or a throw). */
  errors: number;
  /** Starts without usable credentials (file absent or corrupt): the link stays down. */
  noCredentials: number;
}

/** The station link. */
export interface WifiLink {
  isUp(): boolean;
  counters(): WifiLinkCounters;
  /** Leave the network and stop joining and reconnecting, for good (an erase; the erase removes the file). Idempotent. */
  forget(): void;
}

/**
 * Keeps the Wi-Fi station joined. Espruino's ESP32 `Wifi.connect` retries
 * at most twice and then emits `disconnected`, and its callback reports only
 * authentication errors (ESPRUINO.md §5), so this owns reconnecting: after
 * a `disconnected`, an immediate error or a join that outlasts
 * `connectTimeoutMs`, it retries after `backoffMs(attempt, baseMs, maxMs,
 * random)` (full jitter; attempt resets when the link comes up). At most
 * one reconnect timer and one join timer exist at any time.
 *
 * Credentials are read from Storage at every join (nothing kept in RAM, and
 * a re-provisioned file is picked up); without them the link stays down
 * and only counts.
 *
 * @throws Error at construction only, naming the bad option
 */
export function createWifiLink(o: WifiLinkOptions): WifiLink {
  const file = o.file === undefined ? 'hb.wifi' : o.file;
  const base = o.baseMs === undefined ? 5000 : o.baseMs;
  const max = o.maxMs === undefined ? 600000 : o.maxMs;
  const joinMs = o.connectTimeoutMs === undefined ? 30000 : o.connectTimeoutMs;
  if (!o.wifi || !o.timers || !o.random || !o.store) throw new Error('wifi link: wifi, timers, random and store are required');
  if (!(base >= 1) || !(max >= base) || !(joinMs >= 1)) throw new Error('wifi link: need 1 <= baseMs <= maxMs and connectTimeoutMs >= 1');
  const t = o.timers;
  const c: WifiLinkCounters = { attempts: 0, joins: 0, drops: 0, timeouts: 0, errors: 0, noCredentials: 0 };
  let up = false;
  let stopped = false;
  let attempt = 0;
  let retryTimer = 0;
  let joinTimer = 0;

  const setUp = (v: boolean): void => {
    if (up === v) return;
    up = v;
    if (v) c.joins++;
    else c.drops++;
    if (o.onChange) o.onChange(v);
  };

  // Each callback below is made once: a closure per join or per timer would
  // also keep that call's temporaries (the password) alive (ESPRUINO.md §3).

  /** The current join failed (or the link dropped): go down and retry later, once. */
  const failed = (): void => {
    if (joinTimer) t.cancel(joinTimer);
    joinTimer = 0;
    setUp(false);
    if (stopped || retryTimer) return;
    const wait = backoffMs(attempt, base, max, o.random.next());
    if (attempt < 30) attempt++;
    retryTimer = t.after(onRetry, wait);
  };
  const onJoinTimeout = (): void => {
    joinTimer = 0;
    c.timeouts++;
    failed();
  };
  const onJoinError = (err: unknown): void => {
    if (!err || stopped) return;
    c.errors++;
    failed();
  };
  const onRetry = (): void => {
    retryTimer = 0;
    join();
  };
  const join = (): void => {
    if (stopped) return;
    const cred = readCredentials(o.store, file);
    if (!cred) {
      c.noCredentials++;
      return;
    }
    c.attempts++;
    if (joinTimer) t.cancel(joinTimer);
    joinTimer = t.after(onJoinTimeout, joinMs);
    try {
      o.wifi.connect(cred.s, cred.p, onJoinError);
    } catch (e) {
      c.errors++;
      failed();
    }
  };

  o.wifi.on('connected', () => {
    if (stopped) return;
    if (joinTimer) t.cancel(joinTimer);
    joinTimer = 0;
    // A join the radio finished on its own while a retry waited: the retry is moot.
    if (retryTimer) t.cancel(retryTimer);
    retryTimer = 0;
    attempt = 0;
    setUp(true);
  });
  // `failed` itself: after forget() it only finds the link down and no retry to schedule.
  o.wifi.on('disconnected', failed);
  join();

  return {
    isUp: () => up,
    counters: () => c,
    forget: () => {
      stopped = true;
      if (retryTimer) t.cancel(retryTimer);
      if (joinTimer) t.cancel(joinTimer);
      retryTimer = 0;
      joinTimer = 0;
      o.wifi.disconnect();
      setUp(false);
    },
  };
}

/**
 * `{s, p}` from the credentials file, or undefined when it is absent or not
 * valid: an SSID of 1..32 characters and a password of at most 64 (802.11
 * and WPA2 limits; an open network has none). Module-level so that its
 * temporaries go as soon as a join has started.
 */
function readCredentials(store: FileStore, file: string): { s: string; p: string } | undefined {
  const raw = store.read(file);
  if (raw === undefined) return undefined;
  let v: any;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return undefined;
  }
  if (!v || typeof v !== 'object' || typeof v.s !== 'string' || v.s.length < 1 || v.s.length > 32) return undefined;
  const p = v.p === undefined ? '' : v.p;
  if (typeof p !== 'string' || p.length > 64) return undefined;
  return { s: v.s, p: p };
}
