'use strict'
// The official SDK's enums, as plain runtime objects with the same values
// (not TypeScript const enums, so isolatedModules users can import them).

const SecretType = { Shared: 'shared', Personal: 'personal' }

const SqlProviders = {
  Postgres: 'postgres',
  MySQL: 'mysql2',
  Oracle: 'oracledb',
  MsSQL: 'mssql',
  SapAse: 'sap-ase',
}

const DynamicSecretProviders = {
  SqlDatabase: 'sql-database',
  Cassandra: 'cassandra',
  AwsIam: 'aws-iam',
  Redis: 'redis',
  AwsElastiCache: 'aws-elasticache',
  MongoAtlas: 'mongo-db-atlas',
  ElasticSearch: 'elastic-search',
  MongoDB: 'mongo-db',
  RabbitMq: 'rabbit-mq',
  AzureEntraID: 'azure-entra-id',
  Ldap: 'ldap',
  SapHana: 'sap-hana',
  Snowflake: 'snowflake',
  Totp: 'totp',
  SapAse: 'sap-ase',
}

const EncryptionAlgorithm = {
  RSA_4096: 'RSA_4096',
  ECC_NIST_P256: 'ECC_NIST_P256',
  AES_256_GCM: 'aes-256-gcm',
  AES_128_GCM: 'aes-128-gcm',
}

const SigningAlgorithm = {
  RSASSA_PSS_SHA_512: 'RSASSA_PSS_SHA_512',
  RSASSA_PSS_SHA_384: 'RSASSA_PSS_SHA_384',
  RSASSA_PSS_SHA_256: 'RSASSA_PSS_SHA_256',
  RSASSA_PKCS1_V1_5_SHA_512: 'RSASSA_PKCS1_V1_5_SHA_512',
  RSASSA_PKCS1_V1_5_SHA_384: 'RSASSA_PKCS1_V1_5_SHA_384',
  RSASSA_PKCS1_V1_5_SHA_256: 'RSASSA_PKCS1_V1_5_SHA_256',
  ECDSA_SHA_512: 'ECDSA_SHA_512',
  ECDSA_SHA_384: 'ECDSA_SHA_384',
  ECDSA_SHA_256: 'ECDSA_SHA_256',
}

const KeyUsage = { ENCRYPTION: 'encrypt-decrypt', SIGNING: 'sign-verify' }

module.exports = {
  SecretType,
  SqlProviders,
  DynamicSecretProviders,
  EncryptionAlgorithm,
  SigningAlgorithm,
  KeyUsage,
}
