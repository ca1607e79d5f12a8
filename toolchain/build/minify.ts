import { minify } from 'terser';

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
    mangle: { toplevel: false },
    format: { ecma: 5, comments: false, ascii_only: true, semicolons: true },
    sourceMap: { content: map, includeSources: false, asObject: false },
  });
  if (!out.code || !out.map) throw new Error('terser produced no output');
  return { code: out.code, map: out.map as string };
}
