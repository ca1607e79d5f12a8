/**
 * Homebound's one naming convention for Storage. Every file the SDK writes
 * starts with `hb.`, so that erase can find the owner's data without a list
 * of every stage's files; maker-provisioned credentials use `hb.k.` and are
 * the only `hb.` files an owner erase keeps. All names stay within
 * MAX_STORAGE_FILE_NAME (27) so they also work as StorageFiles.
 *
 * | prefix   | what                                  | owner data |
 * |----------|---------------------------------------|------------|
 * | `hb.c.`  | consent ledger (`hb.c.a`, `hb.c.b`)   | yes        |
 * | `hb.l.`  | transparency log segments             | yes        |
 * | `hb.w.`  | privacy-buffer window checkpoints     | yes        |
 * | `hb.q.`  | outbox / queued reports               | yes        |
 * | `hb.s.`  | owner secrets (pseudonym key, DRBG state) | yes    |
 * | `hb.k.`  | maker-provisioned recipient credentials | no (kept) |
 */

/** Prefix of every Homebound Storage file. */
export const HB_PREFIX = 'hb.';
/** Prefix of maker-provisioned credentials, which an owner erase keeps. */
export const PROVISIONED_PREFIX = 'hb.k.';
/** Prefix of the consent ledger's two copies: copy `i` is `LEDGER_PREFIX + (i ? 'b' : 'a')`. */
export const LEDGER_PREFIX = 'hb.c.';
/** The two alternating copies of the consent ledger (host and tests; the device builds the name, no array in RAM). */
export const LEDGER_NAMES: string[] = [LEDGER_PREFIX + 'a', LEDGER_PREFIX + 'b'];
/** Prefix of transparency-log segments (`hb.l.<n>`). */
export const LOG_PREFIX = 'hb.l.';
/**
 * Owner files outside the `hb.` namespace that an erase also removes:
 * Espruino's saved Wi-Fi credentials (`Wifi.save()`, WIFI_CONFIG_STORAGE_NAME
 * in jswrap_storage.h), per ETSI EN 303 645 provision 5.11-1.
 */
export const WIFI_CONFIG_FILE = '.wificfg';
/** Every such file (host and tests; erase reads WIFI_CONFIG_FILE, no array in RAM). */
export const SYSTEM_OWNER_FILES: string[] = [WIFI_CONFIG_FILE];

/** True for maker-provisioned credentials (`hb.k.…`): the default `keep` of an owner erase. */
export function isProvisioned(name: string): boolean {
  return name.indexOf(PROVISIONED_PREFIX) === 0;
}
