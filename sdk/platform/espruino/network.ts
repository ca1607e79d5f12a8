import type { HttpRequest, HttpRequestOptions, HttpResponse, Network, Socket, WifiRadio } from '../index';

/**
 * The build's placeholder for Espruino's own `require` (toolchain/build/
 * bundle.ts BUILTIN_REQUIRE; the ES5 stage renames it to `require`).
 *
 * Called here at run time, not imported: a static `import wifi from 'Wifi'`
 * runs `require("Wifi")` when the bundle loads and is refused by the build
 * for a board without the module (the Linux build has no Wifi), and a plain
 * `require(...)` in source is resolved by esbuild the same way (or shimmed
 * with a Proxy-based `__require` Espruino lacks, ESPRUINO.md §2). The
 * platform calls these only when the firmware says the board has the
 * module (`createEspruinoPlatform({ net, wifi })`), and catches a throw
 * ("Module ... not found") all the same.
 */
declare function __hb_builtin<K extends keyof EspruinoModules>(name: K): EspruinoModules[K];

/**
 * `Network` over Espruino's `net`, `tls` and `http` modules, each loaded at
 * call time (a built-in module is a native object: loading it is cheap, and
 * a firmware that never opens a socket never holds one). Every call is
 * wrapped: a throw (no network, out of sockets, a bad option) becomes
 * `undefined`, as the interface requires.
 *
 * Espruino's TLS does not verify certificates and sends no real SNI
 * (ESPRUINO.md §5): authenticity comes from the application layer.
 */
export function createEspruinoNetwork(): Network {
  return { connect: netConnect, request: httpRequest };
}

function netConnect(host: string, port: number, secure: boolean, onConnect: () => void): Socket | undefined {
  try {
    const m = secure ? __hb_builtin('tls') : __hb_builtin('net');
    // Espruino passes the socket to the callback; onConnect ignores it (no wrapping closure).
    return m.connect({ host: host, port: port }, onConnect) as unknown as Socket;
  } catch (e) {
    return undefined;
  }
}

function httpRequest(o: HttpRequestOptions, onResponse: (res: HttpResponse) => void): HttpRequest | undefined {
  try {
    // Espruino's options are the platform's, with `protocol` narrowed to "http:" | "https:".
    const req = __hb_builtin('http').request(o as EspruinoHttpOptions, onResponse as unknown as (res: HttpClientResponse) => void);
    return req ? (req as unknown as HttpRequest) : undefined;
  } catch (e) {
    return undefined;
  }
}

/** Espruino's global `HttpRequestOptions` (types/espruino/module-net.d.ts), not the platform's. */
type EspruinoHttpOptions = Parameters<HttpModule['request']>[0];

/**
 * `WifiRadio` over Espruino's `Wifi` module (ESP32), or undefined when the
 * module cannot be loaded. Call it only on a board whose modules include
 * Wifi: on the Linux build `require("Wifi")` throws.
 *
 * `rssi()` reads `Wifi.getStatus().rssi` (dBm, set only while the station
 * is connected; jswrap_esp32_network.c): ESP32's `getDetails()` has no
 * rssi. NaN when unknown.
 */
export function createEspruinoWifi(): WifiRadio | undefined {
  let w: WifiModule;
  try {
    w = __hb_builtin('Wifi');
  } catch (e) {
    return undefined;
  }
  if (!w) return undefined;
  return {
    connect: (ssid, password, cb) => {
      try {
        w.connect(ssid, { password: password }, cb);
      } catch (e) {
        // "No SSID provided" and friends: report as the callback would.
        cb(e);
      }
    },
    on: (event: 'connected' | 'disconnected', cb: () => void) => {
      w.on(event, cb);
    },
    disconnect: () => {
      try {
        w.disconnect();
      } catch (e) {
        // Not joined: nothing to leave.
      }
    },
    rssi: () => {
      try {
        const s = w.getStatus();
        return s && typeof s.rssi === 'number' ? s.rssi : NaN;
      } catch (e) {
        return NaN;
      }
    },
  };
}
