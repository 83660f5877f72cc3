//! Package managers: pinning, caches, prompts.

mod apt_get_unpinned;

pub use apt_get_unpinned::AptGetUnpinned;

mod apt_lists_not_deleted;
pub(crate) mod system_packages;
pub use apt_lists_not_deleted::AptListsNotDeleted;
mod apt_get_missing_yes;
pub use apt_get_missing_yes::AptGetMissingYes;
mod apt_get_install_recommends;
pub use apt_get_install_recommends::AptGetInstallRecommends;
mod apk_add_unpinned;
pub use apk_add_unpinned::ApkAddUnpinned;
mod apk_add_keeps_cache;
pub use apk_add_keeps_cache::ApkAddKeepsCache;
mod apt_instead_of_apt_get;
pub use apt_instead_of_apt_get::AptInsteadOfAptGet;
mod yum_missing_yes;
pub use yum_missing_yes::YumMissingYes;
mod dnf_missing_yes;
pub use dnf_missing_yes::DnfMissingYes;
mod yum_cache_not_cleaned;
pub use yum_cache_not_cleaned::YumCacheNotCleaned;
mod dnf_cache_not_cleaned;
pub use dnf_cache_not_cleaned::DnfCacheNotCleaned;
mod yum_unpinned;
pub use yum_unpinned::YumUnpinned;
mod dnf_unpinned;
pub use dnf_unpinned::DnfUnpinned;
mod zypper_missing_non_interactive;
pub use zypper_missing_non_interactive::ZypperMissingNonInteractive;
mod zypper_dist_upgrade;
pub use zypper_dist_upgrade::ZypperDistUpgrade;
mod zypper_cache_not_cleaned;
pub use zypper_cache_not_cleaned::ZypperCacheNotCleaned;
mod zypper_unpinned;
pub use zypper_unpinned::ZypperUnpinned;
// [group A] (keep this marker; add `mod x;` / `pub use` lines above it)

mod language_packages;
mod pip_unpinned;
pub use pip_unpinned::PipUnpinned;
mod npm_unpinned;
pub use npm_unpinned::NpmUnpinned;
mod gem_unpinned;
pub use gem_unpinned::GemUnpinned;
mod pip_keeps_cache;
pub use pip_keeps_cache::PipKeepsCache;
mod yarn_cache_not_cleaned;
pub use yarn_cache_not_cleaned::YarnCacheNotCleaned;
mod go_install_unversioned;
pub use go_install_unversioned::GoInstallUnversioned;
mod useradd_large_uid;
pub use useradd_large_uid::UseraddLargeUid;
// [group B] (keep this marker; add `mod x;` / `pub use` lines above it)
