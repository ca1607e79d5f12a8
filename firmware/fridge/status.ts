import { formatFixed } from '../../sdk/util/index';

/** Fields per channel in the stats array: count, sum, min, max. */
const F = 4;

/**
 * The fridge's hourly status line for its owner's console:
 * `hb:status h=<hour> cab=<min>/<mean>/<max> frz=<min>/<mean>/<max> door=<opens> pw=<meanW> wh=<Wh> n=<samples>`.
 * Values are printed with formatFixed so Espruino and Node print the same text.
 */
export interface HourlyStatus {
  add(channel: number, value: number): void;
  /** Print the line for the hour just ended and start a new one. */
  flush(print: (line: string) => void, powerPeriodMs: number): void;
}

export function createHourlyStatus(channels: number, door: number, power: number): HourlyStatus {
  // Zeroed: a channel's min and max are set by its first sample of the hour (count 0 until then).
  const s = new Float64Array(channels * F);
  let hour = 0;
  const triple = (i: number): string => {
    const n = s[i * F];
    if (!n) return '-';
    return formatFixed(s[i * F + 2], 1) + '/' + formatFixed(s[i * F + 1] / n, 1) + '/' + formatFixed(s[i * F + 3], 1);
  };
  return {
    add: (i, v) => {
      if (i === door && !v) return; // count openings only
      const first = !s[i * F];
      s[i * F]++;
      s[i * F + 1] += v;
      if (first || v < s[i * F + 2]) s[i * F + 2] = v;
      if (first || v > s[i * F + 3]) s[i * F + 3] = v;
    },
    flush: (print, powerPeriodMs) => {
      hour++;
      const pn = s[power * F];
      const wh = (s[power * F + 1] * powerPeriodMs) / 3600000;
      let total = 0;
      for (let i = 0; i < channels; i++) total += s[i * F];
      print('hb:status h=' + hour + ' cab=' + triple(0) + ' frz=' + triple(1) + ' door=' + s[door * F] +
        ' pw=' + (pn ? formatFixed(s[power * F + 1] / pn, 0) : '-') + ' wh=' + formatFixed(wh, 1) + ' n=' + total);
      s.fill(0);
    },
  };
}
