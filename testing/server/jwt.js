'use strict';
// HS256 JWTs, signed and verified like `jsonwebtoken` does it for the real
// server, with the same error messages (the error handler maps them to 403
// "TokenError"). `nowSeconds` comes from the server clock so tests can move time.

const crypto = require('node:crypto');

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function sign(payload, secret, { nowSeconds, expiresIn } = {}) {
  const header = { alg: 'HS256', typ: 'JWT' };
  const body = { ...payload, iat: nowSeconds };
  if (expiresIn !== undefined) body.exp = nowSeconds + expiresIn;
  const data = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
  const sig = crypto.createHmac('sha256', secret).update(data).digest('base64url');
  return `${data}.${sig}`;
}

class JwtError extends Error {}

function decodePart(part) {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

// Returns the payload or throws JwtError(message) with jsonwebtoken's wording.
function verify(token, secret, { nowSeconds }) {
  if (!token) throw new JwtError('jwt must be provided');
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('jwt malformed');
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') {
    throw new JwtError('invalid token');
  }
  if (!parts[2]) throw new JwtError('jwt signature is required');
  if (header.alg !== 'HS256') throw new JwtError('invalid algorithm');
  const expected = crypto.createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw new JwtError('invalid signature');
  }
  if (payload.exp !== undefined && nowSeconds >= payload.exp) throw new JwtError('jwt expired');
  return payload;
}

module.exports = { sign, verify, JwtError };
