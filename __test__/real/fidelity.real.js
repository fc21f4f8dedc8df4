'use strict';

// Fidelity of the local test server (testing/server) to the real Infisical server: the same HTTP
// calls (every route the SDK uses, successes and errors) go to both, with the same data seeded, and
// each answer is compared: status code, the error's `error` and `message`, and the response shape
// (keys and JSON types, recursively; array elements merged).
//
// The local server follows the current contract (../shared/infisical-api.md), the bundled real
// server is an October 2024 version. Every difference must be either fixed in testing/server or
// listed below in NEWER (and in testing/server/README.md, "Newer-server behaviour") with the
// contract section it follows. The test fails on an unlisted difference and on a listed one that no
// longer happens.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Provisioner, rawApi, rand } = require('./helpers');

const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');

// ---------------------------------------------------------------------------------------------
// Differences that are newer-server behaviour: call name -> the exact difference lines, each with
// the contract section (../shared/infisical-api.md) the local server follows.
const NEWER = require('./fidelity-newer.json');

// ---------------------------------------------------------------------------------------------
// Shapes

function shape(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return { '[]': v.map(shape).reduce(mergeShape, undefined) };
  if (typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = shape(v[k]);
    return out;
  }
  return typeof v;
}

function mergeShape(a, b) {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const objA = typeof a === 'object';
  const objB = typeof b === 'object';
  if (objA && objB && '[]' in a === '[]' in b) {
    if ('[]' in a) return { '[]': mergeShape(a['[]'], b['[]']) };
    const out = {};
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) out[k] = mergeShape(a[k], b[k]) ?? 'undefined';
    return out;
  }
  const types = new Set([...String(objA ? 'object' : a).split('|'), ...String(objB ? 'object' : b).split('|')]);
  return [...types].sort().join('|');
}

const typeName = (s) => (s === undefined ? 'absent' : typeof s === 'string' ? s : '[]' in s ? 'array' : 'object');

