'use strict';

// Server and network faults (issue 4). Each case injects one fault, checks that the call settles
// with a useful InfisicalSDKError/InfisicalSDKRequestError (or resolves where the fault is
// recoverable), that nothing went unhandled, and that the next call on the SAME client works.
//
// Retries and timeouts are shortened with our env knobs (first retry wait 10 ms, doubling;
// 400 ms per attempt); the schedule itself (5 attempts, which faults are retried) is the
// official package's.

const test = require('node:test');
const { before, after, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const {
  PROJECT_ID: P,
  DEFAULTS,
  useFastEnv,
  loadSdk,
  watchProcess,
  settle,
  expectSdkRejection,
  startTestServer,
  loggedIn,
  closedPort,
  startProxy,
} = require('./helpers');

const TIMEOUT_MS = 400;
useFastEnv({ retryMs: 10, timeoutMs: TIMEOUT_MS });
const { InfisicalSDK } = loadSdk();
watchProcess();

const SECRET = '/api/v3/secrets/raw/A';
const LIST = '/api/v3/secrets/raw';
let server;
let proxy;
let direct; // logged-in client talking to the test server
let viaProxy; // logged-in client talking to the fault proxy in front of it

const getA = (sdk) => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'A' });
const listDev = (sdk) => sdk.secrets().listSecrets({ projectId: P, environment: 'dev' });
const attempts = (records, prefix) => records.filter((r) => (r.path || r.url).startsWith(prefix)).length;

before(async () => {
  server = await startTestServer();
  server.setSecret(P, 'dev', '/', 'A', 'value-a');
  proxy = await startProxy({ upstream: server.url });
  direct = await loggedIn(InfisicalSDK, server.url);
  viaProxy = await loggedIn(InfisicalSDK, proxy.url);
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

/** The client still works: a plain getSecret resolves with the right value. */
async function nextCallWorks(sdk) {
  const outcome = await settle(() => getA(sdk), 10000);
  assert.ok(outcome.ok, `the next call failed: ${outcome.error && outcome.error.message}`);
  assert.equal(outcome.value.secretValue, 'value-a');
}

// ---------------------------------------------------------------------------------------------
// Connection level

test('fault: connection refused, retried 5 times, then "fetch failed: ... Connection refused"; same client works once the server is up', async () => {
  const port = await closedPort();
  const sdk = new InfisicalSDK({ siteUrl: `http://127.0.0.1:${port}` });
  const { error, elapsed } = await expectSdkRejection(
    () => sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret }),
    { name: 'InfisicalSDKError', message: /^fetch failed: .*Connection refused/i },
  );
  // 4 waits of 10, 20, 40, 80 ms (±20 %) between the 5 attempts
  assert.ok(elapsed >= 120, `retried with back-off (${elapsed} ms)`);
  assert.doesNotMatch(error.message, /undefined/);
  const later = await startTestServer({ port });
  try {
    later.setSecret(P, 'dev', '/', 'A', 'value-a');
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    await nextCallWorks(sdk);
  } finally {
    await later.close();
  }
});

test('fault: reset before the response on every attempt, 5 attempts, then "fetch failed: ..."', async () => {
  server.injectFault({ type: 'reset' }, { times: 5, match: SECRET });
  const { error } = await expectSdkRejection(() => getA(direct), { name: 'InfisicalSDKError', message: /^fetch failed: ./ });
  assert.equal(attempts(server.requests, SECRET), 5);
  assert.doesNotMatch(error.message, /undefined/);
  await nextCallWorks(direct);
});

test('fault: one reset before the response is retried and the call resolves', async () => {
  server.injectFault({ type: 'reset' }, { times: 1, match: SECRET });
  const outcome = await settle(() => getA(direct));
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.equal(outcome.value.secretValue, 'value-a');
  assert.equal(attempts(server.requests, SECRET), 2);
  await nextCallWorks(direct);
});

