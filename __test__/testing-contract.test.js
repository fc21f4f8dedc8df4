'use strict';
// The official @infisical/sdk 5.0.2, unchanged, against infisical-sdk-native/testing: every
// method of its public surface is called, and every answer the server gave has the shape the
// real server's contract gives (../shared/infisical-api.md beside the repository: the response
// schemas there strip unknown keys, so an extra key is a difference too).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { execFile } = require('node:child_process');

const { startInfisical } = require('infisical-sdk-native/testing');
const official = require('@infisical/sdk');

// ------------------------------------------------------------------ a small schema language
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const str = { kind: 'string' };
const iso = { kind: 'iso' };
const num = { kind: 'number' };
const bool = { kind: 'boolean' };
const unknown = { kind: 'unknown' };
const lit = (value) => ({ kind: 'literal', value });
const arr = (of) => ({ kind: 'array', of });
const nullable = (of) => ({ kind: 'nullable', of });
const opt = (of) => ({ kind: 'optional', of });
const obj = (fields) => ({ kind: 'object', fields });
const extend = (base, fields) => obj({ ...base.fields, ...fields });
const omit = (base, keys) => obj(Object.fromEntries(Object.entries(base.fields).filter(([k]) => !keys.includes(k))));

/** The differences between `value` and `schema`, as `where: what` strings. */
function check(schema, value, where = '$') {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  switch (schema.kind) {
    case 'unknown':
      return [];
    case 'optional':
      return value === undefined ? [] : check(schema.of, value, where);
    case 'nullable':
      return value === null ? [] : check(schema.of, value, where);
    case 'literal':
      return value === schema.value ? [] : [`${where}: expected ${JSON.stringify(schema.value)}, got ${JSON.stringify(value)}`];
    case 'iso':
      return typeof value === 'string' && ISO.test(value) ? [] : [`${where}: expected an ISO date, got ${JSON.stringify(value)}`];
    case 'array':
      return type === 'array' ? value.flatMap((v, i) => check(schema.of, v, `${where}[${i}]`)) : [`${where}: expected an array, got ${type}`];
    case 'object': {
      if (type !== 'object') return [`${where}: expected an object, got ${type}`];
      const out = [];
      for (const [k, s] of Object.entries(schema.fields)) out.push(...check(s, value[k], `${where}.${k}`));
      for (const k of Object.keys(value)) if (!(k in schema.fields)) out.push(`${where}.${k}: not in the contract`);
      return out;
    }
    default:
      return type === schema.kind ? [] : [`${where}: expected a ${schema.kind}, got ${type}`];
  }
}

