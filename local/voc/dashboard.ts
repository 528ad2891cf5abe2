import { localDay } from '../../lambdas/shared/local-day';
import { VOC_REPORTS } from '../../lib/voc/reports';
import { contactCenterHome } from '../cli/local-runtime';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/messages';
import { loadLocalConfig } from '../runtime/config';
import { vocLakeDir } from './local-lake';
import { renderVocReportHtml, type VocPageOptions } from './render-html';
import { DuckDbVocReportEngine, runVocReports, type VocReportJson } from './reports';

/** Default report range: the 30 days ending today, days of the center's time zone. */
export function defaultReportRange(timeZone: string, now: Date = new Date()): { from: string; to: string } {
  const to = localDay(now, timeZone);
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y, m - 1, d - 29)).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * For a console: the report JSON over the local lake and the HTML page, in one call.
 * `home` defaults to CONTACT_CENTER_HOME or .contact-center/.
 */
export async function localVocDashboard(
  options: {
    home?: string;
    from?: string;
    to?: string;
    timeZone?: string;
    page?: Omit<VocPageOptions, 'timeZone'>;
  } = {},
): Promise<{ json: VocReportJson; html: string }> {
  const timeZone = options.timeZone ?? loadLocalConfig().timeZone;
  const range = defaultReportRange(timeZone);
  const engine = new DuckDbVocReportEngine(vocLakeDir(options.home ?? contactCenterHome()));
  try {
    const json = await runVocReports(engine, options.from ?? range.from, options.to ?? range.to);
    return { json, html: renderVocReportHtml(json, { ...options.page, timeZone }) };
  } finally {
    engine.close();
  }
}

export { renderVocReportHtml };

/**
 * The served VOC page's options from its query: `lang=ja|en`, `page.<report>=N` per table. Anything
 * else (an unknown locale, a report that does not exist, a page that is not a positive whole number)
 * is ignored rather than refused: the page always renders.
 */
export function vocPageOptionsFromQuery(query: URLSearchParams): Omit<VocPageOptions, 'timeZone'> {
  const lang = query.get('lang');
  const locale: Locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  const pages: Record<string, number> = {};
  for (const { name } of VOC_REPORTS) {
    const n = Number(query.get(`page.${name}`));
    if (Number.isSafeInteger(n) && n >= 1) pages[name] = n;
  }
  const href = (extra: Record<string, number>) => {
    const q = new URLSearchParams({ lang: locale });
    for (const [name, n] of Object.entries({ ...pages, ...extra })) if (n > 1) q.set(`page.${name}`, String(n));
    return `/voc?${q.toString()}`;
  };
  return {
    locale,
    pages,
    pageHref: (report, page) => href({ [report]: page }),
    consoleHref: `/?lang=${locale}`,
  };
}
