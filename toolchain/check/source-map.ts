/**
 * Maps bundle positions back to the TypeScript sources through the composed
 * source map the build writes next to the bundle.
 */
import * as path from 'path';
import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  TraceMap,
  originalPositionFor,
} from '@jridgewell/trace-mapping';
import type { Position, RawSourceMap } from './types';

/** An original location: display path plus 1-based line and column. */
export interface OriginalPosition extends Position {
  file: string;
}

/** Looks up the original position of a 1-based line and 0-based column. */
export type PositionMapper = (line: number, column: number) => OriginalPosition | undefined;

/**
 * How a `sources` entry is printed: pseudo-sources such as `<helpers>` as
 * they are; files resolved against the map's directory and `sourceRoot`,
 * then made relative to `cwd`.
 */
function displayPath(source: string, sourceRoot: string, mapPath: string | undefined, cwd: string): string {
  if (source.startsWith('<')) return source;
  if (!mapPath) return sourceRoot ? path.posix.join(sourceRoot, source) : source;
  const absolute = path.resolve(path.dirname(mapPath), sourceRoot, source);
  return path.relative(cwd, absolute).split(path.sep).join('/');
}

/**
 * Builds a mapper for `map` (object or JSON text). Throws `Error` naming the
 * map when it cannot be read as a version 3 source map.
 */
export function createPositionMapper(
  map: RawSourceMap | string,
  mapPath: string | undefined,
  cwd: string,
): PositionMapper {
  let raw: RawSourceMap;
  let traced: TraceMap;
  try {
    raw = typeof map === 'string' ? JSON.parse(map) : map;
    traced = new TraceMap(raw);
  } catch (e) {
    throw new Error(`invalid source map${mapPath ? ` ${mapPath}` : ''}: ${(e as Error).message}`);
  }
  const names = raw.sources.map((s) => displayPath(s ?? '', raw.sourceRoot ?? '', mapPath, cwd));
  return (line, column) => {
    let found = originalPositionFor(traced, { line, column, bias: GREATEST_LOWER_BOUND });
    if (found.source === null) found = originalPositionFor(traced, { line, column, bias: LEAST_UPPER_BOUND });
    if (found.source === null) return undefined;
    const index = traced.resolvedSources.indexOf(found.source);
    return { file: index >= 0 ? names[index] : found.source, line: found.line, column: found.column + 1 };
  };
}
