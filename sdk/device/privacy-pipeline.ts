import { Err, GateStage } from '../model/index';
import type { Policy, Report, Tier } from '../model/index';
import type { Platform } from '../platform/index';
import { createPrivacyBuffer, createPseudonym, createRedactionChain } from '../privacy/index';
import type { FieldCounts, Pseudonym, RedactionChain } from '../privacy/index';
import { createConsentLedger, createEgressGate, createTransparencyLog, eraseOwnerData, purgeTrash } from '../consent/index';
import { createOutbox, createSender, encodeReport } from '../uplink/index';
import type { OutboxCounters, ReportTransport, SenderCounters } from '../uplink/index';
import { toHex } from '../util/index';
import { createRandom } from './random';
import { createWifiLink } from './wifi-link';
import { createTransports } from './uplink';
import { validatePolicy } from '../policy/index';
import { keyedNumber, loadOrCreateSecret, SECRET_FILE } from './secret';

export interface PrivacyPipelineOptions {
  platform: Platform;
  policy: Policy;
  /** Channel ids in sampler order (`sample(index, …)`). */
  channels: string[];
  /** The transport of every recipient on a board without a network stack (the console); others get HTTP or MQTT as the policy declares. */
  transport: ReportTransport;
  /** Files an erase must keep (maker configuration, sensor traces). */
  keepOnErase?: (name: string) => boolean;
  /** Checkpoint period of open windows, ms. @default 900000 */
  checkpointEveryMs?: number;
  /** Most Storage bytes the outbox may occupy. @default 16384 */
  outboxBytes?: number;
  /** Transparency log entries kept. @default 200 */
  logCapacity?: number;
}

/** What the owner can do from the console: one call each, symmetric. */
export interface OwnerApi {
  grant(recipient: string, purpose: string, tier?: Tier): number;
  withdraw(recipient: string, purpose: string, tier?: Tier): number;
  /** Print the consents; returns how many. */
  consents(): number;
  /** Print the last `n` transparency log entries; returns how many. */
  log(n?: number): number;
  /** Wipe the owner's data and secrets (PRIVACY.md req 14). */
  erase(): number;
}

export interface PrivacyPipeline {
  /** Offer an accepted sample of channel `index`. */
  sample(index: number, value: number, timeMs: number): void;
  /** Close due windows, checkpoint, send due reports. Call at least every 60 s. */
  tick(): void;
  owner: OwnerApi;
  /** Uplink counters: the outbox's and the sender's. */
  stats(): { outbox: OutboxCounters; sender: SenderCounters };
}

/**
 * Composition root of the data path: privacy buffer → redaction → egress gate
 * (queue) → queue → egress gate (send) → transport, with consent driving what
 * is aggregated and the transparency log recording every upload and refusal.
 * Returns an error code instead of a pipeline when the policy is invalid.
 */
