'use strict';

// Differential tests: construction, exports, and authentication (universal auth, renew,
// accessToken, getAccessToken). Each scenario runs against the official @infisical/sdk and our
// addon; see helpers/diff.js.

const test = require('node:test');
const assert = require('node:assert/strict');
const {
  OFFICIAL_ONLY,
  CLIENT_ID,
  CLIENT_SECRET,
  loadOfficial,
  oursOrThrow,
  importOfficialEsm,
  importOursEsm,
  useServer,
  runDiff,
  runDeliberate,
  assertRejected,
  assertResolved,
  callOutcome,
} = require('./helpers/diff');

const h = useServer();
const diff = (name, scenario, opts) => test(name, () => runDiff(h, scenario, opts));

const EXPECTED_EXPORTS = [
  'DynamicSecretProviders',
  'EncryptionAlgorithm',
  'InfisicalSDK',
  'KeyUsage',
  'SecretType',
  'SigningAlgorithm',
  'SqlProviders',
];
const ENUMS = EXPECTED_EXPORTS.filter((n) => n !== 'InfisicalSDK');
const LOGIN_PATH = '/api/v1/auth/universal-auth/login';
const RENEW_PATH = '/api/v1/auth/token/renew';
const creds = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

// ---------------------------------------------------------------------------------------------
// Exports

test('exports: require() gives the official names and enum values', () => {
  const official = loadOfficial();
  assert.deepEqual(Object.keys(official).sort(), EXPECTED_EXPORTS);
  assert.equal(official.SecretType.Shared, 'shared');
  assert.equal(official.SecretType.Personal, 'personal');
  if (OFFICIAL_ONLY) return;
  const ours = oursOrThrow();
  assert.deepEqual(Object.keys(ours).sort(), EXPECTED_EXPORTS);
  assert.equal(typeof ours.InfisicalSDK, 'function');
  for (const name of ENUMS) {
    assert.deepStrictEqual({ ...ours[name] }, { ...official[name] }, `enum ${name}`);
    assert.deepEqual(Object.keys(ours[name]), Object.keys(official[name]), `enum ${name} key order`);
  }
  // error classes are not exported by the official package, so not by ours either
  assert.equal(ours.InfisicalSDKError, undefined);
  assert.equal(ours.InfisicalSDKRequestError, undefined);
});

test('exports: import() gives the same names as require(), no default export', async () => {
  const official = loadOfficial();
  const officialEsm = await importOfficialEsm();
  assert.deepEqual(Object.keys(officialEsm).sort(), EXPECTED_EXPORTS);
  assert.equal('default' in officialEsm, false);
  for (const name of ENUMS) assert.deepStrictEqual({ ...officialEsm[name] }, { ...official[name] });
  if (OFFICIAL_ONLY) return;
  const ours = oursOrThrow();
  const oursEsm = await importOursEsm();
  assert.deepEqual(Object.keys(oursEsm).sort(), EXPECTED_EXPORTS);
  assert.equal('default' in oursEsm, false);
  for (const name of ENUMS) {
    assert.deepStrictEqual({ ...oursEsm[name] }, { ...official[name] }, `ESM enum ${name}`);
  }
  // the ESM and CJS entries expose the same class
  assert.equal(oursEsm.InfisicalSDK, ours.InfisicalSDK);
});

// ---------------------------------------------------------------------------------------------
// Construction

diff(
  'new InfisicalSDK() with no options: no request, no token, clients available',
  async (m) => {
    const sdk = new m.InfisicalSDK();
    const auth = sdk.auth();
    return {
      token: auth.getAccessToken(),
      sameAuthObject: sdk.auth() === auth,
      sameSecretsObject: sdk.secrets() === sdk.secrets(),
      secretsMethods: ['listSecrets', 'listSecretsWithImports', 'getSecret', 'createSecret', 'updateSecret', 'deleteSecret'].map(
        (k) => typeof sdk.secrets()[k],
      ),
      authMethods: [typeof auth.universalAuth.login, typeof auth.universalAuth.renew, typeof auth.awsIamAuth.login, typeof auth.awsIamAuth.renew, typeof auth.accessToken, typeof auth.getAccessToken],
    };
  },
  {
    check(side) {
      assert.equal(side.requests.length, 0);
      const r = assertResolved(side);
      assert.equal(r.token, null);
      assert.equal(r.sameAuthObject, true);
      assert.equal(r.sameSecretsObject, true);
      assert.deepEqual(r.secretsMethods, Array(6).fill('function'));
      assert.deepEqual(r.authMethods, Array(6).fill('function'));
    },
  },
);

