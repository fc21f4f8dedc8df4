'use strict';

// TLS and redirects (issue 4). The certificates are made at test time with the openssl CLI (a
// private CA and a server certificate it signed for IP 127.0.0.1, plus a plain self-signed
// certificate); the HTTPS server is a loopback proxy in front of the test server.
//
// Redirects: a 307 to another origin (another port, or 127.0.0.2) must not carry the
// Authorization header; a same-origin redirect may.

const test = require('node:test');
const { before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const {
  PROJECT_ID: P,
  useFastEnv,
  loadSdk,
  watchProcess,
  settle,
  expectSdkRejection,
  startTestServer,
  loggedIn,
  loginDefault,
  startProxy,
  makeCertificates,
  runNode,
  childEnv,
} = require('./helpers');

useFastEnv({ retryMs: 10, timeoutMs: 2000 });
// NODE_EXTRA_CA_CERTS of the parent must not make the "rejected by default" case pass
delete process.env.NODE_EXTRA_CA_CERTS;
const { InfisicalSDK } = loadSdk();
watchProcess();

const certs = makeCertificates();
// The TLS tests need the openssl CLI to make their certificates; without it they fail (never skip).
test('tls: the openssl CLI is available to make test certificates', () => {
  assert.ok(certs, 'the openssl CLI is not installed: cannot make test certificates');
});

let server;
let tlsProxy; // HTTPS, certificate signed by the private CA
let selfSigned; // HTTPS, self-signed certificate
let front; // redirects: the origin the client is configured with
let otherPort; // 127.0.0.1, another port: another origin
let otherHost; // 127.0.0.2: another origin
before(async () => {
  server = await startTestServer();
  server.setSecret(P, 'dev', '/', 'A', 'value-a');
  if (certs) {
    tlsProxy = await startProxy({ upstream: server.url, tls: { key: certs.key, cert: certs.cert } });
    selfSigned = await startProxy({ upstream: server.url, tls: { key: certs.selfKey, cert: certs.selfCert } });
  }
  front = await startProxy({ upstream: server.url });
  otherPort = await startProxy({ upstream: server.url });
  // all of 127.0.0.0/8 is loopback on Linux; elsewhere 127.0.0.2 may not be bindable
  otherHost = await startProxy({ upstream: server.url, host: '127.0.0.2' }).catch(() => null);
});
after(async () => {
  for (const proxy of [tlsProxy, selfSigned, front, otherPort, otherHost]) await proxy?.close();
  await server?.close();
  certs?.cleanup();
});
afterEach(() => {
  for (const proxy of [tlsProxy, selfSigned, front, otherPort, otherHost]) proxy?.clear();
});

const login = loginDefault;
const getA = (sdk) => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'A' });

// ---------------------------------------------------------------------------------------------
// TLS

test('tls: a server whose certificate chains to an unknown CA is rejected by default with a clear error', async () => {
  const sdk = new InfisicalSDK({ siteUrl: tlsProxy.url });
  const { error } = await expectSdkRejection(() => login(sdk), {
    name: 'InfisicalSDKError',
    message: /^fetch failed: .*(certificate|UnknownIssuer)/i,
  });
  assert.match(error.message, /UnknownIssuer|unknown issuer/i);
  assert.equal(tlsProxy.requests.length, 0, 'no request got through');
});

test('tls: a self-signed server certificate is rejected by default', async () => {
  const sdk = new InfisicalSDK({ siteUrl: selfSigned.url });
  await expectSdkRejection(() => login(sdk), { name: 'InfisicalSDKError', message: /^fetch failed: .*certificate/i });
  assert.equal(selfSigned.requests.length, 0);
});

test('tls: caCertificate with the private CA makes the same server trusted', async () => {
  const sdk = await loggedIn(InfisicalSDK, tlsProxy.url, { caCertificate: certs.ca });
  const secret = await getA(sdk);
  assert.equal(secret.secretValue, 'value-a');
});

test('tls: caCertificate with the self-signed certificate itself makes that server trusted', async () => {
  const sdk = await loggedIn(InfisicalSDK, selfSigned.url, { caCertificate: certs.selfCert });
  assert.equal((await getA(sdk)).secretValue, 'value-a');
});

