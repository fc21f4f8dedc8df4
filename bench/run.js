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

const ROOT = path.resolve(__dirname, '..')
const BENCH_DIR = path.join(ROOT, 'target', 'bench')
const t0Suite = performance.now()

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2)
const opt = { quick: false, build: true, binary: null, only: null, out: null, env: {}, from: null }
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]
  if (a === '--quick') opt.quick = true
  else if (a === '--no-build') opt.build = false
  else if (a === '--binary') opt.binary = path.resolve(argv[++i])
  else if (a === '--only') opt.only = new Set(argv[++i].split(','))
  else if (a === '--out') opt.out = path.resolve(argv[++i])
  else if (a === '--from') opt.from = path.resolve(argv[++i])
  else if (a === '--env') {
    const kv = argv[++i]
    const eq = kv.indexOf('=')
    opt.env[kv.slice(0, eq)] = kv.slice(eq + 1)
  }
  else if (a === '--help' || a === '-h') {
    process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(2, 26).join('\n') + '\n')
    process.exit(0)
  } else {
    console.error(`unknown option ${a}`)
    process.exit(2)
  }
}
// --from: re-render the report from a saved results file, measuring nothing.
const saved = opt.from ? JSON.parse(fs.readFileSync(opt.from, 'utf8')) : null
if (saved) {
  opt.quick = saved.quick
  opt.env = saved.env || {}
}
const Q = opt.quick
const want = (s) => !opt.only || opt.only.has(s)
const outFile = opt.out || (Q ? path.join(BENCH_DIR, 'BENCHMARKS.quick.md') : path.join(ROOT, 'BENCHMARKS.md'))

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

// ------------------------------------------------------------------ report
/** A line saying how loaded the machine was around a section. */
function loadNote(name) {
  const l = R.loads && R.loads[name]
  if (!l) return ''
  const cores = os.cpus().length || 1
  const busy = Math.max(...l) > cores
  return (
    `\n_1-min load average at the start / end of this section: ${l[0].toFixed(2)} / ${l[1].toFixed(2)}` +
    (busy ? ` (above the ${cores} cores: other work competed with this section, treat its figures with care)_\n` : '_\n')
  )
}

const pooled = (runs, f) => runs.flatMap((r) => (r.result ? [].concat(f(r.result)) : []))
const firstError = (runs) => (runs.find((r) => r.error) || {}).error

