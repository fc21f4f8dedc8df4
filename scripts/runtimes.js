#!/usr/bin/env node
'use strict'
// The other JavaScript runtimes the package is tested on, from the npm
// registry, each installed into target/runtimes/<name> (not devDependencies:
// Deno has no npm build for musl or Windows arm64, and `npm ci` would fail
// there):
//
//   node scripts/runtimes.js install [name...]   install (all by default); a no-op when present
//   node scripts/runtimes.js path <name>         print the executable's path
//
// Tests never install (they only touch loopback): they call `runtimePath()`
// and fail with the install command when a runtime is missing. .ci/run installs.

const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const ROOT = path.resolve(__dirname, '..')
const DIR = path.join(ROOT, 'target', 'runtimes')
const EXE = process.platform === 'win32' ? '.exe' : ''

const RUNTIMES = {
  bun: { spec: 'bun@1.4.5', bin: ['node_modules/bun/bin/bun.exe'] },
  deno: { spec: 'deno@2.9.6', bin: [`node_modules/deno/deno${EXE}`] },
  node20: { spec: 'node@20.20.2', bin: ['node_modules/node/bin/node', 'node_modules/node/bin/node.exe'] },
  node22: { spec: 'node@22.23.3', bin: ['node_modules/node/bin/node', 'node_modules/node/bin/node.exe'] },
  node24: { spec: 'node@24.21.0', bin: ['node_modules/node/bin/node', 'node_modules/node/bin/node.exe'] },
}

function find(name) {
  const rt = RUNTIMES[name]
  if (!rt) throw new Error(`unknown runtime ${name} (known: ${Object.keys(RUNTIMES).join(', ')})`)
  const dir = path.join(DIR, name)
  // installed version must be the pinned one
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', rt.spec.split('@')[0], 'package.json'), 'utf8'))
    if (`${pkg.name}@${pkg.version}` !== rt.spec) return null
  } catch {
    return null
  }
  for (const b of rt.bin) if (fs.existsSync(path.join(dir, b))) return path.join(dir, b)
  return null
}

/** Path of an installed runtime's executable; throws with the install command when it is missing. */
function runtimePath(name) {
  const found = find(name)
  if (!found) {
    throw new Error(
      `${RUNTIMES[name] ? RUNTIMES[name].spec : name} is not installed in target/runtimes: run \`node scripts/runtimes.js install ${name}\` (.ci/run does)`,
    )
  }
  return found
}

function install(name) {
  if (find(name)) return runtimePath(name)
  const dir = path.join(DIR, name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `runtime-${name}`, private: true }) + '\n')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', RUNTIMES[name].spec], {
    cwd: dir,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  })
  if (r.status !== 0) throw new Error(`npm install ${RUNTIMES[name].spec} failed (exit ${r.status})`)
  return runtimePath(name)
}

module.exports = { RUNTIMES, runtimePath, install }

if (require.main === module) {
  const [cmd, ...names] = process.argv.slice(2)
  if (cmd === 'install') {
    for (const name of names.length ? names : Object.keys(RUNTIMES)) {
      const p = install(name)
      const v = spawnSync(p, ['--version'], { encoding: 'utf8' })
      console.log(`${name}: ${(v.stdout || '').trim().split('\n')[0]} (${path.relative(ROOT, p)})`)
    }
  } else if (cmd === 'path' && names.length === 1) {
    console.log(runtimePath(names[0]))
  } else {
    console.error('usage: node scripts/runtimes.js install [name...] | path <name>')
    process.exit(2)
  }
}
