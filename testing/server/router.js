'use strict';
// A tiny router with Fastify/find-my-way semantics that matter to clients:
// static segments win over `:params`, a trailing slash is ignored
// (ignoreTrailingSlash: true), params are percent-decoded.

class Router {
  constructor() {
    this.routes = [];
  }

  // options.auth: run the verifyAuth guard (401 "Token missing") before the body is parsed.
  add(method, pattern, options, handler) {
    if (typeof options === 'function') {
      handler = options;
      options = {};
    }
    const segments = pattern.split('/').filter(Boolean);
    this.routes.push({ method, pattern, segments, options, handler });
  }

  match(method, rawPath) {
    if (method === 'HEAD') method = 'GET'; // Fastify exposes HEAD for every GET route
    let path = rawPath;
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    const parts = path.split('/').slice(1);
    if (parts.length === 1 && parts[0] === '') parts.length = 0;
    let best;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params = {};
      const score = [];
      let ok = true;
      for (let i = 0; i < parts.length; i += 1) {
        const seg = route.segments[i];
        if (seg.startsWith(':')) {
          if (parts[i] === '') {
            ok = false;
            break;
          }
          let decoded;
          try {
            decoded = decodeURIComponent(parts[i]);
          } catch {
            return { badUrl: true };
          }
          params[seg.slice(1)] = decoded;
          score.push(1);
        } else if (seg === parts[i]) {
          score.push(0);
        } else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (!best || compareScores(score, best.score) < 0) best = { route, params, score };
    }
    return best;
  }
}

function compareScores(a, b) {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

module.exports = { Router };
