'use strict';

// Hostile input (issue 4): property tests with fast-check over every public method of every area.
// Each option gets a plausible value, a random value of any type, or is left out; objects get
// extra keys (`__proto__`, `constructor`, ...); names and ids are made of `/`, `..`, `?`, `#`,
// `%`, spaces, unicode, lone surrogates, 1 MB strings. For every call:
//   - it never throws synchronously (accessToken, a synchronous method, may throw an SDK error);
//   - its promise settles, resolving or rejecting with InfisicalSDKError/InfisicalSDKRequestError;
//   - every request that reaches the server stays on the method's route: the raw path is the
//     route with the user's name/id as exactly one non-empty percent-encoded segment, and query
//     parameters carrying user values parse back to those values;
//   - nothing goes unhandled (process-level listeners) and the process stays up.
// Bad constructor options throw a clear InfisicalSDKError synchronously.
//
// The requests go through a recording proxy that accepts 8 MB request heads (the test server,
// like Node's default, stops at 16 KB; the proxy answers longer URLs with a 414 itself).

const test = require('node:test');
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const fc = require('fast-check');
const {
  PROJECT_ID: P,
  useFastEnv,
  loadSdk,
  watchProcess,
  assertSdkError,
  startTestServer,
  loggedIn,
  startProxy,
  closedPort,
} = require('./helpers');

useFastEnv({ retryMs: 1, timeoutMs: 3000 });
// AWS IAM login signs locally with these; nothing reaches AWS or the metadata service.
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent/aws/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
});
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
// The other logins' credential sources: none from the machine's environment; metadata servers are
// a closed loopback port (set in `before`); the Kubernetes token file does not exist.
for (const name of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_AUTHORITY_HOST', 'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER', 'INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH']) delete process.env[name];
process.env.INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH = '/nonexistent/kubernetes/token';
const { InfisicalSDK } = loadSdk();
watchProcess();

// RELIABILITY_FC_RUNS: runs per property (default 60). RELIABILITY_FC_SEED: replay the seed a
// failure printed. RELIABILITY_DEBUG=1: print the most frequent rejection messages at the end.
const NUM_RUNS = Number(process.env.RELIABILITY_FC_RUNS || 60);
const FC_OPTIONS = process.env.RELIABILITY_FC_SEED ? { seed: Number(process.env.RELIABILITY_FC_SEED) } : {};
const stats = { inputs: 0, resolved: 0, rejected: 0, requests: 0, syncThrows: 0 };

let server;
let proxy;
let sdk; // logged in; shared by the methods that do not change auth state
before(async () => {
  const dead = await closedPort();
  process.env.GCE_METADATA_HOST = `127.0.0.1:${dead}`;
  process.env.INFISICAL_AZURE_IMDS_ENDPOINT = `http://127.0.0.1:${dead}`;
  server = await startTestServer();
  server.setSecret(P, 'dev', '/', 'A', 'value-a');
  proxy = await startProxy({ upstream: server.url, maxHeaderSize: 8 * 1024 * 1024 });
  proxy.inject(
    (req, res) => {
      const body = JSON.stringify({ statusCode: 414, message: 'URI Too Long', error: 'URITooLong' });
      res.writeHead(414, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    { times: Infinity, match: (req) => req.url.length > 16 * 1024 },
  );
  sdk = await loggedIn(InfisicalSDK, proxy.url);
});
after(async () => {
  await proxy?.close();
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// Arbitraries

const MB = 1024 * 1024;
const HUGE_ASCII = 'A'.repeat(MB);
const HUGE_HOSTILE = '../?#% é😀'.repeat(MB / 16).slice(0, MB);

const FRAGMENTS = ['/', '..', '.', '?', '#', '%', ' ', '%2F', '%2e%2e', '%00', '\\', '&', '=', '+', ';', ',', '\u0000',
  '\n', '\r\n', '\t', 'é', '😀', '\u202e', '__proto__', 'constructor', '{', '"', "'", '*', 'a', 'B', '1'];

/** Names and ids built to escape a path segment or a query parameter. */
const hostileName = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('.', '..', '/', '../x', '../../api/v1/kms/keys', 'a/../b', '?x=1', '#frag', '%', '%2F',
      '%252F', '%2e%2e', ' ', 'a b', '__proto__', 'constructor', 'toString', '', 'A', 'x&workspaceId=evil', 'k=v#',
      '\\..\\x', 'A\r\nX-Injected: 1', 'lone\uD800surrogate', '\uDFFF'),
  },
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(HUGE_ASCII, HUGE_HOSTILE) },
);

/**
 * Values that JSON.stringify or property access chokes on. fast-check itself cannot carry them
 * (it inspects and clones its values), so the arbitraries hold a Poison marker and
 * `materialize` swaps in the real thing just before the call.
 */
class Poison {
  constructor(kind) {
    this.kind = kind;
  }
  toString() {
    return `Poison(${this.kind})`;
  }
}
function poison(kind) {
  switch (kind) {
    case 'cyclic': {
      const o = { a: 1 };
      o.self = o;
      return o;
    }
    case 'bigint':
      return 10n;
    case 'toJSON throws':
      return { toJSON: () => { throw new RangeError('toJSON says no'); } };
    case 'getter throws':
      return Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('getter says no'); } });
    case 'revoked proxy': {
      const { proxy: p, revoke } = Proxy.revocable({}, {});
      revoke();
      return p;
    }
    case 'symbol':
      return Symbol('s');
    case 'function':
      return () => 1;
    default:
      throw new Error(kind);
  }
}
const poisonous = fc
  .constantFrom('cyclic', 'bigint', 'toJSON throws', 'getter throws', 'revoked proxy', 'symbol', 'function')
  .map((kind) => new Poison(kind));

