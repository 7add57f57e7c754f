// `tsx bench/round-robin-proxy.ts http://127.0.0.1:A http://127.0.0.1:B …`: the smallest load balancer, for
// the benchmark's rows of several instances on one database. Each request goes to the next instance in
// turn, over kept-alive connections; bodies stream through untouched (compressed answers stay compressed).
import { Agent, createServer, request } from 'node:http';

const upstreams = process.argv.slice(2).map((origin) => new URL(origin));
if (upstreams.length === 0) throw new Error('usage: round-robin-proxy.ts <origin> [<origin> …]');

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

const server = createServer((incoming, outgoing) => {
  const upstream = upstreams[next++ % upstreams.length] as URL;
  const forwarded = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers,
      agent,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forwarded.on('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json' });
    outgoing.end('{"error":"the instance did not answer"}');
  });
  incoming.pipe(forwarded);
});

server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // bench/api.bench.ts waits for this line, as for the servers'.
  console.log(`round-robin proxy listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
