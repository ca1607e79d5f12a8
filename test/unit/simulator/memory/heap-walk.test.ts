import { strict as assert } from 'assert';
import * as vm from 'vm';
import {
  ESP32_LAYOUT as L, measureRealm, MeasureRealmOptions, MemoryRoot, pinScopes, snapshotSystemObjects,
} from '../../../../simulator/memory';
import { InspectorBridge } from '../../../../simulator/memory/inspector-bridge';

/** A device-like realm: `glue` defines the system API, `bundle` runs after it; timers become roots. */
function realm(bundle: string, glue = ''): { ctx: vm.Context; roots: MemoryRoot[]; system: Set<object> } {
  const roots: MemoryRoot[] = [];
  const ctx = vm.createContext({});
  vm.runInContext('var global = this;', ctx);
  (vm.runInContext('(function (roots) { global.setInterval = function (f, ms) { roots.push({ name: "t", value: f, kind: "interval", intervalMs: ms }); return roots.length; }; })', ctx) as (r: MemoryRoot[]) => void)(roots);
  if (glue) vm.runInContext(glue, ctx);
  const system = snapshotSystemObjects(ctx);
  vm.runInContext(bundle, ctx);
  return { ctx, roots, system };
}

function measure(bundle: string, extra: Partial<MeasureRealmOptions> = {}, glue = ''): number {
  const r = realm(bundle, glue);
  return measureRealm(r.ctx, { layout: L, roots: r.roots, exclude: r.system, source: bundle, ...extra }).total;
}

const RING = '(function(){ var ring = new Float32Array(1000); var n = 0;\n' +
  '  setInterval(function(){ ring[n++ % 1000] = n; }, 1000); })();';
const NO_RING = '(function(){ var n = 0;\n  setInterval(function(){ n++; }, 1000); })();';

