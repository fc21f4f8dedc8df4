'use strict';

// Helpers of the login tests (__test__/logins-*.test.js): an SDK on the test server, what a call
// sent, and the checks every login method gets (the token is used next; a refused token brings a
// re-login with a fresh credential).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const { InfisicalSDK } = require(ROOT);
const { DEFAULTS } = require('infisical-sdk-native/testing');
const { startTestServer, withEnv, sentTo } = require('./common');

const PROJECT_ID = DEFAULTS.projectId;

/** A test server with one secret to read, and an SDK pointed at it. */
async function serverAndSdk(sdkOptions = {}) {
  const server = await startTestServer();
  server.setSecret(PROJECT_ID, 'dev', '/', 'DB_URL', 'postgres://one');
  const sdk = new InfisicalSDK({ siteUrl: server.url, ...sdkOptions });
  return { server, sdk };
}

/** Reads the seeded secret (a call that needs a token). */
function readSecret(sdk) {
  return sdk.secrets().getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName: 'DB_URL' });
}

/** The token the last call's request carried. */
function lastBearer(server) {
  const last = server.requests[server.requests.length - 1];
  return (last.headers.authorization || '').replace(/^Bearer /, '');
}

/** Asserts the SDK holds a token and that the next call carries it and succeeds. */
async function assertTokenUsed(server, sdk) {
  const token = sdk.auth().getAccessToken();
  assert.equal(typeof token, 'string');
  assert.equal((await readSecret(sdk)).secretValue, 'postgres://one');
  assert.equal(lastBearer(server), token, 'the call carried the login token');
  return token;
}

/**
 * Expires the current token on the server, reads again, and returns the body of the re-login the
 * SDK made (exactly one), after checking the call succeeded with the new token.
 */
async function reloginAfterRefusal(server, sdk, route) {
  const old = sdk.auth().getAccessToken();
  server.expireToken(old);
  const mark = server.requests.length;
  assert.equal((await readSecret(sdk)).secretValue, 'postgres://one');
  const logins = sentTo(server, route, mark);
  assert.equal(logins.length, 1, 'one re-login');
  assert.equal(logins[0].headers.authorization, undefined, 'the re-login carries no expired token');
  const fresh = sdk.auth().getAccessToken();
  assert.notEqual(fresh, old);
  assert.equal(lastBearer(server), fresh);
  return logins[0].json;
}

/** A temporary directory removed by the returned function. */
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

module.exports = {
  InfisicalSDK,
  PROJECT_ID,
  serverAndSdk,
  readSecret,
  sentTo,
  lastBearer,
  assertTokenUsed,
  reloginAfterRefusal,
  tempDir,
  withEnv,
};
