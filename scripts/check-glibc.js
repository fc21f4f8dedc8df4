#!/usr/bin/env node
'use strict'
// The highest glibc symbol version each Linux binary requires, from its ELF
// version-needs section (`readelf -V`, binutils), against the floor README.md
// states ("linked against glibc 2.17"). Exits 1 when a binary needs a newer
// glibc than the floor, 2 on a usage or tool error. musl binaries need no
// GLIBC_ versions and pass.
//
//   node scripts/check-glibc.js [--max 2.17] [--json] <file.node>...
//
// Without --max the floor is read from README.md. release.yml runs it on each
// Linux binary right after the build.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const ROOT = path.resolve(__dirname, '..')

/** "2.17" -> [2, 17]; compares versions numerically. */
const parse = (v) => v.split('.').map(Number)
function compare(a, b) {
  const x = parse(a)
  const y = parse(b)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] || 0) - (y[i] || 0)
    if (d) return d
  }
  return 0
}

/** The glibc floor README.md states: "linked against glibc 2.17". */
function readmeFloor() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const m = /linked against glibc (\d+\.\d+)/.exec(readme)
  if (!m) throw new Error('README.md does not state "linked against glibc X.Y"')
  return m[1]
}

/** Every GLIBC_x.y version the file requires (sorted), from `readelf -V`. */
function glibcVersions(file) {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`)
  let out
  try {
    out = execFileSync('readelf', ['-V', '--wide', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    throw new Error(`readelf -V ${file} failed (is it an ELF file? binutils installed?): ${String(error.stderr || error.message).trim()}`)
  }
  // Only the version-needs section (".gnu.version_r"): "Name: GLIBC_2.34  Flags: none  Version: 7"
  const needs = out.slice(Math.max(0, out.indexOf('.gnu.version_r')))
  const versions = new Set()
  for (const m of needs.matchAll(/Name: GLIBC_(\d+(?:\.\d+)+)\b/g)) versions.add(m[1])
  return [...versions].sort(compare)
}

function check(files, max) {
  return files.map((file) => {
    const versions = glibcVersions(file)
    const highest = versions.length ? versions[versions.length - 1] : null
    return { file, highest, max, ok: highest === null || compare(highest, max) <= 0, above: versions.filter((v) => compare(v, max) > 0) }
  })
}

module.exports = { glibcVersions, check, compare, readmeFloor }

if (require.main === module) {
  const args = process.argv.slice(2)
  let max = null
  let json = false
  const files = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--max') max = args[++i]
    else if (args[i] === '--json') json = true
    else files.push(args[i])
  }
  let results
  try {
    if (!files.length) throw new Error('usage: node scripts/check-glibc.js [--max 2.17] [--json] <file.node>...')
    if (max === null) max = readmeFloor()
    if (!/^\d+\.\d+$/.test(max)) throw new Error(`--max ${max}: expected a version like 2.17`)
    results = check(files, max)
  } catch (error) {
    console.error(error.message)
    process.exit(2)
  }
  if (json) console.log(JSON.stringify(results))
  for (const r of results) {
    const line = r.highest === null ? `${r.file}: needs no GLIBC_ symbol versions (musl or static)` : `${r.file}: needs glibc ${r.highest}`
    if (r.ok) console.error(`${line} <= ${r.max}: OK`)
    else console.error(`${line}, above the floor ${r.max} (README.md); symbols from: GLIBC_${r.above.join(', GLIBC_')}`)
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1)
}
