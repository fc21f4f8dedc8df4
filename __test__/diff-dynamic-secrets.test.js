'use strict';

// Differential tests of sdk.dynamicSecrets() and its leases: create for several providers
// (minimal and with every option), delete, lease create/renew/delete, the shape of the client
// (prototype create/delete, own arrow-function leases), server errors, bad input, and the
// deliberate difference in how lease ids reach the path.

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
  callOutcome,
  apiRequests,
  rejectedShape,
  assertRefusedLocally,
} = require('./helpers/diff');

// The methods we add beyond the official SDK (README "Beyond the official SDK").
const BEYOND = { dynamicSecrets: ['list', 'get', 'update'], leases: ['list', 'get'] };

const h = useServer();
const diff = (name, scenario, opts) => test(name, () => runDiff(h, scenario, opts));

const DS = '/api/v1/dynamic-secrets';
const LEASES = '/api/v1/dynamic-secrets/leases';
const SLUG = 'test-project';
const LOC = { projectSlug: SLUG, environmentSlug: 'dev' };
const UNKNOWN_LEASE = '99999999-9999-4999-8999-999999999999';

const at = (ms) => new Date(Date.parse(FIXED_NOW_ISO) + ms).toISOString();
const MIN = 60 * 1000;
const HOUR = 60 * MIN;

// ---------------------------------------------------------------------------------------------
// Providers (built from the module under test, so its enums are exercised too)

const redis = (m) => ({
  type: m.DynamicSecretProviders.Redis,
  inputs: {
    host: 'redis.internal',
    port: 6379,
    username: 'default',
    password: 'redis-pw',
    creationStatement: 'ACL SETUSER {{username}} on >{{password}} ~* &* +@all',
    revocationStatement: 'ACL DELUSER {{username}}',
  },
});

const postgres = (m) => ({
  type: m.DynamicSecretProviders.SqlDatabase,
  inputs: {
    client: m.SqlProviders.Postgres,
    host: 'db.internal',
    port: 5432,
    database: 'app',
    username: 'admin',
    password: 'admin-pw',
    creationStatement: "CREATE USER \"{{username}}\" WITH PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
    revocationStatement: 'DROP USER "{{username}}";',
    renewStatement: "ALTER USER \"{{username}}\" VALID UNTIL '{{expiration}}';",
    ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    passwordRequirements: { length: 48, required: { minUppercase: 1, minLowercase: 1, minDigits: 1, minSymbols: 0 }, allowedSymbols: '-_.' },
  },
});

const awsIam = (m) => ({
  type: m.DynamicSecretProviders.AwsIam,
  inputs: {
    accessKey: 'AKIAEXAMPLEEXAMPLE12',
    secretAccessKey: 'secret/example+key',
    region: 'eu-west-1',
    awsPath: '/infisical/',
    permissionBoundaryPolicyArn: 'arn:aws:iam::123456789012:policy/boundary',
    policyDocument: '{"Version":"2012-10-17","Statement":[]}',
    userGroups: 'devs,ops',
    policyArns: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  },
});

const totpManual = (m) => ({
  type: m.DynamicSecretProviders.Totp,
  inputs: { configType: 'manual', secret: 'JBSWY3DPEHPK3PXP', period: 30, algorithm: 'sha256', digits: 6 },
});

const totpUrl = (m) => ({
  type: m.DynamicSecretProviders.Totp,
  inputs: { configType: 'url', url: 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example' },
});

const redisOpts = (m, extra) => ({ provider: redis(m), defaultTTL: '1h', maxTTL: '24h', name: 'redis-creds', ...LOC, ...extra });

// A dynamic secret (redis, /, defaultTTL 1h, maxTTL 24h) and one lease on it.
async function withLease(m, ctx, leaseOptions = {}, sdkOptions = {}) {
  const sdk = await ctx.loggedIn(m, sdkOptions);
  await sdk.dynamicSecrets().create(redisOpts(m));
  const created = await sdk.dynamicSecrets().leases.create({ dynamicSecretName: 'redis-creds', ...LOC, ...leaseOptions });
  return { sdk, created, leaseId: created.lease.id };
}

// ---------------------------------------------------------------------------------------------
// dynamicSecrets().create

diff(
  'create (Redis) with the options the official types require: body is the options, result is dynamicSecret',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.dynamicSecrets().create(redisOpts(m));
  },
  {
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.method, 'POST');
      assert.equal(r.path, DS);
      assert.equal(r.query.raw, '');
      assert.equal(r.contentType, 'application/json');
      assert.equal(r.authorization, 'Bearer <token#1>');
      assert.deepEqual(r.body, {
        provider: {
          type: 'redis',
          inputs: {
            host: 'redis.internal',
            port: 6379,
            username: 'default',
            password: 'redis-pw',
            creationStatement: 'ACL SETUSER {{username}} on >{{password}} ~* &* +@all',
            revocationStatement: 'ACL DELUSER {{username}}',
          },
        },
        defaultTTL: '1h',
        maxTTL: '24h',
        name: 'redis-creds',
        projectSlug: SLUG,
        environmentSlug: 'dev',
      });
      const ds = assertResolved(side);
      assert.equal(ds.name, 'redis-creds');
      assert.equal(ds.type, 'redis');
      assert.equal(ds.defaultTTL, '1h');
      assert.equal(ds.maxTTL, '24h');
      assert.equal(ds.createdAt, FIXED_NOW_ISO);
      assert.deepEqual(ds.metadata, []);
      assert.equal(ds.inputs.host, 'redis.internal');
      assert.equal('dynamicSecret' in ds, false, 'unwrapped');
    },
  },
);

