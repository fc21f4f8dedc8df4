'use strict';

// AWS IAM login, official package and ours, each run in a child process with a controlled
// environment: fake static credentials, AWS_EC2_METADATA_DISABLED, config/credential files
// pointing nowhere, HOME in an empty temporary directory. Nothing reaches AWS or
// 169.254.169.254; the only network peers are the loopback test server and a loopback fake
// instance-metadata service.
//
// The signed STS request is checked for shape and for a valid SigV4 signature, recomputed with
// @smithy/signature-v4 (what the official package signs with).

const test = require('node:test');
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { execFile } = require('node:child_process');
const { STS_BODY, signedStsHeaders } = require('./helpers/sts-sign');
const { childEnv } = require('./helpers/common');
const { OFFICIAL_ONLY, OURS_FAST_ENV, PROJECT_ID, AWS_IDENTITY_ID, useServer, simplifyRequest, printable } = require('./helpers/diff');

const h = useServer();
const CHILD = path.join(__dirname, 'helpers', 'aws-child.js');
const AWS_LOGIN_PATH = '/api/v1/auth/aws-auth/login';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLE//session+token/with=odd%chars';
const BASE_HEADER_KEYS = ['Authorization', 'Content-Length', 'Content-Type', 'Host', 'x-amz-content-sha256', 'x-amz-date'];

