/**
 * Scope pinning: make V8 keep what Espruino keeps.
 *
 * Espruino keeps a closure's whole enclosing activation (every param and
 * local); V8 keeps only the variables some closure captures, so values of
 * uncaptured locals are gone before the heap walk can see them (measured on
 * the fridge bundle: -3.9% on closure data). A direct `eval` call makes V8
 * context-allocate every variable of the function and of its ancestors, so
 * `if(0)eval("");` at the top of each function body pins them all without
 * ever running (the realm forbids string evaluation anyway). The heap walk
 * strips the pins from the code it counts.
 *
 * Costs: columns of the bundle shift (pass the pinned text as `source` to
 * measureRealm; stack traces no longer match the source map), and V8 may
 * optimise pinned functions less (no measurable change on two simulated days
 * of the fridge bundle). Use it for measurement runs, not for behaviour tests
 * that check stack traces.
 */
import * as acorn from 'acorn';
import { SCOPE_PIN } from './source-functions';

type Node = acorn.Node & { [k: string]: any };

/** Insert a scope pin at the top of every function body (after its directives). */
export function pinScopes(code: string): string {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }) as Node;
  const at: number[] = [];
  const visit = (n: Node): void => {
    if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type) && n.body.type === 'BlockStatement') {
      let pos = n.body.start + 1;
      for (const s of n.body.body as Node[]) {
        if (s.type === 'ExpressionStatement' && typeof s.directive === 'string') pos = s.end;
        else break;
      }
      at.push(pos);
    }
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === 'string') visit(c); }
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(ast);
  at.sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of at) { parts.push(code.slice(last, p), SCOPE_PIN); last = p; }
  parts.push(code.slice(last));
  return parts.join('');
}
