'use strict';

// Differential run on a real Infisical server: every scenario runs through @infisical/sdk 5.0.2 and
// through this package, each in its own fresh project, and the requests on the wire, the results,
// the errors and the process.env changes are compared after normalising ids, timestamps, tokens and
// row order (helpers.js). The deliberate differences of README.md are asserted as such.

const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const {
  useRealHarness,
  runRealDiff,
  runRealDeliberate,
  rejectedWith,
  resolved,
  rawApi,
  nextIp,
} = require('./helpers');

const h = useRealHarness();
const diff = (name, scenario, opts) => test(name, () => runRealDiff(h, scenario, opts));
const deliberate = (name, scenario, opts) => test(name, () => runRealDeliberate(h, scenario, opts));

const P = (ctx) => ctx.projectId;
const apiRequests = (side) => side.requests.filter((r) => !r.path.startsWith('/api/v1/auth/'));

// Seed: secrets with a tag, a reference, folders, an import from staging.
async function seed(ctx) {
  const p = ctx.prov;
  const id = P(ctx);
  const backend = await p.createTag(id, 'backend');
  const frontend = await p.createTag(id, 'frontend');
  await p.createFolder(id, 'dev', '/app/db');
  await p.setSecret(id, 'dev', '/', 'API_KEY', 'abc123', { secretComment: 'the key', tagIds: [backend.id] });
  await p.setSecret(id, 'dev', '/', 'DB_HOST', 'db.internal');
  await p.setSecret(id, 'dev', '/', 'DB_URL', 'postgres://${DB_HOST}:5432/${staging.STAGING_ONLY}');
  await p.setSecret(id, 'dev', '/', 'SHARED', 'dev-value');
  await p.setSecret(id, 'dev', '/app', 'APP_NAME', 'app', { tagIds: [frontend.id] });
  await p.setSecret(id, 'dev', '/app/db', 'DB_PASS', 'pw');
  await p.setSecret(id, 'staging', '/', 'SHARED', 'staging-value');
  await p.setSecret(id, 'staging', '/', 'STAGING_ONLY', 's1');
  await p.addImport(id, 'dev', '/', { environment: 'staging', path: '/' });
}

// ---------------------------------------------------------------------------------------------
// Auth

diff(
  'universal-auth login: resolves the SDK itself, then a call carries the token',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const r = await sdk.auth().universalAuth.login({ clientId: ctx.clientId, clientSecret: ctx.clientSecret });
    const token = sdk.auth().getAccessToken();
    const list = await sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev' });
    return { same: r === sdk, tokenIsJwt: /^eyJ/.test(token), list };
  },
  {
    check(side) {
      assert.equal(side.requests[0].path, '/api/v1/auth/universal-auth/login');
      assert.equal(side.requests[1].authorization, 'Bearer <token#1>');
      // this server sends no `imports` key without include_imports
      assert.deepEqual(resolved(side).list, { secrets: [] });
    },
  },
);

diff(
  'universal-auth login with a wrong client secret: 401 Invalid credentials',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    return sdk.auth().universalAuth.login({ clientId: ctx.clientId, clientSecret: 'not-the-secret' });
  },
  {
    check(side) {
      rejectedWith(side, {
        name: 'InfisicalSDKRequestError',
        message: `[URL=${h.proxy.url}/api/v1/auth/universal-auth/login] [Method=POST] [StatusCode=401] Invalid credentials`,
      });
    },
  },
);

diff(
  'renew with a TTL below the max TTL (60 s of 3600 s): resolves, and the token keeps working',
  async (m, ctx) => {
    const id = await ctx.prov.createIdentity({ ttl: 60, maxTtl: 3600 });
    await ctx.prov.addMember(P(ctx), id.identityId, 'admin');
    const sdk = await ctx.loggedIn(m, {}, id);
    const before = sdk.auth().getAccessToken();
    const r = await sdk.auth().universalAuth.renew();
    const after = sdk.auth().getAccessToken();
    const list = await sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev' });
    return { same: r === sdk, tokenUnchanged: before === after, list };
  },
  {
    check(side) {
      const renew = side.requests.find((r) => r.path === '/api/v1/auth/token/renew');
      assert.ok(renew, 'a renew request');
      assert.deepEqual(renew.body, { accessToken: '<token#1>' });
      // this server version renews the same JWT (newer ones issue a new one)
      assert.equal(resolved(side).tokenUnchanged, true);
    },
  },
);

