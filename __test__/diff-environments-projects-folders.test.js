'use strict';

// Differential tests of sdk.environments(), sdk.projects() and sdk.folders(): every method
// minimal and with every option, the new environment/folder being usable by secrets(), server
// errors, authentication faults, detached methods, bad input, and the deliberate difference in
// how project ids reach the path.

const test = require('node:test');
const assert = require('node:assert/strict');
const {
  PROJECT_ID: P,
  FIXED_NOW_ISO,
  useServer,
  runDiff,
  runDeliberate,
  assertRejected,
  assertResolved,
  queryObject,
  callOutcome,
  apiRequests,
  rejectedShape,
  settleAll,
  assertRefusedLocally,
} = require('./helpers/diff');

const h = useServer();
const diff = (name, scenario, opts) => test(name, () => runDiff(h, scenario, opts));

const ENVS = `/api/v1/workspace/${P}/environments`;
const PROJECTS = '/api/v2/workspace';
const MEMBERSHIPS = `/api/v2/workspace/${P}/memberships`;
const FOLDERS = '/api/v1/folders';
const UNKNOWN_PROJECT = '99999999-9999-4999-8999-999999999999';

const SECRETS_LIST = '/api/v3/secrets/raw';

// Folders used by the list scenarios: /app, /app/db, /app/db/replica, /infra, /infra/dns,
// staging /only-staging. /app/db gets a secret (so its lastSecretModified is set).
function seedFolders(server) {
  server.createFolder(P, 'dev', '/app/db/replica');
  server.createFolder(P, 'dev', '/infra/dns');
  server.createFolder(P, 'staging', '/only-staging');
}

// =============================================================================================
// environments().create

diff(
  'environments().create minimal: POST with the options as body (projectId too), resolves to environment; usable by secrets()',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const env = await sdk.environments().create({ name: 'QA', projectId: ctx.projectId, slug: 'qa' });
    const empty = await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'qa' });
    await sdk.secrets().createSecret('QA_ONLY', { projectId: ctx.projectId, environment: 'qa', secretValue: 'q' });
    const listed = await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'qa' });
    return { env, empty, listed: listed.secrets.map((s) => [s.secretKey, s.secretValue, s.environment]) };
  },
  {
    check(side) {
      const [r, l1] = apiRequests(side);
      assert.equal(r.method, 'POST');
      assert.equal(r.path, ENVS);
      assert.equal(r.contentType, 'application/json');
      assert.equal(r.authorization, 'Bearer <token#1>');
      assert.deepEqual(r.body, { name: 'QA', projectId: P, slug: 'qa' });
      assert.equal(l1.path, SECRETS_LIST);
      assert.equal(queryObject(l1).environment, 'qa');
      const { env, empty, listed } = assertResolved(side);
      assert.deepEqual(Object.keys(env), ['id', 'name', 'slug', 'position', 'projectId', 'createdAt', 'updatedAt']);
      assert.equal(env.name, 'QA');
      assert.equal(env.slug, 'qa');
      assert.equal(env.position, 4);
      assert.equal(env.projectId, P);
      assert.equal(env.createdAt, FIXED_NOW_ISO);
      assert.deepEqual(empty, { secrets: [], imports: [] });
      assert.deepEqual(listed, [['QA_ONLY', 'q', 'qa']]);
    },
  },
);

diff(
  'environments().create with position, and detached',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const { create } = sdk.environments();
    const first = await create({ name: 'Preview', projectId: ctx.projectId, slug: 'preview', position: 1 });
    const second = await create({ name: 'Hotfix', projectId: ctx.projectId, slug: 'hotfix-2', position: 2 });
    return { first, second, same: sdk.environments() === sdk.environments() };
  },
  {
    check(side) {
      const [r1, r2] = apiRequests(side);
      assert.deepEqual(r1.body, { name: 'Preview', projectId: P, slug: 'preview', position: 1 });
      assert.deepEqual(r2.body, { name: 'Hotfix', projectId: P, slug: 'hotfix-2', position: 2 });
      const { first, second, same } = assertResolved(side);
      assert.equal(first.position, 1);
      assert.equal(second.position, 2);
      assert.equal(same, true);
    },
  },
);