test('tls: caCertificate with a bundle (an unrelated certificate first) works', async () => {
  const sdk = await loggedIn(InfisicalSDK, tlsProxy.url, { caCertificate: `${certs.selfCert}\n${certs.ca}` });
  assert.equal((await getA(sdk)).secretValue, 'value-a');
});

test('tls: a client trusting the CA fails cleanly against a server with another certificate, and again on the next call', async () => {
  const sdk = new InfisicalSDK({ siteUrl: selfSigned.url, caCertificate: certs.ca });
  await expectSdkRejection(() => login(sdk), { name: 'InfisicalSDKError', message: /^fetch failed: .*certificate/i });
  // the same client, after the failure, still settles the next call the same way
  await expectSdkRejection(() => login(sdk), { name: 'InfisicalSDKError', message: /certificate/i });
});

test('tls: HTTP/2 when the server offers it (ALPN); concurrent calls share one connection', async () => {
  const http = require('node:http');
  const http2 = require('node:http2');
  const upstream = new URL(server.url);
  const seen = []; // { version, session }
  const sessions = new Map();
  const front = http2.createSecureServer({ key: certs.key, cert: certs.cert, allowHTTP1: true }, (req, res) => {
    const session = req.stream ? req.stream.session : req.socket;
    if (!sessions.has(session)) sessions.set(session, sessions.size + 1);
    seen.push({ version: req.httpVersion, session: sessions.get(session) });
    const headers = { ...req.headers };
    for (const name of Object.keys(headers)) if (name.startsWith(':')) delete headers[name];
    headers.host = upstream.host;
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const out = { ...answer.headers };
        for (const hop of ['connection', 'keep-alive', 'transfer-encoding']) delete out[hop];
        res.writeHead(answer.statusCode, out);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
  try {
    const sdk = await loggedIn(InfisicalSDK, `https://127.0.0.1:${front.address().port}`, { caCertificate: certs.ca });
    // distinct names: identical concurrent reads would share one request
    const names = Array.from({ length: 8 }, (_, i) => `H2_${i}`);
    for (const name of names) server.setSecret(P, 'dev', '/', name, `v-${name}`);
    const values = await Promise.all(
      names.map((secretName) => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName })),
    );
    assert.deepEqual(values.map((v) => v.secretValue), names.map((n) => `v-${n}`));
    assert.equal(seen.length, 9, 'the login and 8 reads');
    assert.deepEqual([...new Set(seen.map((r) => r.version))], ['2.0']);
    assert.deepEqual([...new Set(seen.map((r) => r.session))], [1], 'one HTTP/2 connection for every call');
  } finally {
    for (const session of sessions.keys()) session.destroy?.();
    await new Promise((resolve) => front.close(resolve));
  }
});

test('tls: NODE_EXTRA_CA_CERTS (read when the client is built) makes the server trusted, in a child process', async () => {
  const script = path.join(__dirname, 'fixtures', 'tls-child.js');
  const run = (extra) =>
    runNode(script, [tlsProxy.url], {
      env: childEnv({ INFISICAL_SDK_RETRY_BASE_DELAY_MS: '10', INFISICAL_SDK_REQUEST_TIMEOUT_MS: '2000', ...extra }),
      timeoutMs: 30000,
    });
  const trusted = await run({ NODE_EXTRA_CA_CERTS: certs.caPath });
  assert.equal(trusted.code, 0, trusted.stderr);
  assert.deepEqual(trusted.lines.at(-1), { ok: true, value: 'value-a' });
  const untrusted = await run({ NODE_EXTRA_CA_CERTS: undefined });
  assert.equal(untrusted.code, 0, untrusted.stderr);
  const last = untrusted.lines.at(-1);
  assert.equal(last.ok, false);
  assert.equal(last.name, 'InfisicalSDKError');
  assert.match(last.message, /certificate/i);
});

