import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BoardError, listBoards, loadBoard, validateBoard } from '../../../../toolchain/boards';

describe('board definitions', () => {
  it('lists the ESP32 variants and the Linux build', () => {
    assert.deepEqual(listBoards(), ['esp32', 'esp32c3', 'esp32s3', 'espruino-linux']);
  });

  it('loads every board file against the schema', () => {
    for (const id of listBoards()) {
      const b = loadBoard(id);
      assert.equal(b.id, id);
      assert.ok(b.jsvars.atBoot <= b.jsvars.cap, id);
      assert.equal(b.storage.bytes % b.storage.pageBytes, 0, id);
    }
  });

  it('records the ESP32 and C3 JsVar formats and budgets against the boot figure', () => {
    const esp32 = loadBoard('esp32');
    assert.deepEqual([esp32.jsvars.cap, esp32.jsvars.bytesPerVar, esp32.jsvars.atBoot, esp32.jsvars.atBootBleOff], [16383, 14, 2000, 4000]);
    const c3 = loadBoard('esp32c3');
    assert.deepEqual([c3.jsvars.cap, c3.jsvars.bytesPerVar], [4095, 13]);
  });

  it('names the file and the known boards for an unknown board', () => {
    assert.throws(() => loadBoard('esp8266'), (e: Error) => e instanceof BoardError && /unknown board 'esp8266': no file boards\/esp8266\.json \(boards: esp32, esp32c3/.test(e.message));
  });

  describe('malformed files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-board-'));
    const base = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../boards/esp32.json'), 'utf8'));
    const write = (id: string, data: unknown): string => {
      const f = path.join(dir, `${id}.json`);
      fs.writeFileSync(f, typeof data === 'string' ? data : JSON.stringify(data));
      return f;
    };
    const expectError = (id: string, data: unknown, pattern: RegExp): void => {
      write(id, data);
      assert.throws(() => loadBoard(id, dir), (e: Error) => {
        assert.match(e.message, new RegExp(`${id}\\.json`));
        assert.match(e.message, pattern);
        return true;
      });
    };

    it('reports invalid JSON with the file name', () => expectError('broken', '{"id": ', /not valid JSON/));
    it('names a missing field', () => { const b = { ...base, id: 'nojs' }; delete b.jsvars; expectError('nojs', b, /: jsvars is required/); });
    it('names a field of the wrong type', () => expectError('badcap', { ...base, id: 'badcap', jsvars: { ...base.jsvars, cap: 'lots' } }, /jsvars\.cap must be an integer \(got string "lots"\)/));
    it('names an unknown field', () => expectError('extra', { ...base, id: 'extra', colour: 'red' }, /colour is not a known field/));
    it('rejects a boot figure above the cap', () => expectError('over', { ...base, id: 'over', jsvars: { ...base.jsvars, atBoot: 20000 } }, /jsvars\.atBoot must not exceed jsvars\.cap 16383/));
    it('rejects wiring to a pin without an ADC', () => {
      const wiring = { ...base.wiring, cabinetTemp: { ...base.wiring.cabinetTemp, pin: 'D2' } };
      expectError('noadc', { ...base, id: 'noadc', wiring }, /wiring\.cabinetTemp\.pin D2 has no ADC channel/);
    });
    it('rejects an id that differs from the file name', () => {
      assert.throws(() => validateBoard({ ...base, id: 'other' }, path.join(dir, 'x.json'), 'x'), /id must equal the file name 'x'/);
    });
  });
});