diff(
  'new InfisicalSDK({ siteUrl: "" }) falls back to the default host without any request',
  async (m) => {
    // The fallback is https://app.infisical.com: never call it from a test.
    const sdk = new m.InfisicalSDK({ siteUrl: '' });
    const sdk2 = new m.InfisicalSDK({});
    return { token: sdk.auth().getAccessToken(), token2: sdk2.auth().getAccessToken() };
  },
  {
    check(side) {
      assert.equal(side.requests.length, 0);
      assert.deepEqual(assertResolved(side), { token: null, token2: null });
    },
  },
);

diff(
  'siteUrl with a path prefix keeps the prefix in request paths (server 404s)',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: `${ctx.url}/prefix` });
    return sdk.auth().universalAuth.login(creds);
  },
  {
    check(side) {
      assert.equal(side.requests.length, 1);
      assert.equal(side.requests[0].method, 'POST');
      assert.equal(side.requests[0].path, `/prefix${LOGIN_PATH}`);
      assertRejected(side, { messageIncludes: ['404'] });
    },
  },
);

diff(
  'siteUrl with a trailing slash and a prefix with a trailing slash',
  async (m, ctx) => {
    const a = new m.InfisicalSDK({ siteUrl: `${ctx.url}/` });
    const b = new m.InfisicalSDK({ siteUrl: `${ctx.url}/prefix/` });
    const ra = await callOutcome(() => a.auth().universalAuth.login(creds).then((s) => s === a));
    const rb = await callOutcome(() => b.auth().universalAuth.login(creds).then((s) => s === b));
    return { ra, rb };
  },
  {
    check(side) {
      assert.deepEqual(
        side.requests.map((r) => r.path),
        [LOGIN_PATH, `/prefix${LOGIN_PATH}`],
      );
      const r = assertResolved(side);
      assert.deepEqual(r.ra, { resolved: true });
      assert.ok(r.rb.rejected);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Universal auth login

diff(
  'universalAuth.login resolves the SDK instance itself and sends the credentials as JSON',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const before = sdk.auth().getAccessToken();
    const result = await sdk.auth().universalAuth.login(creds);
    const token = ctx.markToken(sdk.auth().getAccessToken());
    return { before, same: result === sdk, tokenType: typeof token, token };
  },
  {
    check(side) {
      assert.equal(side.requests.length, 1);
      const [r] = side.requests;
      assert.equal(r.method, 'POST');
      assert.equal(r.path, LOGIN_PATH);
      assert.equal(r.query.raw, '');
      assert.deepEqual(r.body, creds);
      assert.equal(r.authorization, undefined);
      assert.equal(r.contentType, 'application/json');
      assert.deepEqual(assertResolved(side), { before: null, same: true, tokenType: 'string', token: '<token#1>' });
    },
  },
);

diff(
  'universalAuth.login passes extra fields through to the body',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const res = await sdk.auth().universalAuth.login({ ...creds, subOrganizationName: 'test-org', extraField: 42 });
    return res === sdk;
  },
  {
    check(side) {
      assert.equal(side.requests.length, 1);
      assert.deepEqual(side.requests[0].body, { ...creds, subOrganizationName: 'test-org', extraField: 42 });
      assert.deepEqual(Object.keys(side.requests[0].body), ['clientId', 'clientSecret', 'subOrganizationName', 'extraField']);
      assert.equal(assertResolved(side), true);
    },
  },
);

diff(
  'universalAuth.login with wrong credentials rejects with the server message (401)',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    await sdk.auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: 'wrong' });
  },
  {
    check(side) {
      assert.equal(side.requests.length, 1);
      const e = assertRejected(side, { name: 'InfisicalSDKRequestError' });
      assert.ok(e.message.startsWith(`[URL=${h.server.url}${LOGIN_PATH}] [Method=POST] [StatusCode=401] `), e.message);
    },
  },
);

