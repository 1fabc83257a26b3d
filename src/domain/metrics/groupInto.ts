/**
 * Appends to a group in place. Building groups by copying (`[...group, item]`) is quadratic: it
 * made the audit of 80,000 MQLs spend 37 s grouping them by source and owner.
 */
export function groupInto<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
