/**
 * `haystack.indexOf(needle, from)` that is right on Espruino 2v29. Its
 * String#indexOf (and includes) keeps comparing past the last possible start
 * and counts running off the end of the haystack as a match, so
 * `"abc".indexOf("cd")` is 2 and `"abc".includes("cde")` is true
 * (jswrap_string_indexOf, measured on the 2v29 Linux build). A false match
 * can only be a suffix of the haystack, after any real match, so rejecting a
 * match that does not fit is enough. Single-character needles are safe.
 */
export function findText(haystack: string, needle: string, from?: number): number {
  const i = haystack.indexOf(needle, from);
  return i >= 0 && i + needle.length <= haystack.length ? i : -1;
}
