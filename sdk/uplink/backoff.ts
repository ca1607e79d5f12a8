/**
 * Retry delays: exponential backoff with "full jitter" (a uniform draw in
 * [0, min(max, base * 2^attempt)]), which spreads a fleet's retries after a
 * shared outage instead of synchronising them. The draw comes from the
 * caller's RandomSource, never Math.random (it repeats every boot).
 *
 * @param attempt failures so far (0 for the first retry)
 * @param baseMs first ceiling, ms
 * @param maxMs largest ceiling, ms
 * @param r a uniform draw in [0, 1)
 * @returns the delay in ms, at least `baseMs / 2` so a retry never spins
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, r: number): number {
  let ceil = baseMs;
  for (let i = 0; i < attempt && ceil < maxMs; i++) ceil *= 2;
  if (ceil > maxMs) ceil = maxMs;
  const half = baseMs / 2;
  return Math.floor(half + r * (ceil - half));
}
