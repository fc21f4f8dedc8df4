'use strict'
// Small helpers of the runner: statistics, formatting, process spawning.

const { spawn, fork } = require('node:child_process')
const { performance } = require('node:perf_hooks')

function sorted(xs) {
  return xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
}

function median(xs) {
  const s = sorted(xs)
  if (!s.length) return NaN
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function summary(xs) {
  const s = sorted(xs)
  return { median: median(s), min: s.length ? s[0] : NaN, max: s.length ? s[s.length - 1] : NaN, n: s.length }
}

/** A number with `digits` significant-ish decimals (more for small values). */
function num(x, digits) {
  if (x === undefined || x === null || Number.isNaN(x)) return 'n/a'
  if (!Number.isFinite(x)) return String(x)
  const d = digits !== undefined ? digits : Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2
  return x.toFixed(d)
}

/** "median [min–max]" */
function mmm(s, digits) {
  if (!s || !s.n) return 'n/a'
  if (s.n === 1) return num(s.median, digits)
  return `${num(s.median, digits)} [${num(s.min, digits)}–${num(s.max, digits)}]`
}

function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return NaN
  return a / b
}

function fmtRatio(r) {
  return Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a'
}

const MiB = 1024 * 1024

/** Markdown table from a header row and rows of cells. */
function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`]
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`)
  return lines.join('\n')
}

function shuffle(xs) {
  const a = xs.slice()
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** Runs a command to completion; resolves { code, stdout, stderr, wallMs }. */
function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      resolve({ code: code === null ? signal : code, stdout, stderr, wallMs: performance.now() - t0 })
    })
  })
}

/**
 * Spawns `node args...` and records the moment it exits with
 * performance.timeOrigin + performance.now(), the clock the child uses for its
 * "LAST <t>" line. Resolves { code, stdout, stderr, exitAt }.
 */
function runTimedExit(args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    let stdout = ''
    let stderr = ''
    let exitAt = null
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs || 60000)
    child.on('error', reject)
    child.on('exit', () => {
      exitAt = performance.timeOrigin + performance.now()
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, exitAt })
    })
  })
}

module.exports = { median, summary, num, mmm, ratio, fmtRatio, MiB, table, shuffle, run, runTimedExit, fork }
