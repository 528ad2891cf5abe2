import {
  initialTimeline,
  isWrapUp,
  type TimelineState,
  timelineReducer,
} from '../../../../agent-app/src/logic/timeline-paging';
import type { Interaction } from '../../../../lambdas/shared/customer-data/model';

const item = (sourceId: string, at: string): Interaction => ({ channel: 'VOICE', direction: 'INBOUND', at, sourceId });

describe('timelineReducer', () => {
  const owner = 'customer:C-1';
  const start = (): TimelineState => timelineReducer(initialTimeline, { type: 'reset', owner });

  it('loads the first page, then appends the next with its cursor until the last', () => {
    let s = timelineReducer(start(), { type: 'loading', owner });
    expect(s.status).toBe('loading');
    s = timelineReducer(s, {
      type: 'page',
      owner,
      items: [item('b', '2026-11-30T02:00:00Z'), item('a', '2026-11-30T01:00:00Z')],
      cursor: 'c1',
      append: false,
    });
    expect(s).toMatchObject({ status: 'ready', cursor: 'c1', loaded: true });
    s = timelineReducer(s, {
      type: 'page',
      owner,
      items: [item('a', '2026-11-30T01:00:00Z'), item('z', '2026-11-29T01:00:00Z')],
      cursor: undefined,
      append: true,
    });
    expect(s.items.map((i) => i.sourceId)).toEqual(['b', 'a', 'z']);
    expect(s.cursor).toBeUndefined();
  });

  it('ignores a late answer for the customer shown before', () => {
    const s = timelineReducer(start(), {
      type: 'page',
      owner: 'customer:OTHER',
      items: [item('x', '2026-01-01T00:00:00Z')],
      cursor: undefined,
      append: false,
    });
    expect(s.items).toEqual([]);
    expect(s.loaded).toBe(false);
  });

  it('keeps what is shown when a page fails, with the reason', () => {
    let s = timelineReducer(start(), {
      type: 'page',
      owner,
      items: [item('a', '2026-11-30T01:00:00Z')],
      cursor: 'c',
      append: false,
    });
    s = timelineReducer(s, { type: 'failed', owner, error: 'offline' });
    expect(s).toMatchObject({ status: 'error', error: 'offline', cursor: 'c' });
    expect(s.items).toHaveLength(1);
  });

  it('puts a written wrap-up in place, newest first, replacing the same contact’s entry', () => {
    let s = timelineReducer(start(), {
      type: 'page',
      owner,
      items: [item('b', '2026-11-30T02:00:00Z'), item('agent-wrap-up:k', '2026-11-30T01:00:00Z')],
      cursor: undefined,
      append: false,
    });
    s = timelineReducer(s, { type: 'upsert', owner, item: item('agent-wrap-up:k', '2026-11-30T03:00:00Z') });
    expect(s.items.map((i) => `${i.sourceId}@${i.at.slice(11, 13)}`)).toEqual(['agent-wrap-up:k@03', 'b@02']);
    expect(isWrapUp(s.items[0]!)).toBe(true);
    expect(isWrapUp(s.items[1]!)).toBe(false);
  });

  it('starts empty for another owner', () => {
    let s = timelineReducer(start(), {
      type: 'page',
      owner,
      items: [item('a', '2026-11-30T01:00:00Z')],
      cursor: 'c',
      append: false,
    });
    s = timelineReducer(s, { type: 'reset', owner: 'email:a@example.jp' });
    expect(s).toEqual({ ...initialTimeline, owner: 'email:a@example.jp' });
  });
});
