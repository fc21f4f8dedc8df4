'use strict';

// auth().aliCloudAuth.login: the SDK signs Alibaba Cloud STS's GetCallerIdentity RPC call
// (HMAC-SHA1, SignatureVersion 1.0, RFC 3986 encoding) with the AccessKey pair and sends its
// parameters to /api/v1/auth/alicloud-auth/login. The test server recomputes the signature with
// the registered key pair and checks the Timestamp and that the SignatureNonce is new, like STS
// does for the real server's replay. Nothing here reaches Alibaba Cloud.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, describe, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
const { InfisicalSDK } = require('..');
const { rejection, withEnvCleared, sentTo } = require('./helpers/common');
const { seedSecret, readWithCurrentToken } = require('./helpers/cloud-login');

const LOGIN = '/api/v1/auth/alicloud-auth/login';
const PARAM_NAMES = ['AccessKeyId', 'Action', 'Format', 'Signature', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version'];

let server;
beforeEach(async () => {
  server = await startServer({ log: false });
  seedSecret(server);
});
afterEach(() => server.close());

const options = (overrides = {}) => ({
  identityId: DEFAULTS.aliCloudIdentityId,
  accessKeyId: DEFAULTS.aliCloudAccessKeyId,
  accessKeySecret: DEFAULTS.aliCloudAccessKeySecret,
  ...overrides,
});

// An independent reference: Infisical's documented client algorithm, with an RFC 3986 encoder.
const rfc3986 = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
function signWithNode(params, secret) {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k])}`)
    .join('&');
  return crypto.createHmac('sha1', `${secret}&`).update(`GET&%2F&${rfc3986(query)}`).digest('base64');
}
function signedParams({ accessKeyId = DEFAULTS.aliCloudAccessKeyId, secret = DEFAULTS.aliCloudAccessKeySecret, timestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z'), nonce = crypto.randomUUID() } = {}) {
  const params = {
    Action: 'GetCallerIdentity',
    Format: 'JSON',
    Version: '2015-04-01',
    AccessKeyId: accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    Timestamp: timestamp,
    SignatureVersion: '1.0',
    SignatureNonce: nonce,
  };
  return { ...params, Signature: signWithNode(params, secret) };
}

const post = (body) =>
  fetch(`${server.url}${LOGIN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => [
    r.status,
    (await r.json()).message,
  ]);