test('fault: reset in the middle of the body rejects with "Failed to read the response body"', async () => {
  proxy.inject(
    (req, res) => {
      const body = JSON.stringify({ secret: { secretKey: 'A', secretValue: 'x'.repeat(4000) } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.write(body.slice(0, 1000), () => res.socket.destroy());
    },
    { match: (req) => req.url.startsWith(SECRET) },
  );
  await expectSdkRejection(() => getA(viaProxy), {
    name: 'InfisicalSDKError',
    message: /^Failed to read the response body \(status 200\): ./,
  });
  await nextCallWorks(viaProxy);
});

test('fault: a server that accepts and never answers: 5 attempts of 400 ms, then "This operation was aborted: no response within 400 ms"', async () => {
  server.injectFault({ type: 'hang' }, { times: 5, match: SECRET });
  const { elapsed } = await expectSdkRejection(() => getA(direct), {
    name: 'InfisicalSDKError',
    message: `This operation was aborted: no response within ${TIMEOUT_MS} ms`,
  });
  assert.equal(attempts(server.requests, SECRET), 5);
  assert.ok(elapsed >= 5 * TIMEOUT_MS && elapsed < 5 * TIMEOUT_MS + 2000, `per-attempt timeouts (${elapsed} ms)`);
  await nextCallWorks(direct);
});

test('fault: one unanswered attempt times out and the retry resolves', async () => {
  server.injectFault({ type: 'hang' }, { times: 1, match: SECRET });
  const outcome = await settle(() => getA(direct));
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.ok(outcome.elapsed >= TIMEOUT_MS, `waited for the timeout (${outcome.elapsed} ms)`);
  assert.equal(attempts(server.requests, SECRET), 2);
  await nextCallWorks(direct);
});

test('fault: a body that stalls halfway fails after the idle timeout (the official package hangs forever)', async () => {
  server.injectFault(
    { type: 'stall', body: { secret: { secretKey: 'A', secretValue: 'y'.repeat(2000) } } },
    { times: 1, match: SECRET },
  );
  const { elapsed } = await expectSdkRejection(() => getA(direct), {
    name: 'InfisicalSDKError',
    message: /^Failed to read the response body \(status 200\): .*time/i,
  });
  assert.ok(elapsed >= TIMEOUT_MS * 0.9 && elapsed < TIMEOUT_MS + 3000, `idle timeout (${elapsed} ms)`);
  assert.equal(attempts(server.requests, SECRET), 1, 'a failed body read is not retried');
  await nextCallWorks(direct);
});

test('fault: a response that is not HTTP at all is a network failure (retried, then "fetch failed: ...")', async () => {
  proxy.inject((req) => req.socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'), {
    times: 5,
    match: (req) => req.url.startsWith(SECRET),
  });
  await expectSdkRejection(() => getA(viaProxy), { name: 'InfisicalSDKError', message: /^fetch failed: ./ });
  assert.equal(attempts(proxy.requests, SECRET), 5);
  await nextCallWorks(viaProxy);
});

test('fault: the server closes idle keep-alive connections between calls; the next call reconnects', async () => {
  await nextCallWorks(viaProxy);
  proxy.closeIdle();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await nextCallWorks(viaProxy);
  await nextCallWorks(viaProxy);
});

// ---------------------------------------------------------------------------------------------
// Bodies the SDK cannot use

test('fault: truncated JSON in a 200 rejects with "the server\'s response is not valid JSON"', async () => {
  server.injectFault(
    { status: 200, body: '{"secret":{"secretKey":"A","secretVal', contentType: 'application/json' },
    { match: SECRET },
  );
  await expectSdkRejection(() => getA(direct), {
    name: 'InfisicalSDKError',
    message: "secrets().getSecret: the server's response is not valid JSON",
  });
  await nextCallWorks(direct);
});

test('fault: invalid UTF-8 inside a JSON string resolves with U+FFFD, as Response.text() decodes', async () => {
  const body = Buffer.concat([
    Buffer.from('{"secret":{"secretKey":"A","secretValue":"ok-'),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from('-end"}}'),
  ]);
  server.injectFault({ status: 200, body, contentType: 'application/json' }, { match: SECRET });
  const outcome = await settle(() => getA(direct));
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.equal(outcome.value.secretValue, 'ok-\uFFFD\uFFFD\uFFFD-end');
  await nextCallWorks(direct);
});

test('fault: invalid UTF-8 in an error body still gives an InfisicalSDKRequestError', async () => {
  const body = Buffer.concat([
    Buffer.from('{"statusCode":404,"message":"no such'),
    Buffer.from([0xc0, 0x80]),
    Buffer.from(' secret","error":"NotFound"}'),
  ]);
  server.injectFault({ status: 404, body, contentType: 'application/json' }, { match: SECRET });
  await expectSdkRejection(() => getA(direct), {
    name: 'InfisicalSDKRequestError',
    message: /\[StatusCode=404\] no such\uFFFD\uFFFD secret$/,
  });
  await nextCallWorks(direct);
});

for (const status of [502, 503]) {
  test(`fault: an HTML ${status} page rejects with "Request failed with status ${status}" and is not retried`, async () => {
    server.injectFault(
      { status, body: `<html><body><h1>${status} Bad Gateway</h1></body></html>`, contentType: 'text/html' },
      { match: SECRET },
    );
    await expectSdkRejection(() => getA(direct), {
      name: 'InfisicalSDKError',
      message: `Request failed with status ${status}`,
    });
    assert.equal(attempts(server.requests, SECRET), 1);
    await nextCallWorks(direct);
  });
}

test('fault: a JSON 500 with a message rejects with InfisicalSDKRequestError naming URL, method and status', async () => {
  server.injectFault(
    { status: 500, body: { statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' } },
    { match: SECRET },
  );
  await expectSdkRejection(() => getA(direct), {
    name: 'InfisicalSDKRequestError',
    message: /^\[URL=http:\/\/127\.0\.0\.1:\d+\/api\/v3\/secrets\/raw\/A\?secretName=A&.*\] \[Method=GET\] \[StatusCode=500\] Something went wrong$/,
  });
  await nextCallWorks(direct);
});

const EMPTY_BODIES = [
  ['an empty 200', { status: 200, body: '' }, 'the server answered with an empty body where a JSON object was expected'],
  ['a 204', { status: 204 }, 'the server answered with an empty body where a JSON object was expected'],
  ['a text/plain 200', { status: 200, body: 'OK' }, "the server's response is not valid JSON"],
  ['a JSON array', { status: 200, body: '[]', contentType: 'application/json' }, 'the server answered with an array where a JSON object was expected'],
  ['JSON null', { status: 200, body: 'null', contentType: 'application/json' }, 'the server answered with a null where a JSON object was expected'],
  ['an object without "secret"', { status: 200, body: {} }, 'the server\'s response has no "secret" field'],
];
for (const [what, fault, message] of EMPTY_BODIES) {
  test(`fault: ${what} where JSON is expected rejects with "${message}"`, async () => {
    server.injectFault(fault, { match: SECRET });
    await expectSdkRejection(() => getA(direct), { name: 'InfisicalSDKError', message: `secrets().getSecret: ${message}` });
    await nextCallWorks(direct);
  });
}

test('fault: an empty 200 and a 204 on listSecrets reject too', async () => {
  for (const fault of [{ status: 200, body: '' }, { status: 204 }]) {
    server.injectFault(fault, { match: LIST });
    await expectSdkRejection(() => listDev(direct), {
      name: 'InfisicalSDKError',
      message: 'secrets().listSecrets: the server answered with an empty body where a JSON object was expected',
    });
  }
  await nextCallWorks(direct);
});

test('fault: a login response without accessToken rejects (and the old token stays in use)', async () => {
  server.injectFault({ status: 200, body: { expiresIn: 7200 } }, { match: '/api/v1/auth/universal-auth/login' });
  await expectSdkRejection(
    () => direct.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret }),
    { name: 'InfisicalSDKError', message: /carried no accessToken/ },
  );
  await nextCallWorks(direct);
});

test('fault: a gzip-encoded body that is not gzip rejects with "Failed to read the response body"', async () => {
  proxy.inject(
    (req, res) => {
      const body = '{"secret":{"secretKey":"A","secretValue":"not gzip"}}';
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
      res.end(body);
    },
    { match: (req) => req.url.startsWith(SECRET) },
  );
  await expectSdkRejection(() => getA(viaProxy), { name: 'InfisicalSDKError', message: /^Failed to read the response body \(status 200\): ./ });
  await nextCallWorks(viaProxy);
});

test('fault: a 50 MB listSecrets response is returned whole', async (t) => {
  const value = 'v'.repeat(1000);
  const secrets = [];
  for (let i = 0; i < 48000; i++) secrets.push({ id: String(i), secretKey: `K${i}`, secretValue: value, tags: [] });
  const body = JSON.stringify({ secrets, imports: [] });
  assert.ok(body.length > 50 * 1000 * 1000, `${body.length} bytes`);
  server.injectFault({ status: 200, body, contentType: 'application/json' }, { match: LIST });
  // a client with the default 10 s timeout: on a loaded CI machine, 50 MB may not flow within 400 ms
  useFastEnv({ retryMs: 10, timeoutMs: 10000 });
  const patient = new InfisicalSDK({ siteUrl: server.url });
  useFastEnv({ retryMs: 10, timeoutMs: TIMEOUT_MS });
  patient.auth().accessToken(direct.auth().getAccessToken());
  const outcome = await settle(() => listDev(patient), 30000);
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.equal(outcome.value.secrets.length, 48000);
  assert.equal(outcome.value.secrets[47999].secretKey, 'K47999');
  assert.equal(outcome.value.secrets[47999].secretValue, value);
  t.diagnostic(`50 MB list in ${Math.round(outcome.elapsed)} ms`);
  await nextCallWorks(patient);
});

// ---------------------------------------------------------------------------------------------
// 429 and Retry-After

const TOO_MANY = { statusCode: 429, message: 'Rate limit exceeded. Please try again in 60 seconds', error: 'RateLimitExceeded' };

test('fault: a 429 storm gives up after 5 attempts with an InfisicalSDKRequestError [StatusCode=429]', async () => {
  server.injectFault({ status: 429, body: TOO_MANY }, { times: 50, match: SECRET });
  await expectSdkRejection(() => getA(direct), {
    name: 'InfisicalSDKRequestError',
    message: /\[Method=GET\] \[StatusCode=429\] Rate limit exceeded/,
  });
  assert.equal(attempts(server.requests, SECRET), 5);
  server.clearFaults();
  await nextCallWorks(direct);
});

test('fault: four 429s then success resolves (POST too: every method is retried on 429)', async () => {
  server.injectFault({ status: 429, body: TOO_MANY }, { times: 4, match: { method: 'POST', path: '/api/v3/secrets/raw/B' } });
  const outcome = await settle(() =>
    direct.secrets().createSecret('B', { projectId: P, environment: 'dev', secretValue: 'value-b' }),
  );
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.equal(outcome.value.secret.secretKey, 'B');
  assert.equal(attempts(server.requests, '/api/v3/secrets/raw/B'), 5);
  await nextCallWorks(direct);
});

test('fault: Retry-After: 1 is honoured (longer than the 10 ms schedule, at most 10 s)', async () => {
  server.injectFault({ status: 429, body: TOO_MANY, headers: { 'retry-after': '1' } }, { times: 1, match: SECRET });
  const outcome = await settle(() => getA(direct));
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.ok(outcome.elapsed >= 990 && outcome.elapsed < 2500, `waited ${Math.round(outcome.elapsed)} ms`);
  await nextCallWorks(direct);
});

test('fault: Retry-After beyond 10 s (11, 60) and the HTTP-date form are ignored: the schedule applies', async () => {
  const date = new Date(Date.now() + 5000).toUTCString();
  for (const value of ['11', '60', date]) {
    server.clearRequests();
    server.injectFault({ status: 429, body: TOO_MANY, headers: { 'retry-after': value } }, { times: 2, match: SECRET });
    const outcome = await settle(() => getA(direct));
    assert.ok(outcome.ok, outcome.error && outcome.error.message);
    assert.ok(outcome.elapsed < 900, `Retry-After: ${value} ignored, waited ${Math.round(outcome.elapsed)} ms`);
    assert.equal(attempts(server.requests, SECRET), 3);
  }
  await nextCallWorks(direct);
});

test('fault: a Retry-After shorter than the schedule does not shorten it', async () => {
  // base delay 10 ms: the server asks for 0 s, the schedule's 10/20 ms stand
  server.injectFault({ status: 429, body: TOO_MANY, headers: { 'retry-after': '0' } }, { times: 2, match: SECRET });
  const outcome = await settle(() => getA(direct));
  assert.ok(outcome.ok, outcome.error && outcome.error.message);
  assert.ok(outcome.elapsed >= 8 + 16, `kept the back-off (${outcome.elapsed} ms)`);
  await nextCallWorks(direct);
});
