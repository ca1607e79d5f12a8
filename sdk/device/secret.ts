import type { Hash, Platform } from '../platform/index';

/** Storage file of the device secret (owner data: erased with everything else). */
export const SECRET_FILE = 'hb.s';

/**
 * The device secret keys the rotating pseudonym, report ids and release
 * delays. 32 bytes from the platform's noise, hashed; created at first use
 * and persisted; a new one after an erase.
 */
export function loadOrCreateSecret(p: Pick<Platform, 'store' | 'hash' | 'entropy'>): string {
  const stored = p.store.read(SECRET_FILE);
  if (stored !== undefined && stored.length === 32) return stored;
  const secret = p.hash.sha256(p.entropy() + (stored || ''));
  p.store.write(SECRET_FILE, secret);
  return secret;
}

/** A 32-bit number derived from the secret and a label: unpredictable without the secret, stable across reboots. */
export function keyedNumber(hash: Hash, secret: string, label: string): number {
  const h = hash.sha256(secret + '|' + label);
  return ((h.charCodeAt(0) << 24) | (h.charCodeAt(1) << 16) | (h.charCodeAt(2) << 8) | h.charCodeAt(3)) >>> 0;
}
