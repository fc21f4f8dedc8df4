// Type test: the code samples of the official @infisical/sdk README, in order,
// imported from our package. Adapted only as needed to compile:
// - each sample is wrapped in an async function (these files are CommonJS, so
//   no top-level await) and gets its `client`;
// - `type: "personal"` / `type: "shared"` become `SecretType.Personal` /
//   `SecretType.Shared`: `type` is the enum SecretType, to which a string
//   literal is not assignable (the same holds with the official types);
// - the lease samples use `lease` where the README says `newLease`, a name it
//   never defines.
// Compiled, never run.

import { InfisicalSDK, DynamicSecretProviders, SecretType } from '../..';

// Getting started
export async function gettingStarted() {
  const client = new InfisicalSDK({
    siteUrl: "your-infisical-instance.com" // Optional, defaults to https://app.infisical.com
  });

  // Authenticate with Infisical
  await client.auth().universalAuth.login({
    clientId: "<machine-identity-client-id>",
    clientSecret: "<machine-identity-client-secret>"
  });

  const allSecrets = await client.secrets().listSecrets({
    environment: "dev", // stg, dev, prod, or custom environment slugs
    projectId: "<your-project-id>"
  });

  console.log("Fetched secrets", allSecrets)
}

// Auth: universal auth
export async function universalAuthLogin(client: InfisicalSDK) {
  await client.auth().universalAuth.login({
    clientId: "<machine-identity-client-id>",
    clientSecret: "<machine-identity-client-secret>"
  });
}

// Auth: access token
export function accessToken(client: InfisicalSDK) {
  client.auth().accessToken("<your-access-token>")
}

// Auth: AWS IAM
export async function awsIamAuthLogin(client: InfisicalSDK) {
  await client.auth().awsIamAuth.login({
    identityId: "<your-identity-id>"
  })
}

// Secrets: listSecrets
export async function listSecrets(client: InfisicalSDK) {
  const allSecrets = await client.secrets().listSecrets({
    environment: "dev",
    projectId: "<your-project-id>",
    expandSecretReferences: true,
    includeImports: false,
    recursive: false,
    secretPath: "/foo/bar"
  });
  return allSecrets;
}

// Secrets: createSecret
export async function createSecret(client: InfisicalSDK) {
  const newSecret = await client.secrets().createSecret("SECRET_NAME", {
    environment: "dev",
    projectId: "<your-project-id>",
    secretValue: "SECRET_VALUE",
    secretComment: "This is a new secret", // Optional
    secretPath: "/foo/bar", // Optional
    secretReminderNote: "This is a reminder note", // Optional
    secretReminderRepeatDays: 7, // Optional
    skipMultilineEncoding: false, // Optional
    tagIds: ["tagId1", "tagId2"], // Optional
    type: SecretType.Personal // Optional
  });
  return newSecret;
}

// Secrets: updateSecret
export async function updateSecret(client: InfisicalSDK) {
  const updatedSecret = await client.secrets().updateSecret("SECRET_TO_UPDATE", {
    environment: "dev",
    projectId: "<your-project-id>",
    secretValue: "UPDATED_SECRET_VALUE",
    newSecretName: "NEW_SECRET_NAME2", // Optional
    secretComment: "This is an updated secret", // Optional
    secretPath: "/foo/bar", // Optional
    secretReminderNote: "This is an updated reminder note", // Optional
    secretReminderRepeatDays: 14, // Optional
    skipMultilineEncoding: false, // Optional
    tagIds: ["tagId1", "tagId2"], // Optional
    type: SecretType.Personal, // Optional
    metadata: { // Optional
      extra: "metadata"
    }
  });
  return updatedSecret;
}

// Secrets: getSecret
export async function getSecret(client: InfisicalSDK) {
  const singleSecret = await client.secrets().getSecret({
    environment: "dev",
    projectId: "<your-project-id>",
    secretName: "DATABASE_URL",
    expandSecretReferences: true, // Optional
    includeImports: true, // Optional
    secretPath: "/foo/bar", // Optional
    type: SecretType.Shared, // Optional
    version: 1 // Optional
  });
  return singleSecret;
}

// Secrets: deleteSecret
export async function deleteSecret(client: InfisicalSDK) {
  const deletedSecret = await client.secrets().deleteSecret("SECRET_TO_DELETE", {
    environment: "dev",
    projectId: "<your-project-id>",
    secretPath: "/foo/bar", // Optional
    type: SecretType.Personal // Optional
  });
  return deletedSecret;
}

// Dynamic secrets: create
export async function createDynamicSecret() {
  const client = new InfisicalSDK();

  await client.auth().universalAuth.login({
    // For localhost
    clientId: "CLIENT_ID",
    clientSecret: "CLIENT_SECRET"
  });

  const dynamicSecret = await client.dynamicSecrets().create({
    provider: {
      type: DynamicSecretProviders.Redis,
      inputs: {
        host: "<redis-host>",
        port: 6479,
        username: "<redis-username>",
        password: "<redis-password>", // Only required if your Redis instance uses authentication (recommended)
        creationStatement: "ACL SETUSER {{username}} on >{{password}} ~* &* +@all",
        revocationStatement: "ACL DELUSER {{username}}"
      }
    },
    defaultTTL: "1h",
    maxTTL: "24h",
    name: "dynamic-secret-name",
    projectSlug: "project-slug",
    environmentSlug: "dev"
  });

  console.log(dynamicSecret);
}

// Dynamic secrets: delete
export async function deleteDynamicSecret(client: InfisicalSDK) {
  const deletedDynamicSecret = await client.dynamicSecrets().delete("dynamic-secret-name", {
    environmentSlug: "dev",
    projectSlug: "project-slug"
  });
  return deletedDynamicSecret;
}

// Leases: create, delete, renew
export async function leases(client: InfisicalSDK) {
  const lease = await client.dynamicSecrets().leases.create({
    dynamicSecretName: "dynamic-secret-name",
    environmentSlug: "dev",
    projectSlug: "your-project-slug",
    path: "/foo/bar",
    ttl: "5m" // Optional
  });

  console.log(lease);

  const deletedLease = await client.dynamicSecrets().leases.delete(lease.lease.id, {
    environmentSlug: "dev",
    projectSlug: "test-zb-3a",
    path: "/foo/bar",
    isForced: false // Wether or not to forcefully delete the lease. This can't guarantee that the lease will be deleted from the external provider.
  });

  const renewedLease = await client.dynamicSecrets().leases.renew(lease.lease.id, {
    environmentSlug: "dev",
    projectSlug: "project-slug",
    path: "/foo/bar", // Optional
    ttl: "10m" // Optional
  });

  return [deletedLease, renewedLease];
}
