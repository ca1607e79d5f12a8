/**
 * Which parts of a regular expression Espruino 2v29 cannot run.
 *
 * Espruino's matcher (src/jswrap_regexp.c, `matchhere`/`matchcharacter`) is a
 * small backtracking engine. It understands `.`, `[...]`, `[^...]`, `^`, `$`,
 * `(...)` capture, `*` and `+` on a single character, a top-level `|`, and the
 * escapes `\d \D \s \S \w \W \f \n \r \t \v \0 \xHH`. Everything else either
 * silently fails to match or matches the wrong text. Measured on the 2v29
 * Linux build: `/ab?c/` matches neither "ac" nor "abc", `/x(a|b)c/` matches
 * "bc", `/(ab)+/` never matches, `/^b/m` ignores `m`, `/b/y` ignores `y`,
 * `/\1/` throws, and the lexer ends a literal at the first `/`, even inside
 * `[...]`, so `/[/]/` is a syntax error. The `s` flag is not lexed at all.
 */

/** Flags Espruino's matcher honours (jswrap_regexp_hasFlag: 'g', 'i'). */
const SUPPORTED_FLAGS = 'gi';

/** Escapes `matchcharacter` implements; other letters fall back to the letter. */
const KNOWN_ESCAPES = 'dDsSwWfnrtv0x';

interface ScanState {
  features: string[];
  /** Depth of open groups, for `|` and group quantifiers. */
  depth: number;
}

function note(state: ScanState, feature: string): void {
  if (state.features.indexOf(feature) < 0) state.features.push(feature);
}

/** Scans `[...]` starting at `i` (the `[`); returns the index after `]`. */
function scanClass(src: string, i: number, state: ScanState): number {
  let j = i + 1;
  while (j < src.length && src[j] !== ']') {
    if (src[j] === '\\') {
      checkEscape(src[j + 1], state, true);
      j += 2;
      continue;
    }
    if (src[j] === '/') note(state, 'unescaped / inside [...]');
    j++;
  }
  return j + 1;
}

function checkEscape(ch: string | undefined, state: ScanState, inClass: boolean): void {
  if (ch === undefined) return;
  if (ch === 'b' && inClass) return; // [\b] is backspace, which Espruino has
  if (ch === 'b' || ch === 'B') return note(state, '\\b word boundary');
  if (ch >= '1' && ch <= '9') return note(state, 'backreference');
  if (ch === 'k') return note(state, 'named backreference');
  if (/[a-zA-Z]/.test(ch) && KNOWN_ESCAPES.indexOf(ch) < 0) note(state, `\\${ch} escape`);
}

/**
 * Handles `(` at `i`: notes the group prefixes Espruino cannot parse and
 * returns the index after the prefix, so its `?` is not read as a quantifier.
 */
function scanGroupOpen(src: string, i: number, state: ScanState): number {
  state.depth++;
  if (src[i + 1] !== '?') return i + 1;
  const two = src.slice(i + 2, i + 4);
  if (src[i + 2] === ':') note(state, '(?: group');
  else if (src[i + 2] === '=' || src[i + 2] === '!') note(state, 'lookahead');
  else if (two === '<=' || two === '<!') note(state, 'lookbehind');
  else if (src[i + 2] === '<') {
    note(state, 'named group');
    const close = src.indexOf('>', i + 3);
    return close < 0 ? i + 3 : close + 1;
  }
  return i + (two === '<=' || two === '<!' ? 4 : 3);
}

/** Handles a quantifier at `i`; returns the index after it (and any lazy `?`). */
function scanQuantifier(src: string, i: number, afterGroup: boolean, state: ScanState): number {
  const brace = /^\{\d+(,\d*)?\}/.exec(src.slice(i));
  const len = brace ? brace[0].length : 1;
  if (brace) note(state, '{n,m} quantifier');
  else if (src[i] === '?') note(state, '? quantifier');
  if (afterGroup) note(state, 'quantified group');
  if (src[i + len] === '?') {
    note(state, 'lazy quantifier');
    return i + len + 1;
  }
  return i + len;
}

function isQuantifierAt(src: string, i: number): boolean {
  const c = src[i];
  return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(i)));
}

/**
 * Lists the features of a regular expression that Espruino 2v29 does not
 * support, in order of first appearance; empty when the regex is safe.
 *
 * @param pattern the source between the slashes (`RegExp#source`).
 * @param flags the flags after the closing slash; only `g` and `i` are honoured.
 */
export function unsupportedRegexFeatures(pattern: string, flags: string): string[] {
  const state: ScanState = { features: [], depth: 0 };
  let i = 0;
  let prevWasGroup = false;
  while (i < pattern.length) {
    const c = pattern[i];
    if (isQuantifierAt(pattern, i)) {
      i = scanQuantifier(pattern, i, prevWasGroup, state);
      prevWasGroup = false;
      continue;
    }
    prevWasGroup = c === ')';
    if (c === '\\') {
      checkEscape(pattern[i + 1], state, false);
      i += 2;
      continue;
    }
    if (c === '[') {
      i = scanClass(pattern, i, state);
      continue;
    }
    if (c === '(') {
      i = scanGroupOpen(pattern, i, state);
      continue;
    }
    if (c === ')') state.depth = Math.max(0, state.depth - 1);
    else if (c === '|' && state.depth > 0) note(state, '| inside a group');
    i++;
  }
  for (const f of flags) {
    if (SUPPORTED_FLAGS.indexOf(f) < 0) note(state, `${f} flag`);
  }
  return state.features;
}

/**
 * The sentence both checkers use for an unsupported regex, e.g.
 * `regex /a{2}/ uses {n,m} quantifier; Espruino 2v29 ...`.
 */
export function regexMessage(literal: string, features: string[]): string {
  const shown = literal.length > 40 ? `${literal.slice(0, 37)}...` : literal;
  return (
    `regex ${shown} uses ${features.join(', ')}; Espruino 2v29's RegExp silently ` +
    'mis-matches these. Use [...], *, +, ^, $, a top-level | and flags g/i only, ' +
    'or string methods (indexOf, split, charCodeAt)'
  );
}
