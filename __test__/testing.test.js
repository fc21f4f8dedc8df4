'use strict';
// infisical-sdk-native/testing as users get it (through the package's self-reference):
// startInfisical, seeding and its errors, reset, the request log, faults, the clock, the
// entry points' cost (no native binary, no testing code from the main entry), and the
// dev-server command.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFile } = require('node:child_process');

const testing = require('infisical-sdk-native/testing');
const { startInfisical, InfisicalSeedError } = testing;
const official = require('@infisical/sdk');
const ours = require('infisical-sdk-native');

const ROOT = path.resolve(__dirname, '..');
const PKG = require('../package.json');

async function login(mod, server) {
  const sdk = new mod.InfisicalSDK({ siteUrl: server.url });
  await sdk.auth().universalAuth.login({ clientId: server.clientId, clientSecret: server.clientSecret });
  return sdk;
}

/** A port held by a listener of ours, so anything else trying to listen there fails. */
async function busyPort() {
  const holder = net.createServer();
  await new Promise((resolve) => holder.listen(0, '127.0.0.1', resolve));
  return { port: holder.address().port, release: () => new Promise((resolve) => holder.close(resolve)) };
}

function runNode(args, { cwd = ROOT, env = process.env } = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
  });
}

describe('the entry points', () => {
  test('require and import give the same functions', async () => {
    const esm = await import('infisical-sdk-native/testing');
    for (const name of ['startInfisical', 'InfisicalSeedError', 'startServer', 'DEFAULTS']) {
      assert.equal(esm[name], testing[name], name);
    }
    assert.equal('default' in esm, false);
  });

  test('the testing entry loads no native binary and not the SDK; the main entry loads no testing code', async () => {
    // Each child records process.dlopen calls and the CommonJS modules loaded, then prints them.
    const probe = (load) => `
      const dlopened = [];
      const dlopen = process.dlopen;
      process.dlopen = function (m, file, ...rest) { dlopened.push(file); return dlopen.call(this, m, file, ...rest); };
      ${load}
      const loaded = Object.keys(require('node:module')._cache).map((f) => require('node:path').relative(process.cwd(), f));
      console.log(JSON.stringify({ dlopened, loaded }));`;
    const cases = {
      testingCjs: ['-e', probe("require('infisical-sdk-native/testing');")],
      testingEsm: ['--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/');${probe("await import('infisical-sdk-native/testing');")}`],
      mainCjs: ['-e', probe("require('infisical-sdk-native');")],
      mainEsm: ['--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/');${probe("await import('infisical-sdk-native');")}`],
    };
    const out = {};
    for (const [name, args] of Object.entries(cases)) {
      const r = await runNode(args);
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      out[name] = JSON.parse(r.stdout.trim().split('\n').pop());
    }
    for (const name of ['testingCjs', 'testingEsm']) {
      assert.deepEqual(out[name].dlopened, [], name);
      assert.ok(out[name].loaded.includes('testing.js'), `${name}: ${out[name].loaded}`);
      for (const f of out[name].loaded) assert.match(f, /^testing(\.js$|\/)/, `${name} loaded ${f}`);
    }
    assert.ok(out.mainCjs.loaded.includes('index.js'), `${out.mainCjs.loaded}`);
    for (const name of ['mainCjs', 'mainEsm']) {
      // the probe sees the binary being loaded, and no testing code
      assert.ok(out[name].dlopened.some((f) => f.endsWith('.node')), `${name}: ${out[name].dlopened}`);
      for (const f of out[name].loaded) assert.doesNotMatch(f, /^testing/, `${name} loaded ${f}`);
    }
  });

  test('testing/ uses Node built-ins only', () => {
    const files = fs.readdirSync(path.join(ROOT, 'testing'), { recursive: true }).filter((f) => f.endsWith('.js'));
    files.push(path.join('..', 'testing.js'), path.join('..', 'testing.mjs'));
    assert.ok(files.length > 10);
    for (const f of files) {
      // code only: comment lines may show usage
      const src = fs.readFileSync(path.join(ROOT, 'testing', f), 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*)/.test(l)).join('\n');
      for (const m of src.matchAll(/(?:require\(|from\s+|import\()\s*'([^']+)'/g)) {
        assert.match(m[1], /^(node:|\.{1,2}\/)/, `${f} loads ${m[1]}`);
      }
    }
  });
});

