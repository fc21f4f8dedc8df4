'use strict';

// Always-on paths never serve stale data or race the host (issue 10):
// - a client reads its own writes: a read issued after a write never shares a request, or takes
//   a cached answer, from before that write (cache off and on), against a server that reads its
//   state when a request arrives and answers later (the test server's delay fault);
// - identical calls issued in one tick share exactly one request, every time;
// - renewal on newer servers: the returned token is adopted and its expiresIn is what counts.
// Time passes through the SDK's and the server's clocks (advanced, never waited for).

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';
process.env.INFISICAL_SDK_REQUEST_TIMEOUT_MS = '5000';

const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { startServer, DEFAULTS } = require('./server');
const { loggedIn } = require('./helpers/common');
const { InfisicalSDK } = require(path.resolve(__dirname, '..'));

const PROJECT_ID = DEFAULTS.projectId;
const SECRETS_PATH = '/api/v3/secrets/raw';
const RENEW = '/api/v1/auth/token/renew';
const UA_LOGIN = '/api/v1/auth/universal-auth/login';
const TESTING = Symbol.for('infisical-sdk-native.testing');

let server;

afterEach(async () => {
  if (server) await server.close();
  server = null;
});

/** A logged-in SDK against the test server. */
const client = (options) => loggedIn(InfisicalSDK, server.url, options);

const secretReads = () => server.requests.filter((r) => r.method === 'GET' && r.path.startsWith(SECRETS_PATH));
const get = (sdk) => sdk.secrets().getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName: 'DB_URL' });
const update = (sdk, value) =>
  sdk.secrets().updateSecret('DB_URL', { projectId: PROJECT_ID, environment: 'dev', secretValue: value });

/** A promise and whether it has settled yet (a read still in flight is what the tests need). */
function tracked(promise) {
  const t = { promise, settled: false };
  promise.then(() => (t.settled = true), () => (t.settled = true));
  return t;
}

/** Resolves once the server has received more than `count` secret reads (no fixed waits). */
async function untilReads(count) {
  while (secretReads().length <= count) await new Promise((resolve) => setImmediate(resolve));
}

describe('read-your-writes on one client', () => {
  beforeEach(async () => {
    server = await startServer({ log: false });
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'old');
  });

  for (const cache of [undefined, {}]) {
    const label = cache ? 'cache on' : 'cache off';

    test(`a read after an awaited write never gets the value from before it (${label})`, async () => {
      const sdk = await client({ cache });
      // A read sent before the write: the server reads "old" on arrival and answers later.
      server.injectFault({ type: 'delay', ms: 1500 }, { match: { method: 'GET', pathPrefix: SECRETS_PATH } });
      const readsBefore = secretReads().length;
      const early = tracked(get(sdk));
      await untilReads(readsBefore);
      await update(sdk, 'new');
      assert.equal(early.settled, false, 'the early read is still in flight when the later one is issued');
      const after = await get(sdk);
      assert.equal(after.secretValue, 'new', 'the read issued after the write shared a request sent before it');
      assert.equal((await early.promise).secretValue, 'old', 'the early read saw the state it arrived at');
      // The early answer arrived after the write: it must not have been cached.
      assert.equal((await get(sdk)).secretValue, 'new');
      assert.equal((await get(sdk)).secretValue, 'new');
    });

    test(`a write that fails still separates the reads around it (${label})`, async () => {
      const sdk = await client({ cache });
      server.injectFault({ type: 'delay', ms: 1500 }, { match: { method: 'GET', pathPrefix: SECRETS_PATH } });
      const readsBefore = secretReads().length;
      const early = tracked(get(sdk));
      await untilReads(readsBefore);
      // The write reaches the server and changes the value, but its answer is a 500.
      server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'changed-by-a-failed-write');
      server.injectFault({ status: 500, body: { message: 'boom' } }, { match: { method: 'PATCH' } });
      await assert.rejects(update(sdk, 'changed-by-a-failed-write'));
      const readsAtWrite = secretReads().length;
      assert.equal(early.settled, false, 'the early read is still in flight when the later one is issued');
      const after = await get(sdk);
      assert.equal(secretReads().length, readsAtWrite + 1, 'the later read made its own request');
      assert.equal(after.secretValue, 'changed-by-a-failed-write');
      assert.equal((await early.promise).secretValue, 'old');
      assert.equal((await get(sdk)).secretValue, 'changed-by-a-failed-write');
    });
  }

  test('with the cache on, an answer whose request preceded a write is not stored', async () => {
    const sdk = await client({ cache: { ttlSeconds: 3600 } });
    server.injectFault({ type: 'delay', ms: 1500 }, { match: { method: 'GET', pathPrefix: SECRETS_PATH } });
    const readsBefore = secretReads().length;
    const early = get(sdk);
    await untilReads(readsBefore);
    // The write is issued (and completes) while the early read is still in flight.
    await update(sdk, 'new');
    assert.equal((await early).secretValue, 'old');
    const readsAfter = secretReads().length;
    assert.equal((await get(sdk)).secretValue, 'new', 'the old answer was cached after the write');
    assert.equal(secretReads().length, readsAfter + 1, 'nothing was cached for this key');
    assert.equal((await get(sdk)).secretValue, 'new');
    assert.equal(secretReads().length, readsAfter + 1, 'the new answer is cached');
  });
});

