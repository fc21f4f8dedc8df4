'use strict';

// Differential tests of sdk.secrets(): every method minimal and with every option, secret names
// that need encoding, detached methods, process.env effects, server errors, transport faults and
// retries, and the cases where we differ from the official package on purpose.

const test = require('node:test');
const assert = require('node:assert/strict');
const {
  OFFICIAL_ONLY,
  PROJECT_ID: P,
  FIXED_NOW_ISO,
  useServer,
  runDiff,
  runDeliberate,
  runOurs,
  assertRejected,
  assertResolved,
  queryObject,
  callOutcome,
  apiRequests,
  rejectedShape,
  assertRefusedLocally,
} = require('./helpers/diff');

const h = useServer();
const diff = (name, scenario, opts) => test(name, () => runDiff(h, scenario, opts));

const LIST = '/api/v3/secrets/raw';
const one = (name) => `/api/v3/secrets/raw/${encodeURIComponent(name)}`;
const TAG_BACKEND = '22222222-2222-4222-8222-000000000001';
const TAG_FRONTEND = '22222222-2222-4222-8222-000000000002';

// Names that need encoding in a path segment and in a query string; the last one shows where
// encodeURIComponent (path) and URLSearchParams (query) disagree.
const ODD_NAMES = ['with space', 'q?mark', 'hash#tag', 'per%cent', 'plus+amp&eq=', 'ünïcødé', 'emoji😀', "mark~*!'()"];

// Seed data used by most scenarios (re-applied after each server reset).
function seed(server) {
  server.setSecret(P, 'dev', '/', 'API_KEY', 'abc123', { secretComment: 'the key', tagIds: [TAG_BACKEND] });
  server.setSecret(P, 'dev', '/', 'DB_HOST', 'db.internal');
  server.setSecret(P, 'dev', '/', 'DB_URL', 'postgres://${DB_HOST}:5432');
  server.setSecret(P, 'dev', '/', 'SHARED', 'dev-value');
  server.setSecret(P, 'dev', '/app', 'APP_NAME', 'app', { tagIds: [TAG_FRONTEND] });
  server.setSecret(P, 'dev', '/app/db', 'DB_PASS', 'pw');
  server.setSecret(P, 'staging', '/', 'SHARED', 'staging-value');
  server.setSecret(P, 'staging', '/', 'STAGING_ONLY', 's1');
  server.setSecret(P, 'prod', '/shared', 'PROD_SHARED', 'p1');
  server.addImport(P, 'dev', '/', { environment: 'staging', path: '/' });
  server.addImport(P, 'dev', '/', { environment: 'prod', path: '/shared' });
}

// ---------------------------------------------------------------------------------------------
// listSecrets

diff(
  'listSecrets minimal: query defaults and the raw response',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' });
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'GET');
      assert.equal(r.path, LIST);
      assert.deepEqual(r.query.pairs, [
        ['workspaceId', P],
        ['environment', 'dev'],
        ['expandSecretReferences', 'true'],
        ['include_imports', 'false'],
        ['recursive', 'false'],
        ['viewSecretValue', 'true'],
      ]);
      assert.equal(r.body, undefined);
      assert.equal(r.contentType, undefined);
      assert.equal(r.authorization, 'Bearer <token#1>');
      const res = assertResolved(side);
      assert.deepEqual(Object.keys(res), ['secrets', 'imports']);
      assert.deepEqual(res.secrets.map((s) => [s.secretKey, s.secretValue]), [
        ['API_KEY', 'abc123'],
        ['DB_HOST', 'db.internal'],
        ['DB_URL', 'postgres://db.internal:5432'],
        ['SHARED', 'dev-value'],
      ]);
      assert.deepEqual(res.imports, []);
      assert.deepEqual(side.env, {});
    },
  },
);

diff(
  'listSecrets with every option',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().listSecrets({
      projectId: ctx.projectId,
      environment: 'dev',
      secretPath: '/app',
      recursive: true,
      includeImports: true,
      expandSecretReferences: false,
      tagSlugs: ['frontend', 'backend'],
      viewSecretValue: false,
      attachToProcessEnv: false,
    });
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.deepEqual(r.query.pairs, [
        ['workspaceId', P],
        ['environment', 'dev'],
        ['expandSecretReferences', 'false'],
        ['include_imports', 'true'],
        ['recursive', 'true'],
        ['secretPath', '/app'],
        ['tagSlugs', 'frontend,backend'],
        ['viewSecretValue', 'false'],
      ]);
      assert.ok(r.query.raw.includes('secretPath=%2Fapp&tagSlugs=frontend%2Cbackend&'), r.query.raw);
      const res = assertResolved(side);
      assert.deepEqual(res.secrets.map((s) => [s.secretKey, s.secretValue, s.secretPath]), [
        ['APP_NAME', '<hidden-by-infisical>', '/app'],
      ]);
      assert.deepEqual(side.env, {});
    },
  },
);

diff(
  'listSecrets: tagSlugs [] sends an empty tagSlugs, explicit defaults, reference expansion on',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const s = sdk.secrets();
    const a = await s.listSecrets({ projectId: ctx.projectId, environment: 'dev', tagSlugs: [], expandSecretReferences: true, recursive: false, includeImports: false, viewSecretValue: true });
    const b = await s.listSecrets({ projectId: ctx.projectId, environment: 'dev', tagSlugs: ['backend'], expandSecretReferences: false, secretPath: '/' });
    return { a: a.secrets.map((x) => [x.secretKey, x.secretValue]), b: b.secrets.map((x) => [x.secretKey, x.secretValue, x.tags]) };
  },
  {
    setup: seed,
    check(side) {
      const [ra, rb] = apiRequests(side);
      assert.equal(
        ra.query.raw,
        `workspaceId=${P}&environment=dev&expandSecretReferences=true&include_imports=false&recursive=false&tagSlugs=&viewSecretValue=true`,
      );
      assert.equal(queryObject(rb).secretPath, '/');
      assert.equal(queryObject(rb).tagSlugs, 'backend');
      const r = assertResolved(side);
      assert.deepEqual(r.a.find((x) => x[0] === 'DB_URL'), ['DB_URL', 'postgres://db.internal:5432']);
      assert.deepEqual(r.b.map((x) => x[0]), ['API_KEY']);
    },
  },
);

diff(
  'listSecrets of a missing folder rejects with the server 404',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev', secretPath: '/does/not exist' });
  },
  {
    setup: seed,
    check(side) {
      const e = assertRejected(side, { name: 'InfisicalSDKRequestError' });
      assert.ok(
        e.message.startsWith(
          `[URL=${h.server.url}${LIST}?workspaceId=${P}&environment=dev&expandSecretReferences=true&include_imports=false&recursive=false&secretPath=%2Fdoes%2Fnot+exist&viewSecretValue=true] [Method=GET] [StatusCode=404] Folder with path`,
        ),
        e.message,
      );
    },
  },
);