diff(
  'renew with the server defaults (TTL = max TTL = 30 days): 401 past its Max TTL, the token is deleted',
  async (m, ctx) => {
    const id = await ctx.prov.createIdentity({});
    await ctx.prov.addMember(P(ctx), id.identityId, 'admin');
    const sdk = await ctx.loggedIn(m, { autoTokenRefresh: false }, id);
    const renew = await sdk.auth().universalAuth.renew().then(() => 'resolved', (e) => ({ name: e.name, message: e.message }));
    // with autoTokenRefresh: false ours behaves as the official package: the deleted token fails
    const next = await sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev' }).then(() => 'resolved', (e) => ({ name: e.name, message: e.message }));
    return { renew, next };
  },
  {
    check(side) {
      const r = resolved(side);
      // the official renew() wraps every failure in InfisicalSDKError
      assert.equal(r.renew.name, 'InfisicalSDKError');
      assert.match(r.renew.message, /\[StatusCode=401\] Failed to renew MI access token past its Max TTL expiration$/);
      assert.match(r.next.message, /\[StatusCode=401\] No identity access token found$/);
    },
  },
);

// README "deliberate differences", last row: a token from an SDK login is kept valid.
deliberate(
  'after a failed default renew deleted the token: official fails with 401, ours logs in again (deliberate)',
  async (m, ctx) => {
    const id = await ctx.prov.createIdentity({});
    await ctx.prov.addMember(P(ctx), id.identityId, 'admin');
    const sdk = await ctx.loggedIn(m, {}, id);
    const renew = await sdk.auth().universalAuth.renew().then(() => 'resolved', (e) => e.name);
    const list = await sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev' });
    return { renew, list };
  },
  {
    official(side) {
      rejectedWith(side, { name: 'InfisicalSDKRequestError', match: /\[StatusCode=401\] No identity access token found$/ });
    },
    ours(side) {
      assert.deepEqual(resolved(side), { renew: 'InfisicalSDKError', list: { secrets: [] } });
      const logins = side.requests.filter((r) => r.path === '/api/v1/auth/universal-auth/login');
      assert.equal(logins.length, 2, 'logged in again');
      assert.equal(logins[1].authorization, undefined, 'the new login carries no Authorization');
    },
  },
);

// Revoke: the SDK has no revoke method; the token is revoked over HTTP.
deliberate(
  'revoked token (POST /api/v1/auth/token/revoke): official fails with 401, ours logs in again (deliberate)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const revoke = await ctx.raw('POST', '/api/v1/auth/token/revoke', { body: { accessToken: sdk.auth().getAccessToken() } });
    const list = await sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev' });
    return { revoke: { status: revoke.status, body: revoke.json }, list };
  },
  {
    official(side) {
      rejectedWith(side, { name: 'InfisicalSDKRequestError', match: /\[StatusCode=401\] No identity access token found$/ });
    },
    ours(side) {
      assert.deepEqual(resolved(side), {
        revoke: { status: 200, body: { message: 'Successfully revoked access token' } },
        list: { secrets: [] },
      });
      assert.equal(side.requests.filter((r) => r.path === '/api/v1/auth/universal-auth/login').length, 2);
    },
  },
);

