import * as fs from 'fs';
import * as path from 'path';
import type { Io } from '../main';
import { loadBoard } from '../../toolchain/boards';
import { simulate, SimulationResult } from '../../simulator/run';
import { parse, positiveNumber, requireString, UsageError } from './args';
import { FAULT_OPTIONS, parseFaults } from './faults';
import { DEFAULT_START_MS } from '../../simulator/clock';
import { ensureBuilt } from './ensure-built';
import { explainCode } from '../../toolchain/explain';
import { consentCommand } from '../../toolchain/console';
import { loadFirmwarePolicy } from '../../toolchain/build';
import { ROOT } from '../../toolchain/boards';

export async function runSim(argv: string[], io: Io): Promise<number> {
  let opts;
  try {
    opts = parse(argv, {
      board: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' },
      state: { type: 'string' }, json: { type: 'string' }, quiet: { type: 'boolean' },
      grant: { type: 'string', multiple: true },
      ...FAULT_OPTIONS,
    });
    if (opts.positionals.length !== 1) throw new UsageError('expected exactly one firmware name, e.g. `homebound sim fridge --board esp32 --days 7`');
  } catch (e) {
    io.err(`homebound sim: ${(e as Error).message}`);
    return 2;
  }
  const { values, positionals } = opts;
  try {
    const boardId = requireString(values, 'board');
    const days = positiveNumber(values, 'days');
    const board = loadBoard(boardId);
    const built = await ensureBuilt(positionals[0], boardId, io);
    if (!built) return 1;
    const quiet = values.quiet === true;
    // Granted at the console one second after boot, as the owner would.
    const grants = ((values.grant as string[] | undefined) || []).map((g) => {
      try { return { atMs: 1000, command: consentCommand('grant', g) }; } catch (e) { throw new UsageError(`--grant: ${(e as Error).message}`); }
    });
    const seed = typeof values.seed === 'string' ? values.seed : 1;
    const faults = parseFaults(values, DEFAULT_START_MS, days, typeof seed === 'number' ? seed : hashSeed(seed));
    const result = await simulate({
      bundle: fs.readFileSync(built.bundlePath, 'utf8'),
      bundleName: path.basename(built.bundlePath),
      board,
      days,
      seed,
      powerCuts: faults.powerCuts,
      network: faults.network,
      storageFreeBytes: faults.storageFreeBytes,
      stateDir: typeof values.state === 'string' ? path.resolve(values.state) : undefined,
      console: grants,
      policy: loadFirmwarePolicy(ROOT, positionals[0]),
      onPrint: quiet ? undefined : (l) => io.out(`${new Date(l.t).toISOString()} ${l.text}${explained(l.text)}`),
    });
    summarise(result, positionals[0], boardId, io);
    if (typeof values.json === 'string') {
      fs.writeFileSync(values.json, JSON.stringify(toJson(result, positionals[0], boardId), null, 2) + '\n');
      io.out(`wrote ${values.json}`);
    }
    return result.counters.uncaught > 0 ? 1 : 0;
  } catch (e) {
    io.err(`homebound sim: ${(e as Error).message}`);
    return e instanceof UsageError ? 2 : 1;
  }
}

function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/**
 * What `sim --json` writes: `uploads[]` as the collector stored them (or as
 * the console transport printed them on a board without a network),
 * `blocked[]`, the delivery account (`lost` MUST be 0), `duplicatesDropped`
 * by the collector, `coarsened`, `pageErases` and every counter.
 */
export function toJson(r: SimulationResult, firmware: string, board: string): object {
  const c = r.counters;
  return {
    firmware,
    board,
    printed: r.printed.map((l) => ({ t: l.t, boot: l.boot, text: l.text })),
    uploads: r.uploads,
    blocked: r.blocked,
    duplicatesDropped: r.collector ? r.collector.duplicatesDropped : 0,
    lost: r.delivery ? r.delivery.lost : 0,
    lostIds: r.delivery ? r.delivery.lostIds : [],
    coarsened: r.delivery ? r.delivery.coarsened : 0,
    dropped: r.delivery ? r.delivery.dropped : 0,
    pageErases: c.pageErases,
    bytesProgrammed: c.bytesProgrammed,
    delivery: r.delivery,
    collector: r.collector,
    network: r.network,
    counters: r.counters,
    simSeconds: r.simSeconds,
    wallMs: r.wallMs,
  };
}

function summarise(r: SimulationResult, firmware: string, board: string, io: Io): void {
  const c = r.counters;
  const speed = r.wallMs > 0 ? Math.round(r.simSeconds / (r.wallMs / 1000)) : Infinity;
  io.out(`\n${firmware} on ${board}: ${(r.simSeconds / 86400).toFixed(2)} simulated days in ${(r.wallMs / 1000).toFixed(2)} s ` +
    `(${speed.toLocaleString('en')} simulated s per wall s)`);
  io.out(`  boots ${c.boots}, power cuts ${c.powerCuts}, uncaught exceptions ${c.uncaught}, printed lines ${c.printedLines}`);
  io.out(`  timers fired ${c.timersFired}, Storage calls ${c.storageOps}, page erases ${c.pageErases}, bytes programmed ${c.bytesProgrammed}`);
  const byRecipient: { [r: string]: number } = {};
  for (const u of r.uploads) byRecipient[u.recipient] = (byRecipient[u.recipient] || 0) + u.bytes;
  io.out(`  uploads ${r.uploads.length} (${Object.keys(byRecipient).map((k) => `${k} ${byRecipient[k]} B`).join(', ') || 'none'}), blocked ${r.blocked.length}`);
  if (r.delivery) {
    const d = r.delivery;
    io.out(`  committed ${d.committed}: delivered ${d.delivered}, pending ${d.pending}, coarsened ${d.coarsened}, dropped ${d.dropped}, purged ${d.purged}, LOST ${d.lost}` +
      `; collector duplicates dropped ${r.collector ? r.collector.duplicatesDropped : 0}, hostile replies ${r.collector ? r.collector.hostileReplies : 0}`);
  }
  if (c.storageNameTruncations) io.out(`  WARNING: ${c.storageNameTruncations} Storage name(s) truncated to 28 characters`);
}

/** The device prints codes; the host adds the sentence. */
export function explained(text: string): string {
  const m = /^hb:(?:error|blocked) (?:code=)?(\d+)/.exec(text);
  return m ? `  (${explainCode(Number(m[1]))})` : '';
}
