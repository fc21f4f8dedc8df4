'use strict';

// The calls issue 13 added (secrets().batchCreate/batchUpdate/batchDelete, folders().get/update/
// delete, dynamicSecrets().list/get/update and leases.list/get, auth().revoke(), `organizationSlug`
// on logins, getSecret({ includeImports: true })) on a real Infisical server. @infisical/sdk has
// none of them except getSecret, so each scenario runs through this package only (runRealOurs, its
// own fresh project, through the recording proxy) and asserts what the server did: the values read
// back after a write, the server's errors word for word. The getSecret case is a deliberate
// difference and runs through both packages.
//
// The bundled server (October 2024) is older than the contract in places; what it does is asserted
// here, and where the local test server follows the newer contract instead, fidelity.real.js lists
// the difference (fidelity-newer.json, testing/server/README.md "Newer-server behaviour"):
// - batch PATCH has no `mode` and no per-secret `secretPath` (both dropped unread: a missing key
//   always fails, and its 404 names the keys that were found, not the missing ones), and
//   `secretValue` is required on every item;
// - logins ignore `organizationSlug` / `subOrganizationName` (any value is accepted);
// - dynamic secrets need an enterprise licence: `list` answers (empty), `update` is refused with the
//   plan error, and no dynamic secret or lease can exist, so get/leases answer 404.

const test = require('node:test');
const assert = require('node:assert/strict');
const { useRealHarness, runRealOurs, runRealDiff, runRealDeliberate, rejectedWith, resolved } = require('./helpers');

const h = useRealHarness();
const ours = (name, scenario, opts) => test(name, () => runRealOurs(h, scenario, opts));
const diff = (name, scenario, opts) => test(name, () => runRealDiff(h, scenario, opts));
const deliberate = (name, scenario, opts) => test(name, () => runRealDeliberate(h, scenario, opts));

const P = (ctx) => ctx.projectId;
const ZERO_UUID = '00000000-0000-4000-8000-000000000000';
const BATCH = '/api/v3/secrets/batch/raw';
const settle = (p) => p.then((v) => ({ v }), (e) => ({ e: { name: e.name, message: e.message } }));
const keyValues = (list) => list.secrets.map((s) => [s.secretKey, s.secretValue]).sort((a, b) => (a[0] < b[0] ? -1 : 1));

/** A rejection the server caused: the SDK's request error, with this status and message at the end. */
function serverError(settled, method, status, message) {
  assert.ok(settled.e, `expected a rejection, got ${JSON.stringify(settled)}`);
  assert.equal(settled.e.name, 'InfisicalSDKRequestError', settled.e.message);
  assert.ok(settled.e.message.startsWith(`[URL=${h.proxy.url}/`), settled.e.message);
  assert.ok(settled.e.message.endsWith(`] [Method=${method}] [StatusCode=${status}] ${message}`), settled.e.message);
}

/** The recorded requests (not normalised: real ids) of this run to `path`. */
const sentTo = (side, method, path) => side.raw.records.filter((r) => r.method === method && r.path === path);

// ---------------------------------------------------------------------------------------------
// Batch secrets

ours(
  'batchCreate: the values are read back; an existing key (400) or a missing folder (404) fails as a whole',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const at = { projectId: P(ctx), environment: 'dev' };
    const s = sdk.secrets();
    const created = await s.batchCreate({
      ...at,
      secretPath: '/app',
      secrets: [
        { secretKey: 'A', secretValue: 'one', secretComment: 'first' },
        { secretKey: 'B', secretValue: 'two', skipMultilineEncoding: true },
      ],
    });
    const existing = await settle(s.batchCreate({ ...at, secretPath: '/app', secrets: [{ secretKey: 'NEW', secretValue: '1' }, { secretKey: 'A', secretValue: '2' }] }));
    const noFolder = await settle(s.batchCreate({ ...at, secretPath: '/nope', secrets: [{ secretKey: 'NEW', secretValue: '1' }] }));
    const read = await s.listSecrets({ ...at, secretPath: '/app' });
    return {
      created: created.secrets.map((x) => [x.secretKey, x.secretValue, x.secretComment, x.environment]),
      keys: Object.keys(created),
      existing,
      noFolder,
      read: keyValues(read),
      comment: read.secrets.find((x) => x.secretKey === 'A').secretComment,
    };
  },
  {
    setup: (ctx) => ctx.prov.createFolder(P(ctx), 'dev', '/app'),
    check(side) {
      const r = resolved(side);
      assert.deepEqual(r.keys, ['secrets']);
      assert.deepEqual(r.created, [['A', 'one', 'first', 'dev'], ['B', 'two', '', 'dev']]);
      // all or nothing: NEW was not created by the refused batch
      assert.deepEqual(r.read, [['A', 'one'], ['B', 'two']]);
      assert.equal(r.comment, 'first');
      serverError(r.existing, 'POST', 400, 'Secret already exist: A');
      serverError(r.noFolder, 'POST', 404, 'Folder not found for the given environment slug & secret path');
      const [first] = sentTo(side, 'POST', BATCH);
      assert.deepEqual(first.body, {
        workspaceId: side.raw.ctx.projectId,
        environment: 'dev',
        secretPath: '/app',
        secrets: [
          { secretKey: 'A', secretValue: 'one', secretComment: 'first' },
          { secretKey: 'B', secretValue: 'two', skipMultilineEncoding: true },
        ],
      });
    },
  },
);

