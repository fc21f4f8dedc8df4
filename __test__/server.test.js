'use strict';
// Self-test of the local Infisical test server (testing/, `infisical-sdk-native/testing`), driven with
// plain fetch and with the official @infisical/sdk. Every test starts its own
// server on 127.0.0.1 and closes it.
//   node --test __test__/server.test.js

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const path = require('node:path');

const { startServer, DEFAULTS } = require('infisical-sdk-native/testing');
const { InfisicalSDK } = require('@infisical/sdk');
const { signedStsHeaders, awsLoginBody } = require('./helpers/sts-sign');

const PID = DEFAULTS.projectId;
const TAG_BACKEND = DEFAULTS.tags[0].id;

async function withServer(opts, fn) {
  if (typeof opts === 'function') [opts, fn] = [{}, opts];
  const server = await startServer(opts);
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

async function call(server, method, path, { token, body, query, headers = {}, rawBody, contentType } = {}) {
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload;
  if (rawBody !== undefined) {
    payload = rawBody;
    if (contentType) h['content-type'] = contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(`${server.url}${path}${qs}`, { method, headers: h, body: payload });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

async function login(server, creds = { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret }) {
  const r = await call(server, 'POST', '/api/v1/auth/universal-auth/login', { body: creds });
  assert.equal(r.status, 200, r.text);
  return r.json.accessToken;
}

async function sdkFor(server) {
  const sdk = new InfisicalSDK({ siteUrl: server.url });
  await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
  return sdk;
}

const listQuery = (extra = {}) => ({ workspaceId: PID, environment: 'dev', ...extra });

function assertEnvelope(r, status, error, message) {
  assert.equal(r.status, status, r.text);
  assert.match(r.json.reqId, /^req-[A-Za-z0-9]{14}$/);
  assert.equal(r.json.statusCode, status);
  assert.equal(r.json.error, error);
  if (message !== undefined) {
    if (message instanceof RegExp) assert.match(r.json.message, message);
    else assert.equal(r.json.message, message);
  }
}

// ===================================================================== basics
test('server starts on 127.0.0.1, records raw requests, closes', async () => {
  const server = await startServer();
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  await call(server, 'GET', '/api/v3/secrets/raw/A%2FB', { query: { x: 'a b', y: '1' }, headers: { 'X-Custom': 'Yes' } });
  await call(server, 'POST', '/api/v1/auth/universal-auth/login', { body: { clientId: 'a' } });
  assert.equal(server.requests.length, 2);
  const [get, post] = server.requests;
  assert.equal(get.method, 'GET');
  assert.equal(get.path, '/api/v3/secrets/raw/A%2FB'); // raw, not decoded
  assert.equal(get.query, 'x=a+b&y=1');
  assert.equal(get.url, '/api/v3/secrets/raw/A%2FB?x=a+b&y=1');
  assert.equal(get.headers['x-custom'], 'Yes');
  assert.equal(get.body, '');
  assert.equal(get.json, undefined);
  assert.equal(post.body, '{"clientId":"a"}');
  assert.deepEqual(post.json, { clientId: 'a' });
  server.clearRequests();
  assert.equal(server.requests.length, 0);
  await server.close();
  await server.close(); // idempotent
  await assert.rejects(fetch(`${server.url}/x`));
});

test('close() does not wait for keep-alive sockets or hung requests', async () => {
  const server = await startServer();
  server.injectFault({ type: 'hang' });
  const pending = fetch(`${server.url}/api/v3/secrets/raw`).catch((e) => e);
  await fetch(`${server.url}/nothing`).then((r) => r.text()); // a keep-alive socket
  await new Promise((r) => setTimeout(r, 50));
  const t0 = Date.now();
  await server.close();
  assert.ok(Date.now() - t0 < 1000);
  assert.ok((await pending) instanceof Error);
});

test('unknown route gives the Fastify 404', async () => {
  await withServer(async (server) => {
    const r = await call(server, 'GET', '/api/v9/nope?a=1');
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { message: 'Route GET:/api/v9/nope?a=1 not found', error: 'Not Found', statusCode: 404 });
  });
});

test('the dev-server command prints the url and stops on SIGTERM', async () => {
  const bin = path.join(__dirname, '..', require('../package.json').bin['infisical-sdk-native']);
  const child = spawn(process.execPath, [bin, 'dev-server', '--port', '0']);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^Infisical dev server running at (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing the url: ${out}`)));
  });
  const r = await fetch(`${url}/api/v3/secrets/raw`);
  assert.equal(r.status, 401);
  const code = await new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGTERM');
  });
  assert.equal(code, 0);
});

// ===================================================================== auth
test('universal auth login returns the real token response', async () => {
  await withServer(async (server) => {
    const r = await call(server, 'POST', '/api/v1/auth/universal-auth/login', {
      body: { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json), ['accessToken', 'expiresIn', 'accessTokenMaxTTL', 'tokenType']);
    assert.equal(r.json.expiresIn, 7200);
    assert.equal(r.json.accessTokenMaxTTL, 2592000);
    assert.equal(r.json.tokenType, 'Bearer');
    assert.equal(r.json.accessToken.split('.').length, 3);
    const payload = JSON.parse(Buffer.from(r.json.accessToken.split('.')[1], 'base64url'));
    assert.equal(payload.identityId, DEFAULTS.identityId);
    assert.equal(payload.authTokenType, 'identityAccessToken');
    assert.equal(payload.exp - payload.iat, 7200);
  });
});

test('login errors: bad credentials 401, missing field 422 (array message), lockout', async () => {
  await withServer(async (server) => {
    const bad = await call(server, 'POST', '/api/v1/auth/universal-auth/login', { body: { clientId: 'nobody', clientSecret: 'x' } });
    assertEnvelope(bad, 401, 'UnauthorizedError', 'Invalid credentials');
    assert.deepEqual(Object.keys(bad.json), ['reqId', 'statusCode', 'message', 'error']);

    const missing = await call(server, 'POST', '/api/v1/auth/universal-auth/login', { body: { clientId: 'x' } });
    assertEnvelope(missing, 422, 'ValidationFailure');
    assert.deepEqual(missing.json.message, [
      { code: 'invalid_type', expected: 'string', received: 'undefined', path: ['clientSecret'], message: 'Required' },
    ]);

    const noBody = await call(server, 'POST', '/api/v1/auth/universal-auth/login');
    assert.equal(noBody.status, 422);
    assert.deepEqual(noBody.json.message[0].path, []);

    // 3 wrong secrets lock the identity; then even the right secret is refused
    for (let i = 0; i < 3; i += 1) {
      const r = await call(server, 'POST', '/api/v1/auth/universal-auth/login', { body: { clientId: DEFAULTS.clientId, clientSecret: 'wrong' } });
      assertEnvelope(r, 401, 'UnauthorizedError', 'Invalid credentials');
    }
    const locked = await call(server, 'POST', '/api/v1/auth/universal-auth/login', { body: { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret } });
    assertEnvelope(locked, 401, 'UnauthorizedError', 'This identity auth method is temporarily locked, please try again later');
    server.advanceTime(301);
    await login(server);
  });
});

test('bearer checks: missing 401, garbage 403, revoked 401, expired 403', async () => {
  await withServer(async (server) => {
    const q = { query: listQuery() };
    assertEnvelope(await call(server, 'GET', '/api/v3/secrets/raw', q), 401, 'UnauthorizedError', 'Token missing');
    assertEnvelope(
      await call(server, 'GET', '/api/v3/secrets/raw', { ...q, token: 'not-a-jwt' }),
      403,
      'TokenError',
      'The provided access token is malformed. Please use a valid token or generate a new one and try again.',
    );
    const forged = `${(await login(server)).split('.').slice(0, 2).join('.')}.AAAA`;
    assertEnvelope(await call(server, 'GET', '/api/v3/secrets/raw', { ...q, token: forged }), 403, 'TokenError', 'invalid signature');

    const t1 = await login(server);
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', { ...q, token: t1 })).status, 200);
    server.revokeAll();
    assertEnvelope(await call(server, 'GET', '/api/v3/secrets/raw', { ...q, token: t1 }), 401, 'UnauthorizedError', 'No identity access token found');

    const t2 = await login(server);
    server.expireToken(t2);
    assertEnvelope(await call(server, 'GET', '/api/v3/secrets/raw', { ...q, token: t2 }), 403, 'TokenError', 'Your token has expired. Please re-authenticate.');
    // the global hook checks the header on public routes too (login with an expired bearer)
    const relog = await call(server, 'POST', '/api/v1/auth/universal-auth/login', {
      token: t2,
      body: { clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
    });
    assertEnvelope(relog, 403, 'TokenError', 'Your token has expired. Please re-authenticate.');
  });
});

test('short TTL tokens really expire; renew extends up to max TTL', async () => {
  await withServer(async (server) => {
    server.addIdentity({ clientId: 'short', clientSecret: 'short-secret', accessTokenTTL: 60, accessTokenMaxTTL: 150 });
    const res = await call(server, 'POST', '/api/v1/auth/universal-auth/login', { body: { clientId: 'short', clientSecret: 'short-secret' } });
    assert.equal(res.json.expiresIn, 60);
    assert.equal(res.json.accessTokenMaxTTL, 150);
    const token = res.json.accessToken;

    server.advanceTime(30);
    const renewed = await call(server, 'POST', '/api/v1/auth/token/renew', { body: { accessToken: token } });
    assert.equal(renewed.status, 200, renewed.text);
    assert.deepEqual(Object.keys(renewed.json), ['accessToken', 'expiresIn', 'accessTokenMaxTTL', 'tokenType']);
    assert.equal(renewed.json.expiresIn, 60);
    assert.notEqual(renewed.json.accessToken, token);

    server.advanceTime(45); // t=75: the first JWT (exp t=60) is expired, the renewed one (exp t=90) is not
    assertEnvelope(await call(server, 'GET', '/api/v3/secrets/raw', { token, query: listQuery() }), 403, 'TokenError', 'Your token has expired. Please re-authenticate.');
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', { token: renewed.json.accessToken, query: listQuery() })).status, 200);

    // t=75: renew again (75 + 60 <= 150)
    const again = await call(server, 'POST', '/api/v1/auth/token/renew', { body: { accessToken: renewed.json.accessToken } });
    assert.equal(again.status, 200, again.text);
    // t=100: now + 60 > created + 150 -> refused, and the token row is deleted
    server.advanceTime(25);
    const past = await call(server, 'POST', '/api/v1/auth/token/renew', { body: { accessToken: again.json.accessToken } });
    assertEnvelope(past, 401, 'UnauthorizedError', 'Failed to renew MI access token past its Max TTL expiration');
    const gone = await call(server, 'GET', '/api/v3/secrets/raw', { token: again.json.accessToken, query: listQuery() });
    assertEnvelope(gone, 401, 'UnauthorizedError', 'No identity access token found');

    // renewing an expired JWT is a 403 TokenError
    const expired = await call(server, 'POST', '/api/v1/auth/token/renew', { body: { accessToken: token } });
    assertEnvelope(expired, 403, 'TokenError', 'Your token has expired. Please re-authenticate.');
  });
});

test('token use limit and revoke route', async () => {
  await withServer(async (server) => {
    server.addIdentity({ clientId: 'limited', clientSecret: 'limited-secret', accessTokenNumUsesLimit: 2 });
    const token = await login(server, { clientId: 'limited', clientSecret: 'limited-secret' });
    const q = { token, query: listQuery() };
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', q)).status, 200);
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', q)).status, 200);
    assertEnvelope(await call(server, 'GET', '/api/v3/secrets/raw', q), 401, 'UnauthorizedError', 'Unable to renew because access token number of uses limit reached');

    const t2 = await login(server);
    const rev = await call(server, 'POST', '/api/v1/auth/token/revoke', { body: { accessToken: t2 } });
    assert.deepEqual(rev.json, { message: 'Successfully revoked access token' });
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', { token: t2, query: listQuery() })).status, 401);
  });
});

test('official SDK: login, renew, and the 403 after expiry', async () => {
  await withServer(async (server) => {
    const sdk = await sdkFor(server);
    const first = sdk.auth().getAccessToken();
    assert.ok(first);
    server.advanceTime(2);
    await sdk.auth().universalAuth.renew();
    assert.notEqual(sdk.auth().getAccessToken(), first);
    const res = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' });
    assert.deepEqual(res, { secrets: [], imports: [] });

    server.expireToken(sdk.auth().getAccessToken());
    await assert.rejects(sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' }), /\[StatusCode=403\] Your token has expired/);
    // the SDK keeps the old Authorization header, so re-login on the same instance is refused too
    await assert.rejects(
      sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret }),
      /\[StatusCode=403\] Your token has expired/,
    );
  });
});

test('AWS IAM login: decodes the signed request, issues a token, rejects bad input', async () => {
  await withServer(async (server) => {
    const headers = await signedStsHeaders({ accessKeyId: DEFAULTS.awsAccessKeyId, secretAccessKey: DEFAULTS.awsSecretAccessKey, region: 'eu-west-1' });
    const body = awsLoginBody(DEFAULTS.awsIdentityId, headers);
    const r = await call(server, 'POST', '/api/v1/auth/aws-auth/login', { body });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.tokenType, 'Bearer');
    assert.deepEqual(server.lastAwsLogin, {
      identityId: DEFAULTS.awsIdentityId,
      method: 'POST',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers,
      region: 'eu-west-1',
      url: 'https://sts.eu-west-1.amazonaws.com',
    });
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', { token: r.json.accessToken, query: listQuery() })).status, 200);

    const unknown = await call(server, 'POST', '/api/v1/auth/aws-auth/login', { body: { ...body, identityId: 'nope' } });
    assertEnvelope(unknown, 404, 'NotFound', 'AWS auth method not found for identity, did you configure AWS auth?');
    const badJson = await call(server, 'POST', '/api/v1/auth/aws-auth/login', { body: { ...body, iamRequestHeaders: '!!!notbase64' } });
    assertEnvelope(badJson, 500, 'InternalServerError', 'Something went wrong');
    const noAuth = await call(server, 'POST', '/api/v1/auth/aws-auth/login', {
      body: { ...body, iamRequestHeaders: Buffer.from('{}').toString('base64') },
    });
    assertEnvelope(noAuth, 400, 'BadRequest', 'Invalid AWS region');
    const missing = await call(server, 'POST', '/api/v1/auth/aws-auth/login', { body: { identityId: 'x' } });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.json.message.map((i) => i.path[0]), ['iamRequestBody', 'iamRequestHeaders']);

    server.addAwsIdentity({ identityId: 'aws-2', accessTokenTTL: 99 });
    const r2 = await call(server, 'POST', '/api/v1/auth/aws-auth/login', { body: { ...body, identityId: 'aws-2' } });
    assert.equal(r2.json.expiresIn, 99);
  });
});

test('AWS IAM login: the SigV4 signature is checked against the key pairs the server knows', async () => {
  const extra = { accessKeyId: 'AKIAEXTRAKEY00000001', secretAccessKey: 'extra-secret-access-key' };
  await withServer({ awsCredentials: [extra] }, async (server) => {
    const login = async (headers) => call(server, 'POST', '/api/v1/auth/aws-auth/login', { body: awsLoginBody(DEFAULTS.awsIdentityId, headers) });
    const good = await signedStsHeaders({ accessKeyId: DEFAULTS.awsAccessKeyId, secretAccessKey: DEFAULTS.awsSecretAccessKey });
    assert.equal((await login(good)).status, 200);
    assert.equal((await login(await signedStsHeaders(extra))).status, 200);

    const wrongSecret = await signedStsHeaders({ accessKeyId: DEFAULTS.awsAccessKeyId, secretAccessKey: 'not-the-secret' });
    assertEnvelope(await login(wrongSecret), 401, 'UnauthorizedError', 'AWS STS refused the signed GetCallerIdentity request: SignatureDoesNotMatch');
    const unknownKey = await signedStsHeaders({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: DEFAULTS.awsSecretAccessKey });
    assertEnvelope(await login(unknownKey), 401, 'UnauthorizedError', 'AWS STS refused the signed GetCallerIdentity request: InvalidClientTokenId');
    // a signed header changed after signing
    const tampered = { ...good, 'x-amz-date': good['x-amz-date'].replace(/\d{2}Z$/, '59Z') };
    assertEnvelope(await login(tampered), 401, 'UnauthorizedError', 'AWS STS refused the signed GetCallerIdentity request: SignatureDoesNotMatch');
    // a body other than the one signed
    const otherBody = call(server, 'POST', '/api/v1/auth/aws-auth/login', { body: awsLoginBody(DEFAULTS.awsIdentityId, good, 'Action=GetCallerIdentity&Version=2099-01-01') });
    assertEnvelope(await otherBody, 401, 'UnauthorizedError', 'AWS STS refused the signed GetCallerIdentity request: SignatureDoesNotMatch');
    const unsigned = { ...good, authorization: 'Bearer x' };
    delete unsigned.Authorization;
    assertEnvelope(await login(unsigned), 400, 'BadRequest', 'Invalid AWS region');
  });
});

// ===================================================================== secrets
test('secrets CRUD through the official SDK, versions and rename', async () => {
  await withServer(async (server) => {
    server.setSecret(PID, 'dev', '/', 'DATABASE_URL', 'postgres://db');
    const sdk = await sdkFor(server);
    const s = sdk.secrets();

    const listed = await s.listSecrets({ projectId: PID, environment: 'dev' });
    assert.equal(listed.secrets.length, 1);
    assert.deepEqual(Object.keys(listed.secrets[0]), [
      'id', '_id', 'workspace', 'environment', 'version', 'type', 'secretKey', 'secretValue', 'secretComment',
      'secretReminderNote', 'secretReminderRepeatDays', 'skipMultilineEncoding', 'createdAt', 'updatedAt',
      'isRotatedSecret', 'rotationId', 'secretPath', 'secretValueHidden', 'secretMetadata', 'tags',
    ]);
    assert.equal(listed.secrets[0].workspace, PID);
    assert.equal(listed.secrets[0]._id, listed.secrets[0].id);

    const created = await s.createSecret('API_KEY', {
      projectId: PID,
      environment: 'dev',
      secretValue: '  k1  ',
      secretComment: ' note ',
      tagIds: [TAG_BACKEND],
      secretReminderRepeatDays: 7,
      secretReminderNote: 'rotate',
    });
    assert.equal(created.secret.secretValue, 'k1'); // trimmed
    assert.equal(created.secret.secretComment, 'note');
    assert.equal(created.secret.version, 1);
    assert.equal('secretValueHidden' in created.secret, false); // create responses do not carry it
    assert.equal('tags' in created.secret, false);

    const got = await s.getSecret({ projectId: PID, environment: 'dev', secretName: 'API_KEY' });
    assert.equal(got.secretValue, 'k1');
    assert.deepEqual(got.tags, [{ id: TAG_BACKEND, slug: 'backend', color: '#3b82f6', name: 'backend' }]);
    assert.equal(got.secretReminderRepeatDays, 7);
    assert.equal(got.secretReminderNote, 'rotate');
    assert.equal(got.secretPath, '/');

    const upd = await s.updateSecret('API_KEY', { projectId: PID, environment: 'dev', secretValue: 'k2' });
    assert.equal(upd.secret.version, 2);
    assert.equal(upd.secret.secretValue, 'k2');
    assert.equal(upd.secret.secretValueHidden, false);
    // the response echoes the request: no value sent -> ""
    const commentOnly = await s.updateSecret('API_KEY', { projectId: PID, environment: 'dev', secretComment: 'c' });
    assert.equal(commentOnly.secret.version, 3);
    assert.equal(commentOnly.secret.secretValue, '');
    assert.equal((await s.getSecret({ projectId: PID, environment: 'dev', secretName: 'API_KEY' })).secretValue, 'k2');

    const v1 = await s.getSecret({ projectId: PID, environment: 'dev', secretName: 'API_KEY', version: 1 });
    assert.equal(v1.secretValue, 'k1');
    assert.equal(v1.version, 1);
    await assert.rejects(s.getSecret({ projectId: PID, environment: 'dev', secretName: 'API_KEY', version: 9 }), /\[StatusCode=404\] Secret with name 'API_KEY' not found/);

    const renamed = await s.updateSecret('API_KEY', { projectId: PID, environment: 'dev', newSecretName: 'API_TOKEN' });
    assert.equal(renamed.secret.secretKey, 'API_TOKEN');
    await assert.rejects(s.getSecret({ projectId: PID, environment: 'dev', secretName: 'API_KEY' }), /404/);
    assert.equal((await s.getSecret({ projectId: PID, environment: 'dev', secretName: 'API_TOKEN' })).secretValue, 'k2');
    await assert.rejects(
      s.updateSecret('API_TOKEN', { projectId: PID, environment: 'dev', newSecretName: 'DATABASE_URL' }),
      /\[StatusCode=400\] Secret with the new name already exists/,
    );

    const del = await s.deleteSecret('API_TOKEN', { projectId: PID, environment: 'dev' });
    assert.equal(del.secret.secretKey, 'API_TOKEN');
    assert.equal(del.secret.secretValue, 'k2');
    await assert.rejects(s.deleteSecret('API_TOKEN', { projectId: PID, environment: 'dev' }), /\[StatusCode=404\] Secret not found/);
    assert.equal((await s.listSecrets({ projectId: PID, environment: 'dev' })).secrets.length, 1);

    await assert.rejects(s.createSecret('DATABASE_URL', { projectId: PID, environment: 'dev', secretValue: 'x' }), /\[StatusCode=400\] Secret already exists/);
    await assert.rejects(s.createSecret('P', { projectId: PID, environment: 'dev', secretValue: 'x', type: 'personal' }), /Must be user to create personal secret/);
    await assert.rejects(s.createSecret('T', { projectId: PID, environment: 'dev', secretValue: 'x', tagIds: ['nope'] }), /\[StatusCode=404\] Tag not found\. Found $/);
  });
});

test('rename rewrites references to the renamed secret', async () => {
  await withServer(async (server) => {
    server.setSecret(PID, 'dev', '/', 'HOST', 'h');
    server.setSecret(PID, 'dev', '/', 'URL', 'http://${HOST}/');
    server.setSecret(PID, 'staging', '/', 'REMOTE', 'x=${dev.HOST}');
    const token = await login(server);
    const r = await call(server, 'PATCH', '/api/v3/secrets/raw/HOST', { token, body: { workspaceId: PID, environment: 'dev', newSecretName: 'HOSTNAME' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(server.getSecret(PID, 'dev', '/', 'URL').value, 'http://${HOSTNAME}/');
    assert.equal(server.getSecret(PID, 'dev', '/', 'URL').version, 2);
    assert.equal(server.getSecret(PID, 'staging', '/', 'REMOTE').value, 'x=${dev.HOSTNAME}');
  });
});

test('validation and lookup errors of the secrets routes', async () => {
  await withServer(async (server) => {
    const token = await login(server);
    const get = (query) => call(server, 'GET', '/api/v3/secrets/raw', { token, query });
    assertEnvelope(await get({ environment: 'dev' }), 400, 'BadRequest', 'You must provide projectSlug or workspaceId');
    assertEnvelope(await get({ workspaceId: PID }), 400, 'BadRequest', 'Missing project id or environment');
    assertEnvelope(await get({ workspaceSlug: 'nope', environment: 'dev' }), 404, 'NotFound', 'No project found with slug nope');
    assert.equal((await get({ workspaceSlug: DEFAULTS.projectSlug, environment: 'dev' })).status, 200);
    assertEnvelope(await get({ workspaceId: 'nope', environment: 'dev' }), 404, 'NotFound', 'Project with nope not found');
    assertEnvelope(
      await get(listQuery({ secretPath: '/missing/' })),
      404,
      'SecretPathNotFound',
      "Folder with path '/missing' in environment 'dev' was not found. Please ensure the environment slug and secret path is correct.",
    );
    assertEnvelope(await get({ workspaceId: PID, environment: 'qa' }), 404, 'SecretPathNotFound');

    const bad = await get(listQuery({ recursive: '1', viewSecretValue: 'True' }));
    assertEnvelope(bad, 422, 'ValidationFailure');
    assert.deepEqual(bad.json.message, [
      { received: 'True', code: 'invalid_enum_value', options: ['true', 'false'], path: ['viewSecretValue'], message: "Invalid enum value. Expected 'true' | 'false', received 'True'" },
      { received: '1', code: 'invalid_enum_value', options: ['true', 'false'], path: ['recursive'], message: "Invalid enum value. Expected 'true' | 'false', received '1'" },
    ]);

    const one = (name, query) => call(server, 'GET', `/api/v3/secrets/raw/${name}`, { token, query });
    assertEnvelope(await one('X', { workspaceId: PID }), 400, 'BadRequest', 'Missing environment');
    assertEnvelope(await one('X', { workspaceId: PID, environment: 'dev', secretPath: '/a' }), 404, 'GetSecretByName', "Folder with path '/a' in environment with slug 'dev' not found");
    assertEnvelope(await one('X', { workspaceId: PID, environment: 'dev', type: 'team' }), 422, 'ValidationFailure');
    assertEnvelope(await one('X', { workspaceId: PID, environment: 'dev', version: 'abc' }), 422, 'ValidationFailure');

    const create = (name, body) => call(server, 'POST', `/api/v3/secrets/raw/${name}`, { token, body });
    assertEnvelope(await create('A', { workspaceId: PID, environment: 'dev', secretValue: 'v', secretPath: '/nope' }), 404, 'CreateSecret', "Folder with path '/nope' in environment with slug 'dev' not found");
    const badCreate = await create('A', { workspaceId: PID, environment: 'dev', secretValue: 1, skipMultilineEncoding: 'yes' });
    assert.equal(badCreate.status, 422);
    assert.deepEqual(badCreate.json.message.map((i) => [i.path.join('.'), i.expected]), [
      ['secretValue', 'string'],
      ['skipMultilineEncoding', 'boolean'],
    ]);
    const colon = await create('A%3AB', { workspaceId: PID, environment: 'dev', secretValue: 'v' });
    assert.equal(colon.status, 422);
    assert.equal(colon.json.message[0].code, 'custom');
    assertEnvelope(await create('A', { environment: 'dev', secretValue: 'v' }), 400, 'BadRequest', 'You must provide projectSlug or workspaceId');
    assert.equal((await create('A', { projectSlug: DEFAULTS.projectSlug, environment: 'dev', secretValue: 'v' })).status, 200);

    const del = await call(server, 'DELETE', '/api/v3/secrets/raw/A', { token });
    assert.equal(del.status, 422); // DELETE needs a JSON body
    const badJson = await call(server, 'POST', '/api/v3/secrets/raw/B', { token, rawBody: '{oops', contentType: 'application/json' });
    assertEnvelope(badJson, 500, 'InternalServerError', 'Something went wrong');
  });
});

test('folders: created via SDK, used by secrets, listed (recursive too)', async () => {
  await withServer(async (server) => {
    const sdk = await sdkFor(server);
    const folder = await sdk.folders().create({ projectId: PID, environment: 'dev', name: 'bar', path: '/foo' });
    assert.equal(folder.name, 'bar');
    assert.equal(folder.path, '/foo/bar');
    assert.deepEqual(Object.keys(folder), ['id', 'name', 'version', 'createdAt', 'updatedAt', 'envId', 'parentId', 'isReserved', 'description', 'lastSecretModified', 'path']);
    const again = await sdk.folders().create({ projectId: PID, environment: 'dev', name: 'bar', path: '/foo' });
    assert.equal(again.id, folder.id); // idempotent

    await sdk.secrets().createSecret('DEEP', { projectId: PID, environment: 'dev', secretValue: 'd', secretPath: '/foo/bar' });
    server.setSecret(PID, 'dev', '/', 'TOP', 't');
    const deep = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev', secretPath: '/foo/bar' });
    assert.deepEqual(deep.secrets.map((x) => [x.secretKey, x.secretPath]), [['DEEP', '/foo/bar']]);
    const all = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev', recursive: true });
    assert.deepEqual(all.secrets.map((x) => [x.secretKey, x.secretPath]), [['DEEP', '/foo/bar'], ['TOP', '/']]);

    const children = await sdk.folders().listFolders({ projectId: PID, environment: 'dev' });
    assert.deepEqual(children.map((f) => f.name), ['foo']);
    const recursive = await sdk.folders().listFolders({ projectId: PID, environment: 'dev', recursive: true });
    assert.deepEqual(recursive.map((f) => [f.name, f.relativePath]), [['bar', '/foo/bar'], ['foo', '/foo']]);
    const fromFoo = await sdk.folders().listFolders({ projectId: PID, environment: 'dev', path: 'foo', recursive: true });
    assert.deepEqual(fromFoo.map((f) => f.relativePath), ['/bar']);
    assert.deepEqual(await sdk.folders().listFolders({ projectId: PID, environment: 'dev', path: '/nope' }), []);
    await assert.rejects(sdk.folders().create({ projectId: PID, environment: 'dev', name: 'bad name' }), /Request failed with status 422/);
    await assert.rejects(sdk.folders().listFolders({ projectId: PID, environment: 'qa' }), /\[StatusCode=404\] Environment with slug 'qa' not found/);
    // depth limit of the in-memory server: 99 parents + the folder is fine, one more is a 400
    const deepPath = '/d'.repeat(99);
    assert.equal((await sdk.folders().create({ projectId: PID, environment: 'dev', name: 'leaf', path: deepPath })).path, `${deepPath}/leaf`);
    await assert.rejects(
      sdk.folders().create({ projectId: PID, environment: 'dev', name: 'leaf', path: `${deepPath}/d` }),
      /\[StatusCode=400\] Folder depth exceeds 100/,
    );
    const hugePath = '../?#% é😀'.repeat(65536); // 65,536 segments in one path: refused, nothing created
    await assert.rejects(sdk.folders().create({ projectId: PID, environment: 'dev', name: 'x', path: hugePath }), /Folder depth exceeds 100/);
    assert.deepEqual(await sdk.folders().listFolders({ projectId: PID, environment: 'dev', path: '/..' }), []);
  });
});

// The `error` names of these 404s are the real service's (checked against the bundled server by
// __test__/real/fidelity.real.js): the folder delete's "Delete folder", the batch routes' per call.
test('404 error names of folder delete and the batch routes', async () => {
  await withServer(async (server) => {
    const token = await login(server);
    const at = { workspaceId: PID, environment: 'dev' };
    const folderGone = await call(server, 'DELETE', '/api/v1/folders/nope', { token, body: { ...at, path: '/' } });
    assertEnvelope(folderGone, 404, 'Delete folder', 'Folder not found');
    const update = await call(server, 'PATCH', `/api/v1/folders/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { token, body: { ...at, name: 'x' } });
    assertEnvelope(update, 404, 'NotFound', 'Folder not found');
    const batch = (method, secrets) => call(server, method, '/api/v3/secrets/batch/raw', { token, body: { ...at, secretPath: '/nope', secrets } });
    const where = 'Folder not found for the given environment slug & secret path';
    assertEnvelope(await batch('POST', [{ secretKey: 'A', secretValue: '1' }]), 404, 'Create secret', where);
    assertEnvelope(await batch('PATCH', [{ secretKey: 'A', secretValue: '1' }]), 404, 'Update secret', where);
    // sic: the real batch delete reuses the create's name
    assertEnvelope(await batch('DELETE', [{ secretKey: 'A' }]), 404, 'Create secret', where);
  });
});

