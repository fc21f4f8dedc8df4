'use strict';

// auth().jwtAuth.login and auth().oidcAuth.login: a JWT given as a string, or by a function
// (returning a string or a promise of one) that is called again at every re-login. The test server
// verifies the RS256 signature against the identity's keys (JWT auth) or its OIDC provider's (OIDC
// auth), the expiry, and the bound issuer, subject, audiences and claims.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { rejection, closedPort } = require('./helpers/common');
const { createJwtIssuer } = require('infisical-sdk-native/testing');
const { serverAndSdk, sentTo, assertTokenUsed, reloginAfterRefusal, withEnv } = require('./helpers/logins');

const JWT_ROUTE = '/api/v1/auth/jwt-auth/login';
const OIDC_ROUTE = '/api/v1/auth/oidc-auth/login';
const CLAIMS = { iss: 'https://ci.example', sub: 'repo:acme/app:ref:refs/heads/main', aud: 'infisical', repository: 'acme/app' };

let server;
let sdk;

beforeEach(async () => {
  ({ server, sdk } = await serverAndSdk());
});

afterEach(async () => {
  await server.close();
});

// The two flavours differ in route, who signs the token and where the identity's keys come from.
const flavours = {
  jwtAuth: {
    route: JWT_ROUTE,
    setup() {
      const issuer = createJwtIssuer({ kid: 'ci-1' });
      const identityId = server.addJwtIdentity({
        publicKeys: [issuer.publicKeyPem],
        boundIssuer: CLAIMS.iss,
        boundSubject: 'repo:acme/*',
        boundAudiences: 'infisical, other',
        boundClaims: { repository: 'acme/app' },
      }).identityId;
      return { identityId, sign: (claims = {}, expiresIn = 300) => issuer.sign({ ...CLAIMS, ...claims }, { expiresIn }) };
    },
    wrongKey: 'Access denied: JWT verification failed with all keys. Errors - invalid signature',
    expired: 'Access denied: JWT verification failed with all keys. Errors - jwt expired',
  },
  oidcAuth: {
    route: OIDC_ROUTE,
    setup() {
      const identityId = server.addOidcIdentity({
        boundIssuer: CLAIMS.iss,
        boundSubject: 'repo:acme/*',
        boundAudiences: 'infisical',
        boundClaims: { repository: 'acme/app' },
      }).identityId;
      return { identityId, sign: (claims = {}, expiresIn = 300) => server.oidcToken({ ...CLAIMS, ...claims }, { expiresIn }) };
    },
    wrongKey: 'Access denied: invalid signature',
    expired: 'Access denied: jwt expired',
  },
};

for (const [method, flavour] of Object.entries(flavours)) {
  const login = (options) => sdk.auth()[method].login(options);
  const label = `auth().${method}.login(options)`;

  describe(method, () => {
    let identityId;
    let sign;
    beforeEach(() => {
      ({ identityId, sign } = flavour.setup());
    });

    test('a JWT string logs in; the next call uses the token', async () => {
      const jwt = sign();
      assert.equal(await login({ identityId, jwt, organizationSlug: 'test-org' }), sdk);
      assert.deepEqual(sentTo(server, flavour.route)[0].json, { identityId, jwt, organizationSlug: 'test-org', subOrganizationName: 'test-org' });
      await assertTokenUsed(server, sdk);
    });

    test('a function is called at every login: a re-login sends a fresh JWT', async () => {
      const made = [];
      const jwt = async () => {
        await new Promise((resolve) => setImmediate(resolve));
        made.push(sign({ jti: `n${made.length}` }));
        return made[made.length - 1];
      };
      await login({ identityId, jwt });
      assert.equal(sentTo(server, flavour.route)[0].json.jwt, made[0]);
      await assertTokenUsed(server, sdk);
      const body = await reloginAfterRefusal(server, sdk, flavour.route);
      assert.equal(made.length, 2);
      assert.equal(body.jwt, made[1]);
      assert.notEqual(made[0], made[1]);
    });

    test('a function returning a string (not a promise) works too', async () => {
      await login({ identityId, jwt: () => sign() });
      await assertTokenUsed(server, sdk);
    });

    test('a wrong, expired or out-of-bounds JWT is the server refusal, unchanged', async () => {
      const stranger = createJwtIssuer();
      const cases = [
        [stranger.sign(CLAIMS, { expiresIn: 300 }), 401, flavour.wrongKey],
        [sign({}, -5), 401, flavour.expired],
        [sign({ iss: 'https://elsewhere' }), 403, 'Access denied: issuer mismatch'],
        [sign({ sub: 'repo:evil/app' }), 403, 'Access denied: subject not allowed'],
        [sign({ aud: 'nobody' }), 401, 'Access denied: token audience not allowed'],
        [sign({ repository: 'acme/other' }), 401, 'Access denied: claim mismatch for field repository'],
      ];
      for (const [jwt, status, message] of cases) {
        const error = await rejection(login({ identityId, jwt }));
        assert.equal(error.name, 'InfisicalSDKRequestError');
        assert.equal(error.message, `[URL=${server.url}${flavour.route}] [Method=POST] [StatusCode=${status}] ${message}`);
      }
      assert.equal(sdk.auth().getAccessToken(), null);
    });

    test('a function that fails ends as a clear error and nothing is sent', async () => {
      const port = await closedPort();
      const cases = [
        [() => {
          throw new Error('no token today');
        }, `Option "jwt" of ${label}: the function threw: no token today`],
        [async () => {
          // an unreachable token source (a CI token endpoint, say)
          const res = await fetch(`http://127.0.0.1:${port}/token`);
          return res.text();
        }, new RegExp(`^Option "jwt" of ${label.replace(/[().]/g, '\\$&')}: the function rejected: fetch failed$`)],
        [() => Promise.reject('plain reason'), `Option "jwt" of ${label}: the function rejected: plain reason`],
        [() => 42, `Option "jwt" of ${label}: the function returned number, not a string`],
        [() => undefined, `Option "jwt" of ${label}: the function returned undefined, not a string`],
        [async () => ({ token: 'x' }), `Option "jwt" of ${label}: the function's promise resolved to object, not a string`],
        [() => '', `Option "jwt" of ${label} gave an empty string`],
      ];
      for (const [jwt, message] of cases) {
        const error = await rejection(login({ identityId, jwt }));
        assert.equal(error.name, 'InfisicalSDKError', String(error));
        if (message instanceof RegExp) assert.match(error.message, message);
        else assert.equal(error.message, message);
      }
      assert.equal(server.requests.length, 0);
    });

    test('a missing or mistyped jwt is named', async () => {
      let error = await rejection(login({ identityId }));
      assert.equal(error.message, `Missing required option "jwt" in ${label}`);
      error = await rejection(login({ identityId, jwt: 5 }));
      assert.equal(error.message, `Option "jwt" of ${label} must be a string, received number`);
      error = await rejection(login());
      assert.equal(error.message, `${label}: "options" must be an object, received null or undefined`);
      assert.equal(server.requests.length, 0);
    });
  });
}

