import { contactCenterHome } from '../cli/local-runtime';
import { vocLakeDir } from './local-lake';
import { renderVocReportHtml } from './render-html';
import { DuckDbVocReportEngine, runVocReports, type VocReportJson } from './reports';

/** Default report range: the 30 days ending today (UTC). */
export function defaultReportRange(now: Date = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * For a console: the report JSON over the local lake and the HTML page, in one call.
 * `home` defaults to CONTACT_CENTER_HOME or .contact-center/.
 */
export async function localVocDashboard(
  options: { home?: string; from?: string; to?: string } = {},
): Promise<{ json: VocReportJson; html: string }> {
  const range = defaultReportRange();
  const engine = new DuckDbVocReportEngine(vocLakeDir(options.home ?? contactCenterHome()));
  try {
    const json = await runVocReports(engine, options.from ?? range.from, options.to ?? range.to);
    return { json, html: renderVocReportHtml(json) };
  } finally {
    engine.close();
  }
}

export { renderVocReportHtml };
