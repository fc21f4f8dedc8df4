#!/usr/bin/env node
'use strict';

// `npm run test:real`: the suites of __test__/real against a real Infisical server.
//
// Without configuration it starts the bundled server (../shared/real-infisical/setup.sh up, beside
// this repository), bootstraps it (bootstrap.mjs: super-admin, an org-admin machine identity), runs
// the suites and always stops the server again (setup.sh down), also on failure or Ctrl-C.
//
// With INFISICAL_REAL_SITE_URL, INFISICAL_REAL_CLIENT_ID and INFISICAL_REAL_CLIENT_SECRET set (an
// identity with the organisation Admin role on your own Infisical), it runs against that server and
// starts nothing. See README.md, "Testing against a real Infisical server".
//
// Options (environment): REALINF_HOME (the bundled server's home; default <os tmpdir>/real-infisical,
// reused by the next run), INFISICAL_REAL_SETUP_DIR (where setup.sh and bootstrap.mjs are; default
// ../shared/real-infisical from the repository root).

const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
/**
 * ../shared/real-infisical beside this checkout; for a clone made elsewhere (CI clones the project
 * into a scratch directory), the same place beside the checkout it was cloned from.
 */
function findSetupDir() {
  if (process.env.INFISICAL_REAL_SETUP_DIR) return path.resolve(ROOT, process.env.INFISICAL_REAL_SETUP_DIR);
  const relative = path.join('..', 'shared', 'real-infisical');
  const candidates = [path.resolve(ROOT, relative)];
  try {
    const origin = require('node:child_process')
      .execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim();
    if (origin && fs.existsSync(origin)) candidates.push(path.resolve(origin, relative));
  } catch {
    // no git or no origin: only the first place
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'setup.sh'))) || candidates[0];
}
const SETUP_DIR = findSetupDir();
const REALINF_HOME = process.env.REALINF_HOME || path.join(os.tmpdir(), 'real-infisical');
// every *.real.js here (a name `node --test __test__/` does not pick up), the 30 s lifecycle one first
const SUITES = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.real.js'))
  .sort((a, b) => (b === 'lifecycle.real.js') - (a === 'lifecycle.real.js') || a.localeCompare(b))
  .map((f) => path.join(__dirname, f));
// The whole run must end within 3 minutes; the suites get what is left after the server start.
const RUN_BUDGET_MS = 180_000;

const started = Date.now();
const log = (msg) => process.stderr.write(`[test:real ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

function run(cmd, args, { env, capture = false, timeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    });
    let out = '';
    if (capture) child.stdout.on('data', (d) => (out += d));
    let timer = null;
    if (timeoutMs) {
      timer = setTimeout(() => {
        log(`${path.basename(args[0] || cmd)} ran out of time (${Math.round(timeoutMs / 1000)} s): stopping it`);
        child.kill('SIGTERM');
      }, timeoutMs);
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code === null ? 1 : code, signal, out });
    });
  });
}

let bundledUp = false;
async function down() {
  if (!bundledUp) return;
  bundledUp = false;
  log('stopping the bundled server (setup.sh down)');
  await run('bash', [path.join(SETUP_DIR, 'setup.sh'), 'down'], { env: { REALINF_HOME } });
}

// Ctrl-C or a CI cancel: stop the server before leaving
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    down().finally(() => process.exit(130));
  });
}

async function startBundled() {
  const setup = path.join(SETUP_DIR, 'setup.sh');
  const bootstrap = path.join(SETUP_DIR, 'bootstrap.mjs');
  for (const f of [setup, bootstrap]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} not found: the bundled real server is missing (set INFISICAL_REAL_SETUP_DIR, or INFISICAL_REAL_SITE_URL and credentials for your own server)`);
  }
  log(`starting the bundled server (setup.sh up, REALINF_HOME=${REALINF_HOME})`);
  bundledUp = true; // from here on, always `down`, even when `up` fails halfway
  const up = await run('bash', [setup, 'up'], { env: { REALINF_HOME }, capture: true });
  if (up.code !== 0) throw new Error(`setup.sh up failed with exit code ${up.code} (see the lines above and ${REALINF_HOME}/run/*.log)`);
  const m = /INFISICAL_SITE_URL=(\S+)/.exec(up.out);
  if (!m) throw new Error(`setup.sh up printed no INFISICAL_SITE_URL: ${up.out.slice(0, 300)}`);
  const siteUrl = m[1];
  log(`server up at ${siteUrl}; bootstrapping`);
  const boot = await run('node', [bootstrap], { env: { REALINF_HOME, INFISICAL_SITE_URL: siteUrl }, capture: true });
  if (boot.code !== 0) throw new Error(`bootstrap.mjs failed with exit code ${boot.code}`);
  const creds = JSON.parse(boot.out.trim().split('\n').pop());
  if (!creds.clientId || !creds.projectId) throw new Error('bootstrap.mjs printed no credentials');
  // bootstrap.mjs keeps the org-admin identity it made on the first run in its state directory: the
  // suites create their projects and identities with it
  const stateFile = path.join(process.env.INFISICAL_STATE_DIR || path.join(REALINF_HOME, 'state'), 'admin-identity.json');
  const admin = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  return { siteUrl, clientId: admin.clientId, clientSecret: admin.clientSecret };
}

async function main() {
  let target;
  if (process.env.INFISICAL_REAL_SITE_URL) {
    const { INFISICAL_REAL_SITE_URL: siteUrl, INFISICAL_REAL_CLIENT_ID: clientId, INFISICAL_REAL_CLIENT_SECRET: clientSecret } = process.env;
    if (!clientId || !clientSecret) {
      throw new Error('INFISICAL_REAL_SITE_URL is set: INFISICAL_REAL_CLIENT_ID and INFISICAL_REAL_CLIENT_SECRET (an org-admin machine identity) are needed too');
    }
    log(`using your server at ${siteUrl} (the bundled server is not started)`);
    target = { siteUrl, clientId, clientSecret };
  } else {
    target = await startBundled();
  }

  const countsFile = path.join(os.tmpdir(), `infisical-real-counts-${process.pid}.jsonl`);
  fs.rmSync(countsFile, { force: true });
  const left = Math.max(30_000, RUN_BUDGET_MS - (Date.now() - started) - 10_000);
  log(`running ${SUITES.map((s) => path.relative(ROOT, s)).join(', ')}`);
  const res = await run(process.execPath, ['--test', '--test-concurrency=3', ...SUITES], {
    env: {
      INFISICAL_REAL_SITE_URL: target.siteUrl,
      INFISICAL_REAL_CLIENT_ID: target.clientId,
      INFISICAL_REAL_CLIENT_SECRET: target.clientSecret,
      INFISICAL_REAL_COUNTS_FILE: countsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    timeoutMs: left,
  });
  if (fs.existsSync(countsFile)) {
    const rows = fs.readFileSync(countsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const sum = {};
    for (const r of rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'number') sum[k] = (sum[k] || 0) + v;
    log(`steps: ${Object.entries(sum).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    fs.rmSync(countsFile, { force: true });
  }
  return res.code;
}

main()
  .then(
    (code) => code,
    (e) => {
      log(`FAILED: ${e.message}`);
      return 1;
    },
  )
  .then(async (code) => {
    await down();
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${code}`);
    process.exit(code);
  });
