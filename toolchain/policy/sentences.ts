import { Err } from '../../sdk/model/index';

/**
 * The host side of `validatePolicy`'s result: the device prints a code and a
 * path (strings cost JsVars there); the host expands them into a sentence.
 */

/** What a malformed value at a path ending in this key should have been. */
const MALFORMED: { [key: string]: string } = {
  '': 'a policy must be an object with version, channels, recipients and purposes',
  version: 'version must be an integer of at least 1',
  channels: 'channels must be an object of channel declarations keyed by id',
  recipients: 'recipients must be an object of recipient declarations keyed by id',
  purposes: 'purposes must be an object of purpose declarations keyed by id',
  fields: 'a purpose must list at least one field',
  field: 'a field must be an object with a channel and an aggregate, and no two fields of a purpose may share both',
  bounds: 'histogram bounds are allowed only on a histogram field and must be finite numbers in strictly ascending order',
  threshold: 'a threshold is allowed only on a dutyCycle field and must be a finite number',
  tier: 'the tier must be one of 30min, 1h, 1d and 1mo',
  optInTiers: 'optInTiers must be a list of tiers, each one of 30min, 1h, 1d and 1mo',
  essential: 'essential must be true or false',
  redaction: 'redaction must be an object',
  round: 'the rounding step must be a number greater than 0',
  kMin: 'kMin must be an integer of at least 1',
  pseudonym: 'pseudonym must be true or false',
  releaseDelayH: 'releaseDelayH must be [min, max] in hours with 0 ≤ min ≤ max ≤ 168',
  purpose: 'a purpose must be an object with a recipient, fields and a tier',
};

/** What an invalid channel value at a path ending in this key should have been. */
const BAD_CHANNEL: { [key: string]: string } = {
  channel: 'a channel declaration must be an object with kind, unit, min, max, dataClass and periodMs',
  kind: "a channel's kind must be numeric, event or state",
  dataClass: "a channel's dataClass must be diagnostic, usage, energy or sensitive",
  unit: "a channel's unit must be a string",
  min: "a channel's min must be a finite number",
  max: "a channel's max must be a finite number greater than its min",
  periodMs: "a channel's periodMs must be a positive integer number of milliseconds",
};

/** What an invalid recipient value at a path ending in this key should have been. */
const BAD_RECIPIENT: { [key: string]: string } = {
  recipient: 'a recipient declaration must be an object with an endpoint and a transport',
  endpoint: 'the endpoint must be http(s)://host[:port]/path or mqtt(s)://host[:port]/topic (a host name of letters, digits, dots and hyphens; a port from 1 to 65535; no spaces, # or MQTT wildcards)',
  transport: "the transport must be http, https, mqtt or mqtts, the same as the endpoint's scheme",
};

/** The rule codes, whose sentence does not depend on the path. */
const RULES: { [code: number]: string } = {
  [Err.PolicyUnknownChannel]: 'the field names a channel the policy does not declare',
  [Err.PolicyAggregateKind]: "the aggregate does not fit the channel: its kind cannot compute it, or its data class may not leave the device as it (usage: count, sum, mean, dutyCycle, histogram, eventCount; energy: sum, energy, mean)",
  [Err.PolicyOrderStatistic]: 'min, max and last are raw samples, allowed only on diagnostic channels',
  [Err.PolicySensitive]: 'the field takes a sensitive channel, and sensitive data never leaves the device',
  [Err.PolicyTierBelowFloor]: 'the tier is finer than a data class in the purpose allows (diagnostic: 1h; usage: 1d; energy: 1d, or 30min as an opt-in tier)',
  [Err.PolicyEssentialNotDiagnostic]: 'only a purpose whose every field is diagnostic may be essential',
  [Err.PolicyUnknownRecipient]: 'the purpose names a recipient the policy does not declare',
};

/**
 * The key a path ends in: `purposes.x.fields[1].bounds` → `bounds`,
 * `purposes.x.fields[1]` → `field`, `purposes.x` → `purpose`,
 * `channels.x` → `channel`, `recipients.x` → `recipient`.
 */
function lastKey(where: string): string {
  const parts = where.split('.');
  const last = parts[parts.length - 1];
  if (last.indexOf('[') >= 0) return last.indexOf('fields[') === 0 ? 'field' : last.substring(0, last.indexOf('['));
  if (parts.length === 2) return { purposes: 'purpose', channels: 'channel', recipients: 'recipient' }[parts[0]] || last;
  return last;
}

/** The detail for `err` at `where`, or undefined for a code that is not a policy code. */
function detail(err: number, where: string): string | undefined {
  const key = lastKey(where);
  if (err === Err.PolicyMalformed) return MALFORMED[key] || MALFORMED[''];
  if (err === Err.PolicyBadChannel) return BAD_CHANNEL[key] || BAD_CHANNEL.channel;
  if (err === Err.PolicyBadRecipient) return BAD_RECIPIENT[key] || BAD_RECIPIENT.recipient;
  return RULES[err];
}

/**
 * One English sentence for a `validatePolicy` result, e.g.
 * `policyErrorSentence(33, 'purposes.billing.fields[0].aggregate')` →
 * "The policy is invalid at purposes.billing.fields[0].aggregate (code 33): min, max and last are raw samples, allowed only on diagnostic channels."
 * Every policy code (30–39) has a sentence; `Err.None` says the policy is valid.
 */
export function policyErrorSentence(err: number, where: string): string {
  if (err === Err.None) return 'The policy is valid.';
  const d = detail(err, where);
  if (d === undefined) return `The policy check returned code ${err}, which is not a policy error code (30–39).`;
  return `The policy is invalid at ${where || 'its top level'} (code ${err}): ${d}.`;
}

/** The policy codes, for tests that every one has a sentence. */
export const POLICY_ERROR_CODES: number[] = [
  Err.PolicyMalformed, Err.PolicyUnknownChannel, Err.PolicyAggregateKind, Err.PolicyOrderStatistic, Err.PolicySensitive,
  Err.PolicyTierBelowFloor, Err.PolicyEssentialNotDiagnostic, Err.PolicyUnknownRecipient, Err.PolicyBadChannel, Err.PolicyBadRecipient,
];
