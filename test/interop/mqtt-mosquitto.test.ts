import { strict as assert } from 'assert';
import { execFileSync, spawn, spawnSync } from 'child_process';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Err } from '../../sdk/model/index';
import { SIZES, closeAndCheckLeaks, createDevice, deliverAll, freePort, reportPayload, startCollector, waitForPort, closeDevices } from './mqtt-interop-kit';
import type { Collector, Device } from './mqtt-interop-kit';

const BASE = 'hb/maker';
const USER = 'fridge';
const PASS = 'correct horse';
const COLLECTOR_USER = 'collector';
const COLLECTOR_PASS = 'battery staple';

/** Where a program is on PATH, or undefined. */
function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

describe('MQTT interop: the device transport against Mosquitto', function () {
  this.timeout(30000);
  let dir = '';
  let port = 0;
  let endpoint = '';
  let proc: ChildProcess | undefined;
  let log = '';
  let exited: string | undefined;
  let collector: Collector | undefined;
  const devices: Device[] = [];

  /** Start Mosquitto on `port` with the config in `dir`; resolves once it accepts connections. */
  const start = async (): Promise<void> => {
    exited = undefined;
    const p = spawn(which('mosquitto')!, ['-c', path.join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = p;
    p.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    p.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    p.on('exit', (code, signal) => {
      if (proc === p) exited = `mosquitto exited (${code ?? signal}) before it was stopped:\n${log.slice(-2000)}`;
    });
    await waitForPort(port, 10000, () => exited);
  };

  const stop = async (): Promise<void> => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.on('exit', () => resolve());
      p.kill('SIGTERM');
      setTimeout(() => p.kill('SIGKILL'), 3000).unref();
    });
  };

  const device = (extra: Parameters<typeof createDevice>[0]): Device => {
    const d = createDevice(extra);
    devices.push(d);
    return d;
  };

  before(async function () {
    if (!which('mosquitto') || !which('mosquitto_passwd')) {
      if (process.env.CI === 'true') {
        throw new Error('mosquitto is not installed but CI=true: the interop test must run in CI (.ci/run: apt-get install -y mosquitto)');
      }
      console.log('    mosquitto not installed: skipping interop (apt-get install -y mosquitto)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-mosquitto-'));
    port = await freePort();
    endpoint = `mqtt://127.0.0.1:${port}/${BASE}`;
    const passwd = path.join(dir, 'passwd');
    execFileSync('mosquitto_passwd', ['-c', '-b', passwd, USER, PASS]);
    execFileSync('mosquitto_passwd', ['-b', passwd, COLLECTOR_USER, COLLECTOR_PASS]);
    const conf = [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${passwd}`,
      'persistence false',
      'log_dest stderr', // unbuffered, unlike stdout into a pipe
      'log_type all',
      // Run as root, Mosquitto drops to the `mosquitto` user: keep root (a no-op for other users) and make the files readable anyway.
      'user root',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'mosquitto.conf'), conf);
    // The temp dir is private to this run (mkdtemp, 0700); its files hold test-only credentials.
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(passwd, 0o644);
    fs.chmodSync(path.join(dir, 'mosquitto.conf'), 0o644);
    const version = spawnSync('mosquitto', ['-h'], { encoding: 'utf8' }).stdout;
    assert.match(version, /mosquitto version 2\./, 'Mosquitto 2.x (its explicit listener and authentication rules are what this config is for)');
    await start();
    collector = await startCollector(`mqtt://127.0.0.1:${port}`, BASE, COLLECTOR_USER, COLLECTOR_PASS);
    await collector.subscribed();
  });

  after(async () => {
    closeDevices(devices);
    if (collector) await collector.close();
    await stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('delivers reports of 100 bytes to 3 KB, each acknowledged by id, over one connection', async () => {
    const d = device({ credentials: { u: USER, p: PASS } });
    await deliverAll(d, endpoint, collector!, SIZES);
    await closeAndCheckLeaks(d);
  });

  it('delivers a 12 KB report (multi-byte Remaining Length, many TCP segments)', async () => {
    const d = device({ credentials: { u: USER, p: PASS } });
    await deliverAll(d, endpoint, collector!, [12000]);
    await closeAndCheckLeaks(d);
  });

  it('refuses a wrong password with MqttConnectRefused and leaves nothing open', async () => {
    const d = device({ credentials: { u: USER, p: 'wrong' } });
    const res = await d.send(endpoint, reportPayload(120).payload);
    assert.equal(res.code, Err.MqttConnectRefused);
    await closeAndCheckLeaks(d);
  });

  it('keeps an idle connection alive with PINGREQs Mosquitto logs', async () => {
    const d = device({ credentials: { u: USER, p: PASS }, keepAliveS: 1 });
    await deliverAll(d, endpoint, collector!, [100]);
    const clientId = collector!.received[collector!.received.length - 1].clientId;
    await new Promise((r) => setTimeout(r, 2600));
    assert.ok(d.pings() >= 2, `device sent ${d.pings()} PINGREQs in 2.6 s with keep-alive 1 s`);
    const seen = log.split('\n').filter((l) => l.includes('Received PINGREQ from ' + clientId)).length;
    assert.ok(seen >= 2, `Mosquitto logged ${seen} PINGREQs from ${clientId}:\n${log.slice(-1500)}`);
    await deliverAll(d, endpoint, collector!, [200]);
    assert.equal(d.net.connects.length, 1, 'still the first connection');
    await closeAndCheckLeaks(d);
  });

  it('reconnects on the next send after Mosquitto restarts on the same port', async () => {
    const d = device({ credentials: { u: USER, p: PASS } });
    await deliverAll(d, endpoint, collector!, [150]);
    await stop();
    for (let i = 0; i < 100 && !d.events.includes(Err.UplinkNetError); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(d.events.includes(Err.UplinkNetError), 'the drop of the idle connection was noticed');
    const down = await d.send(endpoint, reportPayload(150).payload);
    assert.equal(down.code, Err.UplinkNetError);
    await start();
    await collector!.subscribed();
    await deliverAll(d, endpoint, collector!, [150, 3000]);
    assert.equal(d.net.connects.length, 3);
    await closeAndCheckLeaks(d);
  });
});
