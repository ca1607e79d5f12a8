import type { PrintedLine } from '../device/sim-device';

/** One report that left the device, as `sim --json` lists it. */
export interface EgressRecord {
  id: string;
  recipient: string;
  purpose: string;
  tier: string;
  /** Window start, ms since the epoch, UTC. */
  windowStart: number;
  windowMs: number;
  fields: { [field: string]: number | number[] };
  /** Payload bytes as sent. */
  bytes: number;
  endpoint: string;
  coveragePermille: number;
  pseudonym?: string;
  /** Virtual world time it left (uploads) or was blocked, ms since the epoch. */
  at: number;
  /** Gate refusal code (blocked only). */
  code?: number;
}

const EGRESS = 'hb:egress ';
const BLOCKED = 'hb:blocked ';

/**
 * Recognise egress in the device's console output: the console transport
 * prints `hb:egress <endpoint> <payload>`, the firmware prints
 * `hb:blocked <code> <payload>` for every report the gate refuses.
 */
export function parseEgress(line: PrintedLine): { kind: 'upload' | 'blocked'; record: EgressRecord } | undefined {
  const isUpload = line.text.startsWith(EGRESS);
  if (!isUpload && !line.text.startsWith(BLOCKED)) return undefined;
  const rest = line.text.slice((isUpload ? EGRESS : BLOCKED).length);
  const sp = rest.indexOf(' ');
  if (sp < 0) return undefined;
  const head = rest.slice(0, sp);
  const payload = rest.slice(sp + 1);
  let o: { [k: string]: unknown };
  try {
    o = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const record: EgressRecord = {
    id: String(o.i), recipient: String(o.r), purpose: String(o.p), tier: String(o.t),
    windowStart: Number(o.ws), windowMs: Number(o.wm), fields: (o.f || {}) as EgressRecord['fields'],
    bytes: Buffer.byteLength(payload, 'latin1'), endpoint: isUpload ? head : '', coveragePermille: Number(o.c), at: line.t,
  };
  if (typeof o.ps === 'string') record.pseudonym = o.ps;
  if (!isUpload) record.code = Number(head);
  return { kind: isUpload ? 'upload' : 'blocked', record };
}
