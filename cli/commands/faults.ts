import type { NetworkPlan, PowerCutPlan } from '../../simulator/run';
import type { HostileMode } from '../../simulator/collector';
import { HOSTILE_MODES } from '../../simulator/collector';
import { UsageError } from './args';

const DAY_MS = 86400000;

/** The fault-injection options of `homebound sim`, so that a campaign can be re-run from outside. */
export const FAULT_OPTIONS = {
  'power-cuts': { type: 'string' },
  torn: { type: 'string' },
  outage: { type: 'string', multiple: true },
  flapping: { type: 'string', multiple: true },
  'hostile-server': { type: 'string' },
  'broker-restarts': { type: 'string' },
  'storage-free': { type: 'string' },
} as const;

export const FAULT_USAGE = '[--power-cuts <n> [--torn <fraction>]] [--outage <fromDay>..<toDay>]... [--flapping <fromDay>..<toDay>[@<periodMin>]]... ' +
  '[--hostile-server <rate>[:<mode>,...]] [--broker-restarts <hours>] [--storage-free <bytes>]';

export interface FaultPlan {
  powerCuts?: PowerCutPlan;
  network: NetworkPlan;
  storageFreeBytes?: number;
}

/**
 * Parse the fault flags. Power cuts land on n Storage calls picked
 * uniformly (seeded) among those the run makes; `--torn` is the fraction of
 * them that tear a write (a cut chosen to tear waits for the next write).
 */
export function parseFaults(values: { [k: string]: unknown }, startMs: number, days: number, seed: number): FaultPlan {
  const plan: FaultPlan = { network: {} };
  if (values['power-cuts'] !== undefined) {
    const n = int(values['power-cuts'], 'power-cuts', 0, 1000000);
    const torn = values.torn === undefined ? 0 : fraction(values.torn, 'torn');
    // Not in the first minute: the grants typed at boot are acknowledged first.
    plan.powerCuts = { count: n, tornFraction: torn, seed, notBeforeMs: startMs + 60000 };
  } else if (values.torn !== undefined) {
    throw new UsageError('--torn needs --power-cuts');
  }
  const range = (v: string, name: string): { fromDay: number; toDay: number; rest: string } => {
    const m = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)(?:@(.+))?$/.exec(v);
    if (!m || Number(m[2]) <= Number(m[1])) throw new UsageError(`--${name} must be <fromDay>..<toDay> with fromDay < toDay, e.g. 1..8 (got ${JSON.stringify(v)})`);
    return { fromDay: Number(m[1]), toDay: Number(m[2]), rest: m[3] || '' };
  };
  for (const v of (values.outage as string[] | undefined) || []) {
    const r = range(v, 'outage');
    if (r.rest) throw new UsageError(`--outage takes no @period (got ${JSON.stringify(v)})`);
    (plan.network.outages = plan.network.outages || []).push({ fromDay: r.fromDay, toDay: r.toDay });
  }
  for (const v of (values.flapping as string[] | undefined) || []) {
    const r = range(v, 'flapping');
    const periodMin = r.rest ? Number(r.rest) : 10;
    if (!(periodMin > 0)) throw new UsageError(`--flapping period must be a positive number of minutes (got ${JSON.stringify(r.rest)})`);
    (plan.network.flapping = plan.network.flapping || []).push({ fromDay: r.fromDay, toDay: r.toDay, periodMs: Math.round(periodMin * 60000) });
  }
  if (values['hostile-server'] !== undefined) {
    const [rate, modes] = String(values['hostile-server']).split(':');
    const list = modes ? modes.split(',') : undefined;
    for (const m of list || []) if (!HOSTILE_MODES.includes(m as HostileMode)) throw new UsageError(`--hostile-server: unknown mode ${m} (one of ${HOSTILE_MODES.join(', ')})`);
    plan.network.hostile = { rate: fraction(rate, 'hostile-server'), modes: list as HostileMode[] | undefined };
  }
  if (values['broker-restarts'] !== undefined) plan.network.brokerRestartEveryH = positive(values['broker-restarts'], 'broker-restarts');
  if (values['storage-free'] !== undefined) plan.storageFreeBytes = int(values['storage-free'], 'storage-free', 0, 1 << 30);
  return plan;
}

function int(v: unknown, name: string, min: number, max: number): number {
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(v)})`);
  return n;
}

function fraction(v: unknown, name: string): number {
  const n = Number(v);
  if (typeof v !== 'string' || v === '' || !(n >= 0 && n <= 1)) throw new UsageError(`--${name} must be a fraction from 0 to 1 (got ${JSON.stringify(v)})`);
  return n;
}

function positive(v: unknown, name: string): number {
  const n = Number(v);
  if (typeof v !== 'string' || !(n > 0)) throw new UsageError(`--${name} must be a positive number (got ${JSON.stringify(v)})`);
  return n;
}
