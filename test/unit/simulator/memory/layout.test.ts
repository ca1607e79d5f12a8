import { strict as assert } from 'assert';
import { ESP32_LAYOUT, ESP32C3_LAYOUT, LINUX64_LAYOUT, REF16_LAYOUT, resolveLayout } from '../../../../simulator/memory';

describe('JsVar layouts', () => {
  it('derives ESP32 blocks as jsutils.h does: 14 B, 14-bit refs, names 4, strings 9 + 10', () => {
    assert.deepEqual(
      [ESP32_LAYOUT.bytesPerVar, ESP32_LAYOUT.refBits, ESP32_LAYOUT.nameChars, ESP32_LAYOUT.stringChars, ESP32_LAYOUT.extChars, ESP32_LAYOUT.flatBreakEven],
      [14, 14, 4, 9, 10, 19]);
    assert.deepEqual([ESP32_LAYOUT.inlineIntMin, ESP32_LAYOUT.inlineIntMax], [-8192, 8191]);
  });

  it('derives the C3, 16-byte and 64-bit Linux layouts', () => {
    assert.deepEqual([ESP32C3_LAYOUT.stringChars, ESP32C3_LAYOUT.extChars, ESP32C3_LAYOUT.inlineIntMax], [8, 9, 2047]);
    assert.deepEqual([REF16_LAYOUT.stringChars, REF16_LAYOUT.extChars, REF16_LAYOUT.inlineIntMax], [10, 11, 32767]);
    assert.deepEqual([LINUX64_LAYOUT.nameChars, LINUX64_LAYOUT.stringChars, LINUX64_LAYOUT.extChars, LINUX64_LAYOUT.inlineIntMax], [8, 20, 21, 2147483647]);
  });

  it('names the option when the byte size is not a known layout', () => {
    assert.throws(() => resolveLayout({ bytesPerVar: 15 }), /bytesPerVar must be one of .*\(got 15\)/);
  });
});
