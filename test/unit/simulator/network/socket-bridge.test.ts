import { strict as assert } from 'assert';
import * as net from 'net';
import { echoServer, httpServer, onWifi, tcpServer, TestWorld } from './fixtures';

describe('device network (net, http and Wifi in the realm over loopback)', () => {
  let world: TestWorld | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    if (world) world.close();
    world = undefined;
    for (const c of closers.splice(0)) await c();
  });

  it('carries every byte value 0x00-0xFF both ways and holds virtual time still during the round trip', async () => {
    const echo = await echoServer();
    closers.push(echo.close);
    world = new TestWorld({ hosts: { 'echo.test': echo.port } });
    world.boot(onWifi(`
      var bytes = []; for (var i = 0; i < 256; i++) bytes.push(i);
      var sent = E.toString(bytes), got = "", t0;
      var s = require("net").connect({ host: "echo.test", port: 7 }, function () {
        t0 = getTime();
        s.write(sent);
      });
      s.on("data", function (d) {
        got += d;
        if (got.length === 256) print("echo " + (got === sent) + " dt=" + (getTime() - t0) + " at=" + getTime());
      });
    `));
    await world.runTo(10);
    const echoLine = world.texts().find((t) => t.startsWith('echo '));
    assert.ok(echoLine, world.texts().join('\n'));
    assert.match(echoLine, /^echo true dt=0 at=/);
    assert.deepEqual(world.texts().slice(0, 1), ['cb null']);
    const s = world.network.stats();
    assert.equal(s.connects, 1);
    assert.equal(s.bytesUp, 256);
    assert.equal(s.bytesDown, 256);
    assert.equal(s.wifiJoins, 1);
  });

  it('sends an HTTP request with exactly the headers the device set, Espruino style, and reads the response', async () => {
    const seen: { raw: string[]; body: string; url: string; method: string }[] = [];
    const srv = await httpServer((req, res) => {
      let body = '';
      req.setEncoding('latin1');
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        seen.push({ raw: req.rawHeaders, body, url: req.url || '', method: req.method || '' });
        setTimeout(() => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"ack":["ab"]}'); }, 40);
      });
    });
    closers.push(srv.close);
    world = new TestWorld({ hosts: { 'collector.test': srv.port } });
    world.boot(onWifi(`
      var body = '{"i":"ab"}', t0 = getTime();
      var req = require("http").request({ host: "collector.test", port: 8080, path: "/r", method: "POST", protocol: "http:",
        headers: { "Content-Type": "application/json", "Content-Length": body.length, "Authorization": "Bearer t0k" } }, function (res) {
        var got = "";
        res.on("data", function (d) { got += d; });
        res.on("close", function () { print("res " + typeof res.statusCode + " " + res.statusCode + " " + res.headers["Content-Type"] + " " + got + " dt=" + (getTime() - t0)); });
      });
      req.on("error", function (e) { print("error " + e.code); });
      req.end(body);
    `));
    await world.runTo(10);
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0].raw, [
      'User-Agent', 'Espruino 2v29', 'Connection', 'close',
      'Content-Type', 'application/json', 'Content-Length', '10', 'Authorization', 'Bearer t0k',
      'Host', 'collector.test:8080',
    ]);
    assert.equal(seen[0].method, 'POST');
    assert.equal(seen[0].url, '/r');
    assert.equal(seen[0].body, '{"i":"ab"}');
    assert.ok(world.texts().includes('res string 200 application/json {"ack":["ab"]} dt=0'), world.texts().join('\n'));
  });

  it('adds no Content-Length when the device sets none, so the server sees a request without a body', async () => {
    const seen: { headers: string[]; body: string }[] = [];
    const srv = await httpServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => { seen.push({ headers: req.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase()), body }); res.end('ok'); });
    });
    closers.push(srv.close);
    world = new TestWorld({ hosts: { 'collector.test': srv.port } });
    world.boot(onWifi(`
      var req = require("http").request({ host: "collector.test", port: 80, path: "/r", method: "POST", headers: { "Content-Type": "application/json" } }, function (res) {
        res.on("close", function () { print("status " + res.statusCode); });
      });
      req.end('{"i":"ab"}');
    `));
    await world.runTo(10);
    assert.ok(seen.length >= 1);
    assert.deepEqual(seen[0].headers, ['user-agent', 'connection', 'content-type', 'host']);
    assert.equal(seen[0].body, '');
  });

  it('refuses a host the DNS does not know, as Espruino does, contacting nobody', async () => {
    const echo = await echoServer();
    closers.push(echo.close);
    world = new TestWorld({ hosts: { 'echo.test': echo.port } });
    world.boot(onWifi(`
      try { require("net").connect({ host: "tracker.example", port: 80 }); } catch (e) { print("net " + e.name + ": " + e.message); }
      var req = require("http").request({ host: "tracker.example", path: "/", method: "GET" }, function () { print("answered"); });
      try { req.end(); } catch (e) { print("http " + e.name + ": " + e.message); }
      try { require("tls").connect({ host: "127.0.0.1", port: ${echo.port} }); } catch (e) { print("tls " + e.message); }
    `));
    await world.runTo(10);
    assert.deepEqual(world.texts().slice(1), [
      'net InternalError: Unable to locate host', 'http InternalError: Unable to locate host', 'tls Unable to locate host',
    ]);
    assert.equal(world.network.stats().unknownHostAttempts, 3);
    assert.equal(world.network.stats().tlsEmulated, 1);
    assert.equal(echo.connections(), 0);
  });

  it('emulates TLS as plain TCP to the mapped port and counts it', async () => {
    const echo = await echoServer();
    closers.push(echo.close);
    world = new TestWorld({ hosts: { 'mqtt.test': { 8883: echo.port } } });
    world.boot(onWifi(`
      var s = require("tls").connect({ host: "mqtt.test", port: 8883 }, function () { s.write("hi"); });
      s.on("data", function (d) { print("tls " + d); s.end(); });
      s.on("close", function (hadError) { print("closed " + hadError); });
    `));
    await world.runTo(10);
    assert.deepEqual(world.texts().slice(1), ['tls hi', 'closed false']);
    assert.equal(world.network.stats().tlsEmulated, 1);
  });

  it('fails sockets with an error event while the Wi-Fi station is not joined', async () => {
    const echo = await echoServer();
    closers.push(echo.close);
    world = new TestWorld({ hosts: { 'echo.test': echo.port } });
    world.boot(`
      var s = require("net").connect({ host: "echo.test", port: 7 }, function () { print("connected?"); });
      s.on("error", function (e) { print("error " + e.code + " " + e.message); });
      s.on("close", function (hadError) { print("close " + hadError); });
      var req = require("http").request({ host: "echo.test", path: "/", method: "GET" }, function () { print("answered?"); });
      req.on("error", function (e) { print("http error " + e.code); });
      req.end();
    `);
    await world.runTo(5);
    assert.deepEqual(world.texts(), ['error -11 no connection', 'close true', 'http error -11']);
    assert.equal(world.network.stats().connectFailures, 2);
    assert.equal(echo.connections(), 0);
  });

  it('gives up joining after two retries while the link is down, then joins once it is back', async () => {
    world = new TestWorld();
    world.network.setLinkUp(false);
    world.boot(`
      var wifi = require("Wifi");
      wifi.on("disconnected", function (d) { print("disconnected " + d.msg + " " + wifi.getDetails().status); });
      wifi.on("connected", function (d) { print("connected " + d.ip + " " + wifi.getStatus().station); });
      wifi.connect("home", { password: "pw" }, function (err) { print("cb " + err); });
      setTimeout(function () { wifi.connect("home", { password: "pw" }); }, 20000);
    `);
    world.clock.schedule(15000, () => world!.network.setLinkUp(true), false, 'test');
    await world.runTo(30);
    assert.deepEqual(world.timed(), ['6 disconnected no_ap_found no_ap_found', '22 connected 192.168.1.23 connected']);
  });

  it('drops Wi-Fi and resets sockets during an outage, and reconnects after it', async () => {
    const echo = await echoServer();
    closers.push(echo.close);
    world = new TestWorld({ hosts: { 'echo.test': echo.port } });
    world.network.scheduleOutage(world.start + 10000, world.start + 30000);
    world.boot(`
      var wifi = require("Wifi"), up = false;
      function join() { wifi.connect("home", { password: "pw" }); }
      wifi.on("connected", function () {
        up = true;
        print("wifi up");
        var s = require("net").connect({ host: "echo.test", port: 7 }, function () { s.write("ping"); });
        s.on("data", function (d) { print("echo " + d); });
        s.on("error", function (e) { print("socket error " + e.code + " " + e.message); });
        s.on("close", function (hadError) { print("socket close " + hadError); });
      });
      wifi.on("disconnected", function (d) { up = false; print("wifi down " + d.reason); setTimeout(join, 5000); });
      join();
    `);
    await world.runTo(45);
    const t = world.timed();
    assert.deepEqual(t.slice(0, 5), ['2 wifi up', '2 echo ping', '10 wifi down 200', '10 socket error -9 connection reset', '10 socket close true']);
    // Retries inside the outage fail (three attempts of 2 s each), the first after it succeeds.
    assert.ok(t.includes('21 wifi down 201'), t.join('\n'));
    const back = t.filter((l) => l.endsWith('wifi up'))[1];
    assert.ok(back && parseFloat(back) >= 30, t.join('\n'));
    assert.equal(t[t.length - 1].split(' ').slice(1).join(' '), 'echo ping');
    const s = world.network.stats();
    assert.equal(s.wifiDrops, 1);
    assert.equal(s.resets, 1);
    assert.equal(s.wifiJoins, 2);
    assert.equal(s.connects, 2);
  });

  it('lets virtual time move on after the hold cap when a server never answers, so the device timeout fires', async () => {
    const silent = await tcpServer(() => {});
    closers.push(silent.close);
    world = new TestWorld({ hosts: { 'silent.test': silent.port }, holdCapMs: 150, quietMs: 60000 });
    world.boot(`
      var s = require("net").connect({ host: "silent.test", port: 1883 }, function () {
        s.write("CONNECT");
        setTimeout(function () { print("timeout"); s.end(); }, 5000);
      });
    `, 'espruino-linux');
    const wall = Date.now();
    await world.runTo(10);
    const took = Date.now() - wall;
    assert.deepEqual(world.timed(), ['5 timeout']);
    assert.ok(took >= 140 && took < 2500, `took ${took} ms`);
  });

  it('holds virtual time while an HTTP request waits, up to the cap', async () => {
    const srv = await httpServer(() => { /* never answers */ });
    closers.push(srv.close);
    world = new TestWorld({ hosts: { 'collector.test': srv.port }, holdCapMs: 150 });
    world.boot(`
      var req = require("http").request({ host: "collector.test", path: "/", method: "POST", headers: { "Content-Length": "0" } }, function () { print("answered?"); });
      req.end();
      setTimeout(function () { print("gave up at " + getTime()); }, 2000);
    `, 'espruino-linux');
    const wall = Date.now();
    await world.runTo(3);
    assert.equal(world.texts().length, 1);
    assert.ok(Date.now() - wall >= 140);
  });

  it('leaves no open handle after a power cut in the middle of a request', async () => {
    const accepted: net.Socket[] = [];
    const srv = await tcpServer((s) => { s.resume(); accepted.push(s); });
    closers.push(srv.close);
    const tcp = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const baseline = tcp();
    world = new TestWorld({ hosts: { 'collector.test': srv.port }, holdCapMs: 2000 });
    const device = world.boot(`
      var req = require("http").request({ host: "collector.test", path: "/", method: "POST", headers: { "Content-Length": "2" } }, function () { print("answered?"); });
      req.end("{}");
    `, 'espruino-linux');
    let during = 0;
    const serverClosed = new Promise<void>((r) => { const wait = (): void => { if (accepted[0]) accepted[0].on('close', () => r()); else setTimeout(wait, 5); }; wait(); });
    setTimeout(() => { during = tcp(); device.cut(); }, 50);
    const wall = Date.now();
    await world.runTo(1);
    assert.ok(Date.now() - wall < 1500, 'the cut released the hold');
    await serverClosed;
    await new Promise((r) => setImmediate(r));
    assert.equal(device.isDead, true);
    // Mid-request: the device's socket and the server's accepted one; after the cut: neither.
    assert.equal(during, baseline + 2);
    assert.equal(tcp(), baseline);
    assert.deepEqual(world.texts(), []);
  });

  it('throws "This socket is closed" on a write after close, as Espruino does', async () => {
    const echo = await echoServer();
    closers.push(echo.close);
    world = new TestWorld({ hosts: { 'echo.test': echo.port } });
    world.boot(`
      var s = require("net").connect({ host: "echo.test", port: 7 }, function () { s.end("x"); });
      s.on("close", function () { try { s.write("y"); } catch (e) { print(e.message); } });
    `, 'espruino-linux');
    await world.runTo(2);
    assert.deepEqual(world.texts(), ['This socket is closed']);
  });

  it('resets sockets when the link drops on a board without Wi-Fi', async () => {
    const echo = await echoServer();
    closers.push(echo.close);
    world = new TestWorld({ hosts: { 'echo.test': echo.port } });
    world.network.scheduleFlapping(world.start + 5000, world.start + 9000, 2000);
    world.boot(`
      function open() {
        var s = require("net").connect({ host: "echo.test", port: 7 }, function () { print("open"); });
        s.on("error", function (e) { print("error " + e.code); });
      }
      open();
      setTimeout(open, 5500);
      setTimeout(open, 6500);
    `, 'espruino-linux');
    await world.runTo(8);
    assert.deepEqual(world.timed(), ['0 open', '5 error -9', '5.5 error -11', '6.5 open', '7 error -9']);
  });
});
