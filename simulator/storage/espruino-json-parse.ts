/**
 * The liberal JSON reader behind `Storage.readJSON` (src/jswrap_json.c
 * jswrap_json_parse_liberal). It accepts what writeJSON writes: unquoted keys,
 * 'single quotes', `\xXX` and `\N` escapes, comments and trailing commas, and
 * ignores anything after the first value. Errors are Espruino's SyntaxErrors.
 */
import { Lexer, tokenDetail, tokenName, type Token } from './espruino-json-lex';

/** A parse that gave up without an exception (Espruino returns undefined silently). */
class Abandon {}

function match(lex: Lexer, c: string): void {
  if (lex.tk.t === 'CH' && lex.tk.c === c) return lex.next();
  throw new SyntaxError(`Got ${tokenDetail(lex.tk)} expected '${c}'`);
}

const isCh = (tk: Token, c: string): boolean => tk.t === 'CH' && tk.c === c;

function parseValue(lex: Lexer): unknown {
  const tk = lex.tk;
  if (tk.t === 'WORD' && (tk.v === 'true' || tk.v === 'false' || tk.v === 'null')) {
    lex.next();
    return tk.v === 'null' ? null : tk.v === 'true';
  }
  if (tk.t === 'INT' || tk.t === 'FLOAT' || tk.t === 'STR') {
    lex.next();
    return tk.v;
  }
  if (isCh(tk, '-')) {
    lex.next();
    const t = lex.tk.t;
    if (t !== 'INT' && t !== 'FLOAT') throw new Abandon();
    return 0 - (parseValue(lex) as number);
  }
  if (isCh(tk, '[')) return parseArray(lex);
  if (isCh(tk, '{')) return parseObject(lex);
  throw new SyntaxError(`Expecting valid value, got ${tokenName(tk)}`);
}

function parseArray(lex: Lexer): unknown[] {
  const arr: unknown[] = [];
  lex.next();
  while (!isCh(lex.tk, ']')) {
    arr.push(parseValue(lex));
    if (!isCh(lex.tk, ']')) match(lex, ',');
  }
  lex.next();
  return arr;
}

function parseObject(lex: Lexer): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  lex.next();
  for (let tk = lex.tk; tk.t === 'STR' || tk.t === 'INT' || tk.t === 'ID' || tk.t === 'WORD'; tk = lex.tk) {
    lex.next();
    match(lex, ':');
    obj[String(tk.v)] = parseValue(lex);
    if (!isCh(lex.tk, '}')) match(lex, ',');
  }
  match(lex, '}');
  return obj;
}

/**
 * Parse `text` (a binary string) as Espruino's readJSON does.
 * @param noExceptions when true, any failure returns undefined instead of throwing
 * @throws SyntaxError with Espruino's message, e.g. "Got EOF expected '}'"
 */
export function parseEspruinoJson(text: string, noExceptions: boolean): unknown {
  try {
    return parseValue(new Lexer(text));
  } catch (e) {
    if (e instanceof Abandon || noExceptions) return undefined;
    throw e;
  }
}
