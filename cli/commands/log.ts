import * as fs from 'fs';
import * as path from 'path';
import type { Io } from '../main';
import { createTransparencyLog, formatLogEntry } from '../../sdk/consent/index';
import { createFlashStore, FlashStorage, IMAGE_FILE } from '../../simulator/storage';
import { loadBoard } from '../../toolchain/boards';
import { explainCode } from '../../toolchain/explain';
import { parse, requireString, UsageError } from './args';

/**
 * `homebound log --state <dir>`: the transparency log of a simulated device,
 * read from its flash image the way the device reads it (the owner's
 * `hb.log()` on the console), with refusal codes explained.
 */
export async function runLog(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parse(argv, { state: { type: 'string' }, board: { type: 'string' }, json: { type: 'boolean' } });
    // The board gives the flash geometry; the image's own flash.json is checked against it.
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const dir = path.resolve(requireString(values, 'state'));
    if (!fs.existsSync(path.join(dir, IMAGE_FILE))) throw new UsageError(`no simulated device in ${dir} (no ${IMAGE_FILE}); run \`homebound sim … --state ${values.state}\` first`);
    const board = loadBoard(typeof values.board === 'string' ? values.board : 'esp32');
    const flash = FlashStorage.loadFrom(dir, { bytes: board.storage.bytes, pageBytes: board.storage.pageBytes });
    const log = createTransparencyLog({ store: createFlashStore(flash) });
    const entries = log.read();
    if (values.json) io.out(JSON.stringify(entries, null, 2));
    else {
      for (const e of entries) {
        io.out(formatLogEntry(e) + (e.code ? `  (${explainCode(e.code)})` : ''));
      }
      io.out(`${entries.length} entries${log.corruptLines() ? `, ${log.corruptLines()} corrupt lines skipped` : ''}`);
    }
    return 0;
  } catch (e) {
    io.err(`homebound log: ${(e as Error).message}`);
    return 2;
  }
}
