'use strict';
// Authentication as the real server does it:
//  * a global onRequest hook (plugins/auth/inject-identity.ts) that looks at
//    EVERY request with an Authorization header, login routes included, and
//    JWT-verifies it (errors -> 403 TokenError), then validates the identity
//    access-token row (identity-access-token-service.ts: revoked/missing -> 401,
//    use limit / TTL -> 401 and the row is deleted) and counts one use;
//  * a per-route guard (plugins/auth/verify-auth.ts): no credentials -> 401
//    "Token missing".

const { badRequest, unauthorized, notFound, tokenError } = require('./http');
const { JwtError } = require('./jwt');

// validateAccessTokenExp: use limit and TTL since creation / last renewal.
function validateAccessTokenExp(state, row) {
  const now = state.now();
  if (row.accessTokenNumUsesLimit > 0 && row.accessTokenNumUses > 0 && row.accessTokenNumUses >= row.accessTokenNumUsesLimit) {
    state.tokens.delete(row.id);
    throw unauthorized('Unable to renew because access token number of uses limit reached');
  }
  if (row.accessTokenTTL > 0) {
    const from = row.lastRenewedAt ?? row.createdAt;
    if (now > from + row.accessTokenTTL * 1000) {
      state.tokens.delete(row.id);
      throw unauthorized('Failed to renew MI access token due to TTL expiration');
    }
  }
}

// Verifies a JWT with the server clock; jsonwebtoken errors become 403 TokenError.
function verifyJwtOrThrow(state, token) {
  try {
    return state.verifyJwt(token);
  } catch (err) {
    if (err instanceof JwtError) throw tokenError(err.message);
    throw err;
  }
}

// The global hook. Sets req.auth = { identity, row } or leaves it null.
function injectIdentity(state, req) {
  req.auth = null;
  if (req.rawPath.includes('/api/v3/auth/')) return;
  if (req.headers['x-api-key']) {
    // API-key mode is always rejected (wording approximate)
    throw badRequest('API key authentication is not supported anymore. Please use a different authentication method.');
  }
  const authHeader = req.headers.authorization;
  if (!authHeader) return;
  const value = authHeader.slice(7); // the real hook slices "Bearer " off without checking it
  if (value.startsWith('st.')) {
    // service tokens: this server knows none
    const [, id] = value.split('.', 3);
    throw notFound(`Service token with ID '${id}' not found`);
  }
  const payload = verifyJwtOrThrow(state, value);
  if (payload.authTokenType !== 'identityAccessToken') return; // unknown token type: no auth
  const row = state.tokens.get(payload.identityAccessTokenId);
  if (!row || row.revoked) throw unauthorized('No identity access token found');
  validateAccessTokenExp(state, row);
  row.accessTokenNumUses += 1;
  row.lastUsedAt = state.now();
  req.auth = { identity: state.identities.get(row.identityId), row, token: value };
}

// verifyAuth([...]) for routes that need an identity.
function requireAuth(req) {
  if (!req.auth) throw unauthorized('Token missing', 'UnauthorizedError');
  return req.auth;
}

module.exports = { injectIdentity, requireAuth, validateAccessTokenExp, verifyJwtOrThrow };
