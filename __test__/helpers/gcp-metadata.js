'use strict';

// A loopback fake of the GCP metadata server (http://metadata.google.internal): the identity
// endpoint hands out an ID token for the requested audience, and, like the real one, refuses a
// request without `Metadata-Flavor: Google` (403). Every request is recorded, headers included,
// so a test can check that no Infisical token or header reached it.

const http = require('node:http');

const IDENTITY_PATH = '/computeMetadata/v1/instance/service-accounts/default/identity';

/**
 * @param {(audience: string, query: URLSearchParams) => string | { status: number, body: string }} answer
 *   the ID token for `audience` (or a canned answer)
 */
async function startGcpMetadata(answer) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://metadata.google.internal');
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { ...req.headers } });
    const send = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'text/html', 'Metadata-Flavor': 'Google' });
      res.end(body);
    };
    if (req.headers['metadata-flavor'] !== 'Google') return send(403, 'Missing required header: Metadata-Flavor');
    if (req.method !== 'GET' || url.pathname !== IDENTITY_PATH) return send(404, 'Not Found');
    const audience = url.searchParams.get('audience');
    if (!audience) return send(400, 'non-empty audience parameter required');
    const out = answer(audience, url.searchParams);
    if (typeof out === 'string') return send(200, out);
    return send(out.status, out.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

module.exports = { startGcpMetadata, IDENTITY_PATH };
