import type { Interaction } from '../../../lambdas/shared/customer-data/model';

/**
 * The history list's state: pages fetched newest first with the API's opaque cursor, appended on "show
 * more"; an entry written here (a wrap-up) is put in place at once without refetching. Entries are
 * keyed by sourceId, so a page that overlaps what is shown (a write moved the cursor's window) adds no
 * duplicates.
 */
export interface TimelineState {
  /** Whose history (customer id, or the contact point); a response for another owner is ignored. */
  owner: string | undefined;
  items: Interaction[];
  /** Cursor of the next page; undefined once the last page is in. */
  cursor: string | undefined;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  /** At least one page has been loaded for this owner. */
  loaded: boolean;
}

export type TimelineAction =
  | { type: 'reset'; owner: string | undefined }
  | { type: 'loading'; owner: string }
  | { type: 'page'; owner: string; items: Interaction[]; cursor: string | undefined; append: boolean }
  | { type: 'failed'; owner: string; error: string }
  | { type: 'upsert'; owner: string; item: Interaction };

export const initialTimeline: TimelineState = {
  owner: undefined,
  items: [],
  cursor: undefined,
  status: 'idle',
  loaded: false,
};

export function timelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  if (action.type === 'reset') return { ...initialTimeline, owner: action.owner };
  if (action.owner !== state.owner) return state;
  switch (action.type) {
    case 'loading':
      return { ...state, status: 'loading', error: undefined };
    case 'failed':
      return { ...state, status: 'error', error: action.error };
    case 'page': {
      const items = action.append ? mergeBySourceId(state.items, action.items) : dedupe(action.items);
      return { ...state, items, cursor: action.cursor, status: 'ready', error: undefined, loaded: true };
    }
    case 'upsert': {
      const rest = state.items.filter((i) => i.sourceId !== action.item.sourceId);
      return { ...state, items: newestFirst([action.item, ...rest]) };
    }
  }
}

function dedupe(items: Interaction[]): Interaction[] {
  return mergeBySourceId([], items);
}

function mergeBySourceId(shown: Interaction[], page: Interaction[]): Interaction[] {
  const seen = new Set(shown.map((i) => i.sourceId));
  const out = [...shown];
  for (const item of page) {
    if (seen.has(item.sourceId)) continue;
    seen.add(item.sourceId);
    out.push(item);
  }
  return out;
}

/** Stable newest-first order by `at` (ISO strings of one format sort as text). */
function newestFirst(items: Interaction[]): Interaction[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.at === b.item.at ? a.index - b.index : a.item.at < b.item.at ? 1 : -1))
    .map((x) => x.item);
}

export const WRAP_UP_SOURCE_PREFIX = 'agent-wrap-up:';

export function isWrapUp(item: Interaction): boolean {
  return item.sourceId.startsWith(WRAP_UP_SOURCE_PREFIX);
}
