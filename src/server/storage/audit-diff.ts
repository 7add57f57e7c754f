type Fields = Record<string, unknown>;

/**
 * What an update changed, field by field: the old values in `before`, the new in `after`, and nothing that
 * stayed the same, so that an audit entry grows with the change and not with the record. A field that was
 * absent on one side is left out of that side (so `after` alone names it). Null when nothing changed.
 */
export function auditDiff(before: Fields, after: Fields): { before: Fields; after: Fields } | null {
  const changedBefore: Fields = {};
  const changedAfter: Fields = {};
  let changed = false;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const next = after[key];
    if (JSON.stringify(old) === JSON.stringify(next)) continue;
    if (old !== undefined) changedBefore[key] = old;
    if (next !== undefined) changedAfter[key] = next;
    changed = true;
  }
  return changed ? { before: changedBefore, after: changedAfter } : null;
}
