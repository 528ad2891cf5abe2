import { VOC_REPORTS } from '../../lib/voc/reports';
import { DEFAULT_LOCALE, type Locale, MESSAGES, type MessageKey, translate } from '../i18n/messages';
import { formatLocalMinute } from '../runtime/instant';
import type { ReportRow } from './duckdb';
import type { VocReportJson } from './reports';

/**
 * One self-contained HTML page for a {@link VocReportJson}: inline SVG charts generated here
 * (sentiment over time, channel mix, key phrases of negative messages) first, then every report as a
 * table in pages. Japanese by default, English on request; days and times in the center's time zone.
 * No scripts, no external resources (works offline, safe to attach to a mail).
 */

const COLORS = { positive: '#2e7d32', negative: '#c62828', neutral: '#9e9e9e', mixed: '#f9a825' } as const;
const CHANNEL_COLORS = ['#1565c0', '#6a1b9a', '#00838f', '#ef6c00', '#5d4037', '#455a64'];

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

/** Stacked bars per day: how many messages of each sentiment. */
export function sentimentOverTimeSvg(rows: readonly ReportRow[], locale: Locale = DEFAULT_LOCALE): string {
  const days = new Map<string, Record<keyof typeof COLORS, number>>();
  for (const r of rows) {
    const d = days.get(String(r.day)) ?? { positive: 0, negative: 0, neutral: 0, mixed: 0 };
    for (const k of Object.keys(COLORS) as (keyof typeof COLORS)[]) d[k] += num(r[k]);
    days.set(String(r.day), d);
  }
  const entries = [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return `<p class="empty">${escapeHtml(translate(locale, 'voc.noMessages'))}</p>`;
  const width = 760;
  const height = 240;
  const pad = { left: 40, bottom: 40, top: 10 };
  const max = Math.max(1, ...entries.map(([, d]) => d.positive + d.negative + d.neutral + d.mixed));
  const slot = (width - pad.left) / entries.length;
  const bar = Math.max(2, slot * 0.7);
  const scale = (height - pad.top - pad.bottom) / max;
  const parts: string[] = [];
  entries.forEach(([day, d], i) => {
    let y = height - pad.bottom;
    const x = pad.left + i * slot + (slot - bar) / 2;
    for (const k of ['negative', 'mixed', 'neutral', 'positive'] as const) {
      const h = d[k] * scale;
      if (h <= 0) continue;
      y -= h;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[k]}"><title>${escapeHtml(day)} ${escapeHtml(translate(locale, `voc.sentiment.${k}`))}: ${d[k]}</title></rect>`,
      );
    }
    if (entries.length <= 16 || i % Math.ceil(entries.length / 16) === 0) {
      parts.push(
        `<text x="${(x + bar / 2).toFixed(1)}" y="${height - pad.bottom + 14}" font-size="10" text-anchor="middle">${escapeHtml(day.slice(5))}</text>`,
      );
    }
  });
  const legend = (Object.keys(COLORS) as (keyof typeof COLORS)[])
    .map(
      (k, i) =>
        `<rect x="${pad.left + i * 110}" y="${height - 16}" width="10" height="10" fill="${COLORS[k]}"/><text x="${pad.left + i * 110 + 14}" y="${height - 7}" font-size="11">${escapeHtml(translate(locale, `voc.sentiment.${k}`))}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(translate(locale, 'voc.sentimentOverTime'))}"><text x="4" y="${pad.top + 10}" font-size="10">${max}</text><line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width}" y2="${height - pad.bottom}" stroke="#555"/>${parts.join('')}${legend}</svg>`;
}

