'use strict'
// One warm-path row for one client, in its own process (forked by run.js).
// argv[2]: JSON { kind, row, url, caPem?, ... }
//   row 'seq'   sequential getSecret for `seconds` (after `warmup` calls); rates per window
//   row 'conc'  `batches` batches of `concurrency` concurrent getSecret; ms per batch
//   row 'list'  `reps` listSecrets of `n` secrets; ms per call; for n >= 10,000 also
//               the event-loop blocking (longest gap of a 1 ms interval, and
//               monitorEventLoopDelay max), with a bare JSON.parse of the same body as reference
// The measured window is bracketed by IPC marks so the parent can read the
// server's CPU and request counters exactly around it. The result goes back
// over IPC, then the process exits.

const { performance, monitorEventLoopDelay } = require('node:perf_hooks')
const { createClient } = require('./clients')
const fx = require('./fixtures')

const cfg = JSON.parse(process.argv[2])
const now = () => performance.now()
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Peak RSS, sampled (maxRSS from getrusage is reported as well).
let peakRss = process.memoryUsage.rss()
const sampler = setInterval(() => {
  const r = process.memoryUsage.rss()
  if (r > peakRss) peakRss = r
}, 10)
sampler.unref()

let markSeq = 0
const pendingMarks = new Map()
process.on('message', (msg) => {
  if (msg && msg.ack !== undefined && pendingMarks.has(msg.ack)) {
    pendingMarks.get(msg.ack)(msg)
    pendingMarks.delete(msg.ack)
  }
})
/** Tells the parent a window edge; resolves once it has read the server counters. */
function mark(name) {
  const id = ++markSeq
  return new Promise((resolve) => {
    pendingMarks.set(id, resolve)
    process.send({ mark: name, id })
  })
}

/** Context switches of the whole process (all threads alive now), from /proc. */
function ctxSwitches() {
  const fs = require('node:fs')
  let total = 0
  try {
    for (const t of fs.readdirSync('/proc/self/task')) {
      try {
        const st = fs.readFileSync(`/proc/self/task/${t}/status`, 'utf8')
        total += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(st)[1]) + Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(st)[1])
      } catch {}
    }
  } catch {
    return NaN
  }
  return total
}

function cpuMs(prev) {
  const d = process.cpuUsage(prev)
  return (d.user + d.system) / 1000
}

async function seq(c) {
  for (let i = 0; i < cfg.warmup; i++) await c.getSecret()
  const windowMs = cfg.windowMs
  const durationMs = cfg.seconds * 1000
  const windows = []
  const lat = new Float64Array(2_000_000)
  let calls = 0
  await mark('start')
  const ctx0 = ctxSwitches()
  const cpu0 = process.cpuUsage()
  const t0 = now()
  let wStart = t0
  let wCalls = 0
  let t = t0
  while (t - t0 < durationMs) {
    const s = t
    const secret = await c.getSecret()
    t = now()
    if (calls === 0 && (!secret || secret.secretKey === undefined)) throw new Error('getSecret returned no secret')
    if (calls < lat.length) lat[calls] = t - s
    calls++
    wCalls++
    if (t - wStart >= windowMs) {
      windows.push((wCalls * 1000) / (t - wStart))
      wStart = t
      wCalls = 0
    }
  }
  const elapsed = t - t0
  const cpu = cpuMs(cpu0)
  const ctx = ctxSwitches() - ctx0
  await mark('end')
  const l = Array.from(lat.subarray(0, Math.min(calls, lat.length))).sort((a, b) => a - b)
  const q = (p) => l[Math.min(l.length - 1, Math.floor(p * l.length))]
  return {
    calls,
    elapsedMs: elapsed,
    rate: (calls * 1000) / elapsed,
    windows,
    cpuUsPerCall: (cpu * 1000) / calls,
    ctxPerCall: ctx / calls,
    threads: (() => {
      try {
        return require('node:fs').readdirSync('/proc/self/task').length
      } catch {
        return NaN
      }
    })(),
    latencyMs: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: l[l.length - 1] },
  }
}

