'use strict';

// Secret hygiene (issue 4): after a login and some calls, the access token, the client secret and
// secret values never appear in util.inspect(sdk) (every depth, hidden properties), in
// JSON.stringify(sdk), in console.log(sdk), in any error's message, stack or inspection (401, 403,
// 404, 422 answers, network faults), nor in anything a child process running calls writes with
// RUST_LOG=trace, DEBUG=* and NODE_DEBUG=* set. The official package prints the bearer token in
// inspect/stringify/console.log (checked at the end, for the record).

const test = require('node:test');
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const util = require('node:util');
const {
  PROJECT_ID: P,
  useFastEnv,
  loadSdk,
  watchProcess,
  settle,
  assertSdkError,
  startTestServer,
  closedPort,
  runNode,
  childEnv,
  ROOT,
} = require('./helpers');

useFastEnv({ retryMs: 1, timeoutMs: 1000 });
const { InfisicalSDK } = loadSdk();
watchProcess();

const rand = () => crypto.randomBytes(12).toString('hex');
const CLIENT_ID = `hygiene-client-${rand()}`;
const CLIENT_SECRET = `cs-${rand()}`;
const VALUE_A = `sv-a-${rand()}`;
const VALUE_B = `sv-b-${rand()}`;
const VALUE_NEW = `sv-new-${rand()}`;

let server;
let sdk;
const secrets = () => {
  // every token the server ever issued, plus what the client holds
  const tokens = server.requests
    .map((r) => (r.headers.authorization || '').replace(/^Bearer /, ''))
    .filter(Boolean);
  const held = sdk && sdk.auth().getAccessToken();
  return [CLIENT_SECRET, VALUE_A, VALUE_B, VALUE_NEW, ...(held ? [held] : []), ...new Set(tokens)];
};

/** Fails when any secret (or a 12-character piece of a token) shows in `text`. */
function assertClean(text, where) {
  for (const s of secrets()) {
    assert.ok(!text.includes(s), `${where} contains a secret (${s.slice(0, 6)}...)`);
    // a token cut or wrapped: look for its signature part too
    const sig = s.split('.').at(-1);
    if (sig && sig.length >= 16) assert.ok(!text.includes(sig), `${where} contains a token signature`);
  }
}

before(async () => {
  server = await startTestServer({ identity: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
  server.setSecret(P, 'dev', '/', 'HYGIENE_A', VALUE_A);
  server.setSecret(P, 'dev', '/', 'HYGIENE_B', VALUE_B);
  sdk = new InfisicalSDK({ siteUrl: server.url });
  await sdk.auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  await sdk.secrets().listSecrets({ projectId: P, environment: 'dev' });
  await sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'HYGIENE_A' });
  await sdk.secrets().createSecret('HYGIENE_C', { projectId: P, environment: 'dev', secretValue: VALUE_NEW });
  assert.ok(sdk.auth().getAccessToken(), 'logged in');
});
after(async () => {
  await server?.close();
});

function everyView(obj) {
  return {
    'util.inspect(depth: Infinity, showHidden)': util.inspect(obj, { depth: Infinity, showHidden: true, getters: true }),
    'util.inspect()': util.inspect(obj),
    'JSON.stringify': String(JSON.stringify(obj)),
    'String()': (() => {
      try {
        return String(obj);
      } catch {
        return '';
      }
    })(),
  };
}

function captureConsoleLog(fn) {
  const original = process.stdout.write;
  let out = '';
  process.stdout.write = (chunk, ...rest) => {
    out += String(chunk);
    const cb = rest.find((r) => typeof r === 'function');
    if (cb) cb();
    return true;
  };
  try {
    fn();
  } finally {
    process.stdout.write = original;
  }
  return out;
}

test('hygiene: util.inspect, JSON.stringify and console.log of the SDK and every area object show no secret', () => {
  const objects = {
    sdk,
    'sdk.auth()': sdk.auth(),
    'sdk.secrets()': sdk.secrets(),
    'sdk.dynamicSecrets()': sdk.dynamicSecrets(),
    'sdk.environments()': sdk.environments(),
    'sdk.projects()': sdk.projects(),
    'sdk.folders()': sdk.folders(),
    'sdk.kms()': sdk.kms(),
    'sdk.auth().universalAuth': sdk.auth().universalAuth,
  };
  for (const [name, obj] of Object.entries(objects)) {
    for (const [how, text] of Object.entries(everyView(obj))) assertClean(text, `${how} of ${name}`);
  }
  const logged = captureConsoleLog(() => {
    console.log(sdk);
    console.dir(sdk, { depth: Infinity, showHidden: true });
    console.log('%o', sdk);
    console.log(sdk.auth());
  });
  assert.ok(logged.includes('InfisicalSDK'), 'console.log printed the SDK');
  assertClean(logged, 'console.log(sdk)');
  // the property names of the SDK carry nothing either
  assertClean(Object.getOwnPropertyNames(sdk).join(','), 'own property names');
});

