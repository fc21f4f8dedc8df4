'use strict';
// Machine-identity logins whose credential is a token someone else signs, or a password
// (contract 16.1); all public (no verifyAuth), all answering the login token response:
//   POST /api/v1/auth/kubernetes-auth/login   (TokenReview: signature, expiry, namespace, name, audience)
//   POST /api/v1/auth/jwt-auth/login          (static public keys, bound issuer/subject/audiences/claims)
//   POST /api/v1/auth/oidc-auth/login         (the IdP's keys, bound issuer/subject/audiences/claims)
//   POST /api/v1/auth/ldap-auth/login         (a bind with username + password)
//   POST /api/v1/auth/gcp-auth/login          ('gce': a Google ID token; 'iam': a JWT signed with a
//                                              service-account key Google publishes)
// What the real server asks of others (the Kubernetes API, the IdP's discovery document, Google's
// certificates, the LDAP server) this one answers itself from the identity's configuration
// (state.addLoginIdentity) and the issuers it holds (state.issuerFor). Every check the real server
// makes on the token is made here: signature, expiry, audience, issuer and the identity's bounds.
// Messages follow the real services where they are known (identity-*-auth-service.ts).

const { unauthorized, notFound, forbidden } = require('../http');
const { z, slugSchema } = require('../schema');
const { DEFAULTS } = require('../state');
const rs256 = require('../jwt-rs256');

// The answer of every login and renewal (routes/auth.js uses it too; cloud-auth.js through issue()).
const tokenResponse = (accessToken, row) => ({
  accessToken,
  expiresIn: row.accessTokenTTL,
  accessTokenMaxTTL: row.accessTokenMaxTTL,
  tokenType: 'Bearer',
});

// Both names of the organization field (contract 16.0): newest servers read organizationSlug,
// an intermediate series subOrganizationName. This server has no sub-organizations: any
// slug but the organization's own is unknown.
const orgFields = {
  organizationSlug: slugSchema().optional(),
  subOrganizationName: slugSchema().optional(),
};
function checkOrganization(body) {
  for (const slug of [body.organizationSlug, body.subOrganizationName]) {
    if (slug !== undefined && slug !== DEFAULTS.orgSlug) throw notFound(`Sub organization with slug ${slug} not found`);
  }
}

const jwtLoginBody = z.object({ identityId: z.string().trim(), jwt: z.string().trim(), ...orgFields });
const ldapLoginBody = z.object({
  identityId: z.string().trim(),
  username: z.string().trim(),
  password: z.string(),
  ...orgFields,
});

// Comma-separated policy lists, as the real configuration stores them.
const list = (value, separator = ',') =>
  [].concat(value ?? []).flatMap((v) => String(v).split(separator)).map((s) => s.trim()).filter(Boolean);

