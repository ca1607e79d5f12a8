import * as fs from 'fs';
import * as path from 'path';
import type { Io } from '../main';
import { buildFirmware, BuildMetadata, inputsHash } from '../../toolchain/build';
import { ROOT } from '../../toolchain/boards';
import { reportBuild } from './build';

/** Reuse `dist/<firmware>.<board>.js` when its inputs are unchanged; otherwise build it. */
export async function ensureBuilt(firmware: string, board: string, io: Io): Promise<{ bundlePath: string; metadata: BuildMetadata } | undefined> {
  const dist = path.join(ROOT, 'dist');
  const bundlePath = path.join(dist, `${firmware}.${board}.js`);
  const metaPath = path.join(dist, `${firmware}.${board}.json`);
  if (fs.existsSync(bundlePath) && fs.existsSync(metaPath)) {
    const meta = JSON.parse(fs.readFileSync(metaPath, 'utf8')) as BuildMetadata;
    if (meta.inputsHash === inputsHash(ROOT, firmware, board) && meta.fits) return { bundlePath, metadata: meta };
  }
  const r = await buildFirmware({ firmware, board });
  if (!r.ok || !r.metadata || !r.bundlePath) {
    reportBuild(r, io);
    return undefined;
  }
  reportBuild(r, io);
  return { bundlePath: r.bundlePath, metadata: r.metadata };
}
