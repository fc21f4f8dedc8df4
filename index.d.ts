// Type declarations for infisical-sdk-native: the public surface of
// @infisical/sdk 5.0.2 (same exported names, same shapes), written by hand,
// without a dependency on zod. The same file serves `require` and `import`.
//
// The enums are real (non-const) enums: they exist at runtime as plain
// objects with the same values, so `isolatedModules` users can import them.

// ---------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------

/** Whether a secret is shared by the project or personal to the caller. */
export declare enum SecretType {
    Shared = "shared",
    Personal = "personal"
}

/** The database client of a `DynamicSecretProviders.SqlDatabase` dynamic secret. */
export declare enum SqlProviders {
    Postgres = "postgres",
    MySQL = "mysql2",
    Oracle = "oracledb",
    MsSQL = "mssql",
    SapAse = "sap-ase"
}

/** How an Elasticsearch dynamic secret authenticates (not exported, as in @infisical/sdk). */
declare enum ElasticSearchAuthTypes {
    User = "user",
    ApiKey = "api-key"
}

/** The credential type of an LDAP dynamic secret (not exported, as in @infisical/sdk). */
declare enum LdapCredentialType {
    Dynamic = "dynamic",
    Static = "static"
}

/** How a TOTP dynamic secret is configured (not exported, as in @infisical/sdk). */
declare enum TotpConfigType {
    URL = "url",
    MANUAL = "manual"
}

/** The hash algorithm of a TOTP dynamic secret (not exported, as in @infisical/sdk). */
declare enum TotpAlgorithm {
    SHA1 = "sha1",
    SHA256 = "sha256",
    SHA512 = "sha512"
}

/** The provider (`provider.type`) of a dynamic secret. */
export declare enum DynamicSecretProviders {
    SqlDatabase = "sql-database",
    Cassandra = "cassandra",
    AwsIam = "aws-iam",
    Redis = "redis",
    AwsElastiCache = "aws-elasticache",
    MongoAtlas = "mongo-db-atlas",
    ElasticSearch = "elastic-search",
    MongoDB = "mongo-db",
    RabbitMq = "rabbit-mq",
    AzureEntraID = "azure-entra-id",
    Ldap = "ldap",
    SapHana = "sap-hana",
    Snowflake = "snowflake",
    Totp = "totp",
    SapAse = "sap-ase"
}

/** The algorithm of a KMS key. */
export declare enum EncryptionAlgorithm {
    RSA_4096 = "RSA_4096",
    ECC_NIST_P256 = "ECC_NIST_P256",
    AES_256_GCM = "aes-256-gcm",
    AES_128_GCM = "aes-128-gcm"
}

/** A signing algorithm of an asymmetric KMS key. */
export declare enum SigningAlgorithm {
    RSASSA_PSS_SHA_512 = "RSASSA_PSS_SHA_512",
    RSASSA_PSS_SHA_384 = "RSASSA_PSS_SHA_384",
    RSASSA_PSS_SHA_256 = "RSASSA_PSS_SHA_256",
    RSASSA_PKCS1_V1_5_SHA_512 = "RSASSA_PKCS1_V1_5_SHA_512",
    RSASSA_PKCS1_V1_5_SHA_384 = "RSASSA_PKCS1_V1_5_SHA_384",
    RSASSA_PKCS1_V1_5_SHA_256 = "RSASSA_PKCS1_V1_5_SHA_256",
    ECDSA_SHA_512 = "ECDSA_SHA_512",
    ECDSA_SHA_384 = "ECDSA_SHA_384",
    ECDSA_SHA_256 = "ECDSA_SHA_256"
}

/** What a KMS key is for: encryption (symmetric) or signing (asymmetric). */
export declare enum KeyUsage {
    ENCRYPTION = "encrypt-decrypt",
    SIGNING = "sign-verify"
}

// ---------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------

/** A secret, as the server returns it. */
export interface Secret {
    id: string;
    /** The project id. */
    workspaceId: string;
    /** The environment slug. */
    environment: string;
    /** The secret's name. */
    secretKey: string;
    /** The value; `<hidden-by-infisical>` when listed with `viewSecretValue: false`. */
    secretValue: string;
    secretComment?: string;
    secretPath?: string;
    /** Whether `secretValue` was hidden by the server (`viewSecretValue: false`). */
    secretValueHidden: boolean;
    secretReminderNote?: string;
    secretReminderRepeatDays?: number;
    skipMultilineEncoding?: boolean;
    folderId?: string;
    actor?: {
        actorId?: string;
        name?: string;
        actorType?: string;
        membershipId?: string;
    };
    isRotatedSecret: boolean;
    rotationId?: string;
    secretMetadata?: Record<string, any>;
    type: SecretType;
    createdAt: string;
    updatedAt: string;
    version: number;
    tags: string[];
}

/** The query of `GET /api/v3/secrets/raw` (wire format: booleans as "true"/"false"). */
export interface ListSecretsRequest {
    workspaceId: string;
    environment: string;
    expandSecretReferences?: string;
    include_imports?: string;
    recursive?: string;
    secretPath?: string;
    /** Comma-separated tag slugs. */
    tagSlugs?: string;
    viewSecretValue?: string;
}

/** What `secrets().listSecrets()` resolves to. */
export interface ListSecretsResponse {
    secrets: Secret[];
    /** The imported secrets, by import (present when `includeImports: true`). */
    imports?: Array<{
        secretPath: string;
        secrets: Secret[];
        folderId?: string;
        environment: string;
    }>;
}

/** The query of `GET /api/v3/secrets/raw/{secretName}` (wire format). */
export interface GetSecretRequest {
    secretName: string;
    workspaceId: string;
    environment: string;
    expandSecretReferences?: string;
    includeImports?: string;
    secretPath?: string;
    type?: SecretType;
    version?: number;
    viewSecretValue?: string;
}

/** The body of a `GET /api/v3/secrets/raw/{secretName}` response. */
export interface GetSecretResponse {
    secret: Secret;
}

/** The body of `POST /api/v3/secrets/raw/{secretName}` (wire format). */
export interface CreateSecretRequest {
    workspaceId: string;
    environment: string;
    secretValue: string;
    secretComment?: string;
    secretPath?: string;
    secretReminderNote?: string;
    secretReminderRepeatDays?: number;
    skipMultilineEncoding?: boolean;
    tagIds?: string[];
    type?: SecretType;
}

/** The body of `PATCH /api/v3/secrets/raw/{secretName}` (wire format). */
export interface UpdateSecretRequest {
    workspaceId: string;
    environment: string;
    secretValue?: string;
    newSecretName?: string;
    secretComment?: string;
    secretPath?: string;
    secretReminderNote?: string;
    secretReminderRepeatDays?: number;
    skipMultilineEncoding?: boolean;
    tagIds?: string[];
    type?: SecretType;
    metadata?: Record<string, any>;
}

/** The body of `DELETE /api/v3/secrets/raw/{secretName}` (wire format). */
export interface DeleteSecretRequest {
    workspaceId: string;
    environment: string;
    secretPath?: string;
    type?: SecretType;
}

