'use strict';
// infisical-sdk-native/testing: a local, in-memory Infisical server for your own tests and
// for offline development. Node built-ins only; it does not load the native addon.
//
//   const { startInfisical } = require('infisical-sdk-native/testing');
//   const infisical = await startInfisical({ seed: { secrets: { dev: { DATABASE_URL: 'postgres://...' } } } });
//   const sdk = new InfisicalSDK({ siteUrl: infisical.url });
//   await sdk.auth().universalAuth.login({ clientId: infisical.clientId, clientSecret: infisical.clientSecret });
//   ...
//   await infisical.close();

const http = require('node:http');

const { startServer, DEFAULTS, createJwtIssuer } = require('./testing/server/index.js');
const { checkSeed, applySeed, InfisicalSeedError } = require('./testing/seed.js');

const OPTION_KEYS = [
  'port',
  'host',
  'seed',
  'clientId',
  'clientSecret',
  'identityId',
  'projectId',
  'projectSlug',
  'accessTokenTTL',
  'accessTokenMaxTTL',
  'awsCredentials',
  'rateLimit',
  'basePath',
  'log',
];

const ERROR_NAMES = { 400: 'BadRequest', 401: 'UnauthorizedError', 403: 'PermissionDenied', 404: 'NotFound', 422: 'ValidationFailure', 429: 'RateLimitExceeded', 500: 'InternalServerError' };

function optionError(field, message) {
  const err = new TypeError(`startInfisical: option ${field}: ${message}`);
  err.field = field;
  return err;
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`startInfisical: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw optionError(key, `unknown option (expected one of: ${OPTION_KEYS.join(', ')})`);
  }
  const { port } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw optionError('port', `expected an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  for (const key of ['host', 'clientId', 'clientSecret', 'identityId', 'projectId', 'projectSlug', 'basePath']) {
    if (options[key] !== undefined && (typeof options[key] !== 'string' || options[key] === '')) throw optionError(key, 'expected a non-empty string');
  }
  for (const key of ['accessTokenTTL', 'accessTokenMaxTTL']) {
    if (options[key] !== undefined && !(Number.isInteger(options[key]) && options[key] >= 0)) throw optionError(key, 'expected a whole number of seconds (>= 0)');
  }
  if (options.awsCredentials !== undefined) {
    if (!Array.isArray(options.awsCredentials)) throw optionError('awsCredentials', 'expected an array of { accessKeyId, secretAccessKey }');
    options.awsCredentials.forEach((c, i) => {
      if (!c || typeof c.accessKeyId !== 'string' || typeof c.secretAccessKey !== 'string') throw optionError(`awsCredentials[${i}]`, 'expected { accessKeyId: string, secretAccessKey: string }');
    });
  }
  if (options.rateLimit !== undefined && typeof options.rateLimit !== 'boolean' && (options.rateLimit === null || typeof options.rateLimit !== 'object')) {
    throw optionError('rateLimit', 'expected true, false or { global, read, write, secrets, projectCreation, windowMs }');
  }
}

// 'GET /api/v3/secrets/raw/:secretName', '/api/v1/folders', '/api/v1/kms/*', a RegExp or a function.
function routeMatcher(route, where) {
  if (route === undefined) return undefined;
  if (typeof route === 'function') return route;
  if (route instanceof RegExp) return (r) => route.test(r.path);
  if (typeof route !== 'string') throw new TypeError(`${where}: route must be a string like 'GET /api/v3/secrets/raw', a RegExp or a function`);
  const m = /^(?:([A-Za-z]+)\s+)?(\/\S*)$/.exec(route.trim());
  if (!m) throw new TypeError(`${where}: route ${JSON.stringify(route)} is not '[METHOD] /path' (segments may be :params, a trailing * matches any rest)`);
  const method = m[1] && m[1].toUpperCase();
  let pattern = m[2];
  const prefix = pattern.endsWith('*');
  if (prefix) pattern = pattern.slice(0, -1);
  const source = pattern
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  const re = new RegExp(`^${source}${prefix ? '' : '/?$'}`);
  return (r) => (!method || r.method === method) && re.test(r.path);
}

function checkTimes(times, where) {
  if (times === Infinity) return times;
  if (!Number.isInteger(times) || times < 1) throw new TypeError(`${where}: times must be a positive integer or Infinity, got ${times}`);
  return times;
}

/**
 * Starts a local Infisical server on 127.0.0.1 (a free port unless `port` is given), with
 * one machine identity (universal auth and AWS IAM), one project (dev, staging, prod) and
 * whatever `seed` adds. A bad option or seed is refused before the server starts.
 */
