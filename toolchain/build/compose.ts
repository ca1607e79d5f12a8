import * as path from 'path';
import remapping from '@ampproject/remapping';
import { HELPERS_SOURCE } from './prelude';

/**
 * Compose the per-stage maps into one map from the minified bundle back to
 * the TypeScript sources. `stages` maps each intermediate file name to its
 * own map; any other source is an original. Sources are rewritten relative to
 * `outDir`, where the map is written; `<helpers>` stays as it is.
 */
export function composeMaps(finalMap: string, stages: { [file: string]: string }, root: string, outDir: string, file: string): string {
  const composed = remapping(finalMap, (source) => (stages[source] !== undefined ? stages[source] : null), { excludeContent: true });
  composed.file = file;
  composed.sources = composed.sources.map((s) => {
    if (s === null || s === HELPERS_SOURCE) return s;
    // esbuild's virtual modules (Espruino built-ins) are not files.
    if (s.indexOf('espruino-builtin:') >= 0) return `<espruino:${s.slice(s.indexOf(':') + 1)}>`;
    return path.relative(outDir, path.resolve(root, s)).split(path.sep).join('/');
  });
  return JSON.stringify(composed);
}