/** Options of `secrets().listSecrets()` (and, without `includeImports`, `listSecretsWithImports()`). */
export type ListSecretsOptions = {
    /** The environment slug, e.g. "dev", "staging", "prod". */
    environment: string;
    /** The project id. */
    projectId: string;
    /** Replace `${...}` references in values by what they point to. Default: true. */
    expandSecretReferences?: boolean;
    /**
     * Write every returned secret into `process.env` (overwriting values already set); with
     * imports, the imported secrets whose key is not already present are also appended to the
     * returned `secrets` array. Default: false.
     */
    attachToProcessEnv?: boolean;
    /** Also return the secrets imported into this path, in `imports`. Default: false. */
    includeImports?: boolean;
    /** Also return the secrets of every folder below `secretPath`. Default: false. */
    recursive?: boolean;
    /** The folder path to list. Default: the server's, "/" (sent only when given). */
    secretPath?: string;
    /** Only secrets carrying these tags (sent comma-joined). Default: no tag filter. */
    tagSlugs?: string[];
    /** Return secret values; when false the server sends `<hidden-by-infisical>`. Default: true. */
    viewSecretValue?: boolean;
};

/** Options of `secrets().getSecret()`. */
export type GetSecretOptions = {
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The secret's name (key). */
    secretName: string;
    /** Replace `${...}` references in the value by what they point to. Default: true. */
    expandSecretReferences?: boolean;
    /**
     * Also look in the secrets imported into this path. Default: false. (Sent as the query
     * parameter `includeImports`, as @infisical/sdk sends it; servers read `include_imports`.)
     */
    includeImports?: boolean;
    /** The folder path of the secret. Default: the server's, "/" (sent only when given). */
    secretPath?: string;
    /** Which secret to read, shared or personal. Default: the server's (shared). */
    type?: SecretType;
    /** The version to read. Default: the latest. */
    version?: number;
    /** The project id. */
    projectId: string;
    /** Return the value; when false the server sends `<hidden-by-infisical>`. Default: true. */
    viewSecretValue?: boolean;
};

/** The options `createSecret()` and `updateSecret()` share. */
export type BaseSecretOptions = {
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The project id. */
    projectId: string;
    /** A comment stored with the secret. */
    secretComment?: string;
    /** The folder path of the secret. Default: the server's, "/". */
    secretPath?: string;
    /** The note of the secret's reminder. */
    secretReminderNote?: string;
    /** Every how many days the reminder repeats. */
    secretReminderRepeatDays?: number;
    /** Store a multi-line value as is, without encoding it. Default: the server's (false). */
    skipMultilineEncoding?: boolean;
    /** The ids of the tags to attach. */
    tagIds?: string[];
    /** Shared or personal. Default: the server's (shared). */
    type?: SecretType;
    /**
     * Extra details stored with the secret. Sent by `updateSecret()` only: `createSecret()`
     * ignores it, as @infisical/sdk does.
     */
    metadata?: Record<string, any>;
    /** Accepted for compatibility, never sent (as in @infisical/sdk). */
    secretMetadata?: Record<string, any>[];
};

/** Options of `secrets().updateSecret(secretName, options)`. */
export type UpdateSecretOptions = {
    /** The new value. Default: unchanged. */
    secretValue?: string;
    /** A new name for the secret. Default: unchanged. */
    newSecretName?: string;
} & BaseSecretOptions;

/** Options of `secrets().createSecret(secretName, options)`. */
export type CreateSecretOptions = {
    /** The value of the new secret. */
    secretValue: string;
} & BaseSecretOptions;

/** Options of `secrets().deleteSecret(secretName, options)`. */
export type DeleteSecretOptions = {
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The project id. */
    projectId: string;
    /** The folder path of the secret. Default: the server's, "/". */
    secretPath?: string;
    /** Shared or personal. Default: the server's (shared). */
    type?: SecretType;
};

/** The generic envelope `{ statusCode, message, data }` (declared for compatibility). */
export interface ApiResponse<T> {
    statusCode: number;
    message: string;
    data: T;
}

/** What `secrets().createSecret()` resolves to. */
export interface CreateSecretResponse {
    secret: Secret;
}

/** What `secrets().updateSecret()` resolves to. */
export interface UpdateSecretResponse {
    secret: Secret;
}

/** What `secrets().deleteSecret()` resolves to. */
export interface DeleteSecretResponse {
    secret: Secret;
}

/** One secret of `secrets().batchCreate()`. */
export interface BatchCreateSecretItem {
    /** The secret's name. */
    secretKey: string;
    secretValue: string;
    secretComment?: string;
    skipMultilineEncoding?: boolean;
    tagIds?: string[];
    secretMetadata?: { key: string; value: string; isEncrypted?: boolean }[];
}

/** Options of `secrets().batchCreate()` (beyond the official SDK). */
export type BatchCreateSecretsOptions = {
    /** The project id. */
    projectId: string;
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The folder of every secret. Default: the server's, "/". */
    secretPath?: string;
    /** At least one secret; all are created, or none (an existing name fails the whole call). */
    secrets: BatchCreateSecretItem[];
};

/** One secret of `secrets().batchUpdate()`. */
export interface BatchUpdateSecretItem {
    /** The name of the secret to update. */
    secretKey: string;
    secretValue?: string;
    /** This secret's folder, instead of the batch's `secretPath`. */
    secretPath?: string;
    secretComment?: string;
    skipMultilineEncoding?: boolean;
    /** Renames the secret. */
    newSecretName?: string;
    tagIds?: string[];
    secretReminderNote?: string | null;
    secretReminderRepeatDays?: number | null;
    secretMetadata?: { key: string; value: string; isEncrypted?: boolean }[];
}

/** What `secrets().batchUpdate()` does with a secret that does not exist. */
export type BatchUpdateMode = "failOnNotFound" | "upsert" | "ignore";

/** Options of `secrets().batchUpdate()` (beyond the official SDK). */
export type BatchUpdateSecretsOptions = {
    /** The project id. */
    projectId: string;
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The folder of the secrets without their own `secretPath`. Default: the server's, "/". */
    secretPath?: string;
    /**
     * A secret that does not exist: "failOnNotFound" fails the whole call, "upsert" creates it,
     * "ignore" skips it. Default: the server's, "failOnNotFound" (servers older than `mode`
     * ignore it and always fail).
     */
    mode?: BatchUpdateMode;
    /** At least one secret. */
    secrets: BatchUpdateSecretItem[];
};

/** Options of `secrets().batchDelete()` (beyond the official SDK). */
export type BatchDeleteSecretsOptions = {
    /** The project id. */
    projectId: string;
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The folder of every secret. Default: the server's, "/". */
    secretPath?: string;
    /** At least one secret; all are deleted, or none (an unknown name fails the whole call). */
    secrets: { secretKey: string; type?: SecretType | "shared" | "personal" }[];
};

/**
 * What the batch calls resolve to: the server's response as it is. (With a secret change
 * policy on the folder, the server answers `{ approval }` instead, as for single writes.)
 */
export interface BatchSecretsResponse {
    secrets: Secret[];
}

// ---------------------------------------------------------------------------
// Auth
// ---------------------------------------------------------------------------

/** Options of `auth().universalAuth.login()`: a machine identity's credentials. */
export interface UniversalAuthLoginRequest {
    /** The client id of the machine identity. */
    clientId: string;
    /** The client secret of the machine identity (not kept after the login). */
    clientSecret: string;
}

/** The body of a universal-auth login response. */
export interface UniversalAuthLoginResponse {
    accessToken: string;
    /** Lifetime of the token in seconds. */
    expiresIn: number;
}

