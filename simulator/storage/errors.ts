/**
 * Espruino 2v29's own Storage exception texts, and the signal thrown by a
 * simulated power cut. The texts are copied character for character so the
 * simulator's realm can raise exactly what the device would.
 */
import { formatNumber, quoteString } from './espruino-json';

/**
 * Exception messages of `require("Storage")` on Espruino 2v29. Each is raised
 * as a plain `Error` (JSET_ERROR) on the device.
 */
export const StorageMessage = {
  /** jsfWriteFile: `write(name, "")` or a zero `size` with empty data. */
  ZeroLength: "Can't create zero length file",
  /** jsfWriteFile: no hole big enough even after compacting, or `offset>0` on a missing file. */
  NoSpace: 'Unable to find or create file',
  /** jsfWriteFile: `offset + data.length` is past the file's reserved size. */
  TooMuchData: 'Too much data for file size',
  /** jsfWriteFile: the target bytes are not erased (0xFF). */
  AlreadyWritten: 'File already written with different data',
  /** jsfWriteFile: the data could not be flattened to bytes. */
  NoDataPointer: "Can't get pointer to data to write",
  /** jswrap_storagefile_read_internal: `read`/`readLine` on a handle not opened with 'r'. */
  CantRead: "Can't read in this mode",
  /** jswrap_storagefile_write: `write` on a handle not opened with 'w' or 'a'. */
  CantWrite: "Can't write in this mode",
  /** jswrap_storagefile_write: a StorageFile ran past chunk 255. */
  FileTooBig: 'File too big!',
} as const;

/** One of the {@link StorageMessage} texts. */
export type StorageMessageText = (typeof StorageMessage)[keyof typeof StorageMessage];

/**
 * jswrap_storage_open: the text for a bad `mode`, formatted as Espruino's `%j`
 * would (strings quoted with `\xXX`/`\N` escapes, other primitives as written).
 * @param mode the value passed as `mode`
 */
export function invalidModeMessage(mode: unknown): string {
  let shown = String(mode);
  if (typeof mode === 'string') shown = quoteString(mode, false);
  else if (typeof mode === 'number') shown = formatNumber(mode);
  return 'Invalid mode ' + shown;
}

/**
 * Thrown by a {@link FlashStorage} call when the fault hook cuts or tears the
 * power. The storage is frozen before this is thrown; the simulator's runner
 * catches it and stops the device, as a real power loss would.
 */
export class PowerCutSignal extends Error {
  /** What the interrupted call was doing. */
  readonly op: string;
  /** Bytes that op really programmed before the cut. */
  readonly bytesProgrammed: number;

  constructor(op: string, bytesProgrammed: number) {
    super(`power cut during Storage ${op} after ${bytesProgrammed} programmed bytes`);
    this.name = 'PowerCutSignal';
    this.op = op;
    this.bytesProgrammed = bytesProgrammed;
    // Keep instanceof working whatever the compile target.
    Object.setPrototypeOf(this, PowerCutSignal.prototype);
  }
}
