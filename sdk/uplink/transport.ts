/**
 * How the uplink moves one report to its recipient. The sender is the only
 * caller, and only with a report that passed the egress gate at send time.
 *
 * Wire contract (README "Wire format"): the payload is the report's compact
 * JSON (`encodeReport`), carrying its 128-bit id `i`. A delivery counts only
 * when the recipient answers with that id in its acknowledgement
 * `{"ack":["<id>",...],"rej":["<id>",...]}`; a bare 2xx or PUBACK is not one.
 */

/** What the recipient answered. */
export interface TransportReply {
  /** Ids the recipient stored (or had already stored: a duplicate is acknowledged again). */
  ack: string[];
  /** Ids the recipient refused for good (they do not match its policy). */
  rej: string[];
}

/**
 * `code` is Err.None with a parsed reply, or an Uplink or Mqtt code (counted
 * by the sender, then retried with backoff). `retryAfterMs` is the server's
 * own wait (HTTP Retry-After, seconds converted to ms), 0 when it gave none.
 */
export type SendCallback = (code: number, reply: TransportReply | undefined, retryAfterMs: number) => void;

/** One recipient's transport. */
export interface ReportTransport {
  /**
   * Send one encoded report to `endpoint` (the recipient's declared one).
   * MUST call `done` exactly once, at the latest after the transport's own
   * timeout, and never synchronously inside `send`. MUST NOT throw. At most
   * one send is in flight per transport: the sender waits for `done`.
   */
  send(endpoint: string, payload: string, done: SendCallback): void;
  /** Drop connections and timers (withdrawal, erase); idempotent. */
  close?(): void;
}

/**
 * Credentials provisioned for a recipient into Storage `hb.k.<recipient>`
 * (JSON). Never compiled into a bundle; kept by an owner erase.
 */
export interface RecipientCredentials {
  /** MQTT user name. */
  u?: string;
  /** MQTT password. */
  p?: string;
  /** HTTP bearer token (`Authorization: Bearer <t>`). */
  t?: string;
}
