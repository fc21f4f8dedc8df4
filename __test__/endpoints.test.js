'use strict';

// The endpoints other Infisical SDKs have (issue 13, "Beyond the official SDK"), against the local
// test server: secrets().batchCreate/batchUpdate/batchDelete, folders().get/update/delete,
// dynamicSecrets().list/get/update and leases.list/get. Each: what goes on the wire, what it
// resolves to, the server's errors, bad input refused locally, and that writes keep the client's
// read-your-writes guarantee and the cache correct.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { startServer, DEFAULTS } = require('./server');
const { rejection, loggedIn } = require('./helpers/common');
const { InfisicalSDK } = require(path.resolve(__dirname, '..'));

const P = DEFAULTS.projectId;
const SLUG = DEFAULTS.projectSlug;
const BATCH = '/api/v3/secrets/batch/raw';
const SECRETS = '/api/v3/secrets/raw';

let server;

beforeEach(async () => {
  server = await startServer({ log: false });
});

afterEach(async () => {
  await server.close();
  server = null;
});

/** A logged-in SDK against the test server. */
const client = (options) => loggedIn(InfisicalSDK, server.url, options);

/** The requests to `path` (method optional), after the login. */
const sent = (method, p) => server.requests.filter((r) => r.method === method && r.path === p);
const reads = () => server.requests.filter((r) => r.method === 'GET' && r.path.startsWith(SECRETS));
const value = (env, p, key) => server.getSecret(P, env, p, key)?.value;

/** Asserts an InfisicalSDKError whose message matches, and that no request was sent. */
async function refusedLocally(promise, message) {
  const before = server.requests.length;
  const error = await rejection(promise);
  assert.equal(error.name, 'InfisicalSDKError', String(error));
  assert.match(error.message, message);
  assert.equal(server.requests.length, before, 'a request was sent');
}

/** Asserts a rejection carrying the server's status and message. */
async function serverError(promise, status, message) {
  const error = await rejection(promise);
  assert.equal(error.name, 'InfisicalSDKRequestError', String(error));
  assert.ok(error.message.includes(`[StatusCode=${status}]`), error.message);
  assert.match(error.message, message);
}

