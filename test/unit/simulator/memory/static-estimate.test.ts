import { strict as assert } from 'assert';
import { ESP32_LAYOUT as L, estimateBundleJsVars } from '../../../../simulator/memory';
import { PROGRAM_CASES } from '../../../../simulator/memory/calibration-cases';
import { MEASURED_PROGRAMS } from '../../../../simulator/memory/calibration-data';

const program = (id: string): string => (PROGRAM_CASES.find((p) => p.id === id) as { program: string }).program;

describe('estimateBundleJsVars', () => {
  it('matches the interpreter on programs whose data is literal', () => {
    for (const id of ['iife-ring', 'literal-data']) {
      assert.equal(estimateBundleJsVars(program(id), L, { codeInRam: true }).total, MEASURED_PROGRAMS[id].esp32, id);
    }
    assert.ok(Math.abs(estimateBundleJsVars(program('iife-state'), L, { codeInRam: true }).total - (MEASURED_PROGRAMS['iife-state'].esp32 as number)) <= 2);
  });

  it('misses data made at run time (instances, loops): a lower bound there', () => {
    for (const id of ['es5-class', 'factory-loop']) {
      assert.ok(estimateBundleJsVars(program(id), L, { codeInRam: true }).total < (MEASURED_PROGRAMS[id].esp32 as number), id);
    }
  });

  it('drops an IIFE function object but keeps its activation', () => {
    const e = estimateBundleJsVars('(function(){ var a = 1.5; function f(){ return a; } })();', L);
    // f: FUNCTION + `\xFFcod` + flash ref + `\xFFsco`; activation: 1 + a (name, float) + f (name)
    assert.equal(e.byKind.functions + e.byKind.code, 3);
    assert.equal(e.byKind.scopes, 1 + 1 + 2 + 1);
    assert.equal(e.total, 8);
  });

  it('charges RAM code by length and Storage code at 2 blocks a function', () => {
    const code = '(function(){ var n = 0; setInterval(function(){ n = n + 1; n = n * 2; n = n - 1; n = n / 2; }, 1000); })();';
    const flash = estimateBundleJsVars(code, L);
    const ram = estimateBundleJsVars(code, L, { codeInRam: true });
    assert.equal(flash.byKind.code, 2);
    assert.equal(ram.byKind.code, 1 + 1 + Math.ceil(43 / 14));
    assert.equal(ram.total - flash.total, ram.byKind.code - flash.byKind.code);
  });

  it('adds the root entries of built-ins the code needs', () => {
    const e = estimateBundleJsVars('var a = [1, 2]; a.push(3); var f = new Float32Array(4);', L);
    assert.equal(e.byKind.builtins, 8 + 8); // Array (push), Float32Array (new)
  });

  it('throws acorn\'s SyntaxError for a bundle that does not parse', () => {
    assert.throws(() => estimateBundleJsVars('function (', L), SyntaxError);
  });
});
