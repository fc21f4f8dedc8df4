// Types of infisical-sdk-native/testing: a local, in-memory Infisical server for tests and
// offline development (Node built-ins only; it does not load the native addon).

/** A secret's value, or its value with details. */
export type SeedSecret =
  | string
  | {
      value: string;
      comment?: string;
      /** Tag slugs (seeded: `backend`, `frontend`; more through `tags`). */
      tags?: string[];
      skipMultilineEncoding?: boolean;
      /** `'personal'` secrets belong to the seeded identity. Default `'shared'`. */
      type?: 'shared' | 'personal';
    };

/** Secrets of one folder: `KEY: value`; a key starting with `/` is a sub-folder. */
export interface SeedFolderSecrets {
  [keyOrFolder: string]: SeedSecret | SeedFolderSecrets;
}

export interface SeedImport {
  /** The environment that imports. */
  environment: string;
  /** The folder that imports. Default `'/'`. */
  path?: string;
  /** Where the imported secrets live. */
  from: { environment: string; path?: string };
}

export interface SeedProjectData {
  /** Tag slugs, or `{ slug, color }`. */
  tags?: Array<string | { slug: string; color?: string }>;
  /** Folders to create, per environment: `{ dev: ['/app/api'] }` (parents are created too). */
  folders?: Record<string, string[]>;
  /** Secrets per environment: `{ dev: { DATABASE_URL: '...', '/app': { PORT: '8080' } } }`. */
  secrets?: Record<string, SeedFolderSecrets>;
  /** Secret imports (the last import wins on a key clash, as on the real server). */
  imports?: SeedImport[];
}

export interface SeedProject extends SeedProjectData {
  slug: string;
  id?: string;
  name?: string;
  description?: string;
  /** Default: dev, staging, prod. */
  environments?: Array<string | { slug: string; name?: string }>;
}

/** Data added to the server. Everything but `projects` goes into the seeded project. */
export interface Seed extends SeedProjectData {
  /** Environments added to the seeded project (which has dev, staging and prod). */
  environments?: Array<string | { slug: string; name?: string }>;
  /** More projects; the seeded identity is a member of every project. */
  projects?: SeedProject[];
}

/** Cloud-style rate limits per client and window (defaults: global 600, read 60, write 200, secrets 60, projectCreation 30, windowMs 60000). */
export interface RateLimitConfig {
  global?: number;
  read?: number;
  write?: number;
  secrets?: number;
  projectCreation?: number;
  windowMs?: number;
}

export interface StartInfisicalOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `'127.0.0.1'`. */
  host?: string;
  /** Data to add at start (checked before the server starts; `reset()` restores it). */
  seed?: Seed;
  /** Universal-auth credentials of the seeded identity. Default `test-client-id` / `test-client-secret`. */
  clientId?: string;
  clientSecret?: string;
  identityId?: string;
  /** Id and slug of the seeded project. */
  projectId?: string;
  projectSlug?: string;
  /** Access-token lifetime in seconds. Default 7200. */
  accessTokenTTL?: number;
  /** Maximum lifetime through renewals, in seconds. Default 2592000. */
  accessTokenMaxTTL?: number;
  /** AWS key pairs accepted for AWS IAM logins, besides the AWS documentation's example pair. */
  awsCredentials?: Array<{ accessKeyId: string; secretAccessKey: string }>;
  /** Rate limits as on Infisical Cloud. Default off, as on a self-hosted server. */
  rateLimit?: boolean | RateLimitConfig;
  /** Serve the API under a path, e.g. `'/infisical'` (`url` includes it). */
  basePath?: string;
  /** `true`: log every request to stderr; `false`: not even unexpected errors. */
  log?: boolean;
}

/** One request the server received. */
export interface RecordedRequest {
  method: string;
  /** Raw path, not decoded, without the query. */
  path: string;
  /** Raw query string, without `?`. */
  query: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Raw body. */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  /** What the server answered (not set for faults, outages or requests still in progress). Not enumerable. */
  readonly response?: { status: number; body: unknown };
}

/**
 * Which requests a fault applies to: `'GET /api/v3/secrets/raw'` (method optional; `:name`
 * matches one path segment, a trailing `*` any rest), a RegExp tested against the path, or a
 * function of the request. Omitted: any request.
 */
export type RouteMatch = string | RegExp | ((request: RecordedRequest) => boolean);

export interface FaultOptions {
  route?: RouteMatch;
  /** How many matching requests it applies to. Default 1; `Infinity` for all. */
  times?: number;
}