let home;
before(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'infisical-aws-home-'));
});
after(() => {
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

// A clean environment: nothing inherited but PATH.
function awsChildEnv(extra = {}) {
  const base = {
    PATH: process.env.PATH,
    HOME: home,
    USERPROFILE: home,
    AWS_CONFIG_FILE: path.join(home, 'does-not-exist', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'does-not-exist', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: SECRET_KEY,
  };
  return childEnv(extra, base);
}

function runChild(side, cfg, env) {
  return new Promise((resolve, reject) => {
    const full = { ...env, ...(side === 'ours' ? OURS_FAST_ENV : {}) };
    full.INFISICAL_AWS_CHILD = JSON.stringify({ side, siteUrl: h.server.url, projectId: PROJECT_ID, ...cfg });
    execFile(process.execPath, [CHILD], { env: full, cwd: path.join(__dirname, '..'), timeout: 30000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`child failed: ${err.message}\n${stderr}`));
      const line = stdout.trim().split('\n').pop();
      let out;
      try {
        out = JSON.parse(line);
      } catch {
        return reject(new Error(`child printed no JSON: ${stdout}\n${stderr}`));
      }
      if (out.crashed) return reject(new Error(`child crashed: ${out.crashed.message}\n${out.stack}`));
      resolve(out);
    });
  });
}

function decodeLogin(record) {
  const body = record.body;
  return {
    keys: Object.keys(body).sort(),
    identityId: body.identityId,
    method: body.iamHttpRequestMethod,
    body: Buffer.from(body.iamRequestBody, 'base64').toString('utf8'),
    headers: JSON.parse(Buffer.from(body.iamRequestHeaders, 'base64').toString('utf8')),
  };
}

// x-amz-date 20260101T000000Z -> Date
function amzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  assert.ok(m, `bad x-amz-date ${s}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

// Sign the same STS request with @smithy/signature-v4 at the same instant and compare.
async function assertValidSignature(headers, { region, sessionToken }) {
  const signed = await signedStsHeaders({
    accessKeyId: ACCESS_KEY,
    secretAccessKey: SECRET_KEY,
    sessionToken,
    region,
    date: amzDate(headers['x-amz-date']),
  });
  const expected = signed.authorization || signed.Authorization;
  assert.equal(headers.Authorization, expected, 'SigV4 Authorization header');
  assert.equal(headers['x-amz-content-sha256'], signed['x-amz-content-sha256']);
  if (sessionToken) assert.equal(headers['x-amz-security-token'], sessionToken);
}

function assertStsShape(login, { region, identityId, sessionToken }) {
  // exactly the four fields the official sends (no iamRequestUrl)
  assert.deepEqual(login.keys, ['iamHttpRequestMethod', 'iamRequestBody', 'iamRequestHeaders', 'identityId']);
  assert.equal(login.identityId, identityId);
  assert.equal(login.method, 'POST');
  assert.equal(login.body, STS_BODY);
  const keys = [...BASE_HEADER_KEYS, ...(sessionToken ? ['x-amz-security-token'] : [])].sort();
  assert.deepEqual(Object.keys(login.headers).sort(), keys);
  assert.equal(login.headers['Content-Type'], 'application/x-www-form-urlencoded; charset=utf-8');
  assert.equal(login.headers.Host, `sts.${region}.amazonaws.com`);
  assert.equal(login.headers['Content-Length'], '43');
  assert.match(
    login.headers.Authorization,
    new RegExp(
      `^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/\\d{8}/${region}/sts/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date${sessionToken ? ';x-amz-security-token' : ''}, Signature=[0-9a-f]{64}$`,
    ),
  );
  // the signing time is "now"
  assert.ok(Math.abs(amzDate(login.headers['x-amz-date']).getTime() - Date.now()) < 5 * 60 * 1000);
}

// One side: reset the server, run the child, collect what the server saw.
async function runAwsSide(side, cfg, env) {
  const server = h.server;
  server.reset();
  server.clearRequests();
  const out = await runChild(side, cfg, env);
  const requests = server.requests.map(simplifyRequest);
  const loginRecords = requests.filter((r) => r.path === AWS_LOGIN_PATH);
  return { out, requests, logins: loginRecords.map(decodeLogin), lastAwsLogin: server.lastAwsLogin };
}

// A comparable view: time-dependent parts of the signed headers replaced, tokens numbered.
function comparable(sideResult) {
  const tokens = [];
  const tok = (t) => {
    if (typeof t !== 'string') return t;
    if (!tokens.includes(t)) tokens.push(t);
    return `<token#${tokens.indexOf(t) + 1}>`;
  };
  const outTokens = sideResult.out.tokens.map(tok);
  return {
    outcome: sideResult.out.outcome,
    tokens: outTokens,
    renewSame: sideResult.out.renewSame,
    followUp: sideResult.out.followUp,
    requests: sideResult.requests.map((r) => ({
      method: r.method,
      path: r.path,
      query: r.query,
      contentType: r.contentType,
      authorization: r.authorization && r.authorization.startsWith('Bearer ') ? `Bearer ${tok(r.authorization.slice(7))}` : r.authorization,
      body:
        r.path === AWS_LOGIN_PATH
          ? '<aws login body>'
          : r.body && typeof r.body === 'object' && r.body.accessToken
            ? { ...r.body, accessToken: tok(r.body.accessToken) }
            : r.body,
    })),
    logins: sideResult.logins.map((l) => ({
      ...l,
      headers: Object.fromEntries(
        Object.entries(l.headers)
          .map(([k, v]) => [
            k,
            k === 'x-amz-date' ? '<date>' : k === 'Authorization' ? v.replace(/\/\d{8}\//, '/<day>/').replace(/Signature=[0-9a-f]+/, 'Signature=<sig>') : v,
          ])
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    })),
  };
}

// Run both sides (official only in official-only mode), check each, compare.
async function awsDiff(cfg, env, check) {
  const official = await runAwsSide('official', cfg, env);
  await check(official, 'official');
  if (OFFICIAL_ONLY) return;
  const ours = await runAwsSide('ours', cfg, env);
  await check(ours, 'ours');
  const a = comparable(official);
  const b = comparable(ours);
  assert.deepStrictEqual(b, a, `ours differs from official\n--- official:\n${printable(a)}\n--- ours:\n${printable(b)}`);
}

test('awsIamAuth.login with static env credentials (no session token)', async () => {
  await awsDiff({ loginArg: { identityId: AWS_IDENTITY_ID }, followUp: true }, awsChildEnv(), async (side) => {
    assert.deepEqual(side.out.outcome, { resolved: { same: true } });
    assert.equal(side.logins.length, 1);
    assertStsShape(side.logins[0], { region: 'us-east-1', identityId: AWS_IDENTITY_ID });
    await assertValidSignature(side.logins[0].headers, { region: 'us-east-1' });
    assert.equal(side.lastAwsLogin.identityId, AWS_IDENTITY_ID);
    assert.equal(side.lastAwsLogin.method, 'POST');
    assert.equal(side.lastAwsLogin.body, STS_BODY);
    assert.equal(side.requests[0].contentType, 'application/json');
    assert.equal(side.requests[0].authorization, undefined);
    // the token from the AWS login authenticates the next call
    assert.equal(side.requests[1].authorization, `Bearer ${side.out.tokens[0]}`);
    assert.equal(side.out.followUp, 0);
  });
});

test('awsIamAuth.login with a session token signs x-amz-security-token', async () => {
  await awsDiff({ loginArg: { identityId: AWS_IDENTITY_ID } }, awsChildEnv({ AWS_SESSION_TOKEN: SESSION_TOKEN, AWS_REGION: 'ap-southeast-2' }), async (side) => {
    assert.deepEqual(side.out.outcome, { resolved: { same: true } });
    assertStsShape(side.logins[0], { region: 'ap-southeast-2', identityId: AWS_IDENTITY_ID, sessionToken: SESSION_TOKEN });
    await assertValidSignature(side.logins[0].headers, { region: 'ap-southeast-2', sessionToken: SESSION_TOKEN });
  });
});

test('awsIamAuth.login takes the identity id from INFISICAL_MACHINE_IDENTITY_ID', async () => {
  await awsDiff({}, awsChildEnv({ INFISICAL_MACHINE_IDENTITY_ID: AWS_IDENTITY_ID }), async (side) => {
    assert.deepEqual(side.out.outcome, { resolved: { same: true } });
    assert.equal(side.logins[0].identityId, AWS_IDENTITY_ID);
    await assertValidSignature(side.logins[0].headers, { region: 'us-east-1' });
  });
});

test('awsIamAuth.login: the option wins over INFISICAL_MACHINE_IDENTITY_ID; {} falls back to it', async () => {
  const env = awsChildEnv({ INFISICAL_MACHINE_IDENTITY_ID: 'from-env-not-registered' });
  await awsDiff({ loginArg: { identityId: AWS_IDENTITY_ID } }, env, async (side) => {
    assert.deepEqual(side.out.outcome, { resolved: { same: true } });
    assert.equal(side.logins[0].identityId, AWS_IDENTITY_ID);
  });
  await awsDiff({ loginArg: {} }, env, async (side) => {
    assert.equal(side.logins[0].identityId, 'from-env-not-registered');
    assert.equal(side.out.outcome.rejected.name, 'InfisicalSDKRequestError');
    assert.ok(side.out.outcome.rejected.message.startsWith(`[URL=${h.server.url}${AWS_LOGIN_PATH}] [Method=POST] [StatusCode=404] `));
  });
});

test('awsIamAuth.login without any identity id rejects locally', async () => {
  for (const cfg of [{}, { loginArg: {} }, { loginArg: { identityId: '' } }]) {
    await awsDiff(cfg, awsChildEnv(), async (side) => {
      assert.deepEqual(side.out.outcome, {
        rejected: { name: 'InfisicalSDKError', message: 'Identity ID is required for AWS IAM authentication', isError: true },
      });
      assert.equal(side.requests.length, 0);
    });
  }
});

test('awsIamAuth.renew after an AWS login renews the AWS token', async () => {
  await awsDiff({ loginArg: { identityId: AWS_IDENTITY_ID }, renew: true }, awsChildEnv(), async (side) => {
    assert.deepEqual(side.out.outcome, { resolved: { same: true } });
    assert.equal(side.out.renewSame, true);
    assert.deepEqual(side.requests.map((r) => r.path), [AWS_LOGIN_PATH, '/api/v1/auth/token/renew']);
    assert.deepEqual(side.requests[1].body, { accessToken: side.out.tokens[0] });
  });
});

// ---------------------------------------------------------------------------------------------
// Ours only: region from the EC2 instance-metadata service (the official package always asks
// 169.254.169.254, which a test must not touch).

function startFakeImds() {
  const calls = [];
  const token = 'fake-imds-session-token';
  const server = http.createServer((req, res) => {
    calls.push({ method: req.method, url: req.url, headers: { ...req.headers } });
    if (req.method === 'PUT' && req.url === '/latest/api/token') {
      if (!req.headers['x-aws-ec2-metadata-token-ttl-seconds']) {
        res.writeHead(400);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(token);
    }
    if (req.method === 'GET' && req.url === '/latest/dynamic/instance-identity/document') {
      if (req.headers['x-aws-ec2-metadata-token'] !== token) {
        res.writeHead(401);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          accountId: '123456789012',
          architecture: 'x86_64',
          availabilityZone: 'eu-west-2a',
          imageId: 'ami-0123456789abcdef0',
          instanceId: 'i-0123456789abcdef0',
          instanceType: 't3.micro',
          privateIp: '10.0.0.12',
          region: 'eu-west-2',
          version: '2017-09-30',
        }),
      );
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, calls, token, url: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

test('ours: without AWS_REGION the region comes from the instance-metadata service', async () => {
  assert.equal(OFFICIAL_ONLY, false, 'needs our addon (INFISICAL_DIFF_SIDES=official cannot run it)');
  const imds = await startFakeImds();
  try {
    const env = awsChildEnv({
      AWS_REGION: undefined,
      AWS_EC2_METADATA_DISABLED: undefined,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
    });
    const side = await runAwsSide('ours', { loginArg: { identityId: AWS_IDENTITY_ID } }, env);
    assert.deepEqual(side.out.outcome, { resolved: { same: true } });
    const put = imds.calls.find((c) => c.method === 'PUT' && c.url === '/latest/api/token');
    assert.ok(put, `no token PUT; calls: ${JSON.stringify(imds.calls)}`);
    const doc = imds.calls.find((c) => c.method === 'GET' && c.url === '/latest/dynamic/instance-identity/document');
    assert.ok(doc, `no identity-document GET; calls: ${JSON.stringify(imds.calls)}`);
    assert.equal(doc.headers['x-aws-ec2-metadata-token'], imds.token);
    assert.equal(side.logins.length, 1);
    assertStsShape(side.logins[0], { region: 'eu-west-2', identityId: AWS_IDENTITY_ID });
    assert.equal(side.logins[0].headers.Host, 'sts.eu-west-2.amazonaws.com');
    await assertValidSignature(side.logins[0].headers, { region: 'eu-west-2' });
  } finally {
    await new Promise((r) => imds.server.close(r));
  }
});
