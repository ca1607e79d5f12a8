import * as path from 'path';
import type { Io } from '../main';
import { buildFirmware, BuildResult, formatDeviceDiagnostic } from '../../toolchain/build';
import { formatViolations } from '../../toolchain/check';
import { parse, requireString, UsageError } from './args';

export async function runBuild(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parse(argv, { board: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('expected exactly one firmware name, e.g. `homebound build fridge --board esp32`');
    const result = await buildFirmware({
      firmware: positionals[0],
      board: requireString(values, 'board'),
      outDir: typeof values.out === 'string' ? path.resolve(values.out) : undefined,
    });
    reportBuild(result, io);
    return result.ok ? 0 : 1;
  } catch (e) {
    io.err(`homebound build: ${(e as Error).message}`);
    return 2;
  }
}

/** Print a build's outcome: every diagnostic and violation, then the summary or the reason it failed. */
export function reportBuild(r: BuildResult, io: Io): void {
  for (const d of r.diagnostics) io.err(formatDeviceDiagnostic(d));
  if (r.violations.length > 0) io.err(formatViolations(r.violations, { json: false }));
  const m = r.metadata;
  if (m && r.bundlePath) {
    const rel = path.relative(process.cwd(), r.bundlePath);
    io.out(`${rel}: ${m.bytes} bytes, sha256 ${m.sha256.slice(0, 16)}…, ` +
      `~${m.jsVarsEstimate} JsVars of ${m.jsVarsBudget} at boot (${m.usedPct}%, ${m.jsVarsMethod}) ${m.fits ? 'fits' : 'DOES NOT FIT'}`);
  }
  if (!r.ok && r.error) io.err(`homebound build: ${r.error}`);
}
