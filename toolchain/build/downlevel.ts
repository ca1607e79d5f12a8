import * as ts from 'typescript';
import { BUILTIN_REQUIRE } from './bundle';

export interface DownlevelResult {
  code: string;
  /** Source map from the ES5 code back to the esbuild bundle. */
  map: string;
  /** `__name` identifiers the ES5 code references (TypeScript helpers it needs). */
  helpersUsed: string[];
  /** Array holes rewritten to `void 0`. */
  holesRewritten: number;
  /** Bare `return;` statements rewritten to `return void 0;`. */
  bareReturnsRewritten: number;
}

/**
 * Stage 2: downlevel the esbuild bundle to ES5 with TypeScript, without its
 * stock helpers (`noEmitHelpers`), and in the same pass:
 * - rename the built-in module placeholder to Espruino's `require`;
 * - rewrite array holes `[a,,b]` to `[a,void 0,b]`, because Espruino fails
 *   to parse a hole in a branch it does not execute (ESPRUINO.md §1). This
 *   happens before minifying so the composed source map stays exact.
 */
export function downlevel(code: string, fileName = 'bundle.js'): DownlevelResult {
  let holes = 0;
  let bareReturns = 0;
  const renameBuiltin: ts.TransformerFactory<ts.SourceFile> = (ctx) => {
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isIdentifier(node) && node.text === BUILTIN_REQUIRE) {
        return ts.setTextRange(ctx.factory.createIdentifier('require'), node);
      }
      return ts.visitEachChild(node, visit, ctx);
    };
    return (sf) => ts.visitNode(sf, visit) as ts.SourceFile;
  };
  // After the ES5 transform no destructuring pattern is left, so every
  // OmittedExpression still in an array literal is a real hole.
  // Also: a bare `return` that the minifier prints right before `}` (as
  // `x++;return}`) makes Espruino 2v29 throw "Unexpected end of Input" when
  // the function runs, so every bare return becomes `return void 0`.
  const fillHoles: ts.TransformerFactory<ts.SourceFile> = (ctx) => {
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isReturnStatement(node) && !node.expression) {
        bareReturns++;
        return ts.setTextRange(ctx.factory.updateReturnStatement(node, ctx.factory.createVoidZero()), node);
      }
      if (ts.isArrayLiteralExpression(node) && node.elements.some(ts.isOmittedExpression)) {
        const elements = node.elements.map((e) => {
          if (!ts.isOmittedExpression(e)) return ts.visitNode(e, visit) as ts.Expression;
          holes++;
          return ts.setTextRange(ctx.factory.createVoidZero(), e);
        });
        return ts.setTextRange(ctx.factory.updateArrayLiteralExpression(node, elements), node);
      }
      return ts.visitEachChild(node, visit, ctx);
    };
    return (sf) => ts.visitNode(sf, visit) as ts.SourceFile;
  };
  const out = ts.transpileModule(code, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.None,
      allowJs: true,
      noEmitHelpers: true,
      importHelpers: false,
      downlevelIteration: false,
      removeComments: true,
      sourceMap: true,
      inlineSourceMap: false,
      newLine: ts.NewLineKind.LineFeed,
    },
    transformers: { before: [renameBuiltin], after: [fillHoles] },
    reportDiagnostics: false,
  });
  const es5 = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  return { code: es5, map: out.sourceMapText || '', helpersUsed: findHelperRefs(es5), holesRewritten: holes, bareReturnsRewritten: bareReturns };
}

function findHelperRefs(code: string): string[] {
  const found: { [k: string]: true } = {};
  const re = /(^|[^\w$.])(__[A-Za-z]\w*)\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) found[m[2]] = true;
  return Object.keys(found).sort();
}
