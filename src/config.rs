//! The config file: named profiles holding a key or token and a base URL, written atomically at 0600.
//!
//! ```toml
//! default_profile = "work"
//!
//! [profiles.work]
//! api_key = "…"            # or: oauth_token = "…"
//! base_url = "https://secure.ultracart.com/rest/v2"   # optional
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::api::client::Credential;
use crate::error::{Error, Result};

#[derive(Debug, Default, Deserialize)]
pub struct Config {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Profile {
    pub api_key: Option<SecretString>,
    pub oauth_token: Option<SecretString>,
    pub base_url: Option<String>,
}

impl Profile {
    /// The profile's credential; a simple key wins when both are present.
    pub fn credential(&self) -> Option<Credential> {
        let present = |secret: &Option<SecretString>| {
            secret
                .as_ref()
                .filter(|s| !s.expose_secret().trim().is_empty())
                .cloned()
        };
        present(&self.api_key)
            .map(Credential::SimpleKey)
            .or_else(|| present(&self.oauth_token).map(Credential::OAuthToken))
    }
}

/// The on-disk form, the one place secrets are exposed: they have to be written somewhere.
#[derive(Serialize)]
struct ConfigOnDisk<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    default_profile: Option<&'a str>,
    profiles: BTreeMap<&'a str, ProfileOnDisk<'a>>,
}

#[derive(Serialize)]
struct ProfileOnDisk<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    oauth_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<&'a str>,
}

/// `UCCONV_CONFIG`, else `config.toml` in the platform's config dir (`~/.config/ucconv/` on Linux).
pub fn path_from(env_override: Option<&str>) -> Result<PathBuf> {
    if let Some(path) = env_override.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "ucconv")
        .map(|dirs| dirs.config_dir().join("config.toml"))
        .ok_or_else(|| Error::Config {
            message: "cannot find a home directory for the config file".into(),
            hint: Some("set UCCONV_CONFIG to the config file's path".into()),
        })
}

/// Reads the config; a missing file is an empty config. Warns when others can read the keys.
pub fn load(path: &Path) -> Result<Config> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(error) => {
            return Err(Error::config(format!(
                "cannot read the config file {}: {error}",
                path.display()
            )));
        }
    };
    let config: Config = toml::from_str(&text).map_err(|error| {
        // One line, `line L, column C: what`, instead of toml's multi-line snippet.
        let place = error.span().map_or_else(String::new, |span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: ")
        });
        Error::Config {
            message: format!(
                "the config file {} is not valid: {place}{}",
                path.display(),
                error.message().trim_end()
            ),
            hint: Some("fix or delete it, then run `ucconv config init`".into()),
        }
    })?;
    warn_if_exposed(path, &config);
    Ok(config)
}

#[cfg(unix)]
fn warn_if_exposed(path: &Path, config: &Config) {
    use std::os::unix::fs::PermissionsExt;
    let holds_secrets = config.profiles.values().any(|p| p.credential().is_some());
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode())
        .unwrap_or(0);
    if holds_secrets && mode & 0o077 != 0 {
        eprintln!(
            "warning: {} holds API keys and is readable by other users (mode {:o}); run: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        );
    }
}

#[cfg(not(unix))]
fn warn_if_exposed(_path: &Path, _config: &Config) {}

fn expose(secret: &Option<SecretString>) -> Option<&str> {
    secret.as_ref().map(|s| s.expose_secret())
}

/// Writes the whole config atomically: a 0600 temp file in the same directory, then a rename.
pub fn save(path: &Path, config: &Config) -> Result<()> {
    let on_disk = ConfigOnDisk {
        default_profile: config.default_profile.as_deref(),
        profiles: config
            .profiles
            .iter()
            .map(|(name, profile)| {
                let profile = ProfileOnDisk {
                    api_key: expose(&profile.api_key),
                    oauth_token: expose(&profile.oauth_token),
                    base_url: profile.base_url.as_deref(),
                };
                (name.as_str(), profile)
            })
            .collect(),
    };
    let text = toml::to_string_pretty(&on_disk)
        .map_err(|e| Error::config(format!("cannot encode the config: {e}")))?;
    let failed = |error: std::io::Error| {
        Error::config(format!(
            "cannot write the config file {}: {error}",
            path.display()
        ))
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir).map_err(failed)?;
    // tempfile creates the file 0600 on Unix, so the key is never readable by others, even briefly.
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    temp.write_all(text.as_bytes()).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    temp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Shows only the last four characters of a secret, enough to tell keys apart.
pub fn mask(secret: &SecretString) -> String {
    let text = secret.expose_secret();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 8 {
        return "****".into();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("****{tail}")
}