async function conc(c) {
  const n = cfg.concurrency
  // distinct: n different secret names (no two calls can share a request)
  const batch = () => Promise.all(Array.from({ length: n }, (_, i) => (cfg.distinct ? c.getSecret(`SECRET_${i}`) : c.getSecret())))
  for (let i = 0; i < cfg.warmupBatches; i++) await batch()
  const ms = []
  await mark('start')
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < cfg.batches; i++) {
    const t0 = now()
    const res = await batch()
    ms.push(now() - t0)
    if (res.length !== n || !res[n - 1]) throw new Error('a batch call returned nothing')
  }
  const cpu = cpuMs(cpu0)
  await mark('end')
  return { ms, cpuUsPerCall: (cpu * 1000) / (n * cfg.batches) }
}

async function list(c) {
  const environment = fx.envFor(cfg.n)
  const check = (res) => {
    const arr = Array.isArray(res) ? res : res && res.secrets
    if (!Array.isArray(arr) || arr.length !== cfg.n) throw new Error(`listSecrets returned ${arr && arr.length} secrets, expected ${cfg.n}`)
  }
  for (let i = 0; i < cfg.warmup; i++) check(await c.listSecrets(environment))
  const block = cfg.n >= 10000
  let gapLast = now()
  let maxGap = 0
  let ticker = null
  let hist = null
  if (block) {
    ticker = setInterval(() => {
      const t = now()
      if (t - gapLast > maxGap) maxGap = t - gapLast
      gapLast = t
    }, 1)
    hist = monitorEventLoopDelay({ resolution: 1 })
    await sleep(20)
  }
  const ms = []
  const gaps = []
  await mark('start')
  const cpu0 = process.cpuUsage()
  if (hist) hist.enable()
  for (let i = 0; i < cfg.reps; i++) {
    if (block) {
      await sleep(5)
      maxGap = 0
      gapLast = now()
    }
    const t0 = now()
    const res = await c.listSecrets(environment)
    ms.push(now() - t0)
    check(res)
    if (block) {
      await sleep(3) // let the interval observe the gap that ended with the resolution
      gaps.push(maxGap)
    }
  }
  if (hist) hist.disable()
  const cpu = cpuMs(cpu0)
  await mark('end')
  const out = { ms, cpuMsPerCall: cpu / cfg.reps }
  if (block) {
    out.gapMs = gaps
    out.histMaxMs = hist.max / 1e6
    // Reference: the same body fetched raw, then a bare JSON.parse, observed by the same interval.
    const text = await rawText(environment)
    const parseMs = []
    const parseGaps = []
    for (let i = 0; i < Math.max(3, Math.min(cfg.reps, 10)); i++) {
      await sleep(5)
      maxGap = 0
      gapLast = now()
      const t0 = now()
      const obj = JSON.parse(text)
      parseMs.push(now() - t0)
      if (obj.secrets.length !== cfg.n) throw new Error('reference parse failed')
      await sleep(3)
      parseGaps.push(maxGap)
    }
    out.refParseMs = parseMs
    out.refParseGapMs = parseGaps
    out.bodyBytes = Buffer.byteLength(text)
  }
  if (ticker) clearInterval(ticker)
  return out
}

function rawText(environment) {
  const url = new URL(cfg.url)
  const mod = url.protocol === 'https:' ? require('node:https') : require('node:http')
  const { listQuery } = require('./clients')
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        host: url.hostname,
        port: url.port,
        path: `/api/v3/secrets/raw?${listQuery(environment)}`,
        headers: { authorization: `Bearer ${fx.ACCESS_TOKEN}` },
        agent: false,
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve(Buffer.concat(chunks).toString()))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

;(async () => {
  const rssStart = process.memoryUsage.rss()
  const c = await createClient(cfg.kind, cfg)
  const rssAfterLogin = process.memoryUsage.rss()
  let result
  if (cfg.row === 'seq') result = await seq(c)
  else if (cfg.row === 'conc') result = await conc(c)
  else if (cfg.row === 'list') result = await list(c)
  else throw new Error(`unknown row ${cfg.row}`)
  const r = process.memoryUsage.rss()
  if (r > peakRss) peakRss = r
  result.rssStart = rssStart
  result.rssAfterLogin = rssAfterLogin
  result.peakRss = peakRss
  result.maxRssKb = process.resourceUsage().maxRSS
  process.send({ result }, () => process.exit(0))
})().catch((error) => {
  process.send({ error: String((error && error.stack) || error) }, () => process.exit(1))
})
