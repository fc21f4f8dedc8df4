'use strict';

// Client options beyond the official SDK (issue 13), checked on the wire against the local test
// server: `timeoutMs`, `retry: { maxRetries, baseDelayMs }`, `headers`, `userAgent`, and the
// proxy variables HTTPS_PROXY / HTTP_PROXY / NO_PROXY (read from process.env at construction).
// Everything stays on loopback: the proxy is a recording forward proxy of ours, the HTTPS
// server a TLS front (private test CA) in front of the test server.

const { test, before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const { startTestServer, startForwardProxy, closedPort, settle, loginDefault, withEnv } = require('./helpers/common');
const { assertSdkError, makeCertificates, startProxy } = require('./reliability/helpers');

const ROOT = path.resolve(__dirname, '..');
const { InfisicalSDK } = require(ROOT);
const { DEFAULTS } = require('infisical-sdk-native/testing');

const P = DEFAULTS.projectId;
const UA_LOGIN = '/api/v1/auth/universal-auth/login';
const AWS_LOGIN = '/api/v1/auth/aws-auth/login';
const SECRETS = '/api/v3/secrets/raw';
const RENEW = '/api/v1/auth/token/renew';
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

let server;
let proxy;

before(async () => {
  server = await startTestServer();
  server.setSecret(P, 'dev', '/', 'A', 'value-a');
  proxy = await startForwardProxy();
});

after(async () => {
  await proxy?.close();
  await server?.close();
});

afterEach(() => {
  server.clearFaults();
  server.clearRequests();
  proxy.clear();
});

/**
 * Runs `fn` with `vars` set in process.env (undefined: unset), every proxy variable not named
 * unset, and the retry/timeout knobs short unless named; restores process.env afterwards.
 */
function withClientEnv(vars, fn) {
  const unset = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, undefined]));
  return withEnv({ ...unset, INFISICAL_SDK_RETRY_BASE_DELAY_MS: '1', INFISICAL_SDK_REQUEST_TIMEOUT_MS: '10000', ...vars }, fn);
}

/** A client built with `options` under `env` (see withClientEnv). */
function client(options = {}, env = {}) {
  return withClientEnv(env, () => new InfisicalSDK({ siteUrl: server.url, ...options }));
}

const login = loginDefault;
const getA = (sdk) => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'A' });
const requestsTo = (prefix) => server.requests.filter((r) => r.path.startsWith(prefix));

// ---------------------------------------------------------------------------------------------
// headers and userAgent

test('defaults: without the options the User-Agent is infisical-sdk-native/<version> and no extra header is sent', async () => {
  const sdk = client();
  await login(sdk);
  await getA(sdk);
  const { version } = require('../package.json');
  assert.equal(server.requests.length, 2);
  for (const r of server.requests) {
    assert.equal(r.headers['user-agent'], `infisical-sdk-native/${version}`);
    assert.deepEqual(
      Object.keys(r.headers).filter((h) => h.startsWith('x-')),
      [],
      `unexpected headers on ${r.method} ${r.path}`,
    );
  }
});

test('headers: sent with every Infisical request, logins and writes included, beside the SDK\'s own headers', async () => {
  const headers = { 'X-Tenant': 'acme', 'CF-Access-Client-Id': 'id.access', 'x-empty': '' };
  const sdk = client({ headers });
  await login(sdk);
  await getA(sdk);
  await sdk.secrets().createSecret('B', { projectId: P, environment: 'dev', secretValue: 'b' });
  await sdk.secrets().listSecrets({ projectId: P, environment: 'dev' });
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`),
    [`POST ${UA_LOGIN}`, `GET ${SECRETS}/A`, `POST ${SECRETS}/B`, `GET ${SECRETS}`],
  );
  for (const r of server.requests) {
    assert.equal(r.headers['x-tenant'], 'acme', `${r.method} ${r.path}`);
    assert.equal(r.headers['cf-access-client-id'], 'id.access', `${r.method} ${r.path}`);
    assert.equal(r.headers['x-empty'], '', `${r.method} ${r.path}`);
  }
  const [loginRequest, read, write] = server.requests;
  assert.equal(loginRequest.headers.authorization, undefined, 'a login carries no token');
  assert.match(read.headers.authorization, /^Bearer ey/);
  assert.equal(write.headers['content-type'], 'application/json');
  assert.equal(write.json.secretValue, 'b');
});

test('headers: token renewals carry them too', async () => {
  const sdk = client({ headers: { 'X-Tenant': 'acme' } });
  await login(sdk);
  // The client's clock (only) moves to 30 s before the seeded identity's 7200 s TTL ends: the
  // next call renews first.
  sdk[Symbol.for('infisical-sdk-native.testing')].advanceClock(7200 * 1000 - 30_000);
  await getA(sdk);
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`),
    [`POST ${UA_LOGIN}`, `POST ${RENEW}`, `GET ${SECRETS}/A`],
  );
  assert.ok(server.requests.every((r) => r.headers['x-tenant'] === 'acme'));
});