describe('coalescing in one tick', () => {
  beforeEach(async () => {
    server = await startServer({ log: false });
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'v');
  });

  test('20 identical getSecret calls issued in one tick send exactly 1 request, 300 times over', async () => {
    const sdk = await client();
    const counts = [];
    for (let round = 0; round < 300; round++) {
      const before = secretReads().length;
      const results = await Promise.all(Array.from({ length: 20 }, () => get(sdk)));
      counts.push(secretReads().length - before);
      for (const r of results) assert.equal(r.secretValue, 'v');
    }
    const off = counts.filter((c) => c !== 1);
    assert.equal(off.length, 0, `rounds with other than 1 request: ${JSON.stringify(off)}`);
  });

  test('identical calls issued in different ticks after the answer reached JS send their own request', async () => {
    const sdk = await client();
    const before = secretReads().length;
    await get(sdk);
    await get(sdk);
    assert.equal(secretReads().length - before, 2);
  });
});

describe('renewal on newer servers', () => {
  const advance = (sdk, seconds) => {
    sdk[TESTING].advanceClock(seconds * 1000);
    server.advanceTime(seconds);
  };
  const bearer = (r) => (r.headers.authorization || '').replace(/^Bearer /, '');

  test('each renewal adopts the returned token, and the next one renews that token', async () => {
    server = await startServer({ log: false, renewal: 'newer', identity: { accessTokenTTL: 100, accessTokenMaxTTL: 100000 } });
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'v');
    const sdk = await client();
    const t1 = sdk.auth().getAccessToken();
    advance(sdk, 85); // within a fifth of the 100 s lifetime of its end
    await get(sdk);
    const renewals = () => server.requests.filter((r) => r.path === RENEW);
    assert.equal(renewals().length, 1);
    assert.equal(renewals()[0].json.accessToken, t1);
    const t2 = bearer(secretReads().at(-1));
    assert.notEqual(t2, t1, 'the read carried the renewed token');
    assert.equal(sdk.auth().getAccessToken(), t2);
    advance(sdk, 85);
    await get(sdk);
    assert.equal(renewals().length, 2);
    assert.equal(renewals()[1].json.accessToken, t2, 'the second renewal renewed the token the first returned');
    assert.equal(server.requests.filter((r) => r.path === UA_LOGIN).length, 1, 'no re-login was needed');
  });

  test('a renewal that returns a shorter expiresIn than the TTL times the next step from it', async () => {
    server = await startServer({ log: false, renewal: 'newer', identity: { accessTokenTTL: 100, accessTokenMaxTTL: 120 } });
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'v');
    const sdk = await client();
    advance(sdk, 80);
    // The user renews: 40 s are left of the max TTL, so the server answers expiresIn 40.
    await sdk.auth().universalAuth.renew();
    const t2 = sdk.auth().getAccessToken();
    await get(sdk);
    assert.equal(bearer(secretReads().at(-1)), t2);
    // 32 s later the renewed token has 8 s left (the configured TTL would promise 68): the SDK
    // must act before the server sees it expire. No request may be refused.
    advance(sdk, 32);
    const value = await get(sdk);
    assert.equal(value.secretValue, 'v');
    const last = secretReads().at(-1);
    assert.notEqual(bearer(last), t2, 'the token was replaced before it expired');
    assert.equal(server.requests.filter((r) => r.path === UA_LOGIN).length, 2, 'a new login, as the max TTL is near');
  });
});