diff(
  'create without maxTTL (the server allows it): maxTTL null',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const o = redisOpts(m);
    delete o.maxTTL;
    const ds = await sdk.dynamicSecrets().create(o);
    return { maxTTL: ds.maxTTL, defaultTTL: ds.defaultTTL };
  },
  {
    check(side) {
      assert.equal('maxTTL' in apiRequests(side)[0].body, false);
      assert.deepEqual(assertResolved(side), { maxTTL: null, defaultTTL: '1h' });
    },
  },
);

diff(
  'create (SQL database, Postgres) with every option: path, metadata, maxTTL, extra fields pass through',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return sdk.dynamicSecrets().create({
      provider: postgres(m),
      defaultTTL: '2h',
      maxTTL: '7d',
      name: 'pg-app',
      projectSlug: SLUG,
      environmentSlug: 'staging',
      path: '/apps/pg/',
      metadata: [
        { key: 'team', value: 'backend' },
        { key: 'owner', value: 'alice' },
      ],
      usernameTemplate: '{{randomUsername}}',
    });
  },
  {
    setup(server) {
      server.createFolder(P, 'staging', '/apps/pg');
    },
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.path, DS);
      assert.deepEqual(Object.keys(r.body), [
        'provider',
        'defaultTTL',
        'maxTTL',
        'name',
        'projectSlug',
        'environmentSlug',
        'path',
        'metadata',
        'usernameTemplate',
      ]);
      assert.equal(r.body.provider.type, 'sql-database');
      assert.equal(r.body.provider.inputs.client, 'postgres');
      assert.deepEqual(r.body.provider.inputs.passwordRequirements, {
        length: 48,
        required: { minUppercase: 1, minLowercase: 1, minDigits: 1, minSymbols: 0 },
        allowedSymbols: '-_.',
      });
      assert.equal(r.body.path, '/apps/pg/');
      const ds = assertResolved(side);
      assert.equal(ds.type, 'sql-database');
      assert.equal(ds.maxTTL, '7d');
      assert.equal(ds.usernameTemplate, '{{randomUsername}}');
      assert.deepEqual(ds.metadata, [
        { key: 'team', value: 'backend' },
        { key: 'owner', value: 'alice' },
      ]);
      assert.equal(ds.inputs.client, 'postgres');
      assert.equal(ds.inputs.port, 5432);
    },
  },
);

diff(
  'create (AWS IAM and TOTP, manual and URL) in a sub-folder',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const base = { defaultTTL: '15m', maxTTL: '1h', ...LOC, path: '/cloud' };
    const aws = await sdk.dynamicSecrets().create({ ...base, provider: awsIam(m), name: 'aws-deploy' });
    const manual = await sdk.dynamicSecrets().create({ ...base, provider: totpManual(m), name: 'totp-manual' });
    const url = await sdk.dynamicSecrets().create({ ...base, provider: totpUrl(m), name: 'totp-url', metadata: [{ key: 'k', value: 'v' }] });
    return [aws, manual, url].map((d) => ({ name: d.name, type: d.type, inputs: d.inputs, metadata: d.metadata, folderId: d.folderId }));
  },
  {
    setup(server) {
      server.createFolder(P, 'dev', '/cloud');
    },
    check(side) {
      const reqs = apiRequests(side);
      assert.deepEqual(reqs.map((r) => [r.method, r.path, r.body.provider.type, r.body.path]), [
        ['POST', DS, 'aws-iam', '/cloud'],
        ['POST', DS, 'totp', '/cloud'],
        ['POST', DS, 'totp', '/cloud'],
      ]);
      const [aws, manual, url] = assertResolved(side);
      assert.equal(aws.inputs.region, 'eu-west-1');
      assert.equal(aws.inputs.secretAccessKey, 'secret/example+key');
      assert.equal(manual.inputs.configType, 'manual');
      assert.equal(manual.inputs.algorithm, 'sha256');
      assert.equal(url.inputs.configType, 'url');
      assert.deepEqual(url.metadata, [{ key: 'k', value: 'v' }]);
      assert.equal(new Set([aws.folderId, manual.folderId, url.folderId]).size, 1);
    },
  },
);

