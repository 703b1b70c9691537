//! The config file: named profiles holding a key or token and a base URL, written atomically at 0600.
//!
//! ```toml
//! default_profile = "work"
//!
//! [profiles.work]
//! api_key = "…"            # or: oauth_token = "…"
//! base_url = "https://secure.ultracart.com/rest/v2"   # optional
//! ```
//!
//! The file holds secrets, so no error about it quotes a value from it (a key pasted in the wrong
//! place would otherwise be printed), and every change is a locked read–modify–write, so two
//! `ucconv config init` at once both land.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use crate::api::client::Credential;
use crate::error::{Error, Result};

/// A config file is a few hundred bytes; anything past this is not one.
const MAX_BYTES: u64 = 1 << 20;

#[derive(Debug, Default)]
pub(crate) struct Config {
    pub(crate) default_profile: Option<String>,
    pub(crate) profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    pub(crate) api_key: Option<SecretString>,
    pub(crate) oauth_token: Option<SecretString>,
    pub(crate) base_url: Option<String>,
}

impl Profile {
    /// The profile's credential; a simple key wins when both are present.
    pub(crate) fn credential(&self) -> Option<Credential> {
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

/// The config as read, and a warning to give about the file, if any.
pub(crate) struct Loaded {
    pub(crate) config: Config,
    pub(crate) warning: Option<String>,
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
pub(crate) fn path_from(env_override: Option<&str>) -> Result<PathBuf> {
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

fn invalid(path: &Path, what: impl std::fmt::Display) -> Error {
    Error::Config {
        message: format!("the config file {} is not valid: {what}", path.display()),
        hint: Some("fix or delete it, then run `ucconv config init`".into()),
    }
}

/// The file's text; `None` when there is no file. A FIFO, a device or a huge file is refused
/// before it is opened, so it can neither block nor fill memory.
fn read_text(path: &Path) -> Result<Option<String>> {
    let cannot = |error: std::io::Error| {
        Error::config(format!(
            "cannot read the config file {}: {error}",
            path.display()
        ))
    };
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(cannot(error)),
    };
    if !metadata.is_file() {
        return Err(Error::config(format!(
            "the config file {} is not a regular file",
            path.display()
        )));
    }
    if metadata.len() > MAX_BYTES {
        return Err(invalid(path, "it is larger than 1 MiB"));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(MAX_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|_| invalid(path, "it is not UTF-8 text"))?;
    Ok(Some(text))
}

/// Reads the config; a missing file is an empty config.
pub(crate) fn load(path: &Path) -> Result<Loaded> {
    let Some(text) = read_text(path)? else {
        return Ok(Loaded {
            config: Config::default(),
            warning: None,
        });
    };
    let config = parse(&text, path)?;
    let warning = exposure_warning(path, &config);
    Ok(Loaded { config, warning })
}

/// What a TOML value is, for errors that must not show the value itself.
fn kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "a number",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

fn parse(text: &str, path: &Path) -> Result<Config> {
    let table: toml::Table = text.parse().map_err(|error: toml::de::Error| {
        // toml's message can quote the text around the mistake, which may be a key: only the place.
        let place = error.span().map_or_else(String::new, |span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(" at line {line}, column {column}")
        });
        invalid(path, format!("it is not TOML{place}"))
    })?;
    let string = |value: toml::Value, key: &str| match value {
        toml::Value::String(text) => Ok(text),
        other => Err(invalid(
            path,
            format!("`{key}` should be a string, not {}", kind(&other)),
        )),
    };
    let mut config = Config::default();
    // Keys ucconv does not know are left alone: a newer ucconv may have written them.
    for (key, value) in table {
        match key.as_str() {
            "default_profile" => config.default_profile = Some(string(value, &key)?),
            "profiles" => {
                let toml::Value::Table(profiles) = value else {
                    return Err(invalid(
                        path,
                        format!("`profiles` should be a table, not {}", kind(&value)),
                    ));
                };
                for (name, fields) in profiles {
                    let toml::Value::Table(fields) = fields else {
                        return Err(invalid(
                            path,
                            format!(
                                "`profiles.{name}` should be a table ([profiles.{name}] with api_key = …), not {}",
                                kind(&fields)
                            ),
                        ));
                    };
                    let mut profile = Profile::default();
                    for (field, value) in fields {
                        let place = format!("profiles.{name}.{field}");
                        match field.as_str() {
                            "api_key" => profile.api_key = Some(string(value, &place)?.into()),
                            "oauth_token" => {
                                profile.oauth_token = Some(string(value, &place)?.into());
                            }
                            "base_url" => profile.base_url = Some(string(value, &place)?),
                            _ => {}
                        }
                    }
                    config.profiles.insert(name, profile);
                }
            }
            _ => {}
        }
    }
    Ok(config)
}

#[cfg(unix)]
fn exposure_warning(path: &Path, config: &Config) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let holds_secrets = config.profiles.values().any(|p| p.credential().is_some());
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (holds_secrets && mode & 0o077 != 0).then(|| {
        format!(
            "{} holds API keys and is readable by other users (mode {:o}); run: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn exposure_warning(_path: &Path, _config: &Config) -> Option<String> {
    None
}

fn expose(secret: &Option<SecretString>) -> Option<&str> {
    secret.as_ref().map(|s| s.expose_secret())
}

/// The file a write must replace: `path` itself, or, when it is a symlink, the file at the end of
/// the chain, so the link stays a link and its target gets the change.
fn write_target(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // More hops than this is a loop; writing to the last one reached is then as good as any.
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(target) if target.is_absolute() => current = target,
            Ok(target) => {
                let base = current.parent().map(Path::to_path_buf).unwrap_or_default();
                current = base.join(target);
            }
            Err(_) => break,
        }
    }
    current
}

/// Changes the config under a lock: it is read afresh, changed by `change`, and written back
/// before another ucconv may read it. What `change` returns is returned.
pub(crate) fn update<T>(path: &Path, change: impl FnOnce(&mut Config) -> Result<T>) -> Result<T> {
    let target = write_target(path);
    let failed = |error: std::io::Error| {
        Error::config(format!(
            "cannot write the config file {}: {error}",
            path.display()
        ))
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir).map_err(failed)?;
    let mut lock_name = target.file_name().unwrap_or_default().to_os_string();
    lock_name.push(".lock");
    let lock = private_file(&dir.join(lock_name)).map_err(failed)?;
    lock.lock().map_err(failed)?;
    let mut config = load(&target)?.config;
    let result = change(&mut config)?;
    save(&target, &config)?;
    // The lock goes with the file handle, after the rename has landed.
    drop(lock);
    Ok(result)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

/// Writes the whole config atomically: a 0600 temp file beside `target`, then a rename onto it.
fn save(target: &Path, config: &Config) -> Result<()> {
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
        .map_err(|_| Error::config("cannot encode the config as TOML"))?;
    let failed = |error: std::io::Error| {
        Error::config(format!(
            "cannot write the config file {}: {error}",
            target.display()
        ))
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // tempfile creates the file 0600 on Unix, so the key is never readable by others, even briefly.
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    temp.write_all(text.as_bytes()).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    temp.persist(target).map_err(|e| failed(e.error))?;
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
pub(crate) fn mask(secret: &SecretString) -> String {
    let text = secret.expose_secret();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 8 {
        return "****".into();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed";

    #[test]
    fn no_config_error_quotes_a_value_from_the_file() {
        let cases = [
            format!("[profiles]\ndefault = \"{SECRET}\"\n"),
            format!("default_profile = [\"{SECRET}\"]\n"),
            format!("profiles = \"{SECRET}\"\n"),
            format!("[profiles.a]\napi_key = [\"{SECRET}\"]\n"),
            format!("[profiles.a]\napi_key = \"{SECRET}\n"),
            format!("[profiles.a]\napi_key = {SECRET}\n"),
            format!("{SECRET}\n"),
            format!("[profiles.a]\napi_key = \"{SECRET}\"\napi_key = \"{SECRET}\"\n"),
        ];
        for text in cases {
            let error = parse(&text, Path::new("c.toml")).unwrap_err();
            let shown = format!("{error} {:?} {}", error.hint(), error.code());
            assert!(!shown.contains(&SECRET[..12]), "{text:?} gave {shown}");
        }
    }

    #[test]
    fn profiles_and_unknown_keys_parse() {
        let text =
            "default_profile = \"a\"\nfuture = 1\n[profiles.a]\napi_key = \"k\"\nnew = true\n";
        let config = parse(text, Path::new("c.toml")).unwrap();
        assert_eq!(config.default_profile.as_deref(), Some("a"));
        assert!(config.profiles["a"].credential().is_some());
    }
}
