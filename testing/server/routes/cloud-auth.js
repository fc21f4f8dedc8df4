'use strict';
// Machine-identity logins with a cloud credential (contract section 16.1):
//   POST /api/v1/auth/azure-auth/login      (identity-azure-auth-service.ts login)
//   POST /api/v1/auth/oci-auth/login        (identity-oci-auth-service.ts login)
//   POST /api/v1/auth/alicloud-auth/login   (identity-alicloud-auth-service.ts login)
// The real server asks the cloud (Entra's discovery keys, OCI's GetUser, Alibaba STS); this one
// checks the credential itself against the fake clouds in the state: a signing key per Entra
// tenant (state.issuerFor('azure:{tenant}'), tokens from server.signAzureToken), OCI users' API
// public keys (oci-signature.js) and Alibaba AccessKey pairs (alicloud-signature.js). All three
// are public (no verifyAuth).

const { badRequest, unauthorized, notFound, tokenError } = require('../http');
const { z } = require('../schema');
const rs256 = require('../jwt-rs256');
const { verifyOciRequest } = require('../oci-signature');
const { verifyAliCloudRequest } = require('../alicloud-signature');
const { orgFields, checkOrganization, list, issue } = require('./logins');

const azureLoginBody = z.object({ identityId: z.string().trim(), jwt: z.string(), ...orgFields });

const ociLoginBody = z.object({
  identityId: z.string().trim(),
  userOcid: z.string().trim(),
  headers: z
    .object({
      authorization: z.string(),
      host: z.string(),
      'x-date': z.string().optional(),
      date: z.string().optional(),
    })
    .superRefine((val, addIssue) => {
      if (!val.date && !val['x-date']) addIssue("Either 'date' or 'x-date' header is required");
    }),
  ...orgFields,
});

const aliCloudLoginBody = z.object({
  identityId: z.string().trim(),
  Action: z.enum(['GetCallerIdentity']),
  Format: z.enum(['JSON']),
  Version: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'Version must be in YYYY-MM-DD format'),
  AccessKeyId: z.string().refine((v) => /^[A-Za-z0-9]+$/.test(v), 'AccessKeyId must be alphanumeric'),
  ...orgFields,
  SignatureMethod: z.enum(['HMAC-SHA1']),
  Timestamp: z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v)), 'Timestamp must be in YYYY-MM-DDTHH:mm:ssZ format'),
  SignatureVersion: z.enum(['1.0']),
  SignatureNonce: z
    .string()
    .refine(
      (v) => /^[a-zA-Z0-9\-_.]+$/.test(v),
      'SignatureNonce must be at least 1 character long and contain only URL-safe characters (alphanumeric, -, _, .)',
    ),
  Signature: z.string().refine((v) => /^[A-Za-z0-9+/=]+$/.test(v), 'Signature must be base64 characters'),
});

module.exports = function registerCloudAuthRoutes(router, { state }) {
  router.add('POST', '/api/v1/auth/azure-auth/login', (req) => {
    const body = azureLoginBody.parse(req.body);
    const found = state.loginConfig(body.identityId, 'azure');
    if (!found) throw notFound('Azure auth method not found for identity, did you configure Azure Auth?');
    const { identity, config } = found;
    // The key with the token's kid among the tenant's discovery keys
    // (https://login.microsoftonline.com/{tenant}/discovery/keys).
    const decoded = rs256.decode(body.jwt);
    const tenantKey = state.issuerFor(`azure:${config.tenantId}`);
    if (decoded && decoded.header.kid !== tenantKey.kid) throw unauthorized('Invalid signing key');
    // The real server drops the resource's trailing slash when the token's audience has none
    // (a custom resource such as https://management.azure.com&client_id=...).
    let audience = config.resource;
    const aud = decoded && decoded.payload.aud;
    if (typeof aud === 'string' && !aud.endsWith('/') && audience.endsWith('/')) audience = audience.slice(0, -1);
    let claims;
    try {
      claims = rs256.verify(body.jwt, [tenantKey.publicKeyPem], {
        nowSeconds: state.nowSeconds(),
        audience,
        issuer: `https://sts.windows.net/${config.tenantId}/`,
      });
    } catch (err) {
      // jsonwebtoken errors reach the real error handler as 403 TokenError
      if (err instanceof rs256.JwtError) throw tokenError(err.message);
      throw err;
    }
    if (claims.tid !== config.tenantId) throw unauthorized('Tenant ID mismatch');
    const allowed = list(config.allowedServicePrincipalIds);
    if (allowed.length && !allowed.includes(claims.oid)) throw unauthorized(`Service principal '${claims.oid}' not allowed`);
    checkOrganization(body);
    return issue(state, identity, 'azure-auth', config);
  });

  router.add('POST', '/api/v1/auth/oci-auth/login', (req) => {
    const body = ociLoginBody.parse(req.body);
    const found = state.loginConfig(body.identityId, 'oci');
    if (!found) throw notFound('OCI auth method not found for identity, did you configure OCI auth?');
    const { identity, config } = found;
    const { headers } = body;
    if (!/^identity\.([a-z]{2}-[a-z]+-[1-9])\.oraclecloud\.com$/.test(headers.host)) {
      throw badRequest('Invalid OCI host format. Expected format: identity.<region>.oraclecloud.com');
    }
    const { user, refused } = verifyOciRequest({ userOcid: body.userOcid, headers, nowMs: state.now(), users: state.ociUsers });
    // The real server surfaces OCI's 401 from the replayed request; the wording here is approximate.
    if (refused) throw unauthorized(`OCI refused the signed GetUser request: ${refused}`);
    if (user.tenancyOcid !== config.tenancyOcid) {
      throw unauthorized("Access denied: OCI account isn't part of tenancy.");
    }
    const allowed = list(config.allowedUsernames);
    if (allowed.length && !allowed.includes(user.name)) throw unauthorized('Access denied: OCI account username not allowed.');
    checkOrganization(body);
    return issue(state, identity, 'oci-auth', config);
  });

  router.add('POST', '/api/v1/auth/alicloud-auth/login', (req) => {
    const { identityId, organizationSlug, subOrganizationName, ...params } = aliCloudLoginBody.parse(req.body);
    const found = state.loginConfig(identityId, 'aliCloud');
    if (!found) throw notFound('Alibaba Cloud auth method not found for identity, did you configure Alibaba Cloud auth?');
    const { identity, config } = found;
    const { key, refused } = verifyAliCloudRequest({ params, keys: state.aliCloudKeys, nowMs: state.now(), seenNonces: state.aliCloudNonces });
    // The real server surfaces STS's error from the replayed request; the wording here is approximate.
    if (refused) throw unauthorized(`Alibaba Cloud STS refused the signed GetCallerIdentity request: ${refused}`);
    const allowed = list(config.allowedArns);
    if (allowed.length && !allowed.includes(key.arn)) throw unauthorized('Access denied: Alibaba Cloud account ARN not allowed.');
    checkOrganization({ organizationSlug, subOrganizationName });
    // The real server's AliCloud config has no period column.
    return issue(state, identity, 'alicloud-auth', { ...config, accessTokenPeriod: 0 });
  });
};
