import type { Policy } from '../../sdk/model/index';
import type { RecipientCredentials } from '../../sdk/uplink/index';

/**
 * How a hostile server misbehaves (issue 4 §7). Each is a reply a real
 * network can produce: a captive portal, a proxy, an overloaded or broken
 * collector.
 * - `garbage`: 200 with random bytes or an HTML portal page (MQTT: random bytes on the ack topic).
 * - `no-ack`: 200 `{"ok":true}` without the id (MQTT: PUBACK and no ack message);
 *   seeded, half the time after storing the report, so the device's retry must be deduplicated.
 * - `empty-200`: 200 with an empty body (MQTT: an empty ack message).
 * - `reset`: the connection is destroyed; seeded, half the time mid-request before
 *   anything is stored (MQTT: before the PUBACK), half the time after storing.
 * - `oversized`: 200 with ~64 KB of JSON-looking text that acknowledges nothing.
 * - `wrong-id`: 200 `{"ack":["<another id>"]}`.
 * - `status-503`: 503 with `Retry-After: 120` (MQTT: like `no-ack`, before storing).
 * - `slow`: waits `slowMs` (real time) and then answers properly.
 */
export type HostileMode = 'garbage' | 'no-ack' | 'empty-200' | 'reset' | 'oversized' | 'wrong-id' | 'status-503' | 'slow';

/** Every hostile mode, in a fixed order (the seeded choice indexes it). */
export const HOSTILE_MODES: readonly HostileMode[] = ['garbage', 'no-ack', 'empty-200', 'reset', 'oversized', 'wrong-id', 'status-503', 'slow'];

export interface HostileOptions {
  /** Fraction of reports answered badly, 0..1 (seeded, deterministic for a given order of arrivals). */
  rate: number;
  /** Modes to choose from, uniformly. @default every mode in HOSTILE_MODES */
  modes?: HostileMode[];
  /** Delay of `slow` answers, in real milliseconds. @default 1500 */
  slowMs?: number;
}

/** An external MQTT broker (e.g. Mosquitto) the collector joins as a client instead of embedding aedes. */
export interface ExternalBrokerOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

export interface CollectorOptions {
  /** The firmware's policy: recipients, their endpoints and what each purpose may carry. */
  policy: Policy;
  /**
   * Per-recipient credentials. When given, every recipient must present its own:
   * HTTP `Authorization: Bearer <t>` (else 401), MQTT user name `u` and password
   * `p` (else CONNACK 4, or 5 without a user name). @default no authentication
   */
  credentials?: { [recipient: string]: RecipientCredentials };
  /**
   * Directory of the JSON-lines store, `<dir>/<recipient>.jsonl`. When given,
   * ids stored by an earlier collector are reloaded, so deduplication holds
   * across restarts. @default memory only
   */
  dir?: string;
  /** Time written as `receivedAt`, ms since the epoch (the simulator's virtual clock). @default Date.now */
  now?: () => number;
  /** Answer some reports badly. @default none */
  hostile?: HostileOptions;
  /** Seed of the hostile choices and of the garbage they send. @default 1 */
  seed?: number;
  /** MQTT front end. @default an embedded aedes broker on 127.0.0.1, a free port */
  mqtt?: { external?: ExternalBrokerOptions };
  /** Largest HTTP body accepted, bytes (larger: 413). @default 8192 */
  maxBodyBytes?: number;
}

/** A report on the wire (sdk/uplink/codec.ts `encodeReport`). */
export interface WireReport {
  i: string;
  r: string;
  p: string;
  t: string;
  ws: number;
  wm: number;
  f: { [field: string]: number | number[] };
  c: number;
  ps?: string;
}

/** One stored report: the accepted JSON object, key for key, plus when it arrived. */
export interface StoredReport extends WireReport {
  /** `now()` when it was stored, ms since the epoch. */
  receivedAt: number;
}

export interface CollectorStats {
  /**
   * Report payloads read in full after authentication and routing (parsed or
   * not, answered properly or not; a `reset` mid-request is not read).
   */
  received: number;
  /** Reports newly stored. */
  stored: number;
  /** Reports whose id was already stored: acknowledged again, not stored twice. */
  duplicatesDropped: number;
  /**
   * Duplicates whose content differs from the stored report with that id: a
   * repeated id that made a different report look like a duplicate (silent
   * loss on the device's side). Should stay 0.
   */
  idCollisions: number;
  /** Reports refused by the policy check (answered with `rej`). */
  rejected: number;
  /** Refusals by reason: Err gate code (sdk/model/errors.ts, 62..69) → count. */
  rejectedByCode: { [code: number]: number };
  /** Bodies that were not one report's JSON object with a string id (HTTP 400; MQTT: no answer). */
  malformed: number;
  /** HTTP 401s, refused MQTT CONNECTs, and publishes or subscriptions to a topic the client may not use. */
  unauthorized: number;
  /** Answers given by the hostile mode (each counted once). */
  hostileReplies: number;
  /** Hostile answers by mode. */
  hostileByMode: { [mode: string]: number };
  /** Payload bytes of those, per recipient (HTTP bodies, MQTT PUBLISH payloads). */
  bytesReceived: { [recipient: string]: number };
  /** Times `restartBroker` ran. */
  brokerRestarts: number;
}

/** A running collector. Nothing throws after start; `close()` is idempotent. */
export interface Collector {
  /** Port of the HTTP front end on 127.0.0.1. */
  readonly httpPort: number;
  /** Port of the embedded MQTT broker on 127.0.0.1 (external mode: the external broker's). */
  readonly mqttPort: number;
  /**
   * The DNS the simulator uses: each recipient endpoint's host (lower case:
   * look names up case-insensitively) → the port on 127.0.0.1 that serves it (http/https → httpPort, mqtt/mqtts → mqttPort;
   * TLS is emulated as plain TCP).
   */
  hosts(): { [host: string]: number };
  /** Stored reports in arrival order (reloaded ones first), of one recipient or all. Copies. */
  stored(recipient?: string): StoredReport[];
  /** A snapshot of the counters. */
  stats(): CollectorStats;
  /**
   * Close the broker's listener and every MQTT connection, then listen again
   * on the same port (clients must reconnect and subscribe again: CleanSession).
   * Rejects in external mode.
   */
  restartBroker(): Promise<void>;
  /**
   * True while a report is between arrival and its answer (an MQTT ack still
   * travelling through the broker): the simulator holds virtual time on it.
   */
  busy(): boolean;
  /** Change (or with no argument, end) the hostile mode; the seeded sequence continues. */
  setHostile(h?: HostileOptions): void;
  /** Stop both front ends and every timer; nothing keeps the process alive afterwards. */
  close(): Promise<void>;
}