test('headers: Authorization cannot be set through headers, in any spelling; nor can the framing headers', () => {
  for (const name of ['Authorization', 'authorization', 'AUTHORIZATION']) {
    assert.throws(
      () => new InfisicalSDK({ siteUrl: server.url, headers: { [name]: 'Bearer sneaky' } }),
      (e) => {
        assertSdkError(e, { name: 'InfisicalSDKError', message: /headers.*Authorization.*cannot be set.*accessToken/i });
        return true;
      },
    );
  }
  for (const name of ['Host', 'Content-Length', 'Content-Type', 'Transfer-Encoding', 'User-Agent']) {
    assert.throws(() => new InfisicalSDK({ headers: { [name]: 'x' } }), /cannot be set/, name);
  }
});

test('userAgent: replaces the default User-Agent on every request; headers and userAgent together', async () => {
  const sdk = client({ userAgent: 'my-service/2.3 (+ops@example.com)', headers: { 'X-Trace': 't-1' } });
  await login(sdk);
  await getA(sdk);
  assert.equal(server.requests.length, 2);
  for (const r of server.requests) {
    assert.equal(r.headers['user-agent'], 'my-service/2.3 (+ops@example.com)');
    assert.equal(r.headers['x-trace'], 't-1');
  }
});

// ---------------------------------------------------------------------------------------------
// timeoutMs

test('timeoutMs: an answer slower than the timeout ends in the timeout error naming the actual limit', async () => {
  const sdk = client({ timeoutMs: 150, retry: { maxRetries: 0 } });
  await login(sdk);
  server.clearRequests();
  server.injectFault({ type: 'delay', ms: 3000 }, { match: `${SECRETS}/A` });
  const outcome = await settle(() => getA(sdk), 15000);
  assert.equal(outcome.ok, false);
  assertSdkError(outcome.error, { name: 'InfisicalSDKError', message: 'This operation was aborted: no response within 150 ms' });
  assert.equal(requestsTo(`${SECRETS}/A`).length, 1, 'maxRetries 0: one attempt');
});

test('timeoutMs wins over INFISICAL_SDK_REQUEST_TIMEOUT_MS; the variable still applies without the option', async () => {
  const explicit = client({ timeoutMs: 120, retry: { maxRetries: 0 } }, { INFISICAL_SDK_REQUEST_TIMEOUT_MS: '60000' });
  const fromEnv = client({ retry: { maxRetries: 0 } }, { INFISICAL_SDK_REQUEST_TIMEOUT_MS: '130' });
  await login(explicit);
  await login(fromEnv);
  for (const [sdk, limit] of [[explicit, 120], [fromEnv, 130]]) {
    server.injectFault({ type: 'delay', ms: 3000 }, { match: `${SECRETS}/A` });
    const outcome = await settle(() => getA(sdk), 15000);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error.message, `This operation was aborted: no response within ${limit} ms`);
  }
});

test('timeoutMs: a slow answer within the limit resolves', async () => {
  const sdk = client({ timeoutMs: 10000 });
  await login(sdk);
  server.injectFault({ type: 'delay', ms: 200 }, { match: `${SECRETS}/A` });
  const { secretValue } = await getA(sdk);
  assert.equal(secretValue, 'value-a');
});

// ---------------------------------------------------------------------------------------------
// retry

