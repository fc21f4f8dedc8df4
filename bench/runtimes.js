'use strict'
// Sections of bench/run.js for issue 14:
//   bun         sequential getSecret under Bun (from scripts/runtimes.js), ours
//               against the official package, both under Bun, with the same
//               loop under Node as a reference: `calls` calls per process,
//               one fresh process per run, alternating.
//   serverless  a Lambda-style cold invocation: a handler bundled with esbuild,
//               the SDK marked external (the README recipe), in a fresh Node
//               process per run: load the bundle, call the handler once (login
//               + getSecret), exit. Wall / CPU / peak RSS of the whole process.

const fs = require('node:fs')
const path = require('node:path')
const L = require('./lib')

const ROOT = path.resolve(__dirname, '..')
const SEQ_CHILD = path.join(__dirname, 'runtime-seq.js')

/** Sequential getSecret rounds under Bun and Node; `run(cmd, args, env)` -> { code, stdout, stderr }. */
async function sectionBun({ server, baseEnv, counts, log, bunPath }) {
  const env = { ...baseEnv, BENCH_URL: server.url }
  const kinds = []
  for (const runtime of ['bun', 'node']) for (const client of ['ours', 'official']) kinds.push({ runtime, client, id: `${runtime}-${client}` })
  const data = Object.fromEntries(kinds.map((k) => [k.id, { runs: [], errors: [] }]))
  const exe = (runtime) => (runtime === 'bun' ? bunPath : process.execPath)
  for (let round = 0; round < counts.rounds; round++) {
    for (const k of L.shuffle(kinds)) {
      await server.reset()
      const r = await L.run(exe(k.runtime), [SEQ_CHILD, k.client, String(counts.calls), String(counts.warmup)], { env, timeoutMs: 120000 })
      const m = /^RESULT (.*)$/m.exec(r.stdout)
      if (r.code !== 0 || !m) {
        data[k.id].errors.push(`exit ${r.code}: ${(r.stderr || r.stdout).slice(0, 500)}`)
        continue
      }
      data[k.id].runs.push(JSON.parse(m[1]))
    }
    log(`bun: round ${round + 1}/${counts.rounds}`)
  }
  return { kinds, data, counts }
}

function reportBun(md, T, R) {
  const { kinds, data, counts } = R
  const rows = []
  const s = {}
  for (const k of kinds) {
    const runs = data[k.id].runs
    if (!runs.length) {
      rows.push([`${k.runtime}: ${k.client}`, `error: ${(data[k.id].errors[0] || '').split('\n')[0].slice(0, 160)}`, '', '', ''])
      continue
    }
    s[k.id] = {
      ms: L.summary(runs.map((r) => r.ms)),
      cpu: L.summary(runs.map((r) => r.cpuMs)),
      version: runs[0].version,
    }
    rows.push([
      `${k.runtime} ${s[k.id].version}: ${k.client === 'ours' ? 'ours' : '@infisical/sdk 5.0.2'}`,
      L.mmm(s[k.id].ms, 0),
      L.num((1000 * s[k.id].ms.median) / counts.calls, 0),
      L.mmm(s[k.id].cpu, 0),
      L.num((1000 * s[k.id].cpu.median) / counts.calls, 0),
    ])
  }
  md.push('## Bun: sequential getSecret\n')
  md.push(
    `${counts.calls} sequential \`getSecret\` calls (after ${counts.warmup} warm-up calls and the login) in one process, ` +
      `${counts.rounds} fresh process(es) per row, order shuffled per round; the same loop (bench/runtime-seq.js) under Bun ` +
      'and under Node for reference. Time of the calls only (not start-up), ms, median [min–max]; CPU is the process CPU ' +
      'over the same window (`process.cpuUsage()`).\n',
  )
  md.push(L.table(['runtime: client', `ms for ${counts.calls} calls`, 'µs per call', 'CPU ms', 'CPU µs per call'], rows))
  if (s['bun-ours'] && s['bun-official']) {
    const ratio = L.ratio(s['bun-official'].ms.median, s['bun-ours'].ms.median)
    T.push({
      target: 'Bun: sequential getSecret at least as fast as the official package under Bun',
      measured: `${L.num(s['bun-ours'].ms.median, 0)} ms vs ${L.num(s['bun-official'].ms.median, 0)} ms for ${counts.calls} calls (${L.fmtRatio(ratio)} the official rate)`,
      pass: s['bun-ours'].ms.median <= s['bun-official'].ms.median,
    })
  }
}

