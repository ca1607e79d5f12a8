import { strict as assert } from 'assert';
import { VirtualClock } from '../../../../simulator/clock';
import { WorldNetwork } from '../../../../simulator/network';
import { echoServer, TestWorld } from './fixtures';

describe('world network', () => {
  it('resolves only the hosts in its DNS, per device port when mapped so', () => {
    const clock = new VirtualClock();
    const w = new WorldNetwork({ clock, hosts: { 'a.test': 4000, 'b.test': { 443: 4001, 8883: 4002 } } });
    assert.equal(w.resolve('a.test', 80), 4000);
    assert.equal(w.resolve('b.test', 8883), 4002);
    assert.equal(w.resolve('b.test', 80), undefined);
    assert.equal(w.resolve('127.0.0.1', 4000), undefined);
    assert.equal(w.resolve('toString', 80), undefined);
    w.setHosts({ 'c.test': 5 });
    assert.equal(w.resolve('a.test', 80), undefined);
    assert.equal(w.resolve('c.test', 1), 5);
    w.close();
  });

  it('takes the link down for a scheduled outage and back up after it', async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const w = new WorldNetwork({ clock });
    w.scheduleOutage(t0 + 1000, t0 + 3000);
    assert.deepEqual([0, 999, 1000, 2999, 3000].map((d) => w.isLinkUp(t0 + d)), [true, true, false, false, true]);
    w.setLinkUp(false);
    assert.equal(w.isLinkUp(t0), false);
    w.setLinkUp(true);
    w.close();
    assert.equal(w.isLinkUp(t0), false, 'a closed world has no link');
  });

  it('flaps down for the first half of every period inside the window', () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const w = new WorldNetwork({ clock });
    w.scheduleFlapping(t0 + 10000, t0 + 14000, 2000);
    const seen = [9999, 10000, 10999, 11000, 11999, 12000, 13000, 14000].map((d) => (w.isLinkUp(t0 + d) ? 'up' : 'down'));
    assert.deepEqual(seen, ['up', 'down', 'down', 'up', 'up', 'down', 'up', 'up']);
    w.close();
  });

  it('delivers data a server pushes unasked within a poll or two of virtual time, not at the end of the run', async () => {
    const greeter = await (await import('./fixtures')).tcpServer((s) => { s.resume(); s.write('hello'); });
    const world = new TestWorld({ hosts: { 'g.test': greeter.port }, pollMs: 1000 });
    try {
      world.boot('var s = require("net").connect({ host: "g.test", port: 1 }); s.on("data", function (d) { print(d); });', 'espruino-linux');
      await world.runTo(30);
      assert.equal(world.texts()[0], 'hello');
      assert.ok(world.printed[0].t - world.start <= 2000, `arrived at +${world.printed[0].t - world.start} ms`);
    } finally {
      world.close();
      await greeter.close();
    }
  });

  it('closes every device socket and timer when the world closes, telling no device', async () => {
    const echo = await echoServer();
    const world = new TestWorld({ hosts: { 'echo.test': echo.port } });
    try {
      world.boot(`
        var s = require("net").connect({ host: "echo.test", port: 7 }, function () { print("open"); });
        s.on("close", function () { print("closed"); });
      `, 'espruino-linux');
      world.network.scheduleOutage(world.start + 60000, world.start + 120000);
      await world.runTo(1);
      assert.deepEqual(world.texts(), ['open']);
      const tcp = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
      const open = tcp();
      world.network.close();
      await new Promise((r) => setImmediate(r));
      assert.ok(tcp() <= open - 1, 'the device socket is gone');
      assert.equal(world.network.isLinkUp(), false);
      await world.runTo(200);
      assert.deepEqual(world.texts(), ['open']);
    } finally {
      world.close();
      await echo.close();
    }
  });
});