// ------------------------------------------------------------------ the contract's response shapes
// §1
const TokenResponse = obj({ accessToken: str, expiresIn: num, accessTokenMaxTTL: num, tokenType: lit('Bearer') });
// §2.0
const Tag = obj({ id: str, slug: str, color: opt(nullable(str)), name: str });
const Metadata = obj({ key: str, value: str, isEncrypted: bool });
const SecretRaw = obj({
  id: str,
  _id: str,
  workspace: str,
  environment: str,
  version: num,
  type: str,
  secretKey: str,
  secretValue: str,
  secretComment: str,
  secretReminderNote: opt(nullable(str)),
  secretReminderRepeatDays: opt(nullable(num)),
  skipMultilineEncoding: opt(nullable(bool)),
  createdAt: iso,
  updatedAt: iso,
  actor: opt(nullable(obj({ actorId: opt(nullable(str)), actorType: opt(nullable(str)), name: opt(nullable(str)), membershipId: opt(nullable(str)), groupId: opt(nullable(str)) }))),
  isRotatedSecret: opt(bool),
  rotationId: opt(nullable(str)),
});
// §2.1 - §2.5
const ListSecrets = obj({
  secrets: arr(extend(SecretRaw, { secretPath: opt(str), secretValueHidden: bool, secretMetadata: opt(arr(Metadata)), tags: opt(arr(Tag)) })),
  imports: opt(
    arr(
      obj({
        secretPath: str,
        environment: str,
        folderId: opt(str),
        secrets: arr(extend(omit(SecretRaw, ['createdAt', 'updatedAt']), { secretValueHidden: bool, secretMetadata: opt(arr(Metadata)) })),
      }),
    ),
  ),
});
const GetSecret = obj({ secret: extend(SecretRaw, { secretValueHidden: bool, secretPath: str, tags: opt(arr(Tag)), secretMetadata: opt(arr(Metadata)) }) });
const CreateSecret = obj({ secret: SecretRaw });
const ChangedSecret = obj({ secret: extend(SecretRaw, { secretValueHidden: bool }) });
// §3
const DynamicSecret = obj({
  id: str,
  name: str,
  version: num,
  type: str,
  defaultTTL: str,
  maxTTL: opt(nullable(str)),
  folderId: str,
  status: opt(nullable(str)),
  statusDetails: opt(nullable(str)),
  createdAt: iso,
  updatedAt: iso,
  projectGatewayId: opt(nullable(str)),
  gatewayId: opt(nullable(str)),
  gatewayV2Id: opt(nullable(str)),
  usernameTemplate: opt(nullable(str)),
  metadata: opt(arr(obj({ key: str, value: str }))),
});
const Lease = obj({ id: str, version: num, externalEntityId: str, expireAt: iso, status: opt(nullable(str)), statusDetails: opt(nullable(str)), dynamicSecretId: str, createdAt: iso, updatedAt: iso, config: opt(unknown) });
// §4
const CreateEnvironment = obj({ message: str, workspace: str, environment: obj({ id: str, name: str, slug: str, position: num, projectId: str, createdAt: iso, updatedAt: iso }) });
// §5
const CreateProject = obj({
  project: obj({
    id: str,
    _id: str,
    name: str,
    slug: str,
    description: opt(nullable(str)),
    type: str,
    defaultProduct: opt(unknown),
    autoCapitalization: opt(nullable(bool)),
    orgId: str,
    createdAt: iso,
    updatedAt: iso,
    version: num,
    upgradeStatus: opt(nullable(str)),
    pitVersionLimit: num,
    kmsCertificateKeyId: opt(nullable(str)),
    auditLogsRetentionDays: opt(nullable(num)),
    hasDeleteProtection: opt(nullable(bool)),
    secretSharing: bool,
    showSnapshotsLegacy: bool,
    secretDetectionIgnoreValues: opt(nullable(arr(str))),
    environments: arr(obj({ name: str, slug: str, id: str })),
    kmsSecretManagerKeyId: opt(nullable(str)),
    // Not in the §5.1 list, which says it is a pick of SanitizedProjectSchema whose newest
    // version has the project setting §2.3 mentions ("some projects enforce encrypted metadata").
    enforceEncryptedSecretManagerSecretMetadata: opt(nullable(bool)),
  }),
});
const Memberships = obj({ memberships: arr(obj({ id: str, createdAt: iso, updatedAt: iso, userId: str, projectId: str })) });
// §6
const Folder = obj({ id: str, name: str, version: opt(nullable(num)), createdAt: iso, updatedAt: iso, envId: str, parentId: opt(nullable(str)), isReserved: opt(nullable(bool)), description: opt(nullable(str)), lastSecretModified: opt(nullable(iso)) });
// §7
const KmsKey = obj({
  id: str,
  description: opt(nullable(str)),
  isDisabled: opt(nullable(bool)),
  orgId: str,
  name: str,
  createdAt: iso,
  updatedAt: iso,
  projectId: opt(nullable(str)),
  keyUsage: str,
  kmipMetadata: opt(unknown),
  version: num,
  encryptionAlgorithm: str,
  algorithm: opt(str),
});

