/**
 * Looks a reference up in an environment record: exact key, then by id (the last `/` segment of an ARN,
 * on either side), then by name.
 */
export function findEntry<T extends { name: string }>(
  record: Record<string, T>,
  ref: string,
): [key: string, value: T] | undefined {
  if (ref === '') return undefined;
  if (Object.hasOwn(record, ref)) return [ref, record[ref] as T];
  const id = ref.slice(ref.lastIndexOf('/') + 1);
  const entries = Object.entries(record);
  const found =
    entries.find(([k]) => k === id) ??
    entries.find(([k]) => k.slice(k.lastIndexOf('/') + 1) === id) ??
    entries.find(([, v]) => v.name === ref);
  return found ? [found[0], found[1]] : undefined;
}
