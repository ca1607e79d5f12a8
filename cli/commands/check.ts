import type { Io } from '../main';
import { runCheckCommand } from '../../toolchain/check';

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const stream = (emit: (line: string) => void) => ({ write: (text: string) => { emit(text.replace(/\n$/, '')); } });
  return runCheckCommand(argv, { stdout: stream(io.out), stderr: stream(io.err) });
}