diff(
  'listSecrets attachToProcessEnv with imports writes process.env (overwriting) and extends secrets',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const res = await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev', includeImports: true, attachToProcessEnv: true });
    return { keys: res.secrets.map((s) => s.secretKey), importCount: res.imports.length };
  },
  {
    setup: seed,
    env: { SHARED: 'preset-old', UNRELATED_DIFF_VAR: 'untouched' },
    check(side) {
      assert.deepEqual(side.env, {
        API_KEY: 'abc123',
        DB_HOST: 'db.internal',
        DB_URL: 'postgres://db.internal:5432',
        SHARED: 'dev-value',
        STAGING_ONLY: 's1',
        PROD_SHARED: 'p1',
      });
      assert.deepEqual(assertResolved(side), {
        keys: ['API_KEY', 'DB_HOST', 'DB_URL', 'SHARED', 'STAGING_ONLY', 'PROD_SHARED'],
        importCount: 2,
      });
    },
  },
);

diff(
  'listSecrets attachToProcessEnv with viewSecretValue false writes the mask',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const res = await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev', secretPath: '/app/db', viewSecretValue: false, attachToProcessEnv: true });
    return res.secrets.map((s) => [s.secretKey, s.secretValue, s.secretValueHidden]);
  },
  {
    setup: seed,
    check(side) {
      assert.deepEqual(side.env, { DB_PASS: '<hidden-by-infisical>' });
      assert.deepEqual(assertResolved(side), [['DB_PASS', '<hidden-by-infisical>', true]]);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// listSecretsWithImports

// createdAt/updatedAt of imported secrets are set to "now" by the client: map them to '<now>'
// when they fall inside the call, so the two sides compare.
async function withImportsResult(call) {
  const t0 = Date.now();
  const list = await call();
  const t1 = Date.now();
  const now = (v) => {
    const t = Date.parse(v);
    return v !== FIXED_NOW_ISO && t >= t0 - 5 && t <= t1 + 5 ? '<now>' : v;
  };
  return list.map((s) => ({ ...s, createdAt: now(s.createdAt), updatedAt: now(s.updatedAt) }));
}

diff(
  'listSecretsWithImports minimal: base secrets, then imported ones not yet present',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return withImportsResult(() => sdk.secrets().listSecretsWithImports({ projectId: ctx.projectId, environment: 'dev' }));
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(queryObject(r).include_imports, 'true');
      const list = assertResolved(side);
      assert.ok(Array.isArray(list));
      assert.deepEqual(list.map((s) => [s.secretKey, s.secretValue, s.secretPath]), [
        ['API_KEY', 'abc123', '/'],
        ['DB_HOST', 'db.internal', '/'],
        ['DB_URL', 'postgres://db.internal:5432', '/'],
        ['SHARED', 'dev-value', '/'],
        ['STAGING_ONLY', 's1', '/'],
        ['PROD_SHARED', 'p1', '/shared'],
      ]);
      const imported = list.slice(4);
      for (const s of imported) {
        assert.equal(s.createdAt, '<now>');
        assert.equal(s.updatedAt, '<now>');
        assert.deepEqual(s.tags, []);
      }
      assert.equal(list[0].createdAt, FIXED_NOW_ISO);
    },
  },
);

diff(
  'listSecretsWithImports with every option (includeImports cannot be turned off)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return withImportsResult(() =>
      sdk.secrets().listSecretsWithImports({
        projectId: ctx.projectId,
        environment: 'dev',
        secretPath: '/',
        recursive: true,
        includeImports: false,
        expandSecretReferences: false,
        tagSlugs: [],
        viewSecretValue: false,
        attachToProcessEnv: true,
      }),
    );
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.deepEqual(r.query.pairs, [
        ['workspaceId', P],
        ['environment', 'dev'],
        ['expandSecretReferences', 'false'],
        ['include_imports', 'true'],
        ['recursive', 'true'],
        ['secretPath', '/'],
        ['tagSlugs', ''],
        ['viewSecretValue', 'false'],
      ]);
      const list = assertResolved(side);
      assert.ok(list.every((s) => s.secretValue === '<hidden-by-infisical>'));
      assert.deepEqual(list.map((s) => s.secretKey), ['API_KEY', 'DB_HOST', 'DB_URL', 'SHARED', 'APP_NAME', 'DB_PASS', 'STAGING_ONLY', 'PROD_SHARED']);
      assert.equal(side.env.PROD_SHARED, '<hidden-by-infisical>');
      assert.equal(side.env.DB_PASS, '<hidden-by-infisical>');
    },
  },
);

// ---------------------------------------------------------------------------------------------
// getSecret

diff(
  'getSecret minimal',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'DB_URL' });
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.path, one('DB_URL'));
      assert.equal(
        r.query.raw,
        `secretName=DB_URL&workspaceId=${P}&environment=dev&expandSecretReferences=true&includeImports=false&viewSecretValue=true`,
      );
      const s = assertResolved(side);
      assert.equal(s.secretKey, 'DB_URL');
      assert.equal(s.secretValue, 'postgres://db.internal:5432');
      assert.equal(s.createdAt, FIXED_NOW_ISO);
    },
  },
);

diff(
  'getSecret with every option',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const s = sdk.secrets();
    const full = await s.getSecret({
      projectId: ctx.projectId,
      environment: 'dev',
      secretName: 'APP_NAME',
      secretPath: '/app',
      type: m.SecretType.Shared,
      version: 1,
      // includeImports: true is a deliberate difference (we also send include_imports): see below
      includeImports: false,
      expandSecretReferences: false,
      viewSecretValue: false,
    });
    const v1 = await s.getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'API_KEY', version: 1, viewSecretValue: true, expandSecretReferences: true });
    const personal = await callOutcome(() => s.getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'API_KEY', type: 'personal' }));
    return { full, v1: [v1.secretValue, v1.version], personal };
  },
  {
    setup(server) {
      seed(server);
      server.setSecret(P, 'dev', '/', 'API_KEY', 'abc456'); // version 2
    },
    check(side) {
      const [r1, r2, r3] = apiRequests(side);
      assert.equal(r1.path, one('APP_NAME'));
      assert.deepEqual(r1.query.pairs, [
        ['secretName', 'APP_NAME'],
        ['workspaceId', P],
        ['environment', 'dev'],
        ['expandSecretReferences', 'false'],
        ['includeImports', 'false'],
        ['secretPath', '/app'],
        ['type', 'shared'],
        ['version', '1'],
        ['viewSecretValue', 'false'],
      ]);
      assert.equal(queryObject(r2).version, '1');
      assert.equal(queryObject(r3).type, 'personal');
      const r = assertResolved(side);
      assert.equal(r.full.secretValue, '<hidden-by-infisical>');
      assert.deepEqual(r.v1, ['abc123', 1]);
      assert.ok(r.personal.rejected);
      assert.ok(r.personal.rejected.message.includes('[StatusCode=404]'));
    },
  },
);

