import { Err, GateStage, TIER_MS } from '../../sdk/model/index';
import type { Policy, Report, Tier } from '../../sdk/model/index';
import { ConsentState, createEgressGate, isAlignedWindow } from '../../sdk/consent/index';
import { TIER_ORDER, tierRank } from '../../sdk/policy/index';

/** Keys a wire report may carry (sdk/uplink/codec.ts); anything else could smuggle data. */
const ENVELOPE_KEYS = ['i', 'r', 'p', 't', 'ws', 'wm', 'f', 'c', 'ps'];

/** True for a 128-bit report id as the device writes it: 32 lower-case hex digits. */
export function isReportId(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-f]{32}$/.test(id);
}

/**
 * Checks wire reports against a firmware's policy, on the host and strictly:
 * the device's own egress gate rules (sdk/consent, with every consent taken
 * as live: the collector cannot see the owner's grants) plus what only the
 * receiving side can check: the endpoint the report came through, the wire
 * envelope, the id format, coarsened windows and histogram signs.
 */
export interface PolicyCheck {
  /**
   * Err.None when `o` (a parsed JSON object) may be stored for `recipient`,
   * the recipient whose endpoint it arrived at; otherwise the gate code of
   * the first broken rule. Never throws.
   */
  check(recipient: string, o: { [k: string]: unknown }): number;
}

/** Create the check for `policy`. */
export function createPolicyCheck(policy: Policy): PolicyCheck {
  const gate = createEgressGate({ policy, ledger: { state: () => ConsentState.Live } });
  return {
    check(recipient, o) {
      try {
        return checkWire(policy, gate, recipient, o);
      } catch (e) {
        return Err.GateBadValue;
      }
    },
  };
}

function checkWire(policy: Policy, gate: { check(r: Report, e: string, s: GateStage): number }, recipient: string, o: { [k: string]: unknown }): number {
  for (const k of Object.keys(o)) if (ENVELOPE_KEYS.indexOf(k) < 0) return Err.GateUndeclaredField;
  if (!isReportId(o.i)) return Err.GateBadValue;
  if (typeof o.r !== 'string' || !Object.prototype.hasOwnProperty.call(policy.recipients, o.r)) return Err.GateUnknownRecipient;
  // The report must name the recipient whose endpoint it was sent to.
  if (o.r !== recipient) return Err.GateEndpointMismatch;
  if (typeof o.ws !== 'number' || typeof o.wm !== 'number' || typeof o.t !== 'string') return Err.GateBadValue;
  const report: Report = {
    id: o.i, recipient: o.r, purpose: o.p as string, tier: o.t as Tier,
    windowStart: o.ws, windowMs: tierWindowAt(o.t, o.ws, o.wm),
    fields: o.f as Report['fields'], coveragePermille: o.c as number,
  };
  if (o.ps !== undefined) report.pseudonym = o.ps as string;
  const code = gate.check(report, policy.recipients[recipient].endpoint, GateStage.Send);
  if (code) return code;
  if (!isWindowNotFinerThan(o.t, o.ws, o.wm)) return Err.GateUnalignedWindow;
  return histogramsNonNegative(o.f as Report['fields']) ? Err.None : Err.GateBadValue;
}

/**
 * The tier's own window length at `ws`, for the gate, which knows only exact
 * tier windows: a coarsened report (checked separately by
 * isWindowNotFinerThan) is presented to it as one window of its tier. A day
 * or a month start is also a 30 min / 1 h / 1 d boundary.
 */
function tierWindowAt(tier: string, ws: number, wm: number): number {
  return tier !== '1mo' && TIER_MS.hasOwnProperty(tier) ? TIER_MS[tier] : wm;
}

/**
 * True when [ws, ws + wm) is one UTC-aligned window of `tier` or of a
 * coarser tier: the outbox merges the oldest never-sent reports into coarser
 * windows under pressure (issue 4 §2), keeping their tier, which must never
 * make them finer.
 */
export function isWindowNotFinerThan(tier: string, ws: unknown, wm: unknown): boolean {
  const rank = tierRank(tier);
  if (rank < 0) return false;
  for (let i = rank; i < TIER_ORDER.length; i++) if (isAlignedWindow(TIER_ORDER[i], ws, wm)) return true;
  return false;
}

/** Histogram buckets are counts: the gate checks they are finite, the host also that none is negative. */
function histogramsNonNegative(fields: Report['fields']): boolean {
  for (const k of Object.keys(fields)) {
    const v = fields[k];
    if (Array.isArray(v) && v.some((x) => !(x >= 0))) return false;
  }
  return true;
}
