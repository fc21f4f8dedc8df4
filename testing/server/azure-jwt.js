'use strict';
// Entra (Azure AD) access tokens for azure-auth logins: a fake tenant signs RS256 JWTs with a
// key only this server knows, and the login route verifies them the way the real server does
// (identity-azure-auth-fns.ts: jsonwebtoken's verify against the tenant's discovery key, with
// `audience = the configured resource` and `issuer = https://sts.windows.net/{tenant}/`), with
// jsonwebtoken's error messages. Node built-ins only.

const crypto = require('node:crypto');
const { JwtError } = require('./jwt');

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function decodePart(part) {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A tenant's signing key: generated on first use (RSA keys take a moment), kept for the server's life. */
class AzureTenants {
  constructor() {
    this.keys = new Map(); // tenantId -> { kid, privateKey, publicKey }
  }

  keyOf(tenantId) {
    let key = this.keys.get(tenantId);
    if (!key) {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 27);
      key = { kid, privateKey, publicKey };
      this.keys.set(tenantId, key);
    }
    return key;
  }

  /** An access token of `tenantId` as Entra issues it (v1 issuer), valid `expiresIn` seconds from `nowSeconds`. */
  sign({ tenantId, audience, oid, nowSeconds, expiresIn = 3600, claims = {} }) {
    const { kid, privateKey } = this.keyOf(tenantId);
    const header = { typ: 'JWT', alg: 'RS256', kid };
    const payload = {
      aud: audience,
      iss: `https://sts.windows.net/${tenantId}/`,
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + expiresIn,
      oid,
      sub: oid,
      tid: tenantId,
      ver: '1.0',
      ...claims,
    };
    const data = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    const signature = crypto.sign('sha256', Buffer.from(data), privateKey);
    return `${data}.${b64url(signature)}`;
  }
}

class UnknownSigningKey extends Error {}

/**
 * Verifies an Entra token for `tenantId` / `resource`; returns the payload, throws JwtError with
 * jsonwebtoken's wording, or UnknownSigningKey when no key of the tenant has the token's `kid`.
 */
function verifyAzureToken(tenants, token, { tenantId, resource, nowSeconds }) {
  if (!token) throw new JwtError('jwt must be provided');
  const parts = String(token).split('.');
  if (parts.length !== 3) throw new JwtError('jwt malformed');
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') throw new JwtError('invalid token');
  const key = tenants.keys.get(tenantId);
  if (!key || header.kid !== key.kid) throw new UnknownSigningKey('Invalid signing key');
  if (!parts[2]) throw new JwtError('jwt signature is required');
  if (header.alg !== 'RS256') throw new JwtError('invalid algorithm');
  const valid = crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, Buffer.from(parts[2], 'base64url'));
  if (!valid) throw new JwtError('invalid signature');
  if (typeof payload.nbf === 'number' && nowSeconds < payload.nbf) throw new JwtError('jwt not active');
  if (typeof payload.exp === 'number' && nowSeconds >= payload.exp) throw new JwtError('jwt expired');
  // The real server drops the resource's trailing slash when the token's audience has none
  // (a custom resource such as https://management.azure.com&client_id=...).
  let audience = resource;
  if (typeof payload.aud === 'string' && !payload.aud.endsWith('/') && audience.endsWith('/')) audience = audience.slice(0, -1);
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(audience)) throw new JwtError(`jwt audience invalid. expected: ${audience}`);
  const issuer = `https://sts.windows.net/${tenantId}/`;
  if (payload.iss !== issuer) throw new JwtError(`jwt issuer invalid. expected: ${issuer}`);
  return payload;
}

module.exports = { AzureTenants, verifyAzureToken, UnknownSigningKey };