/** Response shape per route (the routes @infisical/sdk 5.0.2 calls). */
const ROUTES = [
  ['POST /api/v1/auth/universal-auth/login', TokenResponse],
  ['POST /api/v1/auth/aws-auth/login', TokenResponse],
  ['POST /api/v1/auth/token/renew', TokenResponse],
  ['GET /api/v3/secrets/raw', ListSecrets],
  ['GET /api/v3/secrets/raw/:name', GetSecret],
  ['POST /api/v3/secrets/raw/:name', CreateSecret],
  ['PATCH /api/v3/secrets/raw/:name', ChangedSecret],
  ['DELETE /api/v3/secrets/raw/:name', ChangedSecret],
  ['POST /api/v1/workspace/:id/environments', CreateEnvironment],
  ['POST /api/v2/workspace', CreateProject],
  ['POST /api/v2/workspace/:id/memberships', Memberships],
  ['POST /api/v1/folders', obj({ folder: extend(Folder, { path: str }) })],
  ['GET /api/v1/folders', obj({ folders: arr(extend(Folder, { relativePath: opt(str) })) })],
  ['POST /api/v1/dynamic-secrets', obj({ dynamicSecret: extend(DynamicSecret, { inputs: unknown }) })],
  ['POST /api/v1/dynamic-secrets/leases', obj({ lease: Lease, dynamicSecret: DynamicSecret, data: unknown })],
  ['DELETE /api/v1/dynamic-secrets/leases/:id', obj({ lease: Lease })],
  ['POST /api/v1/dynamic-secrets/leases/:id/renew', obj({ lease: Lease })],
  ['DELETE /api/v1/dynamic-secrets/:name', obj({ dynamicSecret: DynamicSecret })],
  ['POST /api/v1/kms/keys', obj({ key: KmsKey })],
  ['DELETE /api/v1/kms/keys/:id', obj({ key: KmsKey })],
  ['GET /api/v1/kms/keys/key-name/:name', obj({ key: KmsKey })],
  ['POST /api/v1/kms/keys/:id/encrypt', obj({ ciphertext: str })],
  ['POST /api/v1/kms/keys/:id/decrypt', obj({ plaintext: str })],
  ['POST /api/v1/kms/keys/:id/sign', obj({ signature: str, keyId: str, signingAlgorithm: str })],
  ['POST /api/v1/kms/keys/:id/verify', obj({ signatureValid: bool, keyId: str, signingAlgorithm: str })],
  ['GET /api/v1/kms/keys/:id/signing-algorithms', obj({ signingAlgorithms: arr(str) })],
  ['GET /api/v1/kms/keys/:id/public-key', obj({ publicKey: str })],
].map(([route, schema]) => {
  const [method, pattern] = route.split(' ');
  const re = new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`);
  return { route, method, re, schema };
});

function routeOf(record) {
  // the first match: fixed segments (key-name, leases) come before :params in ROUTES
  return ROUTES.find((r) => r.method === record.method && r.re.test(record.path));
}

/** AWS IAM login of the official package, in a child (its credentials come from the environment). */
function awsLoginInChild(server) {
  const child = path.join(__dirname, 'helpers', 'aws-child.js');
  const env = {
    PATH: process.env.PATH,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(__dirname, 'does-not-exist', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(__dirname, 'does-not-exist', 'credentials'),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: server.awsAccessKeyId,
    AWS_SECRET_ACCESS_KEY: server.awsSecretAccessKey,
    INFISICAL_AWS_CHILD: JSON.stringify({ side: 'official', siteUrl: server.url, loginArg: { identityId: server.awsIdentityId }, renew: true, followUp: true, projectId: server.projectId }),
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child], { env }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()))));
  });
}

test("the official @infisical/sdk's whole public surface works against the local server, every answer in the contract's shape", async () => {
  const server = await startInfisical({
    seed: {
      environments: ['shared'],
      secrets: {
        shared: { DB_HOST: 'db.internal' },
        dev: { DB_URL: 'postgres://${shared.DB_HOST}/app', API_KEY: { value: 'k', tags: ['backend'], comment: 'c' }, '/app': { PORT: '8080' } },
        staging: { FROM_STAGING: 's' },
      },
      imports: [{ environment: 'dev', from: { environment: 'staging' } }],
    },
  });
  try {
    const m = official;
    const sdk = new m.InfisicalSDK({ siteUrl: server.url });
    const results = {};
    const projectId = server.projectId;
    const LOC = { projectSlug: server.projectSlug, environmentSlug: 'dev' };

    // auth
    assert.equal(await sdk.auth().universalAuth.login({ clientId: server.clientId, clientSecret: server.clientSecret }), sdk);
    assert.equal(await sdk.auth().universalAuth.renew(), sdk);
    const token = sdk.auth().getAccessToken();
    assert.match(token, /^ey/);
    const other = new m.InfisicalSDK({ siteUrl: server.url });
    other.auth().accessToken(token);
    assert.equal((await other.secrets().listSecrets({ projectId, environment: 'staging' })).secrets.length, 1);
    const aws = await awsLoginInChild(server);
    assert.deepEqual(aws.outcome, { resolved: { same: true } }, JSON.stringify(aws));
    assert.equal(aws.followUp, 2);

    // secrets
    const s = sdk.secrets();
    results.list = await s.listSecrets({ projectId, environment: 'dev' });
    assert.deepEqual(results.list.secrets.map((x) => [x.secretKey, x.secretValue]), [['DB_URL', 'postgres://db.internal/app'], ['API_KEY', 'k']]);
    results.listImports = await s.listSecretsWithImports({ projectId, environment: 'dev', recursive: true });
    assert.deepEqual(results.listImports.map((x) => x.secretKey).sort(), ['API_KEY', 'DB_URL', 'FROM_STAGING', 'PORT']);
    results.get = await s.getSecret({ projectId, environment: 'dev', secretName: 'API_KEY' });
    assert.deepEqual(results.get.tags.map((t) => t.slug), ['backend']);
    results.create = await s.createSecret('NEW', { projectId, environment: 'dev', secretValue: 'v1', secretComment: 'new' });
    results.update = await s.updateSecret('NEW', { projectId, environment: 'dev', secretValue: 'v2', newSecretName: 'RENAMED' });
    assert.equal(results.update.secret.secretKey, 'RENAMED');
    results.delete = await s.deleteSecret('RENAMED', { projectId, environment: 'dev' });
    assert.deepEqual(server.secrets('dev'), { DB_URL: 'postgres://${shared.DB_HOST}/app', API_KEY: 'k' });

    // environments, projects, folders
    results.env = await sdk.environments().create({ name: 'QA', slug: 'qa', projectId });
    results.project = await sdk.projects().create({ projectName: 'Other App', type: 'secret-manager' });
    results.members = await sdk.projects().inviteMembers({ projectId: results.project.id, emails: ['alice@example.com'] });
    assert.equal(results.members.length, 1);
    results.folder = await sdk.folders().create({ name: 'billing', path: '/app', projectId, environment: 'dev' });
    results.folders = await sdk.folders().listFolders({ projectId, environment: 'dev', path: '/app' });
    assert.deepEqual(results.folders.map((f) => f.name), ['billing']);

    // dynamic secrets and leases
    const ds = sdk.dynamicSecrets();
    const provider = { type: m.DynamicSecretProviders.SqlDatabase, inputs: { client: m.SqlProviders.Postgres, host: 'db.internal', port: 5432, database: 'app', username: 'admin', password: 'admin-pw', creationStatement: 'CREATE USER "{{username}}";', revocationStatement: 'DROP USER "{{username}}";' } };
    results.ds = await ds.create({ provider, defaultTTL: '1h', maxTTL: '4h', name: 'db-creds', ...LOC });
    results.lease = await ds.leases.create({ dynamicSecretName: 'db-creds', ...LOC, ttl: '30m' });
    assert.ok(results.lease.data.DB_USERNAME && results.lease.data.DB_PASSWORD);
    const before = Date.parse(results.lease.lease.expireAt);
    server.advanceTime(10 * 60 * 1000);
    results.renew = await ds.leases.renew(results.lease.lease.id, { ...LOC, ttl: '30m' });
    assert.ok(Date.parse(results.renew.lease.expireAt) > before);
    results.leaseDelete = await ds.leases.delete(results.lease.lease.id, LOC);
    results.dsDelete = await ds.delete('db-creds', LOC);

    // KMS
    const keys = sdk.kms().keys();
    const enc = await keys.create({ projectId, name: 'enc-key' });
    assert.equal((await keys.getByName({ projectId, name: 'enc-key' })).id, enc.id);
    const plaintext = Buffer.from('hello').toString('base64');
    const ciphertext = await sdk.kms().encryption().encrypt({ keyId: enc.id, plaintext });
    assert.equal(await sdk.kms().encryption().decrypt({ keyId: enc.id, ciphertext }), plaintext);
    const signingKey = await keys.create({ projectId, name: 'sign-key', keyUsage: m.KeyUsage.SIGNING, encryptionAlgorithm: m.EncryptionAlgorithm.ECC_NIST_P256 });
    const signing = sdk.kms().signing();
    assert.ok((await signing.listSigningAlgorithms({ keyId: signingKey.id })).includes(m.SigningAlgorithm.ECDSA_SHA_256));
    const publicKey = await signing.getPublicKey({ keyId: signingKey.id });
    const signed = await signing.sign({ keyId: signingKey.id, data: plaintext, signingAlgorithm: m.SigningAlgorithm.ECDSA_SHA_256 });
    const key = crypto.createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    assert.ok(crypto.verify('sha256', Buffer.from('hello'), key, Buffer.from(signed.signature, 'base64')));
    assert.equal((await signing.verify({ keyId: signingKey.id, data: plaintext, signature: signed.signature, signingAlgorithm: m.SigningAlgorithm.ECDSA_SHA_256 })).signatureValid, true);
    await keys.delete({ keyId: enc.id });
    await keys.delete({ keyId: signingKey.id });

    // Every answer of every route the package called: a 200 in the contract's shape.
    const seen = new Set();
    const problems = [];
    for (const record of server.requests) {
      const route = routeOf(record);
      assert.ok(route, `no contract shape for ${record.method} ${record.path}`);
      seen.add(route.route);
      assert.equal(record.response.status, 200, `${record.method} ${record.path}: ${JSON.stringify(record.response.body)}`);
      problems.push(...check(route.schema, record.response.body).map((p) => `${route.route} ${p}`));
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(ROUTES.map((r) => r.route).filter((r) => !seen.has(r)), [], 'routes not exercised');
  } finally {
    await server.close();
  }
});

test('the shape check fails on a missing key, a wrong type and a key outside the contract', () => {
  const good = { accessToken: 'x', expiresIn: 1, accessTokenMaxTTL: 2, tokenType: 'Bearer' };
  assert.deepEqual(check(TokenResponse, good), []);
  assert.deepEqual(check(TokenResponse, { ...good, expiresIn: '1', extra: 1, tokenType: undefined }), [
    '$.expiresIn: expected a number, got string',
    '$.tokenType: expected "Bearer", got undefined',
    '$.extra: not in the contract',
  ]);
  assert.deepEqual(check(obj({ a: arr(iso) }), { a: ['2026-01-01T00:00:00.000Z', 'yesterday'] }), ['$.a[1]: expected an ISO date, got "yesterday"']);
});
