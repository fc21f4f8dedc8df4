'use strict';

// The opt-in secret cache (`new InfisicalSDK({ cache })`), `sdk.clearCache()`, stale-if-error,
// and request coalescing (always on), measured by counting the requests the local test server
// receives. See README "Beyond the official SDK".

// Read when an InfisicalSDK is constructed: keeps the retries of network failures short.
process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';
process.env.INFISICAL_SDK_REQUEST_TIMEOUT_MS = '5000';

const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { rejection, loggedIn } = require('./helpers/common');
const path = require('node:path');

const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
const { InfisicalSDK } = require(path.resolve(__dirname, '..'));

const PROJECT_ID = DEFAULTS.projectId;
const SECRETS_PATH = '/api/v3/secrets/raw';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Moves the SDK's clock (cache ages are measured on it) forward by `ms`: time passes for the cache
 * without waiting, so the TTL and stale-window tests do not depend on how fast the machine is.
 */
const advance = (sdk, ms) => sdk[Symbol.for('infisical-sdk-native.testing')].advanceClock(ms);

let server;

beforeEach(async () => {
  server = await startServer({ log: false });
  server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://one');
  server.setSecret(PROJECT_ID, 'dev', '/', 'API_KEY', 'key-1');
  server.setSecret(PROJECT_ID, 'dev', '/app', 'DB_URL', 'postgres://app');
  server.setSecret(PROJECT_ID, 'dev', '/other', 'DB_URL', 'postgres://other');
  server.setSecret(PROJECT_ID, 'staging', '/', 'DB_URL', 'postgres://staging');
});

afterEach(async () => {
  await server.close();
});

/** A logged-in SDK against the test server. */
const client = (options) => loggedIn(InfisicalSDK, server.url, options);

/** GET requests of the secret routes the server has received so far. */
const secretReads = () => server.requests.filter((r) => r.method === 'GET' && r.path.startsWith(SECRETS_PATH));

/** Runs `fn` and asserts it caused exactly `expected` secret reads on the server. */
async function expectReads(expected, fn, message) {
  const before = secretReads().length;
  const result = await fn();
  const made = secretReads().length - before;
  assert.equal(made, expected, `${message || 'secret reads'}: expected ${expected} request(s), the server received ${made}`);
  return result;
}

const get = (sdk, extra = {}) =>
  sdk.secrets().getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName: 'DB_URL', ...extra });
const list = (sdk, extra = {}) => sdk.secrets().listSecrets({ projectId: PROJECT_ID, environment: 'dev', ...extra });