function reportLoad(md, T) {
  const { cmds, data, baseRuns } = R.load
  const b = {
    wall: L.summary(baseRuns.map((r) => r.wallMs)),
    cpu: L.summary(baseRuns.map((r) => r.cpuMs)),
    rss: L.summary(baseRuns.map((r) => r.maxRssKb / 1024)),
  }
  const rows = [['`node -e 0` (paired baseline, every run)', L.mmm(b.wall), '–', L.mmm(b.cpu), '–', L.mmm(b.rss, 1), '–']]
  const stat = {}
  for (const c of cmds) {
    const p = data[c.id].pairs
    if (!p.length) {
      rows.push([c.label, `error: ${(data[c.id].errors[0] || '').split('\n')[0]}`, '', '', '', '', ''])
      continue
    }
    const s = {
      wall: L.summary(p.map(([, x]) => x.wallMs)),
      dWall: L.summary(p.map(([a, x]) => x.wallMs - a.wallMs)),
      cpu: L.summary(p.map(([, x]) => x.cpuMs)),
      dCpu: L.summary(p.map(([a, x]) => x.cpuMs - a.cpuMs)),
      rss: L.summary(p.map(([, x]) => x.maxRssKb / 1024)),
      dRss: L.summary(p.map(([a, x]) => (x.maxRssKb - a.maxRssKb) / 1024)),
    }
    stat[c.id] = s
    rows.push([c.label, L.mmm(s.wall), L.mmm(s.dWall), L.mmm(s.cpu), L.mmm(s.dCpu), L.mmm(s.rss, 1), L.mmm(s.dRss, 1)])
  }
  md.push('## Module load (whole process)\n')
  md.push(
    `Each command runs as a whole \`node\` process right after a \`node -e 0\` (A B A B ..., order shuffled per round), ` +
      `${C.loadRuns} pairs per command; "+ over \`node -e 0\`" is the median of the per-pair differences. ` +
      `Wall, CPU (user + system) and peak RSS come from \`wait4()\` (${RUSAGE.kind === 'rusage' ? 'bench/rusage.c' : '/usr/bin/time'}). ` +
      '`NODE_EXTRA_CA_CERTS` is unset.\n',
  )
  md.push(L.table(['command', 'wall ms', '+ wall ms over `node -e 0`', 'CPU ms', '+ CPU ms', 'peak RSS MiB', '+ RSS MiB'], rows))
  md.push(loadNote('load'))
  const r = (a, bb, k) => (stat[a] && stat[bb] ? L.fmtRatio(L.ratio(stat[a][k].median, stat[bb][k].median)) : 'n/a')
  md.push(
    `\nRatios of the added cost (ours / official): require wall ${r('ours-cjs', 'off-cjs', 'dWall')}, ` +
      `ESM wall ${r('ours-esm', 'off-esm', 'dWall')}, require RSS ${r('ours-cjs', 'off-cjs', 'dRss')}, ` +
      `require CPU ${r('ours-cjs', 'off-cjs', 'dCpu')}; ours / 2.3.5 require wall ${r('ours-cjs', 'v2-cjs', 'dWall')}.` +
      (stat['ours-esm'] && stat['esm-empty']
        ? ` Ours ESM over an empty .mjs import: +${L.num(stat['ours-esm'].dWall.median - stat['esm-empty'].dWall.median)} ms.\n`
        : '\n'),
  )
  for (const [id, name] of [['ours-cjs', 'CJS `require`'], ['ours-esm', 'ESM `import`']]) {
    const s = stat[id]
    T.push({
      target: `Module load, ${name}: at most +10 ms wall over \`node -e 0\``,
      measured: s
        ? `+${L.num(s.dWall.median)} ms (official +${L.num((stat[id.replace('ours', 'off')] || {}).dWall?.median)} ms` +
          (id === 'ours-esm' && stat['esm-empty'] ? `; importing an empty .mjs alone: +${L.num(stat['esm-empty'].dWall.median)} ms)` : ')')
        : 'n/a',
      pass: s ? s.dWall.median <= 10 : null,
    })
  }
  for (const [id, name] of [['ours-cjs', 'CJS'], ['ours-esm', 'ESM']]) {
    const s = stat[id]
    const o = stat[id.replace('ours', 'off')]
    T.push({
      target: `Module load, ${name}: less RSS than the official package`,
      measured: s && o ? `+${L.num(s.dRss.median, 1)} MiB vs +${L.num(o.dRss.median, 1)} MiB (${L.fmtRatio(L.ratio(s.dRss.median, o.dRss.median))})` : 'n/a',
      pass: s && o ? s.dRss.median < o.dRss.median : null,
    })
  }
}

function reportCold(md, T) {
  const { kinds, data } = R.cold
  const stat = {}
  const rows = []
  for (const k of kinds) {
    const runs = data[k].runs
    if (!runs.length) {
      rows.push([CLIENT_LABEL[k], `error: ${(data[k].errors[0] || '').split('\n')[0]}`, '', ''])
      continue
    }
    stat[k] = {
      wall: L.summary(runs.map((r) => r.wallMs)),
      cpu: L.summary(runs.map((r) => r.cpuMs)),
      rss: L.summary(runs.map((r) => r.maxRssKb / 1024)),
    }
    rows.push([CLIENT_LABEL[k], L.mmm(stat[k].wall), L.mmm(stat[k].cpu), L.mmm(stat[k].rss, 1)])
  }
  const ratioRow = (label, b) =>
    rows.push([`**ours / ${label}**`, ...['wall', 'cpu', 'rss'].map((m) => (stat.ours && stat[b] ? L.fmtRatio(L.ratio(stat.ours[m].median, stat[b][m].median)) : 'n/a'))])
  ratioRow('official', 'official')
  ratioRow('floor (fetch)', 'fetch')
  ratioRow('floor (node:http)', 'http')
  ratioRow('2.3.5', 'v2')
  md.push('## Cold path (whole process: start, universal-auth login, listSecrets of 100 secrets, exit)\n')
  md.push(
    `${C.coldRuns} runs per client, interleaved in shuffled order; 2.3.5 logs in lazily inside its first call. ` +
      'Scripts: `bench/cold/*.js` (mode `cold`). `NODE_EXTRA_CA_CERTS` is unset.\n',
  )
  md.push(L.table(['client', 'wall ms', 'CPU ms', 'peak RSS MiB'], rows))
  md.push(loadNote('cold'))
  const r = stat.ours && stat.official ? L.ratio(stat.ours.wall.median, stat.official.wall.median) : NaN
  T.push({
    target: 'Cold path: at most 0.75x the official package',
    measured: `${L.fmtRatio(r)} (${L.num(stat.ours?.wall.median)} vs ${L.num(stat.official?.wall.median)} ms; fetch floor ${L.num(stat.fetch?.wall.median)} ms)`,
    pass: Number.isFinite(r) ? r <= 0.75 : null,
  })
}

