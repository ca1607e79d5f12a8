import { loadBoard } from '../../toolchain/boards';
import { simulate, SimulationOptions, SimulationResult } from '../../simulator/run';

/** Run a small ES5 program in the simulator on a board for `seconds` of virtual time. */
export function runSnippet(bundle: string, seconds = 1, extra: Partial<SimulationOptions> = {}): Promise<SimulationResult> {
  return simulate({ bundle, board: loadBoard(extra.board ? extra.board.id : 'esp32'), days: seconds / 86400, ...extra });
}

export const texts = (r: SimulationResult): string[] => r.printed.map((l) => l.text);
