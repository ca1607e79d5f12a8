import { strict as assert } from 'assert';
import { spawn, spawnSync } from 'child_process';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { startCollector } from '../../../../simulator/collector/index';
import { connectMqtt, endMqtt, gridReport, publishReport, subscribeAck, testPolicy } from './fixtures';

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((p) => fs.existsSync(p));
const MOSQUITTO_PASSWD = ['/usr/bin/mosquitto_passwd', '/usr/local/bin/mosquitto_passwd'].find((p) => fs.existsSync(p));

/** A free loopback port (listen on 0, close, reuse the number). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Wait until something accepts connections on the port. */
async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('collector joined to an external broker (Mosquitto)', function () {
  let broker: ChildProcess | undefined;
  let dir = '';
  let port = 0;

  before(async function () {
    if (!MOSQUITTO || !MOSQUITTO_PASSWD) {
      console.log('      skipped: mosquitto is not installed (apt-get install -y mosquitto)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-mosquitto-'));
    port = await freePort();
    const passwd = path.join(dir, 'passwd');
    fs.writeFileSync(passwd, '');
    for (const [u, p] of [['collector', 'c-pass'], ['fridge', 's3cret']]) {
      const made: { status: number | null; stderr: string } = spawnSync(MOSQUITTO_PASSWD as string, ['-b', passwd, u, p], { encoding: 'utf8' });
      assert.equal(made.status, 0, made.stderr);
    }
    fs.chmodSync(passwd, 0o600);
    // Mosquitto 2.x: an explicit listener and authentication; as root it would drop to the mosquitto user, so stay root.
    fs.writeFileSync(path.join(dir, 'mosquitto.conf'), [
      'user root', 'persistence false', `listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${passwd}`, 'log_dest none', '',
    ].join('\n'));
    broker = spawn(MOSQUITTO!, ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    await waitForPort(port, 5000);
  });

  after(async () => {
    if (broker && broker.exitCode === null) {
      const exited = new Promise((r) => broker!.once('exit', r));
      broker.kill('SIGTERM');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges reports published through Mosquitto, and refuses to restart a broker it does not own', async () => {
    const col = await startCollector({ policy: testPolicy(), mqtt: { external: { host: '127.0.0.1', port, username: 'collector', password: 'c-pass' } } });
    try {
      assert.equal(col.mqttPort, port);
      assert.equal(col.hosts()['mqtt.grid.example'], port);
      const c = await connectMqtt(port, { username: 'fridge', password: 's3cret' });
      try {
        await subscribeAck(c);
        const r = gridReport();
        assert.deepEqual(JSON.parse(String(await publishReport(c, JSON.stringify(r), 5000))), { ack: [r.i] });
        assert.deepEqual(JSON.parse(String(await publishReport(c, JSON.stringify(r), 5000))), { ack: [r.i] });
        const bad = gridReport({ t: '1h', wm: 3600000 });
        assert.deepEqual(JSON.parse(String(await publishReport(c, JSON.stringify(bad), 5000))), { ack: [], rej: [bad.i] });
        assert.equal(col.stored('grid').length, 1);
        assert.equal(col.stats().duplicatesDropped, 1);
      } finally {
        await endMqtt(c);
      }
      await assert.rejects(col.restartBroker(), /does not own the external broker/);
    } finally {
      await col.close();
    }
  });

  it('fails to start, naming the broker, when it cannot join it', async () => {
    await assert.rejects(
      startCollector({ policy: testPolicy(), mqtt: { external: { host: '127.0.0.1', port, username: 'collector', password: 'wrong' } } }),
      new RegExp(`cannot join the MQTT broker at 127\\.0\\.0\\.1:${port}`),
    );
  });
});
