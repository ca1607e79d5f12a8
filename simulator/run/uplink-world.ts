import * as crypto from 'crypto';
import type { Policy } from '../../sdk/model/index';
import { encodeCompact } from '../../sdk/uplink/index';
import type { RecipientCredentials } from '../../sdk/uplink/index';
import type { Report, Tier } from '../../sdk/model/index';
import type { VirtualClock } from '../clock';
import { startCollector } from '../collector';
import type { Collector, CollectorStats, HostileOptions, StoredReport } from '../collector';
import { WorldNetwork } from '../network';
import type { WorldNetworkStats } from '../network';
import type { PrintedLine } from '../device/sim-device';
import type { EgressRecord } from './egress';

const DAY_MS = 86400000;

/** The network side of a simulated world: what `sim --outage/--hostile-server` set. */
export interface NetworkPlan {
  /** Link outages, in days since the start, `[fromDay, toDay)`. */
  outages?: { fromDay: number; toDay: number }[];
  /** The link flaps (down half of every period) between these days. */
  flapping?: { fromDay: number; toDay: number; periodMs: number }[];
  /** The collector answers this fraction of reports badly (garbage, 200 without ack, resets, oversized, 503, slow). */
  hostile?: HostileOptions;
  /** Restart the MQTT broker every this many virtual hours (all clients dropped). */
  brokerRestartEveryH?: number;
  /** Write Wi-Fi and recipient credentials into Storage before the first boot, as a maker's provisioning does. @default true */
  provision?: boolean;
  /** Directory of the collector's JSON-lines store (reports per recipient). @default memory only */
  collectorDir?: string;
}

/** The world's network and collector for one simulation. */
export interface UplinkWorld {
  network: WorldNetwork;
  collector: Collector;
  /** Provisioning files to write into Storage before the first boot. */
  files: { [name: string]: string };
  close(): Promise<void>;
}

/** Wi-Fi of the simulated home. */
const SSID = 'homebound-sim';

/**
 * Start the collector (HTTP + embedded aedes on loopback), route every
 * endpoint of the policy to it through the world's DNS, provision
 * credentials (random per run: never in the bundle), and schedule the plan's
 * outages, flapping and broker restarts on virtual time.
 */
export async function startUplinkWorld(policy: Policy, clock: VirtualClock, start: number, plan: NetworkPlan, seed: number): Promise<UplinkWorld> {
  const secret = (label: string): string => crypto.createHash('sha256').update(`${seed}|${label}`).digest('hex').slice(0, 24);
  const credentials: { [recipient: string]: RecipientCredentials } = {};
  const files: { [name: string]: string } = {};
  const wifiPassword = secret('wifi');
  for (const r of Object.keys(policy.recipients)) {
    const kind = policy.recipients[r].transport;
    credentials[r] = kind === 'mqtt' || kind === 'mqtts' ? { u: `${r}-device`, p: secret(`mqtt|${r}`) } : { t: secret(`http|${r}`) };
  }
  if (plan.provision !== false) {
    files['hb.wifi'] = JSON.stringify({ s: SSID, p: wifiPassword });
    for (const r of Object.keys(credentials)) files[`hb.k.${r}`] = JSON.stringify(credentials[r]);
  }
  const collector = await startCollector({ policy, credentials, now: () => clock.now(), hostile: plan.hostile, seed, dir: plan.collectorDir });
  const network = new WorldNetwork({ clock, hosts: collector.hosts(), seed, accessPoint: { ssid: SSID, password: wifiPassword }, busy: () => collector.busy() });
  for (const o of plan.outages || []) network.scheduleOutage(start + o.fromDay * DAY_MS, start + o.toDay * DAY_MS);
  for (const f of plan.flapping || []) network.scheduleFlapping(start + f.fromDay * DAY_MS, start + f.toDay * DAY_MS, f.periodMs);
  if (plan.brokerRestartEveryH && plan.brokerRestartEveryH > 0) {
    // The restart runs on the real event loop; holding virtual time keeps it at one instant.
    clock.schedule(plan.brokerRestartEveryH * 3600000, () => {
      const release = clock.hold();
      collector.restartBroker().then(release, release);
    }, true, 'world');
  }
  return {
    network, collector, files,
    close: async () => {
      network.close();
      await collector.close();
    },
  };
}

