'use strict';

// Not a test: runs the official @infisical/sdk 5.0.2 through the faults of the reliability suite
// and prints what it does, one line per case. The "official package" column of RELIABILITY.md
// comes from this script:
//
//   node __test__/reliability/official-observations.js          # the official package
//   node __test__/reliability/official-observations.js ours     # this package, same cases
//
// The official package's retry waits (1-8 s) and 10 s timeouts are scaled down 100x by patching
// setTimeout inside it (helpers/diff.js withScaledTimers), so the whole run takes seconds.

const path = require('node:path');
const util = require('node:util');
const { withScaledTimers } = require('../helpers/diff');
const { PROJECT_ID: P, DEFAULTS, ROOT, startTestServer, startProxy, closedPort, makeCertificates } = require('./helpers');

const OURS = process.argv[2] === 'ours';
if (OURS) {
  process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '10';
  process.env.INFISICAL_SDK_REQUEST_TIMEOUT_MS = '1000';
}
const { InfisicalSDK } = require(OURS ? ROOT : require.resolve('@infisical/sdk', { paths: [ROOT] }));
const credentials = { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret };
const SECRET = '/api/v3/secrets/raw/A';

async function outcome(fn, capMs = 8000, scaleTimeout = true) {
  const start = Date.now();
  let timer;
  const cap = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ pending: `still pending after ${capMs} ms` }), capMs);
  });
  const result = await Promise.race([
    (OURS ? fn().then((value) => ({ value })) : withScaledTimers(fn, { factor: 100, minMs: 500, scaleTimeout })).then(
      ({ value }) => ({ resolved: util.inspect(value, { depth: 1, breakLength: Infinity, maxStringLength: 300 }).slice(0, 300) }),
      (e) => ({ rejected: `${e && e.constructor && e.constructor.name}/${e && e.name}: ${String(e && e.message).slice(0, 200)}` }),
    ),
    cap,
  ]);
  clearTimeout(timer);
  return { ...result, ms: Date.now() - start };
}

