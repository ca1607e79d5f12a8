import { strict as assert } from 'assert';
import { VirtualClock } from '../../../../simulator/clock';
import { PinBus } from '../../../../simulator/pins/pin-bus';
import { loadBoard } from '../../../../toolchain/boards';

function bus(): { clock: VirtualClock; pins: PinBus } {
  const b = loadBoard('esp32');
  const clock = new VirtualClock({ startMs: 0 });
  const pins = new PinBus(b.pins.digital, b.pins.analog, {
    now: () => clock.now(),
    after: (ms, cb) => clock.schedule(ms, cb, false, 'pins'),
    cancel: (id) => { clock.cancel(id); },
  });
  return { clock, pins };
}

describe('PinBus', () => {
  const door = loadBoard('esp32').wiring.door as { pin: string };

  it('fires a watch once the new level has held for the debounce time', () => {
    const { clock, pins } = bus();
    const seen: string[] = [];
    pins.setMode(door.pin, 'input_pullup');
    pins.watch(door.pin, (s, t) => seen.push(`${s}@${t}`), true, 'both', 50);
    clock.runUntilSync(1000);
    pins.setDigital(door.pin, false);
    clock.runUntilSync(1020);
    pins.setDigital(door.pin, true); // bounce
    clock.runUntilSync(1030);
    pins.setDigital(door.pin, false);
    clock.runUntilSync(2000);
    assert.deepEqual(seen, ['false@1.08']);
  });

  it('honours rising-only watches and one-shot watches', () => {
    const { clock, pins } = bus();
    const seen: boolean[] = [];
    pins.watch(door.pin, (s) => seen.push(s), false, 'rising', 0);
    pins.setDigital(door.pin, true);
    pins.setDigital(door.pin, false);
    pins.setDigital(door.pin, true);
    clock.runUntilSync(10);
    assert.deepEqual(seen, [true]);
  });

  it('refuses analog reads on a pin without an ADC and unknown pins, as Espruino does', () => {
    const { pins } = bus();
    assert.throws(() => pins.readAnalog('D2'), /not capable of ADC/);
    assert.throws(() => pins.readDigital('D99'), /Invalid pin: D99/);
  });

  it('reads a pulled-up input that no model drives as high, and counts the read', () => {
    const { pins } = bus();
    pins.setMode('D4', 'input_pullup');
    assert.equal(pins.readDigital('D4'), 1);
    assert.equal(pins.undrivenReads, 1);
  });
});