// The server reads `include_imports`; the official SDK sends only `includeImports`, which the
// server drops, so its getSecret never searches the imports. We send both (the official key is
// harmless), and only when includeImports is true: otherwise the request is the official one.
test('deliberate: getSecret({ includeImports: true }) also sends include_imports, so imported secrets are found', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'STAGING_ONLY', includeImports: true });
    },
    {
      setup: seed,
      official(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, one('STAGING_ONLY'));
        assert.equal(
          r.query.raw,
          `secretName=STAGING_ONLY&workspaceId=${P}&environment=dev&expandSecretReferences=true&includeImports=true&viewSecretValue=true`,
        );
        const e = assertRejected(side, { name: 'InfisicalSDKRequestError' });
        assert.ok(e.message.includes('[StatusCode=404]'), e.message);
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, one('STAGING_ONLY'));
        assert.equal(
          r.query.raw,
          `secretName=STAGING_ONLY&workspaceId=${P}&environment=dev&expandSecretReferences=true&includeImports=true&include_imports=true&viewSecretValue=true`,
        );
        const s = assertResolved(side);
        assert.equal(s.secretKey, 'STAGING_ONLY');
        assert.equal(s.secretValue, 's1');
        assert.equal(s.environment, 'staging');
      },
    },
  );
});

diff(
  'getSecret of an unknown secret rejects with the server 404',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'NOPE' });
  },
  {
    setup: seed,
    check(side) {
      assertRejected(side, {
        name: 'InfisicalSDKRequestError',
        message: `[URL=${h.server.url}${one('NOPE')}?secretName=NOPE&workspaceId=${P}&environment=dev&expandSecretReferences=true&includeImports=false&viewSecretValue=true] [Method=GET] [StatusCode=404] Secret with name 'NOPE' not found`,
      });
    },
  },
);

diff(
  'getSecret: names needing encoding in the path and in the query',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const out = [];
    for (const secretName of [...ODD_NAMES, 'slash/inside']) {
      const s = await sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName });
      out.push([s.secretKey, s.secretValue]);
    }
    return out;
  },
  {
    setup(server) {
      for (const n of [...ODD_NAMES, 'slash/inside']) server.setSecret(P, 'dev', '/', n, `value of ${n}`);
    },
    check(side) {
      const reqs = apiRequests(side);
      const names = [...ODD_NAMES, 'slash/inside'];
      reqs.forEach((r, i) => {
        assert.equal(r.path, one(names[i]));
        assert.deepEqual(r.query.pairs[0], ['secretName', names[i]]);
        assert.ok(r.query.raw.startsWith(`${new URLSearchParams({ secretName: names[i] })}&`), r.query.raw);
      });
      assert.equal(reqs.at(-2).path, "/api/v3/secrets/raw/mark~*!'()");
      assert.ok(reqs.at(-2).query.raw.startsWith('secretName=mark%7E*%21%27%28%29&'));
      assert.deepEqual(assertResolved(side), names.map((n) => [n, `value of ${n}`]));
    },
  },
);

// ---------------------------------------------------------------------------------------------
// createSecret

diff(
  'createSecret minimal',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().createSecret('NEW_KEY', { projectId: ctx.projectId, environment: 'dev', secretValue: 'v1' });
  },
  {
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'POST');
      assert.equal(r.path, one('NEW_KEY'));
      assert.equal(r.query.raw, '');
      assert.equal(r.contentType, 'application/json');
      assert.deepEqual(r.body, { workspaceId: P, environment: 'dev', secretValue: 'v1' });
      const res = assertResolved(side);
      assert.deepEqual(Object.keys(res), ['secret']);
      assert.equal(res.secret.secretKey, 'NEW_KEY');
    },
  },
);

diff(
  'createSecret with every option (metadata and secretMetadata are dropped)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().createSecret('FULL_KEY', {
      projectId: ctx.projectId,
      environment: 'dev',
      secretValue: '  spaced value\n',
      secretComment: 'a comment',
      secretPath: '/app',
      secretReminderNote: 'rotate me',
      secretReminderRepeatDays: 30,
      skipMultilineEncoding: true,
      tagIds: [TAG_BACKEND, TAG_FRONTEND],
      type: m.SecretType.Shared,
      metadata: { owner: 'team-a' },
      secretMetadata: [{ key: 'k', value: 'v' }],
    });
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.path, one('FULL_KEY'));
      assert.deepEqual(r.body, {
        workspaceId: P,
        environment: 'dev',
        secretValue: '  spaced value\n',
        secretComment: 'a comment',
        secretPath: '/app',
        secretReminderNote: 'rotate me',
        secretReminderRepeatDays: 30,
        skipMultilineEncoding: true,
        tagIds: [TAG_BACKEND, TAG_FRONTEND],
        type: 'shared',
      });
      assert.deepEqual(Object.keys(r.body), [
        'workspaceId',
        'environment',
        'secretValue',
        'secretComment',
        'secretPath',
        'secretReminderNote',
        'secretReminderRepeatDays',
        'skipMultilineEncoding',
        'tagIds',
        'type',
      ]);
      assert.equal(assertResolved(side).secret.secretKey, 'FULL_KEY');
    },
  },
);

diff(
  'createSecret: names needing encoding',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const out = [];
    for (const name of ODD_NAMES) {
      const res = await sdk.secrets().createSecret(name, { projectId: ctx.projectId, environment: 'dev', secretValue: name });
      out.push(res.secret.secretKey);
    }
    return out;
  },
  {
    check(side) {
      assert.deepEqual(apiRequests(side).map((r) => r.path), ODD_NAMES.map(one));
      assert.deepEqual(assertResolved(side), ODD_NAMES);
    },
  },
);

diff(
  'createSecret rejected by server validation (422, message is an array)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const slash = await callOutcome(() => sdk.secrets().createSecret('slash/inside', { projectId: ctx.projectId, environment: 'dev', secretValue: 'x' }));
    const colon = await callOutcome(() => sdk.secrets().createSecret('colon:inside', { projectId: ctx.projectId, environment: 'dev', secretValue: 'x' }));
    return { slash, colon };
  },
  {
    check(side) {
      assert.deepEqual(apiRequests(side).map((r) => r.path), [one('slash/inside'), one('colon:inside')]);
      const expected = rejectedShape('InfisicalSDKError', 'Request failed with status 422');
      assert.deepEqual(assertResolved(side), { slash: expected, colon: expected });
    },
  },
);

diff(
  'createSecret of an existing key rejects with the server 400',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.secrets().createSecret('API_KEY', { projectId: ctx.projectId, environment: 'dev', secretValue: 'again' });
  },
  {
    setup: seed,
    check(side) {
      assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: [`[URL=${h.server.url}${one('API_KEY')}] [Method=POST] [StatusCode=400] `] });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// updateSecret

