import { formatFixed } from '../../sdk/util/index';
import { CHANNELS, DOOR, POWER } from './channels';

/** Fields per channel in the stats array: count, sum, min, max. */
const F = 4;

/**
 * The fridge's hourly status line for its owner's console:
 * `hb:status h=<hour> cab=<min>/<mean>/<max> frz=<min>/<mean>/<max> door=<opens> pw=<meanW> wh=<Wh> n=<samples>`.
 * Values are printed with formatFixed so Espruino and Node print the same text.
 *
 * The state is one Float64Array (F slots per channel in CHANNELS order, then
 * the hour) and the two operations are plain functions over it: no object,
 * no closures and no scope kept alive (ESPRUINO.md §3).
 */
/** Length of the stats array: `new Float64Array(STATUS_SIZE)` (zeroed: a channel's min and max are set by its first sample of the hour). */
export const STATUS_SIZE = CHANNELS.length * F + 1;

/** Add an accepted sample of channel `i`. */
export function statusAdd(s: Float64Array, i: number, v: number): void {
  if (CHANNELS[i] === DOOR && !v) return; // count openings only
  const first = !s[i * F];
  s[i * F]++;
  s[i * F + 1] += v;
  if (first || v < s[i * F + 2]) s[i * F + 2] = v;
  if (first || v > s[i * F + 3]) s[i * F + 3] = v;
}

/** Print the line for the hour just ended and start a new one. */
export function statusFlush(s: Float64Array, print: (line: string) => void): void {
  const channels = CHANNELS.length;
  const door = CHANNELS.indexOf(DOOR);
  const power = CHANNELS.indexOf(POWER);
  const hour = s[channels * F] + 1;
  const pn = s[power * F];
  const wh = (s[power * F + 1] * POWER.periodMs) / 3600000;
  let total = 0;
  for (let i = 0; i < channels; i++) total += s[i * F];
  // cab=<min>/<mean>/<max> frz=… for channels 0 and 1.
  let line = 'hb:status h=' + hour;
  for (let i = 0; i < 2; i++) {
    const n = s[i * F];
    line += (i ? ' frz=' : ' cab=') + (n ? formatFixed(s[i * F + 2], 1) + '/' + formatFixed(s[i * F + 1] / n, 1) + '/' + formatFixed(s[i * F + 3], 1) : '-');
  }
  print(line + ' door=' + s[door * F] +
    ' pw=' + (pn ? formatFixed(s[power * F + 1] / pn, 0) : '-') + ' wh=' + formatFixed(wh, 1) + ' n=' + total);
  s.fill(0);
  s[channels * F] = hour;
}
