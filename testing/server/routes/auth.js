'use strict';
// Machine-identity auth (contract section 1):
//   POST /api/v1/auth/universal-auth/login   (identity-ua-service.ts login)
//   POST /api/v1/auth/aws-auth/login         (identity-aws-auth-service.ts login; STS call skipped)
//   POST /api/v1/auth/token/renew            (identity-access-token-service.ts renewAccessToken)
//   POST /api/v1/auth/token/revoke           (revokeAccessToken)
// All four are public (no verifyAuth), but the global auth hook still checks
// any Authorization header that is sent along.

const { badRequest, unauthorized, notFound, internal } = require('../http');
const { z, slugSchema } = require('../schema');
const { validateAccessTokenExp, verifyJwtOrThrow } = require('../auth-check');
const { DEFAULTS } = require('../state');
const { verifyStsRequest } = require('../aws-sigv4');
const { tokenResponse } = require('./logins');

// Sub-organizations: this server has none, so any name but the org's own slug is unknown.
function checkSubOrganization(name, message) {
  if (name !== undefined && name !== DEFAULTS.orgSlug) throw notFound(message(name));
}

const uaLoginBody = z.object({
  clientId: z.string().trim(),
  clientSecret: z.string().trim(),
  subOrganizationName: slugSchema().optional(),
  organizationSlug: slugSchema().optional(),
});

const awsLoginBody = z.object({
  identityId: z.string().trim(),
  iamHttpRequestMethod: z.string().default('POST'),
  iamRequestBody: z.string(),
  iamRequestHeaders: z.string(),
  subOrganizationName: slugSchema().optional(),
  organizationSlug: slugSchema().optional(),
});

const tokenBody = z.object({ accessToken: z.string().trim() });

// Credential=AKID/20230719/us-east-1/sts/aws4_request -> us-east-1
function awsRegionFromHeader(authorization) {
  for (const field of String(authorization).split(' ')) {
    if (field.startsWith('Credential=')) {
      const parts = field.split('/');
      if (parts.length >= 3) return parts[2];
    }
  }
  return null;
}

