'use strict';

// auth().revoke(): POST /api/v1/auth/token/revoke { accessToken }, then the SDK forgets the token
// and the login it came from, so nothing logs in again behind the user's back.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const { rejection } = require('./helpers/common');
const { DEFAULTS } = require('infisical-sdk-native/testing');
const { serverAndSdk, readSecret, sentTo } = require('./helpers/logins');

const REVOKE = '/api/v1/auth/token/revoke';
const UA_LOGIN = '/api/v1/auth/universal-auth/login';
const K8S_LOGIN = '/api/v1/auth/kubernetes-auth/login';

let server;
let sdk;

beforeEach(async () => {
  ({ server, sdk } = await serverAndSdk());
});

afterEach(async () => {
  await server.close();
});

test('revokes the token on the server and forgets it: no re-login follows', async () => {
  await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
  const token = sdk.auth().getAccessToken();
  const before = sdk.auth();
  assert.equal(await sdk.auth().revoke(), sdk);
  const [revoke] = sentTo(server, REVOKE);
  assert.deepEqual(revoke.json, { accessToken: token });
  assert.equal(revoke.headers.authorization, undefined);
  assert.equal(server.tokenInfo(token).revoked, true);
  assert.equal(sdk.auth().getAccessToken(), null);
  assert.notEqual(sdk.auth(), before);

  const mark = server.requests.length;
  const error = await rejection(readSecret(sdk));
  assert.equal(error.name, 'InfisicalSDKRequestError');
  assert.match(error.message, /\[StatusCode=401\]/);
  assert.equal(sentTo(server, UA_LOGIN, mark).length, 0, 'no automatic re-login after a revoke');
  assert.equal(server.requests.length - mark, 1);
});

test('after revoking a Kubernetes-login token, the service-account token is not sent again', async () => {
  const identityId = server.addKubernetesIdentity().identityId;
  await sdk.auth().kubernetesAuth.login({ identityId, serviceAccountToken: server.kubernetesServiceAccountToken() });
  await sdk.auth().revoke();
  const mark = server.requests.length;
  await rejection(readSecret(sdk));
  assert.equal(sentTo(server, K8S_LOGIN, mark).length, 0);
});

test('a new login after a revoke works as usual', async () => {
  await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
  await sdk.auth().revoke();
  await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
  assert.equal((await readSecret(sdk)).secretValue, 'postgres://one');
});

test('without a token, revoke is a clear error and sends nothing', async () => {
  const error = await rejection(sdk.auth().revoke());
  assert.equal(error.name, 'InfisicalSDKError');
  assert.equal(error.message, 'Unable to revoke access token, no access token set.');
  assert.equal(server.requests.length, 0);
});

test('a token the server no longer knows is the server refusal, unchanged, and is kept', async () => {
  await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
  const token = sdk.auth().getAccessToken();
  server.revokeToken(token);
  const error = await rejection(sdk.auth().revoke());
  assert.equal(error.name, 'InfisicalSDKRequestError');
  assert.equal(error.message, `[URL=${server.url}${REVOKE}] [Method=POST] [StatusCode=401] No identity access token found`);
  assert.equal(sdk.auth().getAccessToken(), token);
});
