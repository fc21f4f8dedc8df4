#!/usr/bin/env node
'use strict'
// Runs the whole Node test suite (every __test__/**/*.test.js, as `npm test`
// does after its build) on Node 20, 22 and 24 from the npm registry
// (scripts/runtimes.js; .ci/run installs them), except the major version of
// the `node` running this script, which ran `npm test` already.
// Usage: node scripts/test-node-versions.js [node20 node22 node24]

const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { runtimePath } = require('./runtimes')

const ROOT = path.resolve(__dirname, '..')
const current = `node${process.versions.node.split('.')[0]}`
const names = process.argv.slice(2).length ? process.argv.slice(2) : ['node20', 'node22', 'node24'].filter((n) => n !== current)
let failed = 0
for (const name of names) {
  const node = runtimePath(name)
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  console.log(`\n=== the Node test suite on ${version} (${name}) ===`)
  // PATH first: child processes that run `node` by name get this version too
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` }
  // Node 21+ takes glob patterns (a directory argument is read as a file); Node 20 searches a directory
  const files = Number(version.slice(1).split('.')[0]) >= 21 ? '__test__/**/*.test.js' : '__test__/'
  const r = spawnSync(node, ['--test', '--test-concurrency=4', files], { cwd: ROOT, env, stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`=== FAILED on ${version} (exit ${r.status ?? r.signal}) ===`)
    failed++
  }
}
process.exit(failed ? 1 : 0)
