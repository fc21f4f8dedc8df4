'use strict';

// worker_threads (issue 4): several workers load the addon at once and make calls; workers that
// exit (process.exit inside, terminate() from outside) while calls are in flight and whose
// responses arrive after they are gone. Each scenario runs in a child process that also uses the
// addon on its main thread (fixtures/worker-host.js): the child must not crash, must not hang, and
// its main thread must keep working. A child that crashes or hangs fails the test (it is killed
// after 20 s) instead of taking the test runner down.

const test = require('node:test');
const { before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { PROJECT_ID: P, watchProcess, startTestServer, runNode, childEnv } = require('./helpers');

watchProcess();

const HOST = path.join(__dirname, 'fixtures', 'worker-host.js');
let server;
before(async () => {
  server = await startTestServer();
  server.setSecret(P, 'dev', '/', 'A', 'value-a');
  server.setSecret(P, 'dev', '/', 'SLOW', 'value-slow');
  server.setSecret(P, 'dev', '/', 'HANG', 'value-hang');
  // answered 300 ms late, so in-flight calls outlive the workers that made them
  server.injectFault({ type: 'delay', ms: 300 }, { times: 1e9, match: '/api/v3/secrets/raw/SLOW' });
  server.injectFault({ type: 'hang' }, { times: 1e9, match: '/api/v3/secrets/raw/HANG' });
});
after(async () => {
  await server?.close();
});

async function scenario(name) {
  const run = await runNode(HOST, [server.url, name], {
    env: childEnv({ INFISICAL_SDK_RETRY_BASE_DELAY_MS: '10', INFISICAL_SDK_REQUEST_TIMEOUT_MS: '3000' }),
    timeoutMs: 20000,
  }).catch((error) => ({ hung: error.message }));
  assert.equal(run.hung, undefined, `the process hung: ${run.hung}`);
  assert.equal(run.signal, null, `the process died of ${run.signal}\n${run.stderr}`);
  assert.equal(run.code, 0, `exit code ${run.code}\n${run.stdout}\n${run.stderr}`);
  const result = run.lines.at(-1);
  assert.equal(result.ok, true, result.message);
  return result;
}

test('workers: 4 workers load the addon at the same time and make 100 calls each', async () => {
  await scenario('load-at-once');
});

test('workers: process.exit() in a worker while 50 calls are in flight (answers arrive after it is gone), 3 rounds', async () => {
  await scenario('exit-in-flight');
});

test('workers: worker.terminate() while 50 calls are in flight, 3 rounds', async () => {
  await scenario('terminate-in-flight');
});

test('workers: terminate() while calls wait on a server that never answers', async () => {
  await scenario('terminate-hanging');
});

test('workers: exiting during a login, and exiting without any call', async () => {
  await scenario('exit-during-login-and-idle');
});

test('workers: 20 short-lived workers in a row, half of them exiting with calls in flight', async () => {
  await scenario('short-lived');
});
