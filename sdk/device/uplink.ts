import type { Policy, RandomSource } from '../model/index';
import type { Platform } from '../platform/index';
import { createHttpTransport, createMqttTransport } from '../uplink/index';
import type { RecipientCredentials, ReportTransport } from '../uplink/index';

/** Prefix of a recipient's provisioned credentials file, `hb.k.<recipient>` (kept by an owner erase). */
export const CREDENTIALS_PREFIX = 'hb.k.';

/**
 * One transport per recipient, chosen by the policy's declared transport
 * (`http`/`https` → HTTP POST, `mqtt`/`mqtts` → the MQTT 3.1.1 client), with
 * the credentials provisioned into Storage `hb.k.<recipient>` as JSON
 * (`{"t":token}` for HTTP, `{"u":user,"p":password}` for MQTT): never
 * compiled into the bundle (PRIVACY.md req 15). A board without a network
 * stack gets `fallback` for every recipient (the console, which the
 * simulator records). A corrupt credentials file is treated as absent: the
 * recipient's server then refuses, which the sender counts and retries.
 */
export function createTransports(p: Platform, policy: Policy, random: RandomSource, fallback: ReportTransport): { [recipient: string]: ReportTransport } {
  const out: { [recipient: string]: ReportTransport } = {};
  const ids = Object.keys(policy.recipients);
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i];
    const net = p.net;
    if (!net) {
      out[r] = fallback;
      continue;
    }
    let credentials: RecipientCredentials | undefined;
    const raw = p.store.read(CREDENTIALS_PREFIX + r);
    if (raw !== undefined) {
      try {
        const c = JSON.parse(raw);
        if (c && typeof c === 'object') credentials = c;
      } catch (e) {
        // Corrupt: as if absent.
      }
    }
    const kind = policy.recipients[r].transport;
    out[r] = kind === 'mqtt' || kind === 'mqtts'
      ? createMqttTransport({ net, timers: p.timers, random, credentials })
      : createHttpTransport({ net, timers: p.timers, credentials });
  }
  return out;
}
