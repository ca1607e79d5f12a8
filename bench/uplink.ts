/**
 * Issue 4: what the durable uplink costs and saves, on the compiled ESP32
 * fridge against the real collector, 7 simulated days per grant set.
 * - bytes uploaded per day (as the collector stored them) against the raw
 *   sensor bytes the device read (4 bytes per raw sample): goal ≤ 1/300 for
 *   the fridge's default grants (daily energy and marketing, plus the
 *   essential diagnostics);
 * - page erases per day (compaction included) and bytes programmed per day,
 *   reported separately: goal ≤ 144 erases per day (one per 10 minutes).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBoard } from '../toolchain/boards';
import { loadFirmwarePolicy } from '../toolchain/build';
import { ROOT } from '../toolchain/boards';
import { simulate } from '../simulator/run';
import { CHANNEL_DECLS } from '../firmware/fridge/channels';
import { consentCommand } from '../toolchain/console';

const DAYS = 7;

export async function uplinkBench(report: (name: string, value: number, unit: string) => void): Promise<void> {
  const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'fridge.esp32.js'), 'utf8');
  const policy = loadFirmwarePolicy(ROOT, 'fridge');
  const board = loadBoard('esp32');
  const sets: { [name: string]: string[] } = {
    essential: [],
    default: ['utility/energy', 'partner/marketing'],
    halfHourly: ['utility/energy:30min', 'partner/marketing'],
  };
  for (const name of Object.keys(sets)) {
    const r = await simulate({
      bundle, board, days: DAYS, seed: 1, policy,
      console: sets[name].map((g) => ({ atMs: 1000, command: consentCommand('grant', g) })),
    });
    const uploaded = r.uploads.reduce((s, u) => s + u.bytes, 0) / DAYS;
    // Raw samples the fridge read: every numeric channel at its period, two edges per door opening.
    let samples = 0;
    for (const id of Object.keys(CHANNEL_DECLS)) {
      const d = CHANNEL_DECLS[id];
      if (d.kind === 'numeric') samples += 86400000 / d.periodMs;
    }
    samples += (2 * (r.counters.modelDoorOpens || 0)) / DAYS;
    const raw = samples * 4;
    report(`uplink.${name}.bytesPerDay`, Math.round(uploaded), 'bytes/day');
    report(`uplink.${name}.rawBytesPerDay`, Math.round(raw), 'bytes/day');
    report(`uplink.${name}.ratio`, Math.round((raw / Math.max(1, uploaded)) * 10) / 10, 'raw/uploaded');
    if (name === 'default') report('uplink.default.goal-1/300.met', uploaded * 300 <= raw ? 1 : 0, 'bool');
    report(`uplink.${name}.pageErasesPerDay`, Math.round((r.counters.pageErases / DAYS) * 10) / 10, 'erases/day');
    report(`uplink.${name}.bytesProgrammedPerDay`, Math.round(r.counters.bytesProgrammed / DAYS), 'bytes/day');
    // A week does not fill 896 KB, so Storage never compacts in the run: in the long run every
    // programmed byte becomes trash that a compaction erases, so erases/day tends to programmed
    // bytes/day over the page size (plus the live files compaction moves: under 20 KB here).
    const longRun = r.counters.bytesProgrammed / DAYS / board.storage.pageBytes;
    report(`uplink.${name}.pageErasesPerDay.longRun`, Math.round(longRun * 10) / 10, 'erases/day');
    if (name === 'halfHourly') report('uplink.halfHourly.goal-144-erases.met', Math.max(longRun, r.counters.pageErases / DAYS) <= 144 ? 1 : 0, 'bool');
    report(`uplink.${name}.lost`, r.delivery ? r.delivery.lost : -1, 'reports');
    report(`uplink.${name}.wall`, r.wallMs, 'ms');
  }
}
