import type { Announcement, AnnouncementStore } from '../shared/operations/announcement-store';
import { withDeadline } from './lookup';

/**
 * The announcement as the IVR sees it: read at most once per `ttlMs` per Lambda instance, so a
 * command reaches callers within `ttlMs` plus one read, and the store sees one read per instance per
 * interval whatever the call volume. A read that fails or is slow counts as "no announcement" (cached
 * for the same interval, so a sick store does not slow every call): callers are routed as usual.
 */

/** How long a read is reused: the announcement reaches callers within this (plus one read). */
export const ANNOUNCEMENT_TTL_MS = 15_000;
/** The read's own budget, well inside the lookup's: it runs beside the caller lookup, never after it. */
export const ANNOUNCEMENT_DEADLINE_MS = 400;

export type AnnouncementAttributes = Record<string, string>;

export interface AnnouncementReader {
  /** Flow attributes: `announcement` active|none, and when active `announcementJa`, `announcementEn`, `announcementClosesQueues`. */
  attributes(): Promise<AnnouncementAttributes>;
}

export function toAttributes(a: Announcement | undefined): AnnouncementAttributes {
  if (!a) return { announcement: 'none' };
  return {
    announcement: 'active',
    announcementJa: a.ja,
    announcementEn: a.en,
    announcementClosesQueues: a.closeQueues ? 'true' : 'false',
  };
}

export function createAnnouncementReader(
  store: AnnouncementStore,
  options: {
    ttlMs?: number;
    deadlineMs?: number;
    now?: () => number;
    onError?: (message: string, error: unknown) => void;
  } = {},
): AnnouncementReader {
  const ttl = options.ttlMs ?? ANNOUNCEMENT_TTL_MS;
  const deadline = options.deadlineMs ?? ANNOUNCEMENT_DEADLINE_MS;
  const now = options.now ?? Date.now;
  let cached: { at: number; value: Promise<AnnouncementAttributes> } | undefined;
  return {
    attributes() {
      const t = now();
      if (!cached || t - cached.at >= ttl) {
        // One read shared by every contact of this instance until it expires (concurrent calls too).
        const value = withDeadline(store.get(), deadline).then(toAttributes, (err: unknown) => {
          options.onError?.('announcement read failed: routing as usual', err);
          return toAttributes(undefined);
        });
        cached = { at: t, value };
      }
      return cached.value;
    },
  };
}
