/** Danish letters spelled the Danish way in ASCII (Holbæk → holbaek), so ids read like the names. */
const transliterations: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ß: 'ss' };

/** A kebab-case id from a name: lower-case ASCII letters and digits, single hyphens. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[æøåß]/g, (letter) => transliterations[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 60).replace(/-+$/, '') || 'item';
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Case- and accent-insensitive form for text search (Holbaek finds Holbæk, novonesis finds Novonesis). */
export function searchKey(text: string): string {
  return slugify(text).replace(/-/g, ' ');
}

/**
 * Ids in code-unit order, not `localeCompare`: the same on every machine and in every locale, and many
 * times faster (sorting 10,000 cluster members by locale took a tenth of a second).
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
