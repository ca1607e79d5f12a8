/**
 * Public types of the emitted-JS checker (`homebound check`).
 */
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';

/** A version 3 source map as JSON (the build writes `<bundle>.map`). */
export type RawSourceMap = EncodedSourceMap;

/** A 1-based line and 1-based column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * One construct in the bundle that Espruino 2v29 cannot run.
 *
 * `file`, `line` and `column` are the original TypeScript location when the
 * source map covers the position (`<helpers>` for the build's helper
 * prelude), else the bundle path and the generated position. Lines and
 * columns are 1-based, as printed.
 */
export interface Violation extends Position {
  /** Rule id, e.g. `unknown-global`. */
  rule: string;
  /** One sentence: what fails on the device and what to write instead. */
  message: string;
  /** Source path relative to `cwd`, `<helpers>`, or the bundle path. */
  file: string;
  /** Where the construct starts in the bundle (1-based line and column). */
  generated: Position;
}

/** Options of {@link checkBundle}. */
export interface CheckOptions {
  /**
   * Path of the bundle, used for unmapped positions and parse errors.
   * @default '<bundle>'
   */
  bundlePath?: string;
  /**
   * Path of the source map file; its directory (with `sourceRoot`) resolves
   * the map's `sources`. Without it, sources are printed as the map lists them.
   */
  mapPath?: string;
  /**
   * Directory printed paths are relative to.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * Helpers the build can prepend; a free `__name` outside this list is an
   * `unshipped-helper` violation.
   * @default shippedHelperNames() from toolchain/build/helpers.ts
   */
  shippedHelpers?: readonly string[];
}