diff(
  'universalAuth.login with a custom identity, twice: the second login sends the first token',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    await sdk.auth().universalAuth.login({ clientId: 'other-client', clientSecret: 'other-secret' });
    const first = ctx.markToken(sdk.auth().getAccessToken());
    const again = await sdk.auth().universalAuth.login({ clientId: 'other-client', clientSecret: 'other-secret' });
    const second = ctx.markToken(sdk.auth().getAccessToken());
    return { first, second, same: again === sdk, differ: first !== second };
  },
  {
    setup(server) {
      server.addIdentity({ clientId: 'other-client', clientSecret: 'other-secret', accessTokenTTL: 3600, accessTokenMaxTTL: 7200 });
    },
    check(side) {
      assert.equal(side.requests.length, 2);
      assert.equal(side.requests[0].authorization, undefined);
      assert.equal(side.requests[1].authorization, 'Bearer <token#1>');
      const r = assertResolved(side);
      assert.equal(r.same, true);
      assert.equal(r.first, '<token#1>');
      assert.equal(r.differ, true);
    },
  },
);

diff(
  'detached universalAuth.login and auth() methods keep working',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const { login } = sdk.auth().universalAuth;
    const res = await login(creds);
    const { getAccessToken } = sdk.auth();
    const { renew } = sdk.auth().universalAuth;
    ctx.tick();
    const renewed = await renew();
    return { loginSame: res === sdk, renewSame: renewed === sdk, token: ctx.markToken(getAccessToken()) };
  },
  {
    check(side) {
      assert.deepEqual(side.requests.map((r) => r.path), [LOGIN_PATH, RENEW_PATH]);
      // getAccessToken was taken from the auth() object before the renew
      assert.deepEqual(assertResolved(side), { loginSame: true, renewSame: true, token: '<token#1>' });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Renew

diff(
  'renew() before any login rejects locally without a request',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const ua = await callOutcome(() => sdk.auth().universalAuth.renew());
    const aws = await callOutcome(() => sdk.auth().awsIamAuth.renew());
    return { ua, aws };
  },
  {
    check(side) {
      assert.equal(side.requests.length, 0);
      const expected = {
        rejected: { name: 'InfisicalSDKError', message: 'Unable to renew access token, no access token set.', isError: true },
      };
      assert.deepEqual(assertResolved(side), { ua: expected, aws: expected });
    },
  },
);

diff(
  'universalAuth.renew() after login sends the token in body and header and switches to the new token',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    await sdk.auth().universalAuth.login(creds);
    const t1 = ctx.markToken(sdk.auth().getAccessToken());
    ctx.tick();
    const res = await sdk.auth().universalAuth.renew();
    const t2 = ctx.markToken(sdk.auth().getAccessToken());
    await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' });
    return { same: res === sdk, t1, t2 };
  },
  {
    check(side) {
      assert.deepEqual(side.requests.map((r) => [r.method, r.path]), [
        ['POST', LOGIN_PATH],
        ['POST', RENEW_PATH],
        ['GET', '/api/v3/secrets/raw'],
      ]);
      assert.deepEqual(side.requests[1].body, { accessToken: '<token#1>' });
      assert.equal(side.requests[1].authorization, 'Bearer <token#1>');
      assert.equal(side.requests[1].contentType, 'application/json');
      assert.equal(side.requests[2].authorization, 'Bearer <token#2>');
      assert.deepEqual(assertResolved(side), { same: true, t1: '<token#1>', t2: '<token#2>' });
    },
  },
);

diff(
  'awsIamAuth.renew() after a universal-auth login renews through the same route',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    ctx.tick();
    const res = await sdk.auth().awsIamAuth.renew();
    return { same: res === sdk, token: ctx.markToken(sdk.auth().getAccessToken()) };
  },
  {
    check(side) {
      assert.deepEqual(side.requests.map((r) => r.path), [LOGIN_PATH, RENEW_PATH]);
      assert.deepEqual(side.requests[1].body, { accessToken: '<token#1>' });
      assert.deepEqual(assertResolved(side), { same: true, token: '<token#2>' });
    },
  },
);

