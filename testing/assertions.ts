import type { Policy, Tier } from '../sdk/model/index';
import type { EgressRecord } from '../simulator/run';
import type { ScenarioRun } from './scenario';

/** A failed privacy check: names the report and what it broke. */
export class PrivacyAssertionError extends Error {
  constructor(message: string, readonly record?: EgressRecord) {
    super(message);
    this.name = 'PrivacyAssertionError';
  }
}

const TIER_ORDER: Tier[] = ['30min', '1h', '1d', '1mo'];
const TIER_MS: { [t: string]: number } = { '30min': 1800000, '1h': 3600000, '1d': 86400000 };
const ORDER_STATS = ['min', 'max', 'last'];

const describe = (u: EgressRecord): string => `${u.recipient}/${u.purpose} ${u.tier} window ${new Date(u.windowStart).toISOString()} (${u.id})`;
const fail = (msg: string, u?: EgressRecord): never => { throw new PrivacyAssertionError(msg, u); };

function fieldsOf(u: EgressRecord): { field: string; channel: string; aggregate: string }[] {
  return Object.keys(u.fields).map((field) => {
    const dot = field.lastIndexOf('.');
    return { field, channel: field.slice(0, dot), aggregate: field.slice(dot + 1) };
  });
}

/**
 * No upload carries a raw sample of `channel`: every field over it is an
 * aggregate over a whole aligned window holding at least kMin accepted raw
 * samples, order statistics appear only on diagnostic channels, and a mean is
 * the mean of the raw input in that window (to within the policy's rounding).
 */
export function noRawValues(run: ScenarioRun, channel: string): void {
  const decl = run.policy.channels[channel];
  if (!decl) fail(`channel ${channel} is not declared by the policy`);
  const raw = run.samples[channel] || [];
  for (const u of run.uploads) {
    for (const f of fieldsOf(u).filter((x) => x.channel === channel)) {
      if (decl.dataClass !== 'diagnostic' && ORDER_STATS.includes(f.aggregate)) fail(`${describe(u)}: ${f.field} is an order statistic (a raw sample) of a ${decl.dataClass} channel`, u);
      if (!isAligned(u)) fail(`${describe(u)}: window is not aligned to its tier`, u);
      const purpose = run.policy.purposes[u.purpose];
      const kMin = purpose?.redaction?.kMin ?? 5;
      const inWindow = raw.filter(([t]) => t >= u.windowStart && t < u.windowStart + u.windowMs);
      const n = decl.kind === 'event' ? inWindow.filter(([, v]) => v > 0).length : inWindow.length;
      if (n < kMin) fail(`${describe(u)}: ${f.field} covers ${n} raw samples, fewer than kMin ${kMin}`, u);
      if (f.aggregate === 'mean' && inWindow.length > 0) {
        const mean = inWindow.reduce((a, [, v]) => a + v, 0) / inWindow.length;
        const tol = (purpose?.redaction?.round ?? 0) / 2 + 0.011;
        if (Math.abs(mean - (u.fields[f.field] as number)) > tol) fail(`${describe(u)}: ${f.field}=${u.fields[f.field]} is not the window mean ${mean.toFixed(3)} of the raw input`, u);
      }
    }
  }
}

/** Every upload of `purpose` uses windows of at least `tier`, aligned to that tier. */
export function windowsAtLeast(run: ScenarioRun, purpose: string, tier: Tier): void {
  const min = TIER_ORDER.indexOf(tier);
  for (const u of run.uploads.filter((x) => x.purpose === purpose)) {
    if (TIER_ORDER.indexOf(u.tier as Tier) < min) fail(`${describe(u)}: tier ${u.tier} is finer than ${tier}`, u);
    if (!isAligned(u)) fail(`${describe(u)}: window is not aligned to its tier`, u);
  }
}

/** Nothing left for a non-essential purpose without a consent granted before it left. */
export function nothingWithoutConsent(run: ScenarioRun): void {
  for (const u of run.uploads) {
    const p = run.policy.purposes[u.purpose];
    if (p && p.essential) continue;
    if (!liveAt(run, u)) fail(`${describe(u)}: left at ${new Date(u.at).toISOString()} with no live consent`, u);
  }
}

/** Every upload names a declared recipient, its declared endpoint, and only the purpose's declared fields. */
export function fieldsWithinPolicy(run: ScenarioRun): void {
  const policy: Policy = run.policy;
  for (const u of run.uploads) {
    const p = policy.purposes[u.purpose];
    if (!p) fail(`${describe(u)}: purpose ${u.purpose} is not declared`, u);
    if (p.recipient !== u.recipient) fail(`${describe(u)}: purpose ${u.purpose} belongs to ${p.recipient}`, u);
    const r = policy.recipients[u.recipient];
    if (!r || r.endpoint !== u.endpoint) fail(`${describe(u)}: endpoint ${u.endpoint} is not the declared ${r ? r.endpoint : '(none)'}`, u);
    const declared = p.fields.map((f) => `${f.channel}.${f.aggregate}`);
    for (const f of Object.keys(u.fields)) if (!declared.includes(f)) fail(`${describe(u)}: field ${f} is not declared by ${u.purpose}`, u);
  }
}

/** After each withdrawal (or erase), nothing more of that purpose left the device. */
export function nothingAfterWithdrawal(run: ScenarioRun): void {
  for (const c of run.changes.filter((x) => x.action === 'withdraw' || x.action === 'erase')) {
    const regranted = run.changes.find((g) => g.action === 'grant' && g.at > c.at && (c.action === 'erase' || (g.recipient === c.recipient && g.purpose === c.purpose)));
    for (const u of run.uploads) {
      if (run.policy.purposes[u.purpose]?.essential) continue;
      const same = c.action === 'erase' || (u.recipient === c.recipient && u.purpose === c.purpose);
      if (same && u.at > c.at && (!regranted || u.at < regranted.at)) fail(`${describe(u)}: left at ${new Date(u.at).toISOString()}, after the ${c.action} at ${new Date(c.at).toISOString()}`, u);
    }
  }
}

function liveAt(run: ScenarioRun, u: EgressRecord): boolean {
  let live = false;
  for (const c of run.changes) {
    if (c.at > u.at) break;
    if (c.action === 'erase') live = false;
    else if (c.recipient === u.recipient && c.purpose === u.purpose && (c.action === 'withdraw' || c.tier === u.tier)) live = c.action === 'grant';
  }
  return live;
}

function isAligned(u: EgressRecord): boolean {
  const monthStart = (ms: number): boolean => {
    const d = new Date(ms);
    return d.getUTCDate() === 1 && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && ms % 1000 === 0;
  };
  const monthLength = (ms: number): number => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - ms;
  };
  if (u.tier === '1mo') return monthStart(u.windowStart) && u.windowMs === monthLength(u.windowStart);
  const ms = TIER_MS[u.tier];
  if (!ms) return false;
  if (u.windowMs === ms) return u.windowStart % ms === 0;
  // A report the outbox coarsened during an outage: one UTC day, or one calendar month, never finer than its tier.
  if (u.windowMs === 86400000 && ms < 86400000) return u.windowStart % 86400000 === 0;
  return monthStart(u.windowStart) && u.windowMs === monthLength(u.windowStart);
}