export interface InfisicalTestServer {
  /** The `siteUrl` to give the SDK. */
  readonly url: string;
  readonly port: number;
  /** The seeded machine identity (universal auth). */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly identityId: string;
  /** The seeded project (environments dev, staging, prod). */
  readonly projectId: string;
  readonly projectSlug: string;
  readonly organizationId: string;
  /** Environment slugs of the seeded project. */
  readonly environments: string[];
  /** The AWS IAM identity, and the key pair its logins must be signed with (SigV4 is checked). */
  readonly awsIdentityId: string;
  readonly awsAccessKeyId: string;
  readonly awsSecretAccessKey: string;

  /** Adds data; the whole seed is checked first (throws `InfisicalSeedError`, nothing changed). */
  seed(seed: Seed): void;
  /** Back to the state right after start: seeded data, no tokens, faults, requests or clock offset. */
  reset(): void;
  /** Every request received, in order (a live array). */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** The shared secrets of a folder of the seeded project, as `{ KEY: value }`. */
  secrets(environment: string, path?: string): Record<string, string>;

  /** Answers matching requests `ms` later (the answer is computed on arrival). */
  delay(ms: number, options?: FaultOptions): void;
  /** Answers matching requests with `status` (an Infisical error body unless `body` is given). */
  fail(status: number, options?: FaultOptions & { body?: unknown; headers?: Record<string, string> }): void;
  /** Drops the connection of matching requests without an answer. */
  drop(options?: FaultOptions): void;
  /** Every request fails until `recover()`: with `status` (default 503), or `{ type: 'reset' }` drops connections. */
  outage(options?: { status?: number; body?: unknown; headers?: Record<string, string> } | { type: 'reset' }): void;
  recover(): void;
  /** Turns Cloud-style rate limits on (`true` or limits) or off (`false`). */
  rateLimit(config?: boolean | RateLimitConfig): void;

  /** Moves the server clock forward by `ms` milliseconds: token expiry, max TTLs, leases, rate-limit windows. */
  advanceTime(ms: number): void;

  // The other login methods: each add*Identity configures a new identity (token TTLs as for
  // universal auth, plus the method's checks) and returns it; the tokens those logins carry
  // are signed by the server's own issuers (a cluster, an OIDC provider, Google).
  /** Kubernetes auth; the lists are comma-separated, empty allows any. */
  addKubernetesIdentity(options?: LoginIdentityOptions & { allowedNamespaces?: string; allowedNames?: string; allowedAudience?: string }): { identityId: string };
  /** A service-account token the test cluster signed (`sub` = `system:serviceaccount:<namespace>:<name>`). */
  kubernetesServiceAccountToken(options?: { namespace?: string; name?: string; audiences?: string[]; expiresIn?: number }): string;
  /** JWT auth: tokens must verify against one of `publicKeys` (PEM, RS256) and meet the bounds. */
  addJwtIdentity(options: LoginIdentityOptions & JwtBounds & { publicKeys: string[] }): { identityId: string };
  /** OIDC auth: tokens must be signed by the server's OIDC provider (`oidcToken`) and meet the bounds. */
  addOidcIdentity(options?: LoginIdentityOptions & JwtBounds): { identityId: string };
  /** A token of the server's OIDC provider with these claims, valid `expiresIn` seconds (default 300). */
  oidcToken(claims: Record<string, unknown>, options?: { expiresIn?: number }): string;
  /** LDAP auth against a directory of `users` (`{ username: password }`). */
  addLdapIdentity(options: LoginIdentityOptions & { users: Record<string, string> }): { identityId: string };
  /** GCP auth: `type` 'gce' (a Google ID token, audience = identity id) or 'iam' (a JWT signed with a service-account key). */
  addGcpIdentity(options?: LoginIdentityOptions & { type?: 'gce' | 'iam'; allowedServiceAccounts?: string }): { identityId: string };
  /** A Google-signed ID token, as the GCE metadata server hands out (`audience` = the identity id). */
  googleIdToken(options: { audience: string; email?: string; expiresIn?: number }): string;
  /** Makes the server know an existing key file (the public half of its `private_key`), as Google publishes it. */
  addGcpServiceAccountKey(key: { client_email: string; private_key_id: string; private_key: string }): void;
  /** A new service-account key file (as JSON) whose public half the server knows, as Google publishes it. */
  createGcpServiceAccountKey(options?: { email?: string; projectId?: string }): { type: 'service_account'; project_id: string; private_key_id: string; private_key: string; client_email: string; client_id: string; token_uri: string };
  /** Azure auth: tokens of `tenantId` (default `DEFAULTS.azureTenantId`) for `resource` (default `https://management.azure.com/`); `allowedServicePrincipalIds` comma-separated. */
  addAzureIdentity(options?: LoginIdentityOptions & { tenantId?: string; resource?: string; allowedServicePrincipalIds?: string }): { identityId: string };
  /** An access token of the fake Entra tenant (v1 issuer), as IMDS or Entra would hand it out; serve it from your own fake IMDS. */
  signAzureToken(options?: { tenantId?: string; audience?: string; oid?: string; expiresIn?: number; claims?: Record<string, unknown> }): string;
  /** OCI auth: users of `tenancyOcid` (default `DEFAULTS.ociTenancyOcid`); `allowedUsernames` comma-separated. */
  addOciIdentity(options?: LoginIdentityOptions & { tenancyOcid?: string; allowedUsernames?: string }): { identityId: string };
  /** An OCI user and its API public key (PEM); returns it with the key's fingerprint. */
  addOciUser(options: { userOcid: string; tenancyOcid?: string; name?: string; publicKey: string }): { userOcid: string; tenancyOcid: string; name: string; fingerprint: string };
  /** The seeded OCI user, with its API private key (PKCS#8 PEM, made on first use): what `ociAuth.login` needs. */
  readonly ociUser: { userOcid: string; tenancyOcid: string; name: string; fingerprint: string; privateKey: string };
  /** Alibaba Cloud auth; `allowedArns` comma-separated. */
  addAliCloudIdentity(options?: LoginIdentityOptions & { allowedArns?: string }): { identityId: string };
  /** Another AccessKey pair the fake STS accepts, and the ARN it answers for it. */
  addAliCloudKey(options: { accessKeyId: string; accessKeySecret: string; arn: string }): void;

