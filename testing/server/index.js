'use strict';
// Local, in-memory, Infisical-compatible test server (Node built-ins only).
//
//   const { startServer } = require('infisical-sdk-native/testing'); // (low level; see startInfisical)
//   const server = await startServer();        // 127.0.0.1, random port
//   new InfisicalSDK({ siteUrl: server.url });
//   ...
//   await server.close();
//
// It follows the real server's REST contract (../shared/infisical-api.md beside the repository):
// routes, validation (422 with an array of zod issues), error envelopes
// ({ reqId, statusCode, message, error }), token rules (expired JWT -> 403
// TokenError, revoked -> 401, renew past max TTL -> 401). See README.md here.

const http = require('node:http');

const { State, DEFAULTS } = require('./state');
const { Router } = require('./router');
const { FaultQueue, sendCanned, sendStall } = require('./faults');
const { ApiError, errorBody, newReqId, parseQuery, parseBody, sendJson } = require('./http');
const { injectIdentity, requireAuth } = require('./auth-check');
const { RateLimiter } = require('./rate-limit');
const rs256 = require('./jwt-rs256');

const ROUTE_MODULES = [
  require('./routes/auth'),
  require('./routes/logins'),
  require('./routes/cloud-auth'),
  require('./routes/secrets'),
  require('./routes/folders'),
  require('./routes/projects'),
  require('./routes/dynamic-secrets'),
  require('./routes/kms'),
];

