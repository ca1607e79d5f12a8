import * as esbuild from 'esbuild';
import type { BoardDefinition } from '../../sdk/model/board';

/** Espruino modules that are compiled into the firmware and loaded with `require(name)`. */
export const ESPRUINO_BUILTIN_MODULES = ['Storage', 'http', 'net', 'Wifi', 'crypto', 'ESP32', 'tls', 'heatshrink'];

/**
 * Placeholder the bundle calls for a built-in module. The ES5 stage renames it
 * to Espruino's `require`. esbuild would otherwise shim an external `require`
 * with a `Proxy`-based `__require`, which Espruino lacks (ESPRUINO.md §2).
 */
export const BUILTIN_REQUIRE = '__hb_builtin';

export interface BundleResult {
  code: string;
  /** esbuild's source map, sources relative to `root`. */
  map: string;
  /** Source files that went into the bundle, relative to `root`. */
  inputs: string[];
}

/** What firmware sees of the board: only what it needs at run time (JsVars cost). */
export function deviceBoard(board: BoardDefinition): object {
  // Network flags only (not the module list): what the platform needs to decide whether to load net/Wifi.
  const m = board.modules.builtin;
  return { id: board.id, chip: board.chip, storage: board.storage, wiring: board.wiring, net: m.indexOf('net') >= 0 && m.indexOf('http') >= 0, wifi: board.modules.wifi && m.indexOf('Wifi') >= 0 };
}

/**
 * Stage 1: resolve imports into one script. esbuild emits a modern target so
 * that TypeScript does all the downlevelling in stage 2.
 *
 * The output is flat top-level code, not an IIFE: on Espruino every function
 * defined inside a function keeps a link to its scope (1 JsVar, 2 + depth
 * deeper down), so an IIFE around the bundle costs a JsVar per function and
 * more per closure; measured on the fridge with every purpose on: 4596 →
 * 4037 JsVars. The minifier mangles the resulting global names, never onto an
 * Espruino global or pin (toolchain/build/minify.ts).
 */
export async function bundleEntry(entry: string, root: string, board: BoardDefinition): Promise<BundleResult> {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    charset: 'utf8',
    outfile: 'bundle.js',
    metafile: true,
    logLevel: 'silent',
    // A string constant, parsed by sdk/device/board.ts: the parsed object can
    // be freed after boot, an object literal in the code lives forever (−54 JsVars).
    define: { HOMEBOUND_BOARD: JSON.stringify(JSON.stringify(deviceBoard(board))) },
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, importsNotUsedAsValues: 'remove' } as never },
    plugins: [espruinoModules(board)],
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  if (!js || !map) throw new Error('esbuild produced no bundle');
  const inputs = Object.keys(result.metafile!.inputs).filter((f) => !f.startsWith('espruino-builtin:')).sort();
  return { code: js.text, map: map.text, inputs };
}

/** Maps `import x from "Storage"` to Espruino's own module, refusing modules the board lacks. */
function espruinoModules(board: BoardDefinition): esbuild.Plugin {
  const filter = new RegExp(`^(${ESPRUINO_BUILTIN_MODULES.join('|')})$`);
  return {
    name: 'espruino-modules',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (board.modules.builtin.indexOf(args.path) < 0) {
          return {
            errors: [{
              text: `module '${args.path}' is not available on board ${board.id} (boards/${board.id}.json modules.builtin: ${board.modules.builtin.join(', ')})`,
            }],
          };
        }
        return { path: args.path, namespace: 'espruino-builtin' };
      });
      build.onLoad({ filter: /.*/, namespace: 'espruino-builtin' }, (args) => ({
        contents: `export default ${BUILTIN_REQUIRE}(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}
