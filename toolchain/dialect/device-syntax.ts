/**
 * Syntax rules over the TypeScript tree of device code (sdk/, firmware/):
 * the constructs no `lib` setting can reject (ESPRUINO.md §2, "Types").
 * `noLib` with Espruino's declarations rejects missing builtins; this rejects
 * async, generators, labels and the regex features Espruino cannot match.
 */
import * as path from 'path';
import * as ts from 'typescript';
import { regexMessage, unsupportedRegexFeatures } from './regex-features';

/** Every rule id {@link checkDeviceSyntax} reports, with what it catches. */
export const DEVICE_SYNTAX_RULES: { readonly [id: string]: string } = {
  async: 'async functions, arrows and methods, await outside them, for await',
  generator: 'generator functions and methods',
  label: 'labelled statements',
  regex: 'regex literals using features Espruino 2v29 cannot match, or flags other than g/i',
  symbol: 'Symbol(...), new Symbol and Symbol.x',
};

/** One device-dialect violation in a TypeScript source file. */
export interface Diagnostic {
  /** Path relative to the checker's `cwd`, with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Rule id: `async`, `generator`, `label`, `regex` or `symbol`. */
  rule: string;
  message: string;
}

/** Options of {@link checkDeviceSyntax}. */
export interface DeviceSyntaxOptions {
  /**
   * Directory diagnostics' paths are relative to; for a `ts.Program` it is
   * also the root `roots` are resolved against.
   * @default program.getCurrentDirectory(), else process.cwd()
   */
  cwd?: string;
  /**
   * Folders holding device code, relative to `cwd`; only used with a program.
   * @default ['sdk', 'firmware']
   */
  roots?: readonly string[];
}

/** A rule hit; `at` is the node to point at when it is not the visited one. */
type Hit = { rule: string; message: string; at?: ts.Node };

const ASYNC = 'is not supported on the device (Espruino 2v29 cannot parse it and Homebound ships no __awaiter); use callbacks or Promise then()';

/** The `async` modifier of `node`, if it has one. */
function asyncModifier(node: ts.Node): ts.Node | undefined {
  if (!ts.canHaveModifiers(node)) return undefined;
  return ts.getModifiers(node)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

function isAsync(node: ts.Node): boolean {
  return asyncModifier(node) !== undefined;
}

/** True when the nearest enclosing function in `ancestors` is async. */
function insideAsync(ancestors: readonly ts.Node[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) if (ts.isFunctionLike(ancestors[i])) return isAsync(ancestors[i]);
  return false;
}

/** `Symbol.x`, `Symbol(...)` or `new Symbol(...)`. */
function isSymbolUse(node: ts.Node, parent: ts.Node | undefined): boolean {
  if (!parent || !ts.isIdentifier(node) || node.text !== 'Symbol') return false;
  return (
    (ts.isPropertyAccessExpression(parent) || ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
    parent.expression === node
  );
}

function regexHit(node: ts.RegularExpressionLiteral): Hit | undefined {
  const text = node.text;
  const end = text.lastIndexOf('/');
  const features = unsupportedRegexFeatures(text.slice(1, end), text.slice(end + 1));
  return features.length ? { rule: 'regex', message: regexMessage(text, features) } : undefined;
}

/**
 * The rule `node` breaks, if any. Ancestors are passed explicitly because
 * source files parsed without `setParentNodes` have no `parent` links.
 */
function hitFor(node: ts.Node, ancestors: readonly ts.Node[]): Hit | undefined {
  const asyncKeyword = ts.isFunctionLike(node) ? asyncModifier(node) : undefined;
  if (asyncKeyword) return { rule: 'async', message: `an async function ${ASYNC}`, at: asyncKeyword };
  if (ts.isAwaitExpression(node) && !insideAsync(ancestors)) return { rule: 'async', message: `await ${ASYNC}` };
  if (ts.isForOfStatement(node) && node.awaitModifier) return { rule: 'async', message: `for await ${ASYNC}` };
  if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken) {
    return {
      rule: 'generator',
      message: 'a generator is not supported on the device (Espruino 2v29 cannot parse it and Homebound ships no __generator); use a callback or an explicit iterator object',
      at: node.asteriskToken,
    };
  }
  if (ts.isLabeledStatement(node)) {
    return { rule: 'label', message: 'a labelled statement does not parse on Espruino 2v29; use a flag variable or return from a function' };
  }
  if (ts.isRegularExpressionLiteral(node)) return regexHit(node);
  if (isSymbolUse(node, ancestors[ancestors.length - 1])) {
    return { rule: 'symbol', message: 'Symbol is not available on Espruino 2v29; use string keys' };
  }
  return undefined;
}

function checkFile(sf: ts.SourceFile, cwd: string, out: Diagnostic[]): void {
  const file = path.relative(cwd, path.resolve(cwd, sf.fileName)).split(path.sep).join('/');
  const ancestors: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    const hit = hitFor(node, ancestors);
    if (hit) {
      const pos = sf.getLineAndCharacterOfPosition((hit.at ?? node).getStart(sf));
      out.push({ file, line: pos.line + 1, column: pos.character + 1, rule: hit.rule, message: hit.message });
    }
    ancestors.push(node);
    ts.forEachChild(node, visit);
    ancestors.pop();
  };
  visit(sf);
}

function deviceFiles(program: ts.Program, cwd: string, roots: readonly string[]): ts.SourceFile[] {
  const dirs = roots.map((r) => path.resolve(cwd, r) + path.sep);
  return program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && dirs.some((d) => path.resolve(cwd, sf.fileName).startsWith(d)));
}

/**
 * Reports the device-dialect syntax violations in TypeScript sources.
 *
 * Given a program, checks its non-declaration files under `roots` (sdk/ and
 * firmware/); given source files, checks them all. Results are in file then
 * position order, every violation once.
 */
export function checkDeviceSyntax(input: ts.Program | readonly ts.SourceFile[], options: DeviceSyntaxOptions = {}): Diagnostic[] {
  const isProgram = !Array.isArray(input);
  const program = input as ts.Program;
  const cwd = options.cwd ?? (isProgram ? program.getCurrentDirectory() : process.cwd());
  const files = isProgram ? deviceFiles(program, cwd, options.roots ?? ['sdk', 'firmware']) : (input as readonly ts.SourceFile[]);
  const out: Diagnostic[] = [];
  for (const sf of files) checkFile(sf, cwd, out);
  return out;
}

/** A diagnostic as `file:line:col RULE message`, the format of `homebound check`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
}