diff(
  'a revoked token set by hand with accessToken(): both fail with 401 (hand-set tokens are left alone)',
  async (m, ctx) => {
    const a = await ctx.loggedIn(m);
    const token = a.auth().getAccessToken();
    const revoke = await ctx.raw('POST', '/api/v1/auth/token/revoke', { body: { accessToken: token } });
    const b = new m.InfisicalSDK({ siteUrl: ctx.url });
    b.auth().accessToken(token);
    const list = await b.secrets().listSecrets({ projectId: P(ctx), environment: 'dev' }).then(() => 'resolved', (e) => ({ name: e.name, message: e.message }));
    // renewing a revoked token
    const renew = await b.auth().universalAuth.renew().then(() => 'resolved', (e) => ({ name: e.name, message: e.message }));
    return { revoke: revoke.status, list, renew };
  },
  {
    check(side) {
      const r = resolved(side);
      assert.equal(r.revoke, 200);
      assert.match(r.list.message, /\[StatusCode=401\] No identity access token found$/);
    },
  },
);

diff(
  'no login at all: 401 Token missing',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    return sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev' });
  },
  {
    check(side) {
      rejectedWith(side, { name: 'InfisicalSDKRequestError', match: /\[StatusCode=401\] Token missing$/ });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Secrets: lists

const listCase = (title, options, check) =>
  diff(
    `listSecrets ${title}`,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev', ...options });
    },
    { setup: seed, check },
  );

listCase('minimal (references expanded by default)', {}, (side) => {
  const s = resolved(side).secrets;
  assert.deepEqual(s.map((x) => x.secretKey), ['API_KEY', 'DB_HOST', 'DB_URL', 'SHARED']);
  assert.equal(s.find((x) => x.secretKey === 'DB_URL').secretValue, 'postgres://db.internal:5432/s1');
});
listCase('raw references (expandSecretReferences: false)', { expandSecretReferences: false }, (side) => {
  const s = resolved(side).secrets;
  assert.equal(s.find((x) => x.secretKey === 'DB_URL').secretValue, 'postgres://${DB_HOST}:5432/${staging.STAGING_ONLY}');
});
listCase('recursive', { recursive: true }, (side) => {
  const s = resolved(side).secrets;
  assert.deepEqual(s.map((x) => `${x.secretPath}:${x.secretKey}`), ['/:API_KEY', '/:DB_HOST', '/:DB_URL', '/:SHARED', '/app:APP_NAME', '/app/db:DB_PASS']);
});
listCase('recursive from /app with a path', { recursive: true, secretPath: '/app' }, (side) => {
  assert.equal(resolved(side).secrets.length, 2);
});
listCase('filtered by tag slug', { tagSlugs: ['backend'] }, (side) => {
  assert.deepEqual(resolved(side).secrets.map((x) => x.secretKey), ['API_KEY']);
  assert.deepEqual(resolved(side).secrets[0].tags.map((t) => t.slug), ['backend']);
});
listCase('recursive and filtered by another tag', { tagSlugs: ['frontend'], recursive: true }, (side) => {
  assert.deepEqual(resolved(side).secrets.map((x) => x.secretKey), ['APP_NAME']);
});
listCase('with imports', { includeImports: true }, (side) => {
  const r = resolved(side);
  assert.equal(r.imports.length, 1);
  assert.deepEqual(r.imports[0].secrets.map((x) => x.secretKey), ['SHARED', 'STAGING_ONLY']);
});
// this server version has no viewSecretValue: values stay visible
listCase('with imports and viewSecretValue: false', { includeImports: true, viewSecretValue: false }, (side) => {
  const r = resolved(side);
  assert.ok(r.secrets.every((x) => x.secretValue !== '<hidden-by-infisical>'));
});
// this server version answers an empty list for a folder or environment that does not exist
listCase('of a folder that does not exist', { secretPath: '/nope' }, (side) => {
  assert.deepEqual(resolved(side), { secrets: [], imports: [] });
});
listCase('of an environment that does not exist', { environment: 'nope' }, (side) => {
  assert.deepEqual(resolved(side), { secrets: [], imports: [] });
});

diff(
  'listSecretsWithImports: base secrets first, then imported ones not already present',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().listSecretsWithImports({ projectId: P(ctx), environment: 'dev' });
  },
  {
    setup: seed,
    check(side) {
      const keys = resolved(side).map((x) => x.secretKey).sort();
      assert.deepEqual(keys, ['API_KEY', 'DB_HOST', 'DB_URL', 'SHARED', 'STAGING_ONLY']);
    },
  },
);

