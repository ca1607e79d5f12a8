/**
 * Recipient endpoints, parsed by hand: Espruino's regex engine silently fails
 * on common patterns (ESPRUINO.md §1), and an endpoint decides where owner
 * data goes (PRIVACY.md requirement 15), so the grammar is small and strict:
 *
 *   http(s)://host[:port]/path     mqtt(s)://host[:port]/topic
 *
 * host: letters, digits, `-` and `.`, not starting or ending with `.` or `-`
 * and with no empty label (no IPv6 literals, no user info); port: 1..65535;
 * path: `/` then printable ASCII without spaces, `#` (a URL fragment or an MQTT
 * wildcard) or, for MQTT, `+` (a wildcard); an MQTT topic is not empty.
 */
import type { Transport } from '../model/index';
import { findText } from './text';

/** A parsed endpoint. */
export interface Endpoint {
  /** The scheme, which is also the transport that must reach it. */
  scheme: Transport;
  /** Host name, as written. */
  host: string;
  /** Port number; the scheme's default (80, 443, 1883, 8883) when not written. */
  port: number;
  /** Path (HTTP) or `/` + topic (MQTT), starting with `/`. */
  path: string;
}

/** Parse an endpoint; undefined (never a throw) when it is not a string of the grammar above. */
export function parseEndpoint(endpoint: unknown): Endpoint | undefined {
  // Helpers nested, not module-level: on Espruino a module-level function stays in RAM for good, a nested one only while this runs (ESPRUINO.md §3).
  const SCHEMES: Transport[] = ['http', 'https', 'mqtt', 'mqtts'];
  const DEFAULT_PORTS = [80, 443, 1883, 8883];

  /** True for a letter or a digit. */
  function isAlnum(c: number): boolean {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  }

  /** True when `host` is a dotted name of letters, digits and inner hyphens. */
  function isHost(host: string): boolean {
    if (host.length === 0 || host.length > 253) return false;
    let prev = 46; // as if after a '.', so a leading '.' or '-' fails
    for (let i = 0; i < host.length; i++) {
      const c = host.charCodeAt(i);
      if (c === 46 || c === 45) {
        if (!isAlnum(prev) && !(c === 45 && prev === 45)) return false;
      } else if (!isAlnum(c)) {
        return false;
      }
      prev = c;
    }
    return isAlnum(prev);
  }

  /** The port in `s` (1..65535, digits only), or -1. */
  function parsePort(s: string): number {
    if (s.length === 0 || s.length > 5) return -1;
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return -1;
      n = n * 10 + (c - 48);
    }
    return n >= 1 && n <= 65535 ? n : -1;
  }

  /** True when `path` starts with `/` and holds only allowed printable ASCII. */
  function isPath(path: string, mqtt: boolean): boolean {
    if (path.charAt(0) !== '/' || (mqtt && path.length < 2)) return false;
    for (let i = 1; i < path.length; i++) {
      const c = path.charCodeAt(i);
      if (c <= 32 || c >= 127 || c === 35 || (mqtt && c === 43)) return false;
    }
    return true;
  }
  if (typeof endpoint !== 'string') return undefined;
  const sep = findText(endpoint, '://');
  const s = SCHEMES.indexOf(endpoint.substring(0, sep) as Transport);
  if (sep < 0 || s < 0) return undefined;
  const rest = endpoint.substring(sep + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const authority = rest.substring(0, slash);
  const colon = authority.indexOf(':');
  const host = colon < 0 ? authority : authority.substring(0, colon);
  const port = colon < 0 ? DEFAULT_PORTS[s] : parsePort(authority.substring(colon + 1));
  const path = rest.substring(slash);
  if (!isHost(host) || port < 0 || !isPath(path, s >= 2)) return undefined;
  return { scheme: SCHEMES[s], host: host, port: port, path: path };
}
