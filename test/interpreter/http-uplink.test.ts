import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { compileEntry } from '../../toolchain/build';
import { loadBoard, ROOT } from '../../toolchain/boards';
import { runOnEspruino } from '../../toolchain/interpreter';
import type { EspruinoRunResult } from '../../toolchain/interpreter';
import { startCollector } from '../../simulator/collector';
import type { Collector, HostileOptions } from '../../simulator/collector';
import type { Policy } from '../../sdk/model/index';
import { decodeCompact } from '../../sdk/uplink/index';
import { interpreterOrSkip } from '../support/tiers';

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-uplink-real-'));
const TOKEN = 'tok-utility-1';
const REPORTS = 3;

/**
 * The utility's side of the policy. The collector routes HTTP by path and
 * ignores the port (simulator/collector/routes.ts), so it can be declared
 * before the port is known; the device posts to the real port.
 */
function energyPolicy(endpoint: string): Policy {
  return {
    version: 1,
    channels: { compressorW: { kind: 'numeric', unit: 'W', min: 0, max: 500, dataClass: 'energy', periodMs: 10000 } },
    recipients: { utility: { endpoint, transport: 'http' } },
    purposes: {
      energy: { recipient: 'utility', tier: '1d', fields: [{ channel: 'compressorW', aggregate: 'energy' }], redaction: { round: 1, kMin: 5 } },
    },
  };
}

/** A TCP relay in front of the collector that keeps every byte the device sent, one string per connection. */
interface Tap { port: number; requests: string[]; close(): Promise<void> }

