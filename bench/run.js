#!/usr/bin/env node
'use strict'
// Benchmark suite (issue 5): this package against @infisical/sdk 5.0.2 (the
// official package), @infisical/sdk 2.3.5 (the previous native SDK) and the
// floor (bare node:http keep-alive and bare fetch), in one run, on the release
// build. See BENCHMARKS.md for what each section measures.
//
//   npm run bench                 full run (about 4-5 min), writes BENCHMARKS.md
//   npm run bench -- --quick      small counts (CI, < 60 s once a release build exists);
//                                 writes target/bench/BENCHMARKS.quick.md
// Options:
//   --quick                       small counts; never builds: without a fresh release
//                                 build it uses the binary at the repo root and says so
//   --no-build                    never run cargo; use target/release as it is
//   --binary <path>               benchmark this .node / .so instead
//   --only <a,b,...>              sections: load,cold,warm,exit,https,bun,serverless
//   --out <file>                  where to write the markdown (default: see above)
//   --env KEY=VALUE               extra environment for every client process (repeatable),
//                                 e.g. --env TOKIO_WORKER_THREADS=1
//   --from <results.json>         re-render the markdown from the raw results a run saved
//                                 (target/bench/results.json), without measuring
//   --baseline <dir> --baseline-binary <file>
//                                 instead of the suite: this build against another build of this
//                                 package (a checkout at <dir>, its release binary <file>), in one
//                                 run, on the rows a binding change can move (sequential getSecret,
//                                 1,000 concurrent getSecret of distinct names, listSecrets of
//                                 10,000 and its event-loop block); writes bench/BUILD-COMPARISON.md,
//                                 which full runs then include in BENCHMARKS.md
//
// The native binary: `cargo build --release --lib` (when target/release is
// missing or older than src/, Cargo.toml, Cargo.lock, build.rs), copied to
// target/bench/infisical-sdk.node and loaded through NAPI_RS_NATIVE_LIBRARY_PATH
// in every child, so the debug binary at the repo root is never touched.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync, spawnSync } = require('node:child_process')
const { performance } = require('node:perf_hooks')
const L = require('./lib')
const fx = require('./fixtures')
const { V2_DIR, ensureV2 } = require('./anchor')
const RT = require('./runtimes')
const { render, renderBuildComparison } = require('./report')

const ROOT = path.resolve(__dirname, '..')
const BENCH_DIR = path.join(ROOT, 'target', 'bench')
const t0Suite = performance.now()

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2)
const opt = { quick: false, build: true, binary: null, only: null, out: null, env: {}, from: null, baseline: null, baselineBinary: null }
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]
  if (a === '--quick') opt.quick = true
  else if (a === '--no-build') opt.build = false
  else if (a === '--binary') opt.binary = path.resolve(argv[++i])
  else if (a === '--only') opt.only = new Set(argv[++i].split(','))
  else if (a === '--out') opt.out = path.resolve(argv[++i])
  else if (a === '--from') opt.from = path.resolve(argv[++i])
  else if (a === '--baseline') opt.baseline = path.resolve(argv[++i])
  else if (a === '--baseline-binary') opt.baselineBinary = path.resolve(argv[++i])
  else if (a === '--env') {
    const kv = argv[++i]
    const eq = kv.indexOf('=')
    opt.env[kv.slice(0, eq)] = kv.slice(eq + 1)
  }
  else if (a === '--help' || a === '-h') {
    const lines = fs.readFileSync(__filename, 'utf8').split('\n').slice(2)
    process.stdout.write(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).join('\n') + '\n')
    process.exit(0)
  } else {
    console.error(`unknown option ${a}`)
    process.exit(2)
  }
}
if (!opt.baseline !== !opt.baselineBinary) {
  console.error('--baseline <dir> and --baseline-binary <file> go together')
  process.exit(2)
}
// --from: re-render the report from a saved results file, measuring nothing.
const saved = opt.from ? JSON.parse(fs.readFileSync(opt.from, 'utf8')) : null
if (saved) {
  opt.quick = saved.quick
  opt.env = saved.env || {}
}
const Q = opt.quick
const want = (s) => !opt.only || opt.only.has(s)
const outFile =
  opt.out ||
  (opt.baseline
    ? path.join(__dirname, 'BUILD-COMPARISON.md')
    : Q
      ? path.join(BENCH_DIR, 'BENCHMARKS.quick.md')
      : path.join(ROOT, 'BENCHMARKS.md'))