diff(
  'renew() of an expired token rejects with the server error (403)',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m, { autoTokenRefresh: false });
    ctx.server.expireToken(sdk.auth().getAccessToken());
    return sdk.auth().universalAuth.renew();
  },
  {
    check(side) {
      assert.equal(side.requests.length, 2);
      // renew wraps the request error twice: the name becomes InfisicalSDKError, the message
      // keeps the [URL=...] prefix
      assertRejected(side, {
        name: 'InfisicalSDKError',
        messageIncludes: [`[URL=${h.server.url}${RENEW_PATH}] [Method=POST] [StatusCode=403]`],
      });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// accessToken / getAccessToken

diff(
  'accessToken(token) returns the instance and authenticates later calls',
  async (m, ctx) => {
    const donor = await ctx.loggedIn(m);
    const token = donor.auth().getAccessToken();
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const ret = sdk.auth().accessToken(token);
    const list = await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' });
    return { same: ret === sdk, isPromise: ret instanceof Promise, got: sdk.auth().getAccessToken(), secrets: list.secrets.length };
  },
  {
    check(side) {
      assert.equal(side.requests.length, 2);
      assert.equal(side.requests[1].authorization, 'Bearer <token#1>');
      assert.deepEqual(assertResolved(side), { same: true, isPromise: false, got: '<token#1>', secrets: 0 });
    },
  },
);

diff(
  'accessToken("") leaves getAccessToken() null and sends an empty bearer',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m);
    const ret = sdk.auth().accessToken('');
    const got = sdk.auth().getAccessToken();
    const list = await callOutcome(() => sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' }));
    const renew = await callOutcome(() => sdk.auth().universalAuth.renew());
    return { same: ret === sdk, got, listFailed: 'rejected' in list, renew };
  },
  {
    check(side) {
      // fetch trims the header value "Bearer " to "Bearer"
      assert.equal(side.requests.length, 2);
      assert.equal(side.requests[1].authorization, 'Bearer');
      const r = assertResolved(side);
      assert.equal(r.same, true);
      assert.equal(r.got, null);
      assert.equal(r.listFailed, true);
      assert.deepEqual(r.renew, {
        rejected: { name: 'InfisicalSDKError', message: 'Unable to renew access token, no access token set.', isError: true },
      });
    },
  },
);

diff(
  'a stale auth() object keeps answering with the token it was created with',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const a0 = sdk.auth();
    await a0.universalAuth.login(creds);
    const a1 = sdk.auth();
    const t1 = ctx.markToken(a1.getAccessToken());
    ctx.tick();
    await a1.universalAuth.renew();
    const a2 = sdk.auth();
    const t2 = ctx.markToken(a2.getAccessToken());
    // renew through the stale a0 (never had a token) fails locally
    const staleRenew = await callOutcome(() => a0.universalAuth.renew());
    // a1 still holds t1 and renews t1, not the current token
    ctx.tick();
    await a1.universalAuth.renew();
    const t3 = ctx.markToken(sdk.auth().getAccessToken());
    sdk.auth().accessToken('manual-token-value');
    return {
      a0: a0.getAccessToken(),
      a1: a1.getAccessToken(),
      a2: a2.getAccessToken(),
      t1,
      t2,
      t3,
      now: sdk.auth().getAccessToken(),
      identity: { a0a1: a0 === a1, a1a2: a1 === a2, stable: sdk.auth() === sdk.auth() },
      staleRenew,
    };
  },
  {
    check(side) {
      assert.deepEqual(side.requests.map((r) => r.path), [LOGIN_PATH, RENEW_PATH, RENEW_PATH]);
      assert.deepEqual(side.requests[1].body, { accessToken: '<token#1>' });
      assert.deepEqual(side.requests[2].body, { accessToken: '<token#1>' });
      assert.equal(side.requests[2].authorization, 'Bearer <token#2>');
      const r = assertResolved(side);
      assert.equal(r.a0, null);
      assert.equal(r.a1, '<token#1>');
      assert.equal(r.a2, '<token#2>');
      assert.equal(r.now, 'manual-token-value');
      assert.notEqual(r.t3, r.t2);
      assert.deepEqual(r.identity, { a0a1: false, a1a2: false, stable: true });
      assert.deepEqual(r.staleRenew, {
        rejected: { name: 'InfisicalSDKError', message: 'Unable to renew access token, no access token set.', isError: true },
      });
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Errors

diff(
  'errors: shape of InfisicalSDKRequestError and InfisicalSDKError',
  async (m, ctx) => {
    const shape = (e) => ({
      name: e.name,
      ctor: e.constructor && e.constructor.name,
      isError: e instanceof Error,
      ownKeys: Object.keys(e),
      hasStack: typeof e.stack === 'string',
      status: 'status' in e,
      response: 'response' in e,
      cause: 'cause' in e,
      str: String(e).split(':')[0],
    });
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    const out = {};
    try {
      await sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' });
    } catch (e) {
      out.request = shape(e);
    }
    try {
      await sdk.auth().universalAuth.renew();
    } catch (e) {
      out.local = shape(e);
    }
    return out;
  },
  {
    check(side) {
      const r = assertResolved(side);
      for (const [k, name] of [
        ['request', 'InfisicalSDKRequestError'],
        ['local', 'InfisicalSDKError'],
      ]) {
        assert.deepEqual(r[k], {
          name,
          ctor: name,
          isError: true,
          ownKeys: ['name'],
          hasStack: true,
          status: false,
          response: false,
          cause: false,
          str: name,
        });
      }
    },
  },
);

diff(
  'a call without login is rejected by the server with 401',
  async (m, ctx) => {
    const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
    return sdk.secrets().getSecret({ projectId: ctx.projectId, environment: 'dev', secretName: 'A' });
  },
  {
    check(side) {
      assert.equal(side.requests.length, 1);
      assert.equal(side.requests[0].authorization, undefined);
      assertRejected(side, { name: 'InfisicalSDKRequestError', messageIncludes: ['[Method=GET] [StatusCode=401]'] });
    },
  },
);

diff(
  'an expired token gives 403 on later calls, and re-login on the same instance',
  async (m, ctx) => {
    const sdk = await ctx.loggedIn(m, { autoTokenRefresh: false });
    ctx.server.expireToken(sdk.auth().getAccessToken());
    const list = await callOutcome(() => sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' }));
    const relogin = await callOutcome(() => sdk.auth().universalAuth.login(creds).then((s) => s === sdk));
    return { list, relogin, token: ctx.markToken(sdk.auth().getAccessToken()) };
  },
  {
    check(side) {
      assert.equal(side.requests.length, 3);
      assert.equal(side.requests[2].authorization, 'Bearer <token#1>');
      const r = assertResolved(side);
      assert.ok(r.list.rejected);
      assert.equal(r.list.rejected.name, 'InfisicalSDKRequestError');
      assert.ok(r.list.rejected.message.includes('[StatusCode=403]'), r.list.rejected.message);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// Deliberate differences (README "Deliberate differences from @infisical/sdk 5.0.2")

// Bad login options. official: sends whatever it got and the server rejects it (422);
// ours: rejects before any request with an InfisicalSDKError naming the option.
for (const [label, call, optionRe] of [
  ['login() without options', (a) => a.universalAuth.login(), /options|clientId/],
  ['login(null)', (a) => a.universalAuth.login(null), /options|clientId/],
  ['login without clientSecret', (a) => a.universalAuth.login({ clientId: CLIENT_ID }), /clientSecret/],
  ['login with a numeric clientId', (a) => a.universalAuth.login({ clientId: 42, clientSecret: CLIENT_SECRET }), /clientId/],
]) {
  test(`deliberate: ${label} rejects locally`, async () => {
    await runDeliberate(
      h,
      async (m, ctx) => {
        const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
        const r = await callOutcome(() => call(sdk.auth()));
        return { r, token: sdk.auth().getAccessToken() };
      },
      {
        official(side) {
          assert.equal(side.requests.length, 1);
          assert.equal(side.requests[0].path, LOGIN_PATH);
          const { r, token } = assertResolved(side);
          assert.deepEqual(r, { rejected: { name: 'InfisicalSDKError', message: 'Request failed with status 422', isError: true } });
          assert.equal(token, null);
        },
        ours(side) {
          assert.equal(side.requests.length, 0);
          const { r, token } = assertResolved(side);
          assert.equal(r.threwSynchronously, undefined, JSON.stringify(r));
          assert.ok(r.rejected, JSON.stringify(r));
          assert.equal(r.rejected.name, 'InfisicalSDKError');
          assert.equal(r.rejected.isError, true);
          assert.match(r.rejected.message, optionRe);
          assert.equal(token, null);
        },
      },
    );
  });
}

test('deliberate: accessToken() with a non-string token', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
      let threw = null;
      try {
        sdk.auth().accessToken(12345);
      } catch (e) {
        threw = { name: e.name, message: e.message, isError: e instanceof Error };
      }
      const list = await callOutcome(() => sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' }));
      return { threw, token: sdk.auth().getAccessToken(), listRejected: 'rejected' in list };
    },
    {
      // official: no check; the number becomes "Bearer 12345" and getAccessToken() returns it
      official(side) {
        assert.deepEqual(assertResolved(side), { threw: null, token: 12345, listRejected: true });
        assert.equal(side.requests[0].authorization, 'Bearer 12345');
      },
      // ours: accessToken() is synchronous, so it throws an InfisicalSDKError naming the token;
      // nothing is set
      ours(side) {
        const r = assertResolved(side);
        assert.ok(r.threw, 'ours must throw');
        assert.equal(r.threw.name, 'InfisicalSDKError');
        assert.equal(r.threw.isError, true);
        assert.match(r.threw.message, /token/i);
        assert.equal(r.token, null);
        assert.equal(side.requests[0].authorization, undefined);
      },
    },
  );
});

test('deliberate: a login response without accessToken', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      ctx.server.injectFault({ status: 200, body: { expiresIn: 7200, tokenType: 'Bearer' } }, { match: { path: LOGIN_PATH } });
      const sdk = new m.InfisicalSDK({ siteUrl: ctx.url });
      const login = await callOutcome(() => sdk.auth().universalAuth.login(creds).then((s) => s === sdk));
      await callOutcome(() => sdk.secrets().listSecrets({ projectId: ctx.projectId, environment: 'dev' }));
      return { login, token: sdk.auth().getAccessToken() };
    },
    {
      // official: resolves, and later calls send "Bearer undefined"
      official(side) {
        assert.deepEqual(assertResolved(side), { login: { resolved: true }, token: null });
        assert.equal(side.requests[1].authorization, 'Bearer undefined');
      },
      // ours: the login rejects naming the missing field; later calls are unauthenticated
      ours(side) {
        const r = assertResolved(side);
        assert.equal(r.login.rejected.name, 'InfisicalSDKError');
        assert.match(r.login.rejected.message, /accessToken/);
        assert.equal(r.token, null);
        assert.equal(side.requests[1].authorization, undefined);
      },
    },
  );
});

test('deliberate: util.inspect / JSON.stringify of a logged-in SDK', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      const util = require('node:util');
      const sdk = await ctx.loggedIn(m);
      const token = sdk.auth().getAccessToken();
      const inspected = util.inspect(sdk, { depth: 20, showHidden: true });
      const json = await callOutcome(() => JSON.stringify(sdk));
      return {
        inspectHasToken: inspected.includes(token),
        jsonHasToken: typeof json.resolved === 'string' && json.resolved.includes(token),
        secretInInspect: inspected.includes(ctx.clientSecret),
      };
    },
    {
      // official: the bearer token is in apiClient.defaultHeaders
      official(side) {
        assert.deepEqual(assertResolved(side), { inspectHasToken: true, jsonHasToken: true, secretInInspect: false });
      },
      ours(side) {
        assert.deepEqual(assertResolved(side), { inspectHasToken: false, jsonHasToken: false, secretInInspect: false });
      },
    },
  );
});

test('deliberate: User-Agent', async () => {
  await runDeliberate(
    h,
    async (m, ctx) => {
      await ctx.loggedIn(m);
      return ctx.server.requests.map((r) => r.headers['user-agent']);
    },
    {
      official(side) {
        assert.deepEqual(assertResolved(side), ['node']);
      },
      ours(side) {
        const [ua] = assertResolved(side);
        assert.match(ua, /^infisical-sdk-native\/\d+\.\d+\.\d+/);
      },
    },
  );
});
