import { join } from 'node:path';
import type { Alerts, VocAlert } from '../../lambdas/shared/voc/alerts';
import { appendJsonLine } from '../json-lines';

/** `<home>/voc/alerts.jsonl`: where `voc ingest` writes the alerts SNS would carry on AWS. */
export function vocAlertsPath(home: string): string {
  return join(home, 'voc', 'alerts.jsonl');
}

/**
 * {@link Alerts} for the laptop: each alert (the same JSON the SNS adapter publishes; redacted excerpt
 * only) is appended as one line to a JSON-lines file, and counted.
 */
export class FileVocAlerts implements Alerts {
  /** Alerts appended by this instance. */
  published = 0;

  constructor(readonly file: string) {}

  async publish(alert: VocAlert): Promise<void> {
    appendJsonLine(this.file, alert);
    this.published++;
  }
}