async function startTap(targetPort: number): Promise<Tap> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((dev) => {
    const i = requests.push('') - 1;
    const up = net.connect(targetPort, '127.0.0.1');
    for (const s of [dev, up]) { sockets.add(s); s.on('error', () => undefined); s.on('close', () => sockets.delete(s)); }
    dev.on('data', (d: Buffer) => { requests[i] += d.toString('latin1'); });
    dev.pipe(up);
    up.pipe(dev);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

interface DeviceRun { run: EspruinoRunResult; ids: string[]; last: { delivered: number; attempts: number; live: number; failures: { [code: string]: number } } }

/** Lines `hb:test ...` of the run, parsed; fails with the output when they are missing. */
function parseDevice(run: EspruinoRunResult): DeviceRun {
  const out = run.lines.join('\n');
  const idsLine = run.lines.find((l) => l.startsWith('hb:test ids='));
  assert.ok(idsLine, `the device printed no ids line:\n${out}`);
  const ids = idsLine.slice('hb:test ids='.length).split(',');
  const counts = run.lines.filter((l) => l.startsWith('hb:test delivered='));
  assert.ok(counts.length > 0, `the device printed no delivered line:\n${out}`);
  const m = /^hb:test delivered=(\d+) attempts=(\d+) live=(\d+) failures=(.*)$/.exec(counts[counts.length - 1]);
  assert.ok(m, `unexpected line ${counts[counts.length - 1]}`);
  return { run, ids, last: { delivered: Number(m[1]), attempts: Number(m[2]), live: Number(m[3]), failures: JSON.parse(m[4]) } };
}

describe('HTTP uplink from the real interpreter to the collector over loopback (ESPRUINO_BIN)', function () {
  this.timeout(120000);
  let bin = '';
  let bundle = '';
  let collector: Collector | undefined;
  let tap: Tap | undefined;

  before(async function () {
    bin = interpreterOrSkip(this, 'ESPRUINO_BIN', "Espruino's stock Linux build");
    const b = await compileEntry('test/interpreter/fixtures/uplink/main.ts', loadBoard('espruino-linux'), { root: ROOT, outDir: OUT, file: 'uplink.js' });
    bundle = b.code;
  });

  afterEach(async () => {
    if (tap) await tap.close();
    if (collector) await collector.close();
    tap = undefined;
    collector = undefined;
  });

  /** Start the collector (and the tap in front of it), provision the device, run it for `seconds`. */
  async function deliver(seconds: number, hostile?: HostileOptions): Promise<DeviceRun> {
    collector = await startCollector({ policy: energyPolicy('http://127.0.0.1/v1/energy'), credentials: { utility: { t: TOKEN } }, hostile });
    tap = await startTap(collector.httpPort);
    const files = {
      'hb.test': JSON.stringify({ ep: `http://127.0.0.1:${tap.port}/v1/energy`, n: REPORTS }),
      'hb.k.utility': JSON.stringify({ t: TOKEN }),
    };
    const run = await runOnEspruino({ bin, bundle, files, seconds });
    const out = run.lines.join('\n');
    assert.deepEqual(run.failures, [], out);
    assert.ok(run.raw.indexOf('Uncaught') < 0, out);
    assert.deepEqual(run.lines.filter((l) => l.startsWith('hb:test put=')), Array(REPORTS).fill(`hb:test put=0`), out);
    return parseDevice(run);
  }

  it('delivers every committed report exactly once, with Content-Length and the bearer token, and empties the outbox', async () => {
    const d = await deliver(10);
    const c = collector as Collector;
    const out = d.run.lines.join('\n');
    assert.equal(d.ids.length, REPORTS);
    for (const id of d.ids) assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(new Set(d.ids).size, REPORTS, 'ids are distinct');

    const stored = c.stored('utility');
    assert.deepEqual(stored.map((r) => r.i).sort(), [...d.ids].sort(), out);
    for (const r of stored) {
      assert.equal(r.p, 'energy');
      assert.equal(r.t, '1d');
      assert.equal(r.wm, 86400000);
      assert.equal(r.ws % 86400000, 0, 'window starts at a UTC midnight');
      assert.deepEqual(Object.keys(r.f), ['compressorW.energy']);
    }
    const s = c.stats();
    assert.equal(s.stored, REPORTS);
    assert.equal(s.duplicatesDropped, 0);
    assert.equal(s.malformed, 0, 'a body without Content-Length reads as empty: 400');
    assert.equal(s.unauthorized, 0);
    assert.equal(s.rejected, 0);

    assert.deepEqual(d.last, { delivered: REPORTS, attempts: REPORTS, live: 0, failures: {} }, out);

    // What went over the wire: one POST per report, each with its exact byte length and the token.
    const reqs = (tap as Tap).requests.filter((r) => r.length > 0);
    assert.equal(reqs.length, REPORTS, reqs.join('\n---\n'));
    for (const raw of reqs) {
      const split = raw.indexOf('\r\n\r\n');
      assert.ok(split > 0, raw);
      const head = raw.slice(0, split).split('\r\n');
      const body = raw.slice(split + 4);
      assert.match(head[0], /^POST \/v1\/energy HTTP\/1\.[01]$/, raw);
      const header = (name: string): string | undefined => {
        const h = head.find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
        return h === undefined ? undefined : h.slice(name.length + 1).trim();
      };
      assert.equal(header('Content-Length'), String(Buffer.byteLength(body, 'latin1')), raw);
      assert.equal(header('Authorization'), `Bearer ${TOKEN}`, raw);
      assert.equal(header('Content-Type'), 'text/plain', raw); // the compact encoding, base64
      const decoded = decodeCompact(body, energyPolicy('http://127.0.0.1/v1/energy'));
      assert.ok(decoded, `the body decodes with the policy: ${body}`);
      assert.equal(decoded.recipient, 'utility');
    }
  });

  it('keeps the reports and retries while the collector answers 200 without acknowledging them', async () => {
    const d = await deliver(10, { rate: 1, modes: ['no-ack'] });
    const c = collector as Collector;
    const out = d.run.lines.join('\n');
    const s = c.stats();
    assert.equal(d.last.delivered, 0, out);
    assert.equal(d.last.live, REPORTS, out);
    assert.ok(d.last.attempts >= 2, `retried: ${d.last.attempts} attempts\n${out}`);
    // Err.UplinkNoAck (70) for every attempt that has come back.
    assert.deepEqual(Object.keys(d.last.failures), ['70'], out);
    assert.ok(s.hostileByMode['no-ack'] >= d.last.attempts - 1, JSON.stringify(s));
    // Stored at most once each, however often it arrived (no-ack stores half the time).
    assert.equal(new Set(c.stored('utility').map((r) => r.i)).size, c.stored('utility').length);
  });
});
