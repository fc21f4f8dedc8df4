// Type test: every public method, option and result type of every area,
// imported from the package root as a user would. Compiled, never run.

import {
  DynamicSecretProviders,
  EncryptionAlgorithm,
  InfisicalSDK,
  KeyUsage,
  SecretType,
  SigningAlgorithm,
  SqlProviders,
} from '../..';
import type {
  AliCloudAuthLoginOptions,
  ApiResponse,
  BatchCreateSecretItem,
  BatchCreateSecretsOptions,
  BatchDeleteSecretsOptions,
  BatchSecretsResponse,
  BatchUpdateMode,
  BatchUpdateSecretItem,
  BatchUpdateSecretsOptions,
  DeleteFolderOptions,
  DynamicSecretLocationOptions,
  FolderDetails,
  GetFolderOptions,
  GetLeaseResponse,
  LeaseDetails,
  ListLeasesResponse,
  UpdateDynamicSecretOptions,
  UpdateFolderOptions,
  AwsIamAuthLoginRequest,
  AwsIamAuthLoginResponse,
  AzureAuthLoginOptions,
  BaseSecretOptions,
  CreateDynamicSecretLeaseOptions,
  CreateDynamicSecretOptions,
  CreateDynamicSecretRequest,
  CreateDynamicSecretResponse,
  CreateEnvironmentOptions,
  CreateEnvironmentRequest,
  CreateEnvironmentResponse,
  CreateFolderOptions,
  CreateFolderRequest,
  CreateFolderResponse,
  CreateKmsKeyOptions,
  CreateKmsKeyResponse,
  CreateLeaseRequest,
  CreateLeaseResponse,
  CreateProjectOptions,
  CreateProjectRequest,
  CreateProjectResponse,
  CreateSecretOptions,
  CreateSecretRequest,
  CreateSecretResponse,
  DeleteDynamicSecretLeaseOptions,
  DeleteDynamicSecretOptions,
  DeleteDynamicSecretRequest,
  DeleteDynamicSecretResponse,
  DeleteKmsKeyOptions,
  DeleteKmsKeyResponse,
  DeleteLeaseRequest,
  DeleteLeaseResponse,
  DeleteSecretOptions,
  DeleteSecretRequest,
  DeleteSecretResponse,
  DynamicSecret,
  Environment,
  Folder,
  GetKmsKeyByNameOptions,
  GetKmsKeyByNameResponse,
  GetSecretOptions,
  GetSecretRequest,
  GetSecretResponse,
  InviteMembersRequest,
  InviteMembersResponse,
  InviteMemberToProjectOptions,
  KmsDecryptDataOptions,
  KmsDecryptDataResponse,
  KmsEncryptDataOptions,
  KmsEncryptDataResponse,
  KmsGetPublicKeyOptions,
  KmsGetPublicKeyResponse,
  KmsKey,
  KmsListSigningAlgorithmsOptions,
  KmsListSigningAlgorithmsResponse,
  KmsSignDataOptions,
  KmsSignDataResponse,
  KmsVerifyDataOptions,
  KmsVerifyDataResponse,
  Lease,
  ListFoldersOptions,
  ListFoldersRequest,
  ListFoldersResponse,
  ListSecretsOptions,
  ListSecretsRequest,
  ListSecretsResponse,
  Membership,
  OciAuthLoginOptions,
  Project,
  RenewDynamicSecretLeaseOptions,
  RenewLeaseRequest,
  RenewLeaseResponse,
  Secret,
  TDynamicSecretProvider,
  TokenRenewRequest,
  TokenRenewResponse,
  UniversalAuthLoginRequest,
  UniversalAuthLoginResponse,
  KubernetesAuthLoginOptions,
  JwtAuthLoginOptions,
  OidcAuthLoginOptions,
  LdapAuthLoginOptions,
  GcpIdTokenAuthLoginOptions,
  GcpIamAuthLoginOptions,
  GcpServiceAccountKey,
  JwtSource,
  UpdateSecretOptions,
  UpdateSecretRequest,
  UpdateSecretResponse,
} from '../..';

const PROJECT_ID = 'project-id';

// --- construction -----------------------------------------------------------