module.exports = function registerAuthRoutes(router, { state }) {
  router.add('POST', '/api/v1/auth/universal-auth/login', (req) => {
    const { clientId, clientSecret, subOrganizationName, organizationSlug } = uaLoginBody.parse(req.body);
    const identity = state.findUaByClientId(clientId);
    if (!identity) throw unauthorized('Invalid credentials');
    const ua = identity.ua;
    const now = state.now();

    // lockout (keyed by identity + client id, kept in the key store with an expiry)
    const lockoutKey = `${identity.identityId}:${clientId}`;
    let lockout = state.lockouts.get(lockoutKey);
    if (lockout && lockout.expiresAt <= now) {
      state.lockouts.delete(lockoutKey);
      lockout = undefined;
    }
    if (lockout && lockout.lockedOut) {
      throw unauthorized('This identity auth method is temporarily locked, please try again later');
    }

    if (ua.clientSecretRevoked || clientSecret !== ua.clientSecret) {
      if (ua.lockoutEnabled) {
        const entry = lockout || { lockedOut: false, failedAttempts: 0 };
        entry.failedAttempts += 1;
        if (entry.failedAttempts >= ua.lockoutThreshold) entry.lockedOut = true;
        entry.expiresAt = now + 1000 * (entry.lockedOut ? ua.lockoutDurationSeconds : ua.lockoutCounterResetSeconds);
        state.lockouts.set(lockoutKey, entry);
      }
      throw unauthorized('Invalid credentials');
    } else if (lockout) {
      state.lockouts.delete(lockoutKey);
    }

    if (ua.clientSecretTTL > 0 && now > ua.clientSecretCreatedAt + ua.clientSecretTTL * 1000) {
      ua.clientSecretRevoked = true;
      throw unauthorized('Access denied due to expired client secret');
    }
    if (ua.clientSecretNumUsesLimit > 0 && ua.clientSecretNumUses >= ua.clientSecretNumUsesLimit) {
      ua.clientSecretRevoked = true;
      throw unauthorized('Access denied due to client secret usage limit reached');
    }
    checkSubOrganization(subOrganizationName, (n) => `Sub organization with name ${n} not found`);
    checkSubOrganization(organizationSlug, (n) => `Sub organization with slug ${n} not found`);

    ua.clientSecretNumUses += 1;
    const { accessToken, row } = state.issueToken(identity, 'universal-auth', ua);
    return tokenResponse(accessToken, row);
  });

  router.add('POST', '/api/v1/auth/aws-auth/login', (req) => {
    const body = awsLoginBody.parse(req.body);
    const identity = state.identities.get(body.identityId);
    if (!identity || !identity.aws) {
      throw notFound('AWS auth method not found for identity, did you configure AWS auth?');
    }
    // The real service decodes both fields; a bad JSON header blob is an
    // unexpected SyntaxError there, i.e. the generic 500.
    let headers;
    try {
      headers = JSON.parse(Buffer.from(body.iamRequestHeaders, 'base64').toString());
    } catch {
      throw internal();
    }
    const decodedBody = Buffer.from(body.iamRequestBody, 'base64').toString();
    const authHeader = headers && (headers.Authorization || headers.authorization);
    const region = authHeader ? awsRegionFromHeader(authHeader) : null;
    state.lastAwsLogin = {
      identityId: body.identityId,
      method: body.iamHttpRequestMethod,
      body: decodedBody,
      headers,
      region,
      url: region ? `https://sts.${region}.amazonaws.com` : undefined,
    };
    if (typeof region !== 'string' || region.length === 0 || region.length > 20 || !/^[a-z0-9-]+$/.test(region)) {
      throw badRequest('Invalid AWS region');
    }
    // The real server now forwards the signed request to STS, which checks the SigV4
    // signature; this one checks it itself against the key pairs it knows. The answer to a
    // refused signature is approximate (the real one depends on how STS's 403 surfaces).
    const refused = verifyStsRequest({ method: body.iamHttpRequestMethod, headers, body: decodedBody }, state.awsKeys);
    if (refused) throw unauthorized(`AWS STS refused the signed GetCallerIdentity request: ${refused}`);
    for (const slug of [body.subOrganizationName, body.organizationSlug]) {
      if (slug !== undefined && slug !== DEFAULTS.orgSlug) throw notFound(`Sub organization with slug ${slug} not found`);
    }
    const { accessToken, row } = state.issueToken(identity, 'aws-auth', identity.aws);
    return tokenResponse(accessToken, row);
  });

  router.add('POST', '/api/v1/auth/token/renew', (req) => {
    const { accessToken } = tokenBody.parse(req.body);
    const payload = verifyJwtOrThrow(state, accessToken);
    if (payload.authTokenType !== 'identityAccessToken') {
      throw badRequest('Only identity access tokens can be renewed');
    }
    const row = state.tokens.get(payload.identityAccessTokenId);
    if (!row || row.revoked) throw unauthorized('No identity access token found');
    validateAccessTokenExp(state, row);

    const now = state.now();
    // Newer servers (contract 16.1, `renewal: 'newer'`): the answer is a new JWT
    // whose lifetime is the TTL capped by what is left of the max TTL, which
    // can be shorter than the configured TTL; nothing fails at the max TTL
    // short of it having passed.
    if (state.options.renewal === 'newer') {
      let expiresIn = row.accessTokenTTL;
      if (row.accessTokenMaxTTL > 0 && row.accessTokenPeriod === 0) {
        const left = Math.floor((row.createdAt + row.accessTokenMaxTTL * 1000 - now) / 1000);
        if (left <= 0) throw unauthorized('Failed to renew MI access token due to Max TTL expiration');
        expiresIn = Math.min(expiresIn, left);
      }
      row.lastRenewedAt = now;
      return {
        accessToken: state.signToken(row, expiresIn),
        expiresIn,
        accessTokenMaxTTL: row.accessTokenMaxTTL,
        tokenType: 'Bearer',
      };
    }
    // Max TTL is enforced for non-periodic tokens only; renew fails (and the
    // token row is deleted) rather than capping the lifetime.
    if (row.accessTokenMaxTTL > 0 && row.accessTokenPeriod === 0) {
      const maxExpiry = row.createdAt + row.accessTokenMaxTTL * 1000;
      if (now > maxExpiry) {
        state.tokens.delete(row.id);
        throw unauthorized('Failed to renew MI access token due to Max TTL expiration');
      }
      if (now + row.accessTokenTTL * 1000 > maxExpiry) {
        state.tokens.delete(row.id);
        throw unauthorized('Failed to renew MI access token past its Max TTL expiration');
      }
    }
    row.lastRenewedAt = now;
    return tokenResponse(state.signToken(row), row);
  });

  router.add('POST', '/api/v1/auth/token/revoke', (req) => {
    const { accessToken } = tokenBody.parse(req.body);
    const payload = verifyJwtOrThrow(state, accessToken);
    if (payload.authTokenType !== 'identityAccessToken') {
      throw unauthorized('Only identity access tokens can be revoked');
    }
    const row = state.tokens.get(payload.identityAccessTokenId);
    if (!row || row.revoked) throw unauthorized('No identity access token found');
    row.revoked = true;
    return { message: 'Successfully revoked access token' };
  });
};