diff(
  'environments().create errors: duplicate slug 400, bad slug 422, unknown project 404',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const e = sdk.environments();
    return {
      duplicate: await callOutcome(() => e.create({ name: 'Dev again', projectId: ctx.projectId, slug: 'dev' })),
      badSlug: await callOutcome(() => e.create({ name: 'Bad', projectId: ctx.projectId, slug: 'Not A Slug' })),
      badPosition: await callOutcome(() => e.create({ name: 'Zero', projectId: ctx.projectId, slug: 'zero', position: 0 })),
      unknownProject: await callOutcome(() => e.create({ name: 'X', projectId: UNKNOWN_PROJECT, slug: 'x' })),
    };
  },
  {
    check(side) {
      const u = h.server.url;
      const r = assertResolved(side);
      assert.deepEqual(r.duplicate, rejectedShape('InfisicalSDKRequestError', `[URL=${u}${ENVS}] [Method=POST] [StatusCode=400] Environment with slug already exist`));
      assert.deepEqual(r.badSlug, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.deepEqual(r.badPosition, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.equal(r.unknownProject.rejected.name, 'InfisicalSDKRequestError');
      // as the real server: the identity is not a member of an unknown project
      assert.ok(r.unknownProject.rejected.message.startsWith(`[URL=${u}/api/v1/workspace/${UNKNOWN_PROJECT}/environments] [Method=POST] [StatusCode=403]`));
    },
  },
);

// =============================================================================================
// projects().create

diff(
  'projects().create minimal (projectName, type): resolves to project with default envs',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.projects().create({ projectName: 'My App', type: 'secret-manager' });
  },
  {
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'POST');
      assert.equal(r.path, PROJECTS);
      assert.deepEqual(r.body, { projectName: 'My App', type: 'secret-manager' });
      const p = assertResolved(side);
      assert.equal(p.name, 'My App');
      assert.match(p.slug, /^my-app-[0-9a-f]{4}$/);
      assert.equal(p.type, 'secret-manager');
      assert.equal(p.description, null);
      assert.equal(p._id, p.id);
      assert.deepEqual(p.environments.map((e) => e.slug), ['dev', 'staging', 'prod']);
    },
  },
);

diff(
  'projects().create with every option; the new project is usable by secrets() and inviteMembers()',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const { create, inviteMembers } = sdk.projects();
    const p = await create({
      projectName: 'Payments',
      type: 'kms',
      projectDescription: 'Payment services',
      slug: 'payments-svc',
      template: 'default',
      kmsKeyId: 'external-kms-1',
    });
    await sdk.secrets().createSecret('PAY_KEY', { projectId: p.id, environment: 'prod', secretValue: 'k' });
    const got = await sdk.secrets().getSecret({ projectId: p.id, environment: 'prod', secretName: 'PAY_KEY' });
    const members = await inviteMembers({ projectId: p.id, usernames: ['bob'] });
    return { p, got: got.secretValue, members: members.map((x) => x.projectId === p.id) };
  },
  {
    check(side) {
      const [r] = apiRequests(side);
      assert.deepEqual(r.body, {
        projectName: 'Payments',
        type: 'kms',
        projectDescription: 'Payment services',
        slug: 'payments-svc',
        template: 'default',
        kmsKeyId: 'external-kms-1',
      });
      const { p, got, members } = assertResolved(side);
      assert.equal(p.slug, 'payments-svc');
      assert.equal(p.description, 'Payment services');
      assert.equal(p.type, 'kms');
      assert.equal(got, 'k');
      assert.deepEqual(members, [true]);
    },
  },
);

diff(
  'projects().create errors: duplicate slug 400, bad slug 422, unknown type 422',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const p = sdk.projects();
    return {
      duplicate: await callOutcome(() => p.create({ projectName: 'Again', type: 'secret-manager', slug: 'test-project' })),
      badSlug: await callOutcome(() => p.create({ projectName: 'Bad', type: 'secret-manager', slug: 'Bad Slug!' })),
      badType: await callOutcome(() => p.create({ projectName: 'Bad', type: 'not-a-type' })),
    };
  },
  {
    check(side) {
      assert.deepEqual(assertResolved(side), {
        duplicate: rejectedShape('InfisicalSDKRequestError', `[URL=${h.server.url}${PROJECTS}] [Method=POST] [StatusCode=400] Project with the same slug already exists`),
        badSlug: rejectedShape('InfisicalSDKError', 'Request failed with status 422'),
        badType: rejectedShape('InfisicalSDKError', 'Request failed with status 422'),
      });
    },
  },
);

// =============================================================================================
// projects().inviteMembers

