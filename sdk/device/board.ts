import type { BoardDefinition } from '../model/index';

/** The part of the board definition the build compiles into the bundle. */
export type DeviceBoard = Pick<BoardDefinition, 'id' | 'chip' | 'storage' | 'wiring'> & {
  /** The board has Espruino's `net` and `http` modules. */
  net: boolean;
  /** The board has the `Wifi` module (a station radio). */
  wifi: boolean;
};

// Replaced at build time with the board file's device part as JSON text
// (toolchain/build/bundle.ts). Text, not an object literal: the object parsed
// from it is garbage once boot is done with it; a literal would stay for good.
declare const HOMEBOUND_BOARD: string;

/** The board this bundle was built for (a fresh object per call: read it once, at boot). */
export function deviceBoard(): DeviceBoard {
  return JSON.parse(HOMEBOUND_BOARD) as DeviceBoard;
}
