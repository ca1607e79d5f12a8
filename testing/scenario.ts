import * as fs from 'fs';
import * as path from 'path';
import type { BoardDefinition } from '../sdk/model/board';
import { loadBoard, ROOT } from '../toolchain/boards';
import { buildFirmware } from '../toolchain/build';
import { simulate, SimulationResult } from '../simulator/run';
import type { EgressRecord, NetworkPlan, PowerCutPlan } from '../simulator/run';
import { consentCommand } from '../toolchain/console';
export { parseGrant } from '../toolchain/console';

const DAY_MS = 86400000;

/** One owner action at a time in the scenario. */
export interface ScenarioStep {
  /** When, in days after the start (fractions allowed). */
  atDays: number;
  /** `recipient/purpose[:tier]` */
  grant?: string;
  /** `recipient/purpose[:tier]` */
  withdraw?: string;
  /** Wipe the owner's data (PRIVACY.md requirement 14). */
  erase?: boolean;
  /** Any other console command. */
  console?: string;
}

export interface ScenarioOptions {
  /** Firmware under `firmware/` to build, or use `bundle`. @default 'fridge' */
  firmware?: string;
  /** A prebuilt bundle (path), instead of building `firmware`. */
  bundle?: string;
  /** Board id or definition. @default 'esp32' */
  board?: string | BoardDefinition;
  days: number;
  seed?: number | string;
  /** Granted right after boot: `recipient/purpose[:tier]`. */
  grants?: string[];
  steps?: ScenarioStep[];
  /** Probability of a garbage ADC read. @default 0 */
  glitchRate?: number;
  /** Directory keeping the device's flash between runs (e.g. to boot a new firmware on old consents). */
  stateDir?: string;
  /** Outages, flapping, a hostile collector, broker restarts (`homebound sim --outage/--hostile-server/...`). */
  network?: NetworkPlan;
  /** Power cuts at Storage boundaries, some torn. */
  powerCuts?: PowerCutPlan;
  /** Fill Storage before the first boot so that about this many bytes stay free. */
  storageFreeBytes?: number;
}

/** What a scenario produced: everything that left (or tried to leave) the device, and the raw input. */
export interface ScenarioRun {
  uploads: EgressRecord[];
  blocked: EgressRecord[];
  /** Raw samples the firmware accepted, from its sample echo: channel → [time ms, value][]. */
  samples: { [channel: string]: [number, number][] };
  /** Consent changes made, in order, with their virtual time. */
  changes: { at: number; action: 'grant' | 'withdraw' | 'erase'; recipient?: string; purpose?: string; tier?: string }[];
  /** The firmware's policy as the build declared it (from the bundle's metadata). */
  policy: import('../sdk/model/index').Policy;
  result: SimulationResult;
}

/** Build (if needed) and run a firmware bundle against a scenario; return its egress. */
export async function runScenario(o: ScenarioOptions): Promise<ScenarioRun> {
  const board = typeof o.board === 'object' ? o.board : loadBoard(o.board || 'esp32');
  const { bundle, metaPath } = await bundleFor(o, board);
  const meta = JSON.parse(fs.readFileSync(metaPath, 'utf8'));
  const start = 1000;
  const consoleCmds: { atMs: number; command: string }[] = [];
  const changes: ScenarioRun['changes'] = [];
  for (const g of o.grants || []) consoleCmds.push({ atMs: start, command: consentCommand('grant', g) });
  for (const s of o.steps || []) {
    const atMs = Math.round(s.atDays * DAY_MS);
    if (s.grant) consoleCmds.push({ atMs, command: consentCommand('grant', s.grant) });
    if (s.withdraw) consoleCmds.push({ atMs, command: consentCommand('withdraw', s.withdraw) });
    if (s.erase) consoleCmds.push({ atMs, command: 'hb.erase()' });
    if (s.console) consoleCmds.push({ atMs, command: s.console });
  }
  const result = await simulate({
    bundle, bundleName: path.basename(metaPath).replace(/\.json$/, '.js'), board, days: o.days, seed: o.seed ?? 1,
    glitchRate: o.glitchRate, console: consoleCmds, stateDir: o.stateDir, files: { 'hb.cfg': JSON.stringify({ printSamples: true }) },
    // The policy gives the world its collector: uploads are what it stored.
    policy: meta.policy, network: o.network, powerCuts: o.powerCuts, storageFreeBytes: o.storageFreeBytes,
  });
  for (const l of result.printed) {
    const m = /^hb:consent (grant|withdraw) ([\w-]+)\/([\w-]+):(\w+) ok$/.exec(l.text);
    if (m) changes.push({ at: l.t, action: m[1] as 'grant' | 'withdraw', recipient: m[2], purpose: m[3], tier: m[4] });
    if (l.text === 'hb:erase ok') changes.push({ at: l.t, action: 'erase' });
  }
  return { uploads: result.uploads, blocked: result.blocked, samples: samplesOf(result), changes, policy: meta.policy, result };
}

function samplesOf(r: SimulationResult): ScenarioRun['samples'] {
  const out: ScenarioRun['samples'] = {};
  for (const l of r.printed) {
    if (!l.text.startsWith('hb:s ')) continue;
    const [, channel, value] = l.text.split(' ');
    (out[channel] = out[channel] || []).push([l.t, Number(value)]);
  }
  return out;
}

async function bundleFor(o: ScenarioOptions, board: BoardDefinition): Promise<{ bundle: string; metaPath: string }> {
  if (o.bundle) return { bundle: fs.readFileSync(o.bundle, 'utf8'), metaPath: o.bundle.replace(/\.js$/, '.json') };
  const firmware = o.firmware || 'fridge';
  const outDir = path.join(ROOT, 'dist');
  const metaPath = path.join(outDir, `${firmware}.${board.id}.json`);
  const r = await buildFirmware({ firmware, board: board.id, outDir, skipTypecheck: true });
  if (!r.ok || !r.bundlePath) throw new Error(`build of ${firmware} for ${board.id} failed: ${r.error}`);
  return { bundle: fs.readFileSync(r.bundlePath, 'utf8'), metaPath };
}
