/**
 * The part of Espruino's lexer (src/jslex.c, ESP32 build without
 * ESPR_UNICODE_SUPPORT) that `Storage.readJSON` relies on: IDs and reserved
 * words, numbers (parsed digit by digit, as the device rounds), quoted strings
 * with their escapes, comments, and single-character tokens. Multi-character
 * operators are not needed by JSON and come out as their first character.
 */

/** One token. */
export type Token =
  | { t: 'EOF' }
  | { t: 'ID'; v: string }
  | { t: 'WORD'; v: string }
  | { t: 'INT' | 'FLOAT'; v: number }
  | { t: 'STR'; v: string }
  | { t: 'BAD'; name: string }
  | { t: 'CH'; c: string };

/** Words the lexer turns into reserved-word tokens (jslReservedWordAsString). */
const RESERVED = new Set(('if else do while for break continue function return var let const this throw try ' +
  'catch finally true false null undefined new in instanceof switch case default delete typeof void debugger ' +
  'class extends super static of').split(' '));

const isIdStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isIdChar = (c: string): boolean => isIdStart(c) || (c >= '0' && c <= '9');

/** stringToFloatWithRadix for a decimal float token: digit-by-digit, as the device rounds. */
function decimalFloat(text: string): number {
  let i = 0;
  let v = 0;
  while (i < text.length && text[i] >= '0' && text[i] <= '9') v = v * 10 + (text.charCodeAt(i++) - 48);
  if (text[i] === '.') {
    let mul = 0.1;
    for (i++; i < text.length && text[i] >= '0' && text[i] <= '9'; i++, mul /= 10) v += mul * (text.charCodeAt(i) - 48);
  }
  if (text[i] === 'e' || text[i] === 'E') {
    const neg = text[++i] === '-';
    if (text[i] === '-' || text[i] === '+') i++;
    let e = 0;
    while (i < text.length && text[i] >= '0' && text[i] <= '9') e = e * 10 + (text.charCodeAt(i++) - 48);
    for (; e > 0; e--) v = neg ? v / 10 : v * 10;
  }
  return v;
}

/** stringToInt with getRadix: 0x / 0b / 0o prefixes and legacy octal "017". */
function integer(text: string): number {
  const m = /^0([xXbBoO])(.*)$/.exec(text);
  if (m) return parseInt(m[2] || '0', { x: 16, b: 2, o: 8 }[m[1].toLowerCase() as 'x' | 'b' | 'o']) || 0;
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  return parseInt(text, 10);
}

/** A lexer over a binary string; `tk` is the current token, `next()` advances. */
export class Lexer {
  private pos = 0;
  tk: Token = { t: 'EOF' };

  constructor(private readonly src: string) {
    this.next();
  }

  next(): void {
    this.skipBlank();
    const s = this.src;
    const c = s[this.pos];
    if (c === undefined || c === '\0') this.tk = { t: 'EOF' };
    else if (isIdStart(c)) {
      const start = this.pos;
      while (this.pos < s.length && isIdChar(s[this.pos])) this.pos++;
      const v = s.slice(start, this.pos);
      this.tk = RESERVED.has(v) ? { t: 'WORD', v } : { t: 'ID', v };
    } else if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(s[this.pos + 1] ?? ''))) this.number();
    else if (c === '"' || c === "'") this.string(c);
    else if (c === '`') {
      const end = s.indexOf('`', this.pos + 1);
      this.pos = end < 0 ? s.length : end + 1;
      this.tk = { t: 'BAD', name: end < 0 ? 'UNFINISHED TEMPLATE LITERAL' : 'TEMPLATE LITERAL' };
    } else {
      this.pos++;
      this.tk = { t: 'CH', c };
    }
  }

  private skipBlank(): void {
    const s = this.src;
    for (;;) {
      while (this.pos < s.length && /[\t\n\v\f\r ]/.test(s[this.pos])) this.pos++;
      if (s.startsWith('//', this.pos)) {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else if (s.startsWith('/*', this.pos)) {
        const end = s.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? s.length : end + 2;
      } else return;
    }
  }

  private number(): void {
    const m = /^(0[xXbBoO][0-9A-Fa-f_]*|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]*)?)/.exec(this.src.slice(this.pos));
    const raw = m ? m[0] : '';
    this.pos += raw.length;
    const text = raw.replace(/_/g, '');
    const isFloat = !/^0[xXbBoO]/.test(text) && /[.eE]/.test(text);
    this.tk = isFloat ? { t: 'FLOAT', v: decimalFloat(text) } : { t: 'INT', v: integer(text) };
  }

  private string(delim: string): void {
    const s = this.src;
    let out = '';
    this.pos++;
    while (this.pos < s.length && s[this.pos] !== delim && s[this.pos] !== '\n' && s[this.pos] !== '\0') {
      const c = s[this.pos++];
      out += c === '\\' ? this.escape() : c;
    }
    if (s[this.pos] !== delim) {
      this.tk = { t: 'BAD', name: 'UNFINISHED STRING' };
      return;
    }
    this.pos++;
    this.tk = { t: 'STR', v: out };
  }

  /** One escape after a backslash. `\uXXXX` keeps only the low byte: no Unicode on ESP32. */
  private escape(): string {
    const s = this.src;
    const c = s[this.pos++] ?? '';
    const simple: Record<string, string> = { n: '\n', b: '\b', f: '\f', r: '\r', t: '\t', v: '\v' };
    if (c in simple) return simple[c];
    if (c === 'x' || c === 'u') {
      const m = /^[0-9A-Fa-f]*/.exec(s.slice(this.pos, this.pos + (c === 'x' ? 2 : 4)));
      const digits = m ? m[0] : '';
      this.pos += digits.length;
      if (digits.length !== (c === 'x' ? 2 : 4)) throw new Error('Invalid escape sequence');
      return String.fromCharCode(parseInt(digits, 16) & 0xff);
    }
    if (c >= '0' && c <= '7') {
      const m = /^[0-7]{0,2}/.exec(s.slice(this.pos)) as RegExpExecArray;
      this.pos += m[0].length;
      return String.fromCharCode(parseInt(c + m[0], 8) & 0xff);
    }
    return c;
  }
}

/** jslTokenAsString. */
export function tokenName(tk: Token): string {
  switch (tk.t) {
    case 'EOF': return 'EOF';
    case 'ID': return 'ID';
    case 'WORD': return tk.v;
    case 'INT': return 'INT';
    case 'FLOAT': return 'FLOAT';
    case 'STR': return 'STRING';
    case 'BAD': return tk.name;
    case 'CH': {
      const code = tk.c.charCodeAt(0);
      if (code > 32 && code < 128) return `'${tk.c}'`;
      return code === 255 ? '[ERASED]' : `?[${code}]`;
    }
  }
}

/** jslGetTokenString: like tokenName, with the value of IDs and strings. */
export function tokenDetail(tk: Token): string {
  if (tk.t === 'ID') return 'ID:' + tk.v;
  if (tk.t === 'STR') return `String:'${tk.v}'`;
  return tokenName(tk);
}

