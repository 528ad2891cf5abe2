import { createContext, useContext } from 'react';
import type { Disposition } from '../../../lambdas/shared/agent/contract';
import type { AgentApi } from '../api/api-client';
import { type Locale, type Translate, translator } from '../i18n';

/** What every part of the screen needs: the words, the center's time zone, the API and the signed-in agent. */
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

export interface SessionValue {
  api: AgentApi;
  agentName: string;
  role: 'agent' | 'supervisor';
  dispositions: Disposition[];
}