diff(
  'updateSecret minimal',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const res = await sdk.secrets().updateSecret('API_KEY', { projectId: ctx.projectId, environment: 'dev', secretValue: 'changed' });
    const after = await sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'API_KEY' });
    return { res, after: [after.secretValue, after.version] };
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'PATCH');
      assert.equal(r.path, one('API_KEY'));
      assert.equal(r.contentType, 'application/json');
      assert.deepEqual(r.body, { workspaceId: P, environment: 'dev', secretValue: 'changed' });
      const out = assertResolved(side);
      assert.deepEqual(Object.keys(out.res), ['secret']);
      assert.deepEqual(out.after, ['changed', 2]);
    },
  },
);

diff(
  'updateSecret with every option (newSecretName and metadata sent, secretMetadata dropped)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const res = await sdk.secrets().updateSecret('APP_NAME', {
      projectId: ctx.projectId,
      environment: 'dev',
      secretValue: 'renamed-value',
      newSecretName: 'APP_TITLE',
      secretComment: ' keep spaces ',
      secretPath: '/app',
      secretReminderNote: 'note',
      secretReminderRepeatDays: 7,
      skipMultilineEncoding: false,
      tagIds: [TAG_BACKEND],
      type: 'shared',
      metadata: { owner: 'team-b', tier: '1' },
      secretMetadata: [{ key: 'dropped', value: 'x' }],
    });
    const renamed = await sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretPath: '/app', secretName: 'APP_TITLE' });
    return { res, renamed: [renamed.secretKey, renamed.secretValue, renamed.secretComment] };
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.path, one('APP_NAME'));
      assert.deepEqual(r.body, {
        workspaceId: P,
        environment: 'dev',
        secretValue: 'renamed-value',
        newSecretName: 'APP_TITLE',
        secretComment: ' keep spaces ',
        secretPath: '/app',
        secretReminderNote: 'note',
        secretReminderRepeatDays: 7,
        skipMultilineEncoding: false,
        tagIds: [TAG_BACKEND],
        type: 'shared',
        metadata: { owner: 'team-b', tier: '1' },
      });
      assert.deepEqual(Object.keys(r.body), [
        'workspaceId',
        'environment',
        'secretValue',
        'newSecretName',
        'secretComment',
        'secretPath',
        'secretReminderNote',
        'secretReminderRepeatDays',
        'skipMultilineEncoding',
        'tagIds',
        'type',
        'metadata',
      ]);
      assert.deepEqual(assertResolved(side).renamed, ['APP_TITLE', 'renamed-value', ' keep spaces ']);
    },
  },
);

diff(
  'updateSecret of an unknown secret and with an odd name',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const missing = await callOutcome(() => sdk.secrets().updateSecret('MISSING', { projectId: ctx.projectId, environment: 'dev', secretValue: 'x' }));
    const odd = await sdk.secrets().updateSecret('with space', { projectId: ctx.projectId, environment: 'dev', secretComment: 'c' });
    return { missing, odd: odd.secret.secretKey };
  },
  {
    setup(server) {
      server.setSecret(P, 'dev', '/', 'with space', 'v');
    },
    check(side) {
      assert.deepEqual(apiRequests(side).map((r) => r.path), [one('MISSING'), one('with space')]);
      const r = assertResolved(side);
      assert.ok(r.missing.rejected.message.includes('[Method=PATCH] [StatusCode=404]'), r.missing.rejected.message);
      assert.equal(r.odd, 'with space');
    },
  },
);

// ---------------------------------------------------------------------------------------------
// deleteSecret

diff(
  'deleteSecret minimal sends a JSON body on DELETE',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const res = await sdk.secrets().deleteSecret('DB_HOST', { projectId: ctx.projectId, environment: 'dev' });
    const gone = await callOutcome(() => sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'DB_HOST' }));
    return { res, goneRejected: 'rejected' in gone };
  },
  {
    setup: seed,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'DELETE');
      assert.equal(r.path, one('DB_HOST'));
      assert.equal(r.query.raw, '');
      assert.equal(r.contentType, 'application/json');
      assert.deepEqual(r.body, { workspaceId: P, environment: 'dev' });
      const out = assertResolved(side);
      assert.equal(out.res.secret.secretKey, 'DB_HOST');
      assert.equal(out.goneRejected, true);
    },
  },
);

diff(
  'deleteSecret with every option and an odd name',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const a = await sdk.secrets().deleteSecret('DB_PASS', { projectId: ctx.projectId, environment: 'dev', secretPath: '/app/db', type: m.SecretType.Shared });
    const b = await sdk.secrets().deleteSecret('hash#tag', { projectId: ctx.projectId, environment: 'dev', secretPath: '/', type: 'shared' });
    const c = await callOutcome(() => sdk.secrets().deleteSecret('DB_PASS', { projectId: ctx.projectId, environment: 'dev', secretPath: '/app/db' }));
    return { a, b: b.secret.secretKey, c };
  },
  {
    setup(server) {
      seed(server);
      server.setSecret(P, 'dev', '/', 'hash#tag', 'x');
    },
    check(side) {
      const [ra, rb] = apiRequests(side);
      assert.deepEqual(ra.body, { workspaceId: P, environment: 'dev', secretPath: '/app/db', type: 'shared' });
      assert.equal(rb.path, '/api/v3/secrets/raw/hash%23tag');
      const r = assertResolved(side);
      assert.equal(r.a.secret.secretKey, 'DB_PASS');
      assert.equal(r.b, 'hash#tag');
      assert.ok(r.c.rejected.message.includes('[Method=DELETE] [StatusCode=404]'));
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Detached methods

diff(
  'secrets() methods work when detached',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const { listSecrets, listSecretsWithImports, getSecret, createSecret, updateSecret, deleteSecret } = sdk.secrets();
    const o = { projectId: ctx.projectId, environment: 'dev' };
    const created = await createSecret('DETACHED', { ...o, secretValue: 'd1' });
    const updated = await updateSecret('DETACHED', { ...o, secretValue: 'd2' });
    const got = await getSecret({ ...o, secretName: 'DETACHED' });
    const listed = await listSecrets(o);
    const withImports = await listSecretsWithImports({ ...o, secretPath: '/app' });
    const deleted = await deleteSecret('DETACHED', o);
    return {
      created: created.secret.secretKey,
      updated: updated.secret.version,
      got: got.secretValue,
      listed: listed.secrets.map((s) => s.secretKey),
      withImports: withImports.map((s) => s.secretKey),
      deleted: deleted.secret.secretKey,
    };
  },
  {
    setup: seed,
    check(side) {
      assert.deepEqual(apiRequests(side).map((r) => r.method), ['POST', 'PATCH', 'GET', 'GET', 'GET', 'DELETE']);
      assert.deepEqual(assertResolved(side), {
        created: 'DETACHED',
        updated: 2,
        got: 'd2',
        listed: ['API_KEY', 'DB_HOST', 'DB_URL', 'SHARED', 'DETACHED'],
        withImports: ['APP_NAME'],
        deleted: 'DETACHED',
      });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Server errors and odd responses

const LIST_MATCH = { method: 'GET', path: LIST };
const listDev = (sdk, ctx) => sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' });
const getApiKey = (sdk, ctx) => sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'API_KEY' });
const GET_URL = () => `${h.server.url}${one('API_KEY')}?secretName=API_KEY&workspaceId=${P}&environment=dev&expandSecretReferences=true&includeImports=false&viewSecretValue=true`;

diff(
  'listSecrets without login: 401 Token missing',
  async (m, ctx) => listDev(new m.InfisicalSDK({ siteUrl: ctx.url }), ctx),
  {
    check(side) {
      assert.equal(side.requests.length, 1);
      assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['[Method=GET] [StatusCode=401] Token missing'] });
    },
  },
);