// `*` as a wildcard, as doesFieldValueMatchJwtPolicy allows (picomatch in the real server).
function matchesPolicy(value, policy) {
  const pattern = new RegExp(`^${policy.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return [].concat(value).some((v) => pattern.test(String(v)));
}

const getByDot = (object, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), object);

function issue(state, identity, method, config) {
  const { accessToken, row } = state.issueToken(identity, method, config);
  return tokenResponse(accessToken, row);
}

// The bound-* checks JWT and OIDC auth share (identity-jwt-auth-service.ts).
function checkBounds(payload, config) {
  if (config.boundIssuer && payload.iss !== config.boundIssuer) throw forbidden('Access denied: issuer mismatch', 'ForbiddenError');
  if (config.boundSubject) {
    if (!payload.sub) throw unauthorized('Access denied: token has no subject field');
    if (!matchesPolicy(payload.sub, config.boundSubject)) throw forbidden('Access denied: subject not allowed', 'ForbiddenError');
  }
  const audiences = list(config.boundAudiences);
  if (audiences.length) {
    if (!payload.aud) throw unauthorized('Access denied: token has no audience field');
    if (!audiences.some((a) => matchesPolicy(payload.aud, a))) throw unauthorized('Access denied: token audience not allowed');
  }
  for (const [claim, allowed] of Object.entries(config.boundClaims || {})) {
    const value = getByDot(payload, claim);
    if (!value) throw unauthorized(`Access denied: token has no ${claim} field`);
    if (!list(allowed).some((entry) => matchesPolicy(value, entry))) throw unauthorized(`Access denied: claim mismatch for field ${claim}`);
  }
}

module.exports = function registerLoginRoutes(router, { state }) {
  const nowSeconds = () => state.nowSeconds();

  router.add('POST', '/api/v1/auth/kubernetes-auth/login', (req) => {
    const body = jwtLoginBody.parse(req.body);
    const found = state.loginConfig(body.identityId, 'kubernetes');
    if (!found) throw notFound('Kubernetes auth method not found for identity, did you configure Kubernetes auth?');
    const { identity, config } = found;
    // The TokenReview the real server asks the cluster for: the cluster checks the signature
    // and expiry; a refusal comes back as status.error.
    let payload;
    try {
      payload = rs256.verify(body.jwt, [state.issuerFor('kubernetes').publicKeyPem], { nowSeconds: nowSeconds() });
    } catch (e) {
      const why = e.message === 'jwt expired' ? 'token is expired (exp)' : e.message;
      throw unauthorized(`[invalid bearer token, ${why}]`, 'KubernetesTokenReviewError');
    }
    const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(String(payload.sub || ''));
    if (!match) throw unauthorized('Kubernetes token not authenticated', 'KubernetesTokenReviewError');
    const [, namespace, name] = match;
    const namespaces = list(config.allowedNamespaces);
    if (namespaces.length && !namespaces.includes(namespace)) throw unauthorized('Access denied: K8s namespace not allowed.');
    const names = list(config.allowedNames);
    if (names.length && !names.includes(name)) throw unauthorized('Access denied: K8s name not allowed.');
    if (config.allowedAudience && ![].concat(payload.aud ?? []).includes(config.allowedAudience)) {
      throw unauthorized('Access denied: K8s audience not allowed.');
    }
    checkOrganization(body);
    return issue(state, identity, 'kubernetes-auth', config);
  });

  router.add('POST', '/api/v1/auth/jwt-auth/login', (req) => {
    const body = jwtLoginBody.parse(req.body);
    const found = state.loginConfig(body.identityId, 'jwt');
    if (!found) throw notFound('JWT auth method not found for identity, did you configure JWT auth?');
    const { identity, config } = found;
    if (!rs256.decode(body.jwt)) throw unauthorized('Invalid JWT');
    const errors = [];
    let payload;
    for (const key of list(config.publicKeys, '\u0000')) {
      try {
        payload = rs256.verify(body.jwt, [key], { nowSeconds: nowSeconds() });
        break;
      } catch (e) {
        errors.push(e.message);
      }
    }
    if (!payload) throw unauthorized(`Access denied: JWT verification failed with all keys. Errors - ${errors.join('; ')}`);
    checkBounds(payload, config);
    checkOrganization(body);
    return issue(state, identity, 'jwt-auth', config);
  });

  router.add('POST', '/api/v1/auth/oidc-auth/login', (req) => {
    const body = jwtLoginBody.parse(req.body);
    const found = state.loginConfig(body.identityId, 'oidc');
    if (!found) throw notFound('OIDC auth method not found for identity, did you configure OIDC auth?');
    const { identity, config } = found;
    // The real server fetches the IdP's keys from its discovery document; here the IdP is
    // state.issuerFor('oidc') unless the identity names its own public keys.
    const keys = config.publicKeys ? list(config.publicKeys, '\u0000') : [state.issuerFor('oidc').publicKeyPem];
    let payload;
    try {
      payload = rs256.verify(body.jwt, keys, { nowSeconds: nowSeconds() });
    } catch (e) {
      throw unauthorized(`Access denied: ${e.message}`);
    }
    checkBounds(payload, config);
    checkOrganization(body);
    return issue(state, identity, 'oidc-auth', config);
  });

  router.add('POST', '/api/v1/auth/ldap-auth/login', (req) => {
    const body = ldapLoginBody.parse(req.body);
    const found = state.loginConfig(body.identityId, 'ldap');
    if (!found) throw notFound('LDAP auth method not found for identity, did you configure LDAP auth?');
    const { identity, config } = found;
    // The LDAP bind: username and password must match a user of the directory.
    const users = config.users || {};
    if (!body.username || !body.password || !Object.hasOwn(users, body.username) || users[body.username] !== body.password) {
      throw unauthorized('Invalid credentials', 'UnauthorizedError');
    }
    checkOrganization(body);
    return issue(state, identity, 'ldap-auth', config);
  });

  router.add('POST', '/api/v1/auth/gcp-auth/login', (req) => {
    const body = jwtLoginBody.parse(req.body);
    const found = state.loginConfig(body.identityId, 'gcp');
    if (!found) throw notFound('GCP auth method not found for identity, did you configure GCP auth?');
    const { identity, config } = found;
    let payload;
    if (config.type === 'iam') {
      // RS256 with a `kid` Google publishes for the service account named by `sub`.
      const decoded = rs256.decode(body.jwt);
      if (!decoded || !decoded.header.kid) throw unauthorized('Invalid JWT: missing kid in header');
      const email = decoded.payload.sub;
      if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.gserviceaccount\.com$/.test(email)) {
        throw unauthorized('Invalid JWT: sub is not a service account email');
      }
      const keys = (state.gcpServiceAccountKeys && state.gcpServiceAccountKeys.get(email)) || new Map();
      const pem = keys.get(decoded.header.kid);
      if (!pem) throw unauthorized(`Access denied: no public key ${decoded.header.kid} for ${email}`);
      try {
        payload = rs256.verify(body.jwt, [pem], { nowSeconds: nowSeconds(), audience: body.identityId });
      } catch (e) {
        throw unauthorized(`Access denied: ${e.message}`);
      }
      payload.email = email;
    } else {
      // A Google-signed ID token with audience = identityId.
      try {
        payload = rs256.verify(body.jwt, [state.issuerFor('google').publicKeyPem], {
          nowSeconds: nowSeconds(),
          audience: body.identityId,
          issuer: 'https://accounts.google.com',
        });
      } catch (e) {
        throw unauthorized(`Access denied: ${e.message}`);
      }
      if (!payload.email) throw unauthorized('Access denied: the ID token has no email');
    }
    const allowed = list(config.allowedServiceAccounts);
    if (allowed.length && !allowed.includes(payload.email)) throw forbidden('Access denied: GCP service account not allowed.', 'ForbiddenError');
    checkOrganization(body);
    return issue(state, identity, 'gcp-auth', config);
  });
};

// Shared with the cloud-credential logins (routes/cloud-auth.js).
Object.assign(module.exports, { orgFields, checkOrganization, list, issue, tokenResponse });