/** A copy of `value` with every Poison marker replaced by the poison (own `__proto__` keys kept). */
function materialize(value, depth = 0) {
  if (value instanceof Poison) return poison(value.kind);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => materialize(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy = Object.create(proto);
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: materialize(value[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** An object whose own keys are `__proto__`, `constructor`, ... (as JSON.parse makes them). */
const protoKeyed = fc.constantFrom(
  () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  () => JSON.parse('{"__proto__":"x"}'),
  () => Object.assign(Object.create(null), { hasOwnProperty: 1, toString: 'x' }),
).map((make) => make());

const anyValue = fc.oneof(
  { weight: 3, arbitrary: hostileName },
  {
    weight: 3,
    arbitrary: fc.constantFrom(null, undefined, true, false, 0, -0, -1, 1.5, NaN, Infinity, -Infinity,
      Number.MAX_SAFE_INTEGER + 2, 1e308, [], {}, [null], new Date(0), new String('boxed')),
  },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 4,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withObjectString: true,
      stringUnit: 'binary',
    }),
  },
  { weight: 1, arbitrary: protoKeyed },
  { weight: 1, arbitrary: poisonous },
);

const KEY_NAMES = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toJSON', 'hasOwnProperty', 'valueOf', '', ' ', 'then'),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const ENUMS = {
  secretType: ['shared', 'personal'],
  keyUsage: ['encrypt-decrypt', 'sign-verify'],
  encryptionAlgorithm: ['RSA_4096', 'ECC_NIST_P256', 'aes-256-gcm', 'aes-128-gcm'],
  signingAlgorithm: ['RSASSA_PSS_SHA_256', 'ECDSA_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_512'],
  projectType: ['secret-manager', 'kms', 'cert-manager'],
  batchMode: ['failOnNotFound', 'upsert', 'ignore'],
};

