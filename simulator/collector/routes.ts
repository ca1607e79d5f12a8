import type { Policy } from '../../sdk/model/index';
import { parseEndpoint } from '../../sdk/policy/index';

/** Where one recipient's reports arrive. */
export interface Route {
  recipient: string;
  /** Endpoint host, lower case. */
  host: string;
  /** HTTP: the path (`/v1/reports`); MQTT: the topic base (the path without its leading `/`). */
  path: string;
  mqtt: boolean;
}

/** The recipients' endpoints, as the two front ends look them up. */
export interface Routes {
  readonly all: Route[];
  /**
   * The HTTP recipient for a request path and Host header (port ignored).
   * Without a Host header, or with a loopback one, the path alone decides when
   * it is unambiguous. undefined: no recipient is served there.
   */
  http(path: string, hostHeader: string | undefined): Route | undefined;
  /** MQTT routes whose topic base is `topicBase`, among `allowed` recipients. */
  mqtt(topicBase: string, allowed: string[]): Route | undefined;
  /** host → port for the simulator's DNS. */
  hosts(httpPort: number, mqttPort: number): { [host: string]: number };
}

/** Build the routes of `policy`. Throws (at start) on an endpoint that does not parse or a host served by both front ends. */
export function createRoutes(policy: Policy): Routes {
  const all: Route[] = [];
  const kindOfHost: { [host: string]: boolean } = {};
  for (const recipient of Object.keys(policy.recipients)) {
    const ep = parseEndpoint(policy.recipients[recipient].endpoint);
    if (!ep) throw new Error(`policy.recipients.${recipient}.endpoint does not parse: ${policy.recipients[recipient].endpoint}`);
    const mqtt = ep.scheme === 'mqtt' || ep.scheme === 'mqtts';
    const host = ep.host.toLowerCase();
    if (kindOfHost.hasOwnProperty(host) && kindOfHost[host] !== mqtt) {
      throw new Error(`policy: host ${host} is used by both an HTTP and an MQTT endpoint; the simulator's DNS maps a host to one port`);
    }
    kindOfHost[host] = mqtt;
    all.push({ recipient, host, path: mqtt ? ep.path.substring(1) : ep.path, mqtt });
  }
  return {
    all,
    http(path, hostHeader) {
      const candidates = all.filter((r) => !r.mqtt && r.path === path);
      const host = hostHeader ? hostHeader.replace(/:\d+$/, '').toLowerCase() : '';
      const named = candidates.filter((r) => r.host === host);
      if (named.length) return named[0];
      const loopback = host === '' || host === '127.0.0.1' || host === 'localhost';
      return loopback && candidates.length === 1 ? candidates[0] : undefined;
    },
    mqtt(topicBase, allowed) {
      return all.find((r) => r.mqtt && r.path === topicBase && allowed.indexOf(r.recipient) >= 0);
    },
    hosts(httpPort, mqttPort) {
      const out: { [host: string]: number } = {};
      for (const r of all) out[r.host] = r.mqtt ? mqttPort : httpPort;
      return out;
    },
  };
}
