'use strict';

// What the cloud-login suites (azure-auth, oci-auth, alicloud-auth) share: a seeded secret to read
// with the token a login obtained, a process.env that holds exactly the variables a test sets,
// and the login requests the test server received.

const assert = require('node:assert/strict');

const { DEFAULTS } = require('infisical-sdk-native/testing');

const PROJECT_ID = DEFAULTS.projectId;

/** Seeds the secret `readSecret` reads. */
function seedSecret(server) {
  server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://one');
}

/** Reads the seeded secret and checks it went out with the SDK's current token. */
async function readWithCurrentToken(server, sdk) {
  const secret = await sdk.secrets().getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName: 'DB_URL' });
  assert.equal(secret.secretValue, 'postgres://one');
  const read = server.requests.filter((r) => r.path.startsWith('/api/v3/secrets/raw/')).pop();
  const token = sdk.auth().getAccessToken();
  assert.ok(token, 'the SDK holds a token');
  assert.equal(read.headers.authorization, `Bearer ${token}`, 'the call carried the login token');
  return token;
}

module.exports = { PROJECT_ID, seedSecret, readWithCurrentToken };