export function construct(): InfisicalSDK[] {
  return [
    new InfisicalSDK(),
    new InfisicalSDK({}),
    new InfisicalSDK({ siteUrl: 'https://eu.infisical.com' }),
    new InfisicalSDK({ siteUrl: '' }),
    new InfisicalSDK(undefined),
    // Our additions (README "Beyond the official SDK").
    new InfisicalSDK({ cache: {} }),
    new InfisicalSDK({ cache: { ttlSeconds: 60 } }),
    new InfisicalSDK({ cache: { ttlSeconds: 30, maxEntries: 500, maxBytes: 16 * 1024 * 1024, staleIfErrorSeconds: 300 } }),
    new InfisicalSDK({ autoTokenRefresh: false }),
    new InfisicalSDK({ caCertificate: '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n' }),
    new InfisicalSDK({
      siteUrl: 'https://infisical.example.com',
      caCertificate: 'pem',
      cache: { staleIfErrorSeconds: 3600 },
      autoTokenRefresh: true,
    }),
    new InfisicalSDK({ timeoutMs: 5000 }),
    new InfisicalSDK({ retry: {} }),
    new InfisicalSDK({ retry: { maxRetries: 0 } }),
    new InfisicalSDK({ retry: { maxRetries: 2, baseDelayMs: 250 } }),
    new InfisicalSDK({ headers: { 'CF-Access-Client-Id': 'id.access', 'CF-Access-Client-Secret': 'secret' } }),
    new InfisicalSDK({ userAgent: 'my-service/1.4.2' }),
    new InfisicalSDK({
      siteUrl: 'https://infisical.example.com',
      timeoutMs: 3000,
      retry: { maxRetries: 6, baseDelayMs: 500 },
      headers: { 'X-Tenant': 'acme' },
      userAgent: 'billing-worker/3.1',
    }),
  ];
}

// The README samples of "Timeouts and retries", "Extra headers" and "User-Agent", as written there.
export function readmeClientOptions(): InfisicalSDK[] {
  return [
    new InfisicalSDK({
      timeoutMs: 3000, // per attempt (default 10000); "This operation was aborted: no response within 3000 ms"
      retry: { maxRetries: 2, baseDelayMs: 250 }, // 429s and network failures: 3 attempts, waits 250 ms then 500 ms (±20 %)
    }),
    new InfisicalSDK({
      siteUrl: 'https://infisical.example.com',
      headers: { 'CF-Access-Client-Id': '<id>.access', 'CF-Access-Client-Secret': '<service-token-secret>' },
    }),
    new InfisicalSDK({ userAgent: 'billing-worker/3.1' }),
    // Entries (of a Map, say) converted as the README says.
    new InfisicalSDK({ headers: Object.fromEntries(new Map([['X-Tenant', 'acme']])) }),
  ];
}

export function clearCache(sdk: InfisicalSDK): void {
  const nothing: void = sdk.clearCache();
  // An arrow function, like the accessors: it works detached.
  const { clearCache: detached } = sdk;
  detached();
  void nothing;
}

// --- auth -------------------------------------------------------------------

export async function auth(sdk: InfisicalSDK): Promise<void> {
  const before: string | null = sdk.auth().getAccessToken();

  const login: UniversalAuthLoginRequest = { clientId: 'id', clientSecret: 'secret' };
  const afterLogin: InfisicalSDK = await sdk.auth().universalAuth.login(login);
  const renewed: InfisicalSDK = await afterLogin.auth().universalAuth.renew();

  const aws1: InfisicalSDK = await sdk.auth().awsIamAuth.login();
  const aws2: InfisicalSDK = await sdk.auth().awsIamAuth.login({});
  const aws3: InfisicalSDK = await sdk.auth().awsIamAuth.login({ identityId: 'identity-id' });
  const aws4: InfisicalSDK = await aws3.auth().awsIamAuth.renew();

  const manual: InfisicalSDK = sdk.auth().accessToken('token');
  const token: string | null = manual.auth().getAccessToken();

  // Detached arrow functions keep their types.
  const { getAccessToken, accessToken, universalAuth, awsIamAuth } = sdk.auth();
  const detached: [string | null, InfisicalSDK] = [getAccessToken(), accessToken('t')];
  const logins: Array<() => Promise<InfisicalSDK>> = [universalAuth.renew, awsIamAuth.renew, () => awsIamAuth.login()];

  // The wire types of the auth routes.
  const wire: [
    AwsIamAuthLoginRequest,
    AwsIamAuthLoginResponse,
    UniversalAuthLoginResponse,
    TokenRenewRequest,
    TokenRenewResponse,
  ] = [
    { identityId: 'i', iamHttpRequestMethod: 'POST', iamRequestBody: 'Ym9keQ==', iamRequestHeaders: 'e30=' },
    { accessToken: 'a', expiresIn: 7200 },
    { accessToken: 'a', expiresIn: 7200 },
    { accessToken: 'a' },
    { accessToken: 'b', expiresIn: 7200 },
  ];
  void [before, renewed, aws1, aws2, aws4, token, detached, logins, wire];
}

// --- logins beyond @infisical/sdk (issue #13) ----------------------------------

