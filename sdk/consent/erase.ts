import { Err } from '../model/index';
import type { FileStore } from '../platform/index';
import { HB_PREFIX, SYSTEM_OWNER_FILES, isProvisioned } from './names';

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
    for (let i = 0; i < SYSTEM_OWNER_FILES.length; i++) {
      const extra = store.list(SYSTEM_OWNER_FILES[i]);
      for (let j = 0; j < extra.length; j++) if (extra[j] === SYSTEM_OWNER_FILES[i]) names.push(extra[j]);
    }
    return names.filter((n) => !keep(n));
  }
  const kept = keep || isProvisioned;
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