diff(
  'projects().inviteMembers with emails: resolves to memberships; with usernames and roleSlugs',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const p = sdk.projects();
    const a = await p.inviteMembers({ projectId: ctx.projectId, emails: ['alice@example.com', 'bob@example.com'] });
    const b = await p.inviteMembers({ projectId: ctx.projectId, usernames: ['carol'], roleSlugs: ['viewer', 'developer'] });
    const c = await p.inviteMembers({ projectId: ctx.projectId, emails: ['dave@example.com'], usernames: ['alice@example.com', 'erin'], roleSlugs: ['admin'] });
    return { a, b, c };
  },
  {
    check(side) {
      const reqs = apiRequests(side);
      assert.deepEqual(reqs.map((r) => [r.method, r.path]), [
        ['POST', MEMBERSHIPS],
        ['POST', MEMBERSHIPS],
        ['POST', MEMBERSHIPS],
      ]);
      assert.deepEqual(reqs[0].body, { projectId: P, emails: ['alice@example.com', 'bob@example.com'] });
      assert.deepEqual(reqs[1].body, { projectId: P, usernames: ['carol'], roleSlugs: ['viewer', 'developer'] });
      assert.deepEqual(reqs[2].body, { projectId: P, emails: ['dave@example.com'], usernames: ['alice@example.com', 'erin'], roleSlugs: ['admin'] });
      const { a, b, c } = assertResolved(side);
      assert.equal(a.length, 2);
      assert.deepEqual(Object.keys(a[0]), ['id', 'createdAt', 'updatedAt', 'userId', 'projectId']);
      assert.equal(a[0].projectId, P);
      assert.equal(b.length, 1);
      // alice is already a member
      assert.equal(c.length, 2);
    },
  },
);

diff(
  'projects().inviteMembers with neither emails nor usernames rejects locally, sends nothing',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const p = sdk.projects();
    return [
      await callOutcome(() => p.inviteMembers({ projectId: ctx.projectId })),
      await callOutcome(() => p.inviteMembers({ projectId: ctx.projectId, emails: [], usernames: [] })),
      await callOutcome(() => p.inviteMembers({ projectId: ctx.projectId, emails: [], roleSlugs: ['admin'] })),
    ];
  },
  {
    check(side) {
      assert.equal(apiRequests(side).length, 0);
      const e = rejectedShape('InfisicalSDKError', 'Either usernames or emails must be provided');
      assert.deepEqual(assertResolved(side), [e, e, e]);
    },
  },
);

diff(
  'projects().inviteMembers errors: upper-case email 422, unknown project 404, empty roleSlugs 422',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const p = sdk.projects();
    return {
      upper: await callOutcome(() => p.inviteMembers({ projectId: ctx.projectId, emails: ['Alice@Example.com'] })),
      notEmail: await callOutcome(() => p.inviteMembers({ projectId: ctx.projectId, emails: ['not-an-email'] })),
      unknown: await callOutcome(() => p.inviteMembers({ projectId: UNKNOWN_PROJECT, usernames: ['x'] })),
      noRoles: await callOutcome(() => p.inviteMembers({ projectId: ctx.projectId, usernames: ['x'], roleSlugs: [] })),
    };
  },
  {
    check(side) {
      const r = assertResolved(side);
      assert.deepEqual(r.upper, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.deepEqual(r.notEmail, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.deepEqual(r.noRoles, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.ok(r.unknown.rejected.message.startsWith(`[URL=${h.server.url}/api/v2/workspace/${UNKNOWN_PROJECT}/memberships] [Method=POST] [StatusCode=404]`));
    },
  },
);

// =============================================================================================
// folders().create

diff(
  'folders().create minimal: body renames projectId to workspaceId, resolves to folder; a secret can be created in it',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const folder = await sdk.folders().create({ name: 'billing', path: '/', projectId: ctx.projectId, environment: 'dev' });
    await sdk.secrets().createSecret('STRIPE_KEY', { projectId: ctx.projectId, environment: 'dev', secretPath: '/billing', secretValue: 'sk_test' });
    const got = await sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretPath: '/billing', secretName: 'STRIPE_KEY' });
    return { folder, got: [got.secretKey, got.secretValue, got.secretPath] };
  },
  {
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'POST');
      assert.equal(r.path, FOLDERS);
      assert.equal(r.query.raw, '');
      assert.deepEqual(r.body, { name: 'billing', path: '/', workspaceId: P, environment: 'dev' });
      const { folder, got } = assertResolved(side);
      assert.equal(folder.name, 'billing');
      assert.equal(folder.path, '/billing');
      assert.equal(folder.description, null);
      assert.equal(folder.createdAt, FIXED_NOW_ISO);
      assert.deepEqual(got, ['STRIPE_KEY', 'sk_test', '/billing']);
    },
  },
);

