'use strict';
// A SigV4-signed STS GetCallerIdentity request, as the AWS SDKs make it (signed with
// @smithy/signature-v4, independent of the server's own check), for hand-made aws-auth logins.

const { SignatureV4 } = require('@smithy/signature-v4');
const { HttpRequest } = require('@smithy/protocol-http');
const { Sha256 } = require('@aws-crypto/sha256-js');

const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/**
 * Resolves to the signed headers (as the SDKs send them: Authorization, Host, X-Amz-Date..., and
 * X-Amz-Security-Token with a session token).
 */
async function signedStsHeaders({ accessKeyId, secretAccessKey, sessionToken, region = 'us-east-1', date = new Date('2026-01-01T00:00:00Z'), body = STS_BODY }) {
  const host = `sts.${region}.amazonaws.com`;
  const request = new HttpRequest({
    protocol: 'https:',
    hostname: host,
    path: '/',
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Host: host, 'Content-Length': String(Buffer.byteLength(body)) },
    body,
  });
  const credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  const signer = new SignatureV4({ credentials, region, service: 'sts', sha256: Sha256 });
  const signed = await signer.sign(request, { signingDate: date });
  return signed.headers;
}

/** The body of POST /api/v1/auth/aws-auth/login for signed headers. */
function awsLoginBody(identityId, headers, body = STS_BODY) {
  return {
    identityId,
    iamHttpRequestMethod: 'POST',
    iamRequestBody: Buffer.from(body).toString('base64'),
    iamRequestHeaders: Buffer.from(JSON.stringify(headers)).toString('base64'),
  };
}

module.exports = { STS_BODY, signedStsHeaders, awsLoginBody };