  close(): Promise<void>;
}

/** Token TTLs of an identity a login method of the test server issues tokens for (seconds). */
export interface LoginIdentityOptions {
  identityId?: string;
  name?: string;
  accessTokenTTL?: number;
  accessTokenMaxTTL?: number;
  accessTokenNumUsesLimit?: number;
  accessTokenPeriod?: number;
}

/** What JWT and OIDC auth require of a token (`*` is a wildcard; lists are comma-separated). */
export interface JwtBounds {
  boundIssuer?: string;
  boundSubject?: string;
  boundAudiences?: string;
  boundClaims?: Record<string, string>;
}

/** An RS256 signer with a fresh key pair, to play an identity provider in tests. */
export interface JwtIssuer {
  readonly kid?: string;
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
  sign(payload: Record<string, unknown>, options?: { expiresIn?: number; nowSeconds?: number; header?: Record<string, unknown> }): string;
}

/** Makes a `JwtIssuer` (node:crypto RSA 2048); `kid` goes in each token's header. */
export declare function createJwtIssuer(options?: { kid?: string; privateKeyPem?: string }): JwtIssuer;

/** Starts a local Infisical server; a bad option or seed is refused before it starts. */
export declare function startInfisical(options?: StartInfisicalOptions): Promise<InfisicalTestServer>;

/** A malformed seed; `field` names it, e.g. `secrets.dev.PORT`. */
export declare class InfisicalSeedError extends Error {
  readonly name: 'InfisicalSeedError';
  readonly field: string;
}

/** Ids and credentials of the seeded state. */
export declare const DEFAULTS: {
  readonly orgId: string;
  readonly orgSlug: string;
  readonly identityId: string;
  readonly identityName: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly awsIdentityId: string;
  readonly awsAccessKeyId: string;
  readonly awsSecretAccessKey: string;
  readonly azureIdentityId: string;
  readonly azureTenantId: string;
  readonly azureResource: string;
  readonly azureServicePrincipalId: string;
  readonly ociIdentityId: string;
  readonly ociTenancyOcid: string;
  readonly ociUserOcid: string;
  readonly ociUsername: string;
  readonly ociRegion: string;
  readonly aliCloudIdentityId: string;
  readonly aliCloudAccessKeyId: string;
  readonly aliCloudAccessKeySecret: string;
  readonly aliCloudArn: string;
  readonly projectId: string;
  readonly projectSlug: string;
  readonly projectName: string;
  readonly environments: ReadonlyArray<{ readonly slug: string; readonly name: string }>;
  readonly tags: ReadonlyArray<{ readonly id: string; readonly slug: string; readonly color: string }>;
};

/**
 * The low-level server this package's own tests use (its whole store, raw fault queue,
 * `advanceTime` in seconds). Not covered by semver: prefer `startInfisical`.
 */
export declare function startServer(options?: Record<string, unknown>): Promise<{ url: string; port: number; close(): Promise<void>; [method: string]: any }>;