diff(
  'folders().create with description in a nested path that does not exist yet (created), detached',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const { create } = sdk.folders();
    const folder = await create({ name: 'cache', path: '/platform/services/', projectId: ctx.projectId, environment: 'staging', description: 'Redis & friends' });
    const same = await create({ name: 'cache', path: '/platform/services', projectId: ctx.projectId, environment: 'staging' });
    await sdk.secrets().createSecret('REDIS_URL', { projectId: ctx.projectId, environment: 'staging', secretPath: '/platform/services/cache', secretValue: 'redis://x' });
    const list = await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'staging', secretPath: '/platform/services/cache' });
    return { folder, sameId: same.id === folder.id, keys: list.secrets.map((s) => s.secretKey) };
  },
  {
    check(side) {
      const [r1, r2] = apiRequests(side);
      assert.deepEqual(r1.body, { name: 'cache', path: '/platform/services/', workspaceId: P, environment: 'staging', description: 'Redis & friends' });
      assert.deepEqual(r2.body, { name: 'cache', path: '/platform/services', workspaceId: P, environment: 'staging' });
      const { folder, sameId, keys } = assertResolved(side);
      assert.equal(folder.path, '/platform/services/cache');
      assert.equal(folder.description, 'Redis & friends');
      assert.equal(sameId, true);
      assert.deepEqual(keys, ['REDIS_URL']);
    },
  },
);

diff(
  'folders().create errors: invalid name 422, unknown environment 404, unknown project 404',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const f = sdk.folders();
    return {
      badName: await callOutcome(() => f.create({ name: 'has space', path: '/', projectId: ctx.projectId, environment: 'dev' })),
      unknownEnv: await callOutcome(() => f.create({ name: 'ok', path: '/', projectId: ctx.projectId, environment: 'nope' })),
      unknownProject: await callOutcome(() => f.create({ name: 'ok', path: '/', projectId: UNKNOWN_PROJECT, environment: 'dev' })),
    };
  },
  {
    check(side) {
      const u = h.server.url;
      const r = assertResolved(side);
      assert.deepEqual(r.badName, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.deepEqual(
        r.unknownEnv,
        rejectedShape('InfisicalSDKRequestError', `[URL=${u}${FOLDERS}] [Method=POST] [StatusCode=404] Environment with slug 'nope' in project with ID '${P}' not found`),
      );
      assert.ok(r.unknownProject.rejected.message.startsWith(`[URL=${u}${FOLDERS}] [Method=POST] [StatusCode=404]`));
    },
  },
);

// =============================================================================================
// folders().listFolders

diff(
  'folders().listFolders minimal: query environment, workspaceId; resolves to folders of /',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.folders().listFolders({ environment: 'dev', projectId: ctx.projectId });
  },
  {
    setup: seedFolders,
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'GET');
      assert.equal(r.path, FOLDERS);
      assert.equal(r.query.raw, `environment=dev&workspaceId=${P}`);
      assert.equal(r.body, undefined);
      assert.equal(r.contentType, undefined);
      const folders = assertResolved(side);
      assert.ok(Array.isArray(folders));
      assert.deepEqual(folders.map((f) => f.name), ['app', 'infra']);
    },
  },
);