/** Builds the two handler bundles (once per run) with esbuild; returns their directories. */
async function buildHandlers(benchDir) {
  const esbuild = require('esbuild')
  const base = path.join(benchDir, 'serverless')
  fs.rmSync(base, { recursive: true, force: true })
  const out = {}
  for (const client of ['ours', 'official']) {
    const dir = path.join(base, client)
    const specifier = client === 'ours' ? 'infisical-sdk-native' : '@infisical/sdk'
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true })
    // the deploy folder: the bundle, and node_modules with the SDK only (a link to the installed copy)
    fs.mkdirSync(path.join(dir, 'node_modules', '@infisical'), { recursive: true })
    if (client === 'ours') fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'infisical-sdk-native'), 'junction')
    else fs.symlinkSync(path.join(ROOT, 'node_modules', '@infisical', 'sdk'), path.join(dir, 'node_modules', '@infisical', 'sdk'), 'junction')
    fs.writeFileSync(
      path.join(dir, 'src', 'handler.mjs'),
      `import { InfisicalSDK } from '${specifier}'
import { PROJECT_ID, CLIENT_ID, CLIENT_SECRET } from ${JSON.stringify(path.join(__dirname, 'fixtures.js'))}
export const handler = async () => {
  const sdk = new InfisicalSDK({ siteUrl: process.env.BENCH_URL })
  await sdk.auth().universalAuth.login({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET })
  const secret = await sdk.secrets().getSecret({ projectId: PROJECT_ID, environment: 'dev', secretName: 'SERVICE_00042_DATABASE_URL' })
  return { statusCode: 200, body: String(secret.secretKey) }
}
`,
    )
    await esbuild.build({
      entryPoints: [path.join(dir, 'src', 'handler.mjs')],
      outfile: path.join(dir, 'handler.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['infisical-sdk-native', '@infisical/sdk'],
      logLevel: 'silent',
    })
    // the "runtime": load the handler, invoke it once, print the answer, exit
    fs.writeFileSync(
      path.join(dir, 'invoke.js'),
      `'use strict'
const { handler } = require('./handler.js')
handler({}).then((r) => { process.stdout.write('ANSWER ' + r.statusCode + ' ' + r.body + '\\n') }, (e) => { console.error(e); process.exitCode = 1 })
`,
    )
    out[client] = dir
  }
  await esbuild.stop()
  return out
}

async function sectionServerless({ server, baseEnv, counts, log, measured, benchDir }) {
  const dirs = await buildHandlers(benchDir)
  const env = { ...baseEnv, BENCH_URL: server.url }
  const kinds = ['ours', 'official']
  const data = Object.fromEntries(kinds.map((k) => [k, { runs: [], errors: [] }]))
  for (const k of kinds) await measured([path.join(dirs[k], 'invoke.js')], env) // warm the page cache
  for (let round = 0; round < counts.runs; round++) {
    for (const k of L.shuffle(kinds)) {
      const r = await measured([path.join(dirs[k], 'invoke.js')], env)
      if (r.code !== 0 || !/ANSWER 200 SERVICE_00042_DATABASE_URL/.test(r.stdout)) {
        data[k].errors.push(`exit ${r.code}: ${(r.stderr || r.stdout).slice(0, 500)}`)
        continue
      }
      data[k].runs.push(r)
    }
  }
  const bundleBytes = Object.fromEntries(kinds.map((k) => [k, fs.statSync(path.join(dirs[k], 'handler.js')).size]))
  log('serverless cold invocation done')
  return { kinds, data, counts, bundleBytes }
}

function reportServerless(md, T, R) {
  const { kinds, data, counts, bundleBytes } = R
  const rows = []
  const s = {}
  for (const k of kinds) {
    const runs = data[k].runs
    const label = k === 'ours' ? 'ours' : '@infisical/sdk 5.0.2'
    if (!runs.length) {
      rows.push([label, `error: ${(data[k].errors[0] || '').split('\n')[0].slice(0, 160)}`, '', '', ''])
      continue
    }
    s[k] = {
      wall: L.summary(runs.map((r) => r.wallMs)),
      cpu: L.summary(runs.map((r) => r.cpuMs)),
      rss: L.summary(runs.map((r) => r.maxRssKb / 1024)),
    }
    rows.push([label, L.mmm(s[k].wall), L.mmm(s[k].cpu), L.mmm(s[k].rss, 1), (bundleBytes[k] / 1024).toFixed(1)])
  }
  md.push('## Serverless: cold invocation of a bundled handler\n')
  md.push(
    'A Lambda-style handler (construct, log in, one `getSecret`) bundled with esbuild (CommonJS, `platform: node`) with the SDK ' +
      'marked external, as the README recommends; each run is a fresh `node` process that loads the bundle, invokes the handler ' +
      `once and exits. ${counts.runs} runs per client, order shuffled per round, whole-process wall / CPU / peak RSS from \`wait4()\`.\n`,
  )
  md.push(L.table(['client', 'wall ms', 'CPU ms', 'peak RSS MiB', 'bundle KiB'], rows))
  if (s.ours && s.official) {
    T.push({
      target: 'Serverless cold invocation (bundled handler, SDK external): faster than the official package',
      measured: `${L.num(s.ours.wall.median)} ms vs ${L.num(s.official.wall.median)} ms wall (${L.fmtRatio(L.ratio(s.official.wall.median, s.ours.wall.median))} faster)`,
      pass: s.ours.wall.median < s.official.wall.median,
    })
  }
}

module.exports = { sectionBun, reportBun, sectionServerless, reportServerless }
