'use strict';
// RS256 JWTs (node:crypto only), for the logins whose credential is a JWT signed by someone
// else: Kubernetes service-account tokens, OIDC and JWT-auth tokens, GCP ID tokens and GCP IAM
// service-account JWTs. `createIssuer()` plays the issuer (a cluster, an IdP, Google) in tests;
// `verify()` is what the test server checks, with jsonwebtoken's error wording.

const crypto = require('node:crypto');

const b64url = (buf) => Buffer.from(buf).toString('base64url');

class JwtError extends Error {}

/**
 * A signer with a fresh RSA key pair.
 * @param {object} [options]
 * @param {string} [options.kid]  key id put in each token's header
 * @param {string} [options.privateKeyPem] use this PKCS#8 key instead of generating one
 */
function createIssuer({ kid, privateKeyPem } = {}) {
  let privateKey;
  if (privateKeyPem) privateKey = crypto.createPrivateKey(privateKeyPem);
  else privateKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const publicKey = crypto.createPublicKey(privateKey);
  const issuer = {
    kid,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
    /**
     * Signs `payload` (RS256). `iat` is now unless given; `expiresIn` (seconds) sets `exp`.
     * @param {object} payload
     * @param {{ expiresIn?: number, nowSeconds?: number, header?: object }} [options]
     */
    sign(payload, { expiresIn, nowSeconds = Math.floor(Date.now() / 1000), header = {} } = {}) {
      const head = { alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}), ...header };
      const body = { iat: nowSeconds, ...payload };
      if (expiresIn !== undefined) body.exp = nowSeconds + expiresIn;
      const data = `${b64url(JSON.stringify(head))}.${b64url(JSON.stringify(body))}`;
      const signature = crypto.sign('sha256', Buffer.from(data), privateKey);
      return `${data}.${b64url(signature)}`;
    },
  };
  return issuer;
}

function decodePart(part) {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Header and payload without checking anything (undefined when malformed). */
function decode(token) {
  const parts = String(token || '').split('.');
  if (parts.length !== 3) return undefined;
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  return header && payload ? { header, payload } : undefined;
}

/**
 * Verifies an RS256 JWT against one of `publicKeys` (PEM strings), then its `exp`, `nbf`,
 * audience and issuer when asked. Returns the payload, or throws JwtError with jsonwebtoken's
 * message.
 * @param {string} token
 * @param {string[]} publicKeys
 * @param {{ nowSeconds: number, audience?: string | string[], issuer?: string }} options
 */
function verify(token, publicKeys, { nowSeconds, audience, issuer }) {
  if (!token) throw new JwtError('jwt must be provided');
  const parts = String(token).split('.');
  if (parts.length !== 3) throw new JwtError('jwt malformed');
  const decoded = decode(token);
  if (!decoded) throw new JwtError('invalid token');
  const { header, payload } = decoded;
  if (!parts[2]) throw new JwtError('jwt signature is required');
  if (header.alg !== 'RS256') throw new JwtError('invalid algorithm');
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  const valid = publicKeys.some((pem) => {
    try {
      return crypto.verify('sha256', data, crypto.createPublicKey(pem), signature);
    } catch {
      return false;
    }
  });
  if (!valid) throw new JwtError('invalid signature');
  if (payload.nbf !== undefined && nowSeconds < payload.nbf) throw new JwtError('jwt not active');
  if (payload.exp !== undefined && nowSeconds >= payload.exp) throw new JwtError('jwt expired');
  if (audience !== undefined) {
    const wanted = [].concat(audience);
    const given = [].concat(payload.aud ?? []);
    if (!given.some((a) => wanted.includes(a))) throw new JwtError(`jwt audience invalid. expected: ${wanted.join(' or ')}`);
  }
  if (issuer !== undefined && payload.iss !== issuer) throw new JwtError(`jwt issuer invalid. expected: ${issuer}`);
  return payload;
}

module.exports = { createIssuer, verify, decode, JwtError };
