import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CHECK_RULES, checkBundleFile, formatViolation } from '../../toolchain/check';
import { EMITTED_DIR, emittedFixtureNames, expectedLines, fixtureMapText } from './fixtures/fixture-map';

/** Fixtures that are not one-rule fixtures. */
const MULTI = ['clean', 'many'];

function actualLines(name: string): string[] {
  return checkBundleFile(`${name}.js`, { cwd: EMITTED_DIR }).map(formatViolation);
}

describe('homebound check: one fixture per rule', () => {
  const names = emittedFixtureNames();

  it('has a fixture for every rule id and no fixture without a rule', () => {
    const ruleFixtures = names.filter((n) => MULTI.indexOf(n) < 0);
    assert.deepEqual(ruleFixtures, Object.keys(CHECK_RULES).sort());
  });

  it('keeps every committed .js.map in step with the fixture generator', () => {
    for (const name of names) {
      const committed = fs.readFileSync(path.join(EMITTED_DIR, `${name}.js.map`), 'utf8');
      assert.equal(committed, fixtureMapText(name), `${name}.js.map is stale: run npx ts-node --transpile-only test/dialect/fixtures/fixture-map.ts`);
    }
  });

  for (const name of names.filter((n) => MULTI.indexOf(n) < 0)) {
    it(`reports ${name} at its TypeScript line with the expected message`, () => {
      const text = fs.readFileSync(path.join(EMITTED_DIR, `${name}.js`), 'utf8');
      const expected = expectedLines(text);
      assert.equal(expected.length, 1, `${name}.js must expect exactly one violation`);
      assert.ok(expected[0].startsWith(`src/${name}.ts:`), 'the expectation names the mapped TS file');
      assert.equal(expected[0].split(' ')[1], name, 'the fixture exercises its own rule');
      assert.deepEqual(actualLines(name), expected);
    });
  }
});
