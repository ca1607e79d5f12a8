import { createHostility, resolveHostile } from './hostile';
import { startHttpFront } from './http-front';
import type { HttpFront } from './http-front';
import { createIngest } from './ingest';
import { startExternalMqtt } from './mqtt-external';
import { startMqttFront } from './mqtt-front';
import type { MqttFront } from './mqtt-front';
import { createRoutes } from './routes';
import { createReportStore } from './store';
import type { Collector, CollectorOptions } from './types';

const DEFAULT_MAX_BODY_BYTES = 8192;

/**
 * Start the collector: an HTTP server and an MQTT broker (embedded aedes, or
 * a client of an external broker) on 127.0.0.1, free ports, that check every
 * report against the firmware's policy, deduplicate it by id, store it and
 * acknowledge its id (wire format: README "Wire format").
 *
 * Options are validated here, and only here does it throw (rejects), naming
 * the option; afterwards every failure is a counted answer.
 */
export async function startCollector(o: CollectorOptions): Promise<Collector> {
  if (!o || !o.policy || typeof o.policy.recipients !== 'object') throw new Error('startCollector: policy must be a Policy with recipients');
  const maxBodyBytes = o.maxBodyBytes === undefined ? DEFAULT_MAX_BODY_BYTES : o.maxBodyBytes;
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) throw new Error(`maxBodyBytes must be a positive integer (got ${o.maxBodyBytes})`);
  const seed = o.seed === undefined ? 1 : o.seed;
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number (got ${o.seed})`);
  resolveHostile(o.hostile);
  const routes = createRoutes(o.policy);
  const store = createReportStore(Object.keys(o.policy.recipients), o.dir);
  const ingest = createIngest({ policy: o.policy, store, now: o.now || Date.now });
  const hostility = createHostility(seed, o.hostile);

  const httpFront: HttpFront = await startHttpFront({ routes, ingest, hostility, credentials: o.credentials, maxBodyBytes });
  let mqttFront: MqttFront;
  try {
    const external = o.mqtt && o.mqtt.external;
    mqttFront = external
      ? await startExternalMqtt({ routes, ingest, hostility, broker: external })
      : await startMqttFront({ routes, ingest, hostility, credentials: o.credentials });
  } catch (e) {
    await httpFront.close();
    throw e;
  }

  let closing: Promise<void> | undefined;
  return {
    httpPort: httpFront.port,
    mqttPort: mqttFront.port,
    hosts: () => routes.hosts(httpFront.port, mqttFront.port),
    stored: (recipient) => store.list(recipient),
    stats: () => ingest.stats(),
    busy: () => mqttFront.inFlight() > 0,
    async restartBroker() {
      await mqttFront.restart();
      ingest.brokerRestart();
    },
    setHostile: (h) => hostility.set(h),
    close() {
      if (!closing) closing = Promise.all([httpFront.close(), mqttFront.close()]).then(() => undefined);
      return closing;
    },
  };
}