export async function moreLogins(sdk: InfisicalSDK): Promise<void> {
  const withOrg: InfisicalSDK = await sdk.auth().universalAuth.login({ clientId: 'id', clientSecret: 's', organizationSlug: 'acme' });
  const awsOrg: InfisicalSDK = await sdk.auth().awsIamAuth.login({ identityId: 'i', organizationSlug: 'acme' });

  const k8sDefault: InfisicalSDK = await sdk.auth().kubernetesAuth.login();
  const k8sOptions: KubernetesAuthLoginOptions = { identityId: 'i', serviceAccountTokenPath: '/var/run/token', organizationSlug: 'acme' };
  const k8s: InfisicalSDK = await sdk.auth().kubernetesAuth.login(k8sOptions);
  const k8sToken: InfisicalSDK = await sdk.auth().kubernetesAuth.login({ serviceAccountToken: 'eyJ...' });

  const fixed: JwtSource = 'eyJ...';
  const fresh: JwtSource = async () => 'eyJ...';
  const sync: JwtSource = () => 'eyJ...';
  const jwtOptions: JwtAuthLoginOptions = { identityId: 'i', jwt: fixed };
  const jwt: InfisicalSDK = await sdk.auth().jwtAuth.login(jwtOptions);
  const oidcOptions: OidcAuthLoginOptions = { jwt: fresh, organizationSlug: 'acme' };
  const oidc: InfisicalSDK = await sdk.auth().oidcAuth.login(oidcOptions);
  const oidcSync: InfisicalSDK = await sdk.auth().oidcAuth.login({ identityId: 'i', jwt: sync });

  const ldapOptions: LdapAuthLoginOptions = { identityId: 'i', username: 'u', password: 'p' };
  const ldap: InfisicalSDK = await sdk.auth().ldapAuth.login(ldapOptions);

  const gceOptions: GcpIdTokenAuthLoginOptions = { identityId: 'i', metadataUrl: 'http://127.0.0.1:8080' };
  const gce: InfisicalSDK = await sdk.auth().gcpIdTokenAuth.login(gceOptions);
  const gceDefault: InfisicalSDK = await sdk.auth().gcpIdTokenAuth.login();

  const key: GcpServiceAccountKey = { type: 'service_account', client_email: 'a@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----', private_key_id: 'k', project_id: 'p' };
  const iamOptions: GcpIamAuthLoginOptions = { identityId: 'i', serviceAccountKey: key };
  const iam: InfisicalSDK = await sdk.auth().gcpIamAuth.login(iamOptions);
  const iamFile: InfisicalSDK = await sdk.auth().gcpIamAuth.login({ serviceAccountKeyFilePath: '/keys/sa.json' });
  const iamText: InfisicalSDK = await sdk.auth().gcpIamAuth.login({ serviceAccountKey: '{"client_email":"..."}' });

  const renewed: InfisicalSDK = await sdk.auth().kubernetesAuth.renew();
  const revoked: InfisicalSDK = await sdk.auth().revoke();
  const { revoke, jwtAuth } = sdk.auth();
  const detached: Array<() => Promise<InfisicalSDK>> = [revoke, jwtAuth.renew, () => jwtAuth.login({ jwt: 'x' })];

  void [withOrg, awsOrg, k8sDefault, k8s, k8sToken, jwt, oidc, oidcSync, ldap, gce, gceDefault, iam, iamFile, iamText, renewed, revoked, detached];
}
// Cloud logins (not in @infisical/sdk): each resolves to the SDK and renews like the others.
export async function cloudLogins(sdk: InfisicalSDK): Promise<InfisicalSDK[]> {
  const azure: AzureAuthLoginOptions = { identityId: 'id', resource: 'https://management.azure.com/', clientId: 'user-assigned', imdsEndpoint: 'http://127.0.0.1:1', organizationSlug: 'org' };
  const oci: OciAuthLoginOptions = {
    identityId: 'id',
    userOcid: 'ocid1.user.oc1..a',
    tenancyOcid: 'ocid1.tenancy.oc1..b',
    fingerprint: 'aa:bb',
    privateKey: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
    passphrase: 'p',
    region: 'us-ashburn-1',
  };
  const aliCloud: AliCloudAuthLoginOptions = { identityId: 'id', accessKeyId: 'LTAI', accessKeySecret: 'secret' };
  const { azureAuth, ociAuth, aliCloudAuth } = sdk.auth();
  return [
    await azureAuth.login(),
    await azureAuth.login({}),
    await sdk.auth().azureAuth.login(azure),
    await sdk.auth().ociAuth.login(oci),
    await sdk.auth().ociAuth.login({ userOcid: 'u', tenancyOcid: 't', fingerprint: 'f', privateKey: 'k', region: 'r' }),
    await sdk.auth().aliCloudAuth.login(aliCloud),
    await azureAuth.renew(),
    await ociAuth.renew(),
    await aliCloudAuth.renew(),
  ];
}

// --- secrets ----------------------------------------------------------------