diff(
  'folders().listFolders with every option: path, recursive true/false, lastSecretModified',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const { listFolders } = sdk.folders();
    const o = { environment: 'dev', projectId: ctx.projectId };
    const sub = await listFolders({ ...o, path: '/app' });
    const rec = await listFolders({ ...o, path: '/app', recursive: true });
    const notRec = await listFolders({ ...o, path: '/', recursive: false });
    const all = await listFolders({ ...o, recursive: true });
    await sdk.secrets().createSecret('DB_PASS', { projectId: ctx.projectId, environment: 'dev', secretPath: '/app/db', secretValue: 'pw' });
    const since = await listFolders({ ...o, path: '/app', recursive: true, lastSecretModified: FIXED_NOW_ISO });
    const staging = await listFolders({ environment: 'staging', projectId: ctx.projectId, path: '/' });
    const missing = await listFolders({ ...o, path: '/does/not/exist' });
    const names = (l) => l.map((f) => f.relativePath || f.name);
    return {
      sub: names(sub),
      rec: names(rec),
      notRec: names(notRec),
      all: names(all),
      since: since.map((f) => [f.name, f.lastSecretModified]),
      staging: names(staging),
      missing,
    };
  },
  {
    setup: seedFolders,
    check(side) {
      const reqs = apiRequests(side).filter((r) => r.path === FOLDERS);
      assert.deepEqual(reqs.map((r) => r.query.raw), [
        `environment=dev&workspaceId=${P}&path=%2Fapp`,
        `environment=dev&workspaceId=${P}&path=%2Fapp&recursive=true`,
        `environment=dev&workspaceId=${P}&path=%2F&recursive=false`,
        `environment=dev&workspaceId=${P}&recursive=true`,
        `environment=dev&workspaceId=${P}&path=%2Fapp&recursive=true&lastSecretModified=2026-01-01T00%3A00%3A00.000Z`,
        `environment=staging&workspaceId=${P}&path=%2F`,
        `environment=dev&workspaceId=${P}&path=%2Fdoes%2Fnot%2Fexist`,
      ]);
      assert.deepEqual(assertResolved(side), {
        sub: ['db'],
        rec: ['/db', '/db/replica'],
        notRec: ['app', 'infra'],
        // ordered by folder name: app, db, dns, infra, replica
        all: ['/app', '/app/db', '/infra/dns', '/infra', '/app/db/replica'],
        since: [['db', FIXED_NOW_ISO]],
        staging: ['only-staging'],
        missing: [],
      });
    },
  },
);

diff(
  'folders().listFolders errors: unknown environment 404, bad lastSecretModified 422',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const f = sdk.folders();
    return {
      unknownEnv: await callOutcome(() => f.listFolders({ environment: 'nope', projectId: ctx.projectId })),
      badDate: await callOutcome(() => f.listFolders({ environment: 'dev', projectId: ctx.projectId, lastSecretModified: 'yesterday' })),
    };
  },
  {
    check(side) {
      assert.deepEqual(assertResolved(side), {
        unknownEnv: rejectedShape('InfisicalSDKRequestError', `[URL=${h.server.url}${FOLDERS}?environment=nope&workspaceId=${P}] [Method=GET] [StatusCode=404] Environment with slug 'nope' not found`),
        badDate: rejectedShape('InfisicalSDKError', 'Request failed with status 422'),
      });
    },
  },
);

// =============================================================================================
// Shape, authentication faults

// (The official clients also carry their TypeScript-private `apiClient` as an own enumerable
// property; ours keep no such handle. Only the public methods are compared.)
diff(
  'shape: every method is an own arrow-function property; the area objects are stable',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const describe = (o, names) =>
      names.map((k) => [k, Object.prototype.hasOwnProperty.call(o, k), typeof o[k], typeof o[k] === 'function' && 'prototype' in o[k]]);
    return {
      environments: describe(sdk.environments(), ['create']),
      projects: describe(sdk.projects(), ['create', 'inviteMembers']),
      folders: describe(sdk.folders(), ['create', 'listFolders']),
      stable: [sdk.environments() === sdk.environments(), sdk.projects() === sdk.projects(), sdk.folders() === sdk.folders()],
    };
  },
  {
    check(side) {
      assert.deepEqual(assertResolved(side), {
        environments: [['create', true, 'function', false]],
        projects: [
          ['create', true, 'function', false],
          ['inviteMembers', true, 'function', false],
        ],
        folders: [
          ['create', true, 'function', false],
          ['listFolders', true, 'function', false],
        ],
        stable: [true, true, true],
      });
    },
  },
);

const allCalls = (sdk, projectId) => ({
  environment: () => sdk.environments().create({ name: 'QA', projectId, slug: 'qa' }),
  project: () => sdk.projects().create({ projectName: 'New', type: 'secret-manager' }),
  invite: () => sdk.projects().inviteMembers({ projectId, emails: ['a@example.com'] }),
  folder: () => sdk.folders().create({ name: 'f', path: '/', projectId, environment: 'dev' }),
  list: () => sdk.folders().listFolders({ environment: 'dev', projectId }),
});

