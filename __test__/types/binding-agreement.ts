// The declarations napi generates for the addon's own exports (binding.d.ts)
// agree with the public, hand-written index.d.ts: the same exports, the same
// enums (keys and values, key by key), the same constructor parameters, and
// a public InfisicalSDK that is an instance of the generated class.
import * as pub from '../../index';
import * as bin from '../../binding';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
declare function agree<T extends true>(): void;

/** An enum object as its keys and the string of each value. */
type Members<E> = { [K in keyof E]: E[K] extends string ? `${E[K]}` : never };

agree<Equal<keyof typeof bin, keyof typeof pub>>();

agree<Equal<Members<typeof bin.SecretType>, Members<typeof pub.SecretType>>>();
agree<Equal<Members<typeof bin.SqlProviders>, Members<typeof pub.SqlProviders>>>();
agree<Equal<Members<typeof bin.DynamicSecretProviders>, Members<typeof pub.DynamicSecretProviders>>>();
agree<Equal<Members<typeof bin.EncryptionAlgorithm>, Members<typeof pub.EncryptionAlgorithm>>>();
agree<Equal<Members<typeof bin.SigningAlgorithm>, Members<typeof pub.SigningAlgorithm>>>();
agree<Equal<Members<typeof bin.KeyUsage>, Members<typeof pub.KeyUsage>>>();

agree<Equal<ConstructorParameters<typeof bin.InfisicalSDK>, ConstructorParameters<typeof pub.InfisicalSDK>>>();
agree<pub.InfisicalSDK extends bin.InfisicalSDK ? true : false>();