diff(
  'getSecret with an expired token: 403',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m, { autoTokenRefresh: false });
    ctx.server.expireToken(sdk.auth().getAccessToken());
    return getApiKey(sdk, ctx);
  },
  {
    setup: seed,
    check(side) {
      assertRejected(side, { name: 'InfisicalSDKRequestError', message: `[URL=${GET_URL()}] [Method=GET] [StatusCode=403] Your token has expired. Please re-authenticate.` });
    },
  },
);

diff(
  'injected 422 with a string message: the whole body becomes the message',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 422, body: { statusCode: 422, message: 'bad "thing"', error: 'ValidationFailure' } }, { match: { method: 'GET', pathPrefix: LIST } });
    return getApiKey(sdk, ctx);
  },
  {
    setup: seed,
    check(side) {
      assertRejected(side, {
        name: 'InfisicalSDKRequestError',
        message: `[URL=${GET_URL()}] [Method=GET] [StatusCode=422] {"statusCode":422,"message":"bad \\"thing\\"","error":"ValidationFailure"}`,
      });
    },
  },
);

diff(
  'injected 422 with an array message: generic message',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 422, body: { statusCode: 422, message: [{ code: 'custom', path: ['x'], message: 'no' }], error: 'ValidationFailure' } }, { match: LIST_MATCH });
    return listDev(sdk, ctx);
  },
  {
    check(side) {
      assert.equal(apiRequests(side).length, 1);
      assertRejected(side, { name: 'InfisicalSDKError', message: 'Request failed with status 422' });
    },
  },
);

diff(
  'HTML 500 is not retried and gives a generic message',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 500, body: '<html><body><h1>Internal Server Error</h1></body></html>', contentType: 'text/html' }, { match: LIST_MATCH, times: 5 });
    return listDev(sdk, ctx);
  },
  {
    check(side) {
      assert.equal(apiRequests(side).length, 1);
      assertRejected(side, { name: 'InfisicalSDKError', message: 'Request failed with status 500' });
    },
  },
);

diff(
  'JSON 500 with a string message is a request error, not retried',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 500, body: { reqId: 'req-abcdefghijklmn', statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' } }, { match: { method: 'POST', pathPrefix: LIST }, times: 5 });
    return sdk.secrets().createSecret('X', { projectId: ctx.projectId, environment: 'dev', secretValue: 'x' });
  },
  {
    check(side) {
      assert.equal(apiRequests(side).length, 1);
      assertRejected(side, { name: 'InfisicalSDKRequestError', message: `[URL=${h.server.url}${one('X')}] [Method=POST] [StatusCode=500] Something went wrong` });
    },
  },
);

// official: resolves undefined (or the raw text) for 2xx answers that are not a JSON object;
// ours: rejects with an InfisicalSDKError naming the call and what the server sent.
const NON_JSON_2XX = [
  ['listSecrets, empty 200', { status: 200, body: '', contentType: 'application/json' }, LIST_MATCH, (s, c) => listDev(s, c), undefined, /listSecrets.*empty body/],
  ['listSecrets, 204', { status: 204 }, LIST_MATCH, (s, c) => listDev(s, c), undefined, /listSecrets.*empty body/],
  ['listSecrets, text/plain 200', { status: 200, body: 'plain text body', contentType: 'text/plain' }, LIST_MATCH, (s, c) => listDev(s, c), 'plain text body', /listSecrets.*(JSON|text)/],
  ['listSecretsWithImports, JSON array 200', { status: 200, body: [1, 2] }, LIST_MATCH, (s, c) => s.secrets().listSecretsWithImports({ projectId: c.projectId, environment: 'dev' }), undefined, /listSecrets(WithImports)?.*array/],
  ['getSecret, text/plain 200', { status: 200, body: 'plain text body', contentType: 'text/plain' }, { method: 'GET', pathPrefix: `${LIST}/` }, (s, c) => getApiKey(s, c), undefined, /getSecret.*(JSON|text)/],
  ['createSecret, 204', { status: 204 }, { method: 'POST' }, (s, c) => s.secrets().createSecret('A', { projectId: c.projectId, environment: 'dev', secretValue: 'x' }), undefined, /createSecret.*empty body/],
  ['createSecret, truncated JSON 200', { status: 200, body: '{"secret": {', contentType: 'application/json' }, { method: 'POST' }, (s, c) => s.secrets().createSecret('A', { projectId: c.projectId, environment: 'dev', secretValue: 'x' }), '{"secret": {', /createSecret.*JSON/],
  ['updateSecret, empty 200', { status: 200, body: '' }, { method: 'PATCH' }, (s, c) => s.secrets().updateSecret('API_KEY', { projectId: c.projectId, environment: 'dev', secretValue: 'y' }), undefined, /updateSecret.*empty body/],
  ['deleteSecret, 204', { status: 204 }, { method: 'DELETE' }, (s, c) => s.secrets().deleteSecret('API_KEY', { projectId: c.projectId, environment: 'dev' }), undefined, /deleteSecret.*empty body/],
];

for (const [label, fault, match, call, officialValue, oursRe] of NON_JSON_2XX) {
  test(`deliberate: ${label}`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = await ctx.loggedIn(m);
        ctx.server.injectFault(fault, { match });
        return call(sdk, ctx);
      },
      {
        setup: seed,
        official(side) {
          assert.equal(apiRequests(side).length, 1);
          assert.deepStrictEqual(side.outcome, { resolved: officialValue });
        },
        ours(side) {
          assert.equal(apiRequests(side).length, 1);
          const e = assertRejected(side, { name: 'InfisicalSDKError', messageMatch: oursRe });
          assert.doesNotMatch(e.message, /Cannot read properties/);
        },
      },
    );
  });
}

test('deliberate: getSecret answered with a JSON object without "secret"', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      ctx.server.injectFault({ status: 200, body: { notSecret: true } }, { match: { method: 'GET', pathPrefix: `${LIST}/` } });
      return getApiKey(sdk, ctx);
    },
    {
      setup: seed,
      official(side) {
        assert.deepStrictEqual(side.outcome, { resolved: undefined });
      },
      ours(side) {
        assertRejected(side, { name: 'InfisicalSDKError', messageMatch: /getSecret.*"secret"/ });
      },
    },
  );
});