/** Horizontal bars, one per label. */
export function barsSvg(
  items: readonly { label: string; value: number; color?: string }[],
  label: string,
  locale: Locale = DEFAULT_LOCALE,
): string {
  if (items.length === 0) return `<p class="empty">${escapeHtml(translate(locale, 'voc.nothing'))}</p>`;
  const width = 760;
  const row = 22;
  const height = items.length * row + 10;
  const labelWidth = 200;
  const max = Math.max(1, ...items.map((i) => i.value));
  const bars = items
    .map((item, i) => {
      const w = ((width - labelWidth - 60) * item.value) / max;
      const y = 5 + i * row;
      return (
        `<text x="${labelWidth - 6}" y="${y + 14}" font-size="12" text-anchor="end">${escapeHtml(item.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 6}" fill="${item.color ?? '#1565c0'}"><title>${escapeHtml(item.label)}: ${item.value}</title></rect>` +
        `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 14}" font-size="11">${item.value}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">${bars}</svg>`;
}

function rowsHtml(rows: readonly ReportRow[], columns: readonly string[]): string {
  return rows
    .map(
      (r) =>
        `<tr>${columns
          .map((c) => {
            const v = r[c];
            return `<td${typeof v === 'number' ? ' class="n"' : ''}>${escapeHtml(Array.isArray(v) ? v.join(', ') : v)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
}

/**
 * A report table in pages of `pageSize` rows. On the served page (`pageHref`), page N of the table and
 * links to its neighbours; in a file (no server to ask), the first page and the rest behind a
 * disclosure, so the page stays short either way.
 */
function table(
  name: string,
  rows: readonly ReportRow[],
  o: { locale: Locale; pageSize: number; page: number; pageHref?: (name: string, page: number) => string },
): string {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => escapeHtml(translate(o.locale, key, vars));
  if (rows.length === 0) return `<p class="empty">${t('voc.noRows')}</p>`;
  const columns = Object.keys(rows[0] ?? {});
  const head = `<thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const pages = Math.max(1, Math.ceil(rows.length / o.pageSize));
  if (pages === 1) return `<table>${head}<tbody>${rowsHtml(rows, columns)}</tbody></table>`;
  if (!o.pageHref) {
    const first = rows.slice(0, o.pageSize);
    const rest = rows.slice(o.pageSize);
    return (
      `<table>${head}<tbody>${rowsHtml(first, columns)}</tbody></table>` +
      `<details><summary>${t('voc.moreRows', { count: rest.length })}</summary><table>${head}<tbody>${rowsHtml(rest, columns)}</tbody></table></details>`
    );
  }
  const page = Math.min(Math.max(1, o.page), pages);
  const firstRow = (page - 1) * o.pageSize;
  const shown = rows.slice(firstRow, firstRow + o.pageSize);
  const link = (to: number, key: MessageKey) =>
    to < 1 || to > pages
      ? `<span class="off">${t(key)}</span>`
      : `<a href="${escapeHtml(o.pageHref?.(name, to))}#${escapeHtml(name)}">${t(key)}</a>`;
  const nav = `<nav class="pager" aria-label="${escapeHtml(name)}">${link(page - 1, 'voc.previous')} <span>${t('voc.rows', { first: firstRow + 1, last: firstRow + shown.length, total: rows.length })}</span> ${link(page + 1, 'voc.next')}</nav>`;
  return `<table>${head}<tbody>${rowsHtml(shown, columns)}</tbody></table>${nav}`;
}

export interface VocPageOptions {
  /** The center's time zone: report days are its days, and instants are shown in it. */
  timeZone: string;
  /** @default 'ja' */
  locale?: Locale;
  /** Rows per table page. @default 20 */
  pageSize?: number;
  /** The page of each report's table to show (served page). @default 1 */
  pages?: Readonly<Record<string, number>>;
  /** Where the table pages link to (served page); without it, a file shows the first page and a disclosure. */
  pageHref?: (report: string, page: number) => string;
  /** The console to link back to (served page). */
  consoleHref?: string;
}

/** `2026-11-30 09:15` in the zone, for instants the reports return (ISO-8601 strings). */
export function localTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return formatLocalMinute(at, timeZone);
}

/** Columns that hold instants (ISO-8601 UTC in the JSON), shown in the center's time zone. */
const INSTANT_COLUMNS = new Set(['last_contact_at', 'at']);

/** The reports with their instants as local times (for people; JSON keeps the ISO instants). */
export function withLocalInstants(reports: VocReportJson['reports'], timeZone: string): VocReportJson['reports'] {
  return Object.fromEntries(
    Object.entries(reports).map(([name, rows]) => [
      name,
      rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            INSTANT_COLUMNS.has(k) && typeof v === 'string' ? localTime(v, timeZone) : v,
          ]),
        ),
      ),
    ]),
  );
}

function channelLabel(locale: Locale, channel: string): string {
  const key = `channel.${channel}`;
  return key in MESSAGES[locale] ? translate(locale, key as MessageKey) : channel;
}

export function renderVocReportHtml(report: VocReportJson, options: VocPageOptions): string {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = (key: MessageKey, vars?: Record<string, string | number>) => escapeHtml(translate(locale, key, vars));
  const shown = withLocalInstants(report.reports, options.timeZone);
  const r = report.reports;
  const channelTotals = new Map<string, number>();
  for (const row of r['volume-by-channel-day'] ?? []) {
    channelTotals.set(String(row.channel), (channelTotals.get(String(row.channel)) ?? 0) + num(row.messages));
  }
  const channels = [...channelTotals.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([channel, value], i) => ({
      label: channelLabel(locale, channel),
      value,
      color: CHANNEL_COLORS[i % CHANNEL_COLORS.length],
    }));
  const phrases = (r['negative-key-phrases'] ?? []).map((row) => ({
    label: String(row.phrase),
    value: num(row.messages),
    color: COLORS.negative,
  }));
  const sections = VOC_REPORTS.filter((def) => shown[def.name] !== undefined)
    .map(
      (def) =>
        `<section id="${escapeHtml(def.name)}"><h3>${escapeHtml(def.title)}</h3>${table(
          def.name,
          shown[def.name] ?? [],
          {
            locale,
            pageSize: options.pageSize ?? 20,
            page: options.pages?.[def.name] ?? 1,
            ...(options.pageHref && { pageHref: options.pageHref }),
          },
        )}</section>`,
    )
    .join('');
  const back = options.consoleHref
    ? `<nav class="top"><a href="${escapeHtml(options.consoleHref)}">${t('voc.backToConsole')}</a></nav>`
    : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('voc.title')} ${escapeHtml(report.from)} – ${escapeHtml(report.to)}</title>
<style>
body{font-family:"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans CJK JP","Noto Sans JP","Yu Gothic UI","Yu Gothic",YuGothic,Meiryo,sans-serif;margin:2rem auto;max-width:820px;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}
svg{width:100%;height:auto;display:block}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.empty{color:#777}
nav.pager{display:flex;gap:1rem;justify-content:center;margin:.5rem 0 1.5rem;font-size:.85rem}nav.pager .off{color:#aaa}
nav.top{font-size:.9rem}a{color:#0a6ebd}
</style>
</head>
<body>
${back}
<h1>${t('voc.title')}</h1>
<p>${t('voc.range', { from: report.from, to: report.to, tz: options.timeZone })}</p>
<h2>${t('voc.sentimentOverTime')}</h2>
${sentimentOverTimeSvg(r['sentiment-by-channel-day'] ?? [], locale)}
<h2>${t('voc.channelMix')}</h2>
${barsSvg(channels, translate(locale, 'voc.channelMix'), locale)}
<h2>${t('voc.negativePhrases')}</h2>
${barsSvg(phrases, translate(locale, 'voc.negativePhrases'), locale)}
<h2>${t('voc.reports')}</h2>
${sections}
</body>
</html>
`;
}
