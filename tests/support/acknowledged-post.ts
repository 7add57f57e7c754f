import { request as httpRequest } from 'node:http';

/**
 * A POST that resolves with the created record's id once the whole 201 answer has arrived, and with null
 * on anything else (including the server dying mid-answer): what "acknowledged" means to a client.
 */
export function createAcknowledged(
  origin: string,
  urlPath: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<string | null> {
  return new Promise((resolve) => {
    const request = httpRequest(
      `${origin}${urlPath}`,
      { method: 'POST', headers, agent: false },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk.toString();
        });
        response.on('end', () => {
          try {
            resolve(response.statusCode === 201 ? (JSON.parse(text) as { id: string }).id : null);
          } catch {
            resolve(null);
          }
        });
        response.on('error', () => resolve(null));
      },
    );
    request.on('error', () => resolve(null));
    request.end(JSON.stringify(body));
  });
}