diff(
  'HTML 404 and plain-text 400 give generic messages',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 404, body: '<html>nope</html>', contentType: 'text/html' }, { match: LIST_MATCH });
    const a = await callOutcome(() => listDev(sdk, ctx));
    ctx.server.injectFault({ status: 400, body: 'bad request' }, { match: LIST_MATCH });
    const b = await callOutcome(() => listDev(sdk, ctx));
    ctx.server.injectFault({ status: 403, body: { message: { nested: true } } }, { match: LIST_MATCH });
    const c = await callOutcome(() => listDev(sdk, ctx));
    return { a, b, c };
  },
  {
    check(side) {
      assert.deepEqual(assertResolved(side), {
        a: rejectedShape('InfisicalSDKError', 'Request failed with status 404'),
        b: rejectedShape('InfisicalSDKError', 'Request failed with status 400'),
        c: rejectedShape('InfisicalSDKError', 'Request failed with status 403'),
      });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Transport faults and retries

// Network failures: official "fetch failed"; ours "fetch failed: <cause>" (README).
test('deliberate: connection refused is retried, then "fetch failed" (+ cause for ours)', async () => {
  const scenario = async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.closedPortUrl });
    const login = await callOutcome(() => sdk.auth().universalAuth.login({ clientId: ctx.clientId, clientSecret: ctx.clientSecret }));
    const list = await callOutcome(() => listDev(sdk, ctx));
    return { login, list };
  };
  // two calls, each 5 attempts separated by 4 back-off waits (1+2+4+8 units ±20 %, one unit
  // being 10 ms here): at least 2 × 12 units, far below the 30 s of the default delays
  const common = (side, raw) => {
    assert.equal(side.requests.length, 0);
    assert.ok(raw.elapsedMs >= 200 && raw.elapsedMs < 5000, `took ${raw.elapsedMs} ms`);
  };
  await runDeliberate(h, scenario, {
    official(side, raw) {
      common(side, raw);
      const failed = rejectedShape('InfisicalSDKError', 'fetch failed');
      assert.deepEqual(assertResolved(side), { login: failed, list: failed });
    },
    ours(side, raw) {
      common(side, raw);
      const r = assertResolved(side);
      for (const k of ['login', 'list']) {
        assert.equal(r[k].rejected.name, 'InfisicalSDKError');
        assert.match(r[k].rejected.message, /^fetch failed: .*refused/i);
      }
    },
  });
});

diff(
  '429 then success: retried once, resolves',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 429, body: { statusCode: 429, message: 'Rate limit exceeded. Please try again in 60 seconds', error: 'RateLimitExceeded' }, headers: { 'retry-after': '60' } }, { match: LIST_MATCH });
    const res = await listDev(sdk, ctx);
    return res.secrets.map((s) => s.secretKey);
  },
  {
    setup: seed,
    check(side, name, raw) {
      const reqs = apiRequests(side);
      assert.equal(reqs.length, 2);
      assert.deepEqual(reqs[0], reqs[1]);
      assert.deepEqual(assertResolved(side), ['API_KEY', 'DB_HOST', 'DB_URL', 'SHARED']);
      // Retry-After (60 s) is ignored
      assert.ok(raw.elapsedMs < 5000, `took ${raw.elapsedMs} ms`);
      if (name === 'official') {
        // the one back-off wait was 1000 ms ± 20 % before scaling
        assert.equal(raw.scaledTimers.length, 1);
        assert.ok(raw.scaledTimers[0] >= 800 && raw.scaledTimers[0] <= 1200, `${raw.scaledTimers}`);
      }
    },
  },
);

diff(
  '429 on createSecret (POST) then success: the same body is sent again',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 429, body: 'slow down' }, { match: { method: 'POST', pathPrefix: LIST }, times: 2 });
    const res = await sdk.secrets().createSecret('RETRIED', { projectId: ctx.projectId, environment: 'dev', secretValue: 'r', secretComment: 'c' });
    return res.secret.secretKey;
  },
  {
    check(side) {
      const reqs = apiRequests(side);
      assert.equal(reqs.length, 3);
      assert.deepEqual(reqs[0], reqs[2]);
      assert.deepEqual(reqs[2].body, { workspaceId: P, environment: 'dev', secretValue: 'r', secretComment: 'c' });
      assert.equal(assertResolved(side), 'RETRIED');
    },
  },
);

diff(
  '429 forever: 5 attempts, the error carries [StatusCode=429]',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ status: 429, body: { reqId: 'req-abcdefghijklmn', statusCode: 429, message: 'Rate limit exceeded. Please try again in 60 seconds', error: 'RateLimitExceeded' } }, { match: { method: 'GET', pathPrefix: LIST }, times: 100 });
    const get = await callOutcome(() => getApiKey(sdk, ctx));
    ctx.server.clearFaults();
    ctx.server.injectFault({ status: 429, body: '<html>Too Many Requests</html>', contentType: 'text/html' }, { match: LIST_MATCH, times: 100 });
    const list = await callOutcome(() => listDev(sdk, ctx));
    return { get, list };
  },
  {
    setup: seed,
    check(side, name, raw) {
      assert.equal(apiRequests(side).length, 10);
      if (name === 'official') {
        // 4 waits per call: 1, 2, 4, 8 s ± 20 % before scaling
        const waits = raw.scaledTimers;
        assert.equal(waits.length, 8);
        [1000, 2000, 4000, 8000, 1000, 2000, 4000, 8000].forEach((base, i) => {
          assert.ok(waits[i] >= base * 0.8 && waits[i] <= base * 1.2, `wait ${i}: ${waits[i]}`);
        });
      }
      assert.deepEqual(assertResolved(side), {
        get: rejectedShape('InfisicalSDKRequestError', `[URL=${GET_URL()}] [Method=GET] [StatusCode=429] Rate limit exceeded. Please try again in 60 seconds`),
        list: rejectedShape('InfisicalSDKError', 'Request failed with status 429'),
      });
    },
  },
);

diff(
  'connection reset then success: retried',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ type: 'reset' }, { match: { method: 'DELETE' }, times: 2 });
    const res = await sdk.secrets().deleteSecret('SHARED', { projectId: ctx.projectId, environment: 'dev' });
    return res.secret.secretKey;
  },
  {
    setup: seed,
    check(side) {
      const reqs = apiRequests(side);
      assert.equal(reqs.length, 3);
      assert.ok(reqs.every((r) => r.method === 'DELETE' && r.body.environment === 'dev'));
      assert.equal(assertResolved(side), 'SHARED');
    },
  },
);