// Counts. Full: enough runs for stable medians on a noisy 2-core box; quick: CI smoke.
let C = Q
  ? {
      loadRuns: 8,
      coldRuns: 5,
      exitRuns: 5,
      seq: { rounds: 1, seconds: 1, windowMs: 250, warmup: 50 },
      conc: { 200: { batches: 5, warmupBatches: 1 }, 1000: { batches: 3, warmupBatches: 1 } },
      list: { 1: 20, 100: 20, 1000: 8, 10000: 3 },
      listRounds: 1,
      concRounds: 1,
      httpsSeq: { rounds: 1, seconds: 1, windowMs: 250, warmup: 50 },
      bun: { rounds: 1, calls: 200, warmup: 50 },
      serverless: { runs: 3 },
    }
  : {
      loadRuns: 30,
      coldRuns: 20,
      exitRuns: 15,
      seq: { rounds: 5, seconds: 3, windowMs: 500, warmup: 300 },
      conc: { 200: { batches: 30, warmupBatches: 2 }, 1000: { batches: 12, warmupBatches: 1 } },
      list: { 1: 300, 100: 200, 1000: 60, 10000: 15 },
      listRounds: 2,
      concRounds: 2,
      httpsSeq: { rounds: 5, seconds: 3, windowMs: 500, warmup: 300 },
      bun: { rounds: 7, calls: 1000, warmup: 300 },
      serverless: { runs: 20 },
    }

const log = (...a) => console.error('[bench]', ...a)

// ------------------------------------------------------------------ binary
function newestMtime(p) {
  let st
  try {
    st = fs.statSync(p)
  } catch {
    return 0
  }
  if (!st.isDirectory()) return st.mtimeMs
  let m = 0
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)))
  return m
}

function releaseState() {
  const so = path.join(ROOT, 'target', 'release', 'libinfisical_sdk_native.so')
  if (!fs.existsSync(so)) return { so, exists: false, fresh: false }
  const sources = Math.max(...['src', 'Cargo.toml', 'Cargo.lock', 'build.rs'].map((f) => newestMtime(path.join(ROOT, f))))
  return { so, exists: true, fresh: fs.statSync(so).mtimeMs >= sources }
}