diff(
  'listSecrets with attachToProcessEnv (and with imports): process.env written the same way',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const plain = await sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev', secretPath: '/app', attachToProcessEnv: true });
    const withImports = await sdk.secrets().listSecrets({ projectId: P(ctx), environment: 'dev', includeImports: true, attachToProcessEnv: true });
    return { plain, withImports };
  },
  {
    setup: seed,
    check(side) {
      assert.deepEqual(Object.keys(side.env).sort(), ['API_KEY', 'APP_NAME', 'DB_HOST', 'DB_URL', 'SHARED', 'STAGING_ONLY']);
      assert.equal(side.env.SHARED, 'dev-value');
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Secrets: one at a time

diff(
  'getSecret: plain, raw reference, hidden value, a missing one (404), a missing folder (404)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const base = { projectId: P(ctx), environment: 'dev' };
    const settle = (p) => p.then((v) => ({ v }), (e) => ({ e: { name: e.name, message: e.message } }));
    return {
      plain: await settle(sdk.secrets().getSecret({ ...base, secretName: 'API_KEY' })),
      expanded: await settle(sdk.secrets().getSecret({ ...base, secretName: 'DB_URL' })),
      raw: await settle(sdk.secrets().getSecret({ ...base, secretName: 'DB_URL', expandSecretReferences: false })),
      hidden: await settle(sdk.secrets().getSecret({ ...base, secretName: 'API_KEY', viewSecretValue: false })),
      inFolder: await settle(sdk.secrets().getSecret({ ...base, secretName: 'DB_PASS', secretPath: '/app/db', type: 'shared' })),
      // getSecret({ includeImports: true }) is a deliberate difference: endpoints.real.js
      missing: await settle(sdk.secrets().getSecret({ ...base, secretName: 'NOPE' })),
      missingFolder: await settle(sdk.secrets().getSecret({ ...base, secretName: 'X', secretPath: '/nope' })),
    };
  },
  {
    setup: seed,
    check(side) {
      const r = resolved(side);
      assert.equal(r.plain.v.secretValue, 'abc123');
      assert.equal(r.expanded.v.secretValue, 'postgres://db.internal:5432/s1');
      assert.match(r.missing.e.message, /\[StatusCode=404\] Secret not found$/);
      assert.match(r.missingFolder.e.message, /\[StatusCode=404\]/);
    },
  },
);

diff(
  'createSecret, updateSecret (value, comment), rename, read versions, deleteSecret',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const base = { projectId: P(ctx), environment: 'dev' };
    const s = sdk.secrets();
    const created = await s.createSecret('NEW_ONE', { ...base, secretValue: 'v1\n', secretComment: ' c ', skipMultilineEncoding: true });
    const updated = await s.updateSecret('NEW_ONE', { ...base, secretValue: 'v2', secretComment: 'second' });
    // this server version requires secretValue on every update (a rename without it fails validation)
    const renameNoValue = await s.updateSecret('NEW_ONE', { ...base, newSecretName: 'RENAMED' }).then(() => 'resolved', (e) => ({ name: e.name, message: e.message }));
    const renamed = await s.updateSecret('NEW_ONE', { ...base, newSecretName: 'RENAMED', secretValue: 'v3' });
    const v1 = await s.getSecret({ ...base, secretName: 'RENAMED', version: 1 });
    const v2 = await s.getSecret({ ...base, secretName: 'RENAMED', version: 2 });
    const latest = await s.getSecret({ ...base, secretName: 'RENAMED' });
    const oldName = await s.getSecret({ ...base, secretName: 'NEW_ONE' }).then(() => 'found', (e) => e.message);
    const deleted = await s.deleteSecret('RENAMED', base);
    const gone = await s.getSecret({ ...base, secretName: 'RENAMED' }).then(() => 'found', (e) => e.message);
    return { created, updated, renameNoValue, renamed, v1, v2, latest, oldName, deleted, gone };
  },
  {
    check(side) {
      const r = resolved(side);
      assert.equal(r.created.secret.secretValue, 'v1\n');
      // a validation failure is 401 ValidationFailure on this server (422 on newer ones); its message is an array
      assert.deepEqual(r.renameNoValue, { name: 'InfisicalSDKError', message: 'Request failed with status 401' });
      assert.equal(typeof r.v1.version, 'number');
      assert.equal(r.latest.secretKey, 'RENAMED');
      assert.equal(r.latest.secretValue, 'v3');
      assert.match(r.oldName, /\[StatusCode=404\]/);
      assert.match(r.gone, /\[StatusCode=404\]/);
    },
  },
);

