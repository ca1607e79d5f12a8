/**
 * The owner's console commands of a Homebound firmware (sdk/device
 * privacy-pipeline `OwnerApi`, installed as the global `hb`), as the CLI and
 * the test kit type them.
 */

/** Parse `recipient/purpose[:tier]`; throws naming the bad spec. */
export function parseGrant(spec: string): { recipient: string; purpose: string; tier?: string } {
  const m = /^([\w-]+)\/([\w-]+)(?::(\w+))?$/.exec(spec);
  if (!m) throw new Error(`a grant looks like recipient/purpose[:tier], e.g. utility/energy:30min (got ${JSON.stringify(spec)})`);
  return { recipient: m[1], purpose: m[2], tier: m[3] };
}

/** The console command for a consent change. */
export function consentCommand(action: 'grant' | 'withdraw', spec: string): string {
  const g = parseGrant(spec);
  const args = [g.recipient, g.purpose].concat(g.tier ? [g.tier] : []).map((a) => JSON.stringify(a)).join(',');
  return `hb.${action}(${args})`;
}
