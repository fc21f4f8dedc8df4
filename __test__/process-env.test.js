'use strict';

// The environment is Node's: every variable the SDK reads is taken from process.env on the JS
// thread, when the official package reads it, and handed to the native core, which never reads
// the C environment itself (that races Node's own writes and misses a worker's copy).

const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { startServer, DEFAULTS } = require('./server');
const { startForwardProxy, inWorker, credentialFreeEnv } = require('./helpers/common');

const ROOT = path.resolve(__dirname, '..');
const AWS_IDENTITY_ID = DEFAULTS.awsIdentityId || '00000000-0000-0000-0000-00000000bbbb';

/** Every .rs file under src/. */
function rustSources(dir = path.join(ROOT, 'src')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return rustSources(full);
    return entry.name.endsWith('.rs') ? [full] : [];
  });
}

test('no Rust source reads the process environment (std::env)', () => {
  const files = rustSources();
  assert.ok(files.length > 20, 'the sources were found');
  const offenders = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/\bstd::env\b|\benv::var(_os)?\b|\bvar_os\s*\(|\bstd::env::vars\b/.test(line)) {
          offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        }
      });
  }
  assert.deepEqual(offenders, [], 'read variables from process.env in the JS layer and hand them to the core');
});

describe('worker threads', () => {
  let server;
  before(async () => {
    server = await startServer({ log: false, awsCredentials: [{ accessKeyId: 'AKIDWORKERONLY', secretAccessKey: 'worker-only-secret' }] });
  });
  after(async () => {
    await server.close();
  });

  test("variables set in a worker's process.env are seen in that worker", async () => {
    assert.equal(process.env.INFISICAL_MACHINE_IDENTITY_ID, undefined, 'the test process itself has none');
    const result = await inWorker(
      credentialFreeEnv(),
      `async ({ InfisicalSDK, siteUrl }) => {
        const sdk = new InfisicalSDK({ siteUrl });
        // Set after the SDK was made and before the login: read when login is called, as the official SDK does.
        process.env.INFISICAL_MACHINE_IDENTITY_ID = ${JSON.stringify(AWS_IDENTITY_ID)};
        process.env.AWS_REGION = 'eu-west-3';
        process.env.AWS_ACCESS_KEY_ID = 'AKIDWORKERONLY';
        process.env.AWS_SECRET_ACCESS_KEY = 'worker-only-secret';
        const same = (await sdk.auth().awsIamAuth.login()) === sdk;
        return { same, token: Boolean(sdk.auth().getAccessToken()) };
      }`,
      server.url,
    );
    assert.deepEqual(result, { value: { same: true, token: true } });
    const login = server.state.lastAwsLogin;
    assert.equal(login.identityId, AWS_IDENTITY_ID);
    assert.equal(login.region, 'eu-west-3');
    assert.match(login.headers.Authorization, /Credential=AKIDWORKERONLY\//);
  });

  test("a worker without the variable gets the official error, whatever the parent's copy holds", async () => {
    process.env.INFISICAL_MACHINE_IDENTITY_ID = AWS_IDENTITY_ID;
    try {
      const env = credentialFreeEnv(); // the worker's copy has no identity id
      const result = await inWorker(
        env,
        `async ({ InfisicalSDK, siteUrl }) => {
          await new InfisicalSDK({ siteUrl }).auth().awsIamAuth.login();
        }`,
        server.url,
      );
      assert.deepEqual(result.error, { name: 'InfisicalSDKError', message: 'Identity ID is required for AWS IAM authentication' });
    } finally {
      delete process.env.INFISICAL_MACHINE_IDENTITY_ID;
    }
  });

  test("the SDK's own knobs are read from the worker's process.env at construction", async () => {
    // A server that never answers: the request timeout set in the worker decides the error.
    const hang = http.createServer(() => {});
    await new Promise((resolve) => hang.listen(0, '127.0.0.1', resolve));
    try {
      const result = await inWorker(
        credentialFreeEnv(),
        `async ({ InfisicalSDK, siteUrl }) => {
          process.env.INFISICAL_SDK_REQUEST_TIMEOUT_MS = '123';
          process.env.INFISICAL_SDK_RETRY_BASE_DELAY_MS = '1';
          const sdk = new InfisicalSDK({ siteUrl });
          sdk.auth().accessToken('t');
          await sdk.secrets().listSecrets({ projectId: 'p', environment: 'dev' });
        }`,
        `http://127.0.0.1:${hang.address().port}`,
      );
      assert.equal(result.error.name, 'InfisicalSDKError');
      assert.match(result.error.message, /no response within 123 ms/);
    } finally {
      hang.closeAllConnections();
      await new Promise((resolve) => hang.close(resolve));
    }
  });

  test("the proxy variables are read from the worker's process.env at construction", async () => {
    const proxy = await startForwardProxy();
    try {
      const result = await inWorker(
        credentialFreeEnv(),
        `async ({ InfisicalSDK, siteUrl }) => {
          for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'no_proxy', 'NO_PROXY']) delete process.env[name];
          process.env.HTTP_PROXY = ${JSON.stringify(proxy.url)};
          const sdk = new InfisicalSDK({ siteUrl });
          delete process.env.HTTP_PROXY; // read at construction: the client keeps its proxy
          await sdk.auth().universalAuth.login({ clientId: ${JSON.stringify(DEFAULTS.clientId)}, clientSecret: ${JSON.stringify(DEFAULTS.clientSecret)} });
          return true;
        }`,
        server.url,
      );
      assert.deepEqual(result, { value: true });
      assert.deepEqual(proxy.requests.map((r) => `${r.method} ${r.url}`), [`POST ${server.url}/api/v1/auth/universal-auth/login`]);
    } finally {
      await proxy.close();
    }
  });
});

describe('one AWS configuration per client', () => {
  let server;
  let credentialServer;
  let credentialRequests = 0;

  before(async () => {
    server = await startServer({ log: false, awsCredentials: [{ accessKeyId: 'AKIDCONTAINER', secretAccessKey: 'container-secret' }] });
    server.setSecret(DEFAULTS.projectId, 'dev', '/', 'A', '1');
    // An ECS-style container credential endpoint on loopback.
    credentialServer = http.createServer((req, res) => {
      credentialRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          AccessKeyId: 'AKIDCONTAINER',
          SecretAccessKey: 'container-secret',
          Token: 'container-session-token',
          Expiration: new Date(Date.now() + 6 * 3600 * 1000).toISOString(),
        }),
      );
    });
    await new Promise((resolve) => credentialServer.listen(0, '127.0.0.1', resolve));
  });

  after(async () => {
    await server.close();
    credentialServer.closeAllConnections();
    await new Promise((resolve) => credentialServer.close(resolve));
  });

  test('automatic re-logins reuse the credentials the chain loaded once', async () => {
    const env = {
      ...credentialFreeEnv(),
      AWS_REGION: 'us-east-1',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${credentialServer.address().port}/creds`,
      INFISICAL_MACHINE_IDENTITY_ID: AWS_IDENTITY_ID,
    };
    const result = await inWorker(
      env,
      `async ({ InfisicalSDK, siteUrl }) => {
        const sdk = new InfisicalSDK({ siteUrl });
        await sdk.auth().awsIamAuth.login();
        const seen = [];
        for (let i = 0; i < 3; i++) {
          // 30 days pass for the SDK: the max TTL is near, so it logs in again before the call.
          sdk[Symbol.for('infisical-sdk-native.testing')].advanceClock(30 * 24 * 3600 * 1000);
          const list = await sdk.secrets().listSecrets({ projectId: ${JSON.stringify(DEFAULTS.projectId)}, environment: 'dev' });
          seen.push(list.secrets.length);
        }
        return seen;
      }`,
      server.url,
    );
    assert.deepEqual(result, { value: [1, 1, 1] });
    const awsLogins = server.requests.filter((r) => r.path === '/api/v1/auth/aws-auth/login');
    assert.equal(awsLogins.length, 4, 'one login and three automatic re-logins');
    for (const login of awsLogins) {
      const headers = JSON.parse(Buffer.from(login.json.iamRequestHeaders, 'base64').toString());
      assert.equal(headers['x-amz-security-token'], 'container-session-token');
    }
    assert.equal(credentialRequests, 1, 'the credential endpoint was asked once, not once per login');
  });
});
