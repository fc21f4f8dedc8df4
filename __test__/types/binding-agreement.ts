// The declarations napi generates for the addon's own exports (binding.d.ts)
// agree with the public, hand-written index.d.ts: every public export is an
// addon export (the addon also exports the classes of the objects the SDK
// makes, which the official package does not), the same enums (keys and
// values, key by key), the same constructor parameters, and public objects
// that are instances of the generated classes. (napi declares the members
// the SDK objects carry as own properties only in index.d.ts.)
import * as pub from '../../index';
import * as bin from '../../binding';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function agree<T extends true>(): void;

/** An enum object as its keys and the string of each value. */
type Members<E> = { [K in keyof E]: E[K] extends string ? `${E[K]}` : never };

agree<Equal<Extract<keyof typeof bin, keyof typeof pub>, keyof typeof pub>>();
agree<
  Equal<
    Exclude<keyof typeof bin, keyof typeof pub>,
    | 'AuthClient'
    | 'SecretsClient'
    | 'DynamicSecretsClient'
    | 'EnvironmentsClient'
    | 'ProjectsClient'
    | 'FoldersClient'
    | 'KmsClient'
  >
>();

agree<Equal<Members<typeof bin.SecretType>, Members<typeof pub.SecretType>>>();
agree<Equal<Members<typeof bin.SqlProviders>, Members<typeof pub.SqlProviders>>>();
agree<Equal<Members<typeof bin.DynamicSecretProviders>, Members<typeof pub.DynamicSecretProviders>>>();
agree<Equal<Members<typeof bin.EncryptionAlgorithm>, Members<typeof pub.EncryptionAlgorithm>>>();
agree<Equal<Members<typeof bin.SigningAlgorithm>, Members<typeof pub.SigningAlgorithm>>>();
agree<Equal<Members<typeof bin.KeyUsage>, Members<typeof pub.KeyUsage>>>();

agree<Equal<ConstructorParameters<typeof bin.InfisicalSDK>, ConstructorParameters<typeof pub.InfisicalSDK>>>();
agree<pub.InfisicalSDK extends bin.InfisicalSDK ? true : false>();

type Sdk = pub.InfisicalSDK;
agree<ReturnType<Sdk['auth']> extends bin.AuthClient ? true : false>();
agree<ReturnType<Sdk['secrets']> extends bin.SecretsClient ? true : false>();
agree<ReturnType<Sdk['dynamicSecrets']> extends bin.DynamicSecretsClient ? true : false>();
agree<ReturnType<Sdk['environments']> extends bin.EnvironmentsClient ? true : false>();
agree<ReturnType<Sdk['projects']> extends bin.ProjectsClient ? true : false>();
agree<ReturnType<Sdk['folders']> extends bin.FoldersClient ? true : false>();
agree<ReturnType<Sdk['kms']> extends bin.KmsClient ? true : false>();

// The methods the SDK objects carry as own properties (declared in index.d.ts only), area by area,
// exactly: the binding's tables (src/node/*.rs) and the public declarations list the same ones,
// the official ones and what we add (README "Beyond the official SDK"). The runtime side of the
// same list is checked by __test__/reliability/hostile-input.test.js.
type Dyn = ReturnType<Sdk['dynamicSecrets']>;
agree<
  Equal<
    keyof ReturnType<Sdk['secrets']>,
    | 'listSecrets'
    | 'listSecretsWithImports'
    | 'getSecret'
    | 'updateSecret'
    | 'createSecret'
    | 'deleteSecret'
    | 'batchCreate'
    | 'batchUpdate'
    | 'batchDelete'
  >
>();
agree<Equal<keyof ReturnType<Sdk['folders']>, 'create' | 'listFolders' | 'get' | 'update' | 'delete'>>();
agree<Equal<keyof Dyn, 'create' | 'delete' | 'list' | 'get' | 'update' | 'leases'>>();
agree<Equal<keyof Dyn['leases'], 'create' | 'delete' | 'renew' | 'list' | 'get'>>();
