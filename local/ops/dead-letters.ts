/**
 * Dead letters in both runtimes, behind one port, for `contact-center ops dlq list | redrive`:
 * SQS dead-letter queues on AWS (sqs-dead-letter-queues.ts), journals under CONTACT_CENTER_HOME
 * locally (local-dead-letters.ts).
 */

export interface DeadLetterQueueStatus {
  /** The name operators use (`voc`, `inbound-mail`, `contact-records`). */
  name: string;
  /** Messages waiting (SQS: ApproximateNumberOfMessages, visible ones). */
  messages: number;
  /** Messages being received right now (SQS only; 0 locally). */
  inFlight: number;
  /** Whether `redrive` can move them back (false: failure records that point elsewhere). */
  redrivable: boolean;
  /** Where they are: queue URL or journal path. */
  location: string;
}

export interface RedriveResult {
  name: string;
  /** Messages waiting before the redrive. */
  before: number;
  /** Messages waiting after it (those that failed again locally; those not yet moved on AWS). */
  after: number;
  /** Messages moved back (AWS) or processed (locally). */
  moved: number;
  /** AWS: the move task's status (COMPLETED, RUNNING, FAILED, CANCELLED); locally always COMPLETED. */
  status: string;
  /** AWS: the move task handle, to follow it in the console or with ListMessageMoveTasks. */
  taskHandle?: string;
  /** Why messages failed again (local) or why the task failed (AWS). */
  failures: string[];
}

export interface DeadLetterQueues {
  list(): Promise<DeadLetterQueueStatus[]>;
  redrive(name: string): Promise<RedriveResult>;
}

/** A dead-letter queue name that does not exist, or cannot be redriven; the message says which and why. */
export class DeadLetterQueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadLetterQueueError';
  }
}
