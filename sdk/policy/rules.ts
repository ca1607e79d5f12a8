/**
 * The privacy rules of PRIVACY.md as data: one table per rule, read by the
 * compile-time checks (define.ts derives its types from these tables), by
 * the run-time checks (validate.ts, snapshot.ts, compare.ts) and by the
 * egress gate (sdk/consent), so none of them can disagree. `as const
 * satisfies` keeps every entry a literal for the compiler and checks it
 * against sdk/model's names.
 */
import type { Aggregate, ChannelKind, DataClass, Tier } from '../model/index';
import { findText } from '../util/index';

/** Aggregates per channel kind or data class. */
type AggregateTable<K extends string> = { readonly [k in K]: readonly Aggregate[] };
/** Tiers per data class. */
type TierTable = { readonly [c in DataClass]: readonly Tier[] };

/** Tiers from finest to coarsest; a tier's index is its rank (`30min` < `1h` < `1d` < `1mo`). */
export const TIER_ORDER = ['30min', '1h', '1d', '1mo'] as const satisfies readonly Tier[];

/**
 * Aggregates each channel kind can compute. An event channel carries a level
 * at each edge (a door's 0/1) that the privacy buffer holds until the next
 * edge and credits to time-weighted aggregates, so its open share
 * (`dutyCycle`) fits; sums, means and histograms of edge levels do not.
 */
export const KIND_AGGREGATES = {
  numeric: ['count', 'sum', 'mean', 'min', 'max', 'variance', 'last', 'histogram', 'dutyCycle', 'energy'],
  event: ['count', 'eventCount', 'last', 'dutyCycle'],
  state: ['count', 'dutyCycle', 'last', 'histogram'],
} as const satisfies AggregateTable<ChannelKind>;

/**
 * Aggregates each data class may leave as (PRIVACY.md, floors table and
 * requirement 11). `sensitive` never leaves, so it allows none.
 */
export const CLASS_AGGREGATES = {
  diagnostic: ['count', 'sum', 'mean', 'min', 'max', 'variance', 'last', 'histogram', 'dutyCycle', 'energy', 'eventCount'],
  usage: ['count', 'sum', 'mean', 'dutyCycle', 'histogram', 'eventCount'],
  energy: ['sum', 'energy', 'mean'],
  sensitive: [],
} as const satisfies AggregateTable<DataClass>;

/** Order statistics: raw samples, allowed only on diagnostic channels (requirement 11). */
export const ORDER_STATISTICS = ['min', 'max', 'last'] as const satisfies readonly Aggregate[];

/**
 * Tiers a plain grant may give, per class (the floors table). Energy is daily
 * by default: half-hourly and hourly energy need their own grant, so they are
 * only allowed as opt-in tiers.
 */
export const PLAIN_TIERS = {
  diagnostic: ['1h', '1d', '1mo'],
  usage: ['1d', '1mo'],
  energy: ['1d', '1mo'],
  sensitive: [],
} as const satisfies TierTable;

/** Tiers an opt-in (separately granted) tier may be, per class. Nothing finer than 30 min ever leaves. */
export const OPT_IN_TIERS = {
  diagnostic: ['1h', '1d', '1mo'],
  usage: ['1d', '1mo'],
  energy: ['30min', '1h', '1d', '1mo'],
  sensitive: [],
} as const satisfies TierTable;

/** The kinds a channel may declare. */
export const CHANNEL_KINDS = ['numeric', 'event', 'state'] as const satisfies readonly ChannelKind[];
/** The data classes a channel may declare. */
export const DATA_CLASSES = ['diagnostic', 'usage', 'energy', 'sensitive'] as const satisfies readonly DataClass[];

/** Default of `RedactionDecl.kMin` (PRIVACY.md requirement 12). */
export const DEFAULT_K_MIN = 5;
/** Longest release delay a policy may ask for, in hours (one week). */
export const MAX_RELEASE_DELAY_H = 168;

/** Rank of a tier (0 = `30min`, 3 = `1mo`), or -1 for anything else. */
export function tierRank(tier: unknown): number {
  // A literal built per call rather than TIER_ORDER: nothing of it stays in RAM (ESPRUINO.md §3).
  return ['30min', '1h', '1d', '1mo'].indexOf(tier as string);
}

/** The device's copy of a rule table, selected by `allows`. */
export const enum Rule {
  /** KIND_AGGREGATES, by channel kind */
  Kind = 0,
  /** CLASS_AGGREGATES, by data class */
  Class = 1,
  /** PLAIN_TIERS, by data class */
  Plain = 2,
  /** OPT_IN_TIERS, by data class */
  OptIn = 3,
  /** ORDER_STATISTICS (key '') */
  OrderStat = 4,
  /** CHANNEL_KINDS (key '') */
  Kinds = 5,
  /** DATA_CLASSES (key '') */
  Classes = 6,
}

/**
 * True when row `key` of rule table `t` holds `value`. The run-time checks
 * (validatePolicy, the egress gate) read the tables through this, as
 * `|key:a,b,c|` strings built per call: the `as const` tables above would
 * stay in RAM as arrays of strings (about 250 JsVars, ESPRUINO.md §3) and
 * are kept for the compiler and the host only. test/unit/policy/rules.test.ts
 * checks that both spell the same rules.
 */
export function allows(t: Rule, key: unknown, value: unknown): boolean {
  if (typeof key !== 'string' || typeof value !== 'string' || !value.length) return false;
  const kv = key + value;
  if (kv.indexOf('|') >= 0 || kv.indexOf(':') >= 0 || kv.indexOf(',') >= 0) return false;
  const rows = [
    '|numeric:count,sum,mean,min,max,variance,last,histogram,dutyCycle,energy|event:count,eventCount,last,dutyCycle|state:count,dutyCycle,last,histogram|',
    '|diagnostic:count,sum,mean,min,max,variance,last,histogram,dutyCycle,energy,eventCount|usage:count,sum,mean,dutyCycle,histogram,eventCount|energy:sum,energy,mean|sensitive:|',
    '|diagnostic:1h,1d,1mo|usage:1d,1mo|energy:1d,1mo|sensitive:|',
    '|diagnostic:1h,1d,1mo|usage:1d,1mo|energy:30min,1h,1d,1mo|sensitive:|',
    '|:min,max,last|',
    '|:numeric,event,state|',
    '|:diagnostic,usage,energy,sensitive|',
  ][t];
  const at = findText(rows, '|' + key + ':');
  if (at < 0) return false;
  return findText(',' + rows.substring(at + key.length + 2, rows.indexOf('|', at + 1)) + ',', ',' + value + ',') >= 0;
}
