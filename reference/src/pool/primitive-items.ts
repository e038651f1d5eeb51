/**
 * Whether a chunk's values hold nothing but primitives, one array deep: the argument list of an applyAsync
 * ([[1, 'a']]), a starmap's lists, a map's items. Then no Queue and no instance of a registered class can be
 * among them, and makeChunk skips the two walks that look for those. On many tiny tasks each walk cost a
 * closure and two objects per task in the parent, garbage its GC then had to deal with (issue 20 b).
 */
export function onlyPrimitives(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'object' || item === null) continue;
    // A subclass of Array may be a registered class: its instances are looked for.
    if (Object.getPrototypeOf(item) !== Array.prototype) return false;
    const list = item as readonly unknown[];
    for (let j = 0; j < list.length; j++) {
      const value = list[j];
      if (typeof value === 'object' && value !== null) return false;
    }
  }
  return true;
}