function seqStats(runs) {
  if (!runs.some((r) => r.result)) return null
  return {
    rate: L.summary(pooled(runs, (x) => x.windows)),
    p50: L.median(pooled(runs, (x) => x.latencyMs.p50)),
    p99: L.median(pooled(runs, (x) => x.latencyMs.p99)),
    cpu: L.median(pooled(runs, (x) => x.cpuUsPerCall)),
    ctx: L.median(pooled(runs, (x) => x.ctxPerCall)),
    threads: L.median(pooled(runs, (x) => x.threads)),
    rss: L.summary(pooled(runs, (x) => x.maxRssKb / 1024)),
    srv: L.median(runs.filter((r) => r.server).map((r) => r.server.cpuPct)),
    calls: pooled(runs, (x) => x.calls).reduce((a, b) => a + b, 0),
    serverGets: runs.filter((r) => r.server).reduce((a, r) => a + r.server.gets, 0),
  }
}

function reportWarm(md, T) {
  const W = R.warm
  const rssRatios = []
  // --- sequential
  const seq = Object.fromEntries(WARM_CLIENTS.map((k) => [k, seqStats(W.seq[k])]))
  const rows = WARM_CLIENTS.map((k) => {
    const s = seq[k]
    if (!s) return [CLIENT_LABEL[k], `error: ${(firstError(W.seq[k]) || '').split('\n')[0]}`, '', '', '', '', '', '']
    return [CLIENT_LABEL[k], L.mmm(s.rate, 0), `${L.num(s.p50, 3)} / ${L.num(s.p99, 3)}`, L.num(s.cpu, 0), `${L.num(s.ctx, 1)} (${L.num(s.threads, 0)})`, L.mmm(s.rss, 1), L.num(s.srv, 0)]
  })
  const rr = (b) => (seq.ours && seq[b] ? L.fmtRatio(L.ratio(seq.ours.rate.median, seq[b].rate.median)) : 'n/a')
  const rrss = (b) => (seq.ours && seq[b] ? L.fmtRatio(L.ratio(seq.ours.rss.median, seq[b].rss.median)) : 'n/a')
  const rcpu = (b) => (seq.ours && seq[b] ? L.fmtRatio(L.ratio(seq.ours.cpu, seq[b].cpu)) : 'n/a')
  for (const [label, b] of [['official', 'official'], ['floor (node:http)', 'http'], ['floor (fetch)', 'fetch'], ['2.3.5', 'v2']]) {
    rows.push([`**ours / ${label}**`, rr(b), '', rcpu(b), '', rrss(b), ''])
  }
  md.push('## Warm path (one process per client and row, after login and warm-up)\n')
  md.push(loadNote('warm'))
  md.push('### Sequential getSecret\n')
  md.push(
    `${C.seq.rounds} process(es) per client, each ${C.seq.seconds} s after ${C.seq.warmup} warm-up calls; calls/s is the median [min–max] ` +
      `over ${C.seq.windowMs} ms windows pooled across processes. Latency percentiles per call; client CPU is user + system of the ` +
      'whole process (all threads) per call; context switches per call are summed over all threads of the client from ' +
      '/proc/self/task/*/status (thread count in parentheses); peak RSS is getrusage maxRSS of the process; server CPU is % of one core ' +
      'during the measured window (the server is single-threaded: near 100 % would mean it is the bottleneck).\n',
  )
  md.push(L.table(['client', 'calls/s', 'latency p50 / p99 ms', 'client CPU µs/call', 'context switches/call (threads)', 'peak RSS MiB', 'server CPU %'], rows))
  if (seq.ours && seq.official) {
    const r = L.ratio(seq.ours.rate.median, seq.official.rate.median)
    T.push({ target: 'Sequential getSecret: at least 2x the official rate', measured: `${L.fmtRatio(r)} (${L.num(seq.ours.rate.median, 0)} vs ${L.num(seq.official.rate.median, 0)} calls/s)`, pass: r >= 2 })
  }
  if (seq.ours && seq.http) {
    const r = L.ratio(seq.ours.rate.median, seq.http.rate.median)
    T.push({ target: 'Sequential getSecret: at least 0.9x the bare node:http keep-alive loop', measured: `${L.fmtRatio(r)} (${L.num(seq.ours.rate.median, 0)} vs ${L.num(seq.http.rate.median, 0)} calls/s)`, pass: r >= 0.9 })
  }
  R.serverCheck = seq.http ? seq.http.srv : NaN
  for (const k of WARM_CLIENTS) if (seq[k] && seq.official) rssRatios.push(['sequential getSecret', k, seq[k].rss.median, seq.official.rss.median])

  // --- concurrent
  md.push('\n### Concurrent getSecret (wall time per batch)\n')
  md.push(
    `Batches of 200 (${C.conc[200].batches} per process) and 1,000 (${C.conc[1000].batches} per process) concurrent calls after ` +
      `${C.conc[200].warmupBatches} warm-up batch(es), ${C.concRounds} process(es) per client; ms per batch, median [min–max]. ` +
      '"connections" = TCP connections the server accepted during the measured batches (the default node:http Agent keeps at most ' +
      '256 idle sockets, so it reconnects part of every 1,000 batch).\n',
  )
  const conc = {}
  for (const n of [200, 1000]) {
    const crow = []
    for (const k of WARM_CLIENTS) {
      const runs = W[`conc${n}`][k]
      const ok = runs.some((r) => r.result)
      const c = (conc[`${k}${n}`] = ok
        ? {
            ms: L.summary(pooled(runs, (x) => x.ms)),
            rss: L.summary(pooled(runs, (x) => x.maxRssKb / 1024)),
            cpu: L.median(pooled(runs, (x) => x.cpuUsPerCall)),
            srv: L.median(runs.filter((r) => r.server).map((r) => r.server.cpuPct)),
            conns: L.median(runs.filter((r) => r.server).map((r) => r.server.connections)),
          }
        : null)
      if (c) crow.push([CLIENT_LABEL[k], L.mmm(c.ms), L.num(c.cpu, 0), L.mmm(c.rss, 1), L.num(c.conns, 0), L.num(c.srv, 0)])
      else crow.push([CLIENT_LABEL[k], `error: ${(firstError(runs) || '').split('\n')[0]}`, '', '', '', ''])
    }
    for (const [label, b] of [['official', 'official'], ['floor (node:http)', 'http'], ['floor (fetch)', 'fetch'], ['2.3.5', 'v2']]) {
      const a = conc[`ours${n}`]
      const o = conc[`${b}${n}`]
      crow.push([
        `**ours / ${label}**`,
        a && o ? L.fmtRatio(L.ratio(a.ms.median, o.ms.median)) : 'n/a',
        a && o ? L.fmtRatio(L.ratio(a.cpu, o.cpu)) : 'n/a',
        a && o ? L.fmtRatio(L.ratio(a.rss.median, o.rss.median)) : 'n/a',
        '',
        '',
      ])
    }
    md.push(`\n**${n.toLocaleString('en-US')} concurrent**\n`)
    md.push(L.table(['client', 'ms per batch', 'client CPU µs/call', 'peak RSS MiB', 'connections', 'server CPU %'], crow))
  }
  if (conc.ours1000 && conc.http1000) {
    const r = L.ratio(conc.ours1000.ms.median, conc.http1000.ms.median)
    T.push({ target: '1,000 concurrent getSecret: within 1.1x of the bare node:http wall time', measured: `${L.fmtRatio(r)} (${L.num(conc.ours1000.ms.median)} vs ${L.num(conc.http1000.ms.median)} ms)`, pass: r <= 1.1 })
  }
  for (const n of [200, 1000]) for (const k of WARM_CLIENTS) if (conc[`${k}${n}`] && conc[`official${n}`]) rssRatios.push([`${n} concurrent getSecret`, k, conc[`${k}${n}`].rss.median, conc[`official${n}`].rss.median])

  // --- lists
  md.push('\n### listSecrets (ms per call)\n')
  md.push(
    `Lists of 1, 100, 1,000 and 10,000 secrets (${fx.SECRET_BYTES} bytes of JSON each: 10,000 = ${(fx.SECRET_BYTES * 10000 / 1e6).toFixed(1)} MB); ` +
      `${Object.entries(C.list).map(([n, r]) => `${r} calls for ${n}`).join(', ')}, per process, ${C.listRounds} process(es) per client; ` +
      'median [min–max] of the per-call times. Peak RSS is the process maxRSS during that row.\n',
  )
  const lst = {}
  const lrow = []
  for (const k of WARM_CLIENTS) {
    const cells = [CLIENT_LABEL[k]]
    for (const n of fx.LIST_SIZES) {
      const runs = W[`list${n}`][k]
      const ok = runs.some((r) => r.result)
      lst[`${k}${n}`] = ok ? { ms: L.summary(pooled(runs, (x) => x.ms)), rss: L.summary(pooled(runs, (x) => x.maxRssKb / 1024)) } : null
      cells.push(ok ? L.mmm(lst[`${k}${n}`].ms) : `error: ${(firstError(runs) || '').split('\n')[0].slice(0, 120)}`)
    }
    for (const n of fx.LIST_SIZES) cells.push(lst[`${k}${n}`] ? L.num(lst[`${k}${n}`].rss.median, 0) : 'n/a')
    lrow.push(cells)
  }
  for (const [label, b] of [['official', 'official'], ['floor (node:http)', 'http'], ['floor (fetch)', 'fetch'], ['2.3.5', 'v2']]) {
    const cells = [`**ours / ${label}**`]
    for (const n of fx.LIST_SIZES) cells.push(lst[`ours${n}`] && lst[`${b}${n}`] ? L.fmtRatio(L.ratio(lst[`ours${n}`].ms.median, lst[`${b}${n}`].ms.median)) : 'n/a')
    for (const n of fx.LIST_SIZES) cells.push(lst[`ours${n}`] && lst[`${b}${n}`] ? L.fmtRatio(L.ratio(lst[`ours${n}`].rss.median, lst[`${b}${n}`].rss.median)) : 'n/a')
    lrow.push(cells)
  }
  md.push(L.table(['client', ...fx.LIST_SIZES.map((n) => `${n.toLocaleString('en-US')}: ms`), ...fx.LIST_SIZES.map((n) => `${n.toLocaleString('en-US')}: peak RSS MiB`)], lrow))
  if (lst.ours10000 && lst.official10000) {
    const r = L.ratio(lst.ours10000.ms.median, lst.official10000.ms.median)
    T.push({ target: 'listSecrets of 10,000: at most 0.85x the official time per call', measured: `${L.fmtRatio(r)} (${L.num(lst.ours10000.ms.median)} vs ${L.num(lst.official10000.ms.median)} ms; node:http floor ${L.num(lst.http10000?.ms.median)} ms)`, pass: r <= 0.85 })
  }
  for (const n of fx.LIST_SIZES) for (const k of WARM_CLIENTS) if (lst[`${k}${n}`] && lst[`official${n}`]) rssRatios.push([`listSecrets ${n}`, k, lst[`${k}${n}`].rss.median, lst[`official${n}`].rss.median])

  // --- event-loop blocking
  md.push('\n### Event-loop blocking during listSecrets of 10,000\n')
  md.push(
    'Longest gap between ticks of a 1 ms `setInterval` during each call (median [min–max] over calls), and the max of ' +
      '`perf_hooks.monitorEventLoopDelay` over the row. Reference: a bare `JSON.parse` of the same 6.8 MB body in the same ' +
      'process, observed the same way, and its own duration.\n',
  )
  const brow = []
  const blk = {}
  const refGap = L.summary(WARM_CLIENTS.flatMap((k) => pooled(W.list10000[k], (x) => x.refParseGapMs || [])))
  const refParse = L.summary(WARM_CLIENTS.flatMap((k) => pooled(W.list10000[k], (x) => x.refParseMs || [])))
  for (const k of WARM_CLIENTS) {
    const runs = W.list10000[k]
    if (!runs.some((r) => r.result)) {
      brow.push([CLIENT_LABEL[k], 'n/a', 'n/a', 'n/a'])
      continue
    }
    blk[k] = { gap: L.summary(pooled(runs, (x) => x.gapMs)), hist: L.median(pooled(runs, (x) => x.histMaxMs)) }
    brow.push([CLIENT_LABEL[k], L.mmm(blk[k].gap), L.num(blk[k].hist), L.fmtRatio(L.ratio(blk[k].gap.median, refGap.median))])
  }
  brow.push(['reference: bare `JSON.parse` of the body', L.mmm(refGap), '–', '1.00x'])
  md.push(L.table(['client', 'longest gap per call, ms', 'monitorEventLoopDelay max, ms', 'gap / bare JSON.parse gap'], brow))
  md.push(`\nThe bare \`JSON.parse\` itself takes ${L.mmm(refParse)} ms.\n`)
  if (blk.ours) {
    const r = L.ratio(blk.ours.gap.median, refGap.median)
    T.push({
      target: 'Event loop during listSecrets of 10,000: blocked no longer than the final JSON.parse needs (here: ≤ 1.25x the gap of a bare JSON.parse of the same body)',
      measured: `${L.fmtRatio(r)} (${L.num(blk.ours.gap.median)} vs ${L.num(refGap.median)} ms; official ${L.num(blk.official?.gap.median)} ms, 2.3.5 ${L.num(blk.v2?.gap.median)} ms)`,
      pass: r <= 1.25,
    })
  }

  // --- RSS target
  md.push('\n### Client peak RSS per warm-path row (process maxRSS, MiB)\n')
  const byRow = new Map()
  for (const [row, k, v, off] of rssRatios) {
    if (!byRow.has(row)) byRow.set(row, { off })
    byRow.get(row)[k] = v
  }
  // The same rows' peak of process.memoryUsage().rss sampled every 10 ms (misses spikes inside long synchronous work).
  const rowRuns = (row) =>
    row === 'sequential getSecret' ? W.seq : row.endsWith('concurrent getSecret') ? W[`conc${parseInt(row, 10)}`] : W[`list${row.split(' ')[1]}`]
  const sampled = (row, k) => L.median(pooled((rowRuns(row) || {})[k] || [], (x) => x.peakRss / L.MiB))
  const rssRows = [...byRow].map(([row, v]) => [
    row,
    L.num(v.ours, 1),
    L.num(v.off, 1),
    L.num(v.http, 1),
    L.num(v.v2, 1),
    L.fmtRatio(v.ours / v.off),
    L.fmtRatio(v.http / v.off),
    `${L.num(sampled(row, 'ours'), 1)} / ${L.num(sampled(row, 'official'), 1)}`,
  ])
  md.push(
    'maxRSS (getrusage) of each row\'s process, median over its processes; the last column is the peak of ' +
      '`process.memoryUsage().rss` sampled every 10 ms (it misses spikes inside long synchronous work).\n',
  )
  md.push(L.table(['row', 'ours', 'official', 'floor (node:http)', '2.3.5', 'ours / official', 'floor (node:http) / official', 'sampled peak: ours / official'], rssRows))
  const oursRows = [...byRow].filter(([, v]) => Number.isFinite(v.ours) && Number.isFinite(v.off))
  if (oursRows.length) {
    const worst = oursRows.reduce((w, x) => (x[1].ours / x[1].off > w[1].ours / w[1].off ? x : w))
    const getRows = oursRows.filter(([row]) => /getSecret/.test(row))
    const worstGet = getRows.length ? Math.max(...getRows.map(([, v]) => v.ours / v.off)) : NaN
    const r = worst[1].ours / worst[1].off
    T.push({
      target: 'Client peak RSS in the warm-path runs: at most 0.6x the official package (worst row)',
      measured:
        `${L.fmtRatio(r)} worst (${worst[0]}: ${L.num(worst[1].ours, 1)} vs ${L.num(worst[1].off, 1)} MiB; the node:http floor is ` +
        `${L.fmtRatio(worst[1].http / worst[1].off)} there); getSecret rows: at most ${L.fmtRatio(worstGet)}`,
      pass: r <= 0.6,
    })
  }

  // --- cached
  md.push('\n### Cached getSecret (informative)\n')
  const cr = []
  for (const k of ['ours-cache', 'v2-cache']) {
    const runs = W.cached[k]
    const s = seqStats(runs)
    if (!s) {
      cr.push([CLIENT_LABEL[k], `not available: ${(firstError(runs) || '').split('\n')[0].slice(0, 160)}`, '', '', ''])
      continue
    }
    const hitServer = s.serverGets / Math.max(1, s.calls)
    if (hitServer > 0.5) {
      cr.push([CLIENT_LABEL[k], `not available: ${(100 * hitServer).toFixed(0)} % of the calls reached the server (no cache)`, '', '', ''])
      continue
    }
    cr.push([CLIENT_LABEL[k], L.mmm(s.rate, 0), `${L.num(s.p50, 4)} / ${L.num(s.p99, 4)}`, L.num(s.cpu, 1), `${s.serverGets} of ${s.calls}`])
  }
  md.push(
    'Sequential getSecret of one name with a cache (ours: the `cache: { ttlSeconds: 300, maxEntries: 10000 }` option, detected by ' +
      'counting the requests that reach the server; 2.3.5: `cacheTtl: 300`).\n',
  )
  md.push(L.table(['client', 'calls/s', 'latency p50 / p99 ms', 'client CPU µs/call', 'requests that reached the server'], cr))
}

