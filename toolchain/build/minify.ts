import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { minify } from 'terser';
import { GLOBAL_CLASSES, GLOBAL_FUNCTIONS, GLOBAL_VALUES } from '../check';

/**
 * Stage 4: minify for Espruino. Function hoisting is mandatory (Espruino has
 * none, ESPRUINO.md §2) and the default compress set is off: `join_vars` and
 * friends were shown to break the result. Mangling shortens names, which also
 * speeds Espruino up because it re-parses function bodies as it runs them.
 */
export async function minifyForEspruino(code: string, map: string, fileName: string): Promise<{ code: string; map: string }> {
  const out = await minify({ [fileName]: code }, {
    ecma: 5,
    compress: { defaults: false, hoist_funs: true },
    mangle: { toplevel: true, reserved: espruinoGlobals() },
    format: { ecma: 5, comments: false, ascii_only: true, semicolons: true },
    sourceMap: { content: map, includeSources: false, asObject: false },
  });
  if (!out.code || !out.map) throw new Error('terser produced no output');
  return terminateBareReturns(out.code, out.map as string);
}

/**
 * Terser prints a bare `return` right before `}` (`x++;return}`), even from
 * `return void 0`. Espruino 2v29 then throws "Unexpected end of Input" when
 * the function runs (a body that is only `return}` is fine). Insert the `;`
 * and shift the source map's columns after each insertion.
 */
export function terminateBareReturns(code: string, map: string): { code: string; map: string } {
  const at: number[] = [];
  walk.simple(acorn.parse(code, { ecmaVersion: 5 }), {
    ReturnStatement(n: acorn.Node & { argument?: unknown }) {
      if (!n.argument && code.charAt(n.end) === '}') at.push(n.end);
    },
  });
  if (at.length === 0) return { code, map };
  if (code.indexOf('\n') >= 0) throw new Error('terminateBareReturns expects one line of minified code');
  at.sort((a, b) => a - b);
  let out = '';
  let prev = 0;
  for (const i of at) { out += code.slice(prev, i) + ';'; prev = i; }
  out += code.slice(prev);
  // Offsets are columns: the minified bundle is one line.
  const m = JSON.parse(map);
  const lines = decode(m.mappings);
  for (const line of lines) {
    for (const seg of line) {
      let shift = 0;
      while (shift < at.length && at[shift] <= seg[0]) shift++;
      seg[0] += shift;
    }
  }
  m.mappings = encode(lines);
  return { code: out, map: JSON.stringify(m) };
}

/** Every global Espruino defines (pins included): top-level names must never shadow one. */
function espruinoGlobals(): string[] {
  const pins: string[] = [];
  for (let i = 0; i <= 48; i++) pins.push(`D${i}`, `A${i}`);
  return [...GLOBAL_FUNCTIONS, ...GLOBAL_VALUES, ...Object.keys(GLOBAL_CLASSES), ...pins, 'require', 'global', 'module', 'exports'];
}
