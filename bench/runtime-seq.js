'use strict'
// Sequential getSecret in one process, runnable by Node and by Bun (no IPC):
//   <runtime> bench/runtime-seq.js <ours|official> <calls> <warmup>
// Logs in, makes <warmup> calls, then times <calls> sequential calls and prints
// "RESULT {json}". Server URL from BENCH_URL; our binary from NAPI_RS_NATIVE_LIBRARY_PATH.
const path = require('node:path')
const fx = require('./fixtures')

const [client, callsArg, warmupArg] = process.argv.slice(2)
const calls = Number(callsArg)
const warmup = Number(warmupArg)
const { InfisicalSDK } = require(client === 'ours' ? path.join(__dirname, '..') : path.join(__dirname, '..', 'node_modules', '@infisical', 'sdk'))

;(async () => {
  const sdk = new InfisicalSDK({ siteUrl: process.env.BENCH_URL })
  await sdk.auth().universalAuth.login({ clientId: fx.CLIENT_ID, clientSecret: fx.CLIENT_SECRET })
  const secrets = sdk.secrets()
  const opts = { projectId: fx.PROJECT_ID, environment: 'dev', secretName: 'SERVICE_00042_DATABASE_URL' }
  for (let i = 0; i < warmup; i++) await secrets.getSecret(opts)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < calls; i++) await secrets.getSecret(opts)
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const version = process.versions.bun ? `Bun ${process.versions.bun}` : `Node ${process.versions.node}`
  process.stdout.write(`RESULT ${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, calls, version })}\n`)
})().catch((e) => {
  console.error(e)
  process.exit(1)
})