test('tls: caCertificate garbage throws a clear InfisicalSDKError from the constructor', () => {
  const garbage = [
    'not a certificate',
    '-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n',
    '-----BEGIN CERTIFICATE-----\n',
    '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
  ];
  for (const caCertificate of garbage) {
    assert.throws(
      () => new InfisicalSDK({ siteUrl: 'https://127.0.0.1:1', caCertificate }),
      (e) =>
        e instanceof Error &&
        e.name === 'InfisicalSDKError' &&
        /caCertificate/.test(e.message) &&
        /PEM/.test(e.message),
      JSON.stringify(caCertificate),
    );
  }
});

// ---------------------------------------------------------------------------------------------
// Redirects

const redirectOnce = (proxy, toOrigin, status = 307) =>
  proxy.inject(
    (req, res) => {
      res.writeHead(status, { location: `${toOrigin}${req.url}`, 'content-length': 0 });
      res.end();
    },
    { match: (req) => req.url.startsWith('/api/v3/secrets/raw') },
  );

for (const [label, target] of [
  ['another port', () => otherPort],
  ['another host (127.0.0.2)', () => otherHost],
]) {
  test(`redirect: a 307 to ${label} does not carry the Authorization header`, async (t) => {
    const to = target();
    assert.ok(to, 'the redirect target server could not be started (127.0.0.2 must be bindable on loopback)');
    const sdk = await loggedIn(InfisicalSDK, front.url);
    redirectOnce(front, to.url);
    // without the token the test server answers 401 "Token missing": the call rejects cleanly
    await expectSdkRejection(() => getA(sdk), { name: 'InfisicalSDKRequestError', message: /\[StatusCode=401\]/ });
    const followed = to.requests.filter((r) => r.url.startsWith('/api/v3/secrets/raw/A'));
    assert.equal(followed.length, 1, 'the redirect was followed');
    assert.equal(followed[0].headers.authorization, undefined, 'no Authorization header at the other origin');
    // the same client still works against its own origin
    assert.equal((await getA(sdk)).secretValue, 'value-a');
  });
}

test('redirect: a 307 on a POST to another origin resends the body but not the Authorization header', async () => {
  const sdk = await loggedIn(InfisicalSDK, front.url);
  const to = otherHost || otherPort;
  redirectOnce(front, to.url);
  await expectSdkRejection(
    () => sdk.secrets().createSecret('REDIRECTED', { projectId: P, environment: 'dev', secretValue: 'v' }),
    { name: 'InfisicalSDKRequestError', message: /\[StatusCode=401\]/ },
  );
  const [followed] = to.requests;
  assert.equal(followed.method, 'POST');
  assert.equal(followed.headers.authorization, undefined);
  assert.equal(JSON.parse(followed.body).secretValue, 'v');
});

test('redirect: a same-origin 307 keeps the Authorization header and resolves', async () => {
  const sdk = await loggedIn(InfisicalSDK, front.url);
  front.inject(
    (req, res) => {
      res.writeHead(307, { location: req.url, 'content-length': 0 });
      res.end();
    },
    { match: (req) => req.url.startsWith('/api/v3/secrets/raw/A') },
  );
  const outcome = await settle(() => getA(sdk));
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.equal(outcome.value.secretValue, 'value-a');
  const hits = front.requests.filter((r) => r.url.startsWith('/api/v3/secrets/raw/A'));
  assert.equal(hits.length, 2);
  assert.match(hits[1].headers.authorization, /^Bearer ./);
});

test('redirect: an endless redirect loop rejects with a clear error', async () => {
  const sdk = await loggedIn(InfisicalSDK, front.url);
  front.inject(
    (req, res) => {
      res.writeHead(307, { location: req.url, 'content-length': 0 });
      res.end();
    },
    { times: 100, match: (req) => req.url.startsWith('/api/v3/secrets/raw/A') },
  );
  const { error } = await expectSdkRejection(() => getA(sdk), { name: 'InfisicalSDKError', message: /redirect/i });
  assert.ok(front.requests.length <= 60, `stopped after ${front.requests.length} requests`);
  front.clear();
  assert.equal((await getA(sdk)).secretValue, 'value-a', `next call after: ${error.message}`);
});
