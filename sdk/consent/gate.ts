import { Err } from '../model/index';
import type { EgressGate, GateStage, Policy, Report } from '../model/index';
import type { Clock } from '../platform/index';
import { gateCheck } from './gate-rules';
import type { GateSelf } from './gate-rules';
import type { ConsentState } from './consent-state';

/** What the gate asks about consent; the consent ledger implements it. */
export interface ConsentLookup {
  /** Live, stale or none for (recipient, purpose, tier); essential purposes are live at their tier. */
  state(recipient: string, purpose: string, tier: string): ConsentState;
}

/** Counts per result code: `[Err.None]` passed, `[Err.GateNoConsent]` refused for no consent, and so on. */
export interface GateCounters {
  [code: number]: number;
}

/** Called for every refused report, e.g. to write the transparency log. MUST NOT throw (it is caught). */
export type GateBlockedCallback = (report: Report, code: number, stage: GateStage) => void;

export interface EgressGateOptions {
  policy: Policy;
  ledger: ConsentLookup;
  /** Shared counters to add to. @default a new object */
  counters?: GateCounters;
  /**
   * When given, a report whose window has not closed yet, or any report while
   * the clock is unsynced, is refused (GateUnalignedWindow): nothing about an
   * open window may leave. @default no clock check
   */
  clock?: Clock;
  onBlocked?: GateBlockedCallback;
}

/** The consent stage's egress gate: the EgressGate with its counters. Call `check` as a method (it reads the gate through `this`). */
export interface ConsentEgressGate extends EgressGate {
  readonly counters: GateCounters;
}

/**
 * Create the egress gate (PRIVACY.md req 8, 9, 10, 11, 2): fail-closed, it
 * passes a report only when its recipient is declared, its purpose is
 * declared for that recipient, the endpoint is the recipient's declared one,
 * the tier is the purpose's (or an opt-in tier) and no finer than the class
 * floor, the consent for (recipient, purpose, tier) is live (or the purpose
 * essential), the window is one aligned window of the tier, the envelope
 * holds only declared keys and every field is a declared, allowed aggregate
 * with a finite value. The same checks run at queue and at send time, so a
 * withdrawal in between stops the upload. Never throws: anything it cannot
 * read is refused with GateBadValue.
 */
export function createEgressGate(options: EgressGateOptions): ConsentEgressGate {
  // No closure: `check` is one shared function reading the gate through `this` (ESPRUINO.md §3).
  const gate: ConsentEgressGate & GateSelf = { counters: options.counters || {}, check: gateCheck, o: options };
  return gate;
}
