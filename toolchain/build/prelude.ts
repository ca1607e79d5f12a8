import { GenMapping, addSegment, toEncodedMap } from '@jridgewell/gen-mapping';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { helperPrelude } from './helpers';

/** Source name that helper lines map to; `homebound check` prints it as `<helpers>:line`. */
export const HELPERS_SOURCE = '<helpers>';

export interface PreludeResult {
  code: string;
  map: string;
  helpers: string[];
}

/**
 * Stage 3: put the Espruino-safe helpers the code uses in front of it, one per
 * line and each before its first use (Espruino does not hoist). Helper lines
 * map to `<helpers>`, the rest to `bodyFile` shifted down.
 */
export function withPrelude(body: string, bodyMap: string, used: string[], bodyFile: string): PreludeResult {
  const prelude = helperPrelude(used);
  const helperLines = prelude.code ? prelude.code.split('\n') : [];
  const gen = new GenMapping({ file: 'prelude.js' });
  helperLines.forEach((_, i) => addSegment(gen, i, 0, HELPERS_SOURCE, i, 0));
  const offset = helperLines.length;
  eachMapping(new TraceMap(bodyMap), (m) => {
    if (m.source === null || m.originalLine === null) return;
    // Identity onto the ES5 file: its own map (to bundle.js) is applied by composeMaps.
    addSegment(gen, m.generatedLine - 1 + offset, m.generatedColumn, bodyFile, m.generatedLine - 1, m.generatedColumn);
  });
  const code = (helperLines.length ? prelude.code + '\n' : '') + body;
  return { code, map: JSON.stringify(toEncodedMap(gen)), helpers: prelude.names };
}