ours(
  'batchUpdate: values and a rename are read back; this server has no mode or per-secret path (a missing key fails, 404 naming the keys found)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const at = { projectId: P(ctx), environment: 'dev' };
    const s = sdk.secrets();
    const updated = await s.batchUpdate({
      ...at,
      secretPath: '/app',
      secrets: [
        { secretKey: 'A', secretValue: 'a1' },
        { secretKey: 'B', newSecretName: 'B2', secretValue: 'b1' },
      ],
    });
    const items = [{ secretKey: 'A', secretValue: 'x' }, { secretKey: 'MISSING', secretValue: 'm' }];
    const missing = await settle(s.batchUpdate({ ...at, secretPath: '/app', secrets: items }));
    const ignore = await settle(s.batchUpdate({ ...at, secretPath: '/app', mode: 'ignore', secrets: items }));
    const upsert = await settle(s.batchUpdate({ ...at, secretPath: '/app', mode: 'upsert', secrets: [{ secretKey: 'MISSING', secretValue: 'm' }] }));
    const perSecretPath = await settle(s.batchUpdate({ ...at, secrets: [{ secretKey: 'ELSEWHERE', secretPath: '/other', secretValue: 'e1' }] }));
    const renameWithoutValue = await settle(s.batchUpdate({ ...at, secretPath: '/app', secrets: [{ secretKey: 'B2', newSecretName: 'B3' }] }));
    return {
      updated: updated.secrets.map((x) => [x.secretKey, x.secretValue]),
      missing,
      ignore,
      upsert,
      perSecretPath,
      renameWithoutValue,
      app: keyValues(await s.listSecrets({ ...at, secretPath: '/app' })),
      other: keyValues(await s.listSecrets({ ...at, secretPath: '/other' })),
    };
  },
  {
    async setup(ctx) {
      await ctx.prov.createFolder(P(ctx), 'dev', '/app');
      await ctx.prov.createFolder(P(ctx), 'dev', '/other');
      await ctx.prov.setSecret(P(ctx), 'dev', '/app', 'A', 'a0');
      await ctx.prov.setSecret(P(ctx), 'dev', '/app', 'B', 'b0');
      await ctx.prov.setSecret(P(ctx), 'dev', '/other', 'ELSEWHERE', 'e0');
    },
    check(side) {
      const r = resolved(side);
      assert.deepEqual(r.updated, [['A', 'a1'], ['B2', 'b1']]);
      // nothing of the refused batches was written: B2 kept its name, MISSING was not upserted,
      // ELSEWHERE (addressed by a per-secret path this server does not read) kept its value
      assert.deepEqual(r.app, [['A', 'a1'], ['B2', 'b1']]);
      assert.deepEqual(r.other, [['ELSEWHERE', 'e0']]);
      // this server names the keys it found (A), not the missing ones; the mode is dropped unread
      serverError(r.missing, 'PATCH', 404, 'Secret does not exist: A');
      serverError(r.ignore, 'PATCH', 404, 'Secret does not exist: A');
      serverError(r.upsert, 'PATCH', 404, 'Secret does not exist: ');
      serverError(r.perSecretPath, 'PATCH', 404, 'Secret does not exist: ');
      // secretValue is required on every item here: a validation failure, 401 with an array of
      // issues as its message (what the official package reports for updateSecret too)
      assert.deepEqual(r.renameWithoutValue, { e: { name: 'InfisicalSDKError', message: 'Request failed with status 401' } });
      // what went on the wire: the mode and the per-secret path as given
      const bodies = sentTo(side, 'PATCH', BATCH).map((x) => x.body);
      assert.deepEqual(bodies.map((b) => b.mode), [undefined, undefined, 'ignore', 'upsert', undefined, undefined]);
      assert.deepEqual(bodies[4].secrets, [{ secretKey: 'ELSEWHERE', secretPath: '/other', secretValue: 'e1' }]);
      assert.equal(bodies[4].secretPath, undefined, 'no top-level secretPath: the server default, /');
    },
  },
);