function ensureBinary() {
  fs.mkdirSync(BENCH_DIR, { recursive: true })
  let src
  let kind
  const notes = []
  if (opt.binary) {
    src = opt.binary
    kind = 'given'
    notes.push(`binary given with --binary: ${path.relative(ROOT, src)}`)
  } else {
    let rel = releaseState()
    if (!rel.fresh && opt.build && !Q) {
      log(rel.exists ? 'release build is older than the sources: cargo build --release --lib' : 'no release build: cargo build --release --lib')
      const t = performance.now()
      const r = spawnSync('cargo', ['build', '--release', '--lib'], { cwd: ROOT, stdio: ['ignore', 2, 2] })
      if (r.status !== 0) {
        console.error('[bench] cargo build --release --lib failed; fix the build or pass --no-build / --binary')
        process.exit(1)
      }
      log(`release build done in ${((performance.now() - t) / 1000).toFixed(0)} s`)
      rel = releaseState()
    }
    const rootBinary = path.join(ROOT, 'infisical-sdk.linux-x64-gnu.node')
    if (rel.exists && (rel.fresh || !Q)) {
      src = rel.so
      kind = 'release'
      if (!rel.fresh) notes.push('release build is OLDER than the sources (--no-build): figures may not match the working tree')
    } else if (Q && fs.existsSync(rootBinary)) {
      src = rootBinary
      kind = 'repo-root'
      notes.push(
        `--quick without a fresh release build: using the binary at the repo root (${path.basename(rootBinary)}, ` +
          'normally the debug build of `npm run build:debug`); native figures are NOT release figures',
      )
    } else if (rel.exists) {
      src = rel.so
      kind = 'release (stale)'
      notes.push('release build is OLDER than the sources and no repo-root binary exists')
    } else {
      console.error('[bench] no native binary: run `cargo build --release --lib` (or npm run build:debug for --quick)')
      process.exit(1)
    }
  }
  const dest = path.join(BENCH_DIR, 'infisical-sdk.node')
  fs.copyFileSync(src, dest)
  const size = fs.statSync(dest).size
  // Confirm that children really load this copy.
  const probe = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(ROOT)}); process.stdout.write(String(require('fs').readFileSync('/proc/self/maps','utf8').includes(${JSON.stringify(dest)})))`],
    { env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: dest }, encoding: 'utf8' },
  )
  if (probe.status !== 0 || probe.stdout !== 'true') {
    console.error(`[bench] the package did not load ${dest} through NAPI_RS_NATIVE_LIBRARY_PATH:\n${probe.stderr}`)
    process.exit(1)
  }
  const mtime = new Date(fs.statSync(src).mtimeMs).toISOString()
  return { src, dest, kind, notes, size, mtime }
}

function rusageTool() {
  const bin = path.join(BENCH_DIR, 'rusage')
  const c = path.join(__dirname, 'rusage.c')
  try {
    if (!fs.existsSync(bin) || fs.statSync(bin).mtimeMs < fs.statSync(c).mtimeMs) {
      execFileSync('cc', ['-O2', '-o', bin, c], { stdio: 'ignore' })
    }
    return { kind: 'rusage', bin }
  } catch {
    return { kind: 'time', bin: '/usr/bin/time' }
  }
}

// ------------------------------------------------------------------ machine
function machine() {
  const cpus = os.cpus()
  let git = ''
  try {
    git = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'lib', 'index.js', 'index.mjs', 'loader.js', 'esm-bridge.cjs'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim()
    if (dirty) git += ' + uncommitted changes in src/ or lib/'
  } catch {}
  const pkgVersion = (p) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version
    } catch {
      return 'missing'
    }
  }
  return {
    cpu: cpus.length ? cpus[0].model : 'unknown',
    cores: cpus.length,
    ramGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    git,
    official: pkgVersion('@infisical/sdk'),
    v2: (() => {
      try {
        return JSON.parse(fs.readFileSync(path.join(V2_DIR, 'package.json'), 'utf8')).version
      } catch {
        return 'missing'
      }
    })(),
  }
}

// ------------------------------------------------------------------ server
class BenchServer {
  constructor(tlsConfig) {
    this.tlsConfig = tlsConfig
    this.pending = new Map()
    this.seq = 0
  }
  start() {
    return new Promise((resolve, reject) => {
      const args = this.tlsConfig ? [JSON.stringify(this.tlsConfig)] : []
      this.proc = L.fork(path.join(__dirname, 'server.js'), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      this.proc.on('message', (m) => {
        if (m.ready) {
          this.port = m.port
          this.url = `${this.tlsConfig ? 'https' : 'http'}://127.0.0.1:${m.port}`
          resolve(this)
        } else if (m.id !== undefined && this.pending.has(m.id)) {
          this.pending.get(m.id)(m)
          this.pending.delete(m.id)
        }
      })
      this.proc.on('error', reject)
      this.proc.on('exit', (code) => {
        if (!this.stopping) reject(new Error(`bench server exited (${code})`))
      })
    })
  }
  ask(cmd) {
    const id = ++this.seq
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.proc.send({ cmd, id })
    })
  }
  async stats() {
    return (await this.ask('stats')).stats
  }
  reset() {
    return this.ask('reset')
  }
  stop() {
    this.stopping = true
    this.proc.kill()
  }
}

