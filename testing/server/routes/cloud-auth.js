'use strict';
// Machine-identity logins with a cloud credential (contract section 16.1):
//   POST /api/v1/auth/azure-auth/login      (identity-azure-auth-service.ts login)
//   POST /api/v1/auth/oci-auth/login        (identity-oci-auth-service.ts login)
//   POST /api/v1/auth/alicloud-auth/login   (identity-alicloud-auth-service.ts login)
// The real server asks the cloud (Entra's keys, OCI's GetUser, Alibaba STS); this one checks
// the credential itself against the fake clouds in the state (azure-jwt.js, oci-signature.js,
// alicloud-signature.js). All three are public (no verifyAuth).

const { badRequest, unauthorized, notFound, tokenError } = require('../http');
const { z, slugSchema } = require('../schema');
const { DEFAULTS } = require('../state');
const { JwtError } = require('../jwt');
const { verifyAzureToken, UnknownSigningKey } = require('../azure-jwt');
const { verifyOciRequest } = require('../oci-signature');
const { verifyAliCloudRequest } = require('../alicloud-signature');

const tokenResponse = (accessToken, row) => ({
  accessToken,
  expiresIn: row.accessTokenTTL,
  accessTokenMaxTTL: row.accessTokenMaxTTL,
  tokenType: 'Bearer',
});

// This server has no sub-organizations: any slug but the org's own is unknown.
function checkOrganizationSlug(slug) {
  if (slug !== undefined && slug !== DEFAULTS.orgSlug) throw notFound(`Sub organization with slug ${slug} not found`);
}

// The comma-separated allow-lists the real server stores.
const allowList = (csv) => String(csv || '').split(',').map((s) => s.trim()).filter(Boolean);

const azureLoginBody = z.object({
  identityId: z.string().trim(),
  jwt: z.string(),
  organizationSlug: slugSchema().optional(),
});

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
  organizationSlug: slugSchema().optional(),
});

const aliCloudLoginBody = z.object({
  identityId: z.string().trim(),
  Action: z.enum(['GetCallerIdentity']),
  Format: z.enum(['JSON']),
  Version: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'Version must be in YYYY-MM-DD format'),
  AccessKeyId: z.string().refine((v) => /^[A-Za-z0-9]+$/.test(v), 'AccessKeyId must be alphanumeric'),
  organizationSlug: slugSchema().optional(),
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
    const identity = state.identities.get(body.identityId);
    if (!identity || !identity.azure) {
      throw notFound('Azure auth method not found for identity, did you configure Azure Auth?');
    }
    const config = identity.azure;
    let claims;
    try {
      claims = verifyAzureToken(state.azureTenants, body.jwt, {
        tenantId: config.tenantId,
        resource: config.resource,
        nowSeconds: state.nowSeconds(),
      });
    } catch (err) {
      if (err instanceof UnknownSigningKey) throw unauthorized('Invalid signing key');
      // jsonwebtoken errors reach the real error handler as 403 TokenError
      if (err instanceof JwtError) throw tokenError(err.message);
      throw err;
    }
    if (claims.tid !== config.tenantId) throw unauthorized('Tenant ID mismatch');
    const allowed = allowList(config.allowedServicePrincipalIds);
    if (allowed.length && !allowed.includes(claims.oid)) {
      throw unauthorized(`Service principal '${claims.oid}' not allowed`);
    }
    checkOrganizationSlug(body.organizationSlug);
    const { accessToken, row } = state.issueToken(identity, 'azure-auth', config);
    return tokenResponse(accessToken, row);
  });

  router.add('POST', '/api/v1/auth/oci-auth/login', (req) => {
    const body = ociLoginBody.parse(req.body);
    const identity = state.identities.get(body.identityId);
    if (!identity || !identity.oci) {
      throw notFound('OCI auth method not found for identity, did you configure OCI auth?');
    }
    const { headers } = body;
    if (!/^identity\.([a-z]{2}-[a-z]+-[1-9])\.oraclecloud\.com$/.test(headers.host)) {
      throw badRequest('Invalid OCI host format. Expected format: identity.<region>.oraclecloud.com');
    }
    if (state.ociUsers.size === 0) state.defaultOciUser();
    const { user, refused } = verifyOciRequest({ userOcid: body.userOcid, headers, nowMs: state.now(), users: state.ociUsers });
    // The real server surfaces OCI's 401 from the replayed request; the wording here is approximate.
    if (refused) throw unauthorized(`OCI refused the signed GetUser request: ${refused}`);
    if (user.tenancyOcid !== identity.oci.tenancyOcid) {
      throw unauthorized("Access denied: OCI account isn't part of tenancy.");
    }
    const allowed = allowList(identity.oci.allowedUsernames);
    if (allowed.length && !allowed.includes(user.name)) {
      throw unauthorized('Access denied: OCI account username not allowed.');
    }
    checkOrganizationSlug(body.organizationSlug);
    const { accessToken, row } = state.issueToken(identity, 'oci-auth', identity.oci);
    return tokenResponse(accessToken, row);
  });

  router.add('POST', '/api/v1/auth/alicloud-auth/login', (req) => {
    const { identityId, organizationSlug, ...params } = aliCloudLoginBody.parse(req.body);
    const identity = state.identities.get(identityId);
    if (!identity || !identity.aliCloud) {
      throw notFound('Alibaba Cloud auth method not found for identity, did you configure Alibaba Cloud auth?');
    }
    const { key, refused } = verifyAliCloudRequest({ params, keys: state.aliCloudKeys, nowMs: state.now(), seenNonces: state.aliCloudNonces });
    // The real server surfaces STS's error from the replayed request; the wording here is approximate.
    if (refused) throw unauthorized(`Alibaba Cloud STS refused the signed GetCallerIdentity request: ${refused}`);
    const allowed = allowList(identity.aliCloud.allowedArns);
    if (allowed.length && !allowed.includes(key.arn)) {
      throw unauthorized('Access denied: Alibaba Cloud account ARN not allowed.');
    }
    checkOrganizationSlug(organizationSlug);
    // The real server's AliCloud config has no period column.
    const { accessToken, row } = state.issueToken(identity, 'alicloud-auth', { ...identity.aliCloud, accessTokenPeriod: 0 });
    return tokenResponse(accessToken, row);
  });
};