ours(
  'batchDelete: the keys are gone afterwards; an unknown key fails the whole batch (404)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const at = { projectId: P(ctx), environment: 'dev' };
    const s = sdk.secrets();
    const unknown = await settle(s.batchDelete({ ...at, secrets: [{ secretKey: 'A' }, { secretKey: 'NOPE' }] }));
    const afterRefusal = keyValues(await s.listSecrets(at));
    const deleted = await s.batchDelete({ ...at, secrets: [{ secretKey: 'A' }, { secretKey: 'B', type: 'shared' }] });
    const afterDelete = keyValues(await s.listSecrets(at));
    const gone = await settle(s.getSecret({ ...at, secretName: 'A' }));
    return { unknown, afterRefusal, deleted: deleted.secrets.map((x) => x.secretKey).sort(), afterDelete, gone };
  },
  {
    async setup(ctx) {
      for (const [k, v] of [['A', '1'], ['B', '2'], ['KEEP', '3']]) await ctx.prov.setSecret(P(ctx), 'dev', '/', k, v);
    },
    check(side) {
      const r = resolved(side);
      serverError(r.unknown, 'DELETE', 404, 'One or more secrets does not exist: A');
      assert.deepEqual(r.afterRefusal, [['A', '1'], ['B', '2'], ['KEEP', '3']]);
      assert.deepEqual(r.deleted, ['A', 'B']);
      assert.deepEqual(r.afterDelete, [['KEEP', '3']]);
      serverError(r.gone, 'GET', 404, 'Secret not found');
      const last = sentTo(side, 'DELETE', BATCH).at(-1);
      assert.equal(last.contentType, 'application/json');
      assert.deepEqual(last.body.secrets, [{ secretKey: 'A' }, { secretKey: 'B', type: 'shared' }]);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Folders

ours(
  'folders get / update / delete: the renamed folder is listed and holds its secrets, deleted folders are gone, unknown ones are 404',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const at = { projectId: P(ctx), environment: 'dev' };
    const f = sdk.folders();
    const names = async (path) => (await f.listFolders({ ...at, path })).map((x) => x.name).sort();
    const db = (await f.listFolders({ ...at, path: '/app' })).find((x) => x.name === 'db');
    const got = await f.get({ folderId: db.id });
    const unknown = await settle(f.get({ folderId: ZERO_UUID }));
    const renamed = await f.update({ folderId: db.id, name: 'database', ...at, path: '/app' });
    const updateUnknown = await settle(f.update({ folderId: ZERO_UUID, name: 'x', ...at, path: '/app' }));
    const afterRename = await names('/app');
    const movedSecret = (await sdk.secrets().getSecret({ ...at, secretPath: '/app/database', secretName: 'DB_PASS' })).secretValue;
    const oldPath = await settle(sdk.secrets().getSecret({ ...at, secretPath: '/app/db', secretName: 'DB_PASS' }));
    const byName = await f.delete({ folderName: 'database', ...at, path: '/app' });
    const afterDeleteByName = await names('/app');
    const secretGone = await settle(sdk.secrets().getSecret({ ...at, secretPath: '/app/database', secretName: 'DB_PASS' }));
    const other = (await f.listFolders(at)).find((x) => x.name === 'other');
    const byId = await f.delete({ folderId: other.id, ...at, path: '/' });
    const afterDeleteById = await names('/');
    const deleteMissing = await settle(f.delete({ folderName: 'database', ...at, path: '/app' }));
    return {
      got: { sameId: got.id === db.id, name: got.name, path: got.path, envSlug: got.environment.envSlug, sameProject: got.projectId === P(ctx) },
      unknown,
      renamed: { sameId: renamed.id === db.id, name: renamed.name },
      updateUnknown,
      afterRename,
      movedSecret,
      oldPath,
      byName: { sameId: byName.id === db.id, name: byName.name },
      afterDeleteByName,
      secretGone,
      byId: { sameId: byId.id === other.id, name: byId.name },
      afterDeleteById,
      deleteMissing,
    };
  },
  {
    async setup(ctx) {
      await ctx.prov.createFolder(P(ctx), 'dev', '/app/db');
      await ctx.prov.createFolder(P(ctx), 'dev', '/other');
      await ctx.prov.setSecret(P(ctx), 'dev', '/app/db', 'DB_PASS', 'pw');
    },
    check(side) {
      const r = resolved(side);
      assert.deepEqual(r.got, { sameId: true, name: 'db', path: '/app/db', envSlug: 'dev', sameProject: true });
      serverError(r.unknown, 'GET', 404, 'Folder not found');
      assert.deepEqual(r.renamed, { sameId: true, name: 'database' });
      serverError(r.updateUnknown, 'PATCH', 404, 'Folder not found');
      assert.deepEqual(r.afterRename, ['database']);
      assert.equal(r.movedSecret, 'pw');
      serverError(r.oldPath, 'GET', 404, 'Folder not found for the given environment slug & secret path');
      assert.deepEqual(r.byName, { sameId: true, name: 'database' });
      assert.deepEqual(r.afterDeleteByName, []);
      serverError(r.secretGone, 'GET', 404, 'Folder not found for the given environment slug & secret path');
      assert.deepEqual(r.byId, { sameId: true, name: 'other' });
      assert.deepEqual(r.afterDeleteById, ['app']);
      serverError(r.deleteMissing, 'DELETE', 404, 'Folder not found');
      // on the wire: v1 routes, the name or id as one path segment, the body with workspaceId
      const [patch] = side.raw.records.filter((x) => x.method === 'PATCH' && x.path.startsWith('/api/v1/folders/'));
      assert.deepEqual(patch.body, { workspaceId: side.raw.ctx.projectId, environment: 'dev', name: 'database', path: '/app' });
      assert.ok(side.raw.records.some((x) => x.method === 'DELETE' && x.path === '/api/v1/folders/database'));
    },
  },
);

ours(
  'with the cache on, the next read sees a batch write and a folder rename (no stale cached answer)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m, { cache: { ttlSeconds: 600 } });
    const at = { projectId: P(ctx), environment: 'dev' };
    const s = sdk.secrets();
    const read = async (secretPath) => keyValues(await s.listSecrets({ ...at, secretPath }));
    const first = await read('/app');
    const cached = await read('/app'); // from memory: no request
    await s.batchUpdate({ ...at, secretPath: '/app', secrets: [{ secretKey: 'A', secretValue: 'a1' }] });
    const afterUpdate = await read('/app');
    await s.batchCreate({ ...at, secretPath: '/app', secrets: [{ secretKey: 'B', secretValue: 'b0' }] });
    const afterCreate = await read('/app');
    await s.batchDelete({ ...at, secretPath: '/app', secrets: [{ secretKey: 'A' }] });
    const afterDelete = await read('/app');
    const inDb = await s.getSecret({ ...at, secretPath: '/app/db', secretName: 'DB_PASS' });
    const db = (await sdk.folders().listFolders({ ...at, path: '/app' })).find((x) => x.name === 'db');
    await sdk.folders().update({ folderId: db.id, name: 'database', ...at, path: '/app' });
    const oldPath = await settle(s.getSecret({ ...at, secretPath: '/app/db', secretName: 'DB_PASS' }));
    const newPath = (await s.getSecret({ ...at, secretPath: '/app/database', secretName: 'DB_PASS' })).secretValue;
    return { first, cached, afterUpdate, afterCreate, afterDelete, before: inDb.secretValue, oldPath, newPath };
  },
  {
    async setup(ctx) {
      await ctx.prov.createFolder(P(ctx), 'dev', '/app/db');
      await ctx.prov.setSecret(P(ctx), 'dev', '/app', 'A', 'a0');
      await ctx.prov.setSecret(P(ctx), 'dev', '/app/db', 'DB_PASS', 'pw');
    },
    check(side) {
      const r = resolved(side);
      assert.deepEqual(r.first, [['A', 'a0']]);
      assert.deepEqual(r.cached, [['A', 'a0']]);
      assert.deepEqual(r.afterUpdate, [['A', 'a1']]);
      assert.deepEqual(r.afterCreate, [['A', 'a1'], ['B', 'b0']]);
      assert.deepEqual(r.afterDelete, [['B', 'b0']]);
      assert.equal(r.before, 'pw');
      serverError(r.oldPath, 'GET', 404, 'Folder not found for the given environment slug & secret path');
      assert.equal(r.newPath, 'pw');
      // 8 reads, 7 requests: the repeated first read came from the cache, every read after a write
      // went to the server
      const reads = side.requests.filter((x) => x.method === 'GET' && x.path.startsWith('/api/v3/secrets/raw'));
      assert.equal(reads.length, 7);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Dynamic secrets (an enterprise feature: the bundled server has no licence)

ours(
  'dynamic secrets without a licence: list resolves to [], update is refused by plan (400), get and leases are 404',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const where = { projectSlug: ctx.project.slug, environmentSlug: 'dev', path: '/' };
    const ds = sdk.dynamicSecrets();
    return {
      list: await settle(ds.list(where)),
      get: await settle(ds.get('pg', where)),
      update: await settle(ds.update('pg', { ...where, data: { defaultTTL: '2h', maxTTL: null } })),
      leases: await settle(ds.leases.list('pg', where)),
      lease: await settle(ds.leases.get(ZERO_UUID, where)),
    };
  },
  {
    check(side) {
      const r = resolved(side);
      assert.deepEqual(r.list, { v: [] });
      serverError(r.get, 'GET', 404, 'Dynamic secret not found');
      serverError(r.update, 'PATCH', 400, 'Failed to update dynamic secret due to plan restriction. Upgrade plan to create dynamic secret.');
      serverError(r.leases, 'GET', 404, 'Dynamic secret not found');
      serverError(r.lease, 'GET', 404, 'Dynamic secret lease not found');
      const [patch] = sentTo(side, 'PATCH', '/api/v1/dynamic-secrets/pg');
      assert.deepEqual(patch.body, { projectSlug: side.raw.ctx.project.slug, environmentSlug: 'dev', path: '/', data: { defaultTTL: '2h', maxTTL: null } });
      const [leases] = sentTo(side, 'GET', '/api/v1/dynamic-secrets/pg/leases');
      assert.deepEqual(leases.query.pairs, [['projectSlug', side.raw.ctx.project.slug], ['environmentSlug', 'dev'], ['path', '/']]);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Auth

ours(
  'revoke(): the token is refused afterwards (401), the client sends none, and a new login works',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const at = { projectId: P(ctx), environment: 'dev' };
    const token = sdk.auth().getAccessToken();
    const before = keyValues(await sdk.secrets().listSecrets(at));
    const same = (await sdk.auth().revoke()) === sdk;
    const next = await settle(sdk.secrets().listSecrets(at));
    // the revoked token itself, set by hand on another client
    const byHand = new m.InfisicalSDK({ siteUrl: ctx.url });
    byHand.auth().accessToken(token);
    const revokedToken = await settle(byHand.secrets().listSecrets(at));
    await sdk.auth().universalAuth.login({ clientId: ctx.clientId, clientSecret: ctx.clientSecret });
    const afterLogin = keyValues(await sdk.secrets().listSecrets(at));
    return { before, same, next, revokedToken, afterLogin, newToken: sdk.auth().getAccessToken() !== token };
  },
  {
    setup: (ctx) => ctx.prov.setSecret(P(ctx), 'dev', '/', 'HELLO', 'world'),
    check(side) {
      const r = resolved(side);
      assert.deepEqual(r.before, [['HELLO', 'world']]);
      assert.equal(r.same, true);
      serverError(r.next, 'GET', 401, 'Token missing');
      serverError(r.revokedToken, 'GET', 401, 'No identity access token found');
      assert.deepEqual(r.afterLogin, [['HELLO', 'world']]);
      assert.equal(r.newToken, true);
      const paths = side.requests.map((x) => `${x.method} ${x.path} ${x.authorization || '-'}`);
      assert.deepEqual(paths, [
        'POST /api/v1/auth/universal-auth/login -',
        'GET /api/v3/secrets/raw Bearer <token#1>',
        'POST /api/v1/auth/token/revoke -',
        'GET /api/v3/secrets/raw -',
        'GET /api/v3/secrets/raw Bearer <token#1>',
        'POST /api/v1/auth/universal-auth/login -',
        'GET /api/v3/secrets/raw Bearer <token#2>',
      ]);
      assert.deepEqual(side.requests[2].body, { accessToken: '<token#1>' });
    },
  },
);

ours(
  'organizationSlug on a login: sent under both names; this server ignores them, so any slug logs in and the token works',
  async (m, ctx) => {
    const at = { projectId: P(ctx), environment: 'dev' };
    const out = {};
    for (const organizationSlug of ['no-such-org', 'Not A Slug!']) {
      const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
      const same = (await sdk.auth().universalAuth.login({ clientId: ctx.clientId, clientSecret: ctx.clientSecret, organizationSlug })) === sdk;
      out[organizationSlug] = { same, list: keyValues(await sdk.secrets().listSecrets(at)) };
    }
    return out;
  },
  {
    setup: (ctx) => ctx.prov.setSecret(P(ctx), 'dev', '/', 'HELLO', 'world'),
    check(side) {
      const r = resolved(side);
      for (const slug of ['no-such-org', 'Not A Slug!']) assert.deepEqual(r[slug], { same: true, list: [['HELLO', 'world']] });
      const logins = sentTo(side, 'POST', '/api/v1/auth/universal-auth/login').map((x) => x.body);
      assert.deepEqual(logins, [
        { clientId: side.raw.ctx.clientId, clientSecret: '<client-secret>', organizationSlug: 'no-such-org', subOrganizationName: 'no-such-org' },
        { clientId: side.raw.ctx.clientId, clientSecret: '<client-secret>', organizationSlug: 'Not A Slug!', subOrganizationName: 'Not A Slug!' },
      ]);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// getSecret and imports

async function seedImport(ctx) {
  await ctx.prov.setSecret(P(ctx), 'dev', '/', 'DEV_ONLY', 'd1');
  await ctx.prov.setSecret(P(ctx), 'staging', '/', 'STAGING_ONLY', 's1');
  await ctx.prov.addImport(P(ctx), 'dev', '/', { environment: 'staging', path: '/' });
}

// README "Deliberate differences": the official package sends only `includeImports`, which the
// server does not read
deliberate(
  'getSecret({ includeImports: true }) of a secret only in an imported environment: official 404, ours finds it (deliberate)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().getSecret({ projectId: P(ctx), environment: 'dev', secretName: 'STAGING_ONLY', includeImports: true });
  },
  {
    setup: seedImport,
    official(side) {
      rejectedWith(side, {
        name: 'InfisicalSDKRequestError',
        match: /^\[URL=http:\/\/127\.0\.0\.1:\d+\/api\/v3\/secrets\/raw\/STAGING_ONLY\?[^\]]*\] \[Method=GET\] \[StatusCode=404\] Secret not found$/,
      });
      const [get] = side.requests.filter((x) => x.path === '/api/v3/secrets/raw/STAGING_ONLY');
      assert.ok(get.query.pairs.some(([k, v]) => k === 'includeImports' && v === 'true'));
      assert.ok(!get.query.pairs.some(([k]) => k === 'include_imports'), 'the official package sends no include_imports');
    },
    ours(side) {
      const secret = resolved(side);
      assert.equal(secret.secretKey, 'STAGING_ONLY');
      assert.equal(secret.secretValue, 's1');
      assert.equal(secret.environment, 'staging');
      const [get] = side.requests.filter((x) => x.path === '/api/v3/secrets/raw/STAGING_ONLY');
      assert.ok(get.query.pairs.some(([k, v]) => k === 'includeImports' && v === 'true'), 'the official key stays');
      assert.ok(get.query.pairs.some(([k, v]) => k === 'include_imports' && v === 'true'));
    },
  },
);

diff(
  'getSecret without includeImports (absent or false): the official request; a secret only in an import is 404, one of the environment itself is found',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const at = { projectId: P(ctx), environment: 'dev' };
    return {
      absent: await settle(sdk.secrets().getSecret({ ...at, secretName: 'STAGING_ONLY' })),
      off: await settle(sdk.secrets().getSecret({ ...at, secretName: 'STAGING_ONLY', includeImports: false })),
      own: await settle(sdk.secrets().getSecret({ ...at, secretName: 'DEV_ONLY', includeImports: false })),
    };
  },
  {
    setup: seedImport,
    check(side) {
      const r = resolved(side);
      assert.match(r.absent.e.message, /\[StatusCode=404\] Secret not found$/);
      assert.match(r.off.e.message, /\[StatusCode=404\] Secret not found$/);
      assert.equal(r.own.v.secretValue, 'd1');
    },
  },
);
