// Newline-delimited JSON, generated as the client reads it: the next lines are produced only when the
// previous chunk has been taken, so a response of any length holds one chunk in memory, and a client that
// goes away stops the generation.

/** About this many bytes of lines per chunk: big enough for few writes, small enough to stay cheap. */
const CHUNK_CHARS = 64 * 1024;

export const NDJSON_TYPE = 'application/x-ndjson; charset=utf-8';

export function ndjsonStream(items: Iterator<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let chunk = '';
        while (chunk.length < CHUNK_CHARS) {
          const next = items.next();
          if (next.done) {
            if (chunk.length > 0) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += `${JSON.stringify(next.value)}\n`;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      cancel() {
        items.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