function reportExit(md, T) {
  const { kinds, data } = R.exit
  const rows = []
  const s = {}
  for (const k of kinds) {
    if (!data[k].ms.length) {
      rows.push([CLIENT_LABEL[k], `error: ${(data[k].errors[0] || '').split('\n')[0]}`])
      continue
    }
    s[k] = L.summary(data[k].ms)
    rows.push([CLIENT_LABEL[k], L.mmm(s[k])])
  }
  md.push('## Exit latency\n')
  md.push(
    `Login, 20 sequential getSecret, then nothing (the process exits on its own). The child prints ` +
      '`performance.timeOrigin + performance.now()` when its last call resolves; the parent takes the same clock on the ' +
      `child's \`exit\` event. ${C.exitRuns} runs per client, ms, median [min–max]. The node:http floor shows the cost of the measurement itself.\n`,
  )
  md.push(L.table(['client', 'ms from last resolve to exit'], rows))
  md.push(loadNote('exit'))
  if (s.ours) {
    T.push({ target: 'Exit latency: under 10 ms', measured: `${L.num(s.ours.median)} ms (official ${L.num(s.official?.median)} ms, node:http floor ${L.num(s.http?.median)} ms)`, pass: s.ours.median < 10 })
  }
}

function reportHttps(md, T) {
  const kinds = ['ours', 'official', 'v2', 'http', 'fetch']
  const rows = []
  const s = {}
  for (const k of kinds) {
    const runs = R.https[k]
    const st = seqStats(runs)
    if (!st) {
      rows.push([k === 'http' ? CLIENT_LABEL.https : CLIENT_LABEL[k], `error: ${(firstError(runs) || '').split('\n')[0].slice(0, 160)}`, '', '', '', '', '', ''])
      continue
    }
    const totals = runs.filter((r) => r.result).map((r) => r.serverTotal)
    const hs = totals.reduce((a, t) => a + t.handshakes, 0)
    const conns = totals.reduce((a, t) => a + t.connections, 0)
    const reqs = totals.reduce((a, t) => a + t.requests, 0)
    st.handshakes = hs
    st.connections = conns
    st.requests = reqs
    s[k] = st
    rows.push([
      k === 'http' ? CLIENT_LABEL.https : CLIENT_LABEL[k],
      L.mmm(st.rate, 0),
      `${L.num(st.p50, 3)} / ${L.num(st.p99, 3)}`,
      L.num(st.cpu, 0),
      L.num(st.ctx, 1),
      L.num(st.srv, 0),
      `${hs} / ${conns} / ${reqs}`,
      (hs / reqs).toFixed(4),
    ])
  }
  const rr = (b) => (s.ours && s[b] ? L.fmtRatio(L.ratio(s.ours.rate.median, s[b].rate.median)) : 'n/a')
  for (const [label, b] of [['official', 'official'], ['floor (node:https)', 'http'], ['floor (fetch)', 'fetch'], ['2.3.5', 'v2']]) {
    rows.push([`**ours / ${label}**`, rr(b), '', s.ours && s[b] ? L.fmtRatio(L.ratio(s.ours.cpu, s[b].cpu)) : 'n/a', '', '', '', ''])
  }
  md.push('## HTTPS: sequential getSecret through a TLS front\n')
  md.push(
    'The same server over TLS (node:tls, self-signed P-256 CA made with `openssl` at bench time). Ours trusts it through the ' +
      '`caCertificate` option (and runs with `NODE_EXTRA_CA_CERTS` unset); official, fetch and node:https through ' +
      '`NODE_EXTRA_CA_CERTS`; 2.3.5 through `SSL_CERT_FILE` (its `sslCertificatePath` option did not make it trust the CA). Handshakes are counted on the server ' +
      `(\`secureConnection\`) over each whole client process (login and warm-up included). ${C.httpsSeq.rounds} process(es) per client, ` +
      `${C.httpsSeq.seconds} s each.\n`,
  )
  md.push(L.table(['client', 'calls/s', 'latency p50 / p99 ms', 'client CPU µs/call', 'context switches/call', 'server CPU %', 'TLS handshakes / TCP connections / requests', 'handshakes per request'], rows))
  md.push(loadNote('https'))
  if (s.ours && s.official) {
    const r = L.ratio(s.ours.rate.median, s.official.rate.median)
    T.push({ target: 'HTTPS sequential getSecret: at least 2x the official rate', measured: `${L.fmtRatio(r)} (${L.num(s.ours.rate.median, 0)} vs ${L.num(s.official.rate.median, 0)} calls/s; 2.3.5 ${L.num(s.v2?.rate.median, 0)})`, pass: r >= 2 })
  }
  if (s.ours) {
    const ok = s.ours.handshakes === s.ours.connections && s.ours.handshakes / s.ours.requests < 0.01
    T.push({ target: 'HTTPS: one TLS handshake per connection, not per request', measured: `${s.ours.handshakes} handshakes, ${s.ours.connections} connections, ${s.ours.requests} requests (${(s.ours.handshakes / s.ours.requests).toFixed(4)} per request)`, pass: ok })
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
    if (want('https')) await timed('https', sectionHttps)
    M.loadEnd = os.loadavg()
    M.wallS = (performance.now() - t0Suite) / 1000
  }

  const md = []
  const T = []
  md.push(`# Benchmarks${Q ? ' (quick mode: small counts, smoke test only)' : ''}\n`)
  md.push(
    'Generated by `npm run bench` (bench/run.js); ours = this package, official = `@infisical/sdk` 5.0.2, ' +
      '2.3.5 = `@infisical/sdk` 2.3.5 (previous native SDK), floor = bare `node:http` keep-alive / bare `fetch`. ' +
      'The server is `bench/server.js`, a fixed-response HTTP/1.1 responder in its own process (pre-serialized bodies, keep-alive).\n',
  )
  md.push(L.table(['', ''], [
    ['date', M.date],
    ['machine', `${M.cpu}, ${M.cores} cores, ${M.ramGiB.toFixed(1)} GiB RAM, ${M.kernel}`],
    ['node', M.node],
    ['commit', M.git || 'n/a'],
    ['native binary', `${BIN.kind}: \`${path.relative(ROOT, BIN.src)}\` (${(BIN.size / 1e6).toFixed(1)} MB, built ${BIN.mtime}), loaded via \`NAPI_RS_NATIVE_LIBRARY_PATH\``],
    ['packages', `@infisical/sdk ${M.official}, infisical-sdk-2 (@infisical/sdk) ${M.v2}`],
    ['mode', Q ? '--quick' : 'full'],
    ['load average (1/5/15 min) at start / end', `${M.loadStart.map((x) => x.toFixed(2)).join(' ')} / ${M.loadEnd.map((x) => x.toFixed(2)).join(' ')}`],
    ...(Object.keys(opt.env).length ? [['extra client env', Object.entries(opt.env).map(([k, v]) => `${k}=${v}`).join(' ')]] : []),
  ]))
  for (const n of BIN.notes) md.push(`\n> **Note:** ${n}`)
  md.push(
    '\nHow to run: `npm run bench` (full, about 4–5 min; builds the release binary with `cargo build --release --lib` when it is ' +
      'missing or older than the sources, and loads a copy of it through `NAPI_RS_NATIVE_LIBRARY_PATH`, so the debug binary ' +
      'at the repo root is left alone) or `npm run bench -- --quick` (CI smoke test, < 60 s, never builds). ' +
      '`node bench/run.js --help` lists the options. These machines are shared and noisy: a load average above the core count ' +
      'at start or end means other work competed with the run; compare ratios from one run, not absolute figures across runs.\n',
  )
  md.push('')
  const body = []
  if (R.load) reportLoad(body, T)
  if (R.cold) reportCold(body, T)
  if (R.warm) reportWarm(body, T)
  if (R.exit) reportExit(body, T)
  if (R.https) reportHttps(body, T)
  if (R.bun) {
    RT.reportBun(body, T, R.bun)
    body.push(loadNote('bun'))
  }
  if (R.serverless) {
    RT.reportServerless(body, T, R.serverless)
    body.push(loadNote('serverless'))
  }
  // Targets first.
  md.push('## Targets (issue 5)\n')
  if (BIN.kind !== 'release' && BIN.kind !== 'given') {
    md.push(`> The native binary is not a fresh release build (${BIN.kind}): the verdicts below are not meaningful.\n`)
  }
  if (Q) md.push('> Quick mode: small counts; the verdicts are a smoke test, not a measurement.\n')
  md.push(L.table(['target', 'measured', 'verdict'], T.map((t) => [t.target, t.measured, t.pass === null ? 'n/a' : t.pass ? 'PASS' : '**MISS**'])))
  if (Number.isFinite(R.serverCheck)) {
    md.push(
      `\nServer check: during the bare node:http sequential run the server used ${L.num(R.serverCheck, 0)} % of one core ` +
        `(${R.serverCheck < 80 ? 'not the bottleneck' : 'CLOSE TO SATURATION: the floor may be server-bound'}).`,
    )
  }
  md.push('')
  md.push(body.join('\n\n'))
  // Hand-written analysis of the misses (profiles), kept in bench/ANALYSIS.md; full runs only.
  const analysis = path.join(__dirname, 'ANALYSIS.md')
  if (!Q && fs.existsSync(analysis)) md.push(`\n${fs.readFileSync(analysis, 'utf8').trim()}\n`)
  md.push(`\n---\nSuite wall time: ${M.wallS.toFixed(0)} s${saved ? ' (report re-rendered from saved results)' : ''}.\n`)
  const text = md.join('\n').replace(/\n{3,}/g, '\n\n')
  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  fs.writeFileSync(outFile, text)
  // Raw per-process results, for digging into a figure later.
  if (!saved) {
    const rawFile = path.join(BENCH_DIR, `results${Q ? '.quick' : ''}.json`)
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
