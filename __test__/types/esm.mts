// Type test: the package as an ES module user imports it, by its name (under
// node16 resolution this goes through package.json "exports", the "import"
// condition), next to the official package's ESM declarations (index.d.mts).
// Compiled, never run.

import { InfisicalSDK, SecretType, DynamicSecretProviders, SqlProviders } from 'infisical-sdk-native';
import type { ListSecretsResponse, Secret, TDynamicSecretProvider } from 'infisical-sdk-native';
import type * as Ours from 'infisical-sdk-native';
import type * as Official from '@infisical/sdk';

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const client = new InfisicalSDK({ siteUrl: 'https://app.infisical.com' });
await client.auth().universalAuth.login({ clientId: 'id', clientSecret: 'secret' });
const listed: ListSecretsResponse = await client.secrets().listSecrets({ environment: 'dev', projectId: 'p' });
const secret: Secret = await client.secrets().getSecret({
  environment: 'dev',
  projectId: 'p',
  secretName: 'S',
  type: SecretType.Personal,
});
const provider: TDynamicSecretProvider = {
  type: DynamicSecretProviders.SqlDatabase,
  inputs: {
    client: SqlProviders.MySQL,
    host: 'h',
    port: 3306,
    database: 'd',
    username: 'u',
    password: 'p',
    creationStatement: 'c',
    revocationStatement: 'r',
  },
};

// Under node16, TypeScript reads index.d.ts as CommonJS (the package has no
// "type": "module"), so from an ES module it also offers a synthetic `default`
// (module.exports) that index.mjs does not have at runtime. Hence the
// Exclude: the named exports must match exactly. (An index.d.mts re-exporting
// index.d.ts under the "import" condition would remove that `default`.)
const _same: [
  Equal<Exclude<keyof typeof Ours, 'default'>, keyof typeof Official>,
  Equal<Ours.ListSecretsOptions, Official.ListSecretsOptions>,
  Equal<Ours.TDynamicSecretProvider, Official.TDynamicSecretProvider>,
  Equal<`${Ours.SecretType}`, `${Official.SecretType}`>,
] = [true, true, true, true];

export { listed, secret, provider, _same };