test('deliberate: connection reset forever gives "fetch failed" after 5 attempts (+ cause for ours)', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      ctx.server.injectFault({ type: 'reset' }, { match: LIST_MATCH, times: 100 });
      return listDev(sdk, ctx);
    },
    {
      official(side) {
        assert.equal(apiRequests(side).length, 5);
        assertRejected(side, { name: 'InfisicalSDKError', message: 'fetch failed' });
      },
      ours(side) {
        assert.equal(apiRequests(side).length, 5);
        assertRejected(side, { name: 'InfisicalSDKError', messageMatch: /^fetch failed: \S/ });
      },
    },
  );
});

test('deliberate: a server that never answers: each attempt times out, "This operation was aborted"', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      ctx.server.injectFault({ type: 'hang' }, { match: LIST_MATCH, times: 100 });
      return listDev(sdk, ctx);
    },
    {
      // official: its 10 s timeout is divided by 100; ours: a 100 ms timeout from the env
      scaleTimeout: true,
      oursEnv: { INFISICAL_SDK_REQUEST_TIMEOUT_MS: '100' },
      official(side, raw) {
        assert.equal(apiRequests(side).length, 5);
        assertRejected(side, { name: 'InfisicalSDKError', message: 'This operation was aborted' });
        assert.ok(raw.elapsedMs >= 400 && raw.elapsedMs < 5000, `took ${raw.elapsedMs} ms`);
      },
      ours(side, raw) {
        assert.equal(apiRequests(side).length, 5);
        assertRejected(side, { name: 'InfisicalSDKError', messageMatch: /^This operation was aborted/ });
        assert.ok(raw.elapsedMs >= 400 && raw.elapsedMs < 5000, `took ${raw.elapsedMs} ms`);
      },
    },
  );
});

diff(
  'a slow answer within the timeout succeeds without retry',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.server.injectFault({ type: 'delay', ms: 150 }, { match: LIST_MATCH });
    const res = await listDev(sdk, ctx);
    return res.secrets.length;
  },
  {
    setup: seed,
    check(side) {
      assert.equal(apiRequests(side).length, 1);
      assert.equal(assertResolved(side), 4);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Deliberate differences

for (const [label, fault] of [
  ['204', { status: 204 }],
  ['empty 200', { status: 200, body: '', contentType: 'application/json' }],
]) {
  test(`deliberate: getSecret answered with ${label} rejects cleanly`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = await ctx.loggedIn(m);
        ctx.server.injectFault(fault, { match: { method: 'GET', pathPrefix: `${LIST}/` } });
        return getApiKey(sdk, ctx);
      },
      {
        setup: seed,
        // official: the TypeError of `undefined.secret` leaks through as the message
        official(side) {
          assertRejected(side, { name: 'InfisicalSDKError', message: "Cannot read properties of undefined (reading 'secret')" });
        },
        // ours: a clean InfisicalSDKError, no V8 wording
        ours(side) {
          const e = assertRejected(side, { name: 'InfisicalSDKError' });
          assert.ok(e.message.length > 0);
          assert.doesNotMatch(e.message, /Cannot read properties|undefined|TypeError/);
          assert.equal(apiRequests(side).length, 1);
        },
      },
    );
  });
}

// Bad arguments. official: whatever its code does (a leaked TypeError message, or a request the
// server rejects); ours: a rejected promise (never a synchronous throw) with an
// InfisicalSDKError naming the option, and no request.
const BAD_INPUT = [
  // [label, call(secrets, ctx), option regex, official: expected non-login requests, official check]
  ['listSecrets()', (s) => s.listSecrets(), /options|projectId/, 0],
  ['listSecrets(null)', (s) => s.listSecrets(null), /options|projectId/, 0],
  ['listSecrets without projectId', (s) => s.listSecrets({ environment: 'dev' }), /projectId/, 1],
  ['listSecrets with a numeric environment', (s, c) => s.listSecrets({ projectId: c.projectId, environment: 5 }), /environment/, 1],
  ['listSecretsWithImports()', (s) => s.listSecretsWithImports(), /options|projectId/, 1],
  ['getSecret()', (s) => s.getSecret(), /options|projectId/, 0],
  ['getSecret(null)', (s) => s.getSecret(null), /options|projectId/, 0],
  ['getSecret without projectId', (s) => s.getSecret({ environment: 'dev', secretName: 'API_KEY' }), /projectId/, 1],
  ['getSecret with a numeric environment', (s, c) => s.getSecret({ projectId: c.projectId, environment: 5, secretName: 'API_KEY' }), /environment/, 1],
  ['getSecret without secretName', (s, c) => s.getSecret({ projectId: c.projectId, environment: 'dev' }), /secretName/, 1],
  ['createSecret(name) without options', (s) => s.createSecret('X'), /options|projectId/, 0],
  ['createSecret(name, null)', (s) => s.createSecret('X', null), /options|projectId/, 0],
  ['createSecret without projectId', (s) => s.createSecret('X', { environment: 'dev', secretValue: 'v' }), /projectId/, 1],
  ['createSecret with a numeric environment', (s, c) => s.createSecret('X', { projectId: c.projectId, environment: 5, secretValue: 'v' }), /environment/, 1],
  // official: creates a secret literally named "undefined"
  [
    'createSecret without a name',
    (s, c) => s.createSecret(undefined, { projectId: c.projectId, environment: 'dev', secretValue: 'v' }),
    /secretName|name/,
    1,
    (side) => {
      assert.equal(apiRequests(side)[0].path, '/api/v3/secrets/raw/undefined');
      assert.equal(assertResolved(side).resolved.secret.secretKey, 'undefined');
    },
  ],
  ['updateSecret(name) without options', (s) => s.updateSecret('API_KEY'), /options|projectId/, 0],
  ['updateSecret without projectId', (s) => s.updateSecret('API_KEY', { environment: 'dev', secretValue: 'v' }), /projectId/, 1],
  ['updateSecret with a numeric environment', (s, c) => s.updateSecret('API_KEY', { projectId: c.projectId, environment: 5 }), /environment/, 1],
  ['deleteSecret(name) without options', (s) => s.deleteSecret('API_KEY'), /options|projectId/, 0],
  ['deleteSecret(name, null)', (s) => s.deleteSecret('API_KEY', null), /options|projectId/, 0],
  ['deleteSecret without projectId', (s) => s.deleteSecret('API_KEY', { environment: 'dev' }), /projectId/, 1],
  ['deleteSecret with a numeric environment', (s, c) => s.deleteSecret('API_KEY', { projectId: c.projectId, environment: 5 }), /environment/, 1],
];

