import { strict as assert } from 'assert';
import { VirtualClock } from '../../../../simulator/clock';

describe('VirtualClock', () => {
  it('fires timers in due order, ties in creation order', () => {
    const c = new VirtualClock({ startMs: 0 });
    const seen: string[] = [];
    c.schedule(20, () => seen.push('b'), false, 'd');
    c.schedule(10, () => seen.push('a'), false, 'd');
    c.schedule(20, () => seen.push('c'), false, 'd');
    c.runUntilSync(100);
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.equal(c.now(), 100);
  });

  it('gives the same result advanced in one jump or in many steps', () => {
    const trace = (steps: number): string[] => {
      const c = new VirtualClock({ startMs: 1000 });
      const log: string[] = [];
      c.schedule(7, () => log.push(`i7@${c.now()}`), true, 'd');
      c.schedule(30, () => { log.push(`t30@${c.now()}`); c.schedule(5, () => log.push(`n@${c.now()}`), false, 'd'); }, false, 'd');
      for (let i = 1; i <= steps; i++) c.runUntilSync(1000 + Math.round((100 * i) / steps));
      return log;
    };
    assert.deepEqual(trace(1), trace(13));
    assert.equal(trace(1).length, 14 + 2);
  });

  it('changeInterval keeps the id and restarts the period from now', () => {
    const c = new VirtualClock({ startMs: 0 });
    const at: number[] = [];
    const id = c.schedule(10, () => at.push(c.now()), true, 'd');
    c.runUntilSync(25);
    assert.equal(c.change(id, 100), true);
    c.runUntilSync(250);
    assert.deepEqual(at, [10, 20, 125, 225]);
    assert.equal(c.cancel(id), true);
    assert.equal(c.cancel(id), false);
  });

  it('drops every timer of a discarded owner', () => {
    const c = new VirtualClock({ startMs: 0 });
    let n = 0;
    c.schedule(10, () => n++, true, 'dev1');
    c.schedule(10, () => n += 100, true, 'world');
    c.cancelOwner('dev1');
    c.runUntilSync(30);
    assert.equal(n, 300);
    assert.equal(c.timersOf('dev1').length, 0);
  });

  it('does not advance while a socket operation holds time', async () => {
    const c = new VirtualClock({ startMs: 0 });
    const release = c.hold();
    let fired = false;
    c.schedule(5, () => { fired = true; }, false, 'd');
    const run = c.runUntil(10);
    await new Promise((r) => setImmediate(r));
    assert.equal(fired, false);
    assert.equal(c.now(), 0);
    release();
    await run;
    assert.equal(fired, true);
    assert.equal(c.now(), 10);
  });

  it('refuses a synchronous run while time is held', () => {
    const c = new VirtualClock({ startMs: 0 });
    c.hold();
    assert.throws(() => c.runUntilSync(1), /socket operation is pending/);
  });
});
