//! The table of calls: each typed request, the `InfisicalClient` method that
//! issues it, and how the user writes the call in JavaScript (its label, used
//! in every message that names the call).

use super::error::SdkResult;
use super::request::ApiRequest;
use super::{InfisicalClient, PendingCall};

/// A typed request of one API call (its label comes from the table below).
pub trait Call: Labelled {
    /// The HTTP request, as the official SDK would send it. Fails only on a
    /// value the core itself refuses (a path segment such as `..`).
    fn request(&self) -> SdkResult<ApiRequest>;
}

/// How a JavaScript user writes a call, for messages
/// (`secrets().listSecrets(options)`).
pub trait Labelled {
    const LABEL: &'static str;
}

/// Labels of the calls that are not plain requests (logins).
pub mod label {
    pub const UNIVERSAL_AUTH_LOGIN: &str = "auth().universalAuth.login(options)";
    pub const AWS_IAM_AUTH_LOGIN: &str = "auth().awsIamAuth.login(options)";
    pub const AZURE_AUTH_LOGIN: &str = "auth().azureAuth.login(options)";
    pub const OCI_AUTH_LOGIN: &str = "auth().ociAuth.login(options)";
    pub const ALICLOUD_AUTH_LOGIN: &str = "auth().aliCloudAuth.login(options)";
}

/// Declares, for every call: its label (`impl Call`'s `LABEL` comes from here)
/// and the `InfisicalClient` method named after the public one.
macro_rules! calls {
    ($( $(#[$doc:meta])* $method:ident($ty:ty) => $label:literal; )*) => {
        impl InfisicalClient {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nJavaScript: `", $label, "`.")]
                pub fn $method(self: &std::sync::Arc<Self>, call: $ty) -> PendingCall {
                    self.issue(&call)
                }
            )*
        }

        $( impl Labelled for $ty { const LABEL: &'static str = $label; } )*
    };
}

use super::dynamic_secrets::{
    CreateDynamicSecret, CreateLease, DeleteDynamicSecret, DeleteLease, GetDynamicSecret, GetLease, ListDynamicSecrets,
    ListLeases, RenewLease, UpdateDynamicSecret,
};
use super::environments::CreateEnvironment;
use super::folders::{CreateFolder, DeleteFolder, GetFolder, ListFolders, UpdateFolder};
use super::kms::{CreateKey, Decrypt, DeleteKey, Encrypt, GetKeyByName, GetPublicKey, ListSigningAlgorithms, Sign, Verify};
use super::projects::{CreateProject, InviteMembers};
use super::secrets::{
    BatchCreateSecrets, BatchDeleteSecrets, BatchUpdateSecrets, CreateSecret, DeleteSecret, GetSecret, ListSecrets,
    UpdateSecret,
};

calls! {
    /// Lists the secrets of one folder (a cacheable read).
    list_secrets(ListSecrets) => "secrets().listSecrets(options)";
    /// Fetches one secret (a cacheable read).
    get_secret(GetSecret) => "secrets().getSecret(options)";
    create_secret(CreateSecret) => "secrets().createSecret(secretName, options)";
    update_secret(UpdateSecret) => "secrets().updateSecret(secretName, options)";
    delete_secret(DeleteSecret) => "secrets().deleteSecret(secretName, options)";
    batch_create_secrets(BatchCreateSecrets) => "secrets().batchCreate(options)";
    batch_update_secrets(BatchUpdateSecrets) => "secrets().batchUpdate(options)";
    batch_delete_secrets(BatchDeleteSecrets) => "secrets().batchDelete(options)";

    create_dynamic_secret(CreateDynamicSecret) => "dynamicSecrets().create(options)";
    delete_dynamic_secret(DeleteDynamicSecret) => "dynamicSecrets().delete(dynamicSecretName, options)";
    create_lease(CreateLease) => "dynamicSecrets().leases.create(options)";
    delete_lease(DeleteLease) => "dynamicSecrets().leases.delete(leaseId, options)";
    renew_lease(RenewLease) => "dynamicSecrets().leases.renew(leaseId, options)";
    list_dynamic_secrets(ListDynamicSecrets) => "dynamicSecrets().list(options)";
    get_dynamic_secret(GetDynamicSecret) => "dynamicSecrets().get(dynamicSecretName, options)";
    update_dynamic_secret(UpdateDynamicSecret) => "dynamicSecrets().update(dynamicSecretName, options)";
    list_leases(ListLeases) => "dynamicSecrets().leases.list(dynamicSecretName, options)";
    get_lease(GetLease) => "dynamicSecrets().leases.get(leaseId, options)";

    create_environment(CreateEnvironment) => "environments().create(options)";

    create_project(CreateProject) => "projects().create(options)";
    invite_members(InviteMembers) => "projects().inviteMembers(options)";

    create_folder(CreateFolder) => "folders().create(options)";
    list_folders(ListFolders) => "folders().listFolders(options)";
    get_folder(GetFolder) => "folders().get(options)";
    update_folder(UpdateFolder) => "folders().update(options)";
    delete_folder(DeleteFolder) => "folders().delete(options)";

    create_kms_key(CreateKey) => "kms().keys().create(options)";
    delete_kms_key(DeleteKey) => "kms().keys().delete(options)";
    get_kms_key_by_name(GetKeyByName) => "kms().keys().getByName(options)";
    kms_encrypt(Encrypt) => "kms().encryption().encrypt(options)";
    kms_decrypt(Decrypt) => "kms().encryption().decrypt(options)";
    kms_sign(Sign) => "kms().signing().sign(options)";
    kms_verify(Verify) => "kms().signing().verify(options)";
    kms_list_signing_algorithms(ListSigningAlgorithms) => "kms().signing().listSigningAlgorithms(options)";
    kms_get_public_key(GetPublicKey) => "kms().signing().getPublicKey(options)";
}

impl InfisicalClient {
    /// Issues any typed call (see `begin`); a request the core refuses
    /// becomes a call that fails at once.
    pub fn issue<C: Call>(self: &std::sync::Arc<Self>, call: &C) -> PendingCall {
        match call.request() {
            Ok(request) => self.begin(request),
            Err(error) => PendingCall::failed(error),
        }
    }
}