describe('the test server checks Alibaba Cloud signatures like STS does', () => {
  test('a correctly signed call logs in; a wrong secret or key, a stale Timestamp, a reused nonce and a refused ARN are refused', async () => {
    const login = (params, identityId = DEFAULTS.aliCloudIdentityId) => post({ identityId, ...params });
    const ok = signedParams();
    assert.equal((await login(ok))[0], 200);
    const refused = (code) => [401, `Alibaba Cloud STS refused the signed GetCallerIdentity request: ${code}`];
    assert.deepEqual(await login(ok), refused('SignatureNonceUsed'));
    assert.deepEqual(await login(signedParams({ secret: 'wrong' })), refused('SignatureDoesNotMatch'));
    assert.deepEqual(await login(signedParams({ accessKeyId: 'LTAIunknown' })), refused('InvalidAccessKeyId.NotFound'));
    const old = new Date(Date.now() - 20 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    assert.deepEqual(await login(signedParams({ timestamp: old })), refused('InvalidTimeStamp.Expired'));
    assert.deepEqual(await login({ ...signedParams(), Format: 'JSON', Action: 'GetCallerIdentity', Version: '2015-04-01', SignatureNonce: 'changed-after-signing' }), refused('SignatureDoesNotMatch'));
    const [status, issues] = await login({ ...signedParams(), Timestamp: '2024-01-01 00:00:00' });
    assert.equal(status, 422);
    assert.equal(issues[0].message, 'Timestamp must be in YYYY-MM-DDTHH:mm:ssZ format');
    const limited = server.addAliCloudIdentity({ allowedArns: 'acs:ram::1111111111111111:user/someone-else' });
    assert.deepEqual(await login(signedParams(), limited.identityId), [401, 'Access denied: Alibaba Cloud account ARN not allowed.']);
    server.addAliCloudKey({ accessKeyId: 'LTAIsecond', accessKeySecret: 's2', arn: 'acs:ram::1111111111111111:user/someone-else' });
    assert.equal((await login(signedParams({ accessKeyId: 'LTAIsecond', secret: 's2' }), limited.identityId))[0], 200);
    assert.deepEqual(await login(signedParams(), DEFAULTS.identityId), [
      404,
      'Alibaba Cloud auth method not found for identity, did you configure Alibaba Cloud auth?',
    ]);
  });
});

describe('auth().aliCloudAuth.login', () => {
  test('sends the signed GetCallerIdentity parameters; the login token is used next', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    assert.equal(await sdk.auth().aliCloudAuth.login(options()), sdk);
    const [login] = sentTo(server, LOGIN);
    const { identityId, ...params } = login.json;
    assert.equal(identityId, DEFAULTS.aliCloudIdentityId);
    assert.deepEqual(Object.keys(params).sort(), PARAM_NAMES);
    assert.deepEqual(
      { Action: params.Action, Format: params.Format, Version: params.Version, SignatureMethod: params.SignatureMethod, SignatureVersion: params.SignatureVersion },
      { Action: 'GetCallerIdentity', Format: 'JSON', Version: '2015-04-01', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0' },
    );
    assert.equal(params.AccessKeyId, DEFAULTS.aliCloudAccessKeyId);
    assert.match(params.Timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Math.abs(Date.parse(params.Timestamp) - Date.now()) < 60 * 1000);
    const { Signature, ...unsigned } = params;
    assert.equal(Signature, signWithNode(unsigned, DEFAULTS.aliCloudAccessKeySecret), 'the signature node computes');
    assert.ok(!JSON.stringify(login.json).includes(DEFAULTS.aliCloudAccessKeySecret), 'the secret itself is not sent');
    await readWithCurrentToken(server, sdk);
  });

  test('a secret with characters RFC 3986 encodes differently from encodeURIComponent signs correctly', async () => {
    const secret = "Secret!with'odd(chars)*and/+=";
    server.addAliCloudKey({ accessKeyId: 'LTAIoddsecret', accessKeySecret: secret, arn: DEFAULTS.aliCloudArn });
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().aliCloudAuth.login(options({ accessKeyId: 'LTAIoddsecret', accessKeySecret: secret }));
    await readWithCurrentToken(server, sdk);
  });

  test("a wrong secret: the server's refusal, unchanged", async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    const error = await rejection(sdk.auth().aliCloudAuth.login(options({ accessKeySecret: 'not-the-secret' })));
    assert.equal(error.name, 'InfisicalSDKRequestError');
    assert.match(error.message, /\[StatusCode=401\]/);
    assert.match(error.message, /Alibaba Cloud STS refused the signed GetCallerIdentity request: SignatureDoesNotMatch/);
    assert.ok(!error.message.includes('not-the-secret'));
    assert.equal(sdk.auth().getAccessToken(), null);
  });

  test('a re-login after a refused token signs anew with a fresh nonce', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().aliCloudAuth.login(options());
    const first = await readWithCurrentToken(server, sdk);
    server.revokeToken(first);
    const second = await readWithCurrentToken(server, sdk);
    assert.notEqual(second, first);
    const logins = sentTo(server, LOGIN);
    assert.equal(logins.length, 2);
    assert.notEqual(logins[1].json.SignatureNonce, logins[0].json.SignatureNonce, 'STS refuses a reused nonce');
    assert.notEqual(logins[1].json.Signature, logins[0].json.Signature);
  });

  test('identityId falls back to INFISICAL_MACHINE_IDENTITY_ID; missing options are clear errors and send nothing', async () => {
    await withEnvCleared({ INFISICAL_MACHINE_IDENTITY_ID: DEFAULTS.aliCloudIdentityId }, ['INFISICAL_MACHINE_IDENTITY_ID'], async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      await sdk.auth().aliCloudAuth.login(options({ identityId: undefined }));
      assert.equal(sentTo(server, LOGIN)[0].json.identityId, DEFAULTS.aliCloudIdentityId);
    });
    server.clearRequests();
    await withEnvCleared({}, ['INFISICAL_MACHINE_IDENTITY_ID'], async () => {
      const sdk = new InfisicalSDK({ siteUrl: server.url });
      const noId = await rejection(sdk.auth().aliCloudAuth.login(options({ identityId: undefined })));
      assert.match(noId.message, /Identity ID is required for Alibaba Cloud authentication/);
      const missing = await rejection(sdk.auth().aliCloudAuth.login(options({ accessKeySecret: undefined })));
      assert.equal(missing.message, 'Missing required option "accessKeySecret" in auth().aliCloudAuth.login(options)');
      const empty = await rejection(sdk.auth().aliCloudAuth.login(options({ accessKeyId: '' })));
      assert.match(empty.message, /Option "accessKeyId" of auth\(\)\.aliCloudAuth\.login\(options\) must be a non-empty string/);
      assert.deepEqual(server.requests, []);
    });
  });

  test('organizationSlug is sent under both names and checked by the server', async () => {
    const sdk = new InfisicalSDK({ siteUrl: server.url });
    await sdk.auth().aliCloudAuth.login(options({ organizationSlug: DEFAULTS.orgSlug }));
    const [login] = sentTo(server, LOGIN);
    assert.equal(login.json.organizationSlug, DEFAULTS.orgSlug);
    assert.equal(login.json.subOrganizationName, DEFAULTS.orgSlug);
    const error = await rejection(sdk.auth().aliCloudAuth.login(options({ organizationSlug: 'elsewhere' })));
    assert.match(error.message, /Sub organization with slug elsewhere not found/);
  });
});