test('oidcAuth falls back to INFISICAL_OIDC_AUTH_IDENTITY_ID, jwtAuth to INFISICAL_MACHINE_IDENTITY_ID', async () => {
  const oidc = flavours.oidcAuth.setup.call(null);
  await withEnv({ INFISICAL_OIDC_AUTH_IDENTITY_ID: oidc.identityId, INFISICAL_MACHINE_IDENTITY_ID: 'not-this-one' }, () =>
    sdk.auth().oidcAuth.login({ jwt: oidc.sign() }),
  );
  assert.equal(sentTo(server, OIDC_ROUTE)[0].json.identityId, oidc.identityId);
  const jwt = flavours.jwtAuth.setup.call(null);
  await withEnv({ INFISICAL_OIDC_AUTH_IDENTITY_ID: undefined, INFISICAL_MACHINE_IDENTITY_ID: jwt.identityId }, () =>
    sdk.auth().jwtAuth.login({ jwt: jwt.sign() }),
  );
  assert.equal(sentTo(server, JWT_ROUTE)[0].json.identityId, jwt.identityId);
  await assertTokenUsed(server, sdk);
});

test('a process whose SDK keeps a jwt function for re-logins still exits by itself', async () => {
  const { execFile } = require('node:child_process');
  const path = require('node:path');
  const child = path.join(__dirname, 'helpers', 'jwt-login-child.js');
  const { error, stdout } = await new Promise((resolve) => {
    // The timeout only ends a hung child, so the test fails instead of hanging.
    execFile(process.execPath, [child], { cwd: path.join(__dirname, '..'), timeout: 60000 }, (err, out) => resolve({ error: err, stdout: out }));
  });
  assert.equal(error, null, `the child did not exit by itself: ${error && error.message}`);
  assert.equal(stdout, 'postgres://one\n');
});

test('inside a worker thread, a re-login calls the jwt function on the worker, and the worker exits', async () => {
  const { Worker } = require('node:worker_threads');
  const path = require('node:path');
  const root = path.resolve(__dirname, '..');
  const worker = new Worker(
    `
    const { parentPort } = require('node:worker_threads');
    const { InfisicalSDK } = require(${JSON.stringify(root)});
    const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
    (async () => {
      const server = await startServer({ log: false });
      server.setSecret(DEFAULTS.projectId, 'dev', '/', 'DB_URL', 'postgres://one');
      const identityId = server.addOidcIdentity({}).identityId;
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      let calls = 0;
      await sdk.auth().oidcAuth.login({ identityId, jwt: async () => { calls += 1; return server.oidcToken({ sub: 's' }); } });
      server.expireToken(sdk.auth().getAccessToken());
      const secret = await sdk.secrets().getSecret({ projectId: DEFAULTS.projectId, environment: 'dev', secretName: 'DB_URL' });
      await server.close();
      parentPort.postMessage({ value: secret.secretValue, calls });
    })().catch((e) => parentPort.postMessage({ error: String(e && e.message) }));
    `,
    { eval: true },
  );
  const messages = [];
  worker.on('message', (m) => messages.push(m));
  const code = await new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('exit', resolve);
  });
  assert.equal(code, 0);
  assert.deepEqual(messages, [{ value: 'postgres://one', calls: 2 }]);
});
