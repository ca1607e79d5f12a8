/**
 * The simulator's network: a world with a DNS, a link that can go down or
 * flap on virtual time, and per-boot bridges from a device realm's
 * Espruino `net`/`tls`/`http`/`Wifi` modules to real loopback sockets.
 */
export { WorldNetwork } from './world-network';
export type { HostMap, NetworkTiming, WorldNetworkOptions, WorldNetworkStats } from './world-network';
export { DeviceNetwork } from './socket-bridge';
export type { DeviceNetworkHooks, NetSink, WifiSink } from './socket-bridge';
export { buildRequestHead, HttpResponseReader } from './http-bridge';
export type { HttpHeadOptions, HttpParseStep, HttpResponseHead } from './http-bridge';
