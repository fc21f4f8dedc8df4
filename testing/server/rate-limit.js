'use strict';
// Optional rate limiting, as @fastify/rate-limit does it on Infisical Cloud
// (contract section 10). Self-hosted servers have none, so it is OFF unless
// startServer({ rateLimit: true | { ... } }) or server.setRateLimit(...) turns it on.
//
// Per minute per client IP: a global limit (600) plus one limit per route, by
// category: read 60, write 200, secrets 60 (every /api/v3/secrets route and
// folder writes), projectCreation 30. Every response carries
// x-ratelimit-limit / -remaining / -reset; a 429 also carries retry-after and
// the body { reqId, statusCode: 429, message: "Rate limit exceeded. Please try
// again in N seconds", error: "RateLimitExceeded" }.

const { rateLimited } = require('./http');

const DEFAULT_LIMITS = { global: 600, read: 60, write: 200, secrets: 60, projectCreation: 30, windowMs: 60000 };

class RateLimiter {
  constructor(config) {
    this.configure(config);
  }

  configure(config) {
    this.enabled = Boolean(config);
    this.limits = { ...DEFAULT_LIMITS, ...(typeof config === 'object' && config ? config : {}) };
    this.counters = new Map();
  }

  reset() {
    this.counters.clear();
  }

  _hit(key, max, now) {
    let c = this.counters.get(key);
    if (!c || c.resetAt <= now) {
      c = { count: 0, resetAt: now + this.limits.windowMs };
      this.counters.set(key, c);
    }
    c.count += 1;
    return { max, current: c.count, ttlMs: c.resetAt - now };
  }

  // Counts the request; returns the headers to send, or throws the 429 (with
  // err.headers set). `route` is undefined for unknown routes (global limit only).
  check(ip, route, now) {
    if (!this.enabled) return {};
    let hit = this._hit(`global:${ip}`, this.limits.global, now);
    if (hit.current <= hit.max && route) {
      const category = route.options.limit || (route.method === 'GET' ? 'read' : 'write');
      hit = this._hit(`${route.method}:${route.pattern}:${ip}`, this.limits[category], now);
    }
    const resetSeconds = Math.ceil(hit.ttlMs / 1000);
    const headers = {
      'x-ratelimit-limit': String(hit.max),
      'x-ratelimit-remaining': String(Math.max(0, hit.max - hit.current)),
      'x-ratelimit-reset': String(resetSeconds),
    };
    if (hit.current > hit.max) {
      const err = rateLimited(`Rate limit exceeded. Please try again in ${resetSeconds} seconds`);
      err.headers = { ...headers, 'retry-after': String(resetSeconds) };
      throw err;
    }
    return headers;
  }
}

module.exports = { RateLimiter, DEFAULT_LIMITS };