describe('measureRealm', () => {
  it('gets inspector answers synchronously on the main thread', () => {
    const bridge = new InspectorBridge();
    try {
      const r = bridge.post<{ result: { value: number } }>('Runtime.evaluate', { expression: '6*7', returnByValue: true });
      assert.equal(r.result.value, 42);
    } finally {
      bridge.close();
    }
  });

  it('counts a Float32Array ring held only in the closure scope of a bundle IIFE', () => {
    const r = realm(RING);
    const m = measureRealm(r.ctx, { layout: L, roots: r.roots, exclude: r.system, source: RING });
    assert.equal(m.byKind.typedArrays, 289);
    // the ring's name (4 chars) and blocks, and the first-use entry of Float32Array (8)
    assert.equal(m.total - measure(NO_RING), 1 + 289 + 8);
  });

  it('counts a Float32Array ring in a closure without the source too', () => {
    assert.ok(measure(RING, { source: undefined }) - measure(NO_RING, { source: undefined }) >= 289);
  });

  it('counts a value reachable from two closures and a global once', () => {
    const one = 'var shared = new Float32Array(100); (function(s){ setInterval(function(){ s[0]++; }, 1000); })(shared);';
    const two = 'var shared = new Float32Array(100); (function(s){ setInterval(function(){ s[0]++; }, 1000); })(shared);' +
      '(function(s){ setInterval(function(){ s[1]++; }, 1000); })(shared);';
    const closureWithTimer = measure('(function(s){ setInterval(function(){ s[1]++; }, 1000); })(0);') - measure('');
    assert.equal(measure(two), measure(one) + closureWithTimer);
  });

  it('leaves out excluded system objects, and counts the names pointing at them', () => {
    const glue = 'global.E = { blob: new Float32Array(1000) };';
    const bundle = '(function(){ var e = E; setInterval(function(){ e.blob[0]++; }, 1000); })();';
    const withE = measure(bundle, {}, glue);
    const without = measure('(function(){ var e = 0; setInterval(function(){ e++; }, 1000); })();');
    assert.equal(withE, without); // `e` is one name either way; E and its blob are firmware
  });

  it('counts a pin value as one block, whether made at run time or a system pin', () => {
    // as simulator/realm/espruino-glue.js makes them
    const glue = 'function Pin(n) { if (!(this instanceof Pin)) return new Pin(n); this._n = String(n); }' +
      'Pin.prototype.read = function () { return 0; }; global.Pin = Pin; global.D12 = new Pin("D12");';
    const base = measure('var a = [0, 0, 0];', {}, glue);
    // an element holding 0 is its index name only; one holding a pin, the name and a JSV_PIN block
    assert.equal(measure('var a = [Pin("D4"), D12, 0];', {}, glue), base + 2);
    const r = realm('var p = Pin("D5");', glue);
    const m = measureRealm(r.ctx, { layout: L, roots: r.roots, exclude: r.system, source: 'var p = Pin("D5");' });
    assert.equal(m.byKind.objects, 0);
    assert.equal(m.byKind.numbers, 1);
  });

  it('counts a timer the simulator holds as an entry of the hidden timers array', () => {
    const r = realm('');
    const fn = vm.runInContext('(function(){ print(1); })', r.ctx) as Function;
    const base = measureRealm(r.ctx, { layout: L, exclude: r.system }).total;
    const withTimer = measureRealm(r.ctx, { layout: L, exclude: r.system, roots: [{ name: 't', value: fn, kind: 'interval' }] }).total;
    // NAME_INT, object, time, intr (+ value), cb: 7; the function: FUNCTION + `\xFFcod` + flash reference
    assert.equal(withTimer - base, 7 + 3);
  });

  it('does not walk into objects of the host realm', () => {
    const r = realm('');
    const host = { huge: new Float64Array(10000) };
    const m = measureRealm(r.ctx, { layout: L, exclude: r.system, roots: [{ name: 'h', value: host }] });
    assert.equal(m.total, 1); // the root's name only
  });

  it('counts function code as Storage references by default and as RAM strings with codeInRam', () => {
    const bundle = '(function(){ var n = 0; setInterval(function(){ n = n + 1; n = n * 2; n = n - 1; n = n / 2; }, 1000); })();';
    const storage = realm(bundle);
    const ram = measureRealm(storage.ctx, { layout: L, roots: storage.roots, exclude: storage.system, source: bundle, codeInRam: true });
    const flash = measureRealm(storage.ctx, { layout: L, roots: storage.roots, exclude: storage.system, source: bundle });
    assert.equal(flash.byKind.code, 2);
    assert.equal(ram.byKind.code, 1 + 1 + Math.ceil('n = n + 1; n = n * 2; n = n - 1; n = n / 2;'.length / 14));
  });

  it('counts uncaptured locals and functions of a kept activation from the source', () => {
    const bundle = '(function(){ var label = "hello world"; function unused(a,b){ return a+b; }\n' +
      '  var n = 0; setInterval(function(){ n++; }, 1000); })();';
    const bare = '(function(){ var n = 0; setInterval(function(){ n++; }, 1000); })();';
    // label: name 2 + string 2; unused: name 2 + FUNCTION, 2 params, code 2, scope link 1
    assert.equal(measure(bundle) - measure(bare), 4 + 2 + 6);
  });

  it('pins scopes without changing behaviour, exposing values only the closure keeps', () => {
    const bundle = '(function(){ var table = [1.5, 2.5, 3.5]; var api = { get: function(i){ return table[i]; } };\n' +
      '  var cache = { big: new Float32Array(100) };\n' +
      '  setInterval(function(){ return api.get(1); }, 1000); })();';
    const plain = realm(bundle);
    const pinnedSource = pinScopes(bundle);
    const pinned = realm(pinnedSource);
    assert.equal((pinned.roots[0].value as () => number)(), 2.5);
    const a = measureRealm(plain.ctx, { layout: L, roots: plain.roots, exclude: plain.system, source: bundle });
    const b = measureRealm(pinned.ctx, { layout: L, roots: pinned.roots, exclude: pinned.system, source: pinnedSource });
    assert.equal(a.unresolvedNames, 1); // `cache`: V8 dropped it, Espruino keeps it
    assert.equal(b.unresolvedNames, 0);
    // the cache object, `big`, its Float32Array(100): view, ArrayBuffer, 1 + ceil(400/14) flat blocks
    assert.equal(b.total - a.total, 1 + 1 + 2 + 1 + Math.ceil(400 / 14));
  });

  it('walks 2,000 objects, 200 closures and typed arrays in well under a second', () => {
    const bundle = '(function(){ var rings = [new Float32Array(256), new Float64Array(64), new Uint8Array(512)]; var records = [];\n' +
      '  for (var i = 0; i < 2000; i++) records.push({ t: i * 1000, v: i + 0.5, tag: "s" + (i % 7) });\n' +
      '  function mk(id, cfg) { var count = 0; return function (v) { count++; return cfg.scale * v + count; }; }\n' +
      '  var handlers = []; for (var j = 0; j < 200; j++) handlers.push(mk(j, { scale: j / 10 }));\n' +
      '  setInterval(function(){ return [rings, records, handlers]; }, 1000); })();';
    const r = realm(bundle);
    const m = measureRealm(r.ctx, { layout: L, roots: r.roots, exclude: r.system, source: bundle });
    assert.ok(m.walkedObjects > 2400, `walked ${m.walkedObjects}`);
    assert.ok(m.ms < 1000, `took ${m.ms.toFixed(0)} ms`);
  });

  it('leaves no heap-walk slots on the host global', () => {
    measure(RING);
    const slots = Object.getOwnPropertySymbols(globalThis).filter((s) => String(s).includes('homebound.heapWalk'));
    assert.deepEqual(slots, []);
  });
});