diff(
  'create: duplicate name → 400, bad TTL "5s" → 422, missing folder → 404, unknown project → 404, record metadata → 422',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const ds = sdk.dynamicSecrets();
    await ds.create(redisOpts(m));
    return {
      duplicate: await callOutcome(() => ds.create(redisOpts(m))),
      badTtl: await callOutcome(() => ds.create(redisOpts(m, { name: 'short', defaultTTL: '5s' }))),
      badMaxTtl: await callOutcome(() => ds.create(redisOpts(m, { name: 'long', maxTTL: '20y' }))),
      noFolder: await callOutcome(() => ds.create(redisOpts(m, { name: 'nofolder', path: '/missing' }))),
      noProject: await callOutcome(() => ds.create(redisOpts(m, { name: 'noproject', projectSlug: 'nope-project' }))),
      badName: await callOutcome(() => ds.create(redisOpts(m, { name: 'Not A Slug' }))),
      // the official types say `metadata?: Record<string, any>`; the server wants [{ key, value }]
      recordMetadata: await callOutcome(() => ds.create(redisOpts(m, { name: 'meta', metadata: { team: 'backend' } }))),
    };
  },
  {
    check(side) {
      const url = `${h.server.url}${DS}`;
      const r = assertResolved(side);
      assert.deepEqual(r.duplicate, rejectedShape('InfisicalSDKRequestError', `[URL=${url}] [Method=POST] [StatusCode=400] Provided dynamic secret already exist under the folder`));
      assert.deepEqual(r.badTtl, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.deepEqual(r.badMaxTtl, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.match(r.noFolder.rejected.message, /^\[URL=.*\] \[Method=POST\] \[StatusCode=404\] Folder with path '\/missing'/);
      assert.match(r.noProject.rejected.message, /\[StatusCode=404\]/);
      assert.deepEqual(r.badName, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.deepEqual(r.recordMetadata, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.deepEqual(apiRequests(side)[7].body.metadata, { team: 'backend' });
      assert.equal(apiRequests(side).length, 8);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// dynamicSecrets().delete

diff(
  'delete minimal: DELETE with the options as JSON body, resolves to dynamicSecret (no inputs)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    await sdk.dynamicSecrets().create(redisOpts(m));
    return sdk.dynamicSecrets().delete('redis-creds', LOC);
  },
  {
    check(side) {
      const [, r] = apiRequests(side);
      assert.equal(r.method, 'DELETE');
      assert.equal(r.path, `${DS}/redis-creds`);
      assert.equal(r.contentType, 'application/json');
      assert.deepEqual(r.body, LOC);
      const ds = assertResolved(side);
      assert.equal(ds.name, 'redis-creds');
      assert.equal('inputs' in ds, false);
    },
  },
);

diff(
  'delete with path and isForced, upper-case name (the server lower-cases it), its leases go too',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const ds = sdk.dynamicSecrets();
    await ds.create(redisOpts(m, { name: 'app-cache', path: '/app' }));
    const lease = await ds.leases.create({ dynamicSecretName: 'app-cache', ...LOC, path: '/app' });
    const deleted = await ds.delete('App-Cache', { ...LOC, path: '/app', isForced: true });
    const renewAfter = await callOutcome(() => ds.leases.renew(lease.lease.id, { ...LOC, path: '/app' }));
    const again = await callOutcome(() => ds.delete('app-cache', { ...LOC, path: '/app', isForced: false }));
    return { deleted: deleted.name, renewAfter, again };
  },
  {
    setup(server) {
      server.createFolder(P, 'dev', '/app');
    },
    check(side) {
      const reqs = apiRequests(side);
      assert.equal(reqs[2].path, `${DS}/App-Cache`);
      assert.deepEqual(reqs[2].body, { ...LOC, path: '/app', isForced: true });
      assert.deepEqual(reqs[4].body, { ...LOC, path: '/app', isForced: false });
      const r = assertResolved(side);
      assert.equal(r.deleted, 'app-cache');
      assert.match(r.renewAfter.rejected.message, /\[StatusCode=404\] Dynamic secret lease with ID '.*' not found$/);
      assert.deepEqual(
        r.again,
        rejectedShape('InfisicalSDKRequestError', `[URL=${h.server.url}${DS}/app-cache] [Method=DELETE] [StatusCode=404] Dynamic secret with name 'app-cache' in folder with path '/app' not found`),
      );
    },
  },
);

diff(
  'delete: the name is percent-encoded into one path segment',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    return callOutcome(() => sdk.dynamicSecrets().delete('odd name/x?y#z%', LOC));
  },
  {
    check(side) {
      const [r] = apiRequests(side);
      assert.equal(r.path, `${DS}/odd%20name%2Fx%3Fy%23z%25`);
      assert.equal(r.query.raw, '');
      assert.match(assertResolved(side).rejected.message, /\[StatusCode=404\] Dynamic secret with name 'odd name\/x\?y#z%'/);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// leases.create

diff(
  'leases.create minimal: POST /leases with the options, resolves to the whole body (lease, dynamicSecret, data)',
  async (m, ctx) => {
    const { created } = await withLease(m, ctx);
    return created;
  },
  {
    check(side) {
      const [, r] = apiRequests(side);
      assert.equal(r.method, 'POST');
      assert.equal(r.path, LEASES);
      assert.deepEqual(r.body, { dynamicSecretName: 'redis-creds', ...LOC });
      const body = assertResolved(side);
      assert.deepEqual(Object.keys(body), ['lease', 'dynamicSecret', 'data']);
      assert.equal(body.lease.expireAt, at(HOUR));
      assert.equal(body.lease.createdAt, FIXED_NOW_ISO);
      assert.equal(body.dynamicSecret.name, 'redis-creds');
      assert.deepEqual(Object.keys(body.data), ['DB_USERNAME', 'DB_PASSWORD']);
    },
  },
);

diff(
  'leases.create with ttl and path (AWS IAM and TOTP credentials), upper-case name is lower-cased',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const ds = sdk.dynamicSecrets();
    await ds.create({ provider: awsIam(m), defaultTTL: '1h', maxTTL: '4h', name: 'aws-deploy', ...LOC, path: '/cloud' });
    await ds.create({ provider: totpManual(m), defaultTTL: '1h', maxTTL: '4h', name: 'totp', ...LOC, path: '/cloud' });
    const aws = await ds.leases.create({ dynamicSecretName: 'AWS-Deploy', ...LOC, path: '/cloud', ttl: '2h' });
    const totp = await ds.leases.create({ dynamicSecretName: 'totp', ...LOC, path: '/cloud', ttl: '90m' });
    return { aws, totp };
  },
  {
    setup(server) {
      server.createFolder(P, 'dev', '/cloud');
    },
    check(side) {
      const reqs = apiRequests(side);
      assert.deepEqual(reqs[2].body, { dynamicSecretName: 'AWS-Deploy', ...LOC, path: '/cloud', ttl: '2h' });
      assert.deepEqual(reqs[3].body, { dynamicSecretName: 'totp', ...LOC, path: '/cloud', ttl: '90m' });
      const { aws, totp } = assertResolved(side);
      assert.equal(aws.lease.expireAt, at(2 * HOUR));
      assert.deepEqual(Object.keys(aws.data), ['ACCESS_KEY', 'SECRET_ACCESS_KEY', 'USERNAME']);
      assert.equal(totp.lease.expireAt, at(90 * MIN));
      assert.match(totp.data.TOTP, /^\d{6}$/);
    },
  },
);

diff(
  'leases.create errors: unknown dynamic secret 404, TTL "5s" 422, TTL over maxTTL 400, null ttl is sent as null (422)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const ds = sdk.dynamicSecrets();
    await ds.create(redisOpts(m));
    return {
      unknown: await callOutcome(() => ds.leases.create({ dynamicSecretName: 'nope', ...LOC })),
      shortTtl: await callOutcome(() => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC, ttl: '5s' })),
      overMax: await callOutcome(() => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC, ttl: '2d' })),
      nullTtl: await callOutcome(() => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC, ttl: null })),
      noFolder: await callOutcome(() => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC, path: '/nowhere' })),
    };
  },
  {
    check(side) {
      const url = `${h.server.url}${LEASES}`;
      const reqs = apiRequests(side);
      assert.equal(reqs.length, 6);
      assert.deepEqual(reqs[4].body, { dynamicSecretName: 'redis-creds', ...LOC, ttl: null });
      assert.deepEqual(assertResolved(side), {
        unknown: rejectedShape('InfisicalSDKRequestError', `[URL=${url}] [Method=POST] [StatusCode=404] Dynamic secret with name 'nope' in folder with path '/' not found`),
        shortTtl: rejectedShape('InfisicalSDKError', 'Request failed with status 422'),
        overMax: rejectedShape('InfisicalSDKRequestError', `[URL=${url}] [Method=POST] [StatusCode=400] TTL cannot be larger than max TTL`),
        nullTtl: rejectedShape('InfisicalSDKError', 'Request failed with status 422'),
        noFolder: rejectedShape('InfisicalSDKRequestError', `[URL=${url}] [Method=POST] [StatusCode=404] Folder with path '/nowhere' in environment with slug 'dev' not found`),
      });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// leases.renew

diff(
  'leases.renew minimal extends expireAt by the default TTL; with ttl by that TTL; whole body',
  async (m, ctx) => {
    const { sdk, created, leaseId } = await withLease(m, ctx);
    ctx.tick(60);
    const first = await sdk.dynamicSecrets().leases.renew(leaseId, LOC);
    const second = await sdk.dynamicSecrets().leases.renew(leaseId, { ...LOC, ttl: '30m', path: '/' });
    return { before: created.lease.expireAt, first, second };
  },
  {
    check(side) {
      const reqs = apiRequests(side);
      const leaseId = assertResolved(side).first.lease.id;
      assert.equal(reqs[2].method, 'POST');
      assert.equal(reqs[2].path, `${LEASES}/${leaseId}/renew`);
      assert.deepEqual(reqs[2].body, LOC);
      assert.deepEqual(reqs[3].body, { ...LOC, ttl: '30m', path: '/' });
      const r = assertResolved(side);
      assert.deepEqual(Object.keys(r.first), ['lease']);
      assert.equal(r.before, at(HOUR));
      assert.equal(r.first.lease.expireAt, at(2 * HOUR));
      assert.equal(r.first.lease.updatedAt, at(MIN));
      assert.equal(r.second.lease.expireAt, at(2 * HOUR + 30 * MIN));
    },
  },
);

diff(
  'leases.renew errors: unknown lease 404, TTL "5s" 422, past maxTTL 400',
  async (m, ctx) => {
    const { sdk, leaseId } = await withLease(m, ctx);
    const leases = sdk.dynamicSecrets().leases;
    return {
      unknown: await callOutcome(() => leases.renew(UNKNOWN_LEASE, LOC)),
      shortTtl: await callOutcome(() => leases.renew(leaseId, { ...LOC, ttl: '5s' })),
      overMax: await callOutcome(() => leases.renew(leaseId, { ...LOC, ttl: '1d' })),
    };
  },
  {
    check(side) {
      const r = assertResolved(side);
      assert.deepEqual(
        r.unknown,
        rejectedShape('InfisicalSDKRequestError', `[URL=${h.server.url}${LEASES}/${UNKNOWN_LEASE}/renew] [Method=POST] [StatusCode=404] Dynamic secret lease with ID '${UNKNOWN_LEASE}' not found`),
      );
      assert.deepEqual(r.shortTtl, rejectedShape('InfisicalSDKError', 'Request failed with status 422'));
      assert.match(r.overMax.rejected.message, /\[StatusCode=400\] The requested renewal would exceed the maximum allowed lease duration/);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// leases.delete

diff(
  'leases.delete minimal and with isForced/path: DELETE with a JSON body, whole body; then 404',
  async (m, ctx) => {
    const { sdk, leaseId } = await withLease(m, ctx);
    const leases = sdk.dynamicSecrets().leases;
    const second = await leases.create({ dynamicSecretName: 'redis-creds', ...LOC, ttl: '10m' });
    const a = await leases.delete(leaseId, LOC);
    const b = await leases.delete(second.lease.id, { ...LOC, path: '/', isForced: true });
    const again = await callOutcome(() => leases.delete(leaseId, { ...LOC, isForced: false }));
    return { a, b, again };
  },
  {
    check(side) {
      const reqs = apiRequests(side);
      const r = assertResolved(side);
      assert.equal(reqs[3].method, 'DELETE');
      assert.equal(reqs[3].path, `${LEASES}/${r.a.lease.id}`);
      assert.equal(reqs[3].contentType, 'application/json');
      assert.deepEqual(reqs[3].body, LOC);
      assert.deepEqual(reqs[4].body, { ...LOC, path: '/', isForced: true });
      assert.deepEqual(reqs[5].body, { ...LOC, isForced: false });
      assert.deepEqual(Object.keys(r.a), ['lease']);
      assert.equal(r.a.lease.expireAt, at(HOUR));
      assert.equal(r.b.lease.expireAt, at(10 * MIN));
      assert.deepEqual(
        r.again,
        rejectedShape('InfisicalSDKRequestError', `[URL=${h.server.url}${LEASES}/${r.a.lease.id}] [Method=DELETE] [StatusCode=404] Dynamic secret lease with ID '${r.a.lease.id}' not found`),
      );
    },
  },
);

diff(
  'a lease past its expiry is gone: renew gives 404',
  async (m, ctx) => {
    const { sdk, leaseId } = await withLease(m, ctx, { ttl: '2m' });
    ctx.tick(180);
    return callOutcome(() => sdk.dynamicSecrets().leases.renew(leaseId, LOC));
  },
  {
    check(side) {
      assert.match(assertResolved(side).rejected.message, /\[StatusCode=404\] Dynamic secret lease with ID/);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Shape and detached methods

diff(
  'shape: create/delete are prototype methods, leases is an own object of arrow functions',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const ds = sdk.dynamicSecrets();
    const proto = Object.getPrototypeOf(ds);
    return {
      same: sdk.dynamicSecrets() === ds,
      protoCreate: typeof proto.create === 'function',
      protoDelete: typeof proto.delete === 'function',
      ownCreate: Object.prototype.hasOwnProperty.call(ds, 'create'),
      ownDelete: Object.prototype.hasOwnProperty.call(ds, 'delete'),
      ownLeases: Object.prototype.hasOwnProperty.call(ds, 'leases'),
      // the official methods; what we add beyond them is checked on its own below
      leaseKeys: Object.keys(ds.leases).filter((k) => !BEYOND.leases.includes(k)),
      leaseFns: Object.keys(ds.leases)
        .filter((k) => !BEYOND.leases.includes(k))
        .map((k) => [typeof ds.leases[k], 'prototype' in ds.leases[k]]),
      sameLeases: ds.leases === sdk.dynamicSecrets().leases,
    };
  },
  {
    check(side) {
      assert.deepEqual(assertResolved(side), {
        same: true,
        protoCreate: true,
        protoDelete: true,
        ownCreate: false,
        ownDelete: false,
        ownLeases: true,
        leaseKeys: ['create', 'delete', 'renew'],
        leaseFns: [
          ['function', false],
          ['function', false],
          ['function', false],
        ],
        sameLeases: true,
      });
    },
  },
);

test('beyond the official SDK: list/get/update and leases.list/get are own arrow functions, and nothing else is added', async () => {
  const { InfisicalSDK } = require('..');
  const ds = new InfisicalSDK({ siteUrl: 'http://127.0.0.1:1' }).dynamicSecrets();
  assert.deepEqual(Object.keys(ds), [...BEYOND.dynamicSecrets, 'leases']);
  assert.deepEqual(Object.keys(ds.leases), ['create', 'delete', 'renew', ...BEYOND.leases]);
  for (const f of [...BEYOND.dynamicSecrets.map((k) => ds[k]), ...BEYOND.leases.map((k) => ds.leases[k])]) {
    assert.equal(typeof f, 'function');
    assert.equal('prototype' in f, false, 'an arrow function');
  }
});

diff(
  'leases.create/renew/delete work detached',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    await sdk.dynamicSecrets().create(redisOpts(m));
    const { create, renew, delete: del } = sdk.dynamicSecrets().leases;
    const c = await create({ dynamicSecretName: 'redis-creds', ...LOC, ttl: '5m' });
    const r = await renew(c.lease.id, { ...LOC, ttl: '5m' });
    const d = await del(c.lease.id, LOC);
    return { c: c.lease.expireAt, r: r.lease.expireAt, d: d.lease.id === c.lease.id };
  },
  {
    check(side) {
      assert.deepEqual(apiRequests(side).map((r) => r.method), ['POST', 'POST', 'POST', 'DELETE']);
      assert.deepEqual(assertResolved(side), { c: at(5 * MIN), r: at(10 * MIN), d: true });
    },
  },
);

// The official create/delete read `this.apiClient`, so detached they reject (no request) with
// the V8 message "Cannot read properties of undefined (reading 'apiClient')". A drop-in must
// reject the same way.
diff(
  'create/delete called detached reject without a request',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const { create, delete: del } = sdk.dynamicSecrets();
    return {
      create: await callOutcome(() => create(redisOpts(m))),
      delete: await callOutcome(() => del('redis-creds', LOC)),
    };
  },
  {
    check(side) {
      assert.equal(apiRequests(side).length, 0);
      const r = assertResolved(side);
      assert.equal(r.create.rejected.name, 'InfisicalSDKError');
      assert.equal(r.delete.rejected.name, 'InfisicalSDKError');
      assert.deepEqual(r, {
        create: rejectedShape('InfisicalSDKError', "Cannot read properties of undefined (reading 'apiClient')"),
        delete: rejectedShape('InfisicalSDKError', "Cannot read properties of undefined (reading 'apiClient')"),
      });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Authentication faults

diff(
  'not logged in: every method gets 401 Token missing',
  async (m, ctx) => {
    const ds = new m.InfisicalSDK({ siteUrl: ctx.url }).dynamicSecrets();
    return {
      create: await callOutcome(() => ds.create(redisOpts(m))),
      delete: await callOutcome(() => ds.delete('redis-creds', LOC)),
      leaseCreate: await callOutcome(() => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC })),
      renew: await callOutcome(() => ds.leases.renew(UNKNOWN_LEASE, LOC)),
      leaseDelete: await callOutcome(() => ds.leases.delete(UNKNOWN_LEASE, LOC)),
    };
  },
  {
    check(side) {
      assert.equal(side.requests.length, 5);
      assert.ok(side.requests.every((r) => r.authorization === undefined));
      const u = h.server.url;
      assert.deepEqual(assertResolved(side), {
        create: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${DS}] [Method=POST] [StatusCode=401] Token missing`),
        delete: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${DS}/redis-creds] [Method=DELETE] [StatusCode=401] Token missing`),
        leaseCreate: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${LEASES}] [Method=POST] [StatusCode=401] Token missing`),
        renew: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${LEASES}/${UNKNOWN_LEASE}/renew] [Method=POST] [StatusCode=401] Token missing`),
        leaseDelete: rejectedShape('InfisicalSDKRequestError', `[URL=${u}${LEASES}/${UNKNOWN_LEASE}] [Method=DELETE] [StatusCode=401] Token missing`),
      });
    },
  },
);

diff(
  'expired token: every method gets 403',
  async (m, ctx) => {
    const { sdk, leaseId } = await withLease(m, ctx, {}, { autoTokenRefresh: false });
    ctx.server.expireToken(sdk.auth().getAccessToken());
    const ds = sdk.dynamicSecrets();
    return {
      create: await callOutcome(() => ds.create(redisOpts(m, { name: 'other' }))),
      delete: await callOutcome(() => ds.delete('redis-creds', LOC)),
      leaseCreate: await callOutcome(() => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC })),
      renew: await callOutcome(() => ds.leases.renew(leaseId, LOC)),
      leaseDelete: await callOutcome(() => ds.leases.delete(leaseId, LOC)),
    };
  },
  {
    check(side) {
      const r = assertResolved(side);
      for (const k of Object.keys(r)) {
        assert.equal(r[k].rejected.name, 'InfisicalSDKRequestError', k);
        assert.ok(r[k].rejected.message.endsWith('[StatusCode=403] Your token has expired. Please re-authenticate.'), r[k].rejected.message);
      }
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Deliberate: bad input. official: sends whatever it got (server 422/404, or a lease id
// stringified into the path); ours: rejects before any request with an InfisicalSDKError naming
// the option.

const BAD_INPUT = [
  // [label, call(ds, m), option regex, official outcome]
  // official: POST with no body → 422
  ['create()', (ds) => ds.create(), /options/, 'Request failed with status 422'],
  ['create(null)', (ds) => ds.create(null), /options/, 'Request failed with status 422'],
  // official: body without provider → 422
  ['create without provider', (ds, m) => ds.create({ ...redisOpts(m), provider: undefined }), /provider/, 'Request failed with status 422'],
  ['create with a provider without inputs', (ds, m) => ds.create({ ...redisOpts(m), provider: { type: 'redis' } }), /provider/, 'Request failed with status 422'],
  ['create without name', (ds, m) => ds.create({ ...redisOpts(m), name: undefined }), /"name"/, 'Request failed with status 422'],
  ['create without defaultTTL', (ds, m) => ds.create({ ...redisOpts(m), defaultTTL: undefined }), /defaultTTL/, 'Request failed with status 422'],
  ['create with a numeric projectSlug', (ds, m) => ds.create({ ...redisOpts(m), projectSlug: 5 }), /projectSlug/, 'Request failed with status 422'],
  ['create with a numeric maxTTL', (ds, m) => ds.create({ ...redisOpts(m), maxTTL: 3600 }), /maxTTL/, 'Request failed with status 422'],
  ['create without environmentSlug', (ds, m) => ds.create({ ...redisOpts(m), environmentSlug: undefined }), /environmentSlug/, 'Request failed with status 422'],
  // official: DELETE with no body → 422
  ['delete(name) without options', (ds) => ds.delete('redis-creds'), /options/, 'Request failed with status 422'],
  ['delete with a numeric projectSlug', (ds) => ds.delete('redis-creds', { ...LOC, projectSlug: 5 }), /projectSlug/, 'Request failed with status 422'],
  ['delete with a string isForced', (ds) => ds.delete('redis-creds', { ...LOC, isForced: 'yes' }), /isForced/, 'Request failed with status 422'],
  // official: deletes "/api/v1/dynamic-secrets/undefined" → 404
  ['delete(undefined, options)', (ds) => ds.delete(undefined, LOC), /dynamicSecretName/, /\[StatusCode=404\] Dynamic secret with name 'undefined'/],
  ['leases.create()', (ds) => ds.leases.create(), /options/, 'Request failed with status 422'],
  ['leases.create without dynamicSecretName', (ds) => ds.leases.create(LOC), /dynamicSecretName/, 'Request failed with status 422'],
  ['leases.create with a numeric projectSlug', (ds) => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC, projectSlug: 5 }), /projectSlug/, 'Request failed with status 422'],
  ['leases.create with a numeric ttl', (ds) => ds.leases.create({ dynamicSecretName: 'redis-creds', ...LOC, ttl: 3600 }), /ttl/, 'Request failed with status 422'],
  ['leases.renew(id) without options', (ds) => ds.leases.renew(UNKNOWN_LEASE), /options/, 'Request failed with status 422'],
  ['leases.renew without environmentSlug', (ds) => ds.leases.renew(UNKNOWN_LEASE, { projectSlug: SLUG }), /environmentSlug/, 'Request failed with status 422'],
  // official: String(123) goes into the path → 404 unknown lease
  ['leases.renew with a numeric lease id', (ds) => ds.leases.renew(123, LOC), /leaseId/, /\[StatusCode=404\] Dynamic secret lease with ID '123' not found/],
  ['leases.delete(id) without options', (ds) => ds.leases.delete(UNKNOWN_LEASE), /options/, 'Request failed with status 422'],
  ['leases.delete with a numeric projectSlug', (ds) => ds.leases.delete(UNKNOWN_LEASE, { ...LOC, projectSlug: 5 }), /projectSlug/, 'Request failed with status 422'],
  // official: "/leases/undefined" → 404 unknown lease
  ['leases.delete(undefined, options)', (ds) => ds.leases.delete(undefined, LOC), /leaseId/, /\[StatusCode=404\] Dynamic secret lease with ID 'undefined' not found/],
];

for (const [label, call, optionRe, officialOutcome] of BAD_INPUT) {
  test(`deliberate: bad input ${label}`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = await ctx.loggedIn(m);
        return callOutcome(() => call(sdk.dynamicSecrets(), m));
      },
      {
        official(side) {
          const r = assertResolved(side);
          assert.equal(apiRequests(side).length, 1, 'official sends the request');
          assert.ok(r.rejected, JSON.stringify(r));
          if (typeof officialOutcome === 'string') assert.equal(r.rejected.message, officialOutcome);
          else assert.match(r.rejected.message, officialOutcome);
        },
        ours: (side) => assertRefusedLocally(side, optionRe, /dynamicSecrets\(\)\./),
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Deliberate: lease ids in the path. official: `leases/${leaseId}` without encoding, so URL
// resolution can send the call to another route; ours: one percent-encoded path segment.

diff(
  'ordinary (uuid) lease ids: both send the same raw paths',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const leases = sdk.dynamicSecrets().leases;
    return {
      renew: await callOutcome(() => leases.renew(UNKNOWN_LEASE, LOC)),
      delete: await callOutcome(() => leases.delete(UNKNOWN_LEASE, LOC)),
    };
  },
  {
    check(side) {
      assert.deepEqual(apiRequests(side).map((r) => [r.method, r.path, r.query.raw]), [
        ['POST', `${LEASES}/${UNKNOWN_LEASE}/renew`, ''],
        ['DELETE', `${LEASES}/${UNKNOWN_LEASE}`, ''],
      ]);
    },
  },
);

test('deliberate: leases.delete("../x") deletes the dynamic secret "x" with the official package', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      await sdk.dynamicSecrets().create(redisOpts(m, { name: 'x' }));
      const r = await callOutcome(() => sdk.dynamicSecrets().leases.delete('../x', LOC));
      const stillThere = await callOutcome(() => sdk.dynamicSecrets().leases.create({ dynamicSecretName: 'x', ...LOC }));
      return { r, stillThere: 'resolved' in stillThere };
    },
    {
      official(side) {
        const [, del] = apiRequests(side);
        assert.equal(del.method, 'DELETE');
        assert.equal(del.path, `${DS}/x`);
        const { r, stillThere } = assertResolved(side);
        // the "lease delete" resolved to the deleted dynamic secret's envelope
        assert.equal(r.resolved.dynamicSecret.name, 'x');
        assert.equal(stillThere, false);
      },
      ours(side) {
        const [, del] = apiRequests(side);
        assert.equal(del.method, 'DELETE');
        assert.equal(del.path, `${LEASES}/..%2Fx`);
        const { r, stillThere } = assertResolved(side);
        assert.equal(r.rejected.name, 'InfisicalSDKRequestError');
        assert.match(r.rejected.message, /\[StatusCode=404\] Dynamic secret lease with ID '\.\.\/x' not found$/);
        assert.equal(stillThere, true);
      },
    },
  );
});

