/**
 * Device error and rejection codes. Small integers cost one JsVar where a
 * string costs several, and `Error` subclasses break `instanceof` once
 * downlevelled, so the device reports codes and the host (simulator, CLI)
 * expands them into sentences (simulator/errors.ts).
 */
export const enum Err {
  None = 0,
  /** A sample was NaN or ±Infinity. */
  SampleNotFinite = 1,
  /** A sample was outside the channel's declared range. */
  SampleOutOfRange = 2,
  /** A sample was not a number (or not a boolean for an event channel). */
  SampleWrongType = 3,
  /** Samples arrived faster than the channel's declared rate. */
  SampleTooFast = 4,
  /** A Storage name would be truncated by Espruino (over 28 characters, 27 for a StorageFile). */
  StorageNameTooLong = 10,
  /** Storage refused a write (full, or an Espruino error). */
  StorageWriteFailed = 11,
  /** A sensor trace file is missing or has a malformed line. */
  TraceMalformed = 12,
  /** An option had an invalid value at construction. */
  BadOption = 20,
  /** A board wiring entry the firmware needs is missing or of the wrong kind. */
  BadWiring = 21,

  // Policy (checked at start; policies can be loaded from Storage and cast).
  /** The policy is not an object or has no channels/recipients/purposes. */
  PolicyMalformed = 30,
  /** A purpose names a channel the policy does not declare. */
  PolicyUnknownChannel = 31,
  /** An aggregate does not fit the channel's kind. */
  PolicyAggregateKind = 32,
  /** min/max/last on a channel that is not diagnostic. */
  PolicyOrderStatistic = 33,
  /** A sensitive channel appears in a purpose. */
  PolicySensitive = 34,
  /** A tier finer than the data class's floor. */
  PolicyTierBelowFloor = 35,
  /** `essential` on a purpose with non-diagnostic data. */
  PolicyEssentialNotDiagnostic = 36,
  /** A purpose names a recipient the policy does not declare. */
  PolicyUnknownRecipient = 37,
  /** A channel declaration is invalid (range, period, class or kind). */
  PolicyBadChannel = 38,
  /** A recipient declaration is invalid (endpoint or transport). */
  PolicyBadRecipient = 39,

  // Consent.
  /** grant/withdraw named a recipient the policy does not declare. */
  ConsentUnknownRecipient = 50,
  /** grant/withdraw named a purpose the policy does not declare (or of another recipient). */
  ConsentUnknownPurpose = 51,
  /** grant named a tier the purpose does not offer. */
  ConsentUnknownTier = 52,
  /** The consent store could not be written; the change did not take effect. */
  ConsentStoreFailed = 53,
  /** Essential purposes cannot be granted or withdrawn. */
  ConsentEssential = 54,

  // Egress gate refusals.
  GateNoConsent = 60,
  GateStaleConsent = 61,
  GateUnknownRecipient = 62,
  GateEndpointMismatch = 63,
  GateUndeclaredField = 64,
  GateTierBelowFloor = 65,
  GateUnalignedWindow = 66,
  GateAggregateNotAllowed = 67,
  GateUnknownPurpose = 68,
  GateBadValue = 69,

  // Uplink: why a send did not end in an acknowledgement (counted, then retried with backoff).
  /** A 2xx (or PUBACK) without the recipient's acknowledgement of the report id: a captive portal, a proxy, an empty body. */
  UplinkNoAck = 70,
  /** The server answered with a non-2xx status. */
  UplinkHttpStatus = 71,
  /** No reply within the transport's timeout. */
  UplinkTimeout = 72,
  /** The connection failed or was reset. */
  UplinkNetError = 73,
  /** The reply could not be parsed. */
  UplinkBadReply = 74,
  /** The reply was larger than the transport accepts. */
  UplinkReplyTooLarge = 75,
  /** The recipient refused the report for good (it does not match its policy). */
  UplinkRejected = 76,
  /** No network link (Wi-Fi down or no network stack). */
  UplinkNoLink = 77,
  /** The MQTT broker refused the connection (CONNACK return code != 0). */
  MqttConnectRefused = 78,
  /** The broker broke the MQTT protocol (unexpected or malformed packet). */
  MqttProtocol = 79,
  /** No credentials are provisioned for the recipient (`hb.k.<recipient>`). */
  UplinkNoCredentials = 80,

  // Outbox.
  /** A stored record failed its CRC or was torn: skipped, never sent. */
  OutboxCorrupt = 85,
  /** The outbox was over its budget with nothing left to coarsen: the oldest report was dropped. */
  OutboxDropped = 86,
  /** Storage refused an outbox write: the report was not committed. */
  OutboxWriteFailed = 87,
  /** A report of the same window is already committed (replayed from a checkpoint after a power cut): not committed twice. */
  OutboxAlreadyHeld = 88,
}