/** A plausible value of a kind: often right, hostile in content. */
function plausible(kind) {
  if (kind.startsWith('enum:')) {
    const values = ENUMS[kind.slice(5)];
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileName });
  }
  switch (kind) {
    case 'id':
      return hostileName;
    case 'str':
      return fc.oneof(fc.constantFrom('dev', '/', P, 'test-project', 'x'), hostileName);
    case 'project':
      return fc.oneof({ weight: 3, arbitrary: fc.constant(P) }, { weight: 2, arbitrary: hostileName });
    case 'env':
      return fc.oneof({ weight: 3, arbitrary: fc.constant('dev') }, { weight: 2, arbitrary: hostileName });
    case 'bool':
      return fc.boolean();
    case 'num':
      return fc.oneof(fc.integer(), fc.double());
    case 'strArr':
      return fc.array(hostileName, { maxLength: 3 });
    case 'obj':
      return fc.dictionary(KEY_NAMES, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
    case 'cache':
      return fc.record(
        { ttlSeconds: fc.oneof(fc.nat(), anyValue), maxEntries: fc.oneof(fc.nat(), anyValue), staleIfErrorSeconds: fc.oneof(fc.nat(), anyValue) },
        { requiredKeys: [] },
      );
    case 'batchItems':
      return fc.array(
        fc.oneof(
          { weight: 6, arbitrary: fc.record(
            { secretKey: plausible('id'), secretValue: plausible('str'), secretPath: plausible('str'), newSecretName: plausible('str'),
              type: plausible('enum:secretType'), tagIds: plausible('strArr'), secretMetadata: fc.array(plausible('obj'), { maxLength: 2 }) },
            { requiredKeys: [] },
          ) },
          { weight: 1, arbitrary: anyValue },
        ),
        { maxLength: 3 },
      );
    case 'retry':
      return fc.record(
        { maxRetries: fc.oneof(fc.nat({ max: 120 }), fc.double(), anyValue), baseDelayMs: fc.oneof(fc.nat(), fc.double(), anyValue) },
        { requiredKeys: [] },
      );
    case 'headers':
      return fc.dictionary(fc.oneof(KEY_NAMES, hostileName), fc.oneof({ weight: 3, arbitrary: hostileName }, { weight: 1, arbitrary: anyValue }), { maxKeys: 3 });
    case 'jwt':
      return fc.oneof(
        { weight: 3, arbitrary: hostileName },
        { weight: 1, arbitrary: anyValue.map((v) => () => materialize(v)) },
        { weight: 1, arbitrary: anyValue.map((v) => async () => materialize(v)) },
        { weight: 1, arbitrary: fc.constant(() => { throw new Error('no token today'); }) },
      );
    case 'provider':
      return fc.record({ type: plausible('str'), inputs: plausible('obj') }, { requiredKeys: [] });
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

const MISSING = Symbol('missing');

/**
 * An options object for `schema` ({ option: kind }): each option plausible, of any type, or
 * missing; sometimes extra keys; sometimes not an object at all.
 */
function optionsArb(schema) {
  const entries = Object.entries(schema).map(([key, kind]) =>
    fc.tuple(
      fc.constant(key),
      fc.oneof(
        { weight: 14, arbitrary: plausible(kind) },
        { weight: 2, arbitrary: fc.constant(MISSING) },
        { weight: 1, arbitrary: anyValue },
      ),
    ),
  );
  const object = fc
    .tuple(fc.tuple(...entries), fc.array(fc.tuple(KEY_NAMES, anyValue), { maxLength: 2 }), fc.boolean())
    .map(([pairs, extras, nullProto]) => {
      const o = nullProto ? Object.create(null) : {};
      for (const [k, v] of [...pairs, ...extras]) {
        if (v === MISSING) continue;
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return o;
    });
  return fc.oneof({ weight: 12, arbitrary: object }, { weight: 1, arbitrary: anyValue });
}

/** A positional name/id argument: mostly a hostile string, sometimes any value. */
const nameArg = fc.oneof({ weight: 5, arbitrary: hostileName }, { weight: 1, arbitrary: anyValue });

// ---------------------------------------------------------------------------------------------
// The surface: every public method, how to call it, and its route.
//
// route(args) → { method, path: [prefix, value, suffix] | exact, query: [[param, value]] } where
// values are what the server must see after JSON serialization (undefined: not a string, so the
// call must be refused locally).

/** `value` as the SDK sees it after JSON.stringify (the official SDK's serialization). */
function jsonView(value) {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
const field = (options, key) => {
  const o = jsonView(options);
  return o && typeof o === 'object' && !Array.isArray(o) ? o[key] : undefined;
};

const S = {
  secretsList: { projectId: 'project', environment: 'env', secretPath: 'str', recursive: 'bool', includeImports: 'bool',
    expandSecretReferences: 'bool', viewSecretValue: 'bool', tagSlugs: 'strArr', attachToProcessEnv: 'bool' },
  secretGet: { secretName: 'id', projectId: 'project', environment: 'env', secretPath: 'str', type: 'enum:secretType',
    version: 'num', includeImports: 'bool', expandSecretReferences: 'bool', viewSecretValue: 'bool' },
  secretWrite: { projectId: 'project', environment: 'env', secretValue: 'str', secretComment: 'str', secretPath: 'str',
    skipMultilineEncoding: 'bool', tagIds: 'strArr', type: 'enum:secretType', secretReminderNote: 'str',
    secretReminderRepeatDays: 'num', metadata: 'obj', secretMetadata: 'obj', newSecretName: 'str' },
  secretDelete: { projectId: 'project', environment: 'env', secretPath: 'str', type: 'enum:secretType' },
  dynCreate: { provider: 'provider', defaultTTL: 'str', maxTTL: 'str', name: 'str', projectSlug: 'str',
    environmentSlug: 'env', path: 'str', metadata: 'obj' },
  dynLocation: { projectSlug: 'str', environmentSlug: 'env', path: 'str', isForced: 'bool', ttl: 'str' },
  leaseCreate: { dynamicSecretName: 'str', projectSlug: 'str', environmentSlug: 'env', path: 'str', ttl: 'str' },
  envCreate: { name: 'str', projectId: 'id', slug: 'str', position: 'num' },
  projectCreate: { projectName: 'str', type: 'enum:projectType', projectDescription: 'str', slug: 'str',
    template: 'str', kmsKeyId: 'str' },
  invite: { projectId: 'id', emails: 'strArr', usernames: 'strArr', roleSlugs: 'strArr' },
  folderCreate: { name: 'str', path: 'str', projectId: 'project', environment: 'env', description: 'str' },
  folderList: { environment: 'env', projectId: 'project', path: 'str', recursive: 'bool', lastSecretModified: 'str' },
  keyCreate: { projectId: 'project', name: 'str', description: 'str', keyUsage: 'enum:keyUsage',
    encryptionAlgorithm: 'enum:encryptionAlgorithm' },
  keyId: { keyId: 'id' },
  keyByName: { projectId: 'str', name: 'id' },
  encrypt: { keyId: 'id', plaintext: 'str' },
  decrypt: { keyId: 'id', ciphertext: 'str' },
  sign: { keyId: 'id', data: 'str', signingAlgorithm: 'enum:signingAlgorithm', isDigest: 'bool' },
  verify: { keyId: 'id', data: 'str', signature: 'str', signingAlgorithm: 'enum:signingAlgorithm', isDigest: 'bool' },
  batch: { projectId: 'project', environment: 'env', secretPath: 'str', secrets: 'batchItems', mode: 'enum:batchMode' },
  folderGet: { folderId: 'id' },
  folderUpdate: { folderId: 'id', name: 'str', projectId: 'project', environment: 'env', path: 'str', description: 'str' },
  folderDelete: { folderId: 'id', folderName: 'id', projectId: 'project', environment: 'env', path: 'str' },
  dynUpdate: { projectSlug: 'str', environmentSlug: 'env', path: 'str', data: 'obj' },
  uaLogin: { clientId: 'str', clientSecret: 'str' },
  awsLogin: { identityId: 'str' },
  k8sLogin: { identityId: 'str', serviceAccountTokenPath: 'str', serviceAccountToken: 'str', organizationSlug: 'str' },
  jwtLogin: { identityId: 'str', jwt: 'jwt', organizationSlug: 'str' },
  ldapLogin: { identityId: 'str', username: 'str', password: 'str', organizationSlug: 'str' },
  gcpIdLogin: { identityId: 'str', metadataUrl: 'str', organizationSlug: 'str' },
  gcpIamLogin: { identityId: 'str', serviceAccountKeyFilePath: 'str', serviceAccountKey: 'obj', organizationSlug: 'str' },
  azureLogin: { identityId: 'str', resource: 'str', clientId: 'str', imdsEndpoint: 'str', organizationSlug: 'str' },
  ociLogin: { identityId: 'str', userOcid: 'str', tenancyOcid: 'str', fingerprint: 'str', privateKey: 'str',
    passphrase: 'str', region: 'str', organizationSlug: 'str' },
  aliLogin: { identityId: 'str', accessKeyId: 'str', accessKeySecret: 'str', organizationSlug: 'str' },
};

// The other logins: [method, schema, route]. Their credential sources (metadata servers, token
// files) point at loopback or at nothing (see the environment set at the top).
const OTHER_LOGINS = [
  ['kubernetesAuth', S.k8sLogin, '/api/v1/auth/kubernetes-auth/login'],
  ['jwtAuth', S.jwtLogin, '/api/v1/auth/jwt-auth/login'],
  ['oidcAuth', S.jwtLogin, '/api/v1/auth/oidc-auth/login'],
  ['ldapAuth', S.ldapLogin, '/api/v1/auth/ldap-auth/login'],
  ['gcpIdTokenAuth', S.gcpIdLogin, '/api/v1/auth/gcp-auth/login'],
  ['gcpIamAuth', S.gcpIamLogin, '/api/v1/auth/gcp-auth/login'],
  ['azureAuth', S.azureLogin, '/api/v1/auth/azure-auth/login'],
  ['ociAuth', S.ociLogin, '/api/v1/auth/oci-auth/login'],
  ['aliCloudAuth', S.aliLogin, '/api/v1/auth/alicloud-auth/login'],
];

const SECRETS = '/api/v3/secrets/raw';
const DYN = '/api/v1/dynamic-secrets';
const KEYS = '/api/v1/kms/keys';

const BATCH = '/api/v3/secrets/batch/raw';
const dynQuery = (o) => [['projectSlug', field(o, 'projectSlug')], ['environmentSlug', field(o, 'environmentSlug')], ['path', field(o, 'path')]];
const secretsQuery = (o) => [['workspaceId', field(o, 'projectId')], ['environment', field(o, 'environment')], ['secretPath', field(o, 'secretPath')]];

const METHODS = [
  // secrets()
  { name: 'secrets().listSecrets', args: [optionsArb(S.secretsList)], call: (c, a) => c.secrets().listSecrets(...a),
    route: ([o]) => ({ method: 'GET', exact: SECRETS, query: secretsQuery(o) }) },
  { name: 'secrets().listSecretsWithImports', args: [optionsArb(S.secretsList)], call: (c, a) => c.secrets().listSecretsWithImports(...a),
    route: ([o]) => ({ method: 'GET', exact: SECRETS, query: secretsQuery(o) }) },
  { name: 'secrets().getSecret', args: [optionsArb(S.secretGet)], call: (c, a) => c.secrets().getSecret(...a),
    route: ([o]) => ({ method: 'GET', segment: [`${SECRETS}/`, field(o, 'secretName'), ''],
      query: [['secretName', field(o, 'secretName')], ...secretsQuery(o)] }) },
  { name: 'secrets().createSecret', args: [nameArg, optionsArb(S.secretWrite)], call: (c, a) => c.secrets().createSecret(...a),
    route: ([n]) => ({ method: 'POST', segment: [`${SECRETS}/`, jsonView(n), ''] }) },
  { name: 'secrets().updateSecret', args: [nameArg, optionsArb(S.secretWrite)], call: (c, a) => c.secrets().updateSecret(...a),
    route: ([n]) => ({ method: 'PATCH', segment: [`${SECRETS}/`, jsonView(n), ''] }) },
  { name: 'secrets().deleteSecret', args: [nameArg, optionsArb(S.secretDelete)], call: (c, a) => c.secrets().deleteSecret(...a),
    route: ([n]) => ({ method: 'DELETE', segment: [`${SECRETS}/`, jsonView(n), ''] }) },
  { name: 'secrets().batchCreate', args: [optionsArb(S.batch)], call: (c, a) => c.secrets().batchCreate(...a),
    route: () => ({ method: 'POST', exact: BATCH }) },
  { name: 'secrets().batchUpdate', args: [optionsArb(S.batch)], call: (c, a) => c.secrets().batchUpdate(...a),
    route: () => ({ method: 'PATCH', exact: BATCH }) },
  { name: 'secrets().batchDelete', args: [optionsArb(S.batch)], call: (c, a) => c.secrets().batchDelete(...a),
    route: () => ({ method: 'DELETE', exact: BATCH }) },
  // dynamicSecrets()
  { name: 'dynamicSecrets().list', args: [optionsArb(S.dynLocation)], call: (c, a) => c.dynamicSecrets().list(...a),
    route: ([o]) => ({ method: 'GET', exact: DYN, query: dynQuery(o) }) },
  { name: 'dynamicSecrets().get', args: [nameArg, optionsArb(S.dynLocation)], call: (c, a) => c.dynamicSecrets().get(...a),
    route: ([n, o]) => ({ method: 'GET', segment: [`${DYN}/`, jsonView(n), ''], query: dynQuery(o) }) },
  { name: 'dynamicSecrets().update', args: [nameArg, optionsArb(S.dynUpdate)], call: (c, a) => c.dynamicSecrets().update(...a),
    route: ([n]) => ({ method: 'PATCH', segment: [`${DYN}/`, jsonView(n), ''] }) },
  { name: 'dynamicSecrets().leases.list', args: [nameArg, optionsArb(S.dynLocation)], call: (c, a) => c.dynamicSecrets().leases.list(...a),
    route: ([n, o]) => ({ method: 'GET', segment: [`${DYN}/`, jsonView(n), '/leases'], query: dynQuery(o) }) },
  { name: 'dynamicSecrets().leases.get', args: [nameArg, optionsArb(S.dynLocation)], call: (c, a) => c.dynamicSecrets().leases.get(...a),
    route: ([n, o]) => ({ method: 'GET', segment: [`${DYN}/leases/`, jsonView(n), ''], query: dynQuery(o) }) },
  { name: 'dynamicSecrets().create', args: [optionsArb(S.dynCreate)], call: (c, a) => c.dynamicSecrets().create(...a),
    route: () => ({ method: 'POST', exact: DYN }) },
  { name: 'dynamicSecrets().delete', args: [nameArg, optionsArb(S.dynLocation)], call: (c, a) => c.dynamicSecrets().delete(...a),
    route: ([n]) => ({ method: 'DELETE', segment: [`${DYN}/`, jsonView(n), ''] }) },
  { name: 'dynamicSecrets().leases.create', args: [optionsArb(S.leaseCreate)], call: (c, a) => c.dynamicSecrets().leases.create(...a),
    route: () => ({ method: 'POST', exact: `${DYN}/leases` }) },
  { name: 'dynamicSecrets().leases.delete', args: [nameArg, optionsArb(S.dynLocation)], call: (c, a) => c.dynamicSecrets().leases.delete(...a),
    route: ([n]) => ({ method: 'DELETE', segment: [`${DYN}/leases/`, jsonView(n), ''] }) },
  { name: 'dynamicSecrets().leases.renew', args: [nameArg, optionsArb(S.dynLocation)], call: (c, a) => c.dynamicSecrets().leases.renew(...a),
    route: ([n]) => ({ method: 'POST', segment: [`${DYN}/leases/`, jsonView(n), '/renew'] }) },
  // environments(), projects(), folders()
  { name: 'environments().create', args: [optionsArb(S.envCreate)], call: (c, a) => c.environments().create(...a),
    route: ([o]) => ({ method: 'POST', segment: ['/api/v1/workspace/', field(o, 'projectId'), '/environments'] }) },
  { name: 'projects().create', args: [optionsArb(S.projectCreate)], call: (c, a) => c.projects().create(...a),
    route: () => ({ method: 'POST', exact: '/api/v2/workspace' }) },
  { name: 'projects().inviteMembers', args: [optionsArb(S.invite)], call: (c, a) => c.projects().inviteMembers(...a),
    route: ([o]) => ({ method: 'POST', segment: ['/api/v2/workspace/', field(o, 'projectId'), '/memberships'] }) },
  { name: 'folders().create', args: [optionsArb(S.folderCreate)], call: (c, a) => c.folders().create(...a),
    route: () => ({ method: 'POST', exact: '/api/v1/folders' }) },
  { name: 'folders().listFolders', args: [optionsArb(S.folderList)], call: (c, a) => c.folders().listFolders(...a),
    route: ([o]) => ({ method: 'GET', exact: '/api/v1/folders',
      query: [['environment', field(o, 'environment')], ['workspaceId', field(o, 'projectId')], ['path', field(o, 'path')]] }) },
  { name: 'folders().get', args: [optionsArb(S.folderGet)], call: (c, a) => c.folders().get(...a),
    route: ([o]) => ({ method: 'GET', segment: ['/api/v1/folders/', field(o, 'folderId'), ''] }) },
  { name: 'folders().update', args: [optionsArb(S.folderUpdate)], call: (c, a) => c.folders().update(...a),
    route: ([o]) => ({ method: 'PATCH', segment: ['/api/v1/folders/', field(o, 'folderId'), ''] }) },
  { name: 'folders().delete', args: [optionsArb(S.folderDelete)], call: (c, a) => c.folders().delete(...a),
    route: ([o]) => {
      // by id or by name: exactly one of them (null is "not given"); otherwise refused locally
      const given = ['folderId', 'folderName'].map((k) => field(o, k)).filter((v) => v !== undefined && v !== null);
      return { method: 'DELETE', segment: ['/api/v1/folders/', given.length === 1 ? given[0] : undefined, ''] };
    } },
  // kms()
  { name: 'kms().keys().create', args: [optionsArb(S.keyCreate)], call: (c, a) => c.kms().keys().create(...a),
    route: () => ({ method: 'POST', exact: KEYS }) },
  { name: 'kms().keys().delete', args: [optionsArb(S.keyId)], call: (c, a) => c.kms().keys().delete(...a),
    route: ([o]) => ({ method: 'DELETE', segment: [`${KEYS}/`, field(o, 'keyId'), ''] }) },
  { name: 'kms().keys().getByName', args: [optionsArb(S.keyByName)], call: (c, a) => c.kms().keys().getByName(...a),
    route: ([o]) => ({ method: 'GET', segment: [`${KEYS}/key-name/`, field(o, 'name'), ''], query: [['projectId', field(o, 'projectId')]] }) },
  { name: 'kms().encryption().encrypt', args: [optionsArb(S.encrypt)], call: (c, a) => c.kms().encryption().encrypt(...a),
    route: ([o]) => ({ method: 'POST', segment: [`${KEYS}/`, field(o, 'keyId'), '/encrypt'] }) },
  { name: 'kms().encryption().decrypt', args: [optionsArb(S.decrypt)], call: (c, a) => c.kms().encryption().decrypt(...a),
    route: ([o]) => ({ method: 'POST', segment: [`${KEYS}/`, field(o, 'keyId'), '/decrypt'] }) },
  { name: 'kms().signing().sign', args: [optionsArb(S.sign)], call: (c, a) => c.kms().signing().sign(...a),
    route: ([o]) => ({ method: 'POST', segment: [`${KEYS}/`, field(o, 'keyId'), '/sign'] }) },
  { name: 'kms().signing().verify', args: [optionsArb(S.verify)], call: (c, a) => c.kms().signing().verify(...a),
    route: ([o]) => ({ method: 'POST', segment: [`${KEYS}/`, field(o, 'keyId'), '/verify'] }) },
  { name: 'kms().signing().listSigningAlgorithms', args: [optionsArb(S.keyId)], call: (c, a) => c.kms().signing().listSigningAlgorithms(...a),
    route: ([o]) => ({ method: 'GET', segment: [`${KEYS}/`, field(o, 'keyId'), '/signing-algorithms'] }) },
  { name: 'kms().signing().getPublicKey', args: [optionsArb(S.keyId)], call: (c, a) => c.kms().signing().getPublicKey(...a),
    route: ([o]) => ({ method: 'GET', segment: [`${KEYS}/`, field(o, 'keyId'), '/public-key'] }) },
  // auth(): each run on a fresh client, so a hostile token cannot leak into the other methods
  { name: 'auth().universalAuth.login', fresh: true, args: [optionsArb(S.uaLogin)], call: (c, a) => c.auth().universalAuth.login(...a),
    route: () => ({ method: 'POST', exact: '/api/v1/auth/universal-auth/login' }) },
  { name: 'auth().awsIamAuth.login', fresh: true, args: [optionsArb(S.awsLogin)], call: (c, a) => c.auth().awsIamAuth.login(...a),
    route: () => ({ method: 'POST', exact: '/api/v1/auth/aws-auth/login' }) },
  { name: 'auth().universalAuth.renew (after accessToken(x))', fresh: true, args: [hostileName, anyValue],
    call: (c, [token, extra]) => c.auth().accessToken(token).auth().universalAuth.renew(extra),
    route: () => ({ method: 'POST', exact: '/api/v1/auth/token/renew' }) },
  { name: 'auth().awsIamAuth.renew (after accessToken(x))', fresh: true, args: [hostileName, anyValue],
    call: (c, [token, extra]) => c.auth().accessToken(token).auth().awsIamAuth.renew(extra),
    route: () => ({ method: 'POST', exact: '/api/v1/auth/token/renew' }) },
  ...OTHER_LOGINS.flatMap(([method, schema, route]) => [
    { name: `auth().${method}.login`, fresh: true, args: [optionsArb(schema)], call: (c, a) => c.auth()[method].login(...a),
      route: () => ({ method: 'POST', exact: route }) },
    { name: `auth().${method}.renew (after accessToken(x))`, fresh: true, args: [hostileName, anyValue],
      call: (c, [token, extra]) => c.auth().accessToken(token).auth()[method].renew(extra),
      route: () => ({ method: 'POST', exact: '/api/v1/auth/token/renew' }) },
  ]),
  { name: 'auth().revoke (after accessToken(x))', fresh: true, args: [hostileName, anyValue],
    call: (c, [token, extra]) => c.auth().accessToken(token).auth().revoke(extra),
    route: () => ({ method: 'POST', exact: '/api/v1/auth/token/revoke' }) },
  { name: 'auth().accessToken then a call', fresh: true, args: [anyValue], sync: 'accessToken',
    call: (c, [token]) => c.auth().accessToken(token).secrets().listSecrets({ projectId: P, environment: 'dev' }),
    route: () => ({ method: 'GET', exact: SECRETS, query: [['workspaceId', P], ['environment', 'dev']] }) },
];

// Requests the SDK makes on its own to keep a session alive (renewal, re-login) carry no user
// input in their paths; they are allowed during any call.
const SESSION_ROUTES = new Set(['/api/v1/auth/universal-auth/login', '/api/v1/auth/aws-auth/login', '/api/v1/auth/token/renew']);

function encodeSegment(value) {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined; // lone surrogate: cannot be sent as UTF-8
  }
}

/** Checks the recorded requests of one call against its route. */
function checkRoute(route, records, label) {
  const own = records.filter((r) => {
    const rawPath = r.url.split('?')[0];
    const upkeep = r.method === 'POST' && SESSION_ROUTES.has(rawPath) && rawPath !== route.exact;
    return !upkeep;
  });
  if (route.segment) {
    const [prefix, value, suffix] = route.segment;
    const encoded = typeof value === 'string' ? encodeSegment(value) : undefined;
    const sendable = encoded !== undefined && value !== '' && value !== '.' && value !== '..';
    if (!sendable) {
      assert.equal(own.length, 0, `${label}: ${util.inspect(value)} must be refused locally, but reached ${own.map((r) => r.url.slice(0, 200)).join(', ')}`);
      return;
    }
    for (const r of own) {
      const rawPath = r.url.split('?')[0];
      assert.equal(r.method, route.method, `${label}: HTTP method`);
      assert.ok(rawPath.startsWith(prefix), `${label}: ${rawPath.slice(0, 200)} left the route ${prefix}`);
      assert.ok(rawPath.endsWith(suffix), `${label}: ${rawPath.slice(0, 200)} does not end with ${suffix}`);
      const segment = rawPath.slice(prefix.length, rawPath.length - suffix.length);
      assert.ok(!segment.includes('/'), `${label}: the name spans more than one segment: ${segment.slice(0, 200)}`);
      assert.equal(segment, encoded, `${label}: the segment is the percent-encoded name`);
      assert.equal(decodeURIComponent(segment), value);
    }
  } else {
    for (const r of own) {
      assert.equal(r.method, route.method, `${label}: HTTP method`);
      assert.equal(r.url.split('?')[0], route.exact, `${label}: path`);
    }
  }
  for (const r of own) {
    const query = new URLSearchParams(r.url.includes('?') ? r.url.slice(r.url.indexOf('?') + 1) : '');
    for (const [param, value] of route.query || []) {
      if (typeof value !== 'string') continue;
      assert.deepEqual(query.getAll(param), [value], `${label}: query parameter ${param} carries the user's value, once`);
    }
  }
}

async function settleWithin(promise, ms) {
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error) => ({ error })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

for (const m of METHODS) {
  test(`hostile input: ${m.name} resolves or rejects with an SDK error and stays on its route`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...m.args), async (args) => {
        stats.inputs += 1;
        args = materialize(args);
        const client = m.fresh ? new InfisicalSDK({ siteUrl: proxy.url }) : sdk;
        proxy.clear();
        server.clearRequests(); // the checks read the proxy's records; keep the server's log small
        let promise;
        try {
          promise = m.call(client, args);
        } catch (error) {
          // only accessToken(token), a synchronous method, may throw; and only an SDK error
          assert.equal(m.sync, 'accessToken', `${m.name} threw synchronously: ${util.inspect(error)}`);
          assertSdkError(error, { name: 'InfisicalSDKError', message: /accessToken\(token\)/ });
          stats.syncThrows += 1;
          return;
        }
        assert.ok(promise instanceof Promise, `${m.name} returned ${util.inspect(promise)}`);
        const outcome = await settleWithin(promise, 15000);
        assert.ok(!outcome.timedOut, `${m.name} did not settle within 15 s`);
        if ('error' in outcome) {
          assertSdkError(outcome.error);
          stats.rejected += 1;
          if (process.env.RELIABILITY_DEBUG) {
            const key = `${m.name}: ${outcome.error.message.slice(0, 90).replace(/"[^"]*"/g, '"…"')}`;
            (stats.messages ??= new Map()).set(key, (stats.messages.get(key) || 0) + 1);
          }
        } else {
          stats.resolved += 1;
        }
        stats.requests += proxy.requests.length;
        checkRoute(m.route(args), proxy.requests, m.name);
      }),
      { numRuns: NUM_RUNS, ...FC_OPTIONS },
    );
  });
}