/** The body of `POST /api/v1/auth/aws-auth/login` (base64-encoded signed STS request). */
export interface AwsIamAuthLoginRequest {
    identityId: string;
    iamHttpRequestMethod: string;
    iamRequestBody: string;
    iamRequestHeaders: string;
}

/** The body of an AWS IAM login response. */
export interface AwsIamAuthLoginResponse {
    accessToken: string;
    /** Lifetime of the token in seconds. */
    expiresIn: number;
}

/** The body of `POST /api/v1/auth/token/renew`. */
export interface TokenRenewRequest {
    accessToken: string;
}

/** The body of a token-renewal response. */
export interface TokenRenewResponse {
    accessToken: string;
    /** Lifetime of the token in seconds. */
    expiresIn: number;
}

/** Options of `auth().awsIamAuth.login()` (not exported, as in @infisical/sdk). */
type AwsAuthLoginOptions = {
    /**
     * The id of the machine identity to log in as. Default: the environment variable
     * `INFISICAL_MACHINE_IDENTITY_ID`; the login fails when neither is set.
     */
    identityId?: string;
};

// The logins below are not in @infisical/sdk (issue #13). Each resolves to the SDK and keeps
// its token alive like `universalAuth` (renewed before expiry; a new login, with a freshly
// obtained credential, near the max TTL or when the token is refused). `identityId` falls
// back to the method's environment variable, then to `INFISICAL_MACHINE_IDENTITY_ID`.

/** Options every login takes (`universalAuth` and `awsIamAuth` too; not in @infisical/sdk). */
export interface MachineIdentityLoginOptions {
    /**
     * The (sub-)organization slug to log in to; sent as `organizationSlug` and
     * `subOrganizationName` (the names newer and older servers read), only when given.
     */
    organizationSlug?: string;
}

/** Options of `auth().kubernetesAuth.login()`: the pod's service-account token. */
export interface KubernetesAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_KUBERNETES_IDENTITY_ID`, then `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    /**
     * The token file, read again at every login (projected tokens rotate). Default:
     * `INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH`, then
     * `/var/run/secrets/kubernetes.io/serviceaccount/token`.
     */
    serviceAccountTokenPath?: string;
    /** The token itself, instead of a file (not with `serviceAccountTokenPath`). */
    serviceAccountToken?: string;
}

/**
 * A JWT, or a function returning one (or a promise of one). A function is called at every
 * login, re-logins included, so it can hand out a fresh token each time.
 */
export type JwtSource = string | (() => string | Promise<string>);

/** Options of `auth().jwtAuth.login()`. */
export interface JwtAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    jwt: JwtSource;
}

/** Options of `auth().oidcAuth.login()`: a token from the identity's OIDC provider. */
export interface OidcAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_OIDC_AUTH_IDENTITY_ID`, then `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    jwt: JwtSource;
}

/** Options of `auth().ldapAuth.login()`. */
export interface LdapAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_LDAP_AUTH_IDENTITY_ID`, then `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    username: string;
    password: string;
}

/** Options of `auth().gcpIdTokenAuth.login()`: runs on GCP (GCE, GKE, Cloud Run, Functions). */
export interface GcpIdTokenAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_GCP_AUTH_IDENTITY_ID`, then `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    /**
     * The metadata server's base URL. Default: `GCE_METADATA_HOST` (a host or host:port, as
     * Google's libraries read it), then `http://metadata.google.internal`.
     */
    metadataUrl?: string;
}

/** A GCP service-account key file's content (the fields the login uses). */
export interface GcpServiceAccountKey {
    type?: string;
    client_email: string;
    private_key: string;
    private_key_id: string;
    [field: string]: unknown;
}

/** Options of `auth().gcpIamAuth.login()`: a service-account key, signed with locally. */
export interface GcpIamAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_GCP_AUTH_IDENTITY_ID`, then `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    /**
     * The key file, read at every login. Default: `INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH`.
     */
    serviceAccountKeyFilePath?: string;
    /** The key itself (the parsed JSON or its text), instead of a file. */
    serviceAccountKey?: GcpServiceAccountKey | string;
}

/**
 * Options of `auth().azureAuth.login()`: an Entra access token for `resource`, from the first
 * source found: AKS workload identity (`AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and an existing
 * `AZURE_FEDERATED_TOKEN_FILE`, exchanged at `AZURE_AUTHORITY_HOST`, default
 * `https://login.microsoftonline.com/`; the file is read again at every login), then the App
 * Service / Functions identity endpoint (`IDENTITY_ENDPOINT` and `IDENTITY_HEADER`), then the
 * instance metadata service (IMDS).
 */
export interface AzureAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_AZURE_AUTH_IDENTITY_ID`, then `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    /** The resource (audience) the identity is configured with. Default: `https://management.azure.com/`. */
    resource?: string;
    /** The client id of a user-assigned managed identity (hosts with several; workload identity: instead of `AZURE_CLIENT_ID`). */
    clientId?: string;
    /** The IMDS base URL. Default: `INFISICAL_AZURE_IMDS_ENDPOINT`, then `http://169.254.169.254`. */
    imdsEndpoint?: string;
}

/**
 * Options of `auth().ociAuth.login()`: an OCI API signing key. The SDK signs OCI's GetUser
 * request and Infisical replays it; the SDK itself never calls Oracle Cloud.
 */
export interface OciAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_OCI_AUTH_IDENTITY_ID`, then `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    /** The OCID of the user the API key belongs to. */
    userOcid: string;
    /** The OCID of the tenancy. */
    tenancyOcid: string;
    /** The API key's fingerprint (`aa:bb:...`, as the OCI console shows it). */
    fingerprint: string;
    /**
     * The RSA private key, PEM: PKCS#8 (`BEGIN PRIVATE KEY`), PKCS#1 (`BEGIN RSA PRIVATE KEY`) or
     * encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`, with `passphrase`). Legacy encrypted PEM
     * (`Proc-Type: 4,ENCRYPTED`) is refused: convert it with `openssl pkcs8 -topk8`.
     */
    privateKey: string;
    /** The passphrase of an encrypted `privateKey`. */
    passphrase?: string;
    /** The region, e.g. `us-ashburn-1` (the request goes to `identity.{region}.oraclecloud.com`). */
    region: string;
}

/**
 * Options of `auth().aliCloudAuth.login()`: a RAM user's AccessKey pair (the login route has no
 * security-token field, so STS temporary credentials cannot be used). The SDK signs STS's
 * GetCallerIdentity call and Infisical replays it; the secret itself is never sent.
 */
export interface AliCloudAuthLoginOptions extends MachineIdentityLoginOptions {
    /** Default: `INFISICAL_MACHINE_IDENTITY_ID`. */
    identityId?: string;
    accessKeyId: string;
    accessKeySecret: string;
}

// ---------------------------------------------------------------------------
// Dynamic secrets
// ---------------------------------------------------------------------------

/**
 * The provider of a dynamic secret: its `type` and the `inputs` that provider takes.
 * (Equal to `z.infer<typeof DynamicSecretProviderSchema>` of @infisical/sdk, expanded.)
 */
