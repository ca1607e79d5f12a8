import { strict as assert } from 'assert';
import { runSnippet, texts } from '../../../support/sim';

describe('device realm', () => {
  it('offers none of the V8 extras Espruino lacks', async () => {
    const names = ['Map', 'Set', 'WeakMap', 'Symbol', 'Proxy', 'Reflect', 'BigInt', 'RangeError', 'structuredClone', 'queueMicrotask', 'setImmediate', 'TextEncoder'];
    const r = await runSnippet(`print(${JSON.stringify(names)}.map(function(n){return n+':'+typeof this[n]}, this).join(','))`);
    assert.deepEqual(texts(r), [names.map((n) => `${n}:undefined`).join(',')]);
  });

  it('lacks the static members and methods Espruino lacks', async () => {
    const probes = ['Number.isFinite', 'Number.EPSILON', 'Number.MAX_SAFE_INTEGER', 'Math.trunc', 'Math.log2', 'Array.from', 'Array.of', 'Object.freeze', 'Promise.race',
      'Date.UTC', '[].lastIndexOf', '[].flat', '[].at', '"".trimStart', '"".codePointAt', 'new ArrayBuffer(2).slice'];
    const r = await runSnippet(`print([${probes.map((p) => `typeof ${p}`).join(',')}].join(','))`);
    assert.deepEqual(texts(r), [probes.map(() => 'undefined').join(',')]);
  });

  it('keeps what Espruino has: isFinite, Math.sign, Number(), typed arrays, Promise.all', async () => {
    const r = await runSnippet('print([typeof isFinite, Math.sign(-3), Number("42"), new Float32Array(3).length, typeof Promise.all, typeof JSON.stringify].join(","))');
    assert.deepEqual(texts(r), ['function,-1,42,3,function,function']);
  });

  it('creates values handed to the device in the device realm', async () => {
    const r = await runSnippet(`
      var s = require("Storage");
      s.writeJSON("cfg", {a: [1, 2]});
      var v = s.readJSON("cfg");
      var l = s.list();
      var h = require("crypto").SHA256("abc");
      print([v instanceof Object, v.a instanceof Array, l instanceof Array, h instanceof ArrayBuffer, new Uint8Array(h)[0]].join(","));
    `);
    assert.deepEqual(texts(r), ['true,true,true,true,186']);
  });

  it('runs timers on virtual time: setInterval, changeInterval keeping its id, getTime and Date', async () => {
    const r = await runSnippet(`
      var t0 = getTime(), n = 0;
      var id = setInterval(function () {
        n++;
        if (n === 2) changeInterval(id, 5000);
        if (n === 4) { clearInterval(id); print("n=" + n + " dt=" + Math.round(getTime() - t0) + " date=" + (Math.floor(Date.now() / 1000) === Math.floor(getTime()))); }
      }, 1000);
    `, 20);
    assert.deepEqual(texts(r), ['n=4 dt=12 date=true']);
  });

  it('has a fractional Date.now(), as Espruino does', async () => {
    const r = await runSnippet('print(Date.now() % 1 !== 0)');
    assert.deepEqual(texts(r), ['true']);
  });

  it("repeats Math.random's sequence after every boot, as Espruino does", async () => {
    const r = await runSnippet('print(Math.floor(Math.random() * 1e9)); setTimeout(load, 1000);', 2.5);
    const t = texts(r);
    assert.equal(t.length, 3);
    assert.equal(t[0], t[1]);
    assert.equal(t[1], t[2]);
  });

  it("reproduces Espruino's String#indexOf, which matches a needle running off the end", async () => {
    const r = await runSnippet('print(["abc".indexOf("cd"), "abc".includes("cde"), "abc".indexOf("abcd"), "abcabc".indexOf("bc", 2), ",a,".indexOf(",b,")].join(","))');
    // Measured on the 2v29 Linux build: 2,true,-1,4,2
    assert.deepEqual(texts(r), ['2,true,-1,4,2']);
  });

  it('implements E.sum, E.variance as the sum of squared deviations, and E.CRC32', async () => {
    const r = await runSnippet('print([E.sum(new Float32Array([1,2,3,4])), E.variance([1,2,3,4], 2.5), E.CRC32("123456789")].join(","))');
    assert.deepEqual(texts(r), [`10,5,${0xcbf43926}`]);
  });

  it('prints an uncaught exception the way Espruino does and keeps running', async () => {
    const r = await runSnippet('setTimeout(function(){ print("still here"); }, 10); null.x;', 1);
    assert.match(texts(r)[0], /^Uncaught TypeError: /);
    assert.equal(texts(r)[1], 'still here');
    assert.equal(r.counters.uncaught, 1);
  });

  it('refuses a module the board does not have', async () => {
    const r = await runSnippet('try { require("Wifi"); } catch (e) { print(e.message); }', 1, { board: (await import('../../../../toolchain/boards')).loadBoard('espruino-linux') });
    assert.deepEqual(texts(r), ['Module "Wifi" not found']);
  });
});