// The host a client on this machine uses for a listening address.
function urlHost(host) {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// What a gateway in front of Infisical answers during an outage (status text as error).
function outageBody(reqId, status) {
  const text = http.STATUS_CODES[status] || 'Error';
  return { reqId, statusCode: status, message: text, error: text.replace(/[^A-Za-z]/g, '') };
}

function splitUrl(url) {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/**
 * @param {object} [options]
 * @param {number} [options.port=0]
 * @param {object} [options.identity]   overrides of the default UA identity (clientId, clientSecret, identityId, TTLs...)
 * @param {string} [options.projectId]  id of the seeded project
 * @param {string} [options.awsIdentityId]
 * @param {boolean} [options.log]       log every request to stderr (false: not even unexpected errors)
 * @param {boolean|object} [options.rateLimit] enable Cloud-style rate limits (off by default, like self-hosted)
 * @param {string} [options.basePath]   serve the API under a path prefix (e.g. '/infisical')
 */
async function startServer(options = {}) {
  const state = new State(options);
  const router = new Router();
  for (const register of ROUTE_MODULES) register(router, { state });
  const faults = new FaultQueue();
  const rateLimiter = new RateLimiter(options.rateLimit);
  // optional path prefix, e.g. '/infisical' for siteUrl http://127.0.0.1:port/infisical
  const basePath = options.basePath ? `/${String(options.basePath).replace(/^\/+|\/+$/g, '')}` : '';
  const requests = [];
  const maxRequestLog = options.maxRequestLog ?? 10000;
  const timers = new Set();
  let outage = null; // server.outage(): every request fails until server.recover()

  // ---------------------------------------------------------------- normal path
  // Fastify's order: query parsing, routing, rate limit (onRequest), the global
  // auth hook (onRequest), the route's verifyAuth (onRequest), body parsing,
  // zod validation (inside the handlers), handler, serialization.
  // The answer is computed when the request arrives, like a database read;
  // `send` may write it later (the delay fault), as a loaded server does.
  async function processRequest(record, res, socket) {
    const reply = await computeReply(record, socket);
    // the answer, for assertions (not enumerable: records compare by what was sent)
    Object.defineProperty(record, 'response', { value: { status: reply.status, body: reply.payload }, enumerable: false, configurable: true });
    return () => sendJson(res, reply.status, reply.payload, reply.headers);
  }

  async function computeReply(record, socket) {
    state.reqCounter += 1;
    const reqId = newReqId(state.reqCounter);
    let headers = {};
    try {
      let routePath = record.path;
      let outsideBase = false;
      if (basePath) {
        if (routePath === basePath || routePath.startsWith(`${basePath}/`)) routePath = routePath.slice(basePath.length) || '/';
        else outsideBase = true; // nothing matches outside the base path
      }
      const req = {
        method: record.method,
        rawPath: routePath,
        url: record.url,
        headers: record.headers,
        query: parseQuery(record.query),
        params: {},
        body: undefined,
        auth: null,
        reqId,
      };
      const match = outsideBase ? undefined : router.match(record.method, routePath);
      headers = rateLimiter.check(socket.remoteAddress, match && match.route, state.now());
      injectIdentity(state, req); // global onRequest hook
      if (match && match.badUrl) {
        return { status: 400, payload: { error: 'Bad Request', code: 'FST_ERR_BAD_URL', message: `'${record.path}' is not a valid url component`, statusCode: 400 }, headers };
      }
      if (!match) {
        // Fastify's default 404
        return { status: 404, payload: { message: `Route ${record.method}:${record.url} not found`, error: 'Not Found', statusCode: 404 }, headers };
      }
      if (match.route.options.auth) requireAuth(req); // route onRequest: verifyAuth
      req.params = match.params;
      req.body = parseBody(record.method, record.headers, record.body);
      const payload = await match.route.handler(req);
      return { status: 200, payload, headers };
    } catch (err) {
      if (err instanceof ApiError) {
        return { status: err.statusCode, payload: errorBody(reqId, err), headers: err.headers || headers };
      } else {
        if (options.log !== false) console.error('[infisical-test-server] unexpected error:', err);
        return { status: 500, payload: { reqId, statusCode: 500, message: 'Something went wrong', error: 'InternalServerError' }, headers };
      }
    }
  }

  // ---------------------------------------------------------------- faults
  function applyFault(fault, record, req, res) {
    switch (fault.type) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return; // the socket is closed by server.close()
      case 'stall':
        sendStall(res, fault);
        return;
      case 'delay': {
        // The state is read now, on arrival; only the answer waits.
        const sendLater = processRequest(record, res, req.socket);
        const t = setTimeout(() => {
          timers.delete(t);
          sendLater.then((send) => send());
        }, fault.ms);
        timers.add(t);
        return;
      }
      default:
        sendCanned(res, fault);
    }
  }

  const httpServer = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('error', () => {});
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { path, query } = splitUrl(req.url);
      let json;
      if (body.length) {
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
      }
      const record = { method: req.method, path, query, url: req.url, headers: { ...req.headers }, body, json };
      requests.push(record);
      // A long-running server (dev-server, a suite of thousands of calls) keeps only the newest records.
      if (requests.length > maxRequestLog) requests.splice(0, requests.length - maxRequestLog);
      if (options.log) console.error(`[infisical-test-server] ${req.method} ${req.url}`);
      if (outage) {
        state.reqCounter += 1;
        if (outage.type === 'reset') req.socket.destroy();
        else sendCanned(res, { status: outage.status, body: outage.body ?? outageBody(newReqId(state.reqCounter), outage.status), headers: outage.headers });
        return;
      }
      const fault = faults.take(record);
      if (fault) applyFault(fault, record, req, res);
      else processRequest(record, res, req.socket).then((send) => send());
    });
  });
  httpServer.keepAliveTimeout = 5000;

  const host = options.host || '127.0.0.1';
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address();

  let closed = false;
  const server = {
    url: `http://${urlHost(host)}:${port}`,
    port,
    state,
    defaults: DEFAULTS,
    requests,

    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await new Promise((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },

    clearRequests() {
      requests.length = 0;
    },

    // ------------------------------------------------------------ identities & tokens
    get identity() {
      return state.identities.get((options.identity && options.identity.identityId) || DEFAULTS.identityId);
    },
    addIdentity: (opts) => state.addIdentity(opts),
    addAwsIdentity: (opts) => state.addAwsIdentity(opts),
    get lastAwsLogin() {
      return state.lastAwsLogin;
    },
    // Logins whose credential someone else signs (routes/logins.js). Each add*Identity takes
    // { identityId, name, accessTokenTTL, accessTokenMaxTTL, accessTokenNumUsesLimit,
    // accessTokenPeriod } plus the method's own configuration, and returns the identity.
    /** Kubernetes auth: { allowedNamespaces, allowedNames, allowedAudience } (comma-separated lists). */
    addKubernetesIdentity: (opts) => state.addLoginIdentity('kubernetes', opts),
    /** A service-account token the test cluster signed (what a pod finds in its token file). */
    kubernetesServiceAccountToken({ namespace = 'default', name = 'default', audiences = ['https://kubernetes.default.svc'], expiresIn = 3600 } = {}) {
      return state.issuerFor('kubernetes').sign(
        { iss: 'https://kubernetes.default.svc', sub: `system:serviceaccount:${namespace}:${name}`, aud: audiences },
        { expiresIn, nowSeconds: state.nowSeconds() },
      );
    },
    /** JWT auth: { publicKeys: [PEM...], boundIssuer, boundSubject, boundAudiences, boundClaims }. */
    addJwtIdentity: (opts) => state.addLoginIdentity('jwt', opts),
    /** OIDC auth: { boundIssuer, boundSubject, boundAudiences, boundClaims }; tokens from oidcToken(). */
    addOidcIdentity: (opts) => state.addLoginIdentity('oidc', opts),
    /** A token the test OIDC provider signed: `claims` (iss, sub, aud...) and `expiresIn` seconds. */
    oidcToken: (claims, { expiresIn = 300 } = {}) => state.issuerFor('oidc').sign(claims, { expiresIn, nowSeconds: state.nowSeconds() }),
    /** LDAP auth: { users: { username: password } } (the directory the bind is checked against). */
    addLdapIdentity: (opts) => state.addLoginIdentity('ldap', opts),
    /** GCP auth: { type: 'gce' | 'iam', allowedServiceAccounts } (comma-separated emails). */
    addGcpIdentity: (opts) => state.addLoginIdentity('gcp', { type: 'gce', ...opts }),
    /** A Google-signed ID token (what the GCE metadata server hands out) for `audience`. */
    googleIdToken({ audience, email = 'app@test-project.iam.gserviceaccount.com', expiresIn = 3600 } = {}) {
      return state.issuerFor('google').sign(
        { iss: 'https://accounts.google.com', aud: audience, azp: '1234567890', sub: '1234567890', email, email_verified: true },
        { expiresIn, nowSeconds: state.nowSeconds() },
      );
    },
    /**
     * A new GCP service-account key file (JSON object as Google issues it) whose public half
     * the server knows, as Google publishes it for the service account.
     */
    /** Makes the server know an existing key file (its public half, from `private_key`), as Google publishes it. */
    addGcpServiceAccountKey(key) {
      if (!key || typeof key.client_email !== 'string' || typeof key.private_key_id !== 'string' || typeof key.private_key !== 'string') {
        throw new TypeError('addGcpServiceAccountKey: expected a service-account key file ({ client_email, private_key_id, private_key })');
      }
      const { publicKeyPem } = rs256.createIssuer({ privateKeyPem: key.private_key });
      state.registerGcpServiceAccountKey(key.client_email, key.private_key_id, publicKeyPem);
    },
    createGcpServiceAccountKey({ email = 'app@test-project.iam.gserviceaccount.com', projectId = 'test-project' } = {}) {
      const kid = require('node:crypto').randomBytes(20).toString('hex');
      const issuer = rs256.createIssuer({ kid });
      state.registerGcpServiceAccountKey(email, kid, issuer.publicKeyPem);
      return {
        type: 'service_account',
        project_id: projectId,
        private_key_id: kid,
        private_key: issuer.privateKeyPem,
        client_email: email,
        client_id: '1234567890',
        token_uri: 'https://oauth2.googleapis.com/token',
      };
    },
    // Logins with a cloud credential (routes/cloud-auth.js); add*Identity as above.
    /** Azure auth: { tenantId, resource, allowedServicePrincipalIds } (defaults: DEFAULTS.azure*). */
    addAzureIdentity: ({ tenantId = DEFAULTS.azureTenantId, resource = DEFAULTS.azureResource, ...opts } = {}) =>
      state.addLoginIdentity('azure', { tenantId, resource, ...opts }),
    /**
     * An access token of a fake Entra tenant, as IMDS or Entra hands it out (v1 issuer
     * https://sts.windows.net/{tenantId}/): `{ tenantId, audience (the resource), oid, expiresIn, claims }`.
     */
    signAzureToken({ tenantId = DEFAULTS.azureTenantId, audience = DEFAULTS.azureResource, oid = DEFAULTS.azureServicePrincipalId, expiresIn = 3600, claims = {} } = {}) {
      const now = state.nowSeconds();
      return state.issuerFor(`azure:${tenantId}`).sign(
        { aud: audience, iss: `https://sts.windows.net/${tenantId}/`, nbf: now, oid, sub: oid, tid: tenantId, ver: '1.0', ...claims },
        { expiresIn, nowSeconds: now },
      );
    },
    /** OCI auth: { tenancyOcid, allowedUsernames } (default tenancy: DEFAULTS.ociTenancyOcid). */
    addOciIdentity: ({ tenancyOcid = DEFAULTS.ociTenancyOcid, ...opts } = {}) => state.addLoginIdentity('oci', { tenancyOcid, ...opts }),
    /** An OCI user with an API public key: `{ userOcid, tenancyOcid, name, publicKey }`; returns it with its fingerprint. */
    addOciUser: (opts) => state.addOciUser(opts),
    /** The seeded OCI user: `{ userOcid, tenancyOcid, name, fingerprint, privateKey (PKCS#8 PEM), publicKey }` (key made on first use). */
    get ociUser() {
      return state.defaultOciUser();
    },
    /** Alibaba Cloud auth: { allowedArns } (comma-separated). */
    addAliCloudIdentity: (opts) => state.addLoginIdentity('aliCloud', opts),
    /** Another AccessKey pair Alibaba STS accepts: `{ accessKeyId, accessKeySecret, arn }`. */
    addAliCloudKey: (opts) => state.addAliCloudKey(opts),
    /** Issues an access token directly (no HTTP), for the default identity unless identityId is given. */
    issueToken(identityId = server.identity.identityId, overrides = {}) {
      const identity = state.identities.get(identityId);
      if (!identity) throw new Error(`unknown identity ${identityId}`);
      // The identity's first login method (universal auth, AWS, then the others) sets the TTLs.
      const [method, base] = identity.ua
        ? ['universal-auth', identity.ua]
        : identity.aws
          ? ['aws-auth', identity.aws]
          : Object.entries(identity.logins || {}).map(([name, config]) => [`${name.toLowerCase()}-auth`, config])[0] || [];
      if (!base) throw new Error(`identity ${identityId} has no login method`);
      return state.issueToken(identity, method, { ...base, ...overrides }).accessToken;
    },
    /** Makes the next uses of `token` fail like an expired JWT (403 TokenError). */
    expireToken: (token) => state.expireToken(token),
    /** Revokes one token (401 "No identity access token found" afterwards). */
    revokeToken: (token) => state.revokeToken(token),
    revokeAll: () => state.revokeAll(),
    /** Moves the server clock forward (JWT expiry, TTLs, leases). */
    advanceTime: (seconds) => state.advanceTime(seconds),
    /** Pins the server clock at epochMs (kept across reset(); null unfreezes). */
    freezeClock: (epochMs) => state.freezeClock(epochMs),
    tokenInfo: (token) => state.tokenRowFor(token),

    // ------------------------------------------------------------ data
    get project() {
      return state.getProject(options.projectId || DEFAULTS.projectId);
    },
    createProject: (opts) => state.createProject(opts),
    createEnvironment: (projectId, env) => state.createEnvironment(projectId, env),
    createFolder: (projectId, env, path) => state.createFolder(projectId, env, path),
    createTag: (projectId, tag) => state.createTag(projectId, tag),
    setSecret: (projectId, env, path, key, value, extra) => state.setSecret(projectId, env, path, key, value, extra),
    getSecret(projectId, env, path, key, type = 'shared') {
      const folder = state.getFolder(projectId, env, path);
      if (!folder) return undefined;
      return folder.secrets.find((s) => s.key === key && s.type === type);
    },
    listSecrets(projectId, env, path) {
      const folder = state.getFolder(projectId, env, path);
      return folder ? [...folder.secrets] : [];
    },
    addImport: (projectId, env, path, source) => state.addImport(projectId, env, path, source),

    // ------------------------------------------------------------ faults
    injectFault: (fault, opts) => {
      faults.inject(fault, opts);
    },
    clearFaults: () => faults.clear(),
    /**
     * Every request fails until recover(): `{ status = 503, body, headers }` (an Infisical
     * error envelope unless `body` is given) or `{ type: 'reset' }` (connections dropped).
     */
    outage(opts = {}) {
      if (opts.type !== undefined && opts.type !== 'reset') throw new TypeError(`outage: unknown type ${opts.type}`);
      const status = opts.status ?? 503;
      if (!Number.isInteger(status) || status < 200 || status > 599) throw new TypeError(`outage: status must be an HTTP status (200-599), got ${status}`);
      outage = { type: opts.type, status, body: opts.body, headers: opts.headers };
    },
    recover() {
      outage = null;
    },
    get inOutage() {
      return outage !== null;
    },

    // ------------------------------------------------------------ rate limits
    /** true | false | { global, read, write, secrets, projectCreation, windowMs } */
    setRateLimit: (config) => rateLimiter.configure(config),
    get pendingFaults() {
      return faults.pending;
    },

    /** Restores the seeded state and forgets tokens, faults and recorded requests. */
    reset() {
      state.reset();
      faults.clear();
      outage = null;
      rateLimiter.reset();
      requests.length = 0;
      // delayed requests in flight still get their answer
    },
  };
  return server;
}

module.exports = { startServer, DEFAULTS, createJwtIssuer: rs256.createIssuer };
