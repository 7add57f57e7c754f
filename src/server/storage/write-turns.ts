import { StoreUnavailableError } from './atlas-store.ts';

/** Writes one instance lets wait for their turn before it refuses more with 503 (either store). */
export const MAX_WAITING_WRITES = 1000;

/**
 * Writes take turns, one per turn of the event loop: between two writes every read that has arrived is
 * served, so a flood of writes makes writers wait rather than starving every reader. Past `maxWaiting`
 * waiting, a write is refused with 503 and Retry-After.
 */
export class WriteTurns {
  private last: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting: number) {}

  async take(): Promise<void> {
    if (this.waiting >= this.maxWaiting) {
      throw new StoreUnavailableError('Too many changes are waiting to be saved; try again in a moment', 1);
    }
    this.waiting++;
    const turn = this.last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.last = turn;
    try {
      await turn;
    } finally {
      this.waiting--;
    }
  }
}