export async function secrets(sdk: InfisicalSDK): Promise<void> {
  const client = sdk.secrets();

  const minimal: ListSecretsResponse = await client.listSecrets({ environment: 'dev', projectId: PROJECT_ID });
  const listOptions: ListSecretsOptions = {
    environment: 'dev',
    projectId: PROJECT_ID,
    expandSecretReferences: false,
    attachToProcessEnv: true,
    includeImports: true,
    recursive: true,
    secretPath: '/foo/bar',
    tagSlugs: ['a', 'b'],
    viewSecretValue: false,
  };
  const listed: ListSecretsResponse = await client.listSecrets(listOptions);
  const first: Secret | undefined = listed.secrets[0];
  const imports = listed.imports ?? [];
  for (const imp of imports) {
    const fields: [string, Secret[], string | undefined, string] = [imp.secretPath, imp.secrets, imp.folderId, imp.environment];
    void fields;
  }

  const { includeImports: _dropped, ...withoutImports } = listOptions;
  const flat: Secret[] = await client.listSecretsWithImports(withoutImports);
  const flat2: Secret[] = await client.listSecretsWithImports({ environment: 'dev', projectId: PROJECT_ID, recursive: true });

  const getOptions: GetSecretOptions = {
    environment: 'dev',
    secretName: 'DATABASE_URL',
    expandSecretReferences: true,
    includeImports: true,
    secretPath: '/',
    type: SecretType.Shared,
    version: 3,
    projectId: PROJECT_ID,
    viewSecretValue: true,
  };
  const secret: Secret = await client.getSecret(getOptions);
  const secretFields: [
    string, string, string, string, string,
    string | undefined, string | undefined, boolean, string | undefined, number | undefined,
    boolean | undefined, string | undefined, string | undefined, boolean, string | undefined,
    Record<string, any> | undefined, SecretType, string, string, number, string[],
  ] = [
    secret.id, secret.workspaceId, secret.environment, secret.secretKey, secret.secretValue,
    secret.secretComment, secret.secretPath, secret.secretValueHidden, secret.secretReminderNote,
    secret.secretReminderRepeatDays, secret.skipMultilineEncoding, secret.folderId,
    secret.actor?.actorId ?? secret.actor?.name ?? secret.actor?.actorType ?? secret.actor?.membershipId,
    secret.isRotatedSecret, secret.rotationId, secret.secretMetadata, secret.type, secret.createdAt,
    secret.updatedAt, secret.version, secret.tags,
  ];

  const base: BaseSecretOptions = {
    environment: 'dev',
    projectId: PROJECT_ID,
    secretComment: 'comment',
    secretPath: '/',
    secretReminderNote: 'rotate me',
    secretReminderRepeatDays: 30,
    skipMultilineEncoding: true,
    tagIds: ['tag-id'],
    type: SecretType.Personal,
    metadata: { owner: 'team-a' },
    secretMetadata: [{ key: 'k', value: 'v' }],
  };
  const createOptions: CreateSecretOptions = { ...base, secretValue: 'value' };
  const created: CreateSecretResponse = await client.createSecret('NEW_SECRET', createOptions);
  const createdMinimal: CreateSecretResponse = await client.createSecret('S', {
    environment: 'dev',
    projectId: PROJECT_ID,
    secretValue: 'v',
  });

  const updateOptions: UpdateSecretOptions = { ...base, secretValue: 'new value', newSecretName: 'RENAMED' };
  const updated: UpdateSecretResponse = await client.updateSecret('NEW_SECRET', updateOptions);
  const updatedMinimal: UpdateSecretResponse = await client.updateSecret('S', { environment: 'dev', projectId: PROJECT_ID });

  const deleteOptions: DeleteSecretOptions = {
    environment: 'dev',
    projectId: PROJECT_ID,
    secretPath: '/',
    type: SecretType.Shared,
  };
  const deleted: DeleteSecretResponse = await client.deleteSecret('RENAMED', deleteOptions);

  // Detached arrow functions keep their types.
  // Beyond the official SDK: the batch calls.
  const batchCreateOptions: BatchCreateSecretsOptions = {
    projectId: PROJECT_ID,
    environment: 'dev',
    secretPath: '/',
    secrets: [
      { secretKey: 'A', secretValue: '1', secretComment: 'c', skipMultilineEncoding: true, tagIds: ['t'], secretMetadata: [{ key: 'k', value: 'v' }] },
      { secretKey: 'B', secretValue: '2' } satisfies BatchCreateSecretItem,
    ],
  };
  const batchCreated: BatchSecretsResponse = await client.batchCreate(batchCreateOptions);
  const firstCreated: Secret | undefined = batchCreated.secrets[0];
  const mode: BatchUpdateMode = 'upsert';
  const item: BatchUpdateSecretItem = { secretKey: 'A', secretValue: '2', secretPath: '/other', newSecretName: 'C', secretReminderNote: null, secretReminderRepeatDays: 3 };
  const batchUpdateOptions: BatchUpdateSecretsOptions = { projectId: PROJECT_ID, environment: 'dev', mode, secrets: [item, { secretKey: 'B' }] };
  const batchUpdated: BatchSecretsResponse = await client.batchUpdate(batchUpdateOptions);
  const batchDeleteOptions: BatchDeleteSecretsOptions = {
    projectId: PROJECT_ID,
    environment: 'dev',
    secrets: [{ secretKey: 'A' }, { secretKey: 'B', type: SecretType.Shared }, { secretKey: 'C', type: 'shared' }],
  };
  const batchDeleted: BatchSecretsResponse = await client.batchDelete(batchDeleteOptions);
  void [firstCreated, batchUpdated, batchDeleted];

  const { listSecrets, getSecret, createSecret, updateSecret, deleteSecret, listSecretsWithImports, batchCreate, batchUpdate, batchDelete } = client;
  const detached = [listSecrets, getSecret, createSecret, updateSecret, deleteSecret, listSecretsWithImports, batchCreate, batchUpdate, batchDelete];

  // The wire types of the secret routes.
  const wire: [ListSecretsRequest, GetSecretRequest, GetSecretResponse, CreateSecretRequest, UpdateSecretRequest, DeleteSecretRequest] = [
    {
      workspaceId: PROJECT_ID, environment: 'dev', expandSecretReferences: 'true', include_imports: 'false',
      recursive: 'false', secretPath: '/', tagSlugs: 'a,b', viewSecretValue: 'true',
    },
    {
      secretName: 'S', workspaceId: PROJECT_ID, environment: 'dev', expandSecretReferences: 'true',
      includeImports: 'false', secretPath: '/', type: SecretType.Shared, version: 1, viewSecretValue: 'true',
    },
    { secret },
    {
      workspaceId: PROJECT_ID, environment: 'dev', secretValue: 'v', secretComment: 'c', secretPath: '/',
      secretReminderNote: 'n', secretReminderRepeatDays: 1, skipMultilineEncoding: false, tagIds: [], type: SecretType.Shared,
    },
    {
      workspaceId: PROJECT_ID, environment: 'dev', secretValue: 'v', newSecretName: 'N', secretComment: 'c',
      secretPath: '/', secretReminderNote: 'n', secretReminderRepeatDays: 1, skipMultilineEncoding: false,
      tagIds: [], type: SecretType.Personal, metadata: {},
    },
    { workspaceId: PROJECT_ID, environment: 'dev', secretPath: '/', type: SecretType.Shared },
  ];
  const envelope: ApiResponse<ListSecretsResponse> = { statusCode: 200, message: 'ok', data: minimal };

  void [first, flat, flat2, secretFields, created, createdMinimal, updated, updatedMinimal, deleted, detached, wire, envelope];
  void [created.secret.secretKey, updated.secret.version, deleted.secret.type];
}

