import { createContext, useContext } from 'react';
import { type Locale, type Translate, translator } from '../i18n';

/** What every part of the screen needs: the locale, its words and the center's time zone. */
export interface AppContextValue {
  locale: Locale;
  t: Translate;
  timeZone: string;
}

export const AppText = createContext<AppContextValue>({
  locale: 'ja-JP',
  t: translator('ja-JP'),
  timeZone: 'Asia/Tokyo',
});

export function useText(): AppContextValue {
  return useContext(AppText);
}
