import { strict as assert } from 'assert';
import { buildRequestHead, HttpResponseReader } from '../../../../simulator/network';

describe('Espruino HTTP on the wire', () => {
  it('writes the request line, User-Agent, Connection: close, the device headers verbatim and a Host', () => {
    const head = buildRequestHead({ method: 'POST', path: '/up', host: 'c.test', port: 8080, headers: [['Content-Length', '3']] }, '2v29');
    assert.equal(head, 'POST /up HTTP/1.1\r\nUser-Agent: Espruino 2v29\r\nConnection: close\r\nContent-Length: 3\r\nHost: c.test:8080\r\n\r\n');
  });

  it('leaves the port out of Host for port 80 or none, and keeps a Host the device set', () => {
    assert.match(buildRequestHead({ method: 'GET', path: '/', host: 'c.test', port: 80, headers: [] }, '2v29'), /\r\nHost: c\.test\r\n\r\n$/);
    assert.match(buildRequestHead({ method: 'GET', path: '/', host: 'c.test', port: 0, headers: [] }, '2v29'), /\r\nHost: c\.test\r\n\r\n$/);
    const own = buildRequestHead({ method: 'GET', path: '/', host: 'c.test', port: 81, headers: [['host', 'x']] }, '2v29');
    assert.equal(own.split('\r\n').filter((l) => l.toLowerCase().startsWith('host:')).length, 1);
  });

  it('reads a Content-Length body split across packets and stops at its end', () => {
    const r = new HttpResponseReader();
    const a = r.push('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Length: 6\r\n\r\nab');
    assert.deepEqual(a.head, { httpVersion: '1.1', statusCode: '429', statusMessage: 'Too Many Requests', headers: { 'Retry-After': '120', 'Content-Length': '6' } });
    assert.deepEqual([a.data, a.done], [['ab'], false]);
    const b = r.push('cdefEXTRA');
    assert.deepEqual([b.data, b.done], [['cdef'], true]);
  });

  it('decodes a chunked body', () => {
    const r = new HttpResponseReader();
    const a = r.push('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r');
    assert.deepEqual([a.data, a.done], [['abc'], false]);
    const b = r.push('\nde\r\n0\r\n\r\n');
    assert.deepEqual([b.data, b.done], [['de'], true]);
  });

  it('ends a response without a length right after its head, as Espruino 2v29 does', () => {
    const r = new HttpResponseReader();
    const a = r.push('HTTP/1.0 200 OK\r\nX: y\r\n\r\npart');
    assert.deepEqual([a.data, a.done, r.complete], [['part'], true, true]);
    assert.deepEqual(r.push('more').data, []);
  });
});