test('retry.maxRetries 0: a 429 is not retried (one attempt) and rejects with the server\'s answer', async () => {
  const sdk = client({ retry: { maxRetries: 0 } });
  await login(sdk);
  server.clearRequests();
  server.injectFault({ status: 429, body: { statusCode: 429, message: 'Rate limit exceeded', error: 'RateLimitExceeded' } }, { times: 5, match: `${SECRETS}/A` });
  const outcome = await settle(() => getA(sdk));
  assert.equal(outcome.ok, false);
  assertSdkError(outcome.error, { name: 'InfisicalSDKRequestError', message: /\[StatusCode=429\] Rate limit exceeded/ });
  assert.equal(requestsTo(`${SECRETS}/A`).length, 1);
});

test('retry.maxRetries N: N + 1 attempts for 429s and for network failures; a later success resolves', async () => {
  const sdk = client({ retry: { maxRetries: 2, baseDelayMs: 1 } });
  await login(sdk);
  server.clearRequests();
  server.injectFault({ status: 429, body: { statusCode: 429, message: 'slow down' } }, { times: 10, match: `${SECRETS}/A` });
  let outcome = await settle(() => getA(sdk));
  assert.equal(outcome.ok, false);
  assert.equal(requestsTo(`${SECRETS}/A`).length, 3, '429: 1 + 2 retries');

  server.clearFaults();
  server.clearRequests();
  server.injectFault({ type: 'reset' }, { times: 10, match: `${SECRETS}/A` });
  outcome = await settle(() => getA(sdk));
  assert.equal(outcome.ok, false);
  assertSdkError(outcome.error, { name: 'InfisicalSDKError', message: /^fetch failed/ });
  assert.equal(requestsTo(`${SECRETS}/A`).length, 3, 'reset: 1 + 2 retries');

  server.clearFaults();
  server.clearRequests();
  server.injectFault({ type: 'reset' }, { times: 2, match: `${SECRETS}/A` });
  const { secretValue } = await getA(sdk);
  assert.equal(secretValue, 'value-a');
  assert.equal(requestsTo(`${SECRETS}/A`).length, 3, 'two failures, then the answer');
});

test('retry: without maxRetries the official 4 retries (5 attempts) remain', async () => {
  const sdk = client({ retry: { baseDelayMs: 1 } });
  await login(sdk);
  server.clearRequests();
  server.injectFault({ type: 'reset' }, { times: 10, match: `${SECRETS}/A` });
  const outcome = await settle(() => getA(sdk));
  assert.equal(outcome.ok, false);
  assert.equal(requestsTo(`${SECRETS}/A`).length, 5);
});

test('retry.baseDelayMs wins over INFISICAL_SDK_RETRY_BASE_DELAY_MS (a 10-minute variable would hold the call)', async () => {
  const sdk = client({ retry: { maxRetries: 1, baseDelayMs: 1 } }, { INFISICAL_SDK_RETRY_BASE_DELAY_MS: '600000' });
  await login(sdk);
  server.clearRequests();
  server.injectFault({ type: 'reset' }, { match: `${SECRETS}/A` });
  const outcome = await settle(() => getA(sdk), 15000);
  assert.equal(outcome.ok, true, outcome.error && outcome.error.message);
  assert.equal(requestsTo(`${SECRETS}/A`).length, 2);
});

test('retry applies to logins too', async () => {
  const sdk = client({ retry: { maxRetries: 1, baseDelayMs: 1 }, headers: { 'X-Login': 'yes' } });
  server.injectFault({ type: 'reset' }, { times: 5, match: UA_LOGIN });
  const outcome = await settle(() => login(sdk));
  assert.equal(outcome.ok, false);
  assert.equal(requestsTo(UA_LOGIN).length, 2);
  assert.ok(requestsTo(UA_LOGIN).every((r) => r.headers['x-login'] === 'yes'));
});

// ---------------------------------------------------------------------------------------------
// Proxy variables

