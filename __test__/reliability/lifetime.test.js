'use strict';

// Process lifetime (issue 4): a process that made its last call exits on its own, promptly (no
// handle keeps the event loop alive); process.exit() with calls in flight is clean; 100,000
// sequential calls leave memory settled.

const test = require('node:test');
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const {
  PROJECT_ID: P,
  useFastEnv,
  watchProcess,
  startTestServer,
  runNode,
  childEnv,
} = require('./helpers');

useFastEnv({ retryMs: 10, timeoutMs: 2000 });
watchProcess();

const FIXTURES = path.join(__dirname, 'fixtures');
const RSS_CALLS = Number(process.env.RELIABILITY_RSS_CALLS || 100000);
let server;
before(async () => {
  server = await startTestServer();
  server.setSecret(P, 'dev', '/', 'A', 'value-a');
});
after(async () => {
  await server?.close();
});

async function exitLatency(which) {
  const run = await runNode(path.join(FIXTURES, 'exit-child.js'), [server.url, which], { timeoutMs: 20000 });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  const [line] = run.lines;
  assert.equal(line.value, 'value-a');
  return run.exitAt - line.lastResolvedAt;
}

test('lifetime: a process exits on its own within 500 ms of its last resolved call', async (t) => {
  const ours = [];
  for (let i = 0; i < 3; i++) ours.push(await exitLatency('ours'));
  const official = await exitLatency('official');
  t.diagnostic(`exit latency after the last resolved call: ours ${ours.join(', ')} ms; official ${official} ms`);
  for (const ms of ours) assert.ok(ms < 500, `exited ${ms} ms after its last call`);
});

test('lifetime: process.exit() with calls in flight exits cleanly (code 0, nothing on stderr)', async () => {
  server.injectFault({ type: 'hang' }, { times: 20, match: '/api/v3/secrets/raw/A' });
  const script = `
    const { InfisicalSDK } = require(${JSON.stringify(path.resolve(__dirname, '..', '..'))});
    (async () => {
      const sdk = new InfisicalSDK({ siteUrl: ${JSON.stringify(server.url)} });
      await sdk.auth().universalAuth.login({ clientId: 'test-client-id', clientSecret: 'test-client-secret' });
      for (let i = 0; i < 20; i++) sdk.secrets().getSecret({ projectId: '${P}', environment: 'dev', secretName: 'A' }).catch(() => {});
      setTimeout(() => process.exit(0), 100);
    })();`;
  const run = await runNode('-e', [script], { timeoutMs: 20000 });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.signal, null);
  assert.equal(run.stderr, '');
  server.clearFaults();
});

test(`lifetime: ${RSS_CALLS.toLocaleString('en-US')} sequential calls in a child process: RSS settles`, { timeout: 240000 }, async (t) => {
  const run = await runNode(path.join(FIXTURES, 'rss-child.js'), [String(RSS_CALLS), '5000'], {
    nodeArgs: ['--expose-gc'],
    env: childEnv({}),
    timeoutMs: 230000,
  });
  assert.equal(run.code, 0, run.stderr);
  const r = run.lines.at(-1);
  t.diagnostic(
    `${r.calls} sequential calls in ${r.ms} ms over ${r.connections} connection(s); RSS ${r.rssBeforeMB} MB after warm-up, ` +
      `${r.rssAfterMB} MB after (heap ${r.heapBeforeMB} -> ${r.heapAfterMB} MB)`,
  );
  assert.equal(r.wrong, 0, 'every call resolved with the right value');
  assert.ok(r.rssAfterMB - r.rssBeforeMB < 50, `RSS grew by ${(r.rssAfterMB - r.rssBeforeMB).toFixed(1)} MB`);
  assert.ok(r.heapAfterMB - r.heapBeforeMB < 10, 'the JS heap settles too');
});