// ---------------------------------------------------------------------------------------------
describe('secrets().batchCreate / batchUpdate / batchDelete', () => {
  const at = { projectId: P, environment: 'dev' };

  test('batchCreate sends the v3 body with workspaceId and resolves to { secrets }', async () => {
    const sdk = await client();
    server.createFolder(P, 'dev', '/app');
    const res = await sdk.secrets().batchCreate({
      ...at,
      secretPath: '/app',
      secrets: [
        { secretKey: 'A', secretValue: 'one', secretComment: 'first', tagIds: [DEFAULTS.tags[0].id] },
        { secretKey: 'B', secretValue: 'two', skipMultilineEncoding: true },
      ],
    });
    const [r] = sent('POST', BATCH);
    assert.deepEqual(r.json, {
      workspaceId: P,
      environment: 'dev',
      secretPath: '/app',
      secrets: [
        { secretKey: 'A', secretValue: 'one', secretComment: 'first', tagIds: [DEFAULTS.tags[0].id] },
        { secretKey: 'B', secretValue: 'two', skipMultilineEncoding: true },
      ],
    });
    assert.deepEqual(Object.keys(res), ['secrets']);
    assert.deepEqual(res.secrets.map((s) => [s.secretKey, s.secretValue, s.workspace]), [['A', 'one', P], ['B', 'two', P]]);
    assert.equal(value('dev', '/app', 'A'), 'one');
    assert.equal(value('dev', '/app', 'B'), 'two');
  });

  test('batchCreate: the server refuses existing keys and unknown folders, all or nothing', async () => {
    const sdk = await client();
    server.setSecret(P, 'dev', '/', 'TAKEN', 'x');
    await serverError(
      sdk.secrets().batchCreate({ ...at, secrets: [{ secretKey: 'NEW', secretValue: '1' }, { secretKey: 'TAKEN', secretValue: '2' }] }),
      400,
      /Secret already exist: TAKEN/,
    );
    assert.equal(value('dev', '/', 'NEW'), undefined, 'nothing was created');
    await serverError(
      sdk.secrets().batchCreate({ ...at, secretPath: '/nope', secrets: [{ secretKey: 'NEW', secretValue: '1' }] }),
      404,
      /Folder not found/,
    );
  });

  test('batchUpdate: failOnNotFound (default), upsert and ignore', async () => {
    const sdk = await client();
    server.setSecret(P, 'dev', '/', 'A', 'a0');
    const items = [{ secretKey: 'A', secretValue: 'a1' }, { secretKey: 'MISSING', secretValue: 'm1' }];
    await serverError(sdk.secrets().batchUpdate({ ...at, secrets: items }), 404, /Secret does not exist: MISSING/);
    assert.equal(value('dev', '/', 'A'), 'a0', 'nothing changed');
    assert.equal(sent('PATCH', BATCH)[0].json.mode, undefined, 'no mode: the server default');

    const ignored = await sdk.secrets().batchUpdate({ ...at, mode: 'ignore', secrets: items });
    assert.deepEqual(ignored.secrets.map((s) => s.secretKey), ['A']);
    assert.equal(value('dev', '/', 'MISSING'), undefined);

    const upserted = await sdk.secrets().batchUpdate({ ...at, mode: 'upsert', secrets: [{ secretKey: 'A', secretValue: 'a2' }, items[1]] });
    assert.deepEqual(upserted.secrets.map((s) => [s.secretKey, s.secretValue]), [['A', 'a2'], ['MISSING', 'm1']]);
    assert.equal(value('dev', '/', 'MISSING'), 'm1');
    assert.deepEqual(sent('PATCH', BATCH).map((r) => r.json.mode), [undefined, 'ignore', 'upsert']);
  });

  test('batchUpdate: renames and per-secret folders', async () => {
    const sdk = await client();
    server.setSecret(P, 'dev', '/', 'OLD', 'v');
    server.setSecret(P, 'dev', '/other', 'ELSEWHERE', 'e0');
    const res = await sdk.secrets().batchUpdate({
      ...at,
      secrets: [
        { secretKey: 'OLD', newSecretName: 'NEW' },
        { secretKey: 'ELSEWHERE', secretPath: '/other', secretValue: 'e1' },
      ],
    });
    assert.deepEqual(res.secrets.map((s) => s.secretKey), ['NEW', 'ELSEWHERE']);
    assert.equal(value('dev', '/', 'NEW'), 'v');
    assert.equal(value('dev', '/', 'OLD'), undefined);
    assert.equal(value('dev', '/other', 'ELSEWHERE'), 'e1');
    assert.deepEqual(sent('PATCH', BATCH)[0].json.secrets[1], { secretKey: 'ELSEWHERE', secretValue: 'e1', secretPath: '/other' });
  });

  test('batchDelete sends a JSON body and refuses unknown keys as a whole', async () => {
    const sdk = await client();
    server.setSecret(P, 'dev', '/', 'A', '1');
    server.setSecret(P, 'dev', '/', 'B', '2');
    await serverError(
      sdk.secrets().batchDelete({ ...at, secrets: [{ secretKey: 'A' }, { secretKey: 'NOPE' }] }),
      404,
      /One or more secrets does not exist/,
    );
    assert.equal(value('dev', '/', 'A'), '1');
    const res = await sdk.secrets().batchDelete({ ...at, secrets: [{ secretKey: 'A' }, { secretKey: 'B', type: 'shared' }] });
    assert.deepEqual(res.secrets.map((s) => s.secretKey), ['A', 'B']);
    assert.equal(value('dev', '/', 'A'), undefined);
    assert.equal(value('dev', '/', 'B'), undefined);
    const last = sent('DELETE', BATCH).at(-1);
    assert.equal(last.headers['content-type'], 'application/json');
    assert.deepEqual(last.json, { workspaceId: P, environment: 'dev', secrets: [{ secretKey: 'A' }, { secretKey: 'B', type: 'shared' }] });
  });

  test('bad input is refused locally, naming the option (and the element)', async () => {
    const sdk = await client();
    const s = sdk.secrets();
    await refusedLocally(s.batchCreate(), /"options" must be an object/);
    await refusedLocally(s.batchCreate({ ...at }), /Missing required option "secrets" in secrets\(\)\.batchCreate\(options\)/);
    await refusedLocally(s.batchCreate({ ...at, secrets: [] }), /"secrets" of secrets\(\)\.batchCreate\(options\) must be a non-empty array/);
    await refusedLocally(s.batchCreate({ ...at, secrets: [{ secretKey: 'A' }] }), /Missing required option "secrets\[0\]\.secretValue"/);
    await refusedLocally(s.batchCreate({ ...at, secrets: ['A'] }), /"secrets\[0\]" .* must be an object/);
    await refusedLocally(s.batchUpdate({ ...at, mode: 'merge', secrets: [{ secretKey: 'A' }] }), /"mode" .* must be one of "failOnNotFound", "upsert", "ignore"/);
    await refusedLocally(s.batchUpdate({ ...at, secrets: [{ secretKey: 'A', secretValue: 1 }] }), /"secrets\[0\]\.secretValue" .* must be a string/);
    await refusedLocally(s.batchDelete({ environment: 'dev', secrets: [{ secretKey: 'A' }] }), /Missing required option "projectId" in secrets\(\)\.batchDelete/);
    await refusedLocally(s.batchDelete({ ...at, secrets: [{ secretKey: 'A', type: 'mine' }] }), /"secrets\[0\]\.type"/);
  });

  test('the methods work detached', async () => {
    const sdk = await client();
    const { batchCreate, batchDelete } = sdk.secrets();
    await batchCreate({ ...at, secrets: [{ secretKey: 'D', secretValue: 'd' }] });
    await batchDelete({ ...at, secrets: [{ secretKey: 'D' }] });
    assert.equal(value('dev', '/', 'D'), undefined);
  });

  for (const cache of [undefined, { ttlSeconds: 3600 }]) {
    const label = cache ? 'cache on' : 'cache off';
    const get = (sdk, name) => sdk.secrets().getSecret({ ...at, secretName: name });
    const list = (sdk, secretPath) => sdk.secrets().listSecrets({ ...at, secretPath, expandSecretReferences: false });

    test(`a cached read after each batch write sees the write (${label})`, async () => {
      const sdk = await client({ cache });
      server.setSecret(P, 'dev', '/', 'K', 'v0');
      server.setSecret(P, 'dev', '/other', 'O', 'o0');
      assert.equal((await get(sdk, 'K')).secretValue, 'v0');
      assert.deepEqual((await list(sdk, '/other')).secrets.map((s) => s.secretValue), ['o0']);
      const before = reads().length;
      assert.equal((await get(sdk, 'K')).secretValue, 'v0');
      assert.equal(reads().length - before, cache ? 0 : 1, 'the second read is served from the cache when it is on');

      await sdk.secrets().batchUpdate({ ...at, secrets: [{ secretKey: 'K', secretValue: 'v1' }] });
      assert.equal((await get(sdk, 'K')).secretValue, 'v1');

      await sdk.secrets().batchCreate({ ...at, secrets: [{ secretKey: 'N', secretValue: 'n' }] });
      assert.equal((await get(sdk, 'N')).secretValue, 'n');

      // A secret with its own secretPath: the other folder's cached list goes too.
      await sdk.secrets().batchUpdate({ ...at, secrets: [{ secretKey: 'O', secretPath: '/other', secretValue: 'o1' }] });
      assert.deepEqual((await list(sdk, '/other')).secrets.map((s) => s.secretValue), ['o1']);

      await sdk.secrets().batchDelete({ ...at, secrets: [{ secretKey: 'K' }] });
      const gone = await rejection(get(sdk, 'K'));
      assert.ok(gone.message.includes('[StatusCode=404]'), gone.message);
    });

    test(`a read after a batch write never shares a request sent before it (${label})`, async () => {
      const sdk = await client({ cache });
      server.setSecret(P, 'dev', '/', 'K', 'old');
      server.injectFault({ type: 'delay', ms: 1000 }, { match: { method: 'GET', pathPrefix: SECRETS } });
      const before = reads().length;
      let earlySettled = false;
      const early = get(sdk, 'K').finally(() => (earlySettled = true));
      while (reads().length <= before) await new Promise((resolve) => setImmediate(resolve));
      await sdk.secrets().batchUpdate({ ...at, secrets: [{ secretKey: 'K', secretValue: 'new' }] });
      assert.equal(earlySettled, false, 'the early read is still in flight when the later one is issued');
      assert.equal((await get(sdk, 'K')).secretValue, 'new');
      assert.equal((await early).secretValue, 'old');
      assert.equal((await get(sdk, 'K')).secretValue, 'new', 'the early answer was not cached after the write');
    });
  }
});