test('deliberate: leases.renew("a/b?c#d") reaches another route with the official package', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.dynamicSecrets().leases.renew('a/b?c#d', { ...LOC, ttl: '5m' });
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, `${LEASES}/a/b`);
        assert.equal(r.query.raw, 'c');
        assert.deepEqual(r.body, { ...LOC, ttl: '5m' });
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: [`Route POST:${LEASES}/a/b?c not found`] });
      },
      ours(side) {
        const [r] = apiRequests(side);
        assert.equal(r.path, `${LEASES}/a%2Fb%3Fc%23d/renew`);
        assert.equal(r.query.raw, '');
        assert.deepEqual(r.body, { ...LOC, ttl: '5m' });
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ["Dynamic secret lease with ID 'a/b?c#d' not found"] });
      },
    },
  );
});

test('deliberate: leases.renew("..") and delete(".") are refused locally by ours', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return {
        renew: await callOutcome(() => sdk.dynamicSecrets().leases.renew('..', LOC)),
        delete: await callOutcome(() => sdk.dynamicSecrets().leases.delete('.', LOC)),
      };
    },
    {
      official(side) {
        // "/leases/../renew" → POST /api/v1/dynamic-secrets/renew; "/leases/." → "/leases/"
        assert.deepEqual(apiRequests(side).map((r) => [r.method, r.path]), [
          ['POST', `${DS}/renew`],
          ['DELETE', `${LEASES}/`],
        ]);
      },
      ours(side) {
        assert.equal(apiRequests(side).length, 0);
        const r = assertResolved(side);
        for (const k of ['renew', 'delete']) {
          assert.equal(r[k].rejected.name, 'InfisicalSDKError');
          assert.match(r[k].rejected.message, /leaseId/);
        }
      },
    },
  );
});

// README: a dynamic-secret name of "." or ".." is rejected locally.
test('deliberate: delete("..") is refused locally by ours', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = await ctx.loggedIn(m);
      return sdk.dynamicSecrets().delete('..', LOC);
    },
    {
      official(side) {
        const [r] = apiRequests(side);
        assert.equal(r.method, 'DELETE');
        assert.equal(r.path, '/api/v1/');
        assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['[StatusCode=404] Route DELETE:/api/v1/ not found'] });
      },
      ours(side) {
        assert.equal(apiRequests(side).length, 0);
        assertRejected(side, { name: 'InfisicalSDKError', messageMatch: /dynamicSecretName/ });
      },
    },
  );
});
