// The API benchmark's baseline: the least a server can do to send one response, run as its own process like
// the atlas. It holds one response's bytes in every coding in memory (as the atlas sent them) and answers
// every request with the coding asked for: no routing, no middleware, no lookup, no compression.
//
// `node --import tsx bench/ideal-static-server.ts <dir>`, where <dir> holds body.identity, body.gzip,
// body.br and content-type.txt; prints "listening on http://127.0.0.1:<port>".
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: ideal-static-server.ts <dir with body.identity, body.gzip, body.br>');
const read = (name: string) => readFileSync(path.join(dir, name));
const bodies = { identity: read('body.identity'), gzip: read('body.gzip'), br: read('body.br') };
const contentType = read('content-type.txt').toString('utf8').trim();

const server = createServer((request, response) => {
  const accepted = request.headers['accept-encoding'] ?? '';
  const coding = accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : 'identity';
  const body = bodies[coding];
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    ...(coding === 'identity' ? {} : { 'content-encoding': coding }),
    etag: `"ideal-${coding}"`,
    vary: 'Accept-Encoding',
    'cache-control': 'no-cache',
  });
  response.end(body);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  console.log(`ideal static server listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
