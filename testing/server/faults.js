'use strict';
// Fault injection. Faults wait in a FIFO queue; each incoming request takes the
// first fault whose `match` accepts it, and a fault is used `times` times.
//
//   { status, body, contentType, headers }  canned reply (HTML 500, empty 200, 204, 429...)
//   { type: 'reset' }                        destroy the socket without replying
//   { type: 'hang' }                         accept and never answer
//   { type: 'stall', body?, status? }        send headers and half the body, then nothing
//   { type: 'delay', ms }                    answer computed on arrival, sent after ms
//
// match: undefined (any request), a string (raw path prefix), a function
// (record) => boolean, or { method, path, pathPrefix, query } where path is an
// exact raw path, pathPrefix a prefix, query a substring of the raw query.

const TYPES = new Set(['reset', 'hang', 'stall', 'delay']);

function validateFault(fault) {
  if (!fault || typeof fault !== 'object') throw new TypeError('injectFault: fault must be an object');
  if (fault.type !== undefined && !TYPES.has(fault.type)) {
    throw new TypeError(`injectFault: unknown fault type ${fault.type}`);
  }
  if (fault.type === undefined && fault.status === undefined) {
    throw new TypeError('injectFault: a canned fault needs a status');
  }
  if (fault.type === 'delay' && !(fault.ms >= 0)) throw new TypeError('injectFault: delay needs ms');
}

function matches(match, record) {
  if (match === undefined || match === null) return true;
  if (typeof match === 'string') return record.path.startsWith(match);
  if (typeof match === 'function') return Boolean(match(record));
  if (match.method && match.method.toUpperCase() !== record.method) return false;
  if (match.path !== undefined && match.path !== record.path) return false;
  if (match.pathPrefix !== undefined && !record.path.startsWith(match.pathPrefix)) return false;
  if (match.query !== undefined && !record.query.includes(match.query)) return false;
  return true;
}

class FaultQueue {
  constructor() {
    this.queue = [];
  }
  inject(fault, { times = 1, match } = {}) {
    validateFault(fault);
    if (!(times > 0)) throw new TypeError('injectFault: times must be > 0');
    const entry = { fault, remaining: times, match, used: 0 };
    this.queue.push(entry);
    return entry;
  }
  take(record) {
    const idx = this.queue.findIndex((e) => matches(e.match, record));
    if (idx === -1) return undefined;
    const entry = this.queue[idx];
    entry.remaining -= 1;
    entry.used += 1;
    if (entry.remaining <= 0) this.queue.splice(idx, 1);
    return entry.fault;
  }
  clear() {
    this.queue = [];
  }
  get pending() {
    return this.queue.map((e) => ({ fault: e.fault, remaining: e.remaining, match: e.match }));
  }
}

// Serializes a canned/stall body: objects become JSON.
function faultPayload(fault, defaultType) {
  if (fault.body === undefined || fault.body === null) return { text: '', contentType: fault.contentType };
  if (typeof fault.body === 'string' || Buffer.isBuffer(fault.body)) {
    return { text: fault.body, contentType: fault.contentType || defaultType };
  }
  return { text: JSON.stringify(fault.body), contentType: fault.contentType || 'application/json; charset=utf-8' };
}

// Writes a canned reply.
function sendCanned(res, fault) {
  const { text, contentType } = faultPayload(fault, 'text/plain; charset=utf-8');
  const headers = {};
  const bodyAllowed = fault.status !== 204 && fault.status !== 304;
  if (contentType && bodyAllowed) headers['content-type'] = contentType;
  if (bodyAllowed) headers['content-length'] = Buffer.byteLength(text);
  Object.assign(headers, fault.headers || {});
  res.writeHead(fault.status, headers);
  res.end(bodyAllowed ? text : undefined);
}

// Headers promise the full body, then only half of it is written.
function sendStall(res, fault) {
  const body = fault.body === undefined ? { secrets: [], imports: [], padding: 'x'.repeat(64) } : fault.body;
  const { text, contentType } = faultPayload({ ...fault, body }, 'application/json; charset=utf-8');
  const buf = Buffer.from(text);
  res.writeHead(fault.status || 200, {
    'content-type': contentType,
    'content-length': buf.length,
    ...(fault.headers || {}),
  });
  res.write(buf.subarray(0, Math.max(1, Math.floor(buf.length / 2))));
  // never ended: the socket is closed by server.close()
}

module.exports = { FaultQueue, sendCanned, sendStall, matches };
