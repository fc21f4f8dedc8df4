// Type test: our declarations (index.d.ts) against the official ones
// (@infisical/sdk 5.0.2): every exported type, every enum, and the public
// shape of InfisicalSDK and of each client its accessors return.
// Compiled, never run: each `const _x: ... = true` fails to compile when the
// two sides differ.

import type * as Ours from '../..';
import type * as Official from '@infisical/sdk';

// --- helpers ----------------------------------------------------------------

/** Mutual assignability. */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type IsAny<T> = 0 extends 1 & T ? true : false;
type Next = [never, 0, 1, 2, 3, 4, 5, 6];

/**
 * Every property path of T ("a", "a.b", "list.[].x"), a trailing "?" marking
 * an optional property. Mutual assignability alone misses a missing optional
 * property ({ a: string } and { a: string; b?: string } are assignable both
 * ways); comparing the paths catches it, at every depth.
 */
type Paths<T, D extends number = 6> = [D] extends [never]
  ? never
  : IsAny<T> extends true
    ? never
    : T extends readonly (infer E)[]
      ? Sub<'[]', E, D>
      : T extends (...args: any[]) => any
        ? never
        : T extends object
          ? { [K in keyof T & string]-?: Sub<{} extends Pick<T, K> ? `${K}?` : K, T[K], D> }[keyof T & string]
          : never;
type Sub<K extends string, V, D extends number> = K | `${K}.${Paths<V, Next[D]>}`;

/** Same type: assignable both ways, and the same property paths and optionality. */
type Exact<A, B> = [Equal<A, B>, Equal<Paths<A>, Paths<B>>] extends [true, true] ? true : false;

/** Two functions with the same parameters and the same (awaited) result. */
type SameFn<A extends (...args: any[]) => any, B extends (...args: any[]) => any> = [
  Exact<Parameters<A>, Parameters<B>>,
  Exact<Awaited<ReturnType<A>>, Awaited<ReturnType<B>>>,
  Equal<ReturnType<A>, ReturnType<B>>,
] extends [true, true, true]
  ? true
  : false;

/** Two functions with the same parameters (results compared separately). */
type SameParams<A extends (...args: any[]) => any, B extends (...args: any[]) => any> = Exact<Parameters<A>, Parameters<B>>;

// The helpers themselves catch differences.
const _selfTest: [
  Exact<{ a: string }, { a: string; b?: string }>,
  Exact<{ a: string }, { a?: string }>,
  Exact<{ a: { b: number } }, { a: { b: number; c?: string } }>,
  Exact<{ a: { b: number }[] }, { a: { b?: number }[] }>,
  Exact<{ a: 1 } | { b: 2 }, { a: 1 }>,
  SameFn<(a: string) => Promise<number>, (a: string, b?: number) => Promise<number>>,
  SameFn<(a: string) => Promise<number>, (a: string) => Promise<string>>,
  Exact<{ a: string; b?: string | undefined }, { a: string; b?: string }>,
] = [false, false, false, false, false, false, false, true];

// --- values exported at runtime ---------------------------------------------

const _valueExports: Equal<keyof typeof Ours, keyof typeof Official> = true;

// --- enums: same member names and the same values ---------------------------

