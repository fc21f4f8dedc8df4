'use strict';

// auth().ldapAuth.login: a directory user's username and password, checked by the test server
// like the LDAP bind the real server makes.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const { rejection } = require('./helpers/common');
const { serverAndSdk, sentTo, assertTokenUsed, reloginAfterRefusal, withEnv } = require('./helpers/logins');

const ROUTE = '/api/v1/auth/ldap-auth/login';
const LABEL = 'auth().ldapAuth.login(options)';

let server;
let sdk;
let identityId;

beforeEach(async () => {
  ({ server, sdk } = await serverAndSdk());
  identityId = server.addLdapIdentity({ users: { 'svc-deploy': 'correct horse' } }).identityId;
});

afterEach(async () => {
  await server.close();
});

test('logs in with username and password; the next call uses the token', async () => {
  assert.equal(await sdk.auth().ldapAuth.login({ identityId, username: 'svc-deploy', password: 'correct horse', organizationSlug: 'test-org' }), sdk);
  assert.deepEqual(sentTo(server, ROUTE)[0].json, {
    identityId,
    username: 'svc-deploy',
    password: 'correct horse',
    organizationSlug: 'test-org',
    subOrganizationName: 'test-org',
  });
  await assertTokenUsed(server, sdk);
});

test('a refused token brings a re-login with the same credentials', async () => {
  await sdk.auth().ldapAuth.login({ identityId, username: 'svc-deploy', password: 'correct horse' });
  const body = await reloginAfterRefusal(server, sdk, ROUTE);
  assert.deepEqual(body, { identityId, username: 'svc-deploy', password: 'correct horse' });
});

test('a wrong password, or an unknown organization, is the server refusal, unchanged', async () => {
  let error = await rejection(sdk.auth().ldapAuth.login({ identityId, username: 'svc-deploy', password: 'wrong' }));
  assert.equal(error.name, 'InfisicalSDKRequestError');
  assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=401] Invalid credentials`);
  error = await rejection(sdk.auth().ldapAuth.login({ identityId, username: 'svc-deploy', password: 'correct horse', organizationSlug: 'other-org' }));
  assert.equal(error.message, `[URL=${server.url}${ROUTE}] [Method=POST] [StatusCode=404] Sub organization with slug other-org not found`);
  error = await rejection(sdk.auth().ldapAuth.login({ identityId: server.identity.identityId, username: 'svc-deploy', password: 'correct horse' }));
  assert.match(error.message, /\[StatusCode=404\] LDAP auth method not found for identity/);
  assert.equal(sdk.auth().getAccessToken(), null);
});

test('missing or empty credentials are named and nothing is sent', async () => {
  const cases = [
    [{ identityId, password: 'p' }, `Missing required option "username" in ${LABEL}`],
    [{ identityId, username: 'u' }, `Missing required option "password" in ${LABEL}`],
    [{ identityId, username: 'u', password: '' }, `Option "password" of ${LABEL} must be a non-empty string`],
    [{ identityId, username: 'u', password: 7 }, `Option "password" of ${LABEL} must be a string, received number`],
  ];
  for (const [options, message] of cases) {
    const error = await rejection(sdk.auth().ldapAuth.login(options));
    assert.equal(error.name, 'InfisicalSDKError');
    assert.equal(error.message, message);
  }
  assert.equal(server.requests.length, 0);
});

test('identityId falls back to INFISICAL_LDAP_AUTH_IDENTITY_ID', async () => {
  await withEnv({ INFISICAL_LDAP_AUTH_IDENTITY_ID: identityId }, () =>
    sdk.auth().ldapAuth.login({ username: 'svc-deploy', password: 'correct horse' }),
  );
  assert.equal(sentTo(server, ROUTE)[0].json.identityId, identityId);
});

test('the password shows in no error and no inspection of the SDK', async () => {
  const error = await rejection(sdk.auth().ldapAuth.login({ identityId, username: 'svc-deploy', password: 'hunter2-wrong' }));
  assert.ok(!util.inspect(error).includes('hunter2'));
  await sdk.auth().ldapAuth.login({ identityId, username: 'svc-deploy', password: 'correct horse' });
  assert.ok(!util.inspect(sdk, { depth: 5 }).includes('correct horse'));
  assert.ok(!util.inspect(sdk.auth(), { depth: 5 }).includes('correct horse'));
});