export function createPrivacyPipeline(o: PrivacyPipelineOptions): { err: number; where: string; pipeline?: PrivacyPipeline } {
  let v: { err: number; where: string } | undefined = validatePolicy(o.policy);
  if (v.err !== Err.None) return { err: v.err, where: v.where };
  // The callbacks below keep this whole scope alive (ESPRUINO.md §3): copy out
  // what they use and drop the options and the validation result.
  v = undefined;
  const p = o.platform;
  const policy = o.policy;
  const keepOnErase = o.keepOnErase;
  const print = p.console.print;
  const log = createTransparencyLog({ store: p.store, capacity: o.logCapacity });
  const ledger = createConsentLedger({ policy, store: p.store, hash: p.hash, clock: p.clock });
  const blocked = (r: Report, code: number, stage: GateStage): void => {
    log.blocked(r, code, stage, p.clock.now());
    print('hb:blocked ' + code + ' ' + encodeReport(r));
  };
  const gate = createEgressGate({ policy, ledger, clock: p.clock, onBlocked: blocked });
  let secret = loadOrCreateSecret(p);
  // Report ids and jitter: a generator whose state is persisted before use,
  // because Espruino's Math.random repeats after every boot (ESPRUINO.md §5).
  const random = createRandom({ store: p.store, hash: p.hash, noise: () => p.entropy() + (p.wifi ? '' + p.wifi.rssi() : '') });
  // An id that can never repeat: random from a persisted reservation, else
  // keyed on a label unique to the report (its window, or a merge counter).
  let merges = 0;
  const newId = (label: string): string => (random.ok() ? random.hex(16) : toHex(p.hash.sha256(secret + '|id|' + label)).substr(0, 32));
  const outbox = createOutbox({
    store: p.store,
    budgetBytes: o.outboxBytes,
    newId: () => newId('m|' + p.clock.now() + '|' + merges++),
    // Lineage lines for the host's accounting of every committed report (homebound sim: lost, coarsened).
    onCoarsen: (into: string, ids: string) => { print('hb:m ' + into + ' ' + ids); },
    onDrop: (r: Report) => { print('hb:d ' + r.id); log.blocked(r, Err.OutboxDropped, GateStage.Send, p.clock.now()); },
  });
  const chains: { [key: string]: RedactionChain } = {};
  // One pseudonym (an HMAC closure) for every chain, made only when a purpose
  // declares one; dropped with the secret on erase.
  let pseudonym: Pseudonym | null = null;
  const link = p.wifi ? createWifiLink({ wifi: p.wifi, timers: p.timers, random, store: p.store, onChange: (up: boolean) => { if (up) sender.pump(); } }) : undefined;
  const sender = createSender({
    outbox, gate, transports: createTransports(p, policy, random, o.transport), policy,
    clock: p.clock, random, linkUp: link ? link.isUp : undefined,
    // The log's own method (it ignores `this`): no wrapper closure to keep.
    sent: log.uploaded,
    refused: (r: Report, code: number, t: number) => { log.blocked(r, code, GateStage.Send, t); },
  });

  const onReport = (raw: Report, counts: FieldCounts): void => {
    // Redaction chains are made on first use per purpose and tier.
    const key = raw.purpose + '/' + raw.tier;
    if (!chains[key]) {
      const red = policy.purposes.hasOwnProperty(raw.purpose) ? policy.purposes[raw.purpose].redaction : undefined;
      if (red && red.pseudonym && !pseudonym) pseudonym = createPseudonym({ hash: p.hash, secret: secret }).pseudonym;
      chains[key] = createRedactionChain(policy, raw.purpose, { tier: raw.tier, pseudonym: pseudonym || undefined }).chain;
    }
    const r = chains[key].apply(raw, counts);
    if (!r) return;
    const label = r.purpose + '|' + r.tier + '|' + r.windowStart;
    r.id = newId(label);
    const endpoint = policy.recipients.hasOwnProperty(r.recipient) ? policy.recipients[r.recipient].endpoint : '';
    if (gate.check(r, endpoint, GateStage.Queue) !== Err.None) return;
    const delay = policy.purposes[r.purpose].redaction ? policy.purposes[r.purpose].redaction!.releaseDelayH : undefined;
    let releaseAt = p.clock.now();
    if (delay) releaseAt += (delay[0] + (keyedNumber(p.hash, secret, 'delay|' + label) % 1000) / 1000 * (delay[1] - delay[0])) * 3600000;
    // Committed to flash before it may be sent; `hb:q` lets the host account for every committed report.
    const code = outbox.put(r, releaseAt);
    if (code !== Err.OutboxAlreadyHeld) print(code === Err.None ? 'hb:q ' + r.id + ' ' + r.recipient + '/' + r.purpose + ' ' + r.windowStart : 'hb:error code=' + code + ' id=' + r.id);
  };

  const buffer = createPrivacyBuffer({ policy, channels: o.channels, store: p.store, onReport, checkpointEveryMs: o.checkpointEveryMs });
  (o as PrivacyPipelineOptions | undefined) = undefined;
  activateLive(policy, ledger, buffer);
  ledger.onChange((recipient, purpose, tier, live) => {
    if (live) { buffer.activate(purpose, tier); return; }
    // Withdrawal: stop collecting, drop RAM windows and queued reports, and
    // compact so no erased copy lingers in Storage (PRIVACY.md req 3, 4, 7).
    buffer.deactivate(purpose, tier, true);
    outbox.purge(recipient, purpose);
    delete chains[purpose + '/' + tier];
    purgeTrash(p.store);
  });

  const owner: OwnerApi = {
    // The confirmation line is written out in each (code in Storage is free; a shared helper is a function kept alive).
    grant: (r, pu, t) => {
      const code = ledger.grant(r, pu, t);
      print('hb:consent grant ' + r + '/' + pu + ':' + (t || (policy.purposes.hasOwnProperty(pu) ? policy.purposes[pu].tier : '')) + (code === Err.None ? ' ok' : ' error ' + code));
      return code;
    },
    withdraw: (r, pu, t) => {
      const code = ledger.withdraw(r, pu, t);
      print('hb:consent withdraw ' + r + '/' + pu + ':' + (t || (policy.purposes.hasOwnProperty(pu) ? policy.purposes[pu].tier : '')) + (code === Err.None ? ' ok' : ' error ' + code));
      return code;
    },
    consents: () => {
      const list = ledger.list();
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        print('hb:consent ' + c.recipient + '/' + c.purpose + ':' + c.tier + (c.stale ? ' stale' : ' live') + ' digest=' + c.digest.substr(0, 16));
      }
      return list.length;
    },
    log: (n) => {
      const all = log.read();
      const from = Math.max(0, all.length - (n || 20));
      for (let i = from; i < all.length; i++) print(log.format(all[i]));
      return all.length - from;
    },
    erase: () => {
      // Withdraw every consent first so its windows, queued reports and trash go the usual way.
      const list = ledger.list();
      for (let i = 0; i < list.length; i++) ledger.withdraw(list[i].recipient, list[i].purpose);
      const purposes = Object.keys(policy.purposes);
      for (let i = 0; i < purposes.length; i++) {
        const d = policy.purposes[purposes[i]];
        const tiers = [d.tier].concat(d.optInTiers || []);
        for (let k = 0; k < tiers.length; k++) buffer.deactivate(purposes[i], tiers[k], true);
      }
      outbox.clear();
      if (link) link.forget();
      const code = eraseOwnerData(p.store, keepOnErase);
      // Factory privacy state: no consents, a new secret, only essential purposes collect.
      for (const k in chains) delete chains[k];
      pseudonym = null;
      secret = loadOrCreateSecret(p);
      activateLive(policy, ledger, buffer);
      print(code === Err.None ? 'hb:erase ok' : 'hb:erase error ' + code);
      return code;
    },
  };

  return {
    err: Err.None,
    where: '',
    pipeline: {
      sample: (i, value, t) => buffer.add(i, value, t, p.clock.isSynced()),
      tick: () => {
        const now = p.clock.now();
        buffer.tick(now, p.clock.isSynced());
        sender.pump();
      },
      owner,
      stats: () => ({ outbox: outbox.counters(), sender: sender.counters() }),
    },
  };
}

/** Activate every essential purpose and every live consent. */
function activateLive(policy: Policy, ledger: { isLive(r: string, p: string, t: string): boolean }, buffer: { activate(p: string, t: Tier): boolean }): void {
  const ids = Object.keys(policy.purposes);
  for (let i = 0; i < ids.length; i++) {
    const d = policy.purposes[ids[i]];
    const tiers = [d.tier].concat(d.optInTiers || []);
    for (let k = 0; k < tiers.length; k++) {
      if ((d.essential && tiers[k] === d.tier) || ledger.isLive(d.recipient, ids[i], tiers[k])) buffer.activate(ids[i], tiers[k]);
    }
  }
}

export { SECRET_FILE };
