'use strict'
// The reporting half of the benchmark suite: turns the results bench/run.js
// measured (or saved in target/bench/results.json) into BENCHMARKS.md. No
// measuring happens here.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const L = require('./lib')
const fx = require('./fixtures')
const RT = require('./runtimes')

const ROOT = path.resolve(__dirname, '..')

/**
 * The markdown report and the target verdicts.
 * ctx: { R (results), C (counts), BIN (binary), M (machine), RUSAGE, Q (quick), opt, saved,
 *        CLIENT_LABEL, WARM_CLIENTS }
 */
function render(ctx) {
  const { R, C, BIN, M, RUSAGE, Q, opt, saved, CLIENT_LABEL, WARM_CLIENTS } = ctx

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
  // The last comparison with a previous build (`--baseline`), kept in bench/BUILD-COMPARISON.md.
  const comparison = path.join(__dirname, 'BUILD-COMPARISON.md')
  if (!Q && fs.existsSync(comparison)) md.push(`\n${fs.readFileSync(comparison, 'utf8').trim()}\n`)
  md.push(`\n---\nSuite wall time: ${M.wallS.toFixed(0)} s${saved ? ' (report re-rendered from saved results)' : ''}.\n`)
  const text = md.join('\n').replace(/\n{3,}/g, '\n\n')
  return { text, targets: T }
}

/**
 * `--baseline`: this build against another build of the package, on the rows a binding change
 * can move. Each figure is the median over every round of both builds (interleaved); the verdict
 * is whether ours is within 5 % of the baseline or better.
 */
function renderBuildComparison({ R, M, BIN }) {
  const b = R.build
  const pooled = (runs, f) => runs.flatMap((r) => (r.result ? [].concat(f(r.result)) : []))
  const errors = ['seq', 'conc1000', 'list10000'].flatMap((row) =>
    ['ours', 'baseline'].flatMap((k) => b[row][k].filter((r) => r.error).map((r) => `${row} ${k}: ${r.error.split('\n')[0]}`)),
  )
  const rows = [
    // [label, row, per-result extractor, higher is better, unit, digits]
    ['sequential getSecret, calls/s', 'seq', (r) => r.rate, true, '', 0],
    ['sequential getSecret, CPU µs per call', 'seq', (r) => r.cpuUsPerCall, false, '', 1],
    ['1,000 concurrent getSecret (distinct names), ms per batch', 'conc1000', (r) => r.ms, false, '', 1],
    ['1,000 concurrent getSecret, CPU µs per call', 'conc1000', (r) => r.cpuUsPerCall, false, '', 1],
    ['listSecrets of 10,000, ms per call', 'list10000', (r) => r.ms, false, '', 1],
    ['listSecrets of 10,000, event-loop block (longest gap), ms', 'list10000', (r) => r.gapMs, false, '', 1],
  ]
  const T = []
  const lines = [
    '| | baseline | this build | this build vs baseline | within 5 % |',
    '|---|---|---|---|---|',
  ]
  for (const [label, row, f, higherBetter, , digits] of rows) {
    const base = L.summary(pooled(b[row].baseline, f))
    const ours = L.summary(pooled(b[row].ours, f))
    const change = ours.median / base.median - 1
    const ok = higherBetter ? change >= -0.05 : change <= 0.05
    T.push({ target: label, ok })
    const sign = change >= 0 ? '+' : ''
    lines.push(`| ${label} | ${L.mmm(base, digits)} | ${L.mmm(ours, digits)} | ${sign}${(change * 100).toFixed(1)} % | ${ok ? 'yes' : 'NO'} |`)
  }
  const load = R.loads && R.loads.build
  const text = [
    '## This build against a previous build',
    '',
    `Baseline: commit ${b.baselineCommit} (a checkout with its own release binary); this build: commit ${b.commit}, ` +
      `${BIN.kind} binary \`${path.basename(BIN.src)}\`. Both run in the same session against the same bench server, ` +
      `alternating build by build in every round (${b.rounds * 2} sequential rounds, ${b.rounds} rounds of the others). ` +
      'Figures are medians [min–max] over all rounds.',
    '',
    ...lines,
    '',
    load ? `_1-min load average at the start / end: ${load[0].toFixed(2)} / ${load[1].toFixed(2)}; machine: ${M.cpus || os.cpus().length} cores._` : '',
    errors.length ? `\nErrors: ${errors.join('; ')}` : '',
    '',
  ].join('\n')
  return { text, targets: T }
}

module.exports = { render, renderBuildComparison }
