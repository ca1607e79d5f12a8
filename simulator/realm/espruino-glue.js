// Evaluated inside a device realm (a Node vm context) before the bundle. It
// builds Espruino's API surface out of realm-native objects, so every value
// the bundle sees (arrays, objects, typed arrays, errors) is created in its
// own realm, and talks to the host only through `host`, whose methods take
// and return primitives. `host` is not reachable from device code.
(function (host, configJson) {
  var config = JSON.parse(configJson);
  var pinNames = config.pins;
  'use strict';
  var g = this;
  function def(name, value) {
    Object.defineProperty(g, name, { value: value, writable: true, configurable: true, enumerable: false });
  }
  function pinName(p) {
    if (p === undefined || p === null) throw new Error('Expecting a Pin, got undefined');
    return String(p);
  }
  function rethrow(e) {
    // Host errors become realm Errors with Espruino's message text.
    throw new Error(e && e.message ? e.message : String(e));
  }
  function call(fn) {
    try { return fn(); } catch (e) { rethrow(e); }
  }
  function toBinary(data) {
    if (typeof data === 'string') return data;
    if (data && typeof data.byteLength === 'number') {
      var u = data instanceof Uint8Array ? data : new Uint8Array(data.buffer || data, data.byteOffset || 0, data.byteLength);
      var s = '';
      for (var i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);
      return s;
    }
    if (Array.isArray(data)) return String.fromCharCode.apply(null, data);
    return String(data);
  }
  function fromBinary(s) {
    var u = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) u[i] = s.charCodeAt(i) & 255;
    return u;
  }
  function fmt(v) {
    if (typeof v === 'string') return v;
    if (v === undefined) return 'undefined';
    if (typeof v === 'function') return 'function () { ... }';
    try { var j = JSON.stringify(v); return j === undefined ? String(v) : j; } catch (e) { return String(v); }
  }

  // --- Pins -------------------------------------------------------------
  function Pin(name) {
    if (!(this instanceof Pin)) return new Pin(name);
    this._n = String(name);
  }
  Pin.prototype.toString = function () { return this._n; };
  Pin.prototype.read = function () { return digitalRead(this); };
  Pin.prototype.write = function (v) { digitalWrite(this, v); };
  Pin.prototype.mode = function (m) { pinMode(this, m); };
  def('Pin', Pin);
  pinNames.forEach(function (n) { def(n, new Pin(n)); });

  // --- Console ----------------------------------------------------------
  function print() {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) parts.push(fmt(arguments[i]));
    host.print(parts.join(' '));
  }
  def('print', print);
  def('console', { log: print, info: print, warn: print, error: print, debug: print, trace: print });

  // --- Time -------------------------------------------------------------
  def('getTime', function () { return host.now() / 1000; });
  def('setTime', function (sec) { host.setTime(+sec); });
  def('setTimeout', function (fn, ms) { return host.schedule(fn, ms, false); });
  def('setInterval', function (fn, ms) { return host.schedule(fn, ms, true); });
  def('clearTimeout', function (id) { host.cancel(id); });
  def('clearInterval', function (id) { host.cancel(id); });
  def('changeInterval', function (id, ms) { host.change(id, ms); });
  var RealDate = Date;
  function VDate(a, b, c, d, e, f, h) {
    if (!(this instanceof VDate)) return new RealDate(host.now()).toString();
    switch (arguments.length) {
      case 0: return new RealDate(host.now());
      case 1: return new RealDate(a);
      default: return new RealDate(a, b, c === undefined ? 1 : c, d || 0, e || 0, f || 0, h || 0);
    }
  }
  VDate.prototype = RealDate.prototype;
  // Espruino's Date.now() is fractional (ESPRUINO.md §1).
  VDate.now = function () { return host.now() + host.subMs(); };
  VDate.parse = RealDate.parse;
  def('Date', VDate);

  // --- String#indexOf as Espruino 2v29 runs it (jswrap_string_indexOf) ----
  // It keeps comparing past the last possible start and treats running off
  // the end of the haystack as equal: "abc".indexOf("cd") === 2 and
  // "abc".includes("cde") === true. Reproduced so firmware that relies on
  // V8's answer fails here as it would on the device.
  var nativeIndexOf = String.prototype.indexOf;
  function espruinoIndexOf(sub, from) {
    var h = String(this);
    var n = String(sub);
    if (n.length === 0) return nativeIndexOf.call(h, n, from);
    if (n.length > h.length) return -1;
    var end = h.length - n.length + 1;
    var idx = 0;
    if (typeof from === 'number' && from === from) idx = Math.min(Math.max(Math.floor(from), 0), end);
    for (; idx < h.length; idx++) {
      var j = 0;
      while (j < n.length && idx + j < h.length && h.charCodeAt(idx + j) === n.charCodeAt(j)) j++;
      if (j === n.length || idx + j === h.length) return idx;
    }
    return -1;
  }
  Object.defineProperty(String.prototype, 'indexOf', { value: espruinoIndexOf, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(String.prototype, 'includes', { value: function (sub, from) { return espruinoIndexOf.call(this, sub, from) >= 0; }, writable: true, configurable: true, enumerable: false });

  // --- Randomness: Espruino repeats the same sequence after every boot ----
  Math.random = function () { return host.random(); };

  // --- GPIO -------------------------------------------------------------
  def('analogRead', function (p) { return call(function () { return host.analogRead(pinName(p)); }); });
  def('digitalRead', function (p) { return call(function () { return host.digitalRead(pinName(p)); }); });
  def('digitalWrite', function (p, v) { call(function () { host.digitalWrite(pinName(p), v ? 1 : 0); }); });
  def('pinMode', function (p, m) { call(function () { host.pinMode(pinName(p), m === undefined ? 'auto' : String(m)); }); });
  def('setWatch', function (fn, p, opts) {
    var o = typeof opts === 'object' && opts ? opts : {};
    return call(function () {
      return host.setWatch(function (state, time, lastTime) {
        fn({ state: !!state, time: time, lastTime: lastTime, pin: new Pin(pinName(p)) });
      }, pinName(p), o.repeat ? 1 : 0, String(o.edge || 'both'), +(o.debounce || 0));
    });
  });
  def('clearWatch', function (id) { host.clearWatch(id === undefined ? 0 : id); });

  // --- E, process, load -------------------------------------------------
  var listeners = {};
  var E = {
    sum: function (arr) { var s = 0; for (var i = 0; i < arr.length; i++) s += +arr[i]; return s; },
    // Espruino returns the SUM of squared deviations, not the variance (ESPRUINO.md §4).
    variance: function (arr, mean) { var s = 0; for (var i = 0; i < arr.length; i++) { var d = arr[i] - mean; s += d * d; } return s; },
    CRC32: function (data) { return host.crc32(toBinary(data)); },
    clip: function (x, lo, hi) { return x < lo ? lo : x > hi ? hi : x; },
    hwRand: function () { return host.hwRand(); },
    toString: function () { var s = ''; for (var i = 0; i < arguments.length; i++) s += toBinary(arguments[i]); return s; },
    toUint8Array: function () { return fromBinary(E.toString.apply(null, arguments)); },
    toArrayBuffer: function (s) { return fromBinary(String(s)).buffer; },
    getErrorFlags: function () { return JSON.parse(host.errorFlags()); },
    getSizeOf: function (v) { return host.sizeOf(v); },
    on: function (ev, fn) { (listeners[ev] = listeners[ev] || []).push(fn); },
    removeListener: function (ev, fn) { var l = listeners[ev] || []; var i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); },
    removeAllListeners: function (ev) { if (ev) delete listeners[ev]; else listeners = {}; },
    emit: function (ev) { var a = []; for (var i = 1; i < arguments.length; i++) a.push(arguments[i]); (listeners[ev] || []).slice().forEach(function (f) { f.apply(null, a); }); },
  };
  def('E', E);
  def('process', {
    version: host.version(),
    env: JSON.parse(host.env()),
    memory: function () { return JSON.parse(host.memory()); },
  });
  def('load', function () { host.load(); });
  def('global', g);
  // btoa takes a string or any array of byte values (jswrap_functions.c: every element & 255); atob gives a binary string.
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  def('btoa', function (data) {
    if (typeof data !== 'string' && (data === null || typeof data !== 'object' || typeof data.length !== 'number')) throw new Error('Expecting String or Array, got ' + typeof data);
    var out = '';
    var at = function (i) { return (typeof data === 'string' ? data.charCodeAt(i) : data[i]) & 255; };
    for (var i = 0; i < data.length; i += 3) {
      var n = (at(i) << 16) | ((i + 1 < data.length ? at(i + 1) : 0) << 8) | (i + 2 < data.length ? at(i + 2) : 0);
      out += B64.charAt(n >> 18 & 63) + B64.charAt(n >> 12 & 63) + (i + 1 < data.length ? B64.charAt(n >> 6 & 63) : '=') + (i + 2 < data.length ? B64.charAt(n & 63) : '=');
    }
    return out;
  });
  def('atob', function (s) {
    s = String(s);
    var out = '';
    var acc = 0;
    var bits = 0;
    for (var i = 0; i < s.length; i++) {
      var v = B64.indexOf(s.charAt(i));
      if (v < 0) continue; // Espruino skips what is not base64 (padding included)
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) { bits -= 8; out += String.fromCharCode((acc >> bits) & 255); }
    }
    return out;
  });

  // --- Modules ----------------------------------------------------------
  var factories = {
    Storage: function () {
      function read(n, off, len) { return call(function () { return host.storage('read', String(n), off, len); }); }
      function StorageFile(handle) { this._h = handle; }
      StorageFile.prototype.read = function (len) { var h = this._h; return call(function () { return host.storageFile(h, 'read', len); }); };
      StorageFile.prototype.readLine = function () { var h = this._h; return call(function () { return host.storageFile(h, 'readLine'); }); };
      StorageFile.prototype.write = function (d) { var h = this._h; return call(function () { return host.storageFile(h, 'write', toBinary(d)); }); };
      StorageFile.prototype.erase = function () { var h = this._h; return call(function () { return host.storageFile(h, 'erase'); }); };
      StorageFile.prototype.getLength = function () { var h = this._h; return call(function () { return host.storageFile(h, 'getLength'); }); };
      return {
        read: read,
        readJSON: function (n, noExceptions) {
          var s = read(n);
          if (s === undefined) return undefined;
          try { return JSON.parse(s); } catch (e) { if (noExceptions) return undefined; throw e; }
        },
        readArrayBuffer: function (n) { var s = read(n); return s === undefined ? undefined : fromBinary(s).buffer; },
        write: function (n, data, offset, size) {
          return call(function () { return host.storage('write', String(n), toBinary(data), offset, size); });
        },
        writeJSON: function (n, v) { return call(function () { return host.storage('write', String(n), JSON.stringify(v)); }); },
        list: function (re, filter) {
          var src = re instanceof RegExp ? re.source : re === undefined || re === null ? '' : String(re);
          var flags = re instanceof RegExp ? re.flags : '';
          return JSON.parse(call(function () { return host.storage('list', src, flags, JSON.stringify(filter || {})); }));
        },
        erase: function (n) { call(function () { host.storage('erase', String(n)); }); },
        eraseAll: function () { call(function () { host.storage('eraseAll'); }); },
        getFree: function () { return call(function () { return host.storage('getFree'); }); },
        getStats: function () { return JSON.parse(call(function () { return host.storage('getStats'); })); },
        compact: function () { call(function () { host.storage('compact'); }); },
        debug: function () {},
        open: function (n, mode) {
          var h = call(function () { return host.storage('open', String(n), String(mode)); });
          return new StorageFile(h);
        },
      };
    },
    crypto: function () {
      function digest(alg) { return function (d) { return fromBinary(call(function () { return host.digest(alg, toBinary(d)); })).buffer; }; }
      return {
        SHA1: digest('sha1'),
        SHA256: digest('sha256'),
        SHA512: digest('sha512'),
        PBKDF2: function (pass, salt, opts) {
          var o = opts || {};
          return fromBinary(call(function () { return host.pbkdf2(toBinary(pass), toBinary(salt), o.keySize || 4, o.iterations || 1, o.hasher || 'SHA1'); })).buffer;
        },
      };
    },
  };
  // --- Network: net, tls, http, Wifi (libs/network, esp32/jswrap_esp32_network.c)
  // Listeners live on the object as Espruino keeps them ("#on" + event: one
  // function, or an array of them). Sockets talk to the host through
  // host.netOpen/netWrite/netEnd; events come back through a sink per socket.
  function hide(o, k, v) { Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false }); }
  function Emitter() {}
  Emitter.prototype.on = function (ev, fn) {
    var k = '#on' + ev, cur = this[k];
    if (cur === undefined) hide(this, k, fn);
    else if (Array.isArray(cur)) cur.push(fn);
    else hide(this, k, [cur, fn]);
  };
  Emitter.prototype.addListener = Emitter.prototype.on;
  Emitter.prototype.prependListener = function (ev, fn) {
    var k = '#on' + ev, cur = this[k];
    if (cur === undefined) hide(this, k, fn);
    else hide(this, k, [fn].concat(cur));
  };
  Emitter.prototype.removeListener = function (ev, fn) {
    var k = '#on' + ev, cur = this[k];
    if (cur === fn) delete this[k];
    else if (Array.isArray(cur)) { var i = cur.indexOf(fn); if (i >= 0) cur.splice(i, 1); if (!cur.length) delete this[k]; }
  };
  Emitter.prototype.removeAllListeners = function (ev) {
    if (ev !== undefined) { delete this['#on' + ev]; return; }
    var self = this;
    Object.getOwnPropertyNames(this).forEach(function (k) { if (k.slice(0, 3) === '#on') delete self[k]; });
  };
  Emitter.prototype.emit = function (ev) {
    var a = [];
    for (var i = 1; i < arguments.length; i++) a.push(arguments[i]);
    var cur = this['#on' + ev];
    if (cur === undefined) return;
    var list = Array.isArray(cur) ? cur.slice() : [cur];
    for (var j = 0; j < list.length; j++) list[j].apply(this, a);
  };
  function hasListener(o, ev) { return o['#on' + ev] !== undefined; }
  function internalError(msg) { var e = new Error(msg); e.name = 'InternalError'; return e; }
  function closedError() { return new Error('This socket is closed'); }
  // Received data waits for read() until a `data` listener exists (socketPushReceiveData).
  function Readable() {}
  Readable.prototype = Object.create(Emitter.prototype);
  Readable.prototype.available = function () { return (this._rx || '').length; };
  Readable.prototype.read = function (n) {
    var rx = this._rx || '';
    var len = n === undefined ? rx.length : Math.min(+n, rx.length);
    hide(this, '_rx', rx.slice(len));
    return rx.slice(0, len);
  };
  Readable.prototype.pipe = function () { throw new Error('pipe is not emulated by the simulator'); };
  function push(o, data) {
    if (hasListener(o, 'data')) o.emit('data', data);
    else hide(o, '_rx', (o._rx || '') + data);
  }
  function finish(o, hadError) {
    if (!o._end) { hide(o, '_end', 1); o.emit('end'); }
    o.emit('close', !!hadError);
  }

  function Socket() {}
  Socket.prototype = Object.create(Readable.prototype);
  Socket.prototype.write = function (d) {
    if (this._c) throw closedError();
    host.netWrite(this._h, typeof d === 'string' ? d : String(d));
    return false;
  };
  Socket.prototype.end = function (d) {
    if (this._c) return;
    if (d !== undefined) this.write(d);
    hide(this, '_c', 1);
    host.netEnd(this._h);
  };
  function openSocket(kind, opts, cb) {
    if (typeof opts === 'string') opts = url.parse(opts);
    if (typeof opts !== 'object' || !opts) throw new Error('Expecting Options to be an Object but it was ' + typeof opts);
    var s = new Socket();
    if (typeof cb === 'function') s.on('connect', cb);
    var h = host.netOpen(kind, String(opts.host), +opts.port || 0, '', function (ev, a, b) {
      if (ev === 'connect') s.emit('connect', s);
      else if (ev === 'data') push(s, a);
      else if (ev === 'error') s.emit('error', { code: a, message: b });
      else if (ev === 'close') { hide(s, '_c', 1); finish(s, a); }
    }, s);
    if (!h) throw internalError('Unable to locate host');
    hide(s, '_h', h);
    return s;
  }

  function HttpCRs() {}
  HttpCRs.prototype = Object.create(Readable.prototype);
  function HttpCRq() {}
  HttpCRq.prototype = Object.create(Emitter.prototype);
  HttpCRq.prototype._open = function () {
    var o = this._o, req = this, res = this._r, headers = [];
    if (o.headers && typeof o.headers === 'object') Object.keys(o.headers).forEach(function (k) { headers.push([k, String(o.headers[k])]); });
    var head = JSON.stringify({ method: String(o.method), path: String(o.path), host: String(o.host), port: +o.port || 0, headers: headers });
    var h = host.netOpen(o.protocol === 'https:' ? 'https' : 'http', String(o.host), +o.port || 0, head, function (ev, a, b) {
      if (ev === 'response') {
        var r = JSON.parse(a);
        res.statusCode = r.statusCode; res.statusMessage = r.statusMessage; res.httpVersion = r.httpVersion;
        var hd = {};
        Object.keys(r.headers).forEach(function (k) { hd[k] = r.headers[k]; });
        res.headers = hd;
        req.emit('connect', res);
      } else if (ev === 'data') push(res, a);
      else if (ev === 'error') req.emit('error', { code: a, message: b });
      else if (ev === 'close') { hide(req, '_c', 1); finish(res, a); }
    }, this);
    if (!h) { hide(this, '_c', 1); throw internalError('Unable to locate host'); }
    hide(this, '_h', h);
  };
  HttpCRq.prototype.write = function (d) {
    if (this._c) throw closedError();
    if (!this._h) this._open();
    if (d !== undefined && d !== null) host.netWrite(this._h, typeof d === 'string' ? d : String(d));
    return false;
  };
  HttpCRq.prototype.end = function (d) {
    if (this._c) return;
    this.write(d);
    hide(this, '_c', 1);
    host.netEnd(this._h);
  };
  function httpRequest(opts, cb) {
    if (typeof opts === 'string') opts = url.parse(opts);
    if (typeof opts !== 'object' || !opts) throw new Error('Expecting Options to be an Object but it was ' + typeof opts);
    if (cb !== undefined && typeof cb !== 'function') throw new Error('Expecting Callback Function but got ' + typeof cb);
    var req = new HttpCRq();
    hide(req, '_o', opts);
    hide(req, '_r', new HttpCRs());
    // Espruino keeps the response callback as the request's "#onconnect".
    if (cb) req.on('connect', cb);
    return req;
  }

  // url.parse (jswrap_url_parse): a global on network builds.
  var url = {
    parse: function (str, parseQuery) {
      str = String(str);
      var m = /^(?:([a-z]+:)\/\/)?([^/:?]*)(?::(\d+))?([^?]*)(\?.*)?$/i.exec(str) || [];
      var search = m[5] === undefined ? null : m[5];
      var query = search === null ? null : search.slice(1);
      if (parseQuery && query !== null) {
        var q = {};
        query.split('&').forEach(function (kv) { var p = kv.split('='); if (p[0]) q[decodeURIComponent(p[0])] = p.length > 1 ? decodeURIComponent(p[1]) : ''; });
        query = q;
      }
      var r = { method: 'GET', host: m[2] || '', path: (m[4] || '/') + (search || ''), pathname: m[4] || '/', search: search, port: m[3] ? +m[3] : null, query: query };
      if (m[1]) r.protocol = m[1];
      return r;
    },
  };
  if (config.modules.indexOf('net') >= 0 || config.modules.indexOf('http') >= 0) def('url', url);

  factories.net = function () {
    return {
      connect: function (opts, cb) { return openSocket('net', opts, cb); },
      createServer: function () { throw new Error('net.createServer is not emulated by the simulator'); },
    };
  };
  factories.tls = function () {
    return { connect: function (opts, cb) { return openSocket('tls', opts, cb); } };
  };
  factories.http = function () {
    return {
      request: httpRequest,
      get: function (opts, cb) {
        if (typeof opts === 'string') opts = url.parse(opts);
        if (opts && typeof opts === 'object') opts.method = 'GET';
        var req = httpRequest(opts, cb);
        req.end();
        return req;
      },
      createServer: function () { throw new Error('http.createServer is not emulated by the simulator'); },
    };
  };
  factories.Wifi = function () {
    var W = new Emitter();
    var pending = {};
    function state() { return JSON.parse(host.wifiState()); }
    function reply(cb, v) { if (typeof cb === 'function') cb(v); return v; }
    host.wifiSink(function (ev, details) {
      var f;
      if (ev === 'connect-cb') { f = pending.c; pending.c = undefined; if (f) f(null); return; }
      if (ev === 'disconnect-cb') { f = pending.d; pending.d = undefined; if (f) f(); return; }
      W.emit(ev, details ? JSON.parse(details) : undefined);
    });
    W.connect = function (ssid, opts, cb) {
      if (typeof ssid !== 'string') throw new Error('No SSID provided');
      if (opts !== undefined && opts !== null && typeof opts !== 'object') throw new Error('Expecting options to be an Object');
      if (cb !== undefined && typeof cb !== 'function') throw new Error('Expecting callback to be a function');
      var pw = opts && opts.password !== undefined ? opts.password : '';
      if (typeof pw !== 'string') throw new Error('Expecting options.password to be a string but got ' + typeof pw);
      pending.c = cb;
      host.wifiConnect(ssid, pw);
    };
    W.disconnect = function (cb) { pending.d = typeof cb === 'function' ? cb : undefined; host.wifiDisconnect(); };
    W.getStatus = function (cb) {
      var s = state();
      var r = { station: s.status, mode: s.status === 'off' ? 'off' : 'sta', powersave: 'none' };
      if (s.status === 'connected') { r.ssid = s.ssid; r.rssi = s.rssi; r.authMode = 'wpa2'; r.channel = 6; r.bssid = '24:0a:c4:00:00:01'; }
      return reply(cb, r);
    };
    W.getDetails = function (cb) {
      var s = state();
      var r = { status: s.status, savedSsid: null };
      if (s.ssid !== undefined) { r.ssid = s.ssid; r.password = s.password; r.authMode = 'wpa2'; }
      if (s.rssi !== undefined) r.rssi = s.rssi;
      return reply(cb, r);
    };
    W.getIP = function (cb) {
      var s = state();
      var r = { mac: s.mac };
      if (s.ip) { r.ip = s.ip; r.netmask = s.netmask; r.gw = s.gw; }
      if (typeof cb === 'function') cb(null, r);
      return r;
    };
    W.setSNTP = function (server, zone) {
      if (typeof zone !== 'string') throw new Error('Zone is not a string');
      hide(W, '_sntp', String(server));
    };
    W.save = function () {};
    W.restore = function () {};
    W.setHostname = function (n, cb) { hide(W, '_hn', String(n)); if (typeof cb === 'function') cb(); };
    W.getHostname = function () { return W._hn || 'espressif'; };
    W.scan = function (cb) { if (typeof cb !== 'function') throw new Error('Expecting callback to be a function'); cb([]); };
    return W;
  };

  var cache = {};
  def('require', function (name) {
    name = String(name);
    if (cache[name]) return cache[name];
    if (config.modules.indexOf(name) < 0 || !factories[name]) throw new Error('Module "' + name + '" not found');
    cache[name] = factories[name]();
    return cache[name];
  });
  return { emit: E.emit };
});
