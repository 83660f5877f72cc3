//! Security: rlint's own rules.

mod add_url_without_checksum;
mod copy_sensitive_file;
mod curl_pipe_shell;
mod root_final_user;
mod secret_literal;
mod ssh_port_exposed;
mod tls_verification_disabled;
mod world_writable;

pub use add_url_without_checksum::AddUrlWithoutChecksum;
pub use copy_sensitive_file::CopySensitiveFile;
pub use curl_pipe_shell::CurlPipeShell;
pub use root_final_user::RootFinalUser;
pub use secret_literal::SecretLiteral;
pub use ssh_port_exposed::SshPortExposed;
pub use tls_verification_disabled::TlsVerificationDisabled;
pub use world_writable::WorldWritable;

// [group H] (keep this marker; add `mod x;` / `pub use` lines above it)
