/**
 * An unknown option is refused (as Python refuses an unexpected keyword argument); these helpers find the name
 * that was meant, so the message can say "did you mean maxTasksPerChild?" for Python's spelling
 * (`maxtasksperchild`, `error_callback`), a typo (`procesess`) or Python's other name for it (`kwargs`).
 */
import { secondsToMs } from './arity.js';

/** Python's names (or habits) for options that multiproc spells differently, beyond case and underscores. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  kwargs: ['kwds'],
  kwds: ['kwargs'],
  blocking: ['block'],
  timeout: ['timeoutMs'],
  errback: ['errorCallback'],
};

const normal = (name: string): string => name.toLowerCase().replace(/[_-]/g, '');

/** Levenshtein distance, bounded: gives up (returns bound + 1) past `bound`. Names are short. */
function distance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The option among `names` that `key` most likely meant, or undefined when none is close. */
export function closestName(key: string, names: readonly string[]): string | undefined {
  // Own keys only: `constructor` or `__proto__` given as an option must not find Object.prototype's members.
  const alias = Object.hasOwn(ALIASES, key) ? ALIASES[key]?.find((name) => names.includes(name)) : undefined;
  if (alias !== undefined) return alias;
  const wanted = normal(key);
  const same = names.find((name) => normal(name) === wanted || normal(name) === `${wanted}s` || `${normal(name)}s` === wanted);
  if (same !== undefined) return same;
  const bound = wanted.length > 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = bound + 1;
  for (const name of names) {
    const d = distance(wanted, normal(name), bound);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/**
 * ` (did you mean x?)` for an unknown `key` given `value`, or '' when no option is close. `timeout` gets the
 * unit too: Python's is in seconds, ours in milliseconds.
 */
export function didYouMean(key: string, value: unknown, names: readonly string[]): string {
  const meant = closestName(key, names);
  if (meant === undefined) return '';
  if (key === 'timeout' && meant === 'timeoutMs') {
    const fix = typeof value === 'number' && value >= 0 ? `: { timeoutMs: ${secondsToMs(value)} }` : '';
    return ` (did you mean timeoutMs? it is in milliseconds, where Python's timeout is in seconds${fix})`;
  }
  return ` (did you mean ${meant}?)`;
}