for (const [label, call, optionRe, officialRequests, officialCheck] of BAD_INPUT) {
  test(`deliberate: bad input ${label}`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = await ctx.loggedIn(m);
        return callOutcome(() => call(sdk.secrets(), ctx));
      },
      {
        setup: seed,
        official(side) {
          const r = assertResolved(side);
          assert.equal(apiRequests(side).length, officialRequests);
          if (officialCheck) {
            officialCheck(side);
          } else if (officialRequests === 0) {
            // the V8 TypeError message surfaces
            assert.equal(r.rejected.name, 'InfisicalSDKError');
            assert.match(r.rejected.message, /^Cannot read properties of (undefined|null) \(reading '\w+'\)$/);
          } else {
            // the bad value goes on the wire; the server answers with some error
            assert.ok(r.rejected, `official ${label}: ${JSON.stringify(r)}`);
          }
        },
        ours: (side) => assertRefusedLocally(side, optionRe),
      },
    );
  });
}

// null for an optional option. official: JSON bodies carry the null, and a null boolean becomes
// "false" (so expandSecretReferences: null turns the default expansion off); ours: null is
// treated as not given.
test('deliberate: null optional options in listSecrets and getSecret', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      const nulls = { expandSecretReferences: null, includeImports: null, recursive: null, viewSecretValue: null, secretPath: null, tagSlugs: null };
      const list = await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev', ...nulls });
      const one = await sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'DB_URL', type: null, version: null, ...nulls });
      return { list: list.secrets.find((x) => x.secretKey === 'DB_URL').secretValue, one: one.secretValue };
    },
    {
      setup: seed,
      official(side) {
        const [rl, rg] = apiRequests(side);
        assert.equal(queryObject(rl).expandSecretReferences, 'false');
        assert.equal(queryObject(rg).expandSecretReferences, 'false');
        assert.deepEqual(assertResolved(side), { list: 'postgres://${DB_HOST}:5432', one: 'postgres://${DB_HOST}:5432' });
      },
      ours(side) {
        const [rl, rg] = apiRequests(side);
        assert.equal(
          rl.query.raw,
          `workspaceId=${P}&environment=dev&expandSecretReferences=true&include_imports=false&recursive=false&viewSecretValue=true`,
        );
        assert.equal(
          rg.query.raw,
          `secretName=DB_URL&workspaceId=${P}&environment=dev&expandSecretReferences=true&includeImports=false&viewSecretValue=true`,
        );
        assert.deepEqual(assertResolved(side), { list: 'postgres://db.internal:5432', one: 'postgres://db.internal:5432' });
      },
    },
  );
});

test('deliberate: null optional options in createSecret', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.secrets().createSecret('NULLS', {
        projectId: ctx.projectId,
        environment: 'dev',
        secretValue: 'v',
        secretComment: null,
        secretPath: null,
        tagIds: null,
        secretReminderNote: null,
        type: null,
      });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.deepEqual(r.body, { workspaceId: P, environment: 'dev', secretValue: 'v', secretComment: null, secretPath: null, secretReminderNote: null, tagIds: null, type: null });
        assertRejected(side, { name: 'InfisicalSDKError', message: 'Request failed with status 422' });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.deepEqual(r.body, { workspaceId: P, environment: 'dev', secretValue: 'v' });
        assert.equal(assertResolved(side).secret.secretKey, 'NULLS');
      },
    },
  );
});

// "." and ".." as a secret name: official lets URL resolution send the request elsewhere;
// ours rejects before any request.
for (const [label, call, officialPath] of [
  ['getSecret("..")', (s, c) => s.getSecret({ projectId: c.projectId, environment: 'dev', secretName: '..' }), '/api/v3/secrets/'],
  ['getSecret(".")', (s, c) => s.getSecret({ projectId: c.projectId, environment: 'dev', secretName: '.' }), '/api/v3/secrets/raw/'],
  ['createSecret("..")', (s, c) => s.createSecret('..', { projectId: c.projectId, environment: 'dev', secretValue: 'x' }), '/api/v3/secrets/'],
  ['deleteSecret(".")', (s, c) => s.deleteSecret('.', { projectId: c.projectId, environment: 'dev' }), '/api/v3/secrets/raw/'],
]) {
  test(`deliberate: ${label} is rejected locally`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = await ctx.loggedIn(m);
        return callOutcome(() => call(sdk.secrets(), ctx));
      },
      {
        setup: seed,
        official(side) {
          const reqs = apiRequests(side);
          assert.equal(reqs.length, 1);
          assert.equal(reqs[0].path, officialPath);
        },
        ours(side) {
          assert.equal(apiRequests(side).length, 0);
          const r = assertResolved(side);
          assert.ok(r.rejected, JSON.stringify(r));
          assert.equal(r.rejected.name, 'InfisicalSDKError');
          assert.match(r.rejected.message, /secretName|name/);
        },
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Ours only: a body that stalls halfway (the official package waits forever on it)

test('ours: a response body that stalls halfway fails after the timeout', async () => {
  assert.equal(OFFICIAL_ONLY, false, 'needs our addon (INFISICAL_DIFF_SIDES=official cannot run it)');
  const side = await runOurs(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      ctx.server.injectFault({ type: 'stall' }, { match: LIST_MATCH, times: 100 });
      const t0 = Date.now();
      const r = await callOutcome(() => listDev(sdk, ctx));
      return { r, ms: Date.now() - t0 };
    },
    { oursEnv: { INFISICAL_SDK_REQUEST_TIMEOUT_MS: '200' } },
  );
  const { r, ms } = assertResolved(side);
  assert.ok(r.rejected, JSON.stringify(r));
  assert.equal(r.rejected.name, 'InfisicalSDKError');
  assert.equal(r.rejected.isError, true);
  assert.ok(apiRequests(side).length >= 1);
  assert.ok(ms >= 190 && ms < 5000, `took ${ms} ms`);
});

// ---------------------------------------------------------------------------------------------
// Ours only: the default back-off (the one slow test of the suite)

test('ours: with the env overrides unset, a 429 is retried after about 1 s', async () => {
  assert.equal(OFFICIAL_ONLY, false, 'needs our addon (INFISICAL_DIFF_SIDES=official cannot run it)');
  const side = await runOurs(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      ctx.server.injectFault({ status: 429, body: 'slow down' }, { match: LIST_MATCH });
      const t0 = process.hrtime.bigint();
      const res = await listDev(sdk, ctx);
      return { ms: Number(process.hrtime.bigint() - t0) / 1e6, n: res.secrets.length };
    },
    {
      setup: seed,
      oursEnv: { INFISICAL_SDK_RETRY_BASE_DELAY_MS: undefined, INFISICAL_SDK_REQUEST_TIMEOUT_MS: undefined },
    },
  );
  const r = assertResolved(side);
  assert.equal(apiRequests(side).length, 2);
  assert.equal(r.n, 4);
  // The first retry waits 1000 ms ± 20 % (at least 800 ms); the second would wait 2000 ms ± 20 %
  // (at least 1600 ms). Below 1600 ms is the first retry's wait; the rest of the margin is for a
  // loaded machine (CI runs this under Bun and three Node versions), not a speed requirement.
  assert.ok(r.ms >= 800 && r.ms < 1600, `retry delay ${r.ms} ms`);
});
