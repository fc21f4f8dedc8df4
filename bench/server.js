'use strict'
// The benchmark server: a fixed-response HTTP/1.1 responder on node:net (or
// node:tls), in its own process, with keep-alive and pre-serialized answers.
// It implements only the routes the benchmarks use:
//
//   POST /api/v1/auth/universal-auth/login      -> a login body
//   GET  /api/v3/secrets/raw?...environment=E   -> a list of N secrets, N by E
//                                                  ("dev" = 100, "n1", "n1000", "n10000")
//   GET  /api/v3/secrets/raw/<name>?...         -> one secret
//
// Secret routes answer 401 without an Authorization header, so a client that
// skipped the login cannot look fast. Run with `fork()`; it sends
// { ready, port } and answers { cmd: 'stats' } / { cmd: 'reset' } over IPC.
// argv[2]: optional JSON { key, cert } (PEM file paths) to serve HTTPS.

const net = require('node:net')
const tls = require('node:tls')
const fs = require('node:fs')
const { performance } = require('node:perf_hooks')
const fx = require('./fixtures')

const HEAD = (status, length) =>
  `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${length}\r\n` +
  'Connection: keep-alive\r\nKeep-Alive: timeout=72\r\n\r\n'

function response(status, body) {
  const bodyBuf = Buffer.from(body, 'utf8')
  return Buffer.concat([Buffer.from(HEAD(status, bodyBuf.length), 'latin1'), bodyBuf])
}

const RESPONSES = {
  login: response('200 OK', fx.loginBody()),
  get: response('200 OK', fx.getBody()),
  notFound: response('404 Not Found', JSON.stringify({ statusCode: 404, message: 'Route not found', error: 'NotFound' })),
  unauthorized: response('401 Unauthorized', JSON.stringify({ statusCode: 401, message: 'Token missing', error: 'UnauthorizedError' })),
  lists: new Map(),
}
for (const n of fx.LIST_SIZES) RESPONSES.lists.set(fx.envFor(n), response('200 OK', fx.listBody(n)))

const stats = { requests: 0, connections: 0, handshakes: 0, routes: { login: 0, list: 0, get: 0, other: 0 } }
let openSockets = 0

function route(method, target, head) {
  const q = target.indexOf('?')
  const path = q === -1 ? target : target.slice(0, q)
  if (method === 'POST' && path === '/api/v1/auth/universal-auth/login') {
    stats.routes.login++
    return RESPONSES.login
  }
  if (method === 'GET' && path.startsWith('/api/v3/secrets/raw')) {
    if (!/\r\nauthorization:/i.test(head)) return RESPONSES.unauthorized
    if (path === '/api/v3/secrets/raw') {
      stats.routes.list++
      const m = /[?&]environment=([^&]*)/.exec(target)
      return RESPONSES.lists.get(m ? m[1] : 'dev') || RESPONSES.lists.get('dev')
    }
    if (path.startsWith('/api/v3/secrets/raw/')) {
      stats.routes.get++
      return RESPONSES.get
    }
  }
  stats.routes.other++
  return RESPONSES.notFound
}

/** Where a chunked body ends in `buf` (from `start`), or -1 if incomplete. */
function chunkedEnd(buf, start) {
  let pos = start
  for (;;) {
    const eol = buf.indexOf('\r\n', pos, 'latin1')
    if (eol === -1) return -1
    const size = parseInt(buf.latin1Slice(pos, eol), 16)
    if (Number.isNaN(size)) return -2
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol, 'latin1')
      return end === -1 ? -1 : end + 4
    }
    pos = eol + 2 + size + 2
    if (pos > buf.length) return -1
  }
}

function onConnection(socket) {
  stats.connections++
  openSockets++
  socket.setNoDelay(true)
  let buf = null
  socket.on('data', (chunk) => {
    buf = buf === null ? chunk : Buffer.concat([buf, chunk])
    let out = null
    let close = false
    for (;;) {
      const end = buf.indexOf('\r\n\r\n', 0, 'latin1')
      if (end === -1) break
      const head = buf.latin1Slice(0, end + 2)
      const sp1 = head.indexOf(' ')
      const sp2 = head.indexOf(' ', sp1 + 1)
      const method = head.slice(0, sp1)
      const target = head.slice(sp1 + 1, sp2)
      let bodyEnd = end + 4
      const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head)
      if (cl) {
        bodyEnd += Number(cl[1])
        if (bodyEnd > buf.length) break
      } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
        bodyEnd = chunkedEnd(buf, end + 4)
        if (bodyEnd === -1) break
        if (bodyEnd === -2) {
          socket.destroy()
          return
        }
      }
      stats.requests++
      const res = route(method, target, head)
      out = out === null ? res : Buffer.concat([out, res])
      if (/\r\nconnection:\s*close/i.test(head)) close = true
      buf = bodyEnd === buf.length ? null : buf.subarray(bodyEnd)
      if (buf === null || close) break
    }
    if (out !== null) {
      if (close) socket.end(out)
      else socket.write(out)
    }
  })
  socket.on('error', () => {})
  socket.on('close', () => {
    openSockets--
  })
}

const tlsConfig = process.argv[2] ? JSON.parse(process.argv[2]) : null
let server
if (tlsConfig) {
  server = tls.createServer({ key: fs.readFileSync(tlsConfig.key), cert: fs.readFileSync(tlsConfig.cert) })
  server.on('secureConnection', (socket) => {
    stats.handshakes++
    onConnection(socket)
  })
  server.on('tlsClientError', () => {})
} else {
  server = net.createServer(onConnection)
}
server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
  process.send({ ready: true, port: server.address().port, tls: Boolean(tlsConfig) })
})

process.on('message', (msg) => {
  if (msg.cmd === 'stats') {
    process.send({
      id: msg.id,
      stats: {
        ...stats,
        routes: { ...stats.routes },
        openSockets,
        cpu: process.cpuUsage(),
        wall: performance.now(),
        rss: process.memoryUsage.rss(),
      },
    })
  } else if (msg.cmd === 'reset') {
    stats.requests = 0
    stats.connections = 0
    stats.handshakes = 0
    stats.routes = { login: 0, list: 0, get: 0, other: 0 }
    process.send({ id: msg.id, ok: true })
  } else if (msg.cmd === 'exit') {
    process.exit(0)
  }
})
process.on('disconnect', () => process.exit(0))
