//! The official SDK's enums, as napi string enums: plain runtime objects
//! with the same keys, in the same order, and values (not TypeScript const
//! enums, so `isolatedModules` users can import them).
#![allow(non_camel_case_types, clippy::upper_case_acronyms)]

use napi_derive::napi;

#[napi(string_enum)]
pub enum SecretType {
    #[napi(value = "shared")]
    Shared,
    #[napi(value = "personal")]
    Personal,
}

#[napi(string_enum)]
pub enum SqlProviders {
    #[napi(value = "postgres")]
    Postgres,
    #[napi(value = "mysql2")]
    MySQL,
    #[napi(value = "oracledb")]
    Oracle,
    #[napi(value = "mssql")]
    MsSQL,
    #[napi(value = "sap-ase")]
    SapAse,
}

#[napi(string_enum)]
pub enum DynamicSecretProviders {
    #[napi(value = "sql-database")]
    SqlDatabase,
    #[napi(value = "cassandra")]
    Cassandra,
    #[napi(value = "aws-iam")]
    AwsIam,
    #[napi(value = "redis")]
    Redis,
    #[napi(value = "aws-elasticache")]
    AwsElastiCache,
    #[napi(value = "mongo-db-atlas")]
    MongoAtlas,
    #[napi(value = "elastic-search")]
    ElasticSearch,
    #[napi(value = "mongo-db")]
    MongoDB,
    #[napi(value = "rabbit-mq")]
    RabbitMq,
    #[napi(value = "azure-entra-id")]
    AzureEntraID,
    #[napi(value = "ldap")]
    Ldap,
    #[napi(value = "sap-hana")]
    SapHana,
    #[napi(value = "snowflake")]
    Snowflake,
    #[napi(value = "totp")]
    Totp,
    #[napi(value = "sap-ase")]
    SapAse,
}

#[napi(string_enum)]
pub enum EncryptionAlgorithm {
    RSA_4096,
    ECC_NIST_P256,
    #[napi(value = "aes-256-gcm")]
    AES_256_GCM,
    #[napi(value = "aes-128-gcm")]
    AES_128_GCM,
}

#[napi(string_enum)]
pub enum SigningAlgorithm {
    RSASSA_PSS_SHA_512,
    RSASSA_PSS_SHA_384,
    RSASSA_PSS_SHA_256,
    RSASSA_PKCS1_V1_5_SHA_512,
    RSASSA_PKCS1_V1_5_SHA_384,
    RSASSA_PKCS1_V1_5_SHA_256,
    ECDSA_SHA_512,
    ECDSA_SHA_384,
    ECDSA_SHA_256,
}

#[napi(string_enum)]
pub enum KeyUsage {
    #[napi(value = "encrypt-decrypt")]
    ENCRYPTION,
    #[napi(value = "sign-verify")]
    SIGNING,
}