diff(
  'createSecret with tags, in a folder, and a duplicate (400 Secret already exists)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const base = { projectId: P(ctx), environment: 'dev' };
    const tag = await ctx.prov.createTag(P(ctx), 'ops');
    const created = await sdk.secrets().createSecret('TAGGED', { ...base, secretPath: '/app', secretValue: 'x', tagIds: [tag.id] });
    const dup = await sdk.secrets().createSecret('TAGGED', { ...base, secretPath: '/app', secretValue: 'y' }).then(() => 'resolved', (e) => ({ name: e.name, message: e.message }));
    const listed = await sdk.secrets().listSecrets({ ...base, secretPath: '/app', tagSlugs: ['ops'] });
    return { created, dup, listed };
  },
  {
    setup: (ctx) => ctx.prov.createFolder(P(ctx), 'dev', '/app'),
    check(side) {
      const r = resolved(side);
      assert.match(r.dup.message, /\[StatusCode=400\] Secret already exist$/);
      assert.deepEqual(r.listed.secrets.map((x) => x.secretKey), ['TAGGED']);
    },
  },
);

diff(
  'update and delete of a secret that does not exist (404)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const base = { projectId: P(ctx), environment: 'dev' };
    const e = (p) => p.then(() => 'resolved', (x) => ({ name: x.name, message: x.message }));
    return {
      update: await e(sdk.secrets().updateSecret('NOPE', { ...base, secretValue: 'x' })),
      del: await e(sdk.secrets().deleteSecret('NOPE', base)),
    };
  },
  {
    check(side) {
      const r = resolved(side);
      assert.match(r.update.message, /\[StatusCode=404\]/);
      assert.match(r.del.message, /\[StatusCode=404\]/);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Server errors: 403 (read-only role), validation, rate limit

diff(
  '403: an identity with the read-only (viewer) role reads, then fails to write',
  async (m, ctx) => {
    const viewer = await ctx.prov.createIdentity({ ttl: 3600, maxTtl: 7200 });
    await ctx.prov.addMember(P(ctx), viewer.identityId, 'viewer');
    const sdk = await ctx.loggedIn(m, {}, viewer);
    const base = { projectId: P(ctx), environment: 'dev' };
    const e = (p) => p.then((v) => ({ v }), (x) => ({ e: { name: x.name, message: x.message } }));
    return {
      read: await e(sdk.secrets().listSecrets(base)),
      create: await e(sdk.secrets().createSecret('X', { ...base, secretValue: 'x' })),
      update: await e(sdk.secrets().updateSecret('API_KEY', { ...base, secretValue: 'x' })),
      del: await e(sdk.secrets().deleteSecret('API_KEY', base)),
      folder: await e(sdk.folders().create({ projectId: P(ctx), environment: 'dev', name: 'f' })),
      env: await e(sdk.environments().create({ projectId: P(ctx), name: 'E', slug: 'e1' })),
    };
  },
  {
    setup: (ctx) => ctx.prov.setSecret(P(ctx), 'dev', '/', 'API_KEY', 'abc'),
    check(side) {
      const r = resolved(side);
      assert.equal(r.read.v.secrets.length, 1);
      assert.match(r.create.e.message, /\[StatusCode=403\] You are not allowed to create on secrets$/);
      assert.match(r.update.e.message, /\[StatusCode=403\]/);
      assert.match(r.del.e.message, /\[StatusCode=403\]/);
      assert.match(r.folder.e.message, /\[StatusCode=403\]/);
      assert.match(r.env.e.message, /\[StatusCode=403\]/);
    },
  },
);

diff(
  'validation failures (a bad slug, a bad folder name): this server answers 401 ValidationFailure where newer ones answer 422',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const e = (p) => p.then((v) => ({ v }), (x) => ({ e: { name: x.name, message: x.message } }));
    return {
      env: await e(sdk.environments().create({ projectId: P(ctx), name: 'Bad', slug: 'Not A Slug' })),
      folder: await e(sdk.folders().create({ projectId: P(ctx), environment: 'dev', name: 'bad name!' })),
      kms: await e(sdk.kms().keys().create({ projectId: P(ctx), name: 'Bad Name' })),
    };
  },
  {
    check(side) {
      const r = resolved(side);
      for (const k of ['env', 'kms']) {
        assert.deepEqual(r[k], { e: { name: 'InfisicalSDKError', message: 'Request failed with status 401' } }, k);
      }
      // the folder name check throws a plain error on this server: 500
      assert.match(r.folder.e.message, /\[StatusCode=500\] Something went wrong$/);
    },
  },
);

// Retry-After is what is left of the one-minute window, in whole seconds (60 at its start).
function assertWindowSeconds(value) {
  assert.match(String(value), /^\d+$/, `Retry-After ${value}`);
  assert.ok(Number(value) >= 1 && Number(value) <= 60, `Retry-After ${value} is within the one-minute window`);
}

// The server rate-limits per client address and route (logins: 200 a minute). This version turns
// the rate-limit error into 500 "Something went wrong" and keeps the plugin's Retry-After header;
// neither SDK retries a 500.
diff(
  'rate limit: logins past 200 a minute answer 500 with Retry-After (429 on newer servers); no retry',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    await sdk.auth().universalAuth.login({ clientId: ctx.clientId, clientSecret: ctx.clientSecret });
    return 'logged in';
  },
  {
    project: false,
    async setup(ctx) {
      // exhaust this run's login bucket: the proxy's address of the next run is fixed now
      ctx.ip = nextIp();
      let last;
      for (let i = 0; i < 260; i++) {
        last = await rawApi(ctx.siteUrl, 'POST', '/api/v1/auth/universal-auth/login', { ip: ctx.ip, body: {} });
        if (last.status !== 401) break;
      }
      assert.equal(last.status, 500, 'the bucket is exhausted');
      assertWindowSeconds(last.headers['retry-after']);
    },
    check(side) {
      rejectedWith(side, {
        name: 'InfisicalSDKRequestError',
        message: `[URL=${h.proxy.url}/api/v1/auth/universal-auth/login] [Method=POST] [StatusCode=500] Something went wrong`,
      });
      assert.equal(side.requests.length, 1, 'no retry of a 500');
      assert.equal(side.raw.records[0].response.status, 500);
      assertWindowSeconds(side.raw.records[0].response.retryAfter);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Folders, environments, projects

diff(
  'folders: create (root, nested, with a path), list, and a duplicate',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const f = sdk.folders();
    const base = { projectId: P(ctx), environment: 'dev' };
    const a = await f.create({ ...base, name: 'alpha' });
    const b = await f.create({ ...base, name: 'beta', path: '/alpha' });
    const c = await f.create({ ...base, name: 'gamma', path: '/alpha/' });
    const dup = await f.create({ ...base, name: 'alpha' }).then((v) => ({ v }), (e) => ({ e: e.message }));
    const root = await f.listFolders(base);
    const nested = await f.listFolders({ ...base, path: '/alpha' });
    const missing = await f.listFolders({ ...base, path: '/nope' }).then((v) => ({ v }), (e) => ({ e: e.message }));
    return { a, b, c, dup, root, nested, missing };
  },
  {
    check(side) {
      const r = resolved(side);
      assert.deepEqual(r.root.map((x) => x.name), ['alpha']);
      assert.deepEqual(r.nested.map((x) => x.name), ['beta', 'gamma']);
    },
  },
);

diff(
  'environments: create (with and without position), duplicate slug (400), unknown project (403)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const e = (p) => p.then((v) => ({ v }), (x) => ({ e: { name: x.name, message: x.message } }));
    return {
      one: await e(sdk.environments().create({ projectId: P(ctx), name: 'QA', slug: 'qa' })),
      two: await e(sdk.environments().create({ projectId: P(ctx), name: 'Load', slug: 'load', position: 2 })),
      dup: await e(sdk.environments().create({ projectId: P(ctx), name: 'QA again', slug: 'qa' })),
      unknown: await e(sdk.environments().create({ projectId: '00000000-0000-4000-8000-000000000000', name: 'X', slug: 'x' })),
    };
  },
  {
    check(side) {
      const r = resolved(side);
      assert.equal(r.one.v.slug, 'qa');
      assert.match(r.dup.e.message, /\[StatusCode=400\]/);
      assert.match(r.unknown.e.message, /\[StatusCode=403\] You are not allowed to access this resource$/);
    },
  },
);

diff(
  'projects: create (name, with a slug), invite a user by email, invite nobody',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const slug = ctx.mark(`sdk-real-${ctx.side}-${Date.now().toString(36)}`, '<slug>');
    const email = ctx.mark(`sdk-real-${ctx.side}-${Date.now().toString(36)}@example.com`, '<email>');
    const project = await sdk.projects().create({ projectName: ctx.mark(`Real ${slug}`, '<name>'), slug, type: 'secret-manager' });
    ctx.prov.cleanups.push(() => ctx.prov.call('DELETE', `/api/v1/workspace/${project.id}`));
    const invited = await sdk.projects().inviteMembers({ projectId: project.id, emails: [email] }).then((v) => ({ v }), (e) => ({ e: e.message }));
    const nobody = await sdk.projects().inviteMembers({ projectId: project.id }).then((v) => ({ v }), (e) => ({ e: e.name + ': ' + e.message }));
    return { project, invited, nobody };
  },
  {
    project: false,
    check(side) {
      const r = resolved(side);
      assert.equal(r.project.slug, '<slug>');
      assert.deepEqual(r.nobody, { e: 'InfisicalSDKError: Either usernames or emails must be provided' });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// KMS

diff(
  'KMS: create a key, encrypt, decrypt, delete; getByName (no route on this server: 404)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const keys = sdk.kms().keys();
    const key = await keys.create({ projectId: P(ctx), name: 'sdk-key', description: 'test key', encryptionAlgorithm: 'aes-256-gcm' });
    const plaintext = Buffer.from('hello real server').toString('base64');
    const ciphertext = await sdk.kms().encryption().encrypt({ keyId: key.id, plaintext });
    const decrypted = await sdk.kms().encryption().decrypt({ keyId: key.id, ciphertext });
    const byName = await keys.getByName({ projectId: P(ctx), name: 'sdk-key' }).then((v) => ({ v }), (e) => ({ e: e.message }));
    const dup = await keys.create({ projectId: P(ctx), name: 'sdk-key' }).then((v) => ({ v }), (e) => ({ e: e.message }));
    const deleted = await keys.delete({ keyId: key.id });
    const again = await keys.delete({ keyId: key.id }).then((v) => ({ v }), (e) => ({ e: e.message }));
    const unknown = await sdk.kms().encryption().encrypt({ keyId: '00000000-0000-4000-8000-000000000000', plaintext }).then((v) => ({ v }), (e) => ({ e: e.message }));
    const notUuid = await sdk.kms().encryption().encrypt({ keyId: 'not-a-uuid', plaintext }).then((v) => ({ v }), (e) => ({ e: e.message }));
    return { key, ciphertextIsString: typeof ciphertext === 'string', decrypted, byName, dup, deleted, again, unknown, notUuid, plaintext };
  },
  {
    mask: ['ciphertext'],
    check(side) {
      const r = resolved(side);
      assert.equal(r.decrypted, r.plaintext);
      assert.match(r.byName.e, /\[StatusCode=404\] Route GET:\/api\/v1\/kms\/keys\/key-name\/sdk-key\?projectId=<id#\d+> not found$/);
      assert.match(r.again.e, /\[StatusCode=404\]/);
      assert.match(r.unknown.e, /\[StatusCode=404\]/);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Dynamic secrets: an enterprise feature; this unlicensed server refuses them

diff(
  'dynamic secrets on an unlicensed server: create, lease, delete: plan errors',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const e = (p) => p.then((v) => ({ v }), (x) => ({ e: { name: x.name, message: x.message } }));
    const ds = sdk.dynamicSecrets();
    const where = { projectSlug: ctx.project.slug, environmentSlug: 'dev' };
    return {
      create: await e(
        ds.create({
          ...where,
          name: 'pg',
          defaultTTL: '1h',
          provider: {
            type: 'sql-database',
            inputs: {
              client: 'postgres',
              host: '127.0.0.1',
              port: 5432,
              database: 'x',
              username: 'x',
              password: 'x',
              creationStatement: 'select 1',
              revocationStatement: 'select 1',
            },
          },
        }),
      ),
      lease: await e(ds.leases.create({ ...where, dynamicSecretName: 'pg' })),
      del: await e(ds.delete('pg', where)),
    };
  },
  {
    check(side) {
      const r = resolved(side);
      for (const k of ['create', 'lease', 'del']) assert.ok(r[k].e, `${k} fails`);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Deliberate differences (README table) that a real server shows

deliberate(
  'User-Agent: official `node`, ours `infisical-sdk-native/<version>` (deliberate)',
  async (m, ctx) => {
    await ctx.loggedIn(m);
    return 'ok';
  },
  {
    project: false,
    official(side) {
      assert.equal(side.raw.records[0].userAgent, 'node');
    },
    ours(side) {
      assert.equal(side.raw.records[0].userAgent, `infisical-sdk-native/${require('../../package.json').version}`);
    },
  },
);

deliberate(
  'missing projectId: official sends the request and gets the server error, ours rejects before any request (deliberate)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().listSecrets({ environment: 'dev' });
  },
  {
    project: false,
    official(side) {
      assert.equal(side.requests.length, 2);
      assert.equal(side.requests[1].query.pairs.some(([k]) => k === 'workspaceId'), false);
      rejectedWith(side, { name: 'InfisicalSDKRequestError', match: /\[StatusCode=400\] Missing workspace id or environment$/ });
    },
    ours(side) {
      assert.equal(side.requests.length, 1, 'only the login');
      rejectedWith(side, { name: 'InfisicalSDKError', message: 'Missing required option "projectId" in secrets().listSecrets(options)' });
    },
  },
);

deliberate(
  'a KMS key id `../x` in the path: official resolves it to another route, ours encodes it (deliberate)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.kms().keys().delete({ keyId: '../x' });
  },
  {
    project: false,
    official(side) {
      assert.equal(side.requests[1].path, '/api/v1/kms/x');
      rejectedWith(side, { name: 'InfisicalSDKRequestError', match: /\[StatusCode=404\] Route DELETE:\/api\/v1\/kms\/x not found$/ });
    },
    ours(side) {
      assert.equal(side.requests[1].path, '/api/v1/kms/keys/..%2Fx');
      // the server's uuid check of :keyId: a validation failure (401 on this server)
      rejectedWith(side, { name: 'InfisicalSDKError', message: 'Request failed with status 401' });
    },
  },
);

deliberate(
  'util.inspect(sdk) after a login: official prints the bearer token, ours does not (deliberate)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const token = sdk.auth().getAccessToken();
    const text = util.inspect(sdk, { depth: 10 }) + JSON.stringify(sdk);
    return { printsToken: text.includes(token) };
  },
  {
    project: false,
    official(side) {
      assert.deepEqual(resolved(side), { printsToken: true });
    },
    ours(side) {
      assert.deepEqual(resolved(side), { printsToken: false });
    },
  },
);
