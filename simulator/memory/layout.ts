/**
 * Espruino's JsVar block layouts. Every constant here is derived the way
 * Espruino 2v29 derives it in `src/jsutils.h` (JSVARREF_BITS,
 * JSVAR_DATA_STRING_NAME_LEN, JSVAR_DATA_STRING_LEN, JSVAR_DATA_STRING_MAX_LEN).
 */

/** A resolved JsVar layout: what one fixed-size block can hold. */
export interface JsVarLayout {
  /** `sizeof(JsVar)` in bytes: 13 (ESP32-C3), 14 (ESP32), 16, 27 (stock 64-bit Linux). */
  readonly bytesPerVar: number;
  /** JSVARREF_BITS: width of a reference, and of an integer inlined into a name. */
  readonly refBits: number;
  /** JSVAR_DATA_STRING_NAME_LEN: characters a NAME block holds (4 on 32-bit, 8 on 64-bit). */
  readonly nameChars: number;
  /** JSVAR_DATA_STRING_LEN: characters in the first block of a STRING. */
  readonly stringChars: number;
  /** JSVAR_DATA_STRING_MAX_LEN: characters in each STRING_EXT block. */
  readonly extChars: number;
  /** JSV_FLAT_STRING_BREAK_EVEN: strings longer than this are allocated flat where Espruino can. */
  readonly flatBreakEven: number;
  /** Smallest integer a NAME can hold inline instead of pointing to an INTEGER block. */
  readonly inlineIntMin: number;
  /** Largest integer a NAME can hold inline. */
  readonly inlineIntMax: number;
}

/** Layout shorthand; everything else is derived as Espruino's headers do. */
export interface JsVarLayoutOptions {
  /** `sizeof(JsVar)`: 12, 13, 14, 16 (32-bit builds) or 27 (64-bit resizable Linux build). */
  bytesPerVar: number;
  /**
   * JSVARREF_BITS. @default the width Espruino picks for `bytesPerVar`
   * (12→11, 13→12, 14→14, 16→16, 27→32). A 13-byte build with 8191 vars uses 13.
   */
  refBits?: number;
}

interface RefPacking { refBits: number; refCountBits: number; packBits: number; nameChars: number }

// jsutils.h: JSVAR_CACHE_SIZE picks JSVARREF_BITS; the refcount gets what is left.
const PACKINGS: { [bytes: number]: RefPacking } = {
  12: { refBits: 11, refCountBits: 4, packBits: 0, nameChars: 4 },
  13: { refBits: 12, refCountBits: 8, packBits: 0, nameChars: 4 },
  14: { refBits: 14, refCountBits: 8, packBits: 0, nameChars: 4 },
  16: { refBits: 16, refCountBits: 8, packBits: 0, nameChars: 4 },
  // RESIZABLE_JSVARS on a 64-bit host: 32-bit refs, 8-byte data area.
  27: { refBits: 32, refCountBits: 8, packBits: 0, nameChars: 8 },
};

/** Resolve a layout from its byte size; throws naming the option on an unknown size. */
export function resolveLayout(options: JsVarLayoutOptions | JsVarLayout): JsVarLayout {
  if (isResolved(options)) return options;
  const p = PACKINGS[options.bytesPerVar];
  if (!p) {
    throw new Error(`bytesPerVar must be one of ${Object.keys(PACKINGS).join(', ')} (got ${options.bytesPerVar})`);
  }
  const refBits = options.refBits ?? p.refBits;
  if (!Number.isInteger(refBits) || refBits < 8 || refBits > 32) {
    throw new Error(`refBits must be an integer from 8 to 32 (got ${options.refBits})`);
  }
  const refCountBits = options.refBits === undefined ? p.refCountBits : Math.max(4, p.refCountBits - (refBits - p.refBits) * 4);
  const stringChars = p.nameChars + ((refBits * 3 + p.packBits) >> 3);
  const extChars = p.nameChars + ((refBits * 3 + p.packBits + refCountBits) >> 3);
  return Object.freeze({
    bytesPerVar: options.bytesPerVar,
    refBits,
    nameChars: p.nameChars,
    stringChars,
    extChars,
    flatBreakEven: stringChars + extChars,
    inlineIntMin: refBits >= 32 ? -2147483648 : -(2 ** (refBits - 1)),
    inlineIntMax: refBits >= 32 ? 2147483647 : 2 ** (refBits - 1) - 1,
  });
}

function isResolved(o: JsVarLayoutOptions | JsVarLayout): o is JsVarLayout {
  return (o as JsVarLayout).extChars !== undefined;
}

/** ESP32 / ESP32-S3: 16383 vars of 14 bytes, 14-bit refs (strings 9 + 10 per ext). */
export const ESP32_LAYOUT: JsVarLayout = resolveLayout({ bytesPerVar: 14 });
/** ESP32-C3: 4095 vars of 13 bytes, 12-bit refs (strings 8 + 9 per ext). */
export const ESP32C3_LAYOUT: JsVarLayout = resolveLayout({ bytesPerVar: 13 });
/** 32-bit build with 16-bit refs (up to 65535 vars): strings 10 + 11 per ext. */
export const REF16_LAYOUT: JsVarLayout = resolveLayout({ bytesPerVar: 16 });
/** Stock 64-bit Linux build (RESIZABLE_JSVARS): 27-byte vars, names of 8, strings 20 + 21 per ext. */
export const LINUX64_LAYOUT: JsVarLayout = resolveLayout({ bytesPerVar: 27 });
