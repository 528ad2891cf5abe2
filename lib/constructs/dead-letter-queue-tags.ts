/**
 * Tags by which `contact-center ops dlq` finds the stack's dead-letter queues (a file of its own so the
 * CLI reads them without loading the CDK).
 */

/** The name the CLI shows (`voc`, `inbound-mail`, `contact-records`). */
export const DEAD_LETTER_QUEUE_TAG = 'contact-center:dead-letter-queue';
/** How the queue is redriven: `source` (SQS moves messages back) or `none`. */
export const DEAD_LETTER_REDRIVE_TAG = 'contact-center:redrive';