const _enums: [
  Equal<`${Ours.SecretType}`, `${Official.SecretType}`>,
  Equal<keyof typeof Ours.SecretType, keyof typeof Official.SecretType>,
  Equal<`${Ours.SqlProviders}`, `${Official.SqlProviders}`>,
  Equal<keyof typeof Ours.SqlProviders, keyof typeof Official.SqlProviders>,
  Equal<`${Ours.DynamicSecretProviders}`, `${Official.DynamicSecretProviders}`>,
  Equal<keyof typeof Ours.DynamicSecretProviders, keyof typeof Official.DynamicSecretProviders>,
  Equal<`${Ours.EncryptionAlgorithm}`, `${Official.EncryptionAlgorithm}`>,
  Equal<keyof typeof Ours.EncryptionAlgorithm, keyof typeof Official.EncryptionAlgorithm>,
  Equal<`${Ours.SigningAlgorithm}`, `${Official.SigningAlgorithm}`>,
  Equal<keyof typeof Ours.SigningAlgorithm, keyof typeof Official.SigningAlgorithm>,
  Equal<`${Ours.KeyUsage}`, `${Official.KeyUsage}`>,
  Equal<keyof typeof Ours.KeyUsage, keyof typeof Official.KeyUsage>,
  // Member by member, the enum types themselves are interchangeable.
  Equal<Ours.SecretType, Official.SecretType>,
  Equal<Ours.SqlProviders, Official.SqlProviders>,
  Equal<Ours.DynamicSecretProviders, Official.DynamicSecretProviders>,
  Equal<Ours.EncryptionAlgorithm, Official.EncryptionAlgorithm>,
  Equal<Ours.SigningAlgorithm, Official.SigningAlgorithm>,
  Equal<Ours.KeyUsage, Official.KeyUsage>,
  Equal<Ours.DynamicSecretProviders.Redis, Official.DynamicSecretProviders.Redis>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

// --- every exported type, in the order of the official export list ----------

const _types: [
  Exact<Ours.ApiResponse<Ours.Secret>, Official.ApiResponse<Official.Secret>>,
  Exact<Ours.ApiResponse<string>, Official.ApiResponse<string>>,
  Exact<Ours.AwsIamAuthLoginRequest, Official.AwsIamAuthLoginRequest>,
  Exact<Ours.AwsIamAuthLoginResponse, Official.AwsIamAuthLoginResponse>,
  Exact<Ours.BaseSecretOptions, Official.BaseSecretOptions>,
  Exact<Ours.CreateDynamicSecretLeaseOptions, Official.CreateDynamicSecretLeaseOptions>,
  Exact<Ours.CreateDynamicSecretRequest, Official.CreateDynamicSecretRequest>,
  Exact<Ours.CreateEnvironmentOptions, Official.CreateEnvironmentOptions>,
  Exact<Ours.CreateEnvironmentRequest, Official.CreateEnvironmentRequest>,
  Exact<Ours.CreateEnvironmentResponse, Official.CreateEnvironmentResponse>,
  Exact<Ours.CreateFolderOptions, Official.CreateFolderOptions>,
  Exact<Ours.CreateFolderRequest, Official.CreateFolderRequest>,
  Exact<Ours.CreateFolderResponse, Official.CreateFolderResponse>,
  Exact<Ours.CreateKmsKeyOptions, Official.CreateKmsKeyOptions>,
  Exact<Ours.CreateKmsKeyResponse, Official.CreateKmsKeyResponse>,
  Exact<Ours.CreateLeaseRequest, Official.CreateLeaseRequest>,
  Exact<Ours.CreateProjectOptions, Official.CreateProjectOptions>,
  Exact<Ours.CreateProjectRequest, Official.CreateProjectRequest>,
  Exact<Ours.CreateProjectResponse, Official.CreateProjectResponse>,
  Exact<Ours.CreateSecretOptions, Official.CreateSecretOptions>,
  Exact<Ours.CreateSecretRequest, Official.CreateSecretRequest>,
  Exact<Ours.CreateSecretResponse, Official.CreateSecretResponse>,
  Exact<Ours.DeleteDynamicSecretLeaseOptions, Official.DeleteDynamicSecretLeaseOptions>,
  Exact<Ours.DeleteDynamicSecretOptions, Official.DeleteDynamicSecretOptions>,
  Exact<Ours.DeleteDynamicSecretRequest, Official.DeleteDynamicSecretRequest>,
  Exact<Ours.DeleteKmsKeyOptions, Official.DeleteKmsKeyOptions>,
  Exact<Ours.DeleteKmsKeyResponse, Official.DeleteKmsKeyResponse>,
  Exact<Ours.DeleteLeaseRequest, Official.DeleteLeaseRequest>,
  Exact<Ours.DeleteSecretOptions, Official.DeleteSecretOptions>,
  Exact<Ours.DeleteSecretRequest, Official.DeleteSecretRequest>,
  Exact<Ours.DeleteSecretResponse, Official.DeleteSecretResponse>,
  Exact<Ours.Environment, Official.Environment>,
  Exact<Ours.Folder, Official.Folder>,
  Exact<Ours.GetKmsKeyByNameOptions, Official.GetKmsKeyByNameOptions>,
  Exact<Ours.GetKmsKeyByNameResponse, Official.GetKmsKeyByNameResponse>,
  Exact<Ours.GetSecretOptions, Official.GetSecretOptions>,
  Exact<Ours.GetSecretRequest, Official.GetSecretRequest>,
  Exact<Ours.GetSecretResponse, Official.GetSecretResponse>,
  Exact<Ours.InviteMemberToProjectOptions, Official.InviteMemberToProjectOptions>,
  Exact<Ours.InviteMembersRequest, Official.InviteMembersRequest>,
  Exact<Ours.InviteMembersResponse, Official.InviteMembersResponse>,
  Exact<Ours.KmsDecryptDataOptions, Official.KmsDecryptDataOptions>,
  Exact<Ours.KmsDecryptDataResponse, Official.KmsDecryptDataResponse>,
  Exact<Ours.KmsEncryptDataOptions, Official.KmsEncryptDataOptions>,
  Exact<Ours.KmsEncryptDataResponse, Official.KmsEncryptDataResponse>,
  Exact<Ours.KmsGetPublicKeyOptions, Official.KmsGetPublicKeyOptions>,
  Exact<Ours.KmsGetPublicKeyResponse, Official.KmsGetPublicKeyResponse>,
  Exact<Ours.KmsKey, Official.KmsKey>,
  Exact<Ours.KmsListSigningAlgorithmsOptions, Official.KmsListSigningAlgorithmsOptions>,
  Exact<Ours.KmsListSigningAlgorithmsResponse, Official.KmsListSigningAlgorithmsResponse>,
  Exact<Ours.KmsSignDataOptions, Official.KmsSignDataOptions>,
  Exact<Ours.KmsSignDataResponse, Official.KmsSignDataResponse>,
  Exact<Ours.KmsVerifyDataOptions, Official.KmsVerifyDataOptions>,
  Exact<Ours.KmsVerifyDataResponse, Official.KmsVerifyDataResponse>,
  Exact<Ours.ListFoldersOptions, Official.ListFoldersOptions>,
  Exact<Ours.ListFoldersRequest, Official.ListFoldersRequest>,
  Exact<Ours.ListFoldersResponse, Official.ListFoldersResponse>,
  Exact<Ours.ListSecretsOptions, Official.ListSecretsOptions>,
  Exact<Ours.ListSecretsRequest, Official.ListSecretsRequest>,
  Exact<Ours.ListSecretsResponse, Official.ListSecretsResponse>,
  Exact<Ours.Membership, Official.Membership>,
  Exact<Ours.Project, Official.Project>,
  Exact<Ours.RenewDynamicSecretLeaseOptions, Official.RenewDynamicSecretLeaseOptions>,
  Exact<Ours.RenewLeaseRequest, Official.RenewLeaseRequest>,
  Exact<Ours.Secret, Official.Secret>,
  Exact<Ours.TDynamicSecretProvider, Official.TDynamicSecretProvider>,
  Exact<Ours.TokenRenewRequest, Official.TokenRenewRequest>,
  Exact<Ours.TokenRenewResponse, Official.TokenRenewResponse>,
  Exact<Ours.UniversalAuthLoginRequest, Official.UniversalAuthLoginRequest>,
  Exact<Ours.UniversalAuthLoginResponse, Official.UniversalAuthLoginResponse>,
  Exact<Ours.UpdateSecretOptions, Official.UpdateSecretOptions>,
  Exact<Ours.UpdateSecretRequest, Official.UpdateSecretRequest>,
  Exact<Ours.UpdateSecretResponse, Official.UpdateSecretResponse>,
] = [
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true, true,
];

// Deliberate differences from the official types (README "Deliberate differences"): the server's
// names and shapes. Everything else of these types is the official one.
type Kv = { key: string; value: string }[];
const _deliberate: [
  Exact<Omit<Ours.Lease, 'expireAt'>, Omit<Official.Lease, 'expiresAt'>>,
  Equal<Ours.Lease['expireAt'], Official.Lease['expiresAt']>,
  Equal<'expiresAt' extends keyof Ours.Lease ? true : false, false>,
  Exact<Omit<Ours.DynamicSecret, 'metadata' | 'inputs'>, Omit<Official.DynamicSecret, 'metadata'>>,
  Exact<Ours.DynamicSecret['metadata'], Kv>,
  Equal<Ours.DynamicSecret['inputs'], Record<string, any> | undefined>,
  Exact<Omit<Ours.CreateDynamicSecretOptions, 'metadata'>, Omit<Official.CreateDynamicSecretOptions, 'metadata'>>,
  Exact<Ours.CreateDynamicSecretOptions['metadata'], Kv | undefined>,
  // The responses that carry them are otherwise the official ones.
  Exact<Ours.CreateDynamicSecretResponse, { dynamicSecret: Ours.DynamicSecret }>,
  Exact<Ours.DeleteDynamicSecretResponse, { dynamicSecret: Ours.DynamicSecret }>,
  Exact<Ours.CreateLeaseResponse, { lease: Ours.Lease }>,
  Exact<Ours.DeleteLeaseResponse, { lease: Ours.Lease }>,
  Exact<Ours.RenewLeaseResponse, { lease: Ours.Lease }>,
  Equal<keyof Official.CreateDynamicSecretResponse | keyof Official.DeleteDynamicSecretResponse, 'dynamicSecret'>,
  Equal<keyof Official.CreateLeaseResponse | keyof Official.DeleteLeaseResponse | keyof Official.RenewLeaseResponse, 'lease'>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

// The dynamic-secret providers, one by one (a clearer error than the whole union).
type OursProvider<T> = Extract<Ours.TDynamicSecretProvider, { type: T }>;
type OfficialProvider<T> = Extract<Official.TDynamicSecretProvider, { type: T }>;
type SameProvider<K extends keyof typeof Ours.DynamicSecretProviders & keyof typeof Official.DynamicSecretProviders> = Exact<
  OursProvider<(typeof Ours.DynamicSecretProviders)[K]>,
  OfficialProvider<(typeof Official.DynamicSecretProviders)[K]>
>;
const _providers: { [K in keyof typeof Official.DynamicSecretProviders]: SameProvider<K> } = {
  SqlDatabase: true,
  Cassandra: true,
  AwsIam: true,
  Redis: true,
  AwsElastiCache: true,
  MongoAtlas: true,
  ElasticSearch: true,
  MongoDB: true,
  RabbitMq: true,
  AzureEntraID: true,
  Ldap: true,
  SapHana: true,
  Snowflake: true,
  Totp: true,
  SapAse: true,
};

// --- InfisicalSDK and its clients: the public shape -------------------------

type OurSDK = Ours.InfisicalSDK;
type OffSDK = Official.InfisicalSDK;

// What we add beyond the official SDK (README "Beyond the official SDK"), and
// nothing else: our constructor options are a superset of the official ones
// (official options are accepted as they are), and InfisicalSDK has clearCache.
type ExtraSdkMembers = 'clearCache';
type ExtraOptions = 'caCertificate' | 'cache' | 'autoTokenRefresh' | 'timeoutMs' | 'retry' | 'headers' | 'userAgent';
type OurCtor = ConstructorParameters<typeof Ours.InfisicalSDK>;
type OffCtor = ConstructorParameters<typeof Official.InfisicalSDK>;
type OurOptions = NonNullable<OurCtor[0]>;
type OffOptions = NonNullable<OffCtor[0]>;

const _sdk: [
  Equal<Exclude<keyof OurSDK, ExtraSdkMembers>, keyof OffSDK>,
  Equal<Extract<keyof OurSDK, ExtraSdkMembers>, ExtraSdkMembers>,
  Equal<OurSDK['clearCache'], () => void>,
  // The constructor: the same arity and optionality...
  Equal<OurCtor['length'], OffCtor['length']>,
  Equal<undefined extends OurCtor[0] ? true : false, undefined extends OffCtor[0] ? true : false>,
  // ...the official options exactly, plus our optional extras...
  Exact<Omit<OurOptions, ExtraOptions>, OffOptions>,
  Equal<Extract<keyof OurOptions, ExtraOptions>, ExtraOptions>,
  Exact<
    Pick<OurOptions, ExtraOptions>,
    {
      caCertificate?: string;
      cache?: { ttlSeconds?: number; maxEntries?: number; maxBytes?: number; staleIfErrorSeconds?: number };
      autoTokenRefresh?: boolean;
      timeoutMs?: number;
      retry?: { maxRetries?: number; baseDelayMs?: number };
      headers?: Record<string, string>;
      userAgent?: string;
    }
  >,
  // ...so every official constructor call compiles against ours.
  [OffCtor] extends [OurCtor] ? true : false,
  [OffOptions] extends [OurOptions] ? true : false,
] = [true, true, true, true, true, true, true, true, true, true];

// The official class has private members, so ours is not assignable to it as a
// whole; the other way round, its public shape fits ours but for our additions:
// every area client is assignable (auth() is compared member by member below,
// because its logins resolve to each side's own InfisicalSDK, and only ours has
// clearCache).
declare const officialSdk: OffSDK;
const _officialFitsOurs: Omit<OurSDK, ExtraSdkMembers | 'auth' | 'secrets' | 'folders' | 'dynamicSecrets'> = officialSdk;

// The methods we add to the official clients (README "Beyond the official SDK"), and nothing else:
// without them, the official secrets() and folders() clients fit ours (dynamicSecrets() is
// compared member by member below: its types carry the deliberate differences above).
type SecretsExtra = 'batchCreate' | 'batchUpdate' | 'batchDelete';
type FoldersExtra = 'get' | 'update' | 'delete';
type DynamicExtra = 'list' | 'get' | 'update';
type LeasesExtra = 'list' | 'get';
declare const officialSecrets: ReturnType<OffSDK['secrets']>;
declare const officialFolders: ReturnType<OffSDK['folders']>;
const _officialSecretsFitOurs: Omit<ReturnType<OurSDK['secrets']>, SecretsExtra> = officialSecrets;
const _officialFoldersFitOurs: Omit<ReturnType<OurSDK['folders']>, FoldersExtra> = officialFolders;

type S = [ReturnType<OurSDK['secrets']>, ReturnType<OffSDK['secrets']>];
const _secrets: [
  Equal<Exclude<keyof S[0], SecretsExtra>, keyof S[1]>,
  Equal<Extract<keyof S[0], SecretsExtra>, SecretsExtra>,
  SameFn<S[0]['listSecrets'], S[1]['listSecrets']>,
  SameFn<S[0]['listSecretsWithImports'], S[1]['listSecretsWithImports']>,
  SameFn<S[0]['getSecret'], S[1]['getSecret']>,
  SameFn<S[0]['updateSecret'], S[1]['updateSecret']>,
  SameFn<S[0]['createSecret'], S[1]['createSecret']>,
  SameFn<S[0]['deleteSecret'], S[1]['deleteSecret']>,
  SameFn<S[0]['batchCreate'], (options: Ours.BatchCreateSecretsOptions) => Promise<Ours.BatchSecretsResponse>>,
  SameFn<S[0]['batchUpdate'], (options: Ours.BatchUpdateSecretsOptions) => Promise<Ours.BatchSecretsResponse>>,
  SameFn<S[0]['batchDelete'], (options: Ours.BatchDeleteSecretsOptions) => Promise<Ours.BatchSecretsResponse>>,
] = [true, true, true, true, true, true, true, true, true, true, true];

type A = [ReturnType<OurSDK['auth']>, ReturnType<OffSDK['auth']>];
// Our auth() adds logins (issue #13) and revoke(); every login takes an optional organizationSlug.
type ExtraAuthMembers = 'kubernetesAuth' | 'jwtAuth' | 'oidcAuth' | 'ldapAuth' | 'gcpIdTokenAuth' | 'gcpIamAuth' | 'azureAuth' | 'ociAuth' | 'aliCloudAuth' | 'revoke';
type ExtraLoginOptions = 'organizationSlug';
/** The official login parameters exactly, plus our optional extras (same arity and optionality). */
type SameLoginParams<F extends (...args: any[]) => any, G extends (...args: any[]) => any> = [
  Exact<Omit<NonNullable<Parameters<F>[0]>, ExtraLoginOptions>, NonNullable<Parameters<G>[0]>>,
  Equal<Pick<NonNullable<Parameters<F>[0]>, ExtraLoginOptions>, { organizationSlug?: string }>,
  Equal<Parameters<F>['length'], Parameters<G>['length']>,
  Equal<undefined extends Parameters<F>[0] ? true : false, undefined extends Parameters<G>[0] ? true : false>,
] extends [true, true, true, true]
  ? true
  : false;
// Logins resolve to the SDK itself: ours to our InfisicalSDK, theirs to theirs.
type ResolvesToSdk<F extends (...args: any[]) => any, SDK> = Equal<Awaited<ReturnType<F>>, SDK>;
const _auth: [
  Equal<Exclude<keyof A[0], ExtraAuthMembers>, keyof A[1]>,
  Equal<Extract<keyof A[0], ExtraAuthMembers>, ExtraAuthMembers>,
  Equal<keyof A[0]['awsIamAuth'], keyof A[1]['awsIamAuth']>,
  Equal<keyof A[0]['universalAuth'], keyof A[1]['universalAuth']>,
  SameLoginParams<A[0]['awsIamAuth']['login'], A[1]['awsIamAuth']['login']>,
  SameParams<A[0]['awsIamAuth']['renew'], A[1]['awsIamAuth']['renew']>,
  SameLoginParams<A[0]['universalAuth']['login'], A[1]['universalAuth']['login']>,
  SameParams<A[0]['universalAuth']['renew'], A[1]['universalAuth']['renew']>,
  SameFn<A[0]['getAccessToken'], A[1]['getAccessToken']>,
  SameParams<A[0]['accessToken'], A[1]['accessToken']>,
  ResolvesToSdk<A[0]['awsIamAuth']['login'], OurSDK>,
  ResolvesToSdk<A[1]['awsIamAuth']['login'], OffSDK>,
  ResolvesToSdk<A[0]['awsIamAuth']['renew'], OurSDK>,
  ResolvesToSdk<A[1]['awsIamAuth']['renew'], OffSDK>,
  ResolvesToSdk<A[0]['universalAuth']['login'], OurSDK>,
  ResolvesToSdk<A[1]['universalAuth']['login'], OffSDK>,
  ResolvesToSdk<A[0]['universalAuth']['renew'], OurSDK>,
  ResolvesToSdk<A[1]['universalAuth']['renew'], OffSDK>,
  Equal<ReturnType<A[0]['accessToken']>, OurSDK>,
  Equal<ReturnType<A[1]['accessToken']>, OffSDK>,
  // Promises, not bare values.
  Equal<ReturnType<A[0]['universalAuth']['login']>, Promise<OurSDK>>,
  Equal<ReturnType<A[0]['awsIamAuth']['login']>, Promise<OurSDK>>,
] = [
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true,
];

type D = [ReturnType<OurSDK['dynamicSecrets']>, ReturnType<OffSDK['dynamicSecrets']>];
type Location = Ours.DynamicSecretLocationOptions;
const _dynamicSecrets: [
  Equal<Exclude<keyof D[0], DynamicExtra>, keyof D[1]>,
  Equal<Extract<keyof D[0], DynamicExtra>, DynamicExtra>,
  // create and delete: the official parameters and results, but for the deliberate differences
  SameFn<D[0]['create'], (options: Ours.CreateDynamicSecretOptions) => Promise<Ours.DynamicSecret>>,
  SameFn<D[1]['create'], (options: Official.CreateDynamicSecretOptions) => Promise<Official.DynamicSecret>>,
  SameParams<D[0]['delete'], D[1]['delete']>,
  Equal<ReturnType<D[0]['delete']>, Promise<Ours.DynamicSecret>>,
  Equal<ReturnType<D[1]['delete']>, Promise<Official.DynamicSecret>>,
  SameFn<D[0]['list'], (options: Location) => Promise<Ours.DynamicSecret[]>>,
  SameFn<D[0]['get'], (dynamicSecretName: string, options: Location) => Promise<Ours.DynamicSecret>>,
  SameFn<D[0]['update'], (dynamicSecretName: string, options: Ours.UpdateDynamicSecretOptions) => Promise<Ours.DynamicSecret>>,
  Equal<Exclude<keyof D[0]['leases'], LeasesExtra>, keyof D[1]['leases']>,
  Equal<Extract<keyof D[0]['leases'], LeasesExtra>, LeasesExtra>,
  SameParams<D[0]['leases']['create'], D[1]['leases']['create']>,
  SameParams<D[0]['leases']['delete'], D[1]['leases']['delete']>,
  SameParams<D[0]['leases']['renew'], D[1]['leases']['renew']>,
  Equal<ReturnType<D[0]['leases']['create']>, Promise<Ours.CreateLeaseResponse>>,
  Equal<ReturnType<D[1]['leases']['create']>, Promise<Official.CreateLeaseResponse>>,
  Equal<ReturnType<D[0]['leases']['delete']>, Promise<Ours.DeleteLeaseResponse>>,
  Equal<ReturnType<D[1]['leases']['delete']>, Promise<Official.DeleteLeaseResponse>>,
  Equal<ReturnType<D[0]['leases']['renew']>, Promise<Ours.RenewLeaseResponse>>,
  Equal<ReturnType<D[1]['leases']['renew']>, Promise<Official.RenewLeaseResponse>>,
  SameFn<D[0]['leases']['list'], (dynamicSecretName: string, options: Location) => Promise<Ours.ListLeasesResponse>>,
  SameFn<D[0]['leases']['get'], (leaseId: string, options: Location) => Promise<Ours.GetLeaseResponse>>,
] = [
  true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true,
  true, true, true,
];

type E = [ReturnType<OurSDK['environments']>, ReturnType<OffSDK['environments']>];
const _environments: [Equal<keyof E[0], keyof E[1]>, SameFn<E[0]['create'], E[1]['create']>] = [true, true];

type P = [ReturnType<OurSDK['projects']>, ReturnType<OffSDK['projects']>];
const _projects: [
  Equal<keyof P[0], keyof P[1]>,
  SameFn<P[0]['create'], P[1]['create']>,
  SameFn<P[0]['inviteMembers'], P[1]['inviteMembers']>,
] = [true, true, true];

type F = [ReturnType<OurSDK['folders']>, ReturnType<OffSDK['folders']>];
const _folders: [
  Equal<Exclude<keyof F[0], FoldersExtra>, keyof F[1]>,
  Equal<Extract<keyof F[0], FoldersExtra>, FoldersExtra>,
  SameFn<F[0]['create'], F[1]['create']>,
  SameFn<F[0]['listFolders'], F[1]['listFolders']>,
  SameFn<F[0]['get'], (options: Ours.GetFolderOptions) => Promise<Ours.FolderDetails>>,
  SameFn<F[0]['update'], (options: Ours.UpdateFolderOptions) => Promise<Ours.Folder & { path: string }>>,
  SameFn<F[0]['delete'], (options: Ours.DeleteFolderOptions) => Promise<Ours.Folder>>,
] = [true, true, true, true, true, true, true];

type K = [ReturnType<OurSDK['kms']>, ReturnType<OffSDK['kms']>];
type KKeys = [ReturnType<K[0]['keys']>, ReturnType<K[1]['keys']>];
type KEnc = [ReturnType<K[0]['encryption']>, ReturnType<K[1]['encryption']>];
type KSig = [ReturnType<K[0]['signing']>, ReturnType<K[1]['signing']>];
const _kms: [
  Equal<keyof K[0], keyof K[1]>,
  SameParams<K[0]['keys'], K[1]['keys']>,
  SameParams<K[0]['encryption'], K[1]['encryption']>,
  SameParams<K[0]['signing'], K[1]['signing']>,
  Equal<keyof KKeys[0], keyof KKeys[1]>,
  SameFn<KKeys[0]['create'], KKeys[1]['create']>,
  SameFn<KKeys[0]['delete'], KKeys[1]['delete']>,
  SameFn<KKeys[0]['getByName'], KKeys[1]['getByName']>,
  Equal<keyof KEnc[0], keyof KEnc[1]>,
  SameFn<KEnc[0]['encrypt'], KEnc[1]['encrypt']>,
  SameFn<KEnc[0]['decrypt'], KEnc[1]['decrypt']>,
  Equal<keyof KSig[0], keyof KSig[1]>,
  SameFn<KSig[0]['sign'], KSig[1]['sign']>,
  SameFn<KSig[0]['verify'], KSig[1]['verify']>,
  SameFn<KSig[0]['listSigningAlgorithms'], KSig[1]['listSigningAlgorithms']>,
  SameFn<KSig[0]['getPublicKey'], KSig[1]['getPublicKey']>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

export {};