// ---------------------------------------------------------------------------------------------
describe('folders().get / update / delete', () => {
  const at = { projectId: P, environment: 'dev' };

  test('get resolves to the folder with its environment, path and project', async () => {
    const sdk = await client();
    const created = await sdk.folders().create({ ...at, name: 'app', path: '/' });
    const child = await sdk.folders().create({ ...at, name: 'db', path: '/app' });
    const got = await sdk.folders().get({ folderId: child.id });
    assert.equal(sent('GET', `/api/v1/folders/${child.id}`).length, 1);
    assert.equal(got.id, child.id);
    assert.equal(got.name, 'db');
    assert.equal(got.path, '/app/db');
    assert.equal(got.parentId, created.id);
    assert.equal(got.projectId, P);
    assert.deepEqual(Object.keys(got.environment).sort(), ['envId', 'envName', 'envSlug']);
    assert.equal(got.environment.envSlug, 'dev');
    await serverError(sdk.folders().get({ folderId: '00000000-0000-4000-8000-000000000000' }), 404, /Folder not found/);
  });

  test('update renames a folder; the secrets below move with it', async () => {
    const sdk = await client();
    server.setSecret(P, 'dev', '/app/db', 'PASS', 'pw');
    const [app] = await sdk.folders().listFolders({ ...at, path: '/' });
    const renamed = await sdk.folders().update({ ...at, folderId: app.id, name: 'service', description: 'moved' });
    const [r] = sent('PATCH', `/api/v1/folders/${app.id}`);
    assert.deepEqual(r.json, { name: 'service', workspaceId: P, environment: 'dev', description: 'moved' });
    assert.equal(renamed.name, 'service');
    assert.equal(renamed.path, '/service');
    assert.equal(renamed.description, 'moved');
    assert.equal(value('dev', '/service/db', 'PASS'), 'pw');
    assert.equal(value('dev', '/app/db', 'PASS'), undefined);
    await serverError(sdk.folders().update({ ...at, folderId: app.id, name: 'x', path: '/nope' }), 404, /Secret path not found/);
    await sdk.folders().create({ ...at, name: 'taken', path: '/' });
    await serverError(sdk.folders().update({ ...at, folderId: app.id, name: 'taken' }), 400, /already exists/);
  });

  test('delete by id or by name removes the folder and everything below it', async () => {
    const sdk = await client();
    server.setSecret(P, 'dev', '/a/b', 'X', '1');
    server.setSecret(P, 'dev', '/c', 'Y', '2');
    const [a] = await sdk.folders().listFolders({ ...at, path: '/' });
    const deleted = await sdk.folders().delete({ ...at, folderId: a.id });
    assert.equal(deleted.id, a.id);
    assert.deepEqual(sent('DELETE', `/api/v1/folders/${a.id}`)[0].json, { workspaceId: P, environment: 'dev' });
    assert.equal(value('dev', '/a/b', 'X'), undefined);
    const byName = await sdk.folders().delete({ ...at, folderName: 'c', path: '/' });
    assert.equal(byName.name, 'c');
    assert.deepEqual(sent('DELETE', '/api/v1/folders/c')[0].json, { workspaceId: P, environment: 'dev', path: '/' });
    assert.deepEqual(await sdk.folders().listFolders({ ...at, path: '/' }), []);
    await serverError(sdk.folders().delete({ ...at, folderName: 'c' }), 404, /Folder not found/);
  });

  test('bad input is refused locally', async () => {
    const sdk = await client();
    const f = sdk.folders();
    await refusedLocally(f.get({}), /Missing required option "folderId" in folders\(\)\.get\(options\)/);
    await refusedLocally(f.get({ folderId: '..' }), /"folderId" cannot be "\.\."/);
    await refusedLocally(f.update({ ...at, folderId: 'x' }), /Missing required option "name" in folders\(\)\.update/);
    await refusedLocally(f.update({ ...at, name: 'n', folderId: '' }), /"folderId" must be a non-empty string/);
    await refusedLocally(f.delete({ ...at }), /exactly one of "folderId" and "folderName"/);
    await refusedLocally(f.delete({ ...at, folderId: 'i', folderName: 'n' }), /exactly one of "folderId" and "folderName"/);
    await refusedLocally(f.delete({ ...at, folderName: '.' }), /"folderName" cannot be "\."/);
  });

  test('folder writes drop cached secret answers, so reads see the new tree (cache on)', async () => {
    const sdk = await client({ cache: { ttlSeconds: 3600 } });
    server.setSecret(P, 'dev', '/app', 'K', 'v');
    const list = (secretPath) =>
      sdk.secrets().listSecrets({ ...at, secretPath, expandSecretReferences: false }).then(
        (r) => r.secrets.map((s) => s.secretKey),
        (e) => e.message.match(/\[StatusCode=(\d+)\]/)?.[1],
      );
    assert.deepEqual(await list('/app'), ['K']);
    assert.equal(await list('/renamed'), '404');
    const [app] = await sdk.folders().listFolders({ ...at, path: '/' });
    await sdk.folders().update({ ...at, folderId: app.id, name: 'renamed' });
    assert.equal(await list('/app'), '404', 'the cached list of the old path was served');
    assert.deepEqual(await list('/renamed'), ['K']);
    await sdk.folders().delete({ ...at, folderName: 'renamed' });
    assert.equal(await list('/renamed'), '404', 'the cached list of the deleted folder was served');
  });
});