async function startInfisical(options = {}) {
  checkOptions(options);
  const projectId = options.projectId || DEFAULTS.projectId;
  const identity = {};
  for (const key of ['clientId', 'clientSecret', 'identityId', 'accessTokenTTL', 'accessTokenMaxTTL']) {
    if (options[key] !== undefined) identity[key] = options[key];
  }
  const serverOptions = {
    port: options.port ?? 0,
    host: options.host,
    identity,
    projectId,
    projectSlug: options.projectSlug,
    awsCredentials: options.awsCredentials,
    rateLimit: options.rateLimit,
    basePath: options.basePath,
    log: options.log,
  };

  // The initial seed is checked against a scratch store before the server listens.
  const { State } = require('./testing/server/state.js');
  checkSeed(options.seed, { state: new State(serverOptions), projectId });

  const raw = await startServer(serverOptions);
  const seedNow = (seed) => applySeed(raw.state, projectId, checkSeed(seed, { state: raw.state, projectId }));
  seedNow(options.seed);

  const idn = raw.identity;
  const siteUrl = options.basePath ? `${raw.url}/${options.basePath.replace(/^\/+|\/+$/g, '')}` : raw.url;
  let faultCounter = 0;

  const server = {
    url: siteUrl,
    port: raw.port,
    clientId: idn.ua.clientId,
    clientSecret: idn.ua.clientSecret,
    identityId: idn.identityId,
    projectId,
    projectSlug: raw.project.slug,
    organizationId: DEFAULTS.orgId,
    awsIdentityId: DEFAULTS.awsIdentityId,
    awsAccessKeyId: DEFAULTS.awsAccessKeyId,
    awsSecretAccessKey: DEFAULTS.awsSecretAccessKey,
    get environments() {
      return raw.project.environments.map((e) => e.slug);
    },

    /** Adds projects, environments, folders, secrets, imports and tags. Checked first; throws InfisicalSeedError. */
    seed(seed) {
      if (seed === undefined || seed === null) throw new InfisicalSeedError('seed', `expected an object, got ${seed === null ? 'null' : 'undefined'}`);
      seedNow(seed);
    },

    /** Back to the state right after start (including the `seed` option): forgets tokens, faults, the request log, the clock offset. */
    reset() {
      raw.reset();
      seedNow(options.seed);
    },

    /** Every request received, in order: { method, path, query, url, headers, body, json }. */
    get requests() {
      return raw.requests;
    },
    clearRequests() {
      raw.clearRequests();
    },

    /** The shared secrets of an environment folder of the seeded project, as { KEY: value }. */
    secrets(environment, path = '/') {
      const out = {};
      for (const s of raw.listSecrets(projectId, environment, path)) if (s.type === 'shared') out[s.key] = s.value;
      return out;
    },

    /** The next `times` requests matching `route` are answered `ms` later (state read on arrival). */
    delay(ms, { route, times = 1 } = {}) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError(`delay: ms must be a number >= 0, got ${ms}`);
      raw.injectFault({ type: 'delay', ms }, { match: routeMatcher(route, 'delay'), times: checkTimes(times, 'delay') });
    },

    /** The next `times` requests matching `route` get `status` (an Infisical error body unless `body` is given). */
    fail(status, { route, times = 1, body, headers } = {}) {
      if (!Number.isInteger(status) || status < 200 || status > 599) throw new TypeError(`fail: status must be an HTTP status (200-599), got ${status}`);
      faultCounter += 1;
      const text = http.STATUS_CODES[status] || 'Error';
      const payload = body !== undefined ? body : { reqId: `req-fault${String(faultCounter).padStart(9, '0')}`, statusCode: status, message: text, error: ERROR_NAMES[status] || text.replace(/[^A-Za-z]/g, '') };
      raw.injectFault({ status, body: payload, headers }, { match: routeMatcher(route, 'fail'), times: checkTimes(times, 'fail') });
    },

    /** The next `times` requests matching `route` lose their connection without an answer. */
    drop({ route, times = 1 } = {}) {
      raw.injectFault({ type: 'reset' }, { match: routeMatcher(route, 'drop'), times: checkTimes(times, 'drop') });
    },

    /** Every request fails (503 unless `status`; `{ type: 'reset' }` drops connections) until recover(). */
    outage(opts) {
      raw.outage(opts);
    },
    recover() {
      raw.recover();
    },

    /** Cloud-style rate limits: true (600/min global, 60/min reads...), an object of limits per window, or false. */
    rateLimit(config = true) {
      raw.setRateLimit(config);
    },

    // Identities of the other login methods (testing/server/README.md, "Login methods"); each
    // returns { identityId, ... }. Tokens these logins carry are signed by the server's issuers.
    addKubernetesIdentity: (opts) => raw.addKubernetesIdentity(opts),
    kubernetesServiceAccountToken: (opts) => raw.kubernetesServiceAccountToken(opts),
    addJwtIdentity: (opts) => raw.addJwtIdentity(opts),
    addOidcIdentity: (opts) => raw.addOidcIdentity(opts),
    oidcToken: (claims, opts) => raw.oidcToken(claims, opts),
    addLdapIdentity: (opts) => raw.addLdapIdentity(opts),
    addGcpIdentity: (opts) => raw.addGcpIdentity(opts),
    googleIdToken: (opts) => raw.googleIdToken(opts),
    createGcpServiceAccountKey: (opts) => raw.createGcpServiceAccountKey(opts),
    addGcpServiceAccountKey: (key) => raw.addGcpServiceAccountKey(key),
    // Cloud logins (testing/server/README.md, "Cloud logins"): a fake Entra tenant, OCI users'
    // API keys and Alibaba Cloud AccessKey pairs, checked as the clouds check them.
    addAzureIdentity: (opts) => raw.addAzureIdentity(opts),
    signAzureToken: (opts) => raw.signAzureToken(opts),
    addOciIdentity: (opts) => raw.addOciIdentity(opts),
    addOciUser: (opts) => raw.addOciUser(opts),
    get ociUser() {
      return raw.ociUser;
    },
    addAliCloudIdentity: (opts) => raw.addAliCloudIdentity(opts),
    addAliCloudKey: (opts) => raw.addAliCloudKey(opts),

    /** Moves the server clock forward: token expiry, max TTLs, leases, rate-limit windows. */
    advanceTime(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError(`advanceTime: ms must be a number >= 0, got ${ms}`);
      raw.advanceTime(ms / 1000);
    },

    async close() {
      await raw.close();
    },
  };
  if (Symbol.asyncDispose) server[Symbol.asyncDispose] = () => server.close();
  return server;
}

module.exports = { startInfisical, InfisicalSeedError, startServer, DEFAULTS, createJwtIssuer };
