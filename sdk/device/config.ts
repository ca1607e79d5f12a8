import type { FileStore } from '../platform/index';

/**
 * Maker or bench settings read once at boot from a small JSON file in
 * Storage. A missing file means defaults; a corrupt one also means defaults
 * and is reported, never a crash.
 */
export interface ConfigResult<T> {
  config: T;
  /** True when the file existed but was not a JSON object. */
  corrupt: boolean;
}

export function readConfig<T extends object>(store: FileStore, name: string, defaults: T): ConfigResult<T> {
  const text = store.read(name);
  if (text === undefined) return { config: defaults, corrupt: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { config: defaults, corrupt: true };
  }
  if (!parsed || typeof parsed !== 'object') return { config: defaults, corrupt: true };
  const out = {} as T;
  const src = parsed as { [k: string]: unknown };
  const d = defaults as unknown as { [k: string]: unknown };
  for (const k in d) {
    // Only known keys, and only with the default's type.
    const v = src[k];
    (out as unknown as { [k: string]: unknown })[k] = v !== undefined && typeof v === typeof d[k] ? v : d[k];
  }
  return { config: out, corrupt: false };
}
