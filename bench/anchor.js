'use strict'
// The second anchor, @infisical/sdk 2.3.5 (the previous native SDK), lives
// outside the project's dependencies: its optional per-platform packages are
// not all on the registry, which leaves any package-lock.json that lists it
// out of sync for `npm ci`. The bench installs it on first use into
// target/bench/anchor instead.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const ROOT = path.resolve(__dirname, '..')
const ANCHOR_ROOT = path.join(ROOT, 'target', 'bench', 'anchor')
const V2_DIR = path.join(ANCHOR_ROOT, 'node_modules', 'infisical-sdk-2')
const V2_SPEC = 'infisical-sdk-2@npm:@infisical/sdk@2.3.5'

/** Installs 2.3.5 into target/bench/anchor unless it is already there. */
function ensureV2() {
  if (fs.existsSync(path.join(V2_DIR, 'package.json'))) return
  fs.mkdirSync(ANCHOR_ROOT, { recursive: true })
  fs.writeFileSync(path.join(ANCHOR_ROOT, 'package.json'), '{"private":true}\n')
  console.error(`[bench] installing ${V2_SPEC} into ${path.relative(ROOT, ANCHOR_ROOT)}`)
  execFileSync('npm', ['install', '--prefix', ANCHOR_ROOT, '--no-audit', '--no-fund', '--no-package-lock', V2_SPEC], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

module.exports = { V2_DIR, ensureV2 }