/** The collector's stored reports as `sim --json` lists uploads. */
export function storedAsEgress(stored: StoredReport[], policy: Policy): EgressRecord[] {
  return stored.map((s) => {
    const { receivedAt, ...wire } = s;
    const rec: EgressRecord = {
      id: s.i, recipient: s.r, purpose: s.p, tier: s.t, windowStart: s.ws, windowMs: s.wm, fields: s.f,
      // As the device sent it: the compact encoding of the same report.
      bytes: (encodeCompact(wireToReport(wire), policy) || JSON.stringify(wire)).length,
      endpoint: policy.recipients[s.r] ? policy.recipients[s.r].endpoint : '', coveragePermille: s.c, at: receivedAt,
    };
    if (s.ps !== undefined) rec.pseudonym = s.ps;
    return rec;
  });
}

function wireToReport(w: Omit<StoredReport, 'receivedAt'>): Report {
  const r: Report = { id: w.i, recipient: w.r, purpose: w.p, tier: w.t as Tier, windowStart: w.ws, windowMs: w.wm, fields: w.f, coveragePermille: w.c };
  if (w.ps !== undefined) r.pseudonym = w.ps;
  return r;
}

/** Where every report the device committed ended up, from its console lines and the collector. */
export interface DeliveryAccount {
  /** Reports the device committed to its outbox (`hb:q`). */
  committed: number;
  /** Of those, stored by the collector (directly, or merged into a stored report). */
  delivered: number;
  /** Still in the outbox at the end (directly or merged). */
  pending: number;
  /** Merged into coarser reports (`hb:m`). */
  coarsened: number;
  /** Dropped as the last resort, counted and logged (`hb:d`). */
  dropped: number;
  /** Purged with a withdrawn consent or an erase, or blocked by the gate at send time. */
  purged: number;
  /** Committed and none of the above: silently lost. MUST be 0. */
  lost: number;
  /** Ids of the lost reports (at most 20). */
  lostIds: string[];
}

/**
 * Account for every committed report: delivered, pending in the outbox,
 * merged (then following its merged report), dropped (counted), purged, or
 * lost. `pendingIds` are the live outbox ids at the end (read from the flash image).
 */
export function accountDeliveries(printed: PrintedLine[], stored: StoredReport[], pendingIds: Set<string>): DeliveryAccount {
  const committed: { id: string; rp: string; t: number }[] = [];
  const into = new Map<string, string>();
  const dropped = new Set<string>();
  const blocked = new Set<string>();
  const withdrawals: { rp: string; t: number }[] = [];
  const erases: number[] = [];
  for (const l of printed) {
    const w = l.text.split(' ');
    if (w[0] === 'hb:q' && w.length >= 3) committed.push({ id: w[1], rp: w[2], t: l.t });
    else if (w[0] === 'hb:m' && w.length >= 3) for (const id of w[2].split(',')) into.set(id, w[1]);
    else if (w[0] === 'hb:d') dropped.add(w[1]);
    else if (w[0] === 'hb:blocked') {
      const m = /"i":"([0-9a-f]+)"/.exec(l.text);
      if (m) blocked.add(m[1]);
    } else if (w[0] === 'hb:consent' && w[1] === 'withdraw' && w[w.length - 1] === 'ok') withdrawals.push({ rp: w[2].split(':')[0], t: l.t });
    else if (l.text === 'hb:erase ok') erases.push(l.t);
  }
  const storedIds = new Set(stored.map((s) => s.i));
  const acc: DeliveryAccount = { committed: committed.length, delivered: 0, pending: 0, coarsened: 0, dropped: 0, purged: 0, lost: 0, lostIds: [] };
  for (const c of committed) {
    let id = c.id;
    let merged = false;
    for (let hops = 0; hops < 64; hops++) {
      if (storedIds.has(id) || pendingIds.has(id) || dropped.has(id) || blocked.has(id)) break;
      const next = into.get(id);
      if (!next) break;
      id = next;
      merged = true;
    }
    if (merged) acc.coarsened++;
    if (storedIds.has(id)) acc.delivered++;
    else if (pendingIds.has(id)) acc.pending++;
    else if (dropped.has(id)) acc.dropped++;
    else if (blocked.has(id) || withdrawals.some((w) => w.rp === c.rp && w.t >= c.t) || erases.some((t) => t >= c.t)) acc.purged++;
    else {
      acc.lost++;
      if (acc.lostIds.length < 20) acc.lostIds.push(c.id);
    }
  }
  return acc;
}

export type { CollectorStats, WorldNetworkStats };