// An empty name/id must be refused locally like "." and "..": sent, it leaves an empty segment
// and the request reaches another route (GET /api/v3/secrets/raw/ is the list route, DELETE
// /api/v1/kms/keys/ ...). The properties above generate it now and then; this test tries it on
// every such method.
test('hostile input: an empty name or id is refused locally by every method that puts it in the path', async () => {
  const loc = { projectSlug: 'p', environmentSlug: 'dev' };
  const cases = [
    ['secrets().getSecret', (c) => c.secrets().getSecret({ secretName: '', projectId: P, environment: 'dev' })],
    ['secrets().createSecret', (c) => c.secrets().createSecret('', { projectId: P, environment: 'dev', secretValue: 'v' })],
    ['secrets().updateSecret', (c) => c.secrets().updateSecret('', { projectId: P, environment: 'dev', secretValue: 'v' })],
    ['secrets().deleteSecret', (c) => c.secrets().deleteSecret('', { projectId: P, environment: 'dev' })],
    ['dynamicSecrets().delete', (c) => c.dynamicSecrets().delete('', loc)],
    ['dynamicSecrets().get', (c) => c.dynamicSecrets().get('', loc)],
    ['dynamicSecrets().update', (c) => c.dynamicSecrets().update('', { ...loc, data: {} })],
    ['dynamicSecrets().leases.list', (c) => c.dynamicSecrets().leases.list('', loc)],
    ['dynamicSecrets().leases.get', (c) => c.dynamicSecrets().leases.get('', loc)],
    ['folders().get', (c) => c.folders().get({ folderId: '' })],
    ['folders().update', (c) => c.folders().update({ folderId: '', name: 'n', projectId: P, environment: 'dev' })],
    ['folders().delete by id', (c) => c.folders().delete({ folderId: '', projectId: P, environment: 'dev' })],
    ['folders().delete by name', (c) => c.folders().delete({ folderName: '', projectId: P, environment: 'dev' })],
    ['dynamicSecrets().leases.delete', (c) => c.dynamicSecrets().leases.delete('', loc)],
    ['dynamicSecrets().leases.renew', (c) => c.dynamicSecrets().leases.renew('', loc)],
    ['environments().create', (c) => c.environments().create({ name: 'N', slug: 'n', projectId: '' })],
    ['projects().inviteMembers', (c) => c.projects().inviteMembers({ projectId: '', emails: ['a@b.c'] })],
    ['kms().keys().delete', (c) => c.kms().keys().delete({ keyId: '' })],
    ['kms().keys().getByName', (c) => c.kms().keys().getByName({ name: '', projectId: P })],
    ['kms().encryption().encrypt', (c) => c.kms().encryption().encrypt({ keyId: '', plaintext: 'aGk=' })],
    ['kms().encryption().decrypt', (c) => c.kms().encryption().decrypt({ keyId: '', ciphertext: 'x' })],
    ['kms().signing().sign', (c) => c.kms().signing().sign({ keyId: '', data: 'aGk=', signingAlgorithm: 'ECDSA_SHA_256' })],
    ['kms().signing().verify', (c) => c.kms().signing().verify({ keyId: '', data: 'aGk=', signature: 'x', signingAlgorithm: 'ECDSA_SHA_256' })],
    ['kms().signing().listSigningAlgorithms', (c) => c.kms().signing().listSigningAlgorithms({ keyId: '' })],
    ['kms().signing().getPublicKey', (c) => c.kms().signing().getPublicKey({ keyId: '' })],
  ];
  const reached = [];
  for (const [name, call] of cases) {
    proxy.clear();
    const outcome = await settleWithin(call(sdk), 15000);
    assert.ok(!outcome.timedOut, name);
    if (outcome.error) assertSdkError(outcome.error);
    if (proxy.requests.length) reached.push(`${name} -> ${proxy.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`).join(', ')}`);
  }
  assert.deepEqual(reached, [], 'an empty name/id reached the server');
});

test('hostile input: every public method of every area is covered above', () => {
  const c = new InfisicalSDK({ siteUrl: 'http://127.0.0.1:1' });
  const covered = new Set(METHODS.map((m) => m.name.split(' ')[0]));
  const names = [];
  const walk = (prefix, obj) => {
    for (const key of Object.keys(obj)) {
      if (typeof obj[key] === 'function') names.push(`${prefix}.${key}`);
      else if (obj[key] && typeof obj[key] === 'object') walk(`${prefix}.${key}`, obj[key]);
    }
  };
  const areas = { secrets: c.secrets(), environments: c.environments(), projects: c.projects(), folders: c.folders(), auth: c.auth() };
  for (const [area, obj] of Object.entries(areas)) walk(`${area}()`, obj);
  const dyn = c.dynamicSecrets();
  // create and delete are prototype methods (as in the official SDK); the rest are own properties
  names.push('dynamicSecrets().create', 'dynamicSecrets().delete');
  walk('dynamicSecrets()', dyn);
  for (const sub of ['keys', 'encryption', 'signing']) walk(`kms().${sub}()`, c.kms()[sub]());
  const AREAS = new Set(['secrets', 'environments', 'projects', 'folders', 'dynamicSecrets', 'auth', 'kms']);
  for (const key of Object.keys(c)) if (!AREAS.has(key) && typeof c[key] === 'function') names.push(`${key}()`);
  // covered by the accessToken/getAccessToken and clearCache properties below
  const extraAuth = new Set(['auth().getAccessToken', 'auth().accessToken', 'clearCache()']);
  const uncovered = names.filter((n) => !covered.has(n) && !extraAuth.has(n));
  assert.deepEqual(uncovered, [], 'public methods without a property test');
});

test('hostile input: getAccessToken() never throws and returns a string or null', () => {
  fc.assert(
    fc.property(anyValue, (token) => {
      const c = new InfisicalSDK({ siteUrl: 'http://127.0.0.1:1' });
      try {
        c.auth().accessToken(token);
      } catch (error) {
        assertSdkError(error, { name: 'InfisicalSDKError' });
      }
      const got = c.auth().getAccessToken();
      assert.ok(got === null || typeof got === 'string');
    }),
    { numRuns: NUM_RUNS * 2, ...FC_OPTIONS },
  );
  stats.inputs += NUM_RUNS * 2;
});

// ---------------------------------------------------------------------------------------------
// Constructor

test('hostile input: bad constructor options throw a clear InfisicalSDKError synchronously', () => {
  const bad = [
    [{ siteUrl: 'not a url' }, /siteUrl/],
    [{ siteUrl: 'your-infisical-instance.com' }, /siteUrl/],
    [{ siteUrl: 'ftp://example.com' }, /siteUrl/],
    [{ siteUrl: 'http://' }, /siteUrl/],
    [{ siteUrl: 'javascript:alert(1)' }, /siteUrl/],
    [{ siteUrl: 'file:///etc/passwd' }, /siteUrl/],
    [{ siteUrl: 42 }, /"siteUrl" must be a string, received number/],
    [{ siteUrl: {} }, /"siteUrl" must be a string, received object/],
    [{ siteUrl: ['http://x'] }, /"siteUrl" must be a string/],
    [{ siteUrl: true }, /"siteUrl" must be a string/],
    [{ siteUrl: new URL('http://127.0.0.1') }, /"siteUrl" must be a string/],
    [{ caCertificate: 42 }, /"caCertificate" must be a string/],
    [{ caCertificate: Buffer.from('x') }, /"caCertificate" must be a string/],
    [{ caCertificate: 'garbage' }, /caCertificate/],
    [{ timeoutMs: -1 }, /"timeoutMs" must be an integer from 1 to 2147483647, received -1/],
    [{ timeoutMs: 0 }, /"timeoutMs" must be an integer/],
    [{ timeoutMs: 1.5 }, /"timeoutMs" must be an integer/],
    [{ timeoutMs: NaN }, /"timeoutMs" must be an integer.*NaN/],
    [{ timeoutMs: Infinity }, /"timeoutMs" must be an integer.*Infinity/],
    [{ timeoutMs: 2 ** 31 }, /"timeoutMs" must be an integer/],
    [{ timeoutMs: '5000' }, /"timeoutMs" must be a number, received string/],
    [{ retry: 3 }, /"retry" must be an object, received number/],
    [{ retry: [] }, /"retry" must be a plain object/],
    [{ retry: { maxRetries: 1.5 } }, /"retry.maxRetries" must be an integer from 0 to 100/],
    [{ retry: { maxRetries: -1 } }, /"retry.maxRetries" must be an integer/],
    [{ retry: { maxRetries: 101 } }, /"retry.maxRetries" must be an integer/],
    [{ retry: { maxRetries: '3' } }, /"retry.maxRetries" must be a number, received string/],
    [{ retry: { baseDelayMs: -5 } }, /"retry.baseDelayMs" must be an integer/],
    [{ retry: { baseDelayMs: true } }, /"retry.baseDelayMs" must be a number, received boolean/],
    [{ headers: 'x-a: 1' }, /"headers" must be an object, received string/],
    [{ headers: [['x-a', '1']] }, /"headers" must be a plain object/],
    [{ headers: new Map([['x-a', '1']]) }, /"headers" must be a plain object.*Map/],
    [{ headers: new URLSearchParams('a=1') }, /"headers" must be a plain object/],
    [{ headers: { 'x-a': 1 } }, /"headers" values must be strings; "x-a" is number/],
    [{ headers: { 'x-a': ['1'] } }, /"headers" values must be strings/],
    [{ headers: { 'x-a': null } }, /"headers" values must be strings; "x-a" is null/],
    [{ headers: { 'x-a': undefined } }, /"headers" values must be strings; "x-a" is undefined/],
    [{ headers: { Authorization: 'Bearer x' } }, /"Authorization" header cannot be set/],
    [{ headers: { 'proxy-authorization': 'Basic x' } }, /cannot be set/],
    [{ headers: { 'x-a': 'a\r\nInjected: 1' } }, /value of "x-a" must be printable ASCII/],
    [{ headers: { 'x-a': 'caf\u00e9' } }, /value of "x-a" must be printable ASCII/],
    [{ headers: { 'bad name': '1' } }, /"bad name" is not a valid HTTP header name/],
    [{ headers: { '': '1' } }, /not a valid HTTP header name/],
    [{ headers: { 'X-A': '1', 'x-a': '2' } }, /given twice/],
    [{ userAgent: 42 }, /"userAgent" must be a string, received number/],
    [{ userAgent: '' }, /userAgent/],
    [{ userAgent: 'app/1\nX-Injected: 1' }, /userAgent/],
    ['https://app.infisical.com', /"options" must be an object, received string/],
    [42, /"options" must be an object/],
    [true, /"options" must be an object/],
  ];
  for (const [options, message] of bad) {
    assert.throws(
      () => new InfisicalSDK(options),
      (e) => {
        assertSdkError(e, { name: 'InfisicalSDKError', message });
        return true;
      },
      util.inspect(options, { maxStringLength: 80 }),
    );
  }
});

test('hostile input: a 1 MB host name constructs; the call rejects with an SDK error', async () => {
  const c = new InfisicalSDK({ siteUrl: `http://${'a'.repeat(MB)}` });
  const outcome = await settleWithin(c.secrets().listSecrets({ projectId: P, environment: 'dev' }), 15000);
  assert.ok(outcome.error, 'rejected');
  assertSdkError(outcome.error, { name: 'InfisicalSDKError' });
});

