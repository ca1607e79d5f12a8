import type { Console } from '../platform/index';
import type { ReportTransport } from './transport';

/**
 * A transport that writes each payload to the device console as
 * `hb:egress <endpoint> <payload>`. It is the egress of a device with no
 * network uplink configured, and what the simulator records as uploads.
 */
export function createConsoleTransport(console: Console): ReportTransport {
  return {
    send: (endpoint, payload, done) => {
      console.print('hb:egress ' + endpoint + ' ' + payload);
      done(0, undefined, 0);
    },
  };
}
