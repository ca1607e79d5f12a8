import type { BoardDefinition } from '../model/index';

/** The part of the board definition the build compiles into the bundle. */
export type DeviceBoard = Pick<BoardDefinition, 'id' | 'chip' | 'storage' | 'wiring'>;

// Replaced at build time with the board file's device part (toolchain/build/bundle.ts).
declare const HOMEBOUND_BOARD: DeviceBoard;

/** The board this bundle was built for. */
export function deviceBoard(): DeviceBoard {
  return HOMEBOUND_BOARD;
}