describe('startInfisical', () => {
  const BILLING = '44444444-4444-4444-8444-444444444444';
  test('the seeded identity logs in with both SDKs and reads seeded secrets, with references and imports', async () => {
    const server = await startInfisical({
      seed: {
        environments: [{ slug: 'qa', name: 'QA' }],
        tags: ['billing'],
        secrets: {
          dev: {
            DOMAIN: 'example.test',
            API_URL: { value: 'https://${DOMAIN}/api', comment: 'public', tags: ['backend', 'billing'] },
            '/app': { PORT: '8080', DB: '${shared.DB_HOST}:5432' },
          },
          qa: { SHARED_KEY: 'from qa' },
        },
        folders: { prod: ['/app/api'] },
        imports: [{ environment: 'dev', path: '/app', from: { environment: 'qa' } }],
        projects: [{ id: BILLING, slug: 'billing', environments: ['dev'], secrets: { dev: { TOKEN: 't' } } }],
      },
    });
    try {
      server.seed({ environments: ['shared'], secrets: { shared: { DB_HOST: 'db.internal' } } });
      assert.deepEqual(server.environments, ['dev', 'staging', 'prod', 'qa', 'shared']);
      for (const mod of [official, ours]) {
        const sdk = await login(mod, server);
        const api = await sdk.secrets().getSecret({ projectId: server.projectId, environment: 'dev', secretName: 'API_URL' });
        assert.equal(api.secretValue, 'https://example.test/api');
        assert.equal(api.secretComment, 'public');
        assert.deepEqual(api.tags.map((t) => t.slug).sort(), ['backend', 'billing']);
        const app = await sdk.secrets().listSecrets({ projectId: server.projectId, environment: 'dev', secretPath: '/app', includeImports: true, expandSecretReferences: true });
        assert.deepEqual(Object.fromEntries(app.secrets.map((s) => [s.secretKey, s.secretValue])), { PORT: '8080', DB: 'db.internal:5432' });
        assert.deepEqual(app.imports.map((i) => [i.environment, i.secretPath, i.secrets.map((s) => s.secretKey)]), [['qa', '/', ['SHARED_KEY']]]);
        const folders = await sdk.folders().listFolders({ projectId: server.projectId, environment: 'prod', path: '/app' });
        assert.deepEqual(folders.map((f) => f.name), ['api']);
        const other = await sdk.secrets().listSecrets({ projectId: BILLING, environment: 'dev' });
        assert.deepEqual(other.secrets.map((x) => [x.secretKey, x.secretValue]), [['TOKEN', 't']]);
      }
      assert.deepEqual(server.secrets('dev'), { DOMAIN: 'example.test', API_URL: 'https://${DOMAIN}/api' });
    } finally {
      await server.close();
    }
  });

  test('credentials and ids are options; the url honours basePath', async () => {
    const server = await startInfisical({ clientId: 'my-id', clientSecret: 'my-secret', projectId: '33333333-3333-4333-8333-333333333333', projectSlug: 'mine', basePath: '/infisical' });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/infisical$/);
      assert.equal(server.clientId, 'my-id');
      assert.equal(server.projectSlug, 'mine');
      const sdk = await login(official, server);
      const r = await sdk.secrets().listSecrets({ projectId: '33333333-3333-4333-8333-333333333333', environment: 'dev' });
      assert.deepEqual(r.secrets, []);
      assert.equal(server.requests[1].path, '/infisical/api/v3/secrets/raw');
    } finally {
      await server.close();
    }
  });

  test('the request log records what the code under test sent; reset() restores the seed and forgets the rest', async () => {
    const server = await startInfisical({ seed: { secrets: { dev: { A: '1' } } } });
    try {
      const sdk = await login(ours, server);
      await sdk.secrets().createSecret('B', { projectId: server.projectId, environment: 'dev', secretValue: '2' });
      assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), ['POST /api/v1/auth/universal-auth/login', 'POST /api/v3/secrets/raw/B']);
      assert.equal(server.requests[1].json.secretValue, '2');
      assert.deepEqual(server.secrets('dev'), { A: '1', B: '2' });
      const token = sdk.auth().getAccessToken();
      server.advanceTime(60_000);
      server.reset();
      assert.deepEqual(server.requests, []);
      assert.deepEqual(server.secrets('dev'), { A: '1' });
      // tokens are forgotten too
      const r = await fetch(`${server.url}/api/v3/secrets/raw?workspaceId=${server.projectId}&environment=dev`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.status, 401);
    } finally {
      await server.close();
    }
  });

  test('advanceTime(ms) expires access tokens', async () => {
    const server = await startInfisical({ accessTokenTTL: 60 });
    try {
      const sdk = await login(official, server);
      const list = () => sdk.secrets().listSecrets({ projectId: server.projectId, environment: 'dev' });
      server.advanceTime(59_000);
      await list();
      server.advanceTime(2_000);
      await assert.rejects(list(), /StatusCode=403.*Your token has expired/s);
    } finally {
      await server.close();
    }
  });

  test('fail(status, { route, times }) answers the matching requests only, then normal service', async () => {
    const server = await startInfisical({ seed: { secrets: { dev: { A: '1' } } } });
    try {
      const sdk = await login(official, server);
      const s = sdk.secrets();
      const q = { projectId: server.projectId, environment: 'dev' };
      server.fail(500, { route: 'GET /api/v3/secrets/raw/:secretName', times: 2 });
      assert.equal((await s.listSecrets(q)).secrets.length, 1); // the list is another route
      await assert.rejects(s.getSecret({ ...q, secretName: 'A' }), /StatusCode=500/);
      await assert.rejects(s.getSecret({ ...q, secretName: 'A' }), /StatusCode=500/);
      assert.equal((await s.getSecret({ ...q, secretName: 'A' })).secretValue, '1');

      server.fail(404, { route: '/api/v3/*', body: { message: 'custom' } });
      await assert.rejects(s.listSecrets(q), /StatusCode=404.*custom/s);
      server.fail(503);
      const r = await fetch(`${server.url}/anything`);
      assert.equal(r.status, 503);
      assert.deepEqual(Object.keys(await r.json()), ['reqId', 'statusCode', 'message', 'error']);
      assert.throws(() => server.fail(503, { route: 'FETCH' }), /route "FETCH" is not/);
      assert.throws(() => server.fail(42), /status must be an HTTP status/);
    } finally {
      await server.close();
    }
  });

  test('delay(ms) answers later; drop() loses the connection', async () => {
    const server = await startInfisical();
    try {
      server.delay(300, { route: '/api/v1/auth/universal-auth/login' });
      const t0 = Date.now();
      const sdk = await login(official, server);
      assert.ok(Date.now() - t0 >= 290, `answered after ${Date.now() - t0} ms`);
      server.drop({ route: 'GET /api/v3/secrets/raw' });
      const r = await fetch(`${server.url}/api/v3/secrets/raw`).then(() => 'answered', (e) => e.cause && e.cause.code);
      assert.equal(r, 'UND_ERR_SOCKET');
      assert.deepEqual((await sdk.secrets().listSecrets({ projectId: server.projectId, environment: 'dev' })).secrets, []);
    } finally {
      await server.close();
    }
  });

  test('outage() fails every request until recover()', async () => {
    const server = await startInfisical();
    try {
      const sdk = await login(ours, server);
      const list = () => sdk.secrets().listSecrets({ projectId: server.projectId, environment: 'dev' });
      server.outage();
      await assert.rejects(list(), /StatusCode=503/);
      server.outage({ status: 502 });
      assert.equal((await fetch(`${server.url}/api/v3/secrets/raw`)).status, 502);
      server.recover();
      assert.deepEqual((await list()).secrets, []);
      server.outage({ type: 'reset' });
      assert.equal(await fetch(`${server.url}/api/v3/secrets/raw`).then(() => 'answered', (e) => e.cause && e.cause.code), 'UND_ERR_SOCKET');
      server.recover();
      assert.deepEqual((await list()).secrets, []);
    } finally {
      await server.close();
    }
  });

  test('rateLimit() answers 429 with retry-after past the limit; the window follows advanceTime', async () => {
    const server = await startInfisical();
    try {
      const sdk = await login(official, server);
      const token = sdk.auth().getAccessToken();
      const get = () => fetch(`${server.url}/api/v3/secrets/raw?workspaceId=${server.projectId}&environment=dev`, { headers: { authorization: `Bearer ${token}` } });
      server.rateLimit({ secrets: 2, windowMs: 10_000 });
      assert.equal((await get()).status, 200);
      assert.equal((await get()).status, 200);
      const limited = await get();
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '10');
      assert.equal((await limited.json()).error, 'RateLimitExceeded');
      server.advanceTime(10_000);
      assert.equal((await get()).status, 200);
      server.rateLimit(false);
      for (let i = 0; i < 3; i++) assert.equal((await get()).status, 200);
    } finally {
      await server.close();
    }
  });

  test('AWS IAM logins are checked against the advertised key pair', async () => {
    const { signedStsHeaders, awsLoginBody } = require('./helpers/sts-sign');
    const server = await startInfisical();
    try {
      const post = async (secretAccessKey) => {
        const headers = await signedStsHeaders({ accessKeyId: server.awsAccessKeyId, secretAccessKey });
        return fetch(`${server.url}/api/v1/auth/aws-auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(awsLoginBody(server.awsIdentityId, headers)) });
      };
      assert.equal((await post(server.awsSecretAccessKey)).status, 200);
      assert.equal((await post('wrong')).status, 401);
    } finally {
      await server.close();
    }
  });
});

describe('bad input is refused before the server starts', () => {
  const cases = [
    [[], 'seed: expected an object, got an array'],
    [{ secret: {} }, 'seed.secret: unknown field (expected one of: projects, environments, folders, secrets, imports, tags)'],
    [{ secrets: { dev: { PORT: 8080 } } }, 'secrets.dev.PORT: expected a string value or an object with a string "value", got number'],
    [{ secrets: { qa: { A: 'x' } } }, 'secrets.qa: unknown environment "qa" (known: dev, staging, prod)'],
    [{ secrets: { dev: { '/app': { 'BAD KEY': 'x' } } } }, 'secrets.dev["/app"]["BAD KEY"]: "BAD KEY" is not a secret name (no spaces, "/" or "$")'],
    [{ secrets: { dev: { A: { value: 'x', tags: ['nope'] } } } }, 'secrets.dev.A.tags[0]: unknown tag "nope" (known: backend, frontend)'],
    [{ secrets: { dev: { A: { value: 'x', comentario: '' } } } }, 'secrets.dev.A.comentario: unknown field (expected one of: value, comment, tags, skipMultilineEncoding, type)'],
    [{ secrets: { dev: { A: { value: 'x', type: 'team' } } } }, 'secrets.dev.A.type: expected "shared" or "personal", got "team"'],
    [{ environments: ['dev'] }, 'environments[0]: environment "dev" already exists'],
    [{ environments: [{ slug: 'Has Space' }] }, 'environments[0].slug: "Has Space" is not a slug (lower-case letters, digits, - and _)'],
    [{ folders: { dev: ['app'] } }, 'folders.dev[0]: "app" is not a folder path (it must start with /)'],
    [{ folders: { dev: '/app' } }, 'folders.dev: expected an array, got string'],
    [{ imports: [{ environment: 'dev', from: { environment: 'nope' } }] }, 'imports[0].from.environment: unknown environment "nope" (known: dev, staging, prod)'],
    [{ imports: [{ environment: 'dev' }] }, 'imports[0].from: expected an object, got undefined'],
    [{ tags: ['backend'] }, 'tags[0]: tag "backend" already exists'],
    [{ projects: [{ name: 'x' }] }, 'projects[0].slug: expected a string, got undefined'],
    [{ projects: [{ slug: 'test-project' }] }, 'projects[0].slug: a project with slug "test-project" already exists'],
    [{ projects: [{ slug: 'p', environments: ['a'], secrets: { dev: {} } }] }, 'projects[0].secrets.dev: unknown environment "dev" (known: a)'],
  ];

  for (const [seed, message] of cases) {
    test(`seed ${JSON.stringify(seed)}`, async () => {
      // startInfisical: the port is held, so a server that tried to listen would fail with EADDRINUSE
      const held = await busyPort();
      try {
        await assert.rejects(startInfisical({ port: held.port, seed }), (err) => {
          assert.ok(err instanceof InfisicalSeedError);
          assert.equal(err.message, `Invalid seed: ${message}`);
          assert.equal(err.field, message.slice(0, message.indexOf(': ')));
          return true;
        });
      } finally {
        await held.release();
      }
    });
  }

  test('server.seed() checks everything before changing anything', async () => {
    const server = await startInfisical();
    try {
      assert.throws(() => server.seed({ secrets: { dev: { A: 'ok', B: 1 } } }), { name: 'InfisicalSeedError', field: 'secrets.dev.B' });
      assert.throws(() => server.seed({ environments: ['qa'], secrets: { qa: { A: 'x' } }, imports: [{ environment: 'zz', from: { environment: 'qa' } }] }), { field: 'imports[0].environment' });
      assert.deepEqual(server.secrets('dev'), {});
      assert.deepEqual(server.environments, ['dev', 'staging', 'prod']);
      assert.throws(() => server.seed(), { field: 'seed' });
    } finally {
      await server.close();
    }
  });

  test('bad options', async () => {
    await assert.rejects(startInfisical({ prot: 8080 }), /startInfisical: option prot: unknown option/);
    await assert.rejects(startInfisical({ port: -1 }), /option port: expected an integer from 0 to 65535, got -1/);
    await assert.rejects(startInfisical({ clientId: '' }), /option clientId: expected a non-empty string/);
    await assert.rejects(startInfisical({ accessTokenTTL: 1.5 }), /option accessTokenTTL/);
    await assert.rejects(startInfisical({ awsCredentials: [{ accessKeyId: 'a' }] }), /option awsCredentials\[0\]/);
    await assert.rejects(startInfisical(null), /options must be an object, got null/);
  });
});

describe('the dev-server command', () => {
  const BIN = path.join(ROOT, PKG.bin['infisical-sdk-native']);
  let dir;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infisical-dev-server-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Starts the command; resolves to { child, output } once it printed its credentials. */
  function start(args) {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('Press Ctrl+C to stop.')) resolve({ child, output: out });
      });
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
  }
  const stop = (child, signal) =>
    new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (code, sig) => resolve(code ?? sig));
      child.kill(signal);
    });

  for (const signal of ['SIGINT', 'SIGTERM']) {
    test(`prints the url and credentials, serves the seed file, stops on ${signal}`, async () => {
      const seedFile = path.join(dir, `seed-${signal}.json`);
      fs.writeFileSync(seedFile, JSON.stringify({ secrets: { dev: { DATABASE_URL: 'postgres://dev', '/app': { PORT: '8080' } } } }));
      const { child, output } = await start(['dev-server', '--port', '0', '--seed', seedFile]);
      try {
        const field = (name) => new RegExp(`^  ${name} +(\\S+)$`, 'm').exec(output)[1];
        const url = field('siteUrl');
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(field('clientId'), testing.DEFAULTS.clientId);
        assert.equal(field('clientSecret'), testing.DEFAULTS.clientSecret);
        const sdk = new ours.InfisicalSDK({ siteUrl: url });
        await sdk.auth().universalAuth.login({ clientId: field('clientId'), clientSecret: field('clientSecret') });
        const s = await sdk.secrets().getSecret({ projectId: field('projectId'), environment: 'dev', secretPath: '/app', secretName: 'PORT' });
        assert.equal(s.secretValue, '8080');
      } finally {
        assert.equal(await stop(child, signal), 0);
      }
    });
  }

  test('a fixed --port is used', async () => {
    const held = await busyPort();
    await held.release(); // a port that was just free
    const { child, output } = await start(['dev-server', `--port=${held.port}`]);
    try {
      assert.match(output, new RegExp(`running at http://127\\.0\\.0\\.1:${held.port}\\n`));
    } finally {
      await stop(child, 'SIGTERM');
    }
  });

  test('a malformed seed file, a bad flag or a busy port: a clear error, exit code 2', async () => {
    const held = await busyPort();
    try {
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ secrets: { dev: { PORT: 8080 } } }));
      const notJson = path.join(dir, 'not.json');
      fs.writeFileSync(notJson, '{ "secrets": ');
      const cases = [
        // the port is held: a seed error must come before any attempt to listen
        [['dev-server', '--port', String(held.port), '--seed', bad], `--seed ${bad}: Invalid seed: secrets.dev.PORT: expected a string value or an object with a string "value", got number`],
        [['dev-server', '--port', String(held.port), '--seed', notJson], `--seed: ${notJson} is not valid JSON`],
        [['dev-server', '--seed', path.join(dir, 'missing.json')], 'cannot read'],
        [['dev-server', '--port', 'eighty'], '--port: expected a port number (0-65535), got "eighty"'],
        [['dev-server', '--seed'], '--seed needs a value'],
        [['dev-server', '--verbose'], 'unknown option --verbose'],
        [['serve'], 'unknown command "serve" (expected: dev-server)'],
        [['dev-server', '--port', String(held.port)], `--port ${held.port}: the port is already in use`],
      ];
      for (const [args, message] of cases) {
        const r = await runNode([BIN, ...args]);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.ok(r.stderr.startsWith('infisical-sdk-native: '), r.stderr);
        assert.ok(r.stderr.includes(message), `${args.join(' ')}: ${r.stderr}`);
        assert.equal(r.stdout, '');
      }
      const help = await runNode([BIN, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Usage: infisical-sdk-native dev-server/);
    } finally {
      await held.release();
    }
  });
});
