import pg from 'pg';

/** The channel every data change notifies, with the new data version as its payload. */
export const DATA_VERSION_CHANNEL = 'atlas_data_version';

const RECONNECT_MS = 1000;

/**
 * The highest data version this instance knows to be committed, learnt from LISTEN on the data version
 * channel (NOTIFY is sent inside each write's transaction, so it arrives only once the write has
 * committed) and from this instance's own writes. While the listening connection is down, a notification
 * may be missed, so `listening` is false and readers ask the database for the version themselves.
 */
export class DataVersionListener {
  latest = 0;
  listening = false;
  private client: pg.Client | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Whether `version` is newer than any known so far (and now known). */
  learn(version: number): boolean {
    if (version <= this.latest) return false;
    this.latest = version;
    return true;
  }

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(this.config);
    this.client = client;
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.listening = false;
      this.client = null;
      if (error) this.onError(error);
      client.end().catch(() => {});
      this.retry();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === DATA_VERSION_CHANNEL) this.learn(Number(message.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      // Whatever committed before LISTEN took effect was never notified to us: read it once.
      const { rows } = await client.query<{ version: string }>('SELECT version FROM data_version');
      this.learn(Number(rows[0]?.version ?? 0));
      if (this.client === client) this.listening = true;
    } catch (error) {
      lost(error);
    }
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.start();
    }, RECONNECT_MS);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
