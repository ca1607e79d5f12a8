/**
 * The emitted-JS checker: parses a bundle with acorn, applies every rule to
 * every node and maps each violation back to its TypeScript source.
 */
import { parse, type Node } from 'acorn';
import { shippedHelperNames } from '../build/helpers';
import { apiHit, type ApiContext } from './api-rules';
import { buildScopes, walkNodes } from './scope';
import { createPositionMapper, type PositionMapper } from './source-map';
import { syntaxHit, type RuleHit } from './syntax-rules';
import type { CheckOptions, RawSourceMap, Violation } from './types';

interface Located extends RuleHit {
  /** 1-based line and 0-based column in the bundle, as acorn reports. */
  line: number;
  column: number;
}

function parseBundle(code: string): Node | Located {
  try {
    return parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    const message = err.message.replace(/ \(\d+:\d+\)$/, '');
    return { rule: 'parse', message: `${message}; the bundle is not valid JavaScript`, ...(err.loc ?? { line: 1, column: 0 }) };
  }
}

/** Every rule hit in the program, at most one per node, in bundle order. */
function collectHits(program: Node, shippedHelpers: readonly string[]): Located[] {
  const ctx: ApiContext = { scopes: buildScopes(program), shippedHelpers };
  const hits: Located[] = [];
  const seen = new Set<Node>();
  walkNodes(program, (node, ancestors) => {
    if (seen.has(node)) return;
    const found = syntaxHit(node, ancestors) ?? apiHit(node, ancestors, ctx);
    if (!found || !node.loc) return;
    seen.add(node);
    hits.push({ ...found, line: node.loc.start.line, column: node.loc.start.column });
  });
  return hits.sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1));
}

function toViolation(hit: Located, mapper: PositionMapper | undefined, bundlePath: string): Violation {
  const generated = { line: hit.line, column: hit.column + 1 };
  const original = mapper?.(hit.line, hit.column);
  const where = original ?? { file: bundlePath, ...generated };
  return { rule: hit.rule, message: hit.message, file: where.file, line: where.line, column: where.column, generated };
}

/**
 * Checks an emitted bundle against what Espruino 2v29 can parse and run.
 *
 * Reports every violation (one per syntax node), sorted by position in the
 * bundle; an empty array means the bundle is clean. A bundle acorn cannot
 * parse yields exactly one `parse` violation.
 *
 * @param code the bundle text.
 * @param map its source map (object or JSON text); positions stay in the
 *   bundle without it.
 * @throws Error when `map` is not a readable source map.
 */
export function checkBundle(code: string, map?: RawSourceMap | string, options: CheckOptions = {}): Violation[] {
  const bundlePath = options.bundlePath ?? '<bundle>';
  const mapper = map === undefined ? undefined : createPositionMapper(map, options.mapPath, options.cwd ?? process.cwd());
  const parsed = parseBundle(code);
  const hits = 'rule' in parsed ? [parsed] : collectHits(parsed, options.shippedHelpers ?? shippedHelperNames());
  return hits.map((h) => toViolation(h, mapper, bundlePath));
}
