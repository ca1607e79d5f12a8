import { strict as assert } from 'assert';
import { ESP32_LAYOUT, ESP32C3_LAYOUT, JsVarLayout, LINUX64_LAYOUT } from '../../../../simulator/memory';
import {
  CalibrationFact, Deviation, modelProgramVars, modelValueVars, PROGRAM_CASES, VALUE_CASES, ValueCase,
} from '../../../../simulator/memory/calibration-cases';
import { CalibrationBuild, MEASURED_PROGRAMS, MEASURED_VALUES } from '../../../../simulator/memory/calibration-data';

const BUILDS: { [b in CalibrationBuild]: JsVarLayout } = { esp32: ESP32_LAYOUT, c3: ESP32C3_LAYOUT, linux64: LINUX64_LAYOUT };

const expectedDelta = (deviations: Deviation[] | undefined, b: CalibrationBuild): number =>
  (deviations || []).filter((d) => d.build === b).reduce((s, d) => s + d.delta, 0);

/** The number a fact speaks of, from a case's cold and warm counts. */
function factValue(f: CalibrationFact, c: ValueCase, m: { cold: number; warm: number }): number {
  switch (f.counts) {
    case 'warm': return m.warm;
    case 'warm+name': return m.warm + 1;
    case 'cold+name': return m.cold + 1;
    case 'perElement': return (m.warm - 1) / (c.count as number); // minus the ARRAY block
    case 'perProperty': return (m.warm - 1) / (c.count as number); // minus the OBJECT block
  }
}

describe('calibration against Espruino 2v29 (measured on its Linux builds)', () => {
  for (const c of VALUE_CASES) {
    it(`reproduces ${c.id} cold and warm on every layout (scopes pinned)`, () => {
      for (const b of Object.keys(BUILDS) as CalibrationBuild[]) {
        const measured = MEASURED_VALUES[c.id][b];
        assert.ok(measured, `${c.id} was measured on ${b}`);
        const model = modelValueVars(c, BUILDS[b], true);
        const d = expectedDelta(c.deviations, b);
        assert.deepEqual(model, { cold: measured.cold + d, warm: measured.warm + d }, `${c.id} on ${b}`);
      }
    });
  }

  for (const p of PROGRAM_CASES) {
    it(`reproduces the whole program ${p.id} on every layout`, () => {
      for (const b of Object.keys(BUILDS) as CalibrationBuild[]) {
        const measured = MEASURED_PROGRAMS[p.id][b] as number;
        assert.equal(modelProgramVars(p.program, BUILDS[b]), measured + expectedDelta(p.deviations, b), `${p.id} on ${b}`);
      }
    });
  }

  it('without pinning, only tells apart activations whose visible values differ', () => {
    const c = VALUE_CASES.find((x) => x.id === 'closure-depth2') as ValueCase;
    const plain = modelValueVars(c, ESP32_LAYOUT);
    assert.equal(plain.cold, MEASURED_VALUES[c.id].esp32?.cold);
    assert.ok(plain.warm < (MEASURED_VALUES[c.id].esp32?.warm as number), 'two mk() activations with equal values are merged');
    const counter = VALUE_CASES.find((x) => x.id === 'closure-counter') as ValueCase;
    assert.deepEqual(modelValueVars(counter, ESP32_LAYOUT), MEASURED_VALUES[counter.id].esp32);
  });

  describe('ESPRUINO.md §3 facts (ESP32 layout)', () => {
    for (const c of VALUE_CASES.filter((x) => x.fact)) {
      const f = c.fact as CalibrationFact;
      it(`"${f.statement}" holds within ${f.tolerance} in the model and in the measurement`, () => {
        const measured = MEASURED_VALUES[c.id].esp32 as { cold: number; warm: number };
        const model = modelValueVars(c, ESP32_LAYOUT, true);
        assert.ok(Math.abs(factValue(f, c, model) - f.value) <= f.tolerance, `model ${factValue(f, c, model)} vs ${f.value}. ${f.note || ''}`);
        assert.ok(Math.abs(factValue(f, c, measured) - f.value) <= f.tolerance, `measured ${factValue(f, c, measured)} vs ${f.value}`);
      });
    }
  });
});
