'use strict';

// organizationSlug on the two official logins (universal auth, AWS IAM): sent under both names the
// server generations read (organizationSlug, subOrganizationName), and only when given, so drop-in
// code sends exactly what @infisical/sdk sends.

process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '5';

const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { rejection } = require('./helpers/common');
const { DEFAULTS } = require('infisical-sdk-native/testing');
const { serverAndSdk, sentTo, assertTokenUsed, withEnv, tempDir } = require('./helpers/logins');

const UA_LOGIN = '/api/v1/auth/universal-auth/login';
const AWS_LOGIN = '/api/v1/auth/aws-auth/login';

let server;
let sdk;

beforeEach(async () => {
  ({ server, sdk } = await serverAndSdk());
});

afterEach(async () => {
  await server.close();
});

test('universalAuth: organizationSlug is sent under both names, only when given', async () => {
  await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
  await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret, organizationSlug: 'test-org' });
  assert.deepEqual(
    sentTo(server, UA_LOGIN).map((r) => r.json),
    [
      { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret, organizationSlug: 'test-org', subOrganizationName: 'test-org' },
    ],
  );
  await assertTokenUsed(server, sdk);
  const error = await rejection(
    sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret, organizationSlug: 'other-org' }),
  );
  assert.equal(error.name, 'InfisicalSDKRequestError');
  assert.match(error.message, /\[StatusCode=404\] Sub organization with name other-org not found$/);
});

test('awsIamAuth: organizationSlug is sent under both names, only when given', async () => {
  const home = tempDir('aws-home-');
  try {
    const env = {
      AWS_ACCESS_KEY_ID: DEFAULTS.awsAccessKeyId,
      AWS_SECRET_ACCESS_KEY: DEFAULTS.awsSecretAccessKey,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_REGION: 'eu-west-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(home.dir, 'none', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home.dir, 'none', 'credentials'),
    };
    await withEnv(env, async () => {
      await sdk.auth().awsIamAuth.login({ identityId: DEFAULTS.awsIdentityId });
      await sdk.auth().awsIamAuth.login({ identityId: DEFAULTS.awsIdentityId, organizationSlug: 'test-org' });
    });
  } finally {
    home.remove();
  }
  const [plain, scoped] = sentTo(server, AWS_LOGIN).map((r) => r.json);
  assert.deepEqual(Object.keys(plain).sort(), ['iamHttpRequestMethod', 'iamRequestBody', 'iamRequestHeaders', 'identityId']);
  assert.equal(scoped.organizationSlug, 'test-org');
  assert.equal(scoped.subOrganizationName, 'test-org');
  await assertTokenUsed(server, sdk);
});