// ---------------------------------------------------------------------------------------------
describe('without the cache option (drop-in default)', () => {
  test('nothing is cached: every call is a request', async () => {
    const sdk = await client();
    await expectReads(1, () => get(sdk));
    await expectReads(1, () => get(sdk));
    await expectReads(1, () => list(sdk));
    await expectReads(1, () => list(sdk));
    await expectReads(1, () => sdk.secrets().listSecretsWithImports({ projectId: PROJECT_ID, environment: 'dev' }));
  });

  test('a change on the server is seen by the next call', async () => {
    const sdk = await client();
    assert.equal((await get(sdk)).secretValue, 'postgres://one');
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://changed');
    assert.equal((await get(sdk)).secretValue, 'postgres://changed');
  });

  test('clearCache() exists and is a no-op', async () => {
    const sdk = await client();
    assert.equal(typeof sdk.clearCache, 'function');
    assert.equal(sdk.clearCache(), undefined);
    await expectReads(1, () => get(sdk));
  });

  test('explicitly undefined or null cache means no cache', async () => {
    for (const cache of [undefined, null]) {
      const sdk = await client({ cache });
      await expectReads(1, () => get(sdk));
      await expectReads(1, () => get(sdk), `cache: ${cache}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('freshness', () => {
  test('a fresh cached getSecret makes no request, and still returns a promise', async () => {
    const sdk = await client({ cache: {} });
    const first = await expectReads(1, () => get(sdk));
    assert.equal(first.secretValue, 'postgres://one');
    const pending = get(sdk);
    assert.ok(pending instanceof Promise, 'a cache hit still returns a Promise');
    const second = await expectReads(0, () => pending);
    assert.deepEqual(second, first);
    for (let i = 0; i < 20; i++) await expectReads(0, () => get(sdk));
  });

  test('the cache serves the fetched value, not later server changes, until the ttl ends', async () => {
    const sdk = await client({ cache: { ttlSeconds: 0.6 } });
    assert.equal((await get(sdk)).secretValue, 'postgres://one');
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://changed');
    assert.equal((await expectReads(0, () => get(sdk))).secretValue, 'postgres://one');
    advance(sdk, 500);
    assert.equal((await expectReads(0, () => get(sdk), 'within the ttl')).secretValue, 'postgres://one');
    advance(sdk, 200);
    assert.equal((await expectReads(1, () => get(sdk), 'after the ttl')).secretValue, 'postgres://changed');
    await expectReads(0, () => get(sdk), 'fresh again');
  });

  test('the ttl counts from the fetch: frequent reads never extend it', async () => {
    const sdk = await client({ cache: { ttlSeconds: 0.6 } });
    await expectReads(1, () => get(sdk));
    // Reads every 100 ms: a cache that renewed on read would never refetch.
    for (let elapsed = 0; elapsed < 500; elapsed += 100) {
      await expectReads(0, () => get(sdk));
      advance(sdk, 100);
    }
    advance(sdk, 150);
    await expectReads(1, () => get(sdk), 'the entry expired 0.6 s after its fetch despite the reads');
  });

  test('listSecrets and listSecretsWithImports are cached likewise', async () => {
    const sdk = await client({ cache: { ttlSeconds: 0.6 } });
    const first = await expectReads(1, () => list(sdk));
    assert.deepEqual(first.secrets.map((s) => s.secretKey).sort(), ['API_KEY', 'DB_URL']);
    const second = await expectReads(0, () => list(sdk));
    assert.deepEqual(second, first);

    const withImports = () => sdk.secrets().listSecretsWithImports({ projectId: PROJECT_ID, environment: 'dev' });
    const imported = await expectReads(1, () => withImports());
    assert.deepEqual(await expectReads(0, () => withImports()), imported);
    // listSecretsWithImports is listSecrets with includeImports: true, so they share the entry.
    await expectReads(0, () => list(sdk, { includeImports: true }));

    advance(sdk, 800);
    await expectReads(1, () => list(sdk), 'after the ttl');
    await expectReads(1, () => withImports(), 'after the ttl');
  });

  test('attachToProcessEnv still writes process.env on a cache hit', async () => {
    const sdk = await client({ cache: {} });
    delete process.env.API_KEY;
    await expectReads(1, () => list(sdk, { attachToProcessEnv: true }));
    assert.equal(process.env.API_KEY, 'key-1');
    delete process.env.API_KEY;
    await expectReads(0, () => list(sdk, { attachToProcessEnv: true }));
    assert.equal(process.env.API_KEY, 'key-1');
    delete process.env.API_KEY;
    delete process.env.DB_URL;
  });

  test('ttlSeconds 0 caches nothing', async () => {
    const sdk = await client({ cache: { ttlSeconds: 0 } });
    await expectReads(1, () => get(sdk));
    await expectReads(1, () => get(sdk));
  });

  test('errors are not cached', async () => {
    const sdk = await client({ cache: {} });
    const missing = { secretName: 'NOPE' };
    assert.equal((await rejection(get(sdk, missing))).name, 'InfisicalSDKRequestError');
    await expectReads(1, async () => assert.equal((await rejection(get(sdk, missing))).name, 'InfisicalSDKRequestError'));
    server.setSecret(PROJECT_ID, 'dev', '/', 'NOPE', 'exists now');
    assert.equal((await expectReads(1, () => get(sdk, missing))).secretValue, 'exists now');
    await expectReads(0, () => get(sdk, missing));
  });

  test('bad arguments are still reported (and make no request) with the cache on', async () => {
    const sdk = await client({ cache: {} });
    await expectReads(0, async () => {
      const error = await rejection(sdk.secrets().getSecret({ environment: 'dev', secretName: 'DB_URL' }));
      assert.equal(error.name, 'InfisicalSDKError');
      assert.match(error.message, /projectId/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe('cache keys: everything that changes the answer', () => {
  test('getSecret options make different entries', async () => {
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://two'); // version 2
    const sdk = await client({ cache: {} });
    const variants = [
      [{}, 'postgres://two'],
      [{ viewSecretValue: false }, '<hidden-by-infisical>'],
      [{ version: 1 }, 'postgres://one'],
      [{ secretPath: '/app' }, 'postgres://app'],
      [{ environment: 'staging' }, 'postgres://staging'],
      [{ expandSecretReferences: false }, 'postgres://two'],
      [{ includeImports: true }, 'postgres://two'],
      [{ type: 'shared' }, 'postgres://two'],
    ];
    for (const [extra, value] of variants) {
      const secret = await expectReads(1, () => get(sdk, extra), `first ${JSON.stringify(extra)}`);
      assert.equal(secret.secretValue, value, JSON.stringify(extra));
    }
    for (const [extra, value] of variants) {
      const secret = await expectReads(0, () => get(sdk, extra), `again ${JSON.stringify(extra)}`);
      assert.equal(secret.secretValue, value, JSON.stringify(extra));
    }
    // Another secret name is another entry.
    assert.equal((await expectReads(1, () => get(sdk, { secretName: 'API_KEY' }))).secretValue, 'key-1');
  });

  test('listSecrets options make different entries', async () => {
    server.setSecret(PROJECT_ID, 'dev', '/', 'TAGGED', 'x', { tagIds: [DEFAULTS.tags[0].id] });
    const sdk = await client({ cache: {} });
    const variants = [
      [{}, ['API_KEY', 'DB_URL', 'TAGGED']],
      [{ tagSlugs: [DEFAULTS.tags[0].slug] }, ['TAGGED']],
      [{ secretPath: '/app' }, ['DB_URL']],
      [{ recursive: true }, ['API_KEY', 'DB_URL', 'DB_URL', 'DB_URL', 'TAGGED']],
      [{ viewSecretValue: false }, ['API_KEY', 'DB_URL', 'TAGGED']],
      [{ expandSecretReferences: false }, ['API_KEY', 'DB_URL', 'TAGGED']],
      [{ environment: 'staging' }, ['DB_URL']],
    ];
    for (const [extra, keys] of variants) {
      const res = await expectReads(1, () => list(sdk, extra), `first ${JSON.stringify(extra)}`);
      assert.deepEqual(res.secrets.map((s) => s.secretKey).sort(), keys, JSON.stringify(extra));
    }
    for (const [extra, keys] of variants) {
      const res = await expectReads(0, () => list(sdk, extra), `again ${JSON.stringify(extra)}`);
      assert.deepEqual(res.secrets.map((s) => s.secretKey).sort(), keys, JSON.stringify(extra));
    }
    const hidden = await list(sdk, { viewSecretValue: false });
    assert.ok(hidden.secrets.every((s) => s.secretValue === '<hidden-by-infisical>'));
  });

  test('a cached answer is not shared between two SDK instances', async () => {
    const a = await client({ cache: {} });
    const b = await client({ cache: {} });
    await expectReads(1, () => get(a));
    await expectReads(1, () => get(b));
    await expectReads(0, () => get(a));
    await expectReads(0, () => get(b));
  });
});

// ---------------------------------------------------------------------------------------------
describe('invalidation by our own writes', () => {
  const opts = (extra = {}) => ({ projectId: PROJECT_ID, environment: 'dev', ...extra });

  test('updateSecret drops the entry; the next read shows the new value', async () => {
    const sdk = await client({ cache: {} });
    assert.equal((await get(sdk)).secretValue, 'postgres://one');
    await list(sdk);
    await sdk.secrets().updateSecret('DB_URL', opts({ secretValue: 'postgres://updated' }));
    assert.equal((await expectReads(1, () => get(sdk))).secretValue, 'postgres://updated');
    const listed = await expectReads(1, () => list(sdk));
    assert.equal(listed.secrets.find((s) => s.secretKey === 'DB_URL').secretValue, 'postgres://updated');
    await expectReads(0, () => get(sdk));
    await expectReads(0, () => list(sdk));
  });

  test('createSecret drops the list of its folder; the next list shows the new secret', async () => {
    const sdk = await client({ cache: {} });
    await expectReads(1, () => list(sdk));
    await sdk.secrets().createSecret('NEW_ONE', opts({ secretValue: 'fresh' }));
    const listed = await expectReads(1, () => list(sdk));
    assert.ok(listed.secrets.some((s) => s.secretKey === 'NEW_ONE' && s.secretValue === 'fresh'));
  });

  test('deleteSecret drops the entry; the next read is a 404', async () => {
    const sdk = await client({ cache: {} });
    await get(sdk);
    await list(sdk);
    await sdk.secrets().deleteSecret('DB_URL', opts());
    const error = await expectReads(1, () => rejection(get(sdk)));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    assert.match(error.message, /404/);
    const listed = await expectReads(1, () => list(sdk));
    assert.deepEqual(listed.secrets.map((s) => s.secretKey), ['API_KEY']);
  });

  test('a write drops exactly the entries it may change', async () => {
    const other = server.createProject({ slug: 'other-project', name: 'Other' });
    server.setSecret(other.id, 'dev', '/app', 'DB_URL', 'postgres://other-project');
    server.addImport(PROJECT_ID, 'dev', '/other', { environment: 'staging', path: '/' });
    const sdk = await client({ cache: {} });
    const raw = { expandSecretReferences: false };
    // [description, read, survives a write of a secret in dev /app]
    const entries = [
      ['dev /app, unexpanded', () => get(sdk, { ...raw, secretPath: '/app' }), false],
      ['dev /app list, unexpanded', () => list(sdk, { ...raw, secretPath: '/app' }), false],
      ['dev / recursive list, unexpanded (contains /app)', () => list(sdk, { ...raw, recursive: true }), false],
      ['dev /other recursive list (a sibling folder)', () => list(sdk, { ...raw, secretPath: '/other', recursive: true }), true],
      ['dev / non-recursive list, unexpanded', () => list(sdk, raw), true],
      ['dev / get, unexpanded', () => get(sdk, raw), true],
      ['dev /other, unexpanded', () => get(sdk, { ...raw, secretPath: '/other' }), true],
      ['staging /, unexpanded', () => get(sdk, { ...raw, environment: 'staging' }), true],
      ['staging /, expanded (the default)', () => get(sdk, { environment: 'staging' }), false],
      ['dev /other, expanded (the default)', () => get(sdk, { secretPath: '/other' }), false],
      ['dev /other list with imports, unexpanded', () => list(sdk, { ...raw, secretPath: '/other', includeImports: true }), false],
      ['another project, expanded', () => get(sdk, { projectId: other.id, secretPath: '/app' }), true],
    ];
    for (const [name, read] of entries) await expectReads(1, read, `first read of ${name}`);
    for (const [name, read] of entries) await expectReads(0, read, `cached read of ${name}`);

    await sdk.secrets().createSecret('ADDED', opts({ secretValue: 'v', secretPath: '/app' }));

    for (const [name, read, survives] of entries) {
      await expectReads(survives ? 0 : 1, read, `${name} ${survives ? 'must survive' : 'must be dropped by'} a write to dev /app`);
    }
  });

  test('paths are compared normalized ("app/" is "/app")', async () => {
    const sdk = await client({ cache: {} });
    await get(sdk, { secretPath: '/app', expandSecretReferences: false });
    await sdk.secrets().updateSecret('DB_URL', opts({ secretValue: 'postgres://app-2', secretPath: '/app/' }));
    const after = await expectReads(1, () => get(sdk, { secretPath: '/app', expandSecretReferences: false }));
    assert.equal(after.secretValue, 'postgres://app-2');
  });

  test('a write that fails still invalidates', async () => {
    const sdk = await client({ cache: {} });
    await get(sdk);
    const error = await rejection(sdk.secrets().updateSecret('DOES_NOT_EXIST', opts({ secretValue: 'x' })));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    await expectReads(1, () => get(sdk));
    // A write whose connection breaks may have happened: also invalidates.
    server.injectFault({ type: 'reset' }, { times: 5, match: { method: 'PATCH' } });
    await rejection(sdk.secrets().updateSecret('DB_URL', opts({ secretValue: 'x' })));
    await expectReads(1, () => get(sdk));
  });

  test('an answer fetched before a write finished is not stored after it', async () => {
    const sdk = await client({ cache: {} });
    server.injectFault({ type: 'delay', ms: 300 }, { match: { method: 'GET', pathPrefix: SECRETS_PATH } });
    const slowRead = get(sdk);
    await sleep(50);
    await sdk.secrets().updateSecret('DB_URL', opts({ secretValue: 'postgres://written' }));
    await slowRead;
    const next = await expectReads(1, () => get(sdk), 'the read that overlapped the write was not stored');
    assert.equal(next.secretValue, 'postgres://written');
    await expectReads(0, () => get(sdk));
  });

  test('writes to another project or environment keep unexpanded entries', async () => {
    const sdk = await client({ cache: {} });
    await get(sdk, { expandSecretReferences: false });
    await sdk.secrets().updateSecret('DB_URL', { projectId: PROJECT_ID, environment: 'staging', secretValue: 'x' });
    await expectReads(0, () => get(sdk, { expandSecretReferences: false }));
  });

  test('renaming a secret drops unexpanded entries whose references the server rewrites', async () => {
    // The server rewrites ${dev.DB_URL} in every secret of the project when dev/DB_URL is
    // renamed (fnUpdateSecretLinkedReferences), so a raw value cached anywhere in the project
    // changes, though it was fetched with expandSecretReferences: false in another environment.
    server.setSecret(PROJECT_ID, 'staging', '/', 'LINK', '${dev.DB_URL}');
    const sdk = await client({ cache: {} });
    const readLink = () => get(sdk, { environment: 'staging', secretName: 'LINK', expandSecretReferences: false });
    assert.equal((await readLink()).secretValue, '${dev.DB_URL}');
    await sdk.secrets().updateSecret('DB_URL', opts({ newSecretName: 'DATABASE_URL' }));
    assert.equal(server.getSecret(PROJECT_ID, 'staging', '/', 'LINK').value, '${dev.DATABASE_URL}', 'the server rewrote the reference');
    const after = await readLink();
    assert.equal(after.secretValue, '${dev.DATABASE_URL}', 'the cache served the value from before the rename');
  });
});

// ---------------------------------------------------------------------------------------------
describe('clearCache, bounds, isolation', () => {
  test('clearCache() drops every cached answer', async () => {
    const sdk = await client({ cache: {} });
    await get(sdk);
    await list(sdk);
    await get(sdk, { environment: 'staging' });
    assert.equal(sdk.clearCache(), undefined);
    await expectReads(1, () => get(sdk));
    await expectReads(1, () => list(sdk));
    await expectReads(1, () => get(sdk, { environment: 'staging' }));
    // Detached, as the other accessors of InfisicalSDK.
    const { clearCache } = sdk;
    clearCache();
    await expectReads(1, () => get(sdk));
  });

  test('logging in again or setting a token by hand clears the cache (another identity may see other secrets)', async () => {
    const sdk = await client({ cache: {} });
    await get(sdk);
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    await expectReads(1, () => get(sdk));
    sdk.auth().accessToken(server.issueToken());
    await expectReads(1, () => get(sdk));
    await expectReads(0, () => get(sdk));
  });

  test('maxEntries bounds the cache: with 2, the first of three keys is refetched', async () => {
    const sdk = await client({ cache: { maxEntries: 2 } });
    const keys = [{}, { secretName: 'API_KEY' }, { environment: 'staging' }];
    for (const extra of keys) {
      await expectReads(1, () => get(sdk, extra));
      await sleep(5);
    }
    await expectReads(0, () => get(sdk, keys[2]), 'the newest entry stays');
    await expectReads(0, () => get(sdk, keys[1]), 'the second entry stays');
    await expectReads(1, () => get(sdk, keys[0]), 'the oldest entry was evicted');
  });

  test('maxEntries 0 caches nothing', async () => {
    const sdk = await client({ cache: { maxEntries: 0 } });
    await expectReads(1, () => get(sdk));
    await expectReads(1, () => get(sdk));
  });

  test('each caller gets its own object: mutating a result never changes the next', async () => {
    const sdk = await client({ cache: {} });
    const first = await get(sdk);
    first.secretValue = 'mutated';
    first.tags.push({ slug: 'x' });
    delete first.secretKey;
    const second = await expectReads(0, () => get(sdk));
    assert.notEqual(second, first);
    assert.equal(second.secretValue, 'postgres://one');
    assert.equal(second.secretKey, 'DB_URL');
    assert.deepEqual(second.tags, []);

    const l1 = await list(sdk);
    l1.secrets.length = 0;
    l1.extra = true;
    const l2 = await expectReads(0, () => list(sdk));
    assert.equal(l2.secrets.length, 2);
    assert.equal(l2.extra, undefined);

    const w1 = await sdk.secrets().listSecretsWithImports({ projectId: PROJECT_ID, environment: 'dev' });
    w1[0].secretValue = 'mutated';
    w1.push({ secretKey: 'FAKE' });
    const w2 = await expectReads(0, () => sdk.secrets().listSecretsWithImports({ projectId: PROJECT_ID, environment: 'dev' }));
    assert.equal(w2.length, 2);
    assert.notEqual(w2[0].secretValue, 'mutated');
  });

  test('bad cache options are rejected at construction', () => {
    for (const cache of [{ ttlSeconds: -1 }, { maxEntries: 'ten' }, { staleIfErrorSeconds: NaN }, { ttlSeconds: Infinity }]) {
      assert.throws(() => new InfisicalSDK({ siteUrl: server.url, cache }), { name: 'InfisicalSDKError', message: /cache\./ });
    }
    assert.throws(() => new InfisicalSDK({ siteUrl: server.url, cache: 60 }), { name: 'InfisicalSDKError', message: /"cache"/ });
  });

  test('maxEntries beyond 32 bits is not wrapped around (2**32 must not mean 0, 2**32 + 1 not 1)', async () => {
    const sdk = await client({ cache: { maxEntries: 2 ** 32 + 1 } });
    await expectReads(1, () => get(sdk));
    await expectReads(1, () => get(sdk, { secretName: 'API_KEY' }));
    await expectReads(0, () => get(sdk), 'the first entry was evicted: maxEntries wrapped around to 1');
    const other = await client({ cache: { maxEntries: 2 ** 32 } });
    await expectReads(1, () => get(other));
    await expectReads(0, () => get(other), 'nothing was cached: maxEntries wrapped around to 0');
  });

  test('ttlSeconds and staleIfErrorSeconds too large for a duration do not break the client', async () => {
    for (const cache of [
      { ttlSeconds: 1e20, staleIfErrorSeconds: 1 },
      { ttlSeconds: 1e9, staleIfErrorSeconds: 1e20 },
    ]) {
      const sdk = await client({ cache });
      const first = await expectReads(1, () => get(sdk));
      assert.equal(first.secretValue, 'postgres://one', JSON.stringify(cache));
      await expectReads(0, () => get(sdk), JSON.stringify(cache));
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('coalescing (always on)', () => {
  const delayNextRead = (ms = 200) =>
    server.injectFault({ type: 'delay', ms }, { match: { method: 'GET', pathPrefix: SECRETS_PATH } });

  for (const cache of [undefined, {}]) {
    const label = cache ? 'with the cache' : 'without the cache';

    test(`100 concurrent identical getSecret calls make ONE request (${label})`, async () => {
      const sdk = await client({ cache });
      delayNextRead();
      const results = await expectReads(1, () => Promise.all(Array.from({ length: 100 }, () => get(sdk))));
      assert.equal(results.length, 100);
      for (const r of results) assert.equal(r.secretValue, 'postgres://one');
      // Each caller its own object.
      assert.equal(new Set(results).size, 100);
      results[0].secretValue = 'mutated';
      assert.equal(results[1].secretValue, 'postgres://one');
      // Once settled, the next call is a new request (or a cache hit).
      await expectReads(cache ? 0 : 1, () => get(sdk));
    });

    test(`100 concurrent identical listSecrets calls make ONE request (${label})`, async () => {
      const sdk = await client({ cache });
      delayNextRead();
      const results = await expectReads(1, () => Promise.all(Array.from({ length: 100 }, () => list(sdk))));
      assert.equal(new Set(results.map((r) => r.secrets)).size, 100);
    });

    test(`100 concurrent different getSecret calls make 100 requests (${label})`, async () => {
      for (let i = 0; i < 100; i++) server.setSecret(PROJECT_ID, 'dev', '/', `S_${i}`, `value-${i}`);
      const sdk = await client({ cache });
      const results = await expectReads(100, () =>
        Promise.all(Array.from({ length: 100 }, (_, i) => get(sdk, { secretName: `S_${i}` }))),
      );
      results.forEach((r, i) => assert.equal(r.secretValue, `value-${i}`));
    });
  }

  test('a coalesced failure rejects every caller, with one request', async () => {
    const sdk = await client();
    delayNextRead();
    const outcomes = await expectReads(1, () =>
      Promise.allSettled(Array.from({ length: 50 }, () => get(sdk, { secretName: 'MISSING' }))),
    );
    for (const o of outcomes) {
      assert.equal(o.status, 'rejected');
      assert.equal(o.reason.name, 'InfisicalSDKRequestError');
      assert.match(o.reason.message, /404/);
    }
    assert.equal(new Set(outcomes.map((o) => o.reason)).size, 50, 'each caller gets its own error object');
  });

  test('writes are never coalesced', async () => {
    const sdk = await client();
    const before = server.requests.filter((r) => r.method === 'PATCH').length;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        sdk.secrets().updateSecret('DB_URL', { projectId: PROJECT_ID, environment: 'dev', secretValue: 'same' }),
      ),
    );
    assert.equal(server.requests.filter((r) => r.method === 'PATCH').length - before, 5);
  });

  test('sequential identical calls are not coalesced', async () => {
    const sdk = await client();
    await expectReads(3, async () => {
      await get(sdk);
      await get(sdk);
      await get(sdk);
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe('stale-if-error', () => {
  // Seconds of the SDK's clock (advanced, never waited for).
  const TTL = 60;
  const STALE = 120;
  const breakNextRead = (fault) =>
    server.injectFault(fault, { times: fault.type === 'reset' ? 5 : 1, match: { method: 'GET', pathPrefix: SECRETS_PATH } });

  test('a network failure after the ttl serves the last good answer within the window, fails after it', async () => {
    const sdk = await client({ cache: { ttlSeconds: TTL, staleIfErrorSeconds: STALE } });
    assert.equal((await get(sdk)).secretValue, 'postgres://one');
    advance(sdk, TTL * 1000 + 1000);

    breakNextRead({ type: 'reset' });
    const stale = await expectReads(5, () => get(sdk), 'one attempt and four retries');
    assert.equal(stale.secretValue, 'postgres://one');

    breakNextRead({ status: 503, body: { statusCode: 503, message: 'Service Unavailable', error: 'ServiceUnavailable' } });
    assert.equal((await expectReads(1, () => get(sdk))).secretValue, 'postgres://one');
    breakNextRead({ status: 500, body: { statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' } });
    assert.equal((await get(sdk)).secretValue, 'postgres://one');

    advance(sdk, STALE * 1000 - 2000); // 1 s before the window ends: still served stale
    breakNextRead({ status: 503, body: { statusCode: 503, message: 'Service Unavailable', error: 'ServiceUnavailable' } });
    assert.equal((await get(sdk)).secretValue, 'postgres://one');
    advance(sdk, 2000); // past the window

    breakNextRead({ status: 503, body: { statusCode: 503, message: 'Service Unavailable', error: 'ServiceUnavailable' } });
    const late503 = await rejection(get(sdk));
    assert.equal(late503.name, 'InfisicalSDKRequestError');
    assert.match(late503.message, /503/);
    breakNextRead({ type: 'reset' });
    const lateReset = await rejection(get(sdk));
    assert.match(lateReset.message, /fetch failed/);
  });

  test('a stale answer is not refreshed by serving it, and a success refreshes the entry', async () => {
    const sdk = await client({ cache: { ttlSeconds: TTL, staleIfErrorSeconds: STALE } });
    await get(sdk);
    advance(sdk, TTL * 1000 + 1000);
    breakNextRead({ status: 503, body: { statusCode: 503, message: 'x', error: 'y' } });
    await get(sdk);
    // Served stale, not stored as fresh: the next call asks the server.
    server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://recovered');
    assert.equal((await expectReads(1, () => get(sdk))).secretValue, 'postgres://recovered');
    await expectReads(0, () => get(sdk));
  });

  test('listSecrets is served stale too', async () => {
    const sdk = await client({ cache: { ttlSeconds: TTL, staleIfErrorSeconds: STALE } });
    const first = await list(sdk);
    advance(sdk, TTL * 1000 + 1000);
    breakNextRead({ type: 'reset' });
    assert.deepEqual(await list(sdk), first);
  });

  for (const [status, message, error] of [
    [401, 'Token missing', 'UnauthorizedError'],
    [403, 'You are not allowed to access this resource', 'PermissionDenied'],
    [404, 'Secret with name DB_URL not found', 'NotFound'],
    [422, 'Invalid request', 'ValidationFailure'],
    [400, 'Bad request', 'BadRequest'],
  ]) {
    test(`a ${status} is never served stale`, async () => {
      const sdk = await client({ cache: { ttlSeconds: TTL, staleIfErrorSeconds: STALE } });
      await get(sdk);
      advance(sdk, TTL * 1000 + 1000);
      breakNextRead({ status, body: { reqId: 'req-x', statusCode: status, message, error } });
      const err = await rejection(get(sdk));
      assert.equal(err.name, 'InfisicalSDKRequestError');
      assert.match(err.message, new RegExp(String(status)));
    });
  }

  test('without staleIfErrorSeconds (default 0) a failure after the ttl rejects', async () => {
    const sdk = await client({ cache: { ttlSeconds: TTL } });
    await get(sdk);
    advance(sdk, TTL * 1000 + 1000);
    breakNextRead({ type: 'reset' });
    assert.match((await rejection(get(sdk))).message, /fetch failed/);
  });

  test('a failure with nothing cached rejects', async () => {
    const sdk = await client({ cache: { ttlSeconds: TTL, staleIfErrorSeconds: STALE } });
    breakNextRead({ status: 503, body: { statusCode: 503, message: 'x', error: 'y' } });
    assert.match((await rejection(get(sdk))).message, /503/);
  });

  test('a write does not leave a stale answer behind to serve', async () => {
    const sdk = await client({ cache: { ttlSeconds: TTL, staleIfErrorSeconds: STALE } });
    await get(sdk);
    await sdk.secrets().updateSecret('DB_URL', { projectId: PROJECT_ID, environment: 'dev', secretValue: 'postgres://new' });
    breakNextRead({ type: 'reset' });
    assert.match((await rejection(get(sdk))).message, /fetch failed/);
  });
});
