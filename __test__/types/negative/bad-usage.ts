// Must fail to compile: each line marked "// error TSxxxx" must give exactly
// that error, and no other line may give one (checked by __test__/types.test.js).
// One call per line, so that each error lands on the line of its marker.

import { InfisicalSDK, DynamicSecretProviders } from '../../..';
import { SecretsClient } from '../../..'; // error TS2459

export async function bad(sdk: InfisicalSDK): Promise<unknown[]> {
  return [
    await sdk.secrets().listSecrets({ environment: 'dev' }), // error TS2345
    await sdk.secrets().listSecrets({ environment: 'dev', projectId: 'p', expandSecretRefrences: true }), // error TS2561
    await sdk.secrets().getSecret({ environment: 'dev', projectId: 'p', secretName: 'S', type: 'personal' }), // error TS2322
    await sdk.secrets().listSecretsWithImports({ environment: 'dev', projectId: 'p', includeImports: true }), // error TS2353
    new InfisicalSDK({ siteURL: 'https://infisical.example.com' }), // error TS2561
    new InfisicalSDK({ cache: { ttl: 60 } }), // error TS2353
    new InfisicalSDK({ autoTokenRefresh: 'yes' }), // error TS2322
    new InfisicalSDK({ cache: true }), // error TS2559
    new InfisicalSDK({ timeoutMs: '5000' }), // error TS2322
    new InfisicalSDK({ retry: { retries: 2 } }), // error TS2353
    new InfisicalSDK({ headers: { 'X-Count': 1 } }), // error TS2322
    new InfisicalSDK({ userAgent: true }), // error TS2322
    sdk.auth().accessToken(), // error TS2554
    await sdk.auth().ociAuth.login({ userOcid: 'u', tenancyOcid: 't', fingerprint: 'f', region: 'r' }), // error TS2345
    await sdk.auth().aliCloudAuth.login(), // error TS2554
    await sdk.auth().azureAuth.login({ resource: 'r', imdsUrl: 'http://x' }), // error TS2353
    (await sdk.kms().encryption().encrypt({ keyId: 'k', plaintext: 'aGk=' })).ciphertext, // error TS2339
    await sdk.dynamicSecrets().create({ provider: { type: DynamicSecretProviders.Redis, inputs: { host: 'h', port: 6379, username: 'u', revocationStatement: 'r' } }, defaultTTL: '1h', maxTTL: '1d', name: 'n', projectSlug: 'p', environmentSlug: 'dev' }), // error TS2322
    await sdk.dynamicSecrets().create({ provider: { type: DynamicSecretProviders.Redis, inputs: { host: 'h', port: 6379, username: 'u', password: 'p', creationStatement: 'c', revocationStatement: 'r' } }, defaultTTL: '1h', maxTTL: '1d', name: 'n', projectSlug: 'p', environmentSlug: 'dev', metadata: { team: 'a' } }), // error TS2353
    (await sdk.dynamicSecrets().leases.create({ dynamicSecretName: 'n', projectSlug: 'p', environmentSlug: 'dev' })).lease.expiresAt, // error TS2551
    await sdk.secrets().batchUpdate({ projectId: 'p', environment: 'dev', mode: 'merge', secrets: [{ secretKey: 'A' }] }), // error TS2322
    await sdk.secrets().batchCreate({ projectId: 'p', environment: 'dev', secrets: [{ secretKey: 'A' }] }), // error TS2741
    await sdk.folders().delete({ folderId: 'i', folderName: 'n', projectId: 'p', environment: 'dev' }), // error TS2345
    await sdk.dynamicSecrets().update('n', { projectSlug: 'p', environmentSlug: 'dev', defaultTTL: '1h' }), // error TS2353
    await sdk.auth().jwtAuth.login({ identityId: 'i' }), // error TS2345
    await sdk.auth().oidcAuth.login({ jwt: () => 42 }), // error TS2322
    await sdk.auth().ldapAuth.login({ username: 'u' }), // error TS2345
    await sdk.auth().kubernetesAuth.login({ serviceAccountTokenFile: '/t' }), // error TS2561
    SecretsClient,
  ];
}