// ---------------------------------------------------------------------------------------------
describe('dynamicSecrets().list / get / update and leases.list / get', () => {
  const loc = { projectSlug: SLUG, environmentSlug: 'dev' };
  const provider = { type: 'redis', inputs: { host: 'localhost', port: 6379, username: 'u', password: 'p' } };
  const create = (sdk, name, extra = {}) =>
    sdk.dynamicSecrets().create({ ...loc, provider, defaultTTL: '1h', maxTTL: '24h', name, ...extra });

  test('list resolves to the dynamic secrets of a folder; get to one, with its inputs', async () => {
    const sdk = await client();
    await create(sdk, 'cache-a', { metadata: [{ key: 'team', value: 'web' }] });
    await create(sdk, 'cache-b');
    const all = await sdk.dynamicSecrets().list(loc);
    assert.deepEqual(sent('GET', '/api/v1/dynamic-secrets')[0].query, `projectSlug=${SLUG}&environmentSlug=dev`);
    assert.deepEqual(all.map((d) => d.name), ['cache-a', 'cache-b']);
    assert.equal(all[0].inputs, undefined, 'the list carries no inputs');
    const one = await sdk.dynamicSecrets().get('cache-a', { ...loc, path: '/' });
    assert.equal(sent('GET', '/api/v1/dynamic-secrets/cache-a')[0].query, `projectSlug=${SLUG}&environmentSlug=dev&path=%2F`);
    assert.equal(one.name, 'cache-a');
    assert.deepEqual(one.inputs, provider.inputs);
    assert.deepEqual(one.metadata, [{ key: 'team', value: 'web' }]);
    await serverError(sdk.dynamicSecrets().get('nope', loc), 404, /Dynamic secret with name 'nope'/);
    await serverError(sdk.dynamicSecrets().list({ ...loc, path: '/missing' }), 404, /Folder with path '\/missing'/);
  });

  test('update sends the changes nested under data and resolves to the updated secret', async () => {
    const sdk = await client();
    await create(sdk, 'cache');
    await create(sdk, 'other');
    const data = { defaultTTL: '2h', maxTTL: null, newName: 'renamed', inputs: { port: 6380 }, metadata: [{ key: 'k', value: 'v' }] };
    const updated = await sdk.dynamicSecrets().update('cache', { ...loc, data });
    const [r] = sent('PATCH', '/api/v1/dynamic-secrets/cache');
    assert.deepEqual(r.json, { ...loc, data });
    assert.equal(updated.name, 'renamed');
    assert.equal(updated.defaultTTL, '2h');
    assert.equal(updated.maxTTL, null);
    assert.equal(updated.version, 2);
    assert.deepEqual(updated.inputs, { ...provider.inputs, port: 6380 }, 'new inputs are merged into the stored ones');
    assert.equal((await sdk.dynamicSecrets().get('renamed', loc)).defaultTTL, '2h', 'a read after the update sees it');
    await serverError(sdk.dynamicSecrets().update('renamed', { ...loc, data: { newName: 'other' } }), 400, /already exist/);
    // A zod 422 (its message is an array) ends as the official SDK's bare message.
    const tooShort = await rejection(sdk.dynamicSecrets().update('renamed', { ...loc, data: { defaultTTL: '5s' } }));
    assert.equal(tooShort.message, 'Request failed with status 422');
    assert.equal(server.requests.at(-1).method, 'PATCH');
    await serverError(sdk.dynamicSecrets().update('cache', { ...loc, data: {} }), 404, /not found/);
  });

  test('leases.list and leases.get resolve to the server body; leases carry expireAt', async () => {
    const sdk = await client();
    await create(sdk, 'cache');
    const { lease } = await sdk.dynamicSecrets().leases.create({ ...loc, dynamicSecretName: 'cache', ttl: '30m' });
    const listed = await sdk.dynamicSecrets().leases.list('cache', loc);
    assert.equal(sent('GET', '/api/v1/dynamic-secrets/cache/leases').length, 1);
    assert.deepEqual(Object.keys(listed), ['leases']);
    assert.deepEqual(listed.leases.map((l) => l.id), [lease.id]);
    assert.equal(listed.leases[0].expireAt, lease.expireAt);
    assert.equal(typeof lease.expireAt, 'string');
    assert.equal(lease.expiresAt, undefined);
    const got = await sdk.dynamicSecrets().leases.get(lease.id, loc);
    assert.equal(sent('GET', `/api/v1/dynamic-secrets/leases/${lease.id}`).length, 1);
    assert.equal(got.lease.id, lease.id);
    assert.equal(got.lease.dynamicSecret.name, 'cache');
    await sdk.dynamicSecrets().leases.delete(lease.id, loc);
    await serverError(sdk.dynamicSecrets().leases.get(lease.id, loc), 404, /lease with ID/);
    assert.deepEqual(await sdk.dynamicSecrets().leases.list('cache', loc), { leases: [] });
  });

  test('bad input is refused locally', async () => {
    const sdk = await client();
    const d = sdk.dynamicSecrets();
    await refusedLocally(d.list({ projectSlug: SLUG }), /Missing required option "environmentSlug" in dynamicSecrets\(\)\.list\(options\)/);
    await refusedLocally(d.get('', loc), /"dynamicSecretName" must be a non-empty string/);
    await refusedLocally(d.get('..', loc), /"dynamicSecretName" cannot be "\.\."/);
    await refusedLocally(d.update('x', loc), /Missing required option "data" in dynamicSecrets\(\)\.update/);
    await refusedLocally(d.update('x', { ...loc, data: { defaultTTL: 60 } }), /"data\.defaultTTL"/);
    await refusedLocally(d.leases.list(5, loc), /"dynamicSecretName" must be a string/);
    await refusedLocally(d.leases.get('.', loc), /"leaseId" cannot be "\."/);
    await refusedLocally(d.leases.get('l', { ...loc, path: 1 }), /"path" .* must be a string/);
  });

  test('the new methods work detached', async () => {
    const sdk = await client();
    await create(sdk, 'cache');
    const { list, get } = sdk.dynamicSecrets();
    const { list: leaseList } = sdk.dynamicSecrets().leases;
    assert.equal((await list(loc)).length, 1);
    assert.equal((await get('cache', loc)).name, 'cache');
    assert.deepEqual(await leaseList('cache', loc), { leases: [] });
  });
});

// ---------------------------------------------------------------------------------------------
describe('getSecret({ includeImports: true }) finds imported secrets', () => {
  test('the server is asked with include_imports, so a secret only in an import is found', async () => {
    const sdk = await client();
    server.setSecret(P, 'staging', '/', 'FROM_STAGING', 's');
    server.addImport(P, 'dev', '/', { environment: 'staging', path: '/' });
    const got = await sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'FROM_STAGING', includeImports: true });
    assert.equal(got.secretValue, 's');
    assert.equal(got.environment, 'staging');
    const q = new URLSearchParams(sent('GET', `${SECRETS}/FROM_STAGING`)[0].query);
    assert.equal(q.get('includeImports'), 'true', 'the official key is still sent');
    assert.equal(q.get('include_imports'), 'true');
    // without includeImports, the import is not searched and the request is the official one
    await serverError(sdk.secrets().getSecret({ projectId: P, environment: 'dev', secretName: 'FROM_STAGING' }), 404, /not found/);
    assert.equal(new URLSearchParams(sent('GET', `${SECRETS}/FROM_STAGING`)[1].query).has('include_imports'), false);
  });
});