test('hygiene: errors from 401, 403, 404, 422 answers and network faults carry no secret', async () => {
  const errors = [];
  const collect = async (what, fn) => {
    const outcome = await settle(fn);
    assert.equal(outcome.ok, false, `${what} should fail`);
    assertSdkError(outcome.error);
    errors.push([what, outcome.error]);
  };
  const token = sdk.auth().getAccessToken();
  // 404
  await collect('404', () => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'NOPE' }));
  // 401: wrong client secret (a near miss of the real one)
  await collect('401 login', () => new InfisicalSDK({ siteUrl: server.url }).auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: `${CLIENT_SECRET}x` }));
  // 401 revoked and 403 expired tokens, set by hand (no automatic re-login)
  const revoked = server.issueToken();
  server.revokeToken(revoked);
  const c401 = new InfisicalSDK({ siteUrl: server.url }).auth().accessToken(revoked);
  await collect('401 revoked', () => c401.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'HYGIENE_A' }));
  const expired = server.issueToken();
  server.expireToken(expired);
  const c403 = new InfisicalSDK({ siteUrl: server.url }).auth().accessToken(expired);
  await collect('403 expired', () => c403.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'HYGIENE_A' }));
  await collect('renew with an expired token', () => c403.auth().universalAuth.renew());
  // 422: the real server's (array message) and one with a string message echoing the request
  server.injectFault({ status: 422, body: { statusCode: 422, message: [{ path: ['secretValue'], message: 'bad' }], error: 'ValidationFailure' } }, { match: '/api/v3/secrets/raw/HYGIENE_D' });
  await collect('422 array', () => sdk.secrets().createSecret('HYGIENE_D', { projectId: P, environment: 'dev', secretValue: VALUE_A }));
  server.injectFault({ status: 422, body: { statusCode: 422, message: 'Invalid value', error: 'ValidationFailure' } }, { match: '/api/v3/secrets/raw/HYGIENE_D' });
  await collect('422 string', () => sdk.secrets().updateSecret('HYGIENE_D', { projectId: P, environment: 'dev', secretValue: VALUE_B }));
  // network: reset, timeout, refused, all while carrying the token
  server.injectFault({ type: 'reset' }, { times: 5, match: '/api/v3/secrets/raw/HYGIENE_A' });
  await collect('reset', () => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'HYGIENE_A' }));
  server.injectFault({ type: 'hang' }, { times: 5, match: '/api/v3/secrets/raw/HYGIENE_A' });
  await collect('timeout', () => sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'HYGIENE_A' }));
  const deadUrl = `http://127.0.0.1:${await closedPort()}`;
  const dead = new InfisicalSDK({ siteUrl: deadUrl }).auth().accessToken(token);
  await collect('refused', () => dead.secrets().listSecrets({ projectId: P, environment: 'dev' }));
  await collect('refused login', () =>
    new InfisicalSDK({ siteUrl: deadUrl }).auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }),
  );
  // local checks that see a secret value
  await collect('bad option next to a secret', () => sdk.secrets().createSecret('X', { projectId: P, environment: 7, secretValue: VALUE_A }));
  for (const [what, error] of errors) {
    assertClean(error.message, `${what}: message`);
    assertClean(String(error.stack), `${what}: stack`);
    assertClean(util.inspect(error, { depth: Infinity, showHidden: true }), `${what}: inspect`);
    assertClean(JSON.stringify(error) || '', `${what}: JSON`);
  }
  assert.equal(errors.length, 12);
});

test('hygiene: a child process running calls with RUST_LOG=trace, DEBUG=*, NODE_DEBUG=* writes no secret', async () => {
  server.setSecret(P, 'dev', '/', 'HYGIENE_A', VALUE_A);
  const fake = `${rand()}.${rand()}.${rand()}`;
  const run = await runNode(path.join(__dirname, 'fixtures', 'log-child.js'), [server.url, CLIENT_ID, CLIENT_SECRET, `http://127.0.0.1:${await closedPort()}`], {
    env: childEnv({
      RUST_LOG: 'trace',
      RUST_BACKTRACE: 'full',
      DEBUG: '*',
      NODE_DEBUG: '*',
      NAPI_RS_DEBUG: '1',
      HYGIENE_NEW_VALUE: VALUE_NEW,
      HYGIENE_FAKE_TOKEN: fake,
      INFISICAL_SDK_RETRY_BASE_DELAY_MS: '1',
    }),
    timeoutMs: 60000,
  });
  assert.equal(run.code, 0, run.stderr.slice(-2000));
  const summary = run.lines.find((l) => l && typeof l === 'object' && 'listed' in l);
  assert.ok(summary, run.stdout.slice(-2000));
  assert.equal(summary.errors, 4);
  const output = `${run.stdout}\n${run.stderr}`;
  assertClean(output, 'the child output');
  assert.ok(!output.includes(fake), 'the child output contains the token it set by hand');
  assert.ok(!output.includes(`${VALUE_NEW}-2`), 'the child output contains an updated value');
});

test('hygiene (for the record): the official package prints the bearer token in inspect, JSON.stringify and console.log', async () => {
  const { InfisicalSDK: Official } = require(require.resolve('@infisical/sdk', { paths: [ROOT] }));
  const official = new Official({ siteUrl: server.url });
  await official.auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const token = official.auth().getAccessToken();
  assert.ok(util.inspect(official, { depth: Infinity }).includes(token));
  assert.ok(JSON.stringify(official).includes(token));
  assert.ok(captureConsoleLog(() => console.log(official)).includes(token));
});