export type TDynamicSecretProvider =
    | {
        type: DynamicSecretProviders.SqlDatabase;
        inputs: {
            host: string;
            port: number;
            username: string;
            password: string;
            creationStatement: string;
            revocationStatement: string;
            client: SqlProviders;
            database: string;
            renewStatement?: string | undefined;
            ca?: string | undefined;
            passwordRequirements?: {
                length: number;
                required: {
                    minUppercase?: number | undefined;
                    minLowercase?: number | undefined;
                    minDigits?: number | undefined;
                    minSymbols?: number | undefined;
                };
                allowedSymbols?: string | undefined;
            } | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.Cassandra;
        inputs: {
            host: string;
            port: number;
            username: string;
            password: string;
            creationStatement: string;
            revocationStatement: string;
            localDataCenter: string;
            renewStatement?: string | undefined;
            ca?: string | undefined;
            keyspace?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.SapAse;
        inputs: {
            host: string;
            port: number;
            username: string;
            password: string;
            creationStatement: string;
            revocationStatement: string;
            database: string;
        };
    }
    | {
        type: DynamicSecretProviders.AwsIam;
        inputs: {
            secretAccessKey: string;
            region: string;
            accessKey: string;
            awsPath?: string | undefined;
            permissionBoundaryPolicyArn?: string | undefined;
            policyDocument?: string | undefined;
            userGroups?: string | undefined;
            policyArns?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.Redis;
        inputs: {
            host: string;
            port: number;
            username: string;
            creationStatement: string;
            revocationStatement: string;
            password?: string | undefined;
            renewStatement?: string | undefined;
            ca?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.SapHana;
        inputs: {
            host: string;
            port: number;
            username: string;
            password: string;
            creationStatement: string;
            revocationStatement: string;
            renewStatement?: string | undefined;
            ca?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.AwsElastiCache;
        inputs: {
            creationStatement: string;
            revocationStatement: string;
            clusterName: string;
            accessKeyId: string;
            secretAccessKey: string;
            region: string;
            ca?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.MongoAtlas;
        inputs: {
            roles: {
                databaseName: string;
                roleName: string;
                collectionName?: string | undefined;
            }[];
            adminPublicKey: string;
            adminPrivateKey: string;
            groupId: string;
            scopes: {
                type: string;
                name: string;
            }[];
        };
    }
    | {
        type: DynamicSecretProviders.ElasticSearch;
        inputs: {
            host: string;
            port: number;
            roles: string[];
            auth: {
                type: ElasticSearchAuthTypes.User;
                username: string;
                password: string;
            } | {
                type: ElasticSearchAuthTypes.ApiKey;
                apiKey: string;
                apiKeyId: string;
            };
            ca?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.MongoDB;
        inputs: {
            host: string;
            username: string;
            password: string;
            roles: string[];
            database: string;
            port?: number | undefined;
            ca?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.RabbitMq;
        inputs: {
            host: string;
            port: number;
            username: string;
            password: string;
            tags: string[];
            virtualHost: {
                name: string;
                permissions: {
                    read: string;
                    write: string;
                    configure: string;
                };
            };
            ca?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.AzureEntraID;
        inputs: {
            tenantId: string;
            userId: string;
            email: string;
            applicationId: string;
            clientSecret: string;
        };
    }
    | {
        type: DynamicSecretProviders.Ldap;
        inputs: {
            url: string;
            binddn: string;
            bindpass: string;
            credentialType: LdapCredentialType.Dynamic;
            creationLdif: string;
            revocationLdif: string;
            ca?: string | undefined;
            rollbackLdif?: string | undefined;
        } | {
            url: string;
            binddn: string;
            bindpass: string;
            credentialType: LdapCredentialType.Static;
            rotationLdif: string;
            ca?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.Snowflake;
        inputs: {
            username: string;
            password: string;
            creationStatement: string;
            revocationStatement: string;
            accountId: string;
            orgId: string;
            renewStatement?: string | undefined;
        };
    }
    | {
        type: DynamicSecretProviders.Totp;
        inputs: {
            url: string;
            configType: TotpConfigType.URL;
        } | {
            configType: TotpConfigType.MANUAL;
            secret: string;
            period?: number | undefined;
            algorithm?: TotpAlgorithm | undefined;
            digits?: number | undefined;
        };
    };

/** The body of `POST /api/v1/dynamic-secrets` (wire format). */
export interface CreateDynamicSecretRequest {
    provider: TDynamicSecretProvider;
    defaultTTL: string;
    maxTTL: string;
    name: string;
    projectSlug: string;
    environmentSlug: string;
}

/** A dynamic secret, as the server returns it. */
export interface DynamicSecret {
    id: string;
    name: string;
    defaultTTL: string;
    maxTTL: string;
    provider: {
        type: DynamicSecretProviders;
        inputs: Record<string, any>;
    };
    createdAt: string;
    updatedAt: string;
    version: number;
    type: string;
    folderId: string;
    status: string;
    statusDetails: string;
    projectGatewayId: string;
    /** As the server stores and returns it (the official SDK types it as an object). */
    metadata: { key: string; value: string }[];
    /** The provider's inputs: sent by `get` and `update`, not by `list`. */
    inputs?: Record<string, any>;
}

/** The body of a create-dynamic-secret response. */
export interface CreateDynamicSecretResponse {
    dynamicSecret: DynamicSecret;
}

/** The body of `DELETE /api/v1/dynamic-secrets/{name}` (wire format). */
export interface DeleteDynamicSecretRequest {
    environmentSlug: string;
    projectSlug: string;
    path?: string;
    isForced?: boolean;
}

/** The body of a delete-dynamic-secret response. */
export interface DeleteDynamicSecretResponse {
    dynamicSecret: DynamicSecret;
}

/** The body of `POST /api/v1/dynamic-secrets/leases` (wire format). */
export interface CreateLeaseRequest {
    dynamicSecretName: string;
    environmentSlug: string;
    projectSlug: string;
    path?: string;
    ttl?: string;
}

/** A lease of a dynamic secret; `data` holds the credentials. */
export interface Lease {
    id: string;
    dynamicSecretId: string;
    data: Record<string, any>;
    /** When the lease ends (ISO 8601): the server's name (the official SDK types it `expiresAt`). */
    expireAt: string;
    createdAt: string;
    updatedAt: string;
}

/** What `dynamicSecrets().leases.create()` resolves to. */
export interface CreateLeaseResponse {
    lease: Lease;
}

/** The body of `DELETE /api/v1/dynamic-secrets/leases/{leaseId}` (wire format). */
export interface DeleteLeaseRequest {
    environmentSlug: string;
    projectSlug: string;
    path?: string;
    isForced?: boolean;
}

/** What `dynamicSecrets().leases.delete()` resolves to. */
export interface DeleteLeaseResponse {
    lease: Lease;
}

/** The body of `POST /api/v1/dynamic-secrets/leases/{leaseId}/renew` (wire format). */
export interface RenewLeaseRequest {
    environmentSlug: string;
    projectSlug: string;
    path?: string;
    ttl?: string;
}

/** What `dynamicSecrets().leases.renew()` resolves to (no new credentials). */
export interface RenewLeaseResponse {
    lease: Lease;
}

/** Options of `dynamicSecrets().create()`. */
export type CreateDynamicSecretOptions = {
    /** The provider and its inputs. */
    provider: TDynamicSecretProvider;
    /** Default lease lifetime, in vercel/ms form, e.g. "1h". */
    defaultTTL: string;
    /** Longest lease lifetime, in vercel/ms form, e.g. "24h". */
    maxTTL: string;
    /** The dynamic secret's name. */
    name: string;
    /** The project slug (not its id). */
    projectSlug: string;
    /** The environment slug, e.g. "dev". */
    environmentSlug: string;
    /** The folder path. Default: the server's, "/". */
    path?: string;
    /** Extra details stored with the dynamic secret, as the server takes them (the official SDK types it as an object, which the server refuses). */
    metadata?: { key: string; value: string }[];
};

/** Options of `dynamicSecrets().delete(name, options)`. */
export type DeleteDynamicSecretOptions = {
    /** The environment slug, e.g. "dev". */
    environmentSlug: string;
    /** The project slug (not its id). */
    projectSlug: string;
    /** The folder path. Default: the server's, "/". */
    path?: string;
    /** Delete even if revoking its leases at the provider fails. Default: the server's (false). */
    isForced?: boolean;
};

/** Options of `dynamicSecrets().leases.create()`. */
export type CreateDynamicSecretLeaseOptions = {
    /** The name of the dynamic secret to lease. */
    dynamicSecretName: string;
    /** The environment slug, e.g. "dev". */
    environmentSlug: string;
    /** The project slug (not its id). */
    projectSlug: string;
    /** The folder path of the dynamic secret. Default: the server's, "/". */
    path?: string;
    /** Lease lifetime, in vercel/ms form, e.g. "5m". Default: the dynamic secret's `defaultTTL`. */
    ttl?: string;
};

/** Options of `dynamicSecrets().leases.delete(leaseId, options)`. */
export type DeleteDynamicSecretLeaseOptions = {
    /** The environment slug, e.g. "dev". */
    environmentSlug: string;
    /** The project slug (not its id). */
    projectSlug: string;
    /** The folder path of the dynamic secret. Default: the server's, "/". */
    path?: string;
    /**
     * Delete the lease even if revoking it at the provider fails (the credentials may then
     * outlive the lease). Default: the server's (false).
     */
    isForced?: boolean;
};

/** Options of `dynamicSecrets().leases.renew(leaseId, options)`. */
export type RenewDynamicSecretLeaseOptions = {
    /** The environment slug, e.g. "dev". */
    environmentSlug: string;
    /** The project slug (not its id). */
    projectSlug: string;
    /** The folder path of the dynamic secret. Default: the server's, "/". */
    path?: string;
    /** New lifetime, in vercel/ms form, e.g. "10m". Default: the dynamic secret's `defaultTTL`. */
    ttl?: string;
};

/** Where a dynamic secret is: options of `dynamicSecrets().list/get()` and `leases.list/get()` (beyond the official SDK). */
export type DynamicSecretLocationOptions = {
    /** The project slug (not its id). */
    projectSlug: string;
    /** The environment slug, e.g. "dev". */
    environmentSlug: string;
    /** The folder path. Default: the server's, "/". */
    path?: string;
};

/** Options of `dynamicSecrets().update(name, options)` (beyond the official SDK). */
export type UpdateDynamicSecretOptions = DynamicSecretLocationOptions & {
    /** The changes, nested as the server takes them; what is left out stays. */
    data: {
        /** Provider inputs, merged into the stored ones. */
        inputs?: Record<string, any>;
        /** Default lease lifetime, in vercel/ms form, e.g. "1h". */
        defaultTTL?: string;
        /** Longest lease lifetime; null removes it. */
        maxTTL?: string | null;
        /** Renames the dynamic secret. */
        newName?: string;
        metadata?: { key: string; value: string }[];
        usernameTemplate?: string | null;
    };
};

/** A lease as the server lists it (`leases.list`, `leases.get`): no credentials. */
export interface LeaseDetails {
    id: string;
    version: number;
    externalEntityId: string;
    /** When the lease ends (ISO 8601). */
    expireAt: string;
    status?: string | null;
    statusDetails?: string | null;
    dynamicSecretId: string;
    createdAt: string;
    updatedAt: string;
    config?: unknown;
}

/** What `dynamicSecrets().leases.list()` resolves to. */
export interface ListLeasesResponse {
    leases: LeaseDetails[];
}

/** What `dynamicSecrets().leases.get()` resolves to. */
export interface GetLeaseResponse {
    lease: LeaseDetails & { dynamicSecret: DynamicSecret };
}

// ---------------------------------------------------------------------------
// Environments
// ---------------------------------------------------------------------------

/** An environment of a project. */
export interface Environment {
    id: string;
    name: string;
    slug: string;
    position: number;
    projectId: string;
    createdAt: string;
    updatedAt: string;
}

/** The body of `POST /api/v1/workspace/{projectId}/environments` (wire format). */
export interface CreateEnvironmentRequest {
    name: string;
    projectId: string;
    slug: string;
    position?: number;
}

/** The body of a create-environment response. */
export type CreateEnvironmentResponse = {
    message: string;
    workspace: string;
    environment: Environment;
};

/** Options of `environments().create()`. */
export type CreateEnvironmentOptions = {
    /** The display name, e.g. "Staging". */
    name: string;
    /** The project id. */
    projectId: string;
    /** The slug, e.g. "staging". */
    slug: string;
    /** Its position in the project's list of environments. Default: last. */
    position?: number;
};

// ---------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------

/** A project. */
export interface Project {
    id: string;
    name: string;
    slug: string;
    description?: string;
    type: string;
    createdAt: string;
    updatedAt: string;
}

/** The body of `POST /api/v2/workspace` (wire format). */
export interface CreateProjectRequest {
    projectName: string;
    type: string;
    projectDescription?: string;
    slug?: string;
    template?: string;
    kmsKeyId?: string;
}

/** The body of a create-project response. */
export interface CreateProjectResponse {
    project: Project;
}

/** The body of `POST /api/v2/workspace/{projectId}/memberships` (wire format). */
export interface InviteMembersRequest {
    projectId: string;
    emails?: string[];
    usernames?: string[];
    roleSlugs?: string[];
}

/** A user's membership of a project. */
export interface Membership {
    id: string;
    userId: string;
    projectId: string;
    role: string;
    status: string;
    createdAt: string;
    updatedAt: string;
}

/** The body of an invite-members response. */
export interface InviteMembersResponse {
    memberships: Membership[];
}

/** Options of `projects().create()`. */
export type CreateProjectOptions = {
    /** The project's name. */
    projectName: string;
    /** The product, e.g. "secret-manager", "kms", "cert-manager". */
    type: string;
    /** A description. */
    projectDescription?: string;
    /** The slug. Default: derived from the name by the server. */
    slug?: string;
    /** The project template to start from. Default: the server's ("default"). */
    template?: string;
    /** The id of the KMS key that encrypts the project. Default: the server's key. */
    kmsKeyId?: string;
};

/** Options of `projects().inviteMembers()`; give `emails` or `usernames` (at least one). */
export type InviteMemberToProjectOptions = {
    /** The project id. */
    projectId: string;
    /** The e-mail addresses of the users to invite. */
    emails?: string[];
    /** The usernames of the users to invite. */
    usernames?: string[];
    /** The roles given to the new members. Default: the server's ("member"). */
    roleSlugs?: string[];
};

// ---------------------------------------------------------------------------
// Folders
// ---------------------------------------------------------------------------

/** A folder of secrets. */
export interface Folder {
    id: string;
    name: string;
    envId: string;
    description?: string;
    createdAt: string;
    updatedAt: string;
    parentId?: string;
    isReserved?: boolean;
    lastSecretModified?: string;
    version?: number;
}

/** The body of `POST /api/v1/folders` (wire format). */
export interface CreateFolderRequest {
    name: string;
    path: string;
    workspaceId: string;
    environment: string;
    description?: string;
}

/** The query of `GET /api/v1/folders` (wire format). */
export interface ListFoldersRequest {
    environment: string;
    workspaceId: string;
    path?: string;
    recursive?: boolean;
    lastSecretModified?: string;
}

/** The body of a create-folder response. */
export interface CreateFolderResponse {
    folder: Folder;
}

/** The body of a list-folders response. */
export interface ListFoldersResponse {
    folders: Folder[];
}

/** Options of `folders().create()`. */
export type CreateFolderOptions = {
    /** The new folder's name. */
    name: string;
    /** The path of the parent folder, e.g. "/". */
    path: string;
    /** The project id. */
    projectId: string;
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** A description. */
    description?: string;
};

/** Options of `folders().listFolders()`. */
export type ListFoldersOptions = {
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The project id. */
    projectId: string;
    /** The path of the folder whose sub-folders to list. Default: the server's, "/". */
    path?: string;
    /** Also list the folders below the sub-folders. Default: the server's (false). */
    recursive?: boolean;
    /** Only folders whose secrets changed since this time. */
    lastSecretModified?: string;
};

/** Options of `folders().get()` (beyond the official SDK). */
export type GetFolderOptions = {
    /** The folder's id. */
    folderId: string;
};

/** What `folders().get()` resolves to: the folder, where it is, and its project. */
export interface FolderDetails extends Folder {
    environment: { envId: string; envName: string; envSlug: string };
    /** The folder's own path, e.g. "/app/db". */
    path: string;
    projectId: string;
}

/** Options of `folders().update()` (beyond the official SDK). */
export type UpdateFolderOptions = {
    /** The folder's id. */
    folderId: string;
    /** The folder's name: a new one renames it (and moves everything below it). */
    name: string;
    /** The project id. */
    projectId: string;
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The path of the parent folder. Default: the server's, "/". */
    path?: string;
    /** A description. */
    description?: string;
};

/** Options of `folders().delete()` (beyond the official SDK): the folder by id or by name. */
export type DeleteFolderOptions = ({ folderId: string; folderName?: undefined } | { folderName: string; folderId?: undefined }) & {
    /** The project id. */
    projectId: string;
    /** The environment slug, e.g. "dev". */
    environment: string;
    /** The path of the parent folder. Default: the server's, "/". */
    path?: string;
};

// ---------------------------------------------------------------------------
// KMS
// ---------------------------------------------------------------------------

/** A KMS key. */
export interface KmsKey {
    id: string;
    description: string;
    isDisabled: boolean;
    orgId: string;
    name: string;
    projectId: string;
    keyUsage: KeyUsage;
    version: number;
    encryptionAlgorithm: EncryptionAlgorithm;
}

/** Options of `kms().keys().create()`. */
export interface CreateKmsKeyOptions {
    /** The project id. */
    projectId: string;
    /** The key's name. */
    name: string;
    /** A description. */
    description?: string;
    /** Encryption (symmetric algorithms) or signing (RSA/ECC). */
    keyUsage: KeyUsage;
    /** The key's algorithm; must suit `keyUsage`. */
    encryptionAlgorithm: EncryptionAlgorithm;
}

/** The body of a create-key response. */
export interface CreateKmsKeyResponse {
    key: KmsKey;
}

/** Options of `kms().keys().delete()`. */
export interface DeleteKmsKeyOptions {
    /** The id of the key to delete. */
    keyId: string;
}

/** The body of a delete-key response. */
export interface DeleteKmsKeyResponse {
    key: KmsKey;
}

/** Options of `kms().keys().getByName()`. */
export interface GetKmsKeyByNameOptions {
    /** The project id. */
    projectId: string;
    /** The key's name. */
    name: string;
}

/** The body of a get-key-by-name response. */
export interface GetKmsKeyByNameResponse {
    key: KmsKey;
}

/** Options of `kms().encryption().encrypt()`. */
export interface KmsEncryptDataOptions {
    /** The id of an encryption key. */
    keyId: string;
    /** The data to encrypt, base64-encoded. */
    plaintext: string;
}

/** The body of an encrypt response. */
export interface KmsEncryptDataResponse {
    ciphertext: string;
}

/** Options of `kms().encryption().decrypt()`. */
export interface KmsDecryptDataOptions {
    /** The id of the key that encrypted the data. */
    keyId: string;
    /** The ciphertext, as `encrypt()` returned it. */
    ciphertext: string;
}

/** The body of a decrypt response (`plaintext` is base64-encoded). */
export interface KmsDecryptDataResponse {
    plaintext: string;
}

/** Options of `kms().signing().sign()`. */
export interface KmsSignDataOptions {
    /** The id of a signing key. */
    keyId: string;
    /** The data (or its digest), base64-encoded. */
    data: string;
    /** One of the key's signing algorithms. */
    signingAlgorithm: SigningAlgorithm;
    /** `data` is already a digest. Default: false. */
    isDigest?: boolean;
}

/** What `kms().signing().sign()` resolves to. */
export interface KmsSignDataResponse {
    /** The signature, base64-encoded. */
    signature: string;
    keyId: string;
    signingAlgorithm: SigningAlgorithm;
}

/** Options of `kms().signing().verify()`. */
export interface KmsVerifyDataOptions {
    /** The id of the signing key. */
    keyId: string;
    /** The signed data (or its digest), base64-encoded. */
    data: string;
    /** The signature, as `sign()` returned it. */
    signature: string;
    /** The algorithm the signature was made with. */
    signingAlgorithm: SigningAlgorithm;
    /** `data` is already a digest. Default: false. */
    isDigest?: boolean;
}

/** What `kms().signing().verify()` resolves to. */
export interface KmsVerifyDataResponse {
    signatureValid: boolean;
    keyId: string;
    signingAlgorithm: SigningAlgorithm;
}

/** Options of `kms().signing().listSigningAlgorithms()`. */
export interface KmsListSigningAlgorithmsOptions {
    /** The id of a signing key. */
    keyId: string;
}

/** The body of a list-signing-algorithms response. */
export interface KmsListSigningAlgorithmsResponse {
    signingAlgorithms: SigningAlgorithm[];
}

/** Options of `kms().signing().getPublicKey()`. */
export interface KmsGetPublicKeyOptions {
    /** The id of a signing key. */
    keyId: string;
}

/** The body of a get-public-key response. */
export interface KmsGetPublicKeyResponse {
    /** The public key, base64-encoded. */
    publicKey: string;
}

// ---------------------------------------------------------------------------
// Clients (not exported, as in @infisical/sdk: reach them through InfisicalSDK)
// ---------------------------------------------------------------------------

/** `sdk.secrets()`. Its methods are arrow functions: they keep working when detached. */
declare class SecretsClient {
    private constructor();
    /** Lists the secrets of a folder (`GET /api/v3/secrets/raw`). */
    listSecrets: (options: ListSecretsOptions) => Promise<ListSecretsResponse>;
    /**
     * Lists the secrets of a folder with imports on, as one array: the folder's secrets first,
     * then the imported secrets whose key is not already present (each given the import's
     * `secretPath`, `createdAt`/`updatedAt` set to now and `tags: []`).
     */
    listSecretsWithImports: (options: Omit<ListSecretsOptions, "includeImports">) => Promise<Secret[]>;
    /** Reads one secret; resolves to the secret itself. */
    getSecret: (options: GetSecretOptions) => Promise<Secret>;
    /** Updates a secret (value, name, comment, ...). */
    updateSecret: (secretName: string, options: UpdateSecretOptions) => Promise<UpdateSecretResponse>;
    /** Creates a secret. */
    createSecret: (secretName: string, options: CreateSecretOptions) => Promise<CreateSecretResponse>;
    /** Deletes a secret. */
    deleteSecret: (secretName: string, options: DeleteSecretOptions) => Promise<DeleteSecretResponse>;
    /** Creates several secrets in one request, all or none (`POST /api/v3/secrets/batch/raw`). */
    batchCreate: (options: BatchCreateSecretsOptions) => Promise<BatchSecretsResponse>;
    /** Updates several secrets in one request (`PATCH /api/v3/secrets/batch/raw`). */
    batchUpdate: (options: BatchUpdateSecretsOptions) => Promise<BatchSecretsResponse>;
    /** Deletes several secrets in one request, all or none (`DELETE /api/v3/secrets/batch/raw`). */
    batchDelete: (options: BatchDeleteSecretsOptions) => Promise<BatchSecretsResponse>;
}

/**
 * `sdk.auth()`. Each login, renewal or `accessToken()` call resolves (or returns) the SDK
 * instance and replaces the `auth()` object: one taken earlier keeps its old token.
 */
declare class AuthClient {
    private constructor();
    /** AWS IAM auth: works only inside AWS (Lambda, EC2, ...), with the AWS default credentials. */
    awsIamAuth: {
        /** Logs in with a signed `sts:GetCallerIdentity` request; resolves to the SDK. */
        login: (options?: AwsAuthLoginOptions & MachineIdentityLoginOptions) => Promise<InfisicalSDK>;
        /** Renews the current access token; resolves to the SDK. */
        renew: () => Promise<InfisicalSDK>;
    };
    /** Universal auth: a machine identity's client id and client secret. */
    universalAuth: {
        /** Logs in and sets the access token; resolves to the SDK. */
        login: (options: UniversalAuthLoginRequest & MachineIdentityLoginOptions) => Promise<InfisicalSDK>;
        /** Renews the current access token; resolves to the SDK. */
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. Kubernetes auth: the pod's service-account token. */
    kubernetesAuth: {
        login: (options?: KubernetesAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. JWT auth: a JWT checked against the identity's keys. */
    jwtAuth: {
        login: (options: JwtAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. OIDC auth: a token from the identity's OIDC provider. */
    oidcAuth: {
        login: (options: OidcAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. LDAP auth: a directory user's username and password. */
    ldapAuth: {
        login: (options: LdapAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. GCP ID-token auth: the instance's identity from the metadata server. */
    gcpIdTokenAuth: {
        login: (options?: GcpIdTokenAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. GCP IAM auth: a JWT signed with a service-account key. */
    gcpIamAuth: {
        login: (options?: GcpIamAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. Azure auth: a managed identity's or workload identity's Entra token. */
    azureAuth: {
        login: (options?: AzureAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. OCI auth: a request signed with an OCI API key. */
    ociAuth: {
        login: (options: OciAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /** Not in @infisical/sdk. Alibaba Cloud auth: an STS call signed with a RAM AccessKey pair. */
    aliCloudAuth: {
        login: (options: AliCloudAuthLoginOptions) => Promise<InfisicalSDK>;
        renew: () => Promise<InfisicalSDK>;
    };
    /**
     * Not in @infisical/sdk. Revokes the current access token on the server and forgets it
     * (no automatic re-login follows); resolves to the SDK, whose new `auth()` holds no token.
     */
    revoke: () => Promise<InfisicalSDK>;
    /** The access token this auth object holds, or null when not authenticated. */
    getAccessToken: () => string | null;
    /** Sets an access token by hand (without "Bearer "); returns the SDK. */
    accessToken: (token: string) => InfisicalSDK;
}

/**
 * `sdk.dynamicSecrets()`. `create` and `delete` are methods (call them on the client, not
 * detached); `list`, `get`, `update` and `leases.*` are arrow functions.
 */
declare class DynamicSecretsClient {
    private constructor();
    /** Creates a dynamic secret; resolves to it. */
    create(options: CreateDynamicSecretOptions): Promise<DynamicSecret>;
    /** Deletes a dynamic secret and its leases; resolves to it. */
    delete(dynamicSecretName: string, options: DeleteDynamicSecretOptions): Promise<DynamicSecret>;
    /** Lists the dynamic secrets of a folder (without their inputs); resolves to them. */
    list: (options: DynamicSecretLocationOptions) => Promise<DynamicSecret[]>;
    /** Reads one dynamic secret, with its inputs; resolves to it. */
    get: (dynamicSecretName: string, options: DynamicSecretLocationOptions) => Promise<DynamicSecret>;
    /** Changes a dynamic secret (the changes go under `data`); resolves to it. */
    update: (dynamicSecretName: string, options: UpdateDynamicSecretOptions) => Promise<DynamicSecret>;
    /** The leases (sets of credentials) of dynamic secrets. */
    leases: {
        /** Creates a lease; its credentials are in `lease.data`. */
        create: (options: CreateDynamicSecretLeaseOptions) => Promise<CreateLeaseResponse>;
        /** Revokes a lease. */
        delete: (leaseId: string, options: DeleteDynamicSecretLeaseOptions) => Promise<DeleteLeaseResponse>;
        /** Extends a lease before it expires (the credentials stay the same). */
        renew: (leaseId: string, options: RenewDynamicSecretLeaseOptions) => Promise<RenewLeaseResponse>;
        /** Lists the leases of a dynamic secret (without credentials). */
        list: (dynamicSecretName: string, options: DynamicSecretLocationOptions) => Promise<ListLeasesResponse>;
        /** Reads one lease (without credentials), with its dynamic secret. */
        get: (leaseId: string, options: DynamicSecretLocationOptions) => Promise<GetLeaseResponse>;
    };
}

/** `sdk.environments()`. */
declare class EnvironmentsClient {
    private constructor();
    /** Creates an environment; resolves to it. */
    create: (options: CreateEnvironmentOptions) => Promise<Environment>;
}

/** `sdk.projects()`. */
declare class ProjectsClient {
    private constructor();
    /** Creates a project; resolves to it. */
    create: (options: CreateProjectOptions) => Promise<Project>;
    /** Invites users to a project; resolves to the new memberships. */
    inviteMembers: (options: InviteMemberToProjectOptions) => Promise<Membership[]>;
}

/** `sdk.folders()`. */
declare class FoldersClient {
    private constructor();
    /** Creates a folder; resolves to it. */
    create: (options: CreateFolderOptions) => Promise<Folder>;
    /** Lists the folders under a path; resolves to them. */
    listFolders: (options: ListFoldersOptions) => Promise<Folder[]>;
    /** Reads a folder by id; resolves to it, with its path, environment and project. */
    get: (options: GetFolderOptions) => Promise<FolderDetails>;
    /** Renames a folder or changes its description; resolves to it. */
    update: (options: UpdateFolderOptions) => Promise<Folder & { path: string }>;
    /** Deletes a folder and everything below it; resolves to it. */
    delete: (options: DeleteFolderOptions) => Promise<Folder>;
}

/** `sdk.kms()`. `keys()`, `encryption()` and `signing()` return a new object on every call. */
declare class KmsClient {
    private constructor();
    /** Managing keys. */
    keys: () => {
        /** Creates a key; resolves to it. */
        create: (options: CreateKmsKeyOptions) => Promise<KmsKey>;
        /** Deletes a key; resolves to it. */
        delete: (options: DeleteKmsKeyOptions) => Promise<KmsKey>;
        /** Finds a key of a project by name; resolves to it. */
        getByName: (options: GetKmsKeyByNameOptions) => Promise<KmsKey>;
    };
    /** Encrypting with a symmetric key. */
    encryption: () => {
        /** Encrypts base64 data; resolves to the ciphertext. */
        encrypt: (options: KmsEncryptDataOptions) => Promise<string>;
        /** Decrypts a ciphertext; resolves to the base64 plaintext. */
        decrypt: (options: KmsDecryptDataOptions) => Promise<string>;
    };
    /** Signing with an asymmetric key. */
    signing: () => {
        /** Signs base64 data (or a digest). */
        sign: (options: KmsSignDataOptions) => Promise<KmsSignDataResponse>;
        /** Verifies a signature. */
        verify: (options: KmsVerifyDataOptions) => Promise<KmsVerifyDataResponse>;
        /** Resolves to the signing algorithms the key supports. */
        listSigningAlgorithms: (options: KmsListSigningAlgorithmsOptions) => Promise<SigningAlgorithm[]>;
        /** Resolves to the key's public key, base64-encoded. */
        getPublicKey: (options: KmsGetPublicKeyOptions) => Promise<string>;
    };
}

// ---------------------------------------------------------------------------
// The SDK
// ---------------------------------------------------------------------------

/** Options of `new InfisicalSDK()` (not exported, as in @infisical/sdk). */
type InfisicalSDKOptions = {
    /**
     * The Infisical instance, e.g. "https://infisical.example.com" (a path prefix is kept).
     * Default: "https://app.infisical.com"; an empty string also means the default.
     */
    siteUrl?: string;
    /**
     * Not in @infisical/sdk. PEM certificate(s) to trust in addition to the bundled Mozilla roots
     * and `NODE_EXTRA_CA_CERTS`, e.g. the private CA of a self-hosted instance. A certificate that
     * cannot be parsed throws at construction. Default: none.
     */
    caCertificate?: string;
    /**
     * Not in @infisical/sdk. Caches the answers of `secrets().getSecret`, `listSecrets` and
     * `listSecretsWithImports` in memory. Absent (the default): nothing is cached; `{}` turns
     * the cache on with the defaults. Our own `createSecret` / `updateSecret` / `deleteSecret`
     * drop the answers they may change; `clearCache()` drops them all.
     */
    cache?: {
        /** How long an answer is served from memory, counted from its fetch (reading never extends it). Default: 60. */
        ttlSeconds?: number;
        /** At most this many answers are kept; the oldest fetched is dropped first (0: nothing is cached). Default: 1000. */
        maxEntries?: number;
        /**
         * At most this many bytes of answers (response bodies and their keys) are kept; the
         * oldest fetched are dropped first, and an answer larger than this is not cached.
         * Default: 33554432 (32 MiB).
         */
        maxBytes?: number;
        /**
         * For this long after `ttlSeconds`, a network failure or 5xx response (after the retries)
         * is answered with the last good answer instead of failing; never 401/403/404/422.
         * Default: 0 (off).
         */
        staleIfErrorSeconds?: number;
    };
    /**
     * Not in @infisical/sdk. Keeps a token from `universalAuth.login` or `awsIamAuth.login`
     * valid: renews it shortly before it expires, logs in again (same method) when a renewal
     * would pass its max TTL, and logs in again once when the server refuses it as expired or
     * revoked. Done on the next call, with no timer. A token set by `auth().accessToken()` is
     * left alone. `false`: tokens expire as with @infisical/sdk. Default: true.
     */
    autoTokenRefresh?: boolean;
    /**
     * Not in @infisical/sdk. How long each attempt waits for the response head, in whole
     * milliseconds (1 to 2147483647); a slower answer fails with "This operation was aborted: no
     * response within <timeoutMs> ms" (retried like a network failure). Wins over the
     * `INFISICAL_SDK_REQUEST_TIMEOUT_MS` environment variable. Default: 10000.
     */
    timeoutMs?: number;
    /**
     * Not in @infisical/sdk. The retry schedule of HTTP 429 answers and network failures
     * (timeouts included): `maxRetries` retries after the first attempt, waiting `baseDelayMs`,
     * then twice as long each time, ±20 % jitter (a 429's `Retry-After` of up to 10 s lengthens
     * the wait).
     */
    retry?: {
        /** Retries after the first attempt, an integer from 0 (one attempt only) to 100. Default: 4. */
        maxRetries?: number;
        /**
         * The wait before the first retry, in whole milliseconds (0 to 2147483647). Wins over the
         * `INFISICAL_SDK_RETRY_BASE_DELAY_MS` environment variable. Default: 1000.
         */
        baseDelayMs?: number;
    };
    /**
     * Not in @infisical/sdk. Extra headers sent with every request to Infisical (logins and token
     * renewals included), never to cloud metadata or credential endpoints. A plain object of
     * string values (not a `Headers` or `Map`). Headers the SDK sets itself are refused with an
     * error: `Authorization` (log in, or set a token with `auth().accessToken()`), `User-Agent`
     * (use `userAgent`), `Host`, `Content-Type`, `Content-Length` and the connection headers.
     * Values must be printable ASCII. Default: none.
     */
    headers?: Record<string, string>;
    /** Not in @infisical/sdk. The `User-Agent` of every request. Default: "infisical-sdk-native/<version>". */
    userAgent?: string;
};

/**
 * The Infisical client. Construction makes no network call; log in with `auth()` first.
 * The area accessors are arrow functions and always return the same client object
 * (except `auth()`, replaced on each login).
 */
export declare class InfisicalSDK {
    constructor(options?: InfisicalSDKOptions);
    /** Reading and writing secrets. */
    secrets: () => SecretsClient;
    /** Creating environments. */
    environments: () => EnvironmentsClient;
    /** Creating projects and inviting members. */
    projects: () => ProjectsClient;
    /** Creating and listing folders. */
    folders: () => FoldersClient;
    /** Dynamic secrets and their leases. */
    dynamicSecrets: () => DynamicSecretsClient;
    /** Logging in (universal auth, AWS IAM) or setting an access token. */
    auth: () => AuthClient;
    /** Key management: keys, encryption and signing. */
    kms: () => KmsClient;
    /**
     * Not in @infisical/sdk. Drops every answer of the `cache` option (a no-op without it).
     * An arrow function, like the accessors: it works detached.
     */
    clearCache: () => void;
}

// Only the declarations marked `export` above are exported.
export {};
