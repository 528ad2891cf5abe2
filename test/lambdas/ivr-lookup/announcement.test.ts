import {
  ANNOUNCEMENT_DEADLINE_MS,
  ANNOUNCEMENT_TTL_MS,
  createAnnouncementReader,
} from '../../../lambdas/ivr-lookup/announcement';
import { LOOKUP_DEADLINE_MS } from '../../../lambdas/ivr-lookup/lookup';
import type { Announcement, AnnouncementStore } from '../../../lambdas/shared/operations/announcement-store';

const typhoon: Announcement = {
  ja: '台風のため休業します。',
  en: 'Closed for the typhoon.',
  closeQueues: true,
  updatedAt: '',
};

function storeReturning(get: () => Promise<Announcement | undefined>): AnnouncementStore & { reads: number } {
  const store = {
    reads: 0,
    get: () => {
      store.reads++;
      return get();
    },
    put: async () => undefined,
    clear: async () => undefined,
  };
  return store;
}

describe('announcement reader', () => {
  it('reads once per interval however many contacts ask, then reads again', async () => {
    let t = 0;
    const store = storeReturning(async () => typhoon);
    const reader = createAnnouncementReader(store, { now: () => t });

    await Promise.all([reader.attributes(), reader.attributes(), reader.attributes()]);
    t = ANNOUNCEMENT_TTL_MS - 1;
    const cached = await reader.attributes();
    t = ANNOUNCEMENT_TTL_MS;
    await reader.attributes();

    expect(cached).toEqual({
      announcement: 'active',
      announcementJa: '台風のため休業します。',
      announcementEn: 'Closed for the typhoon.',
      announcementClosesQueues: 'true',
    });
    expect(store.reads).toBe(2);
  });

  it('reaches callers within a minute of the command', () => {
    expect(ANNOUNCEMENT_TTL_MS + ANNOUNCEMENT_DEADLINE_MS).toBeLessThan(60_000);
  });

  it('answers "none" when the store fails, and does not retry it on every contact', async () => {
    let t = 0;
    const errors: string[] = [];
    const store = storeReturning(() => Promise.reject(new Error('ECONNREFUSED')));
    const reader = createAnnouncementReader(store, { now: () => t, onError: (m) => errors.push(m) });

    expect(await reader.attributes()).toEqual({ announcement: 'none' });
    t = 1000;
    expect(await reader.attributes()).toEqual({ announcement: 'none' });
    expect(store.reads).toBe(1);
    expect(errors).toEqual(['announcement read failed: routing as usual']);
  });

  it('answers "none" when the store is slower than its own deadline, well inside the lookup budget', async () => {
    const store = storeReturning(() => new Promise<never>(() => undefined));
    const reader = createAnnouncementReader(store, { deadlineMs: 20 });

    expect(await reader.attributes()).toEqual({ announcement: 'none' });
    expect(ANNOUNCEMENT_DEADLINE_MS).toBeLessThan(LOOKUP_DEADLINE_MS);
  });
});