(async () => {
  const server = await startTestServer();
  server.setSecret(P, 'dev', '/', 'A', 'value-a');
  const proxy = await startProxy({ upstream: server.url });
  const sdk = new InfisicalSDK({ siteUrl: server.url });
  await sdk.auth().universalAuth.login(credentials);
  const viaProxy = new InfisicalSDK({ siteUrl: proxy.url });
  await viaProxy.auth().universalAuth.login(credentials);
  const getA = (c) => c.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'A' });
  const list = (c) => c.secrets().listSecrets({ projectId: P, environment: 'dev' });
  const rows = [];
  const record = async (name, fn, capMs, scaleTimeout) => {
    const o = await outcome(fn, capMs, scaleTimeout);
    const count = server.requests.filter((r) => r.path.startsWith(SECRET)).length + proxy.requests.filter((r) => r.url.startsWith(SECRET)).length;
    rows.push({ name, ...o, attempts: count });
    process.stdout.write(`${JSON.stringify(rows.at(-1))}\n`);
    server.clearFaults();
    server.clearRequests();
    proxy.clear();
  };

  const refused = new InfisicalSDK({ siteUrl: `http://127.0.0.1:${await closedPort()}` });
  await record('connection refused', () => refused.auth().universalAuth.login(credentials));
  server.injectFault({ type: 'reset' }, { times: 5, match: SECRET });
  await record('reset x5', () => getA(sdk));
  server.injectFault({ type: 'reset' }, { times: 1, match: SECRET });
  await record('reset x1', () => getA(sdk));
  proxy.inject((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 4000 });
    res.write('{"secret":{"secretKey":"A","secretValue":"xxxx', () => res.socket.destroy());
  }, { match: (req) => req.url.startsWith(SECRET) });
  await record('reset mid-body', () => getA(viaProxy));
  server.injectFault({ type: 'hang' }, { times: 5, match: SECRET });
  await record('hang x5', () => getA(sdk));
  proxy.inject((req) => req.socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'), { times: 5, match: (req) => req.url.startsWith(SECRET) });
  await record('not HTTP', () => getA(viaProxy));
  server.injectFault({ status: 200, body: '{"secret":{"secretKey":"A","secretVal', contentType: 'application/json' }, { match: SECRET });
  await record('truncated JSON', () => getA(sdk));
  server.injectFault({ status: 200, body: Buffer.concat([Buffer.from('{"secret":{"secretValue":"ok-'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]), contentType: 'application/json' }, { match: SECRET });
  await record('invalid UTF-8', () => getA(sdk));
  server.injectFault({ status: 502, body: '<html>502</html>', contentType: 'text/html' }, { match: SECRET });
  await record('HTML 502', () => getA(sdk));
  for (const [name, fault] of [
    ['empty 200', { status: 200, body: '' }],
    ['204', { status: 204 }],
    ['text/plain 200', { status: 200, body: 'OK' }],
    ['JSON []', { status: 200, body: '[]', contentType: 'application/json' }],
    ['JSON null', { status: 200, body: 'null', contentType: 'application/json' }],
    ['JSON {}', { status: 200, body: {} }],
  ]) {
    server.injectFault(fault, { match: SECRET });
    await record(`getSecret: ${name}`, () => getA(sdk));
  }
  server.injectFault({ status: 204 }, { match: '/api/v3/secrets/raw' });
  await record('listSecrets: 204', () => list(sdk));
  proxy.inject((req, res) => {
    const body = '{"secret":{}}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
    res.end(body);
  }, { match: (req) => req.url.startsWith(SECRET) });
  await record('gzip that is not gzip', () => getA(viaProxy));
  {
    // on a server of its own: earlier cases can leave the official package retrying in the background
    const big = await startTestServer();
    const bigSdk = new InfisicalSDK({ siteUrl: big.url });
    await bigSdk.auth().universalAuth.login(credentials);
    const secrets = Array.from({ length: 48000 }, (_, i) => ({ secretKey: `K${i}`, secretValue: 'v'.repeat(1000) }));
    big.injectFault({ status: 200, body: JSON.stringify({ secrets, imports: [] }), contentType: 'application/json' }, { times: 5, match: '/api/v3/secrets/raw' });
    // the 10 s timeout unscaled: the transfer itself takes longer than 100 ms
    await record('50 MB list', async () => `${(await list(bigSdk)).secrets.length} secrets`, 30000, false);
    await big.close();
  }
  server.injectFault({ status: 429, body: { statusCode: 429, message: 'Rate limit exceeded' } }, { times: 50, match: SECRET });
  await record('429 storm', () => getA(sdk));
  server.injectFault({ status: 200, body: { expiresIn: 7200 } }, { match: '/api/v1/auth/universal-auth/login' });
  const noToken = new InfisicalSDK({ siteUrl: server.url });
  await record('login without accessToken', async () => {
    await noToken.auth().universalAuth.login(credentials);
    await getA(noToken).catch(() => {});
    const last = server.requests.filter((r) => r.path.startsWith(SECRET)).at(-1);
    return `then sent Authorization: ${last && last.headers.authorization}`;
  });

  // redirects
  const other = await startProxy({ upstream: server.url, host: '127.0.0.2' });
  proxy.inject((req, res) => {
    res.writeHead(307, { location: `${other.url}${req.url}`, 'content-length': 0 });
    res.end();
  }, { match: (req) => req.url.startsWith(SECRET) });
  await record('307 to another host', async () => {
    await getA(viaProxy).catch(() => {});
    return `other host saw Authorization: ${other.requests[0] && other.requests[0].headers.authorization}`;
  });
  proxy.inject((req, res) => {
    res.writeHead(307, { location: req.url, 'content-length': 0 });
    res.end();
  }, { times: 1000, match: (req) => req.url.startsWith(SECRET) });
  await record('redirect loop', () => getA(viaProxy));
  await other.close();

  // TLS
  const certs = makeCertificates();
  if (certs) {
    const tls = await startProxy({ upstream: server.url, tls: { key: certs.key, cert: certs.cert } });
    await record('TLS unknown CA', () => new InfisicalSDK({ siteUrl: tls.url }).auth().universalAuth.login(credentials));
    await tls.close();
    certs.cleanup();
  }

  // empty ids
  for (const [name, call] of [
    ['getSecret secretName ""', () => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: '' })],
    ['kms keys().delete keyId ""', () => sdk.kms().keys().delete({ keyId: '' })],
    ['environments().create projectId ""', () => sdk.environments().create({ name: 'N', slug: 'n', projectId: '' })],
  ]) {
    await record(name, async () => {
      await call().catch(() => {});
      return server.requests.map((r) => `${r.method} ${r.path}`).join(', ');
    });
  }

  // last: a call that never settles leaves withScaledTimers' setTimeout patch in place
  server.injectFault({ type: 'stall' }, { times: 1, match: SECRET });
  await record('stall', () => getA(sdk), 3000);

  await proxy.close();
  await server.close();
  process.exit(0); // the stalled call would keep the process alive forever
})();
