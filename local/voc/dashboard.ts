import { localDay } from '../../lambdas/shared/local-day';
import { contactCenterHome } from '../cli/local-runtime';
import { loadLocalConfig } from '../runtime/config';
import { vocLakeDir } from './local-lake';
import { renderVocReportHtml } from './render-html';
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
  options: { home?: string; from?: string; to?: string; timeZone?: string } = {},
): Promise<{ json: VocReportJson; html: string }> {
  const timeZone = options.timeZone ?? loadLocalConfig().timeZone;
  const range = defaultReportRange(timeZone);
  const engine = new DuckDbVocReportEngine(vocLakeDir(options.home ?? contactCenterHome()));
  try {
    const json = await runVocReports(engine, options.from ?? range.from, options.to ?? range.to);
    return { json, html: renderVocReportHtml(json, { timeZone }) };
  } finally {
    engine.close();
  }
}

export { renderVocReportHtml };