// --- dynamic secrets and leases -----------------------------------------------

export async function dynamicSecrets(sdk: InfisicalSDK): Promise<void> {
  const client = sdk.dynamicSecrets();

  const redis: TDynamicSecretProvider = {
    type: DynamicSecretProviders.Redis,
    inputs: {
      host: 'redis.internal',
      port: 6379,
      username: 'default',
      password: 'secret', // optional for Redis
      creationStatement: 'ACL SETUSER {{username}} on >{{password}} ~* &* +@all',
      revocationStatement: 'ACL DELUSER {{username}}',
      renewStatement: 'ACL SETUSER {{username}}',
      ca: '-----BEGIN CERTIFICATE-----',
    },
  };
  const sql: TDynamicSecretProvider = {
    type: DynamicSecretProviders.SqlDatabase,
    inputs: {
      client: SqlProviders.Postgres,
      host: 'db.internal',
      port: 5432,
      database: 'app',
      username: 'admin',
      password: 'secret',
      creationStatement: "CREATE USER \"{{username}}\" WITH PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
      revocationStatement: 'DROP USER "{{username}}";',
      renewStatement: "ALTER USER \"{{username}}\" VALID UNTIL '{{expiration}}';",
      passwordRequirements: {
        length: 48,
        required: { minUppercase: 1, minLowercase: 1, minDigits: 1, minSymbols: 0 },
        allowedSymbols: '-_.',
      },
    },
  };
  const others: TDynamicSecretProvider[] = [
    {
      type: DynamicSecretProviders.SqlDatabase,
      inputs: {
        client: SqlProviders.MySQL, host: 'h', port: 3306, database: 'd', username: 'u', password: 'p',
        creationStatement: 'c', revocationStatement: 'r',
      },
    },
    {
      type: DynamicSecretProviders.Cassandra,
      inputs: {
        host: 'h', port: 9042, localDataCenter: 'dc1', keyspace: 'ks', username: 'u', password: 'p',
        creationStatement: 'c', revocationStatement: 'r',
      },
    },
    {
      type: DynamicSecretProviders.AwsIam,
      inputs: { accessKey: 'AKIA', secretAccessKey: 's', region: 'us-east-1', policyArns: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    },
    {
      type: DynamicSecretProviders.MongoAtlas,
      inputs: {
        adminPublicKey: 'pub', adminPrivateKey: 'priv', groupId: 'g',
        roles: [{ databaseName: 'admin', roleName: 'read' }], scopes: [{ type: 'CLUSTER', name: 'c0' }],
      },
    },
    {
      type: DynamicSecretProviders.MongoDB,
      inputs: { host: 'h', username: 'u', password: 'p', database: 'd', roles: ['readWrite'] },
    },
    {
      type: DynamicSecretProviders.RabbitMq,
      inputs: {
        host: 'h', port: 15672, username: 'u', password: 'p', tags: [],
        virtualHost: { name: '/', permissions: { read: '.*', write: '.*', configure: '.*' } },
      },
    },
    {
      type: DynamicSecretProviders.AzureEntraID,
      inputs: { tenantId: 't', userId: 'u', email: 'e@example.com', applicationId: 'a', clientSecret: 's' },
    },
    {
      type: DynamicSecretProviders.Snowflake,
      inputs: { accountId: 'a', orgId: 'o', username: 'u', password: 'p', creationStatement: 'c', revocationStatement: 'r' },
    },
  ];

  const options: CreateDynamicSecretOptions = {
    provider: redis,
    defaultTTL: '1h',
    maxTTL: '24h',
    name: 'redis-dynamic',
    projectSlug: 'project-slug',
    environmentSlug: 'dev',
    path: '/',
    metadata: [{ key: 'team', value: 'a' }],
  };
  const created: DynamicSecret = await client.create(options);
  const createdSql: DynamicSecret = await client.create({ ...options, provider: sql, name: 'sql-dynamic' });
  const dsFields: [string, string, string, string, DynamicSecretProviders, Record<string, any>, string, string, number, string, string, string, string, string, { key: string; value: string }[]] = [
    created.id, created.name, created.defaultTTL, created.maxTTL, created.provider.type, created.provider.inputs,
    created.createdAt, created.updatedAt, created.version, created.type, created.folderId, created.status,
    created.statusDetails, created.projectGatewayId, created.metadata,
  ];

  const deleteOptions: DeleteDynamicSecretOptions = { environmentSlug: 'dev', projectSlug: 'project-slug', path: '/', isForced: true };
  const deleted: DynamicSecret = await client.delete('sql-dynamic', deleteOptions);

  const leaseOptions: CreateDynamicSecretLeaseOptions = {
    dynamicSecretName: 'redis-dynamic',
    environmentSlug: 'dev',
    projectSlug: 'project-slug',
    path: '/',
    ttl: '5m',
  };
  const lease: CreateLeaseResponse = await client.leases.create(leaseOptions);
  const l: Lease = lease.lease;
  const leaseFields: [string, string, Record<string, any>, string, string, string] = [l.id, l.dynamicSecretId, l.data, l.expireAt, l.createdAt, l.updatedAt];

  const renewOptions: RenewDynamicSecretLeaseOptions = { environmentSlug: 'dev', projectSlug: 'project-slug', path: '/', ttl: '10m' };
  const renewed: RenewLeaseResponse = await client.leases.renew(l.id, renewOptions);

  const deleteLeaseOptions: DeleteDynamicSecretLeaseOptions = { environmentSlug: 'dev', projectSlug: 'project-slug', path: '/', isForced: false };
  const deletedLease: DeleteLeaseResponse = await client.leases.delete(l.id, deleteLeaseOptions);

  // Narrowing on the discriminant works.
  const hostOf = (p: TDynamicSecretProvider): string | undefined => {
    switch (p.type) {
      case DynamicSecretProviders.Redis:
        return p.inputs.host;
      case DynamicSecretProviders.SqlDatabase:
        return `${p.inputs.client}://${p.inputs.host}:${p.inputs.port}`;
      default:
        return undefined;
    }
  };

  // The wire types of the dynamic-secret routes.
  const wire: [
    CreateDynamicSecretRequest, CreateDynamicSecretResponse, DeleteDynamicSecretRequest, DeleteDynamicSecretResponse,
    CreateLeaseRequest, DeleteLeaseRequest, RenewLeaseRequest,
  ] = [
    { provider: sql, defaultTTL: '1h', maxTTL: '1d', name: 'n', projectSlug: 'p', environmentSlug: 'dev' },
    { dynamicSecret: created },
    { environmentSlug: 'dev', projectSlug: 'p', path: '/', isForced: false },
    { dynamicSecret: deleted },
    { dynamicSecretName: 'n', environmentSlug: 'dev', projectSlug: 'p', path: '/', ttl: '1m' },
    { environmentSlug: 'dev', projectSlug: 'p', path: '/', isForced: true },
    { environmentSlug: 'dev', projectSlug: 'p', path: '/', ttl: '1m' },
  ];

  // Beyond the official SDK: list, get, update, leases.list, leases.get.
  const location: DynamicSecretLocationOptions = { projectSlug: 'project-slug', environmentSlug: 'dev', path: '/' };
  const listed: DynamicSecret[] = await client.list(location);
  const one: DynamicSecret = await client.get('redis-dynamic', location);
  const inputs: Record<string, any> | undefined = one.inputs;
  const updateOptions: UpdateDynamicSecretOptions = {
    ...location,
    data: { defaultTTL: '2h', maxTTL: null, newName: 'renamed', inputs: { port: 6380 }, metadata: [{ key: 'k', value: 'v' }], usernameTemplate: null },
  };
  const updated: DynamicSecret = await client.update('redis-dynamic', updateOptions);
  const leases: ListLeasesResponse = await client.leases.list('redis-dynamic', location);
  const details: LeaseDetails | undefined = leases.leases[0];
  const gotLease: GetLeaseResponse = await client.leases.get(l.id, location);
  const leaseDetailFields: [string, number, string, string, string, DynamicSecret] = [
    gotLease.lease.id, gotLease.lease.version, gotLease.lease.externalEntityId, gotLease.lease.expireAt,
    gotLease.lease.dynamicSecretId, gotLease.lease.dynamicSecret,
  ];
  const { list, get, update } = client;
  const { list: listLeases, get: getLease } = client.leases;

  void [others, createdSql, dsFields, leaseFields, renewed, deletedLease, hostOf, wire];
  void [listed, inputs, updated, details, leaseDetailFields, list, get, update, listLeases, getLease];
}

// --- environments, projects, folders ------------------------------------------

export async function environmentsProjectsFolders(sdk: InfisicalSDK): Promise<void> {
  const envOptions: CreateEnvironmentOptions = { name: 'Staging', projectId: PROJECT_ID, slug: 'staging', position: 2 };
  const env: Environment = await sdk.environments().create(envOptions);
  const envFields: [string, string, string, number, string, string, string] = [
    env.id, env.name, env.slug, env.position, env.projectId, env.createdAt, env.updatedAt,
  ];

  const projectOptions: CreateProjectOptions = {
    projectName: 'Project',
    type: 'secret-manager',
    projectDescription: 'description',
    slug: 'project',
    template: 'default',
    kmsKeyId: 'kms-key-id',
  };
  const project: Project = await sdk.projects().create(projectOptions);
  const projectFields: [string, string, string, string | undefined, string, string, string] = [
    project.id, project.name, project.slug, project.description, project.type, project.createdAt, project.updatedAt,
  ];

  const inviteOptions: InviteMemberToProjectOptions = {
    projectId: project.id,
    emails: ['a@example.com'],
    usernames: ['b'],
    roleSlugs: ['member'],
  };
  const memberships: Membership[] = await sdk.projects().inviteMembers(inviteOptions);
  const m = memberships[0];
  const membershipFields = m && ([m.id, m.userId, m.projectId, m.role, m.status, m.createdAt, m.updatedAt] satisfies string[]);

  const folderOptions: CreateFolderOptions = { name: 'app', path: '/', projectId: PROJECT_ID, environment: 'dev', description: 'd' };
  const folder: Folder = await sdk.folders().create(folderOptions);
  const folderFields: [string, string, string, string | undefined, string, string, string | undefined, boolean | undefined, string | undefined, number | undefined] = [
    folder.id, folder.name, folder.envId, folder.description, folder.createdAt, folder.updatedAt, folder.parentId,
    folder.isReserved, folder.lastSecretModified, folder.version,
  ];

  const listOptions: ListFoldersOptions = {
    environment: 'dev',
    projectId: PROJECT_ID,
    path: '/',
    recursive: true,
    lastSecretModified: '2024-01-01T00:00:00Z',
  };
  const folders: Folder[] = await sdk.folders().listFolders(listOptions);

  const { create: createEnvironment } = sdk.environments();
  const { create: createProject, inviteMembers } = sdk.projects();
  // Beyond the official SDK: get, update, delete.
  const getOptions: GetFolderOptions = { folderId: folder.id };
  const details: FolderDetails = await sdk.folders().get(getOptions);
  const where: [string, string, string, string, string] = [
    details.path, details.projectId, details.environment.envId, details.environment.envName, details.environment.envSlug,
  ];
  const updateOptions: UpdateFolderOptions = { folderId: folder.id, name: 'service', projectId: PROJECT_ID, environment: 'dev', path: '/', description: 'd' };
  const renamed: Folder & { path: string } = await sdk.folders().update(updateOptions);
  const byId: DeleteFolderOptions = { folderId: folder.id, projectId: PROJECT_ID, environment: 'dev' };
  const byName: DeleteFolderOptions = { folderName: 'service', projectId: PROJECT_ID, environment: 'dev', path: '/' };
  const removed: Folder[] = [await sdk.folders().delete(byId), await sdk.folders().delete(byName)];
  void [where, renamed, removed];

  const { create: createFolder, listFolders, get: getFolder, update: updateFolder, delete: deleteFolder } = sdk.folders();
  const detached = [createEnvironment, createProject, inviteMembers, createFolder, listFolders, getFolder, updateFolder, deleteFolder];

  const wire: [
    CreateEnvironmentRequest, CreateEnvironmentResponse, CreateProjectRequest, CreateProjectResponse,
    InviteMembersRequest, InviteMembersResponse, CreateFolderRequest, CreateFolderResponse, ListFoldersRequest, ListFoldersResponse,
  ] = [
    { name: 'n', projectId: PROJECT_ID, slug: 's', position: 1 },
    { message: 'ok', workspace: PROJECT_ID, environment: env },
    { projectName: 'p', type: 'secret-manager', projectDescription: 'd', slug: 's', template: 't', kmsKeyId: 'k' },
    { project },
    { projectId: PROJECT_ID, emails: [], usernames: [], roleSlugs: [] },
    { memberships },
    { name: 'n', path: '/', workspaceId: PROJECT_ID, environment: 'dev', description: 'd' },
    { folder },
    { environment: 'dev', workspaceId: PROJECT_ID, path: '/', recursive: false, lastSecretModified: 'x' },
    { folders },
  ];

  void [envFields, projectFields, membershipFields, folderFields, detached, wire];
}

// --- kms ----------------------------------------------------------------------

export async function kms(sdk: InfisicalSDK): Promise<void> {
  const keys = sdk.kms().keys();
  const createOptions: CreateKmsKeyOptions = {
    projectId: PROJECT_ID,
    name: 'key',
    description: 'd',
    keyUsage: KeyUsage.ENCRYPTION,
    encryptionAlgorithm: EncryptionAlgorithm.AES_256_GCM,
  };
  const key: KmsKey = await keys.create(createOptions);
  const keyFields: [string, string, boolean, string, string, string, KeyUsage, number, EncryptionAlgorithm] = [
    key.id, key.description, key.isDisabled, key.orgId, key.name, key.projectId, key.keyUsage, key.version, key.encryptionAlgorithm,
  ];
  const signingKey: KmsKey = await keys.create({
    projectId: PROJECT_ID,
    name: 'signing',
    keyUsage: KeyUsage.SIGNING,
    encryptionAlgorithm: EncryptionAlgorithm.RSA_4096,
  });
  const byNameOptions: GetKmsKeyByNameOptions = { projectId: PROJECT_ID, name: 'key' };
  const byName: KmsKey = await keys.getByName(byNameOptions);
  const deleteOptions: DeleteKmsKeyOptions = { keyId: key.id };
  const deletedKey: KmsKey = await keys.delete(deleteOptions);

  const encryption = sdk.kms().encryption();
  const encryptOptions: KmsEncryptDataOptions = { keyId: key.id, plaintext: 'aGVsbG8=' };
  const ciphertext: string = await encryption.encrypt(encryptOptions);
  const decryptOptions: KmsDecryptDataOptions = { keyId: key.id, ciphertext };
  const plaintext: string = await encryption.decrypt(decryptOptions);

  const signing = sdk.kms().signing();
  const listOptions: KmsListSigningAlgorithmsOptions = { keyId: signingKey.id };
  const algorithms: SigningAlgorithm[] = await signing.listSigningAlgorithms(listOptions);
  const signOptions: KmsSignDataOptions = {
    keyId: signingKey.id,
    data: 'aGVsbG8=',
    signingAlgorithm: SigningAlgorithm.RSASSA_PSS_SHA_256,
    isDigest: false,
  };
  const signed: KmsSignDataResponse = await signing.sign(signOptions);
  const signedFields: [string, string, SigningAlgorithm] = [signed.signature, signed.keyId, signed.signingAlgorithm];
  const verifyOptions: KmsVerifyDataOptions = {
    keyId: signingKey.id,
    data: 'aGVsbG8=',
    signature: signed.signature,
    signingAlgorithm: signed.signingAlgorithm,
    isDigest: false,
  };
  const verified: KmsVerifyDataResponse = await signing.verify(verifyOptions);
  const verifiedFields: [boolean, string, SigningAlgorithm] = [verified.signatureValid, verified.keyId, verified.signingAlgorithm];
  const publicKeyOptions: KmsGetPublicKeyOptions = { keyId: signingKey.id };
  const publicKey: string = await signing.getPublicKey(publicKeyOptions);

  const wire: [
    CreateKmsKeyResponse, DeleteKmsKeyResponse, GetKmsKeyByNameResponse, KmsEncryptDataResponse, KmsDecryptDataResponse,
    KmsListSigningAlgorithmsResponse, KmsGetPublicKeyResponse,
  ] = [
    { key }, { key: deletedKey }, { key: byName }, { ciphertext }, { plaintext },
    { signingAlgorithms: algorithms }, { publicKey },
  ];

  void [keyFields, signedFields, verifiedFields, wire];
}

// --- enums: real enums, usable as values under isolatedModules ---------------

export const enumValues: string[] = [
  SecretType.Shared,
  SecretType.Personal,
  SqlProviders.Postgres,
  SqlProviders.MySQL,
  SqlProviders.Oracle,
  SqlProviders.MsSQL,
  SqlProviders.SapAse,
  ...Object.values(DynamicSecretProviders),
  ...Object.values(EncryptionAlgorithm),
  ...Object.values(SigningAlgorithm),
  ...Object.values(KeyUsage),
];
export const secretTypeKeys: Array<keyof typeof SecretType> = ['Shared', 'Personal'];
export const shared: 'shared' = `${SecretType.Shared}`;