// Lines describing how the local shape differs from the real one
function shapeDiff(real, local, p = '', out = []) {
  if (real === undefined && local === undefined) return out;
  if (real === undefined || local === undefined) {
    out.push(`${p || '(body)'}: ${real === undefined ? 'only on the local server' : 'only on the real server'}`);
    return out;
  }
  const objR = typeof real === 'object';
  const objL = typeof local === 'object';
  if (objR && objL && '[]' in real && '[]' in local) {
    // an empty array on either side says nothing about the elements
    if (real['[]'] !== undefined && local['[]'] !== undefined) shapeDiff(real['[]'], local['[]'], `${p}[]`, out);
    return out;
  }
  if (objR && objL && !('[]' in real) && !('[]' in local)) {
    for (const k of [...new Set([...Object.keys(real), ...Object.keys(local)])].sort()) shapeDiff(real[k], local[k], p ? `${p}.${k}` : k, out);
    return out;
  }
  if (typeName(real) !== typeName(local)) out.push(`${p || '(body)'}: real ${typeName(real)}, local ${typeName(local)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The two targets

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function normText(s, t) {
  let r = String(s);
  for (const [v, label] of t.marks) if (v) r = r.split(v).join(label);
  return r.replace(UUID_RE, '<id>').replace(/req-[A-Za-z0-9]{14}/g, '<req-id>');
}

async function realTarget(prov) {
  const id = await prov.createIdentity({ ttl: 3600, maxTtl: 7200 });
  const viewer = await prov.createIdentity({ ttl: 3600, maxTtl: 7200 });
  const project = await prov.createProject({ members: [{ identityId: id.identityId, role: 'admin' }, { identityId: viewer.identityId, role: 'viewer' }] });
  const backend = await prov.createTag(project.id, 'backend');
  const frontend = await prov.createTag(project.id, 'frontend');
  await prov.addImport(project.id, 'dev', '/', { environment: 'staging', path: '/' });
  const t = {
    name: 'real',
    base: prov.base,
    ip: null,
    projectId: project.id,
    projectSlug: project.slug,
    creds: { clientId: id.clientId, clientSecret: id.clientSecret },
    viewerCreds: { clientId: viewer.clientId, clientSecret: viewer.clientSecret },
    tags: { backend: backend.id, frontend: frontend.id },
    captured: {},
    marks: [],
    cleanupProject: (pid) => prov.cleanups.push(() => prov.call('DELETE', `/api/v1/workspace/${pid}`)),
    orgAdminToken: await prov.token(),
  };
  t.marks.push([project.slug, '<project-slug>'], [prov.base, '<site>']);
  return t;
}

async function localTarget(server) {
  const P = DEFAULTS.projectId;
  // a read-only identity (project role viewer)
  server.addIdentity({ clientId: 'viewer-client-id', clientSecret: 'viewer-client-secret', identityId: '00000000-0000-0000-0000-00000000cccc', projectRole: 'viewer' });
  server.addImport(P, 'dev', '/', { environment: 'staging', path: '/' });
  const tags = {};
  for (const [slug] of [['backend'], ['frontend']]) {
    const tag = [...(server.state.projects.get(P).tags || new Map()).values()].find((x) => x.slug === slug);
    tags[slug] = tag ? tag.id : server.createTag(P, { slug }).id;
  }
  const t = {
    name: 'local',
    base: server.url,
    projectId: P,
    projectSlug: server.project.slug,
    creds: { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
    viewerCreds: { clientId: 'viewer-client-id', clientSecret: 'viewer-client-secret' },
    tags,
    captured: {},
    marks: [[server.project.slug, '<project-slug>'], [server.url, '<site>']],
    cleanupProject: () => {},
  };
  return t;
}

// ---------------------------------------------------------------------------------------------
// The calls (each a function of the target; `token`: 'admin' (default), 'viewer', 'none', or a string)

const secret = (name) => `/api/v3/secrets/raw/${encodeURIComponent(name)}`;
const q = (t, extra) => ({ workspaceId: t.projectId, environment: 'dev', ...extra });
const b = (t, extra) => ({ workspaceId: t.projectId, environment: 'dev', ...extra });
const DS_BODY = (t) => ({
  projectSlug: t.projectSlug,
  environmentSlug: 'dev',
  name: 'pg',
  defaultTTL: '1h',
  provider: {
    type: 'sql-database',
    inputs: { client: 'postgres', host: '127.0.0.1', port: 5432, database: 'x', username: 'x', password: 'x', creationStatement: 'select 1', revocationStatement: 'select 1' },
  },
});
const DS_WHERE = (t) => ({ projectSlug: t.projectSlug, environmentSlug: 'dev' });
const ZERO_UUID = '00000000-0000-4000-8000-000000000000';
const BATCH = '/api/v3/secrets/batch/raw';

const CALLS = [
  // --- auth
  ['login', (t) => ({ method: 'POST', path: '/api/v1/auth/universal-auth/login', body: t.creds, token: 'none' })],
  ['login, wrong secret', (t) => ({ method: 'POST', path: '/api/v1/auth/universal-auth/login', body: { ...t.creds, clientSecret: 'wrong' }, token: 'none' })],
  ['login, empty body', () => ({ method: 'POST', path: '/api/v1/auth/universal-auth/login', body: {}, token: 'none' })],
  ['login, unknown organizationSlug', (t) => ({ method: 'POST', path: '/api/v1/auth/universal-auth/login', body: { ...t.creds, organizationSlug: 'no-such-org' }, token: 'none' })],
  ['login, unknown subOrganizationName', (t) => ({ method: 'POST', path: '/api/v1/auth/universal-auth/login', body: { ...t.creds, subOrganizationName: 'no-such-org' }, token: 'none' })],
  ['renew', (t) => ({ method: 'POST', path: '/api/v1/auth/token/renew', body: { accessToken: t.spareToken }, token: 'none' })],
  ['renew, garbage token', () => ({ method: 'POST', path: '/api/v1/auth/token/renew', body: { accessToken: 'not-a-jwt' }, token: 'none' })],
  ['revoke', (t) => ({ method: 'POST', path: '/api/v1/auth/token/revoke', body: { accessToken: t.spareToken }, token: 'none' })],
  ['call with the revoked token', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t), token: t.spareToken })],
  ['call with a malformed token', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t), token: 'garbage' })],
  ['call without a token', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t), token: 'none' })],
  ['unknown route', () => ({ method: 'GET', path: '/api/v1/nope' })],

  // --- secrets: writes (seed)
  ['create API_KEY', (t) => ({ method: 'POST', path: secret('API_KEY'), body: b(t, { secretValue: 'abc123', secretComment: 'the key', tagIds: [t.tags.backend], type: 'shared' }) })],
  ['create DB_HOST', (t) => ({ method: 'POST', path: secret('DB_HOST'), body: b(t, { secretValue: 'db.internal' }) })],
  ['create DB_URL (reference)', (t) => ({ method: 'POST', path: secret('DB_URL'), body: b(t, { secretValue: 'postgres://${DB_HOST}:5432/${staging.STAGING_ONLY}' }) })],
  ['create STAGING_ONLY in staging', (t) => ({ method: 'POST', path: secret('STAGING_ONLY'), body: { ...b(t), environment: 'staging', secretValue: 's1' } })],
  ['create folder app', (t) => ({ method: 'POST', path: '/api/v1/folders', body: b(t, { name: 'app', path: '/' }) })],
  ['create APP_NAME in /app', (t) => ({ method: 'POST', path: secret('APP_NAME'), body: b(t, { secretPath: '/app', secretValue: 'app', tagIds: [t.tags.frontend] }) })],
  ['create, duplicate', (t) => ({ method: 'POST', path: secret('API_KEY'), body: b(t, { secretValue: 'x' }) })],
  ['create, no workspace', () => ({ method: 'POST', path: secret('NOPE'), body: { environment: 'dev', secretValue: 'x' } })],
  ['create, unknown tag', (t) => ({ method: 'POST', path: secret('TAGGED'), body: b(t, { secretValue: 'x', tagIds: [ZERO_UUID] }) })],
  ['create, read-only identity', (t) => ({ method: 'POST', path: secret('VIEWER'), body: b(t, { secretValue: 'x' }), token: 'viewer' })],

  // --- secrets: reads
  ['list', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t) })],
  ['list, expanded', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t, { expandSecretReferences: 'true' }) })],
  ['list, recursive', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t, { recursive: 'true' }) })],
  ['list, imports', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t, { include_imports: 'true' }) })],
  ['list, tag', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t, { tagSlugs: 'backend' }) })],
  ['list, hidden values', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t, { viewSecretValue: 'false' }) })],
  ['list, missing folder', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t, { secretPath: '/nope' }) })],
  ['list, bad boolean', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t, { recursive: '1' }) })],
  ['list, no workspace', () => ({ method: 'GET', path: '/api/v3/secrets/raw', query: { environment: 'dev' } })],
  ['list, read-only identity', (t) => ({ method: 'GET', path: '/api/v3/secrets/raw', query: q(t), token: 'viewer' })],
  ['get', (t) => ({ method: 'GET', path: secret('API_KEY'), query: q(t) })],
  ['get, expanded', (t) => ({ method: 'GET', path: secret('DB_URL'), query: q(t, { expandSecretReferences: 'true' }) })],
  ['get, missing', (t) => ({ method: 'GET', path: secret('NOPE'), query: q(t) })],
  ['get, missing folder', (t) => ({ method: 'GET', path: secret('X'), query: q(t, { secretPath: '/nope' }) })],

  // --- secrets: update, rename, versions, delete
  ['update value', (t) => ({ method: 'PATCH', path: secret('DB_HOST'), body: b(t, { secretValue: 'db2.internal' }) })],
  ['update, rename with value', (t) => ({ method: 'PATCH', path: secret('DB_HOST'), body: b(t, { newSecretName: 'DB_SERVER', secretValue: 'db3.internal' }) })],
  ['create RENAME_ME', (t) => ({ method: 'POST', path: secret('RENAME_ME'), body: b(t, { secretValue: 'r' }) })],
  ['update, rename without value', (t) => ({ method: 'PATCH', path: secret('RENAME_ME'), body: b(t, { newSecretName: 'RENAMED' }) })],
  ['get version 1', (t) => ({ method: 'GET', path: secret('DB_SERVER'), query: q(t, { version: '1' }) })],
  ['update, missing', (t) => ({ method: 'PATCH', path: secret('NOPE'), body: b(t, { secretValue: 'x' }) })],
  ['delete', (t) => ({ method: 'DELETE', path: secret('DB_SERVER'), body: b(t) })],
  ['delete, missing', (t) => ({ method: 'DELETE', path: secret('DB_SERVER'), body: b(t) })],

  // --- folders
  ['folder, nested', (t) => ({ method: 'POST', path: '/api/v1/folders', body: b(t, { name: 'db', path: '/app' }), capture: (r) => ({ folderId: r.json.folder && r.json.folder.id }) })],
  ['folder, duplicate', (t) => ({ method: 'POST', path: '/api/v1/folders', body: b(t, { name: 'app', path: '/' }) })],
  ['folder, bad name', (t) => ({ method: 'POST', path: '/api/v1/folders', body: b(t, { name: 'bad name!' }) })],
  ['folders, list', (t) => ({ method: 'GET', path: '/api/v1/folders', query: q(t) })],
  ['folders, list a path', (t) => ({ method: 'GET', path: '/api/v1/folders', query: q(t, { path: '/app' }) })],
  ['folder get', (t) => ({ method: 'GET', path: `/api/v1/folders/${t.captured.folderId}` })],
  ['folder get, unknown id', () => ({ method: 'GET', path: `/api/v1/folders/${ZERO_UUID}` })],
  ['folder update, rename', (t) => ({ method: 'PATCH', path: `/api/v1/folders/${t.captured.folderId}`, body: b(t, { name: 'database', path: '/app' }) })],
  ['folder update, unknown id', (t) => ({ method: 'PATCH', path: `/api/v1/folders/${ZERO_UUID}`, body: b(t, { name: 'x', path: '/app' }) })],
  ['folder tmp', (t) => ({ method: 'POST', path: '/api/v1/folders', body: b(t, { name: 'tmp', path: '/' }), capture: (r) => ({ tmpFolderId: r.json.folder && r.json.folder.id }) })],
  ['folder delete by id', (t) => ({ method: 'DELETE', path: `/api/v1/folders/${t.captured.tmpFolderId}`, body: b(t, { path: '/' }) })],
  ['folder delete by name', (t) => ({ method: 'DELETE', path: '/api/v1/folders/database', body: b(t, { path: '/app' }) })],
  ['folder delete, missing', (t) => ({ method: 'DELETE', path: '/api/v1/folders/database', body: b(t, { path: '/app' }) })],

  // --- batch secrets
  ['batch create', (t) => ({ method: 'POST', path: BATCH, body: b(t, { secretPath: '/app', secrets: [{ secretKey: 'BATCH_A', secretValue: 'one', secretComment: 'c' }, { secretKey: 'BATCH_B', secretValue: 'two' }] }) })],
  ['batch create, existing key', (t) => ({ method: 'POST', path: BATCH, body: b(t, { secretPath: '/app', secrets: [{ secretKey: 'BATCH_NEW', secretValue: '1' }, { secretKey: 'BATCH_A', secretValue: '2' }] }) })],
  ['batch create, missing folder', (t) => ({ method: 'POST', path: BATCH, body: b(t, { secretPath: '/nope', secrets: [{ secretKey: 'BATCH_NEW', secretValue: '1' }] }) })],
  ['batch update', (t) => ({ method: 'PATCH', path: BATCH, body: b(t, { secretPath: '/app', secrets: [{ secretKey: 'BATCH_A', secretValue: 'uno' }, { secretKey: 'BATCH_B', newSecretName: 'BATCH_C', secretValue: 'dos' }] }) })],
  ['batch update, a missing key', (t) => ({ method: 'PATCH', path: BATCH, body: b(t, { secretPath: '/app', secrets: [{ secretKey: 'BATCH_A', secretValue: 'x' }, { secretKey: 'BATCH_MISSING', secretValue: 'm' }] }) })],
  ['batch update, mode ignore', (t) => ({ method: 'PATCH', path: BATCH, body: b(t, { secretPath: '/app', mode: 'ignore', secrets: [{ secretKey: 'BATCH_A', secretValue: 'y' }, { secretKey: 'BATCH_MISSING', secretValue: 'm' }] }) })],
  ['batch update, per-secret path', (t) => ({ method: 'PATCH', path: BATCH, body: b(t, { secrets: [{ secretKey: 'BATCH_A', secretPath: '/app', secretValue: 'z' }] }) })],
  ['batch update, rename without value', (t) => ({ method: 'PATCH', path: BATCH, body: b(t, { secretPath: '/app', secrets: [{ secretKey: 'BATCH_C', newSecretName: 'BATCH_D' }] }) })],
  ['batch delete, a missing key', (t) => ({ method: 'DELETE', path: BATCH, body: b(t, { secretPath: '/app', secrets: [{ secretKey: 'BATCH_A' }, { secretKey: 'BATCH_NOPE' }] }) })],
  ['batch delete', (t) => ({ method: 'DELETE', path: BATCH, body: b(t, { secretPath: '/app', secrets: [{ secretKey: 'BATCH_A', type: 'shared' }] }) })],

  // --- environments, projects
  ['environment', (t) => ({ method: 'POST', path: `/api/v1/workspace/${t.projectId}/environments`, body: { name: 'QA', slug: 'qa' } })],
  ['environment, duplicate', (t) => ({ method: 'POST', path: `/api/v1/workspace/${t.projectId}/environments`, body: { name: 'QA', slug: 'qa' } })],
  ['environment, bad slug', (t) => ({ method: 'POST', path: `/api/v1/workspace/${t.projectId}/environments`, body: { name: 'B', slug: 'Not A Slug' } })],
  ['environment, unknown project', () => ({ method: 'POST', path: `/api/v1/workspace/${ZERO_UUID}/environments`, body: { name: 'X', slug: 'x' } })],
  ['project', (t) => ({ method: 'POST', path: '/api/v2/workspace', body: { projectName: `fidelity ${t.suffix}`, slug: `fidelity-${t.suffix}` }, after: (r) => r.json.project && t.cleanupProject(r.json.project.id) })],
  // inviting users needs the organisation's member permission: the org-admin identity on the real server
  ['memberships', (t) => ({ method: 'POST', path: `/api/v2/workspace/${t.projectId}/memberships`, body: { emails: [`fidelity-${t.suffix}@example.com`] }, token: 'orgadmin' })],

  // --- KMS
  ['kms key', (t) => ({ method: 'POST', path: '/api/v1/kms/keys', body: { projectId: t.projectId, name: 'fidelity-key', encryptionAlgorithm: 'aes-256-gcm' }, capture: (r) => ({ keyId: r.json.key && r.json.key.id }) })],
  ['kms key, duplicate', (t) => ({ method: 'POST', path: '/api/v1/kms/keys', body: { projectId: t.projectId, name: 'fidelity-key' } })],
  ['kms key, bad name', (t) => ({ method: 'POST', path: '/api/v1/kms/keys', body: { projectId: t.projectId, name: 'Bad Name' } })],
  ['kms encrypt', (t) => ({ method: 'POST', path: `/api/v1/kms/keys/${t.captured.keyId}/encrypt`, body: { plaintext: Buffer.from('hi').toString('base64') }, capture: (r) => ({ ciphertext: r.json.ciphertext }) })],
  ['kms decrypt', (t) => ({ method: 'POST', path: `/api/v1/kms/keys/${t.captured.keyId}/decrypt`, body: { ciphertext: t.captured.ciphertext } })],
  ['kms encrypt, unknown key', () => ({ method: 'POST', path: `/api/v1/kms/keys/${ZERO_UUID}/encrypt`, body: { plaintext: 'aGk=' } })],
  ['kms encrypt, not a uuid', () => ({ method: 'POST', path: '/api/v1/kms/keys/not-a-uuid/encrypt', body: { plaintext: 'aGk=' } })],
  ['kms key by name', (t) => ({ method: 'GET', path: '/api/v1/kms/keys/key-name/fidelity-key', query: { projectId: t.projectId } })],
  ['kms signing algorithms', (t) => ({ method: 'GET', path: `/api/v1/kms/keys/${t.captured.keyId}/signing-algorithms` })],
  ['kms delete', (t) => ({ method: 'DELETE', path: `/api/v1/kms/keys/${t.captured.keyId}` })],

  // --- dynamic secrets
  ['dynamic secret create', (t) => ({ method: 'POST', path: '/api/v1/dynamic-secrets', body: DS_BODY(t) })],
  ['dynamic secrets list', (t) => ({ method: 'GET', path: '/api/v1/dynamic-secrets', query: { projectSlug: t.projectSlug, environmentSlug: 'dev' } })],
  ['lease create', (t) => ({ method: 'POST', path: '/api/v1/dynamic-secrets/leases', body: { projectSlug: t.projectSlug, environmentSlug: 'dev', dynamicSecretName: 'pg' } })],
  ['dynamic secret get', (t) => ({ method: 'GET', path: '/api/v1/dynamic-secrets/pg', query: DS_WHERE(t) })],
  ['dynamic secret get, unknown', (t) => ({ method: 'GET', path: '/api/v1/dynamic-secrets/nope', query: DS_WHERE(t) })],
  ['dynamic secret update', (t) => ({ method: 'PATCH', path: '/api/v1/dynamic-secrets/pg', body: { ...DS_WHERE(t), data: { defaultTTL: '2h' } } })],
  ['dynamic secret update, unknown', (t) => ({ method: 'PATCH', path: '/api/v1/dynamic-secrets/nope', body: { ...DS_WHERE(t), data: { defaultTTL: '2h' } } })],
  ['leases list', (t) => ({ method: 'GET', path: '/api/v1/dynamic-secrets/pg/leases', query: DS_WHERE(t) })],
  ['leases list, unknown secret', (t) => ({ method: 'GET', path: '/api/v1/dynamic-secrets/nope/leases', query: DS_WHERE(t) })],
  ['lease get, unknown id', (t) => ({ method: 'GET', path: `/api/v1/dynamic-secrets/leases/${ZERO_UUID}`, query: DS_WHERE(t) })],
];

async function send(t, spec) {
  let token = spec.token === undefined ? 'admin' : spec.token;
  if (token === 'admin') token = t.token;
  else if (token === 'orgadmin') token = t.orgAdminToken || t.token;
  else if (token === 'viewer') token = t.viewerToken;
  else if (token === 'none') token = undefined;
  return rawApi(t.base, spec.method, spec.path, { query: spec.query, body: spec.body, token });
}

function describe(t, r) {
  const body = r.json;
  const out = { status: r.status, shape: shape(body) };
  if (r.status >= 400 && body && typeof body === 'object') {
    out.error = body.error;
    out.message = typeof body.message === 'string' ? normText(body.message, t) : Array.isArray(body.message) ? '<array of issues>' : body.message;
  }
  return out;
}

function compare(real, local) {
  const lines = [];
  if (real.status !== local.status) lines.push(`status: real ${real.status}, local ${local.status}`);
  else {
    if (real.error !== local.error) lines.push(`error: real ${JSON.stringify(real.error)}, local ${JSON.stringify(local.error)}`);
    if (real.message !== local.message) lines.push(`message: real ${JSON.stringify(real.message)}, local ${JSON.stringify(local.message)}`);
  }
  lines.push(...shapeDiff(real.shape, local.shape).map((l) => `shape ${l}`));
  return lines;
}

test('the local test server answers like the real server (or the difference is listed as newer-server behaviour)', async () => {
  const prov = new Provisioner();
  const server = await startServer({ port: 0, log: false });
  try {
    const targets = [await realTarget(prov), await localTarget(server)];
    const suffix = rand();
    for (const t of targets) {
      t.suffix = `${suffix}-${t.name}`;
      t.marks.push([t.suffix, '<suffix>']);
      const login = async (c) => (await rawApi(t.base, 'POST', '/api/v1/auth/universal-auth/login', { body: c })).json.accessToken;
      t.token = await login(t.creds);
      t.viewerToken = await login(t.viewerCreds);
      t.spareToken = await login(t.creds);
    }

    const report = {};
    let same = 0;
    for (const [name, make] of CALLS) {
      const answers = [];
      for (const t of targets) {
        const spec = make(t);
        const r = await send(t, spec);
        if (spec.capture) Object.assign(t.captured, spec.capture(r));
        if (spec.after) spec.after(r);
        answers.push(describe(t, r));
      }
      const lines = compare(answers[0], answers[1]);
      if (lines.length) report[name] = lines;
      else same += 1;
    }
    process.stderr.write(`[fidelity] ${CALLS.length} calls: ${same} the same, ${Object.keys(report).length} with differences\n`);
    if (process.env.INFISICAL_REAL_COUNTS_FILE) {
      require('node:fs').appendFileSync(
        process.env.INFISICAL_REAL_COUNTS_FILE,
        `${JSON.stringify({ fidelityCalls: CALLS.length, fidelitySame: same, fidelityListedNewer: Object.keys(report).length })}\n`,
      );
    }
    // INFISICAL_REAL_FIDELITY_REPORT=<file>: write the report there (to update fidelity-newer.json)
    if (process.env.INFISICAL_REAL_FIDELITY_REPORT) require('node:fs').writeFileSync(process.env.INFISICAL_REAL_FIDELITY_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    const listed = Object.fromEntries(Object.entries(NEWER).map(([k, v]) => [k, v.differences]));
    assert.deepStrictEqual(report, listed, `fidelity report (actual) vs fidelity-newer.json (expected):\n${JSON.stringify(report, null, 2)}`);
  } finally {
    await server.close();
    await prov.cleanup();
  }
});

module.exports = { shape, shapeDiff };