diff(
  'not logged in: every method gets 401 Token missing',
  async (m, ctx) => settleAll(allCalls(new m.InfisicalSDK({ siteUrl: ctx.url }), ctx.projectId)),
  {
    check(side) {
      assert.equal(side.requests.length, 5);
      const u = h.server.url;
      const e = (url, method) => rejectedShape('InfisicalSDKRequestError', `[URL=${u}${url}] [Method=${method}] [StatusCode=401] Token missing`);
      assert.deepEqual(assertResolved(side), {
        environment: e(ENVS, 'POST'),
        project: e(PROJECTS, 'POST'),
        invite: e(MEMBERSHIPS, 'POST'),
        folder: e(FOLDERS, 'POST'),
        list: e(`${FOLDERS}?environment=dev&workspaceId=${P}`, 'GET'),
      });
    },
  },
);

diff(
  'expired token: every method gets 403',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m, { autoTokenRefresh: false });
    ctx.server.expireToken(sdk.auth().getAccessToken());
    return settleAll(allCalls(sdk, ctx.projectId));
  },
  {
    check(side) {
      assert.equal(apiRequests(side).length, 5);
      const r = assertResolved(side);
      for (const k of Object.keys(r)) {
        assert.equal(r[k].rejected.name, 'InfisicalSDKRequestError', k);
        assert.ok(r[k].rejected.message.endsWith('[StatusCode=403] Your token has expired. Please re-authenticate.'), r[k].rejected.message);
      }
    },
  },
);

// =============================================================================================
// Deliberate: bad input. official: a V8 TypeError message when the options object is missing
// (no request), else the request goes out as given and the server answers; ours: rejects before
// any request with an InfisicalSDKError naming the option.

const BAD_INPUT = [
  // [label, call(sdk), option regex, official: requests, official: message (string or regex)]
  ['environments().create()', (s) => s.environments().create(), /options/, 0, "Cannot read properties of undefined (reading 'projectId')"],
  ['environments().create(null)', (s) => s.environments().create(null), /options/, 0, "Cannot read properties of null (reading 'projectId')"],
  ['environments().create without name', (s) => s.environments().create({ projectId: P, slug: 'x' }), /"name"/, 1, 'Request failed with status 422'],
  // official: "/api/v1/workspace/undefined/environments" → 403 (not a member of project "undefined")
  ['environments().create without projectId', (s) => s.environments().create({ name: 'X', slug: 'x' }), /projectId/, 1, /\[StatusCode=403\] You are not allowed to access this resource$/],
  ['environments().create with a numeric slug', (s) => s.environments().create({ name: 'X', slug: 5, projectId: P }), /slug/, 1, 'Request failed with status 422'],
  ['environments().create with a string position', (s) => s.environments().create({ name: 'X', slug: 'x', projectId: P, position: '2' }), /position/, 1, 'Request failed with status 422'],
  // official: POST with no body → 422
  ['projects().create()', (s) => s.projects().create(), /options/, 1, 'Request failed with status 422'],
  ['projects().create with a numeric projectName', (s) => s.projects().create({ projectName: 5, type: 'secret-manager' }), /projectName/, 1, 'Request failed with status 422'],
  ['projects().create without projectName', (s) => s.projects().create({ type: 'secret-manager' }), /projectName/, 1, 'Request failed with status 422'],
  ['projects().create with a numeric slug', (s) => s.projects().create({ projectName: 'x', type: 'secret-manager', slug: 12345 }), /slug/, 1, 'Request failed with status 422'],
  ['projects().inviteMembers()', (s) => s.projects().inviteMembers(), /options/, 0, "Cannot read properties of undefined (reading 'usernames')"],
  // official: "/api/v2/workspace/undefined/memberships" → 404
  ['projects().inviteMembers without projectId', (s) => s.projects().inviteMembers({ emails: ['a@example.com'] }), /projectId/, 1, /\[StatusCode=404\] Project with undefined not found/],
  ['projects().inviteMembers with a string for emails', (s) => s.projects().inviteMembers({ projectId: P, emails: 'a@example.com' }), /emails/, 1, 'Request failed with status 422'],
  ['projects().inviteMembers with a numeric projectId', (s) => s.projects().inviteMembers({ projectId: 5, emails: ['a@example.com'] }), /projectId/, 1, /\[StatusCode=404\]/],
  ['folders().create()', (s) => s.folders().create(), /options/, 0, "Cannot read properties of undefined (reading 'name')"],
  ['folders().create without environment', (s) => s.folders().create({ name: 'a', path: '/', projectId: P }), /environment/, 1, 'Request failed with status 422'],
  ['folders().create with a numeric projectId', (s) => s.folders().create({ name: 'a', path: '/', projectId: 5, environment: 'dev' }), /projectId/, 1, 'Request failed with status 422'],
  ['folders().listFolders()', (s) => s.folders().listFolders(), /options/, 0, "Cannot read properties of undefined (reading 'environment')"],
  ['folders().listFolders without environment', (s) => s.folders().listFolders({ projectId: P }), /environment/, 1, 'Request failed with status 422'],
  // official: "environment=5" → 404 unknown environment
  ['folders().listFolders with a numeric environment', (s) => s.folders().listFolders({ projectId: P, environment: 5 }), /environment/, 1, /\[StatusCode=404\] Environment with slug '5' not found/],
];

