import type { ChannelKind } from './channel';

/**
 * What a channel reveals (PRIVACY.md vocabulary). `sensitive` never leaves
 * the device; only `diagnostic` may be essential or carry order statistics.
 */
export type DataClass = 'diagnostic' | 'usage' | 'energy' | 'sensitive';

/** Window lengths that may leave the device, aligned to UTC. `1mo` is a calendar month. */
export type Tier = '30min' | '1h' | '1d' | '1mo';

/** Aggregates a purpose may ask for. min, max and last are order statistics: raw samples. */
export type Aggregate =
  | 'count' | 'sum' | 'mean' | 'min' | 'max' | 'variance' | 'last'
  | 'histogram' | 'dutyCycle' | 'energy' | 'eventCount';

/** How a recipient is reached. */
export type Transport = 'http' | 'https' | 'mqtt' | 'mqtts';

/** One declared sensor stream. */
export interface ChannelDecl {
  kind: ChannelKind;
  /** Unit of the values, e.g. `C`, `W`. */
  unit: string;
  /** Valid range, inclusive; samples outside are rejected and counted. */
  min: number;
  max: number;
  dataClass: DataClass;
  /** Sampling period in ms (event channels: the shortest plausible gap between events). */
  periodMs: number;
}

/** Who receives data and where. Credentials are provisioned into Storage, never declared here. */
export interface RecipientDecl {
  /** The only host (and path) this recipient's data may go to, e.g. `https://diag.example.com/v1/reports`. */
  endpoint: string;
  transport: Transport;
}

/** One field of a report: a channel and an aggregate over the purpose's window. */
export interface FieldDecl {
  channel: string;
  aggregate: Aggregate;
  /** Histogram bucket upper bounds, ascending (histogram only). */
  bounds?: number[];
  /** Duty-cycle threshold in the channel's unit: the fraction of time above it (dutyCycle only). */
  threshold?: number;
}

/** The privacy treatment applied before a report is queued. */
export interface RedactionDecl {
  /** Round every numeric field to a multiple of this step (generalisation). */
  round?: number;
  /** Withhold counts and aggregates over fewer than kMin samples or events. @default 5 */
  kMin?: number;
  /** Attach a rotating pseudonym (HMAC-SHA256 of the device secret and the epoch). Diagnostics only. */
  pseudonym?: boolean;
  /** Release after a random delay within [min, max] hours (usage for marketing: [24, 48]). */
  releaseDelayH?: [number, number];
}

/** Why a recipient gets data, and exactly which data. */
export interface PurposeDecl {
  recipient: string;
  fields: FieldDecl[];
  /** The tier a plain grant gives. */
  tier: Tier;
  /** Finer tiers that need their own grant (energy: `30min`). */
  optInTiers?: Tier[];
  /** On without a grant. Allowed only for purposes whose fields are all diagnostic. */
  essential?: boolean;
  redaction?: RedactionDecl;
}

/** The full, versioned declaration a firmware ships. */
export interface Policy {
  version: number;
  channels: { [id: string]: ChannelDecl };
  recipients: { [id: string]: RecipientDecl };
  purposes: { [id: string]: PurposeDecl };
}

/** Window length of each tier in ms; `1mo` varies and is computed from the calendar. */
export const TIER_MS: { [t: string]: number } = { '30min': 1800000, '1h': 3600000, '1d': 86400000, '1mo': 0 };