test('imports: listed with include_imports, nested imports flattened, getSecret fallback', async () => {
  await withServer(async (server) => {
    server.setSecret(PID, 'dev', '/', 'LOCAL', 'l');
    server.setSecret(PID, 'staging', '/shared', 'SHARED_A', 'a');
    server.setSecret(PID, 'staging', '/shared', 'SHARED_B', 'b=${SHARED_A}');
    server.setSecret(PID, 'prod', '/', 'DEEP', 'deep');
    server.setSecret(PID, 'prod', '/', 'SHARED_A', 'from-prod');
    server.addImport(PID, 'dev', '/', { environment: 'staging', path: '/shared' });
    server.addImport(PID, 'staging', '/shared', { environment: 'prod', path: '/' });

    const sdk = await sdkFor(server);
    const res = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev', includeImports: true });
    assert.equal(res.imports.length, 1);
    const imp = res.imports[0];
    assert.deepEqual(Object.keys(imp), ['secretPath', 'environment', 'folderId', 'secrets']);
    assert.equal(imp.secretPath, '/shared');
    assert.equal(imp.environment, 'staging');
    // nested import secrets come after the import's own ones, de-duplicated by key, expanded
    assert.deepEqual(imp.secrets.map((x) => [x.secretKey, x.secretValue, x.environment]), [
      ['SHARED_A', 'a', 'staging'],
      ['SHARED_B', 'b=a', 'staging'],
      ['DEEP', 'deep', 'prod'],
    ]);
    assert.equal(imp.secrets[0].workspace, '');
    assert.equal('createdAt' in imp.secrets[0], false);

    const flat = await sdk.secrets().listSecretsWithImports({ projectId: PID, environment: 'dev' });
    assert.deepEqual(flat.map((x) => x.secretKey), ['LOCAL', 'SHARED_A', 'SHARED_B', 'DEEP']);

    // the SDK's getSecret sends includeImports (ignored by the server) -> 404
    await assert.rejects(sdk.secrets().getSecret({ projectId: PID, environment: 'dev', secretName: 'SHARED_A', includeImports: true }), /404/);
    const token = await login(server);
    const r = await call(server, 'GET', '/api/v3/secrets/raw/SHARED_B', { token, query: listQuery({ include_imports: 'true', expandSecretReferences: 'true' }) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.secret.secretValue, 'b=a');
    assert.equal(r.json.secret.environment, 'staging');
    assert.equal(r.json.secret.secretPath, '/shared');
  });
});

test('reference expansion: local, cross-env, nested, missing, cycles, multiline', async () => {
  await withServer(async (server) => {
    const set = (env, p, k, v, extra) => server.setSecret(PID, env, p, k, v, extra);
    set('dev', '/', 'HOST', 'db.local');
    set('dev', '/', 'PORT', '5432');
    set('dev', '/', 'ADDR', '${HOST}:${PORT}');
    set('dev', '/', 'URL', 'pg://${ADDR}/${staging.foo.bar.NAME}');
    set('staging', '/foo/bar', 'NAME', '${SUFFIX}db');
    set('staging', '/foo/bar', 'SUFFIX', 'my');
    set('dev', '/', 'MISSING', 'x=${NOPE} y=${qa.NOPE} z=${dev.nope.NOPE}');
    set('dev', '/', 'CYCLE_A', 'a${CYCLE_B}');
    set('dev', '/', 'CYCLE_B', 'b${CYCLE_A}');
    set('dev', '/', 'ML', 'line1\nline2');
    set('dev', '/', 'ML_REF', '${ML}', { skipMultilineEncoding: true });
    set('dev', '/', 'NOT_REF', '${has space} ${a:b}');

    const sdk = await sdkFor(server);
    const byKey = (res) => Object.fromEntries(res.secrets.map((x) => [x.secretKey, x.secretValue]));
    const v = byKey(await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' }));
    assert.equal(v.ADDR, 'db.local:5432');
    assert.equal(v.URL, 'pg://db.local:5432/mydb');
    assert.equal(v.MISSING, 'x=${NOPE} y=${qa.NOPE} z=${dev.nope.NOPE}');
    // a cycle stops expanding: A -> "a${B}" -> "ab${A}" -> "aba${B}" (A already visited)
    assert.equal(v.CYCLE_A, 'aba${CYCLE_B}');
    assert.equal(v.ML_REF, '"line1\\nline2"');
    assert.equal(v.NOT_REF, '${has space} ${a:b}');

    const raw = byKey(await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev', expandSecretReferences: false }));
    assert.equal(raw.URL, 'pg://${ADDR}/${staging.foo.bar.NAME}');
    const one = await sdk.secrets().getSecret({ projectId: PID, environment: 'dev', secretName: 'URL' });
    assert.equal(one.secretValue, 'pg://db.local:5432/mydb');
  });
});

test('viewSecretValue=false masks shared values, keeps own personal ones', async () => {
  await withServer(async (server) => {
    server.setSecret(PID, 'dev', '/', 'SHARED', 'visible-only-when-allowed');
    server.setSecret(PID, 'dev', '/', 'SHARED', 'personal-value', { type: 'personal' });
    server.setSecret(PID, 'dev', '/', 'REF', '${SHARED}');
    const sdk = await sdkFor(server);
    const res = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev', viewSecretValue: false });
    assert.deepEqual(res.secrets.map((x) => [x.secretKey, x.type, x.secretValue, x.secretValueHidden]), [
      ['SHARED', 'shared', '<hidden-by-infisical>', true],
      ['SHARED', 'personal', 'personal-value', false],
      ['REF', 'shared', '<hidden-by-infisical>', true],
    ]);
    const one = await sdk.secrets().getSecret({ projectId: PID, environment: 'dev', secretName: 'SHARED', viewSecretValue: false });
    assert.equal(one.secretValue, '<hidden-by-infisical>');
    assert.equal(one.secretValueHidden, true);
    const personal = await sdk.secrets().getSecret({ projectId: PID, environment: 'dev', secretName: 'SHARED', type: 'personal' });
    assert.equal(personal.secretValue, 'personal-value');
  });
});

test('tags: filter by tagSlugs, metadata filter', async () => {
  await withServer(async (server) => {
    const front = DEFAULTS.tags[1].id;
    server.setSecret(PID, 'dev', '/', 'A', '1', { tagIds: [TAG_BACKEND, front], secretMetadata: [{ key: 'team', value: 'core' }] });
    server.setSecret(PID, 'dev', '/', 'B', '2', { tagIds: [front] });
    server.setSecret(PID, 'dev', '/', 'C', '3');
    const sdk = await sdkFor(server);
    const res = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev', tagSlugs: ['backend'] });
    assert.deepEqual(res.secrets.map((x) => [x.secretKey, x.tags.map((t) => t.slug)]), [['A', ['backend']]]);
    assert.deepEqual(res.secrets[0].secretMetadata, [{ key: 'team', value: 'core', isEncrypted: false }]);
    const token = await login(server);
    const r = await call(server, 'GET', '/api/v3/secrets/raw', { token, query: listQuery({ metadataFilter: 'key=team,value=core' }) });
    assert.deepEqual(r.json.secrets.map((x) => x.secretKey), ['A']);
  });
});

// ===================================================================== faults
test('fault: canned HTML 500, empty 200, 204 and custom headers', async () => {
  await withServer(async (server) => {
    const sdk = await sdkFor(server);
    server.injectFault({ status: 500, body: '<html><h1>oops</h1></html>', contentType: 'text/html' });
    await assert.rejects(sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' }), (e) => e.message === 'Request failed with status 500');

    server.injectFault({ status: 200, body: '', headers: { 'x-extra': 'yes' } }, { match: { method: 'GET' } });
    const r = await fetch(`${server.url}/anything`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-extra'), 'yes');
    assert.equal(await r.text(), '');

    server.injectFault({ status: 204 });
    const res = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' });
    assert.equal(res, undefined);
    assert.equal(server.pendingFaults.length, 0);
    // faulted requests are recorded
    assert.ok(server.requests.some((q) => q.path === '/anything'));
  });
});

test('fault: 429 is retried by the SDK; match, times and FIFO order', async () => {
  await withServer(async (server) => {
    const sdk = await sdkFor(server);
    server.injectFault({ status: 429, body: { statusCode: 429, message: 'Rate limit exceeded. Please try again in 1 seconds', error: 'RateLimitExceeded' } }, { match: { method: 'GET', pathPrefix: '/api/v3/secrets/raw' } });
    const t0 = Date.now();
    const res = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' });
    assert.deepEqual(res.secrets, []);
    assert.ok(Date.now() - t0 >= 700, 'the SDK waited before retrying');
    assert.equal(server.requests.filter((q) => q.path === '/api/v3/secrets/raw').length, 2);

    server.injectFault({ status: 418, body: 'first' }, { match: '/x', times: 2 });
    server.injectFault({ status: 419, body: 'second' }, { match: '/x' });
    server.injectFault({ status: 420, body: 'other' }, { match: (rec) => rec.query.includes('only') });
    const codes = [];
    for (const p of ['/x', '/y?only=1', '/x', '/x', '/x']) codes.push((await fetch(`${server.url}${p}`)).status);
    assert.deepEqual(codes, [418, 420, 418, 419, 404]);

    server.injectFault({ status: 500 }, { times: 5 });
    server.clearFaults();
    assert.equal((await fetch(`${server.url}/x`)).status, 404);
    assert.throws(() => server.injectFault({ type: 'explode' }), TypeError);
  });
});

test('fault: reset (fetch fails, SDK retries), hang, stall, delay', async () => {
  await withServer(async (server) => {
    server.injectFault({ type: 'reset' });
    await assert.rejects(fetch(`${server.url}/api/v3/secrets/raw`), /fetch failed/);

    const sdk = await sdkFor(server);
    server.injectFault({ type: 'reset' }, { match: { method: 'GET' } });
    const res = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' });
    assert.deepEqual(res.secrets, []);

    server.injectFault({ type: 'hang' });
    const ac = new AbortController();
    const hung = fetch(`${server.url}/api/v3/secrets/raw`, { signal: ac.signal });
    setTimeout(() => ac.abort(), 150);
    await assert.rejects(hung, /aborted/i);

    server.injectFault({ type: 'stall', body: { secrets: [{ secretKey: 'A' }], imports: [] } });
    const stalled = await fetch(`${server.url}/api/v3/secrets/raw`);
    assert.equal(stalled.status, 200);
    const reader = stalled.body.getReader();
    const first = await reader.read();
    assert.ok(first.value.length > 0);
    const more = await Promise.race([reader.read(), new Promise((r) => setTimeout(() => r('timeout'), 150))]);
    assert.equal(more, 'timeout');
    reader.cancel().catch(() => {});

    server.injectFault({ type: 'delay', ms: 200 }, { match: { method: 'GET' } });
    const t0 = Date.now();
    const delayed = await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' });
    assert.ok(Date.now() - t0 >= 190);
    assert.deepEqual(delayed.secrets, []);
    assert.ok(server.requests.length >= 6);
  });
});

test('reset() restores the seeded state', async () => {
  await withServer(async (server) => {
    const token = await login(server);
    server.setSecret(PID, 'dev', '/', 'A', '1');
    server.createProject({ slug: 'other' });
    server.injectFault({ status: 500 }, { times: 10, match: '/never' });
    server.reset();
    assert.equal(server.requests.length, 0);
    assert.equal(server.pendingFaults.length, 0);
    assert.equal(server.listSecrets(PID, 'dev', '/').length, 0);
    assert.equal(server.state.findProjectBySlug('other'), undefined);
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', { token, query: listQuery() })).status, 401);
    assert.equal((await call(server, 'GET', '/api/v3/secrets/raw', { token: await login(server), query: listQuery() })).status, 200);
  });
});

test('ids and reqIds are deterministic across servers', async () => {
  const run = async () => {
    const server = await startServer();
    try {
      server.setSecret(PID, 'dev', '/', 'A', '1');
      const r = await call(server, 'GET', '/api/v3/secrets/raw', { query: listQuery() });
      return [server.getSecret(PID, 'dev', '/', 'A').id, r.json.reqId];
    } finally {
      await server.close();
    }
  };
  assert.deepEqual(await run(), await run());
});

// ===================================================================== phase 2
test('projects, environments and memberships through the SDK', async () => {
  await withServer(async (server) => {
    const sdk = await sdkFor(server);
    const project = await sdk.projects().create({ projectName: 'My App', type: 'secret-manager', slug: 'my-app' });
    assert.equal(project.slug, 'my-app');
    assert.deepEqual(project.environments.map((e) => e.slug), ['dev', 'staging', 'prod']);
    assert.equal(project._id, project.id);
    await assert.rejects(sdk.projects().create({ projectName: 'Again', type: 'secret-manager', slug: 'my-app' }), /400/);

    const env = await sdk.environments().create({ projectId: project.id, name: 'QA', slug: 'qa' });
    assert.deepEqual(Object.keys(env), ['id', 'name', 'slug', 'position', 'projectId', 'createdAt', 'updatedAt']);
    assert.equal(env.position, 4);
    await assert.rejects(sdk.environments().create({ projectId: project.id, name: 'QA', slug: 'qa' }), /Environment with slug already exist/);
    await assert.rejects(sdk.environments().create({ projectId: project.id, name: 'Bad', slug: 'Bad Slug' }), /422/);
    await sdk.secrets().createSecret('IN_QA', { projectId: project.id, environment: 'qa', secretValue: 'q' });
    assert.equal((await sdk.secrets().listSecrets({ projectId: project.id, environment: 'qa' })).secrets.length, 1);

    const members = await sdk.projects().inviteMembers({ projectId: project.id, emails: ['a@example.com'], usernames: ['bob'] });
    assert.equal(members.length, 2);
    assert.deepEqual(Object.keys(members[0]), ['id', 'createdAt', 'updatedAt', 'userId', 'projectId']);
    await assert.rejects(sdk.projects().inviteMembers({ projectId: project.id, emails: ['A@example.com'] }), /422/);
  });
});

test('dynamic secrets and leases through the SDK', async () => {
  await withServer(async (server) => {
    const sdk = await sdkFor(server);
    const ds = await sdk.dynamicSecrets().create({
      projectSlug: DEFAULTS.projectSlug,
      environmentSlug: 'dev',
      name: 'pg-creds',
      defaultTTL: '1h',
      maxTTL: '3h',
      provider: {
        type: 'sql-database',
        inputs: {
          client: 'postgres', host: 'localhost', port: 5432, database: 'db', username: 'admin', password: 'pw',
          creationStatement: 'CREATE ROLE', revocationStatement: 'DROP ROLE',
        },
      },
    });
    assert.equal(ds.name, 'pg-creds');
    assert.equal(ds.type, 'sql-database');
    assert.equal(ds.inputs.host, 'localhost');

    const leaseOpts = { projectSlug: DEFAULTS.projectSlug, environmentSlug: 'dev', path: '/' };
    const created = await sdk.dynamicSecrets().leases.create({ ...leaseOpts, dynamicSecretName: 'pg-creds', ttl: '30m' });
    assert.deepEqual(Object.keys(created), ['lease', 'dynamicSecret', 'data']);
    assert.ok(created.data.DB_USERNAME && created.data.DB_PASSWORD);
    const exp0 = Date.parse(created.lease.expireAt);
    assert.ok(Math.abs(exp0 - (Date.now() + 30 * 60 * 1000)) < 5000);

    const renewed = await sdk.dynamicSecrets().leases.renew(created.lease.id, { ...leaseOpts, ttl: '1h' });
    assert.equal(Date.parse(renewed.lease.expireAt) - exp0, 60 * 60 * 1000);
    await assert.rejects(
      sdk.dynamicSecrets().leases.renew(created.lease.id, { ...leaseOpts, ttl: '2h' }),
      /exceed the maximum allowed lease duration/,
    );
    await assert.rejects(sdk.dynamicSecrets().leases.create({ ...leaseOpts, dynamicSecretName: 'pg-creds', ttl: '4h' }), /TTL cannot be larger than max TTL/);
    await assert.rejects(sdk.dynamicSecrets().leases.create({ ...leaseOpts, dynamicSecretName: 'pg-creds', ttl: '10s' }), /422/);

    const deleted = await sdk.dynamicSecrets().leases.delete(created.lease.id, leaseOpts);
    assert.equal(deleted.lease.id, created.lease.id);
    await assert.rejects(sdk.dynamicSecrets().leases.delete(created.lease.id, leaseOpts), /\[StatusCode=404\] Dynamic secret lease with ID/);

    // leases vanish once expired
    const short = await sdk.dynamicSecrets().leases.create({ ...leaseOpts, dynamicSecretName: 'pg-creds', ttl: '5m' });
    server.advanceTime(301);
    await assert.rejects(sdk.dynamicSecrets().leases.renew(short.lease.id, leaseOpts), /404/);

    const removed = await sdk.dynamicSecrets().delete('pg-creds', { projectSlug: DEFAULTS.projectSlug, environmentSlug: 'dev' });
    assert.equal(removed.name, 'pg-creds');
    assert.equal('inputs' in removed, false);
    await assert.rejects(sdk.dynamicSecrets().delete('pg-creds', { projectSlug: DEFAULTS.projectSlug, environmentSlug: 'dev' }), /404/);
  });
});

test('KMS: keys, AES-GCM encrypt/decrypt, RSA and ECDSA sign/verify through the SDK', async () => {
  await withServer(async (server) => {
    const sdk = await sdkFor(server);
    const kms = sdk.kms();
    const key = await kms.keys().create({ projectId: PID, name: 'enc-key', description: 'd', keyUsage: 'encrypt-decrypt', encryptionAlgorithm: 'aes-256-gcm' });
    assert.deepEqual(Object.keys(key), ['id', 'description', 'isDisabled', 'orgId', 'name', 'createdAt', 'updatedAt', 'projectId', 'keyUsage', 'kmipMetadata', 'version', 'encryptionAlgorithm']);
    assert.equal((await kms.keys().getByName({ projectId: PID, name: 'enc-key' })).id, key.id);

    const plaintext = Buffer.from('hello kms').toString('base64');
    const ciphertext = await kms.encryption().encrypt({ keyId: key.id, plaintext });
    assert.notEqual(ciphertext, plaintext);
    assert.equal(await kms.encryption().decrypt({ keyId: key.id, ciphertext }), plaintext);
    await assert.rejects(kms.encryption().encrypt({ keyId: key.id, plaintext: 'not base64!' }), /422/);

    for (const [alg, signing] of [['RSA_4096', 'RSASSA_PSS_SHA_256'], ['ECC_NIST_P256', 'ECDSA_SHA_256']]) {
      const sk = await kms.keys().create({ projectId: PID, name: `sign-${alg.toLowerCase().replace(/_/g, '-')}`, keyUsage: 'sign-verify', encryptionAlgorithm: alg });
      const algs = await kms.signing().listSigningAlgorithms({ keyId: sk.id });
      assert.ok(algs.includes(signing));
      const data = Buffer.from('sign me').toString('base64');
      const signed = await kms.signing().sign({ keyId: sk.id, data, signingAlgorithm: signing });
      assert.deepEqual(Object.keys(signed), ['signature', 'keyId', 'signingAlgorithm']);
      const ok = await kms.signing().verify({ keyId: sk.id, data, signature: signed.signature, signingAlgorithm: signing });
      assert.equal(ok.signatureValid, true);
      const bad = await kms.signing().verify({ keyId: sk.id, data: Buffer.from('other').toString('base64'), signature: signed.signature, signingAlgorithm: signing });
      assert.equal(bad.signatureValid, false);
      // the public key verifies the signature with plain node:crypto
      const pub = crypto.createPublicKey({ key: Buffer.from(await kms.signing().getPublicKey({ keyId: sk.id }), 'base64'), format: 'der', type: 'spki' });
      const opts = alg === 'RSA_4096' ? { key: pub, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : pub;
      assert.equal(crypto.verify('sha256', Buffer.from('sign me'), opts, Buffer.from(signed.signature, 'base64')), true);
      // a digest signature matches a data signature
      const digest = crypto.createHash('sha256').update('sign me').digest('base64');
      const viaDigest = await kms.signing().sign({ keyId: sk.id, data: digest, signingAlgorithm: signing, isDigest: true });
      assert.equal((await kms.signing().verify({ keyId: sk.id, data, signature: viaDigest.signature, signingAlgorithm: signing })).signatureValid, true);
    }
    await assert.rejects(kms.signing().sign({ keyId: key.id, data: plaintext, signingAlgorithm: 'ECDSA_SHA_256' }), /not intended for signing/);
    await assert.rejects(kms.keys().create({ projectId: PID, name: 'enc-key' }), /already exists/);
    await assert.rejects(kms.keys().create({ projectId: PID, name: 'x', keyUsage: 'sign-verify' }), /422/);

    const deleted = await kms.keys().delete({ keyId: key.id });
    assert.equal(deleted.id, key.id);
    await assert.rejects(kms.keys().getByName({ projectId: PID, name: 'enc-key' }), /\[StatusCode=404\] Key with name "enc-key" not found/);
    await assert.rejects(kms.keys().delete({ keyId: 'not-a-uuid' }), /422/);
  });
});

// ===================================================================== options
test('optional Cloud-style rate limits with the real 429 body and headers', async () => {
  await withServer({ rateLimit: { secrets: 2 } }, async (server) => {
    const token = await login(server);
    const get = () => call(server, 'GET', '/api/v3/secrets/raw', { token, query: listQuery() });
    const a = await get();
    assert.equal(a.headers.get('x-ratelimit-limit'), '2');
    assert.equal(a.headers.get('x-ratelimit-remaining'), '1');
    assert.equal((await get()).status, 200);
    const limited = await get();
    assertEnvelope(limited, 429, 'RateLimitExceeded', /^Rate limit exceeded\. Please try again in \d+ seconds$/);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    server.advanceTime(61);
    assert.equal((await get()).status, 200);
    server.setRateLimit(false);
    for (let i = 0; i < 5; i += 1) assert.equal((await get()).status, 200);
  });
  await withServer(async (server) => {
    const r = await call(server, 'GET', '/api/v3/secrets/raw', { query: listQuery() });
    assert.equal(r.headers.get('x-ratelimit-limit'), null); // off by default (self-hosted)
  });
});

test('basePath option and HEAD requests', async () => {
  await withServer({ basePath: '/infisical' }, async (server) => {
    const sdk = new InfisicalSDK({ siteUrl: `${server.url}/infisical` });
    await sdk.auth().universalAuth.login({ clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret });
    assert.deepEqual((await sdk.secrets().listSecrets({ projectId: PID, environment: 'dev' })).secrets, []);
    assert.equal(server.requests[1].path, '/infisical/api/v3/secrets/raw');
    assert.equal((await fetch(`${server.url}/api/v3/secrets/raw`)).status, 404);
    const head = await fetch(`${server.url}/infisical/api/v3/secrets/raw`, { method: 'HEAD' });
    assert.equal(head.status, 401);
  });
});