for (const [label, call, optionRe, officialRequests, officialMessage] of BAD_INPUT) {
  test(`deliberate: bad input ${label}`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = await ctx.loggedIn(m);
        return callOutcome(() => call(sdk));
      },
      {
        official(side) {
          const r = assertResolved(side);
          assert.equal(apiRequests(side).length, officialRequests);
          assert.ok(r.rejected, JSON.stringify(r));
          if (typeof officialMessage === 'string') assert.equal(r.rejected.message, officialMessage);
          else assert.match(r.rejected.message, officialMessage);
        },
        ours: (side) => assertRefusedLocally(side, optionRe),
      },
    );
  });
}

// Options the official types mark as required but the server defaults: the official request
// succeeds, so ours sends it too (identical requests and results).
for (const [label, call, check] of [
  [
    'projects().create without type (server default secret-manager)',
    (s) => s.projects().create({ projectName: 'No Type' }),
    (res) => assert.equal(res.type, 'secret-manager'),
  ],
  [
    'folders().create without path (server default /)',
    (s) => s.folders().create({ name: 'nopath', projectId: P, environment: 'dev' }),
    (res) => assert.equal(res.path, '/nopath'),
  ],
]) {
  diff(
    label,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return call(sdk);
    },
    {
      check(side) {
        assert.equal(apiRequests(side).length, 1);
        check(assertResolved(side));
      },
    },
  );
}

// null for an optional option: official sends `description: null` (the server accepts it);
// ours treats it as not given. Same result.
test('deliberate: folders().create with description null', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      const f = await sdk.folders().create({ name: 'n', path: '/', projectId: ctx.projectId, environment: 'dev', description: null });
      return [f.name, f.description];
    },
    {
      official(side) {
        assert.deepEqual(apiRequests(side)[0].body, { name: 'n', path: '/', workspaceId: P, environment: 'dev', description: null });
        assert.deepEqual(assertResolved(side), ['n', null]);
      },
      ours(side) {
        assert.deepEqual(apiRequests(side)[0].body, { name: 'n', path: '/', workspaceId: P, environment: 'dev' });
        assert.deepEqual(assertResolved(side), ['n', null]);
      },
    },
  );
});

// =============================================================================================
// Deliberate: project ids in paths. official: `/workspace/${projectId}/...` without encoding;
// ours: one percent-encoded path segment. Identical for ordinary ids (asserted above: ENVS,
// MEMBERSHIPS with the seeded uuid).

test('deliberate: environments().create with projectId "../x" reaches another route with the official package', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.environments().create({ name: 'X', slug: 'x', projectId: '../x' });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, '/api/v1/x/environments');
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['[StatusCode=404] Route POST:/api/v1/x/environments not found'] });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, '/api/v1/workspace/..%2Fx/environments');
        assert.deepEqual(r.body, { name: 'X', slug: 'x', projectId: '../x' });
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['[StatusCode=403] You are not allowed to access this resource'] });
      },
    },
  );
});

test('deliberate: inviteMembers with projectId "a/b?c#d" reaches another route with the official package', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.projects().inviteMembers({ projectId: 'a/b?c#d', emails: ['a@example.com'] });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, '/api/v2/workspace/a/b');
        assert.equal(r.query.raw, 'c');
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['Route POST:/api/v2/workspace/a/b?c not found'] });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, '/api/v2/workspace/a%2Fb%3Fc%23d/memberships');
        assert.equal(r.query.raw, '');
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['[StatusCode=404] Project with a/b?c#d not found'] });
      },
    },
  );
});