test('proxy: HTTP_PROXY sends http requests to the proxy in absolute form, with the headers option', async () => {
  const sdk = client({ headers: { 'X-Via': 'proxy-test' } }, { HTTP_PROXY: proxy.url });
  await login(sdk);
  await getA(sdk);
  const target = new URL(server.url);
  assert.deepEqual(
    proxy.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`),
    [`POST ${server.url}${UA_LOGIN}`, `GET ${server.url}${SECRETS}/A`],
  );
  for (const r of proxy.requests) {
    assert.equal(r.headers.host, target.host);
    assert.equal(r.headers['x-via'], 'proxy-test');
  }
  assert.equal(server.requests.length, 2, 'the proxy forwarded both');
});

test('proxy: the lower-case variable wins over the upper-case one', async () => {
  const dead = `http://127.0.0.1:${await closedPort()}`;
  const sdk = client({ retry: { maxRetries: 0 } }, { HTTP_PROXY: dead, http_proxy: proxy.url });
  await login(sdk);
  assert.equal(proxy.requests.length, 1);
});

test('proxy: credentials in the proxy URL become a Proxy-Authorization header, to the proxy only', async () => {
  const withCredentials = proxy.url.replace('http://', 'http://user:p%40ss@');
  const sdk = client({}, { HTTP_PROXY: withCredentials });
  await login(sdk);
  assert.equal(proxy.requests.length, 1);
  assert.equal(proxy.requests[0].headers['proxy-authorization'], `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
});

test('proxy: NO_PROXY entries bypass the proxy (IP, IP:port, localhost, a domain suffix, *)', async () => {
  const { port } = new URL(server.url);
  const cases = [
    [server.url, '127.0.0.1'],
    [server.url, `example.com, 127.0.0.1:${port}`],
    [server.url, '*'],
    [`http://localhost:${port}`, 'localhost'],
    [`http://localhost:${port}`, '.localhost'],
  ];
  for (const [siteUrl, noProxy] of cases) {
    for (const name of ['NO_PROXY', 'no_proxy']) {
      const sdk = client({ siteUrl }, { HTTP_PROXY: proxy.url, [name]: noProxy });
      await login(sdk);
      assert.equal(proxy.requests.length, 0, `${name}=${noProxy} for ${siteUrl}`);
      assert.equal(server.requests.length, 1);
      server.clearRequests();
    }
  }
  // Entries that do not match leave the proxy in use.
  for (const noProxy of ['10.0.0.1', `127.0.0.1:${Number(port) + 1}`, 'example.com', '127.0.0.2']) {
    const sdk = client({}, { HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
    await login(sdk);
    assert.equal(proxy.requests.length, 1, `NO_PROXY=${noProxy}`);
    proxy.clear();
  }
});

test('proxy: HTTPS through HTTPS_PROXY is a CONNECT tunnel; the headers option goes inside it, not to the proxy', async (t) => {
  const certs = makeCertificates();
  if (!certs) {
    assert.fail('the openssl CLI is needed to make the test certificates');
  }
  t.after(() => certs.cleanup());
  const front = await startProxy({ upstream: server.url, tls: { key: certs.key, cert: certs.cert } });
  t.after(() => front.close());
  const sdk = client(
    { siteUrl: front.url, caCertificate: certs.ca, headers: { 'X-Secret-Header': 'inside' } },
    { HTTPS_PROXY: proxy.url, HTTP_PROXY: `http://127.0.0.1:${await closedPort()}` },
  );
  await login(sdk);
  await getA(sdk);
  const connects = proxy.requests.filter((r) => r.method === 'CONNECT');
  assert.ok(connects.length >= 1, `no CONNECT: ${JSON.stringify(proxy.requests)}`);
  assert.equal(proxy.requests.length, connects.length, 'nothing but tunnels');
  for (const c of connects) {
    assert.equal(c.url, `127.0.0.1:${front.port}`);
    assert.equal(c.headers['x-secret-header'], undefined);
    assert.equal(c.headers.authorization, undefined);
  }
  assert.deepEqual(front.requests.map((r) => r.headers['x-secret-header']), ['inside', 'inside']);
});

test('proxy: without HTTPS_PROXY an https request uses HTTP_PROXY (tunnelled)', async (t) => {
  const certs = makeCertificates();
  assert.ok(certs, 'the openssl CLI is needed to make the test certificates');
  t.after(() => certs.cleanup());
  const front = await startProxy({ upstream: server.url, tls: { key: certs.key, cert: certs.cert } });
  t.after(() => front.close());
  const sdk = client({ siteUrl: front.url, caCertificate: certs.ca }, { HTTP_PROXY: proxy.url });
  await login(sdk);
  assert.deepEqual(proxy.requests.map((r) => `${r.method} ${r.url}`), [`CONNECT 127.0.0.1:${front.port}`]);
});

test('proxy: HTTPS_PROXY alone leaves http requests direct', async () => {
  const sdk = client({}, { HTTPS_PROXY: proxy.url });
  await login(sdk);
  assert.equal(proxy.requests.length, 0);
  assert.equal(server.requests.length, 1);
});

test('proxy: the variables are read when the client is built, not later', async () => {
  const sdk = client();
  await withClientEnv({ HTTP_PROXY: proxy.url }, () => login(sdk));
  assert.equal(proxy.requests.length, 0);
  const proxied = client({}, { HTTP_PROXY: proxy.url });
  await login(proxied);
  assert.equal(proxy.requests.length, 1);
});

test('proxy: an unusable proxy URL throws from the constructor, naming the variable but not its value', () => {
  for (const [name, value] of [['HTTPS_PROXY', 'socks5://user:hunter2@127.0.0.1:1080'], ['http_proxy', 'http://']]) {
    assert.throws(
      () => client({}, { [name]: value }),
      (e) => {
        assertSdkError(e, { name: 'InfisicalSDKError', message: new RegExp(`environment variable ${name} cannot be used`) });
        assert.ok(!e.message.includes('hunter2'), e.message);
        return true;
      },
    );
  }
});

// ---------------------------------------------------------------------------------------------
// Metadata endpoints: neither the headers option nor the proxy

/** A fake EC2 instance-metadata service (IMDSv2) on loopback that records what it received. */
async function startFakeImds() {
  const calls = [];
  const token = 'imds-token';
  const imds = http.createServer((req, res) => {
    calls.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    if (req.method === 'PUT' && req.url === '/latest/api/token') return res.end(token);
    if (req.url === '/latest/dynamic/instance-identity/document' && req.headers['x-aws-ec2-metadata-token'] === token) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ region: 'eu-west-2' }));
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => imds.listen(0, '127.0.0.1', resolve));
  return { calls, url: `http://127.0.0.1:${imds.address().port}`, close: () => new Promise((r) => imds.close(r)) };
}

test('metadata: the AWS instance-metadata requests carry no extra header and bypass the proxy; the login uses both', async (t) => {
  const imds = await startFakeImds();
  t.after(() => imds.close());
  const env = {
    HTTP_PROXY: proxy.url,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_EC2_METADATA_DISABLED: undefined,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
    AWS_ACCESS_KEY_ID: DEFAULTS.awsAccessKeyId,
    AWS_SECRET_ACCESS_KEY: DEFAULTS.awsSecretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: path.join(__dirname, 'does-not-exist', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(__dirname, 'does-not-exist', 'credentials'),
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  };
  const sdk = client({ headers: { 'X-Tenant': 'acme' }, userAgent: 'ua-test/1' }, env);
  // The AWS variables are read (from process.env) when the login is called.
  await withClientEnv(env, () => sdk.auth().awsIamAuth.login({ identityId: DEFAULTS.awsIdentityId }));
  assert.deepEqual(imds.calls.map((c) => `${c.method} ${c.url}`), ['PUT /latest/api/token', 'GET /latest/dynamic/instance-identity/document']);
  for (const c of imds.calls) {
    assert.equal(c.headers['x-tenant'], undefined, `${c.method} ${c.url} got the headers option`);
  }
  assert.deepEqual(
    proxy.requests.map((r) => `${r.method} ${r.url}`),
    [`POST ${server.url}${AWS_LOGIN}`],
    'only the Infisical login went through the proxy',
  );
  assert.equal(requestsTo(AWS_LOGIN)[0].headers['x-tenant'], 'acme');
  assert.equal(server.lastAwsLogin.region, 'eu-west-2');
});
