/**
 * Format `value` with exactly `decimals` digits after the point, using integer
 * arithmetic only. Espruino and V8 print floats differently (about 12
 * significant digits on Espruino), so everything the SDK prints for humans or
 * tests goes through this.
 */
export function formatFixed(value: number, decimals: number): string {
  if (!isFinite(value)) return value !== value ? 'NaN' : value > 0 ? 'Inf' : '-Inf';
  let scale = 1;
  for (let i = 0; i < decimals; i++) scale *= 10;
  const scaled = Math.round(Math.abs(value) * scale);
  const sign = value < 0 && scaled !== 0 ? '-' : '';
  const whole = Math.floor(scaled / scale);
  if (decimals === 0) return sign + whole;
  let frac = '' + (scaled - whole * scale);
  while (frac.length < decimals) frac = '0' + frac;
  return sign + whole + '.' + frac;
}