test('hostile input: clearCache() with any arguments, with and without a cache, never throws', () => {
  const plain = new InfisicalSDK({ siteUrl: 'http://127.0.0.1:1' });
  const cached = new InfisicalSDK({ siteUrl: 'http://127.0.0.1:1', cache: {} });
  fc.assert(
    fc.property(fc.array(anyValue, { maxLength: 3 }), (args) => {
      args = materialize(args);
      for (const c of [plain, cached]) {
        const result = c.clearCache(...args);
        assert.ok(!(result instanceof Promise));
      }
    }),
    { numRuns: NUM_RUNS, ...FC_OPTIONS },
  );
  stats.inputs += NUM_RUNS;
});

test('hostile input: random constructor options either construct or throw an InfisicalSDKError, without I/O', () => {
  const ctorOptions = fc.oneof(
    { weight: 4, arbitrary: optionsArb({
      siteUrl: 'str', caCertificate: 'str', autoTokenRefresh: 'bool', cache: 'cache',
      timeoutMs: 'num', retry: 'retry', headers: 'headers', userAgent: 'str',
    }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, {}, { siteUrl: '' }, { siteUrl: null }, { siteUrl: undefined }) },
  );
  let built = 0;
  fc.assert(
    fc.property(ctorOptions, (generated) => {
      const options = materialize(generated);
      if (hasPoison(options)) return; // a throwing getter's exception is the caller's own
      try {
        const c = new InfisicalSDK(options);
        built += 1;
        assert.equal(typeof c.secrets, 'function');
      } catch (error) {
        assertSdkError(error, { name: 'InfisicalSDKError' });
      }
    }),
    { numRuns: NUM_RUNS * 4, ...FC_OPTIONS },
  );
  stats.inputs += NUM_RUNS * 4;
  assert.ok(built > 0, 'some options were accepted');
});

/** Poisoned values (throwing getters, revoked proxies) are the caller's own exceptions in a constructor. */
function hasPoison(o) {
  if (o === null || typeof o !== 'object') return typeof o === 'symbol';
  try {
    for (const v of Object.values(o)) {
      if (typeof v === 'object' && v !== null) JSON.stringify(v);
    }
    return false;
  } catch {
    return true;
  }
}

test('hostile input: counts', (t) => {
  if (stats.messages) {
    for (const [k, v] of [...stats.messages].sort((a, b) => b[1] - a[1]).slice(0, 60)) t.diagnostic(`${v} ${k}`);
  }
  t.diagnostic(`fast-check inputs generated: ${stats.inputs}; resolved ${stats.resolved}, rejected ${stats.rejected}, ` +
    `sync SDK errors from accessToken ${stats.syncThrows}; requests that reached the server ${stats.requests}`);
});
