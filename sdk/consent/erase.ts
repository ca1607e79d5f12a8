import { Err } from '../model/index';
import type { FileStore } from '../platform/index';
import { HB_PREFIX, PROVISIONED_PREFIX, WIFI_CONFIG_FILE } from './names';

/**
 * Make erased files physically gone: Storage keeps erased and replaced files
 * as trash until compaction (ESPRUINO.md §5), and PRIVACY.md req 4 and 14
 * scan the raw image, trash included. Call after a withdrawal, once the
 * purpose's buffers, checkpoints and queued reports are erased.
 * @returns Err.None, or Err.StorageWriteFailed when the store cannot compact
 */
export function purgeTrash(store: FileStore): number {
  if (!store.compact) return Err.StorageWriteFailed;
  try {
    store.compact();
  } catch (e) {
    return Err.StorageWriteFailed;
  }
  return Err.None;
}

/**
 * Wipe the owner's data and secrets (PRIVACY.md req 14, ETSI EN 303 645
 * 5.11-1): every `hb.` file (consents, log, checkpoints, outbox, owner
 * secrets) and Espruino's saved Wi-Fi credentials, except what `keep`
 * accepts, then compact so no trash remains. StorageFiles (the log) are
 * erased chunk by chunk, last first.
 * RAM still holds each stage's state: restart the firmware afterwards so the
 * device comes up in its factory privacy state (no consent, empty log).
 * @param keep files to keep @default maker-provisioned credentials (`hb.k.…`)
 * @returns Err.None when no owner file and no trash remains, else Err.StorageWriteFailed
 */
export function eraseOwnerData(store: FileStore, keep?: (name: string) => boolean): number {
  // Nested, not module-level: a module-level function stays in RAM for good (ESPRUINO.md §3).
  /**
   * Erase one listed file. Storage lists a StorageFile once, as its chunk 1
   * (`name + "\x01"`); its other chunks are erased through eraseAppended, or
   * here, last first, when the store has none.
   */
  function eraseListed(store: FileStore, name: string): void {
    if (name.length < 2 || name.charCodeAt(name.length - 1) !== 1) {
      store.erase(name);
      return;
    }
    const base = name.substring(0, name.length - 1);
    if (store.eraseAppended) {
      store.eraseAppended(base);
      return;
    }
    let n = 1;
    while (n < 255 && store.read(base + String.fromCharCode(n + 1)) !== undefined) n++;
    for (; n >= 1; n--) store.erase(base + String.fromCharCode(n));
  }

  function ownerFiles(store: FileStore, keep: (name: string) => boolean): string[] {
    const names = store.list(HB_PREFIX);
    // SYSTEM_OWNER_FILES, one name today.
    const extra = store.list(WIFI_CONFIG_FILE);
    for (let j = 0; j < extra.length; j++) if (extra[j] === WIFI_CONFIG_FILE) names.push(extra[j]);
    return names.filter((n) => !keep(n));
  }
  // isProvisioned, spelled out: a closure made per erase rather than a function kept in RAM.
  const kept = keep || ((n: string) => n.indexOf(PROVISIONED_PREFIX) === 0);
  try {
    const names = ownerFiles(store, kept);
    for (let i = 0; i < names.length; i++) eraseListed(store, names[i]);
    const code = purgeTrash(store);
    if (code) return code;
    return ownerFiles(store, kept).length ? Err.StorageWriteFailed : Err.None;
  } catch (e) {
    return Err.StorageWriteFailed;
  }
}
