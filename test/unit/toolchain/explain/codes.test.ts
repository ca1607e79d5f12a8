import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { explainCode, unexplainedCodes } from '../../../../toolchain/explain';

describe('device code sentences', () => {
  const source = fs.readFileSync(path.join(__dirname, '../../../../sdk/model/errors.ts'), 'utf8');
  const codes = [...source.matchAll(/^\s+\w+ = (\d+),$/gm)].map((m) => Number(m[1]));

  it('has a sentence for every code the device can print', () => {
    assert.ok(codes.length > 30, `parsed only ${codes.length} codes`);
    assert.deepEqual(unexplainedCodes(codes), []);
  });

  it('expands a gate refusal into a sentence and says so for unknown codes', () => {
    assert.match(explainCode(61), /stale/);
    assert.equal(explainCode(9999), 'unknown code 9999');
  });
});