/** Server load between two stats snapshots: CPU % of one core, requests. */
function serverDelta(a, b) {
  const cpu = (b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1000
  const wall = b.wall - a.wall
  return {
    cpuPct: (100 * cpu) / wall,
    requests: b.requests - a.requests,
    gets: b.routes.get - a.routes.get,
    lists: b.routes.list - a.routes.list,
    connections: b.connections - a.connections,
    handshakes: b.handshakes - a.handshakes,
  }
}

// ------------------------------------------------------------------ env
if (!saved) ensureV2()
const BIN = saved ? saved.binary : ensureBinary()
const RUSAGE = saved ? saved.rusage : rusageTool()
if (saved) C = saved.counts
const baseEnv = { ...process.env, ...opt.env, NAPI_RS_NATIVE_LIBRARY_PATH: BIN.dest }
delete baseEnv.NODE_EXTRA_CA_CERTS // adds ~40 ms to every node start here (napi-build-notes section 6)
delete baseEnv.NODE_OPTIONS

const CLIENT_LABEL = {
  ours: 'ours',
  official: '@infisical/sdk 5.0.2',
  v2: '@infisical/sdk 2.3.5',
  http: 'floor: node:http keep-alive',
  https: 'floor: node:https keep-alive',
  fetch: 'floor: fetch',
  'ours-cache': 'ours, cache option',
  'v2-cache': '@infisical/sdk 2.3.5, cacheTtl 300',
}
const WARM_CLIENTS = ['ours', 'official', 'v2', 'http', 'fetch']

// ------------------------------------------------------------------ measuring processes
/** Runs a command under the rusage helper: { wallMs, cpuMs, maxRssKb, code, stdout, stderr }. */
async function measured(args, env) {
  let r
  if (RUSAGE.kind === 'rusage') {
    r = await L.run(RUSAGE.bin, [process.execPath, ...args], { env, timeoutMs: 60000 })
    const m = /RUSAGE (\d+) (\d+) (\d+) (\d+) (-?\d+)\s*$/.exec(r.stderr)
    if (!m) return { code: 'no-rusage', stderr: r.stderr, stdout: r.stdout }
    return {
      wallMs: Number(m[1]) / 1000,
      cpuMs: (Number(m[2]) + Number(m[3])) / 1000,
      maxRssKb: Number(m[4]),
      code: Number(m[5]),
      stdout: r.stdout,
      stderr: r.stderr.slice(0, m.index),
    }
  }
  r = await L.run(RUSAGE.bin, ['-f', 'RUSAGE %e %U %S %M %x', process.execPath, ...args], { env, timeoutMs: 60000 })
  const m = /RUSAGE ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (-?\d+)\s*$/.exec(r.stderr)
  if (!m) return { code: 'no-rusage', stderr: r.stderr, stdout: r.stdout }
  return {
    wallMs: r.wallMs,
    cpuMs: (Number(m[2]) + Number(m[3])) * 1000,
    maxRssKb: Number(m[4]),
    code: Number(m[5]),
    stdout: r.stdout,
    stderr: r.stderr.slice(0, m.index),
  }
}

/** Forks child-warm.js for one client and row; brackets its window with server stats. */
function warmChild(server, cfg, env) {
  return new Promise((resolve) => {
    const child = L.fork(path.join(__dirname, 'child-warm.js'), [JSON.stringify(cfg)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.stdout.on('data', () => {})
    const marks = {}
    let result = null
    let error = null
    const timer = setTimeout(() => {
      error = 'timed out after 300 s'
      child.kill('SIGKILL')
    }, 300000)
    child.on('message', async (m) => {
      if (m.mark) {
        marks[m.mark] = await server.stats()
        child.send({ ack: m.id })
      } else if (m.result) result = m.result
      else if (m.error) error = m.error
    })
    child.on('exit', async (code) => {
      clearTimeout(timer)
      const after = await server.stats()
      if (!result && !error) error = `exited with ${code}: ${stderr.slice(-2000)}`
      resolve({
        cfg,
        result,
        error,
        server: marks.start && marks.end ? serverDelta(marks.start, marks.end) : null,
        serverTotal: after,
      })
    })
  })
}

// ------------------------------------------------------------------ sections
const R = {} // results

async function sectionLoad() {
  const ours = JSON.stringify(ROOT)
  const oursEsm = JSON.stringify(path.join(ROOT, 'index.mjs'))
  const off = JSON.stringify(path.join(ROOT, 'node_modules/@infisical/sdk'))
  const offEsm = JSON.stringify(path.join(ROOT, 'node_modules/@infisical/sdk/lib/esm/index.mjs'))
  const v2 = JSON.stringify(V2_DIR)
  const emptyMjs = path.join(BENCH_DIR, 'empty.mjs')
  fs.writeFileSync(emptyMjs, '')
  const cmds = [
    { id: 'ours-cjs', label: 'ours: `require`', args: ['-e', `require(${ours})`] },
    { id: 'ours-esm', label: 'ours: ESM `import`', args: ['--input-type=module', '-e', `import ${oursEsm}`] },
    { id: 'ours-new', label: 'ours: `require` + `new InfisicalSDK()`', args: ['-e', `new (require(${ours}).InfisicalSDK)()`] },
    { id: 'off-cjs', label: 'official 5.0.2: `require`', args: ['-e', `require(${off})`] },
    { id: 'off-esm', label: 'official 5.0.2: ESM `import`', args: ['--input-type=module', '-e', `import ${offEsm}`] },
    { id: 'off-new', label: 'official 5.0.2: `require` + `new InfisicalSDK()`', args: ['-e', `new (require(${off}).InfisicalSDK)()`] },
    { id: 'v2-cjs', label: '2.3.5: `require`', args: ['-e', `require(${v2})`] },
    { id: 'esm-0', label: '`node --input-type=module -e 0`', args: ['--input-type=module', '-e', '0'] },
    { id: 'esm-empty', label: "ESM `import` of an empty .mjs file (Node's own ESM file-loading cost)", args: ['--input-type=module', '-e', `import ${JSON.stringify(emptyMjs)}`] },
  ]
  const base = ['-e', '0']
  const data = Object.fromEntries(cmds.map((c) => [c.id, { pairs: [], errors: [] }]))
  const baseRuns = []
  // warm the page cache
  for (const c of cmds) await measured(c.args, baseEnv)
  for (let round = 0; round < C.loadRuns; round++) {
    for (const c of L.shuffle(cmds)) {
      const a = await measured(base, baseEnv)
      const b = await measured(c.args, baseEnv)
      if (a.code !== 0 || b.code !== 0) {
        data[c.id].errors.push((b.stderr || a.stderr || String(b.code)).slice(0, 500))
        continue
      }
      baseRuns.push(a)
      data[c.id].pairs.push([a, b])
    }
    log(`module load: round ${round + 1}/${C.loadRuns}`)
  }
  R.load = { cmds, data, baseRuns }
}

async function sectionCold(server) {
  const kinds = ['ours', 'official', 'v2', 'fetch', 'http']
  const env = { ...baseEnv, BENCH_URL: server.url }
  const data = Object.fromEntries(kinds.map((k) => [k, { runs: [], errors: [] }]))
  for (const k of kinds) await measured([path.join(__dirname, 'cold', `${k}.js`), 'cold'], env) // warm-up
  for (let round = 0; round < C.coldRuns; round++) {
    for (const k of L.shuffle(kinds)) {
      const r = await measured([path.join(__dirname, 'cold', `${k}.js`), 'cold'], env)
      if (r.code !== 0 || !/LAST [\d.]+ 100\b/.test(r.stdout)) {
        data[k].errors.push(`exit ${r.code}: ${(r.stderr || r.stdout).slice(0, 500)}`)
        continue
      }
      data[k].runs.push(r)
    }
  }
  log('cold path done')
  R.cold = { kinds, data }
}

async function sectionExit(server) {
  const kinds = ['ours', 'official', 'v2', 'http', 'fetch']
  const env = { ...baseEnv, BENCH_URL: server.url }
  const data = Object.fromEntries(kinds.map((k) => [k, { ms: [], errors: [] }]))
  for (let round = 0; round < C.exitRuns; round++) {
    for (const k of L.shuffle(kinds)) {
      const r = await L.runTimedExit([path.join(__dirname, 'cold', `${k}.js`), 'exit'], { env })
      const m = /LAST ([\d.]+) 20\b/.exec(r.stdout)
      if (r.code !== 0 || !m) {
        data[k].errors.push(`exit ${r.code}: ${(r.stderr || r.stdout).slice(0, 500)}`)
        continue
      }
      data[k].ms.push(r.exitAt - Number(m[1]))
    }
  }
  log('exit latency done')
  R.exit = { kinds, data }
}

async function runWarmRow(server, rowId, kinds, rounds, cfgFor, envFor) {
  const out = Object.fromEntries(kinds.map((k) => [k, []]))
  for (let round = 0; round < rounds; round++) {
    for (const k of L.shuffle(kinds)) {
      await server.reset()
      const r = await warmChild(server, { kind: k, url: server.url, ...cfgFor(k) }, envFor ? envFor(k) : baseEnv)
      if (r.error) log(`${rowId} ${k}: ${r.error.split('\n')[0]}`)
      out[k].push(r)
    }
  }
  log(`warm ${rowId} done`)
  return out
}

async function sectionWarm(server) {
  R.warm = {}
  R.warm.seq = await runWarmRow(server, 'seq', WARM_CLIENTS, C.seq.rounds, () => ({ row: 'seq', ...C.seq }))
  for (const n of [200, 1000]) {
    R.warm[`conc${n}`] = await runWarmRow(server, `conc${n}`, WARM_CLIENTS, C.concRounds, () => ({
      row: 'conc',
      concurrency: n,
      ...C.conc[n],
    }))
  }
  for (const n of fx.LIST_SIZES) {
    R.warm[`list${n}`] = await runWarmRow(server, `list${n}`, WARM_CLIENTS, C.listRounds, () => ({
      row: 'list',
      n,
      reps: C.list[n],
      warmup: n >= 10000 ? 2 : 3,
    }))
  }
  // Cached getSecret (hook for the cache option being added): present only if
  // the server sees fewer getSecret requests than the client makes.
  R.warm.cached = await runWarmRow(server, 'cached', ['ours-cache', 'v2-cache'], 1, () => ({ row: 'seq', ...C.seq, rounds: 1 }))
}

/** This build against another build of this package (--baseline), kinds interleaved in every round. */
async function sectionBuild(server) {
  const dest = path.join(BENCH_DIR, 'baseline.node')
  fs.copyFileSync(opt.baselineBinary, dest)
  const envFor = (k) =>
    k === 'baseline' ? { ...baseEnv, NAPI_RS_NATIVE_LIBRARY_PATH: dest, BENCH_BASELINE_DIR: opt.baseline } : baseEnv
  const kinds = ['ours', 'baseline']
  const rounds = Q ? 1 : 3
  const commit = (dir) => {
    try {
      return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    } catch {
      return 'unknown commit'
    }
  }
  R.build = { baseline: opt.baseline, baselineCommit: commit(opt.baseline), commit: commit(ROOT), rounds }
  R.build.seq = await runWarmRow(server, 'build seq', kinds, rounds * 2, () => ({ row: 'seq', ...C.seq }), envFor)
  R.build.conc1000 = await runWarmRow(server, 'build conc1000', kinds, rounds, () => ({
    row: 'conc',
    concurrency: 1000,
    distinct: true,
    ...C.conc[1000],
  }), envFor)
  R.build.list10000 = await runWarmRow(server, 'build list10000', kinds, rounds, () => ({
    row: 'list',
    n: 10000,
    reps: C.list[10000],
    warmup: 2,
  }), envFor)
}

function makeCA() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infisical-bench-tls-'))
  const sh = (args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'])
  sh(['req', '-x509', '-new', '-key', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Infisical bench CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'])
  sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server.key'])
  sh(['req', '-new', '-key', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'])
  fs.writeFileSync(
    path.join(dir, 'ext.cnf'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  )
  sh(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf'])
  return { dir, ca: path.join(dir, 'ca.pem'), key: path.join(dir, 'server.key'), cert: path.join(dir, 'server.pem') }
}

async function sectionHttps() {
  const ca = makeCA()
  const server = await new BenchServer({ key: ca.key, cert: ca.cert }).start()
  const caPem = fs.readFileSync(ca.ca, 'utf8')
  const kinds = ['ours', 'official', 'v2', 'http', 'fetch']
  const cfgFor = (k) => ({ row: 'seq', ...C.httpsSeq, ...(k === 'ours' ? { caPem } : {}) })
  // ours trusts the CA through its caCertificate option only; 2.3.5 through
  // SSL_CERT_FILE (rustls-native-certs); the others through NODE_EXTRA_CA_CERTS.
  const envFor = (k) =>
    k === 'ours' ? baseEnv : k === 'v2' ? { ...baseEnv, SSL_CERT_FILE: ca.ca } : { ...baseEnv, NODE_EXTRA_CA_CERTS: ca.ca }
  try {
    R.https = await runWarmRow(server, 'https seq', kinds, C.httpsSeq.rounds, cfgFor, envFor)
  } finally {
    server.stop()
    fs.rmSync(ca.dir, { recursive: true, force: true })
  }
}

// ------------------------------------------------------------------ main
;(async () => {
  const M = saved ? saved.machine : machine()
  if (saved) {
    Object.assign(R, saved.results)
  } else {
    M.loadStart = os.loadavg()
    log(`binary: ${BIN.kind} ${path.relative(ROOT, BIN.src)} -> ${path.relative(ROOT, BIN.dest)} (${(BIN.size / 1e6).toFixed(1)} MB)`)
    for (const n of BIN.notes) log(`NOTE: ${n}`)
    const server = await new BenchServer(null).start()
    log(`server ${server.url} (pid ${server.proc.pid})`)
    // The 1-min load average around each section: the machines are shared.
    R.loads = {}
    const timed = async (name, fn) => {
      const l0 = os.loadavg()[0]
      await fn()
      R.loads[name] = [l0, os.loadavg()[0]]
    }
    try {
      if (opt.baseline) {
        await timed('build', () => sectionBuild(server))
        opt.only = new Set() // nothing else
      }
      if (want('load')) await timed('load', sectionLoad)
      if (want('cold')) await timed('cold', () => sectionCold(server))
      if (want('warm')) await timed('warm', () => sectionWarm(server))
      if (want('exit')) await timed('exit', () => sectionExit(server))
      if (want('bun')) {
        const bunPath = require('../scripts/runtimes').runtimePath('bun') // `npm run runtimes` installs it
        await timed('bun', async () => (R.bun = await RT.sectionBun({ server, baseEnv, counts: C.bun, log, bunPath })))
      }
      if (want('serverless')) {
        await timed('serverless', async () => (R.serverless = await RT.sectionServerless({ server, baseEnv, counts: C.serverless, log, measured, benchDir: BENCH_DIR })))
      }
    } finally {
      server.stop()
    }
    if (want('https') && !opt.baseline) await timed('https', sectionHttps)
    M.loadEnd = os.loadavg()
    M.wallS = (performance.now() - t0Suite) / 1000
  }

  const { text, targets: T } = R.build
    ? renderBuildComparison({ R, M, BIN })
    : render({ R, C, BIN, M, RUSAGE, Q, opt, saved, CLIENT_LABEL, WARM_CLIENTS })
  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  fs.writeFileSync(outFile, text)
  // Raw per-process results, for digging into a figure later.
  if (!saved) {
    const rawFile = path.join(BENCH_DIR, `results${opt.baseline ? '.build' : ''}${Q ? '.quick' : ''}.json`)
    const raw = { quick: Q, env: opt.env, machine: M, binary: BIN, rusage: RUSAGE, counts: C, results: R, targets: T }
    fs.writeFileSync(rawFile, JSON.stringify(raw, null, 1))
    log(`raw results in ${path.relative(ROOT, rawFile)}`)
  }
  process.stdout.write(text)
  log(`written to ${path.relative(ROOT, outFile)}`)
})().catch((e) => {
  console.error(e)
  process.exit(1)
})
