'use strict';

// A loopback stand-in for the three places an Azure login gets its Entra token from, handing
// out tokens of the test server's fake tenant (server.signAzureToken), so the server can verify
// them as the real one verifies Entra's:
//   GET  /metadata/identity/oauth2/token   the VM instance metadata service (IMDS)
//   GET  /msi/token                        the App Service / Functions identity endpoint
//   POST /{tenant}/oauth2/v2.0/token       Entra's token endpoint (workload identity exchange)
// Every request is recorded (`requests`), and `refuse` makes the next ones fail like Azure does.

const http = require('node:http');
const querystring = require('node:querystring');

const IDENTITY_HEADER = 'test-identity-header';

/**
 * @param {object} server the test server (its signAzureToken mints the tokens)
 * @param {object} [options]
 * @param {string} [options.federatedToken] the client_assertion the token endpoint accepts
 *   (a function for one that changes); any other is refused like Entra refuses it
 */
async function startAzureFake(server, options = {}) {
  const requests = [];
  const fake = {
    requests,
    identityHeader: IDENTITY_HEADER,
    refusal: null, // { status, body } answered to every request while set
  };

  const reply = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  // IMDS and App Service answer with the resource as asked; Entra's v1 tokens carry the
  // scope's resource (no trailing slash, which the server tolerates like the real one).
  const tokenFor = (audience) => {
    const accessToken = server.signAzureToken({ audience });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: '3599', resource: audience };
  };

  const httpServer = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const [path, query = ''] = req.url.split('?');
      const record = { method: req.method, path, query: { ...querystring.parse(query) }, headers: req.headers, form: req.method === 'POST' ? { ...querystring.parse(body) } : undefined };
      requests.push(record);
      if (fake.refusal) return reply(res, fake.refusal.status, fake.refusal.body);

      if (req.method === 'GET' && path === '/metadata/identity/oauth2/token') {
        if (req.headers.metadata !== 'true') return reply(res, 400, { error: 'invalid_request', error_description: 'Required metadata header not specified' });
        if (record.query['api-version'] !== '2018-02-01' || !record.query.resource) return reply(res, 400, { error: 'invalid_request', error_description: 'bad query' });
        return reply(res, 200, tokenFor(record.query.resource));
      }
      if (req.method === 'GET' && path === '/msi/token') {
        if (req.headers['x-identity-header'] !== IDENTITY_HEADER) return reply(res, 401, { message: 'X-IDENTITY-HEADER is missing or wrong' });
        if (record.query['api-version'] !== '2019-08-01' || !record.query.resource) return reply(res, 400, { message: 'bad query' });
        return reply(res, 200, tokenFor(record.query.resource));
      }
      const entra = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
      if (req.method === 'POST' && entra) {
        const form = record.form;
        const expected = typeof options.federatedToken === 'function' ? options.federatedToken() : options.federatedToken;
        if (form.grant_type !== 'client_credentials' || form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
          return reply(res, 400, { error: 'invalid_request', error_description: 'AADSTS900144: bad grant' });
        }
        if (!form.client_assertion || form.client_assertion !== expected) {
          return reply(res, 401, { error: 'invalid_client', error_description: 'AADSTS700211: No matching federated identity record found for presented assertion.' });
        }
        if (!form.scope || !form.scope.endsWith('/.default')) return reply(res, 400, { error: 'invalid_scope', error_description: 'AADSTS1002012: bad scope' });
        return reply(res, 200, tokenFor(form.scope.slice(0, -'/.default'.length)));
      }
      return reply(res, 404, { error: 'not_found' });
    });
  });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${httpServer.address().port}`;
  fake.close = () =>
    new Promise((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeAllConnections();
    });
  return fake;
}

module.exports = { startAzureFake, IDENTITY_HEADER };
