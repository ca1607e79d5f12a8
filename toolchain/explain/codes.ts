import { Err } from '../../sdk/model/errors';

/**
 * The host side of the device's numeric codes (sdk/model/errors.ts): one
 * sentence each. The device prints `code=<n>`; the CLI and the simulator
 * print this.
 */
const SENTENCES: { [code: number]: string } = {
  [Err.None]: 'no error',
  [Err.SampleNotFinite]: 'a sample was NaN or infinite and was rejected',
  [Err.SampleOutOfRange]: "a sample was outside its channel's declared range and was rejected",
  [Err.SampleWrongType]: 'a sample had the wrong type and was rejected',
  [Err.SampleTooFast]: "samples arrived faster than the channel's declared rate and the burst was rejected",
  [Err.StorageNameTooLong]: 'a Storage name would be truncated by Espruino (over 28 characters, 27 for a StorageFile)',
  [Err.StorageWriteFailed]: 'Storage refused a write (full, or an Espruino error)',
  [Err.TraceMalformed]: 'the sensor trace file is missing or has a malformed line',
  [Err.BadOption]: 'an option had an invalid value',
  [Err.BadWiring]: "the board's wiring lacks a sensor the firmware needs, or wires it as the wrong kind",
  [Err.PolicyMalformed]: 'the policy is not an object with version, channels, recipients and purposes',
  [Err.PolicyUnknownChannel]: 'a purpose names a channel the policy does not declare',
  [Err.PolicyAggregateKind]: "an aggregate does not fit its channel's kind",
  [Err.PolicyOrderStatistic]: 'an order statistic (min, max or last) is asked of a channel that is not diagnostic',
  [Err.PolicySensitive]: 'a purpose takes a sensitive channel, which never leaves the device',
  [Err.PolicyTierBelowFloor]: "a purpose's tier is finer than its data class allows",
  [Err.PolicyEssentialNotDiagnostic]: 'a purpose is marked essential but carries usage or energy data',
  [Err.PolicyUnknownRecipient]: 'a purpose names a recipient the policy does not declare',
  [Err.PolicyBadChannel]: 'a channel declaration is invalid (range, period, class or kind)',
  [Err.PolicyBadRecipient]: 'a recipient declaration is invalid (endpoint or transport)',
  [Err.ConsentUnknownRecipient]: 'no such recipient in the policy',
  [Err.ConsentUnknownPurpose]: 'no such purpose for that recipient in the policy',
  [Err.ConsentUnknownTier]: 'the purpose does not offer that tier',
  [Err.ConsentStoreFailed]: 'the consent could not be stored; the change did not take effect',
  [Err.ConsentEssential]: 'essential purposes are always on and cannot be granted or withdrawn',
  [Err.GateNoConsent]: 'blocked: no live consent for this recipient, purpose and tier',
  [Err.GateStaleConsent]: 'blocked: the consent is stale (the policy widened the purpose); the owner must grant again',
  [Err.GateUnknownRecipient]: 'blocked: the recipient is not declared',
  [Err.GateEndpointMismatch]: "blocked: the endpoint is not the recipient's declared one",
  [Err.GateUndeclaredField]: 'blocked: the report carries a field the purpose does not declare',
  [Err.GateTierBelowFloor]: 'blocked: the tier is finer than the purpose or its data class allows',
  [Err.GateUnalignedWindow]: 'blocked: the window is not one closed, aligned window of its tier',
  [Err.GateAggregateNotAllowed]: "blocked: an aggregate is not allowed for the channel's data class",
  [Err.GateUnknownPurpose]: 'blocked: the purpose is not declared for that recipient',
  [Err.GateBadValue]: 'blocked: a value is not a finite number',
  [Err.UplinkNoAck]: "not delivered: the server answered without the recipient's acknowledgement (a captive portal, a proxy or an empty body); retrying",
  [Err.UplinkHttpStatus]: 'not delivered: the server answered with an error status; retrying',
  [Err.UplinkTimeout]: 'not delivered: no reply in time; retrying',
  [Err.UplinkNetError]: 'not delivered: the connection failed or was reset; retrying',
  [Err.UplinkBadReply]: 'not delivered: the reply could not be parsed; retrying',
  [Err.UplinkReplyTooLarge]: 'not delivered: the reply was larger than the device accepts; retrying',
  [Err.UplinkRejected]: 'the recipient refused the report for good (it does not match its policy); dropped and logged',
  [Err.UplinkNoLink]: 'not delivered: no network link; retrying when Wi-Fi is back',
  [Err.MqttConnectRefused]: 'the MQTT broker refused the connection (bad credentials or client id); retrying',
  [Err.MqttProtocol]: 'the MQTT broker broke the protocol; reconnecting',
  [Err.UplinkNoCredentials]: 'no credentials are provisioned for the recipient (Storage file hb.k.<recipient>)',
  [Err.OutboxCorrupt]: 'an outbox record failed its CRC or was torn by a power cut: skipped, never sent',
  [Err.OutboxDropped]: 'the outbox was full with nothing left to coarsen: the oldest report was dropped and logged',
  [Err.OutboxWriteFailed]: 'Storage refused an outbox write: the report was not committed',
  [Err.OutboxAlreadyHeld]: 'the same window was already committed (replayed after a power cut): kept once',
};

/** One sentence for a device code, e.g. `61` → "blocked: the consent is stale …". */
export function explainCode(code: number): string {
  return SENTENCES[code] || `unknown code ${code}`;
}

/** Codes without a sentence (a test keeps this empty). */
export function unexplainedCodes(codes: number[]): number[] {
  return codes.filter((c) => !(c in SENTENCES));
}
