//! Which credentials a run uses, and why: the precedence rule as one pure function.
//!
//! First found wins: `--profile NAME`, then `UCCONV_API_KEY` (or `UCCONV_OAUTH_TOKEN`), then the
//! profile named by `UCCONV_PROFILE`, then the config file's default profile.

use secrecy::SecretString;

use crate::api::client::Credential;
use crate::config::Config;
use crate::error::{Error, Result};

/// Where the active credentials came from, for `config show` and error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CredentialSource {
    ProfileFlag(String),
    EnvApiKey,
    EnvOAuthToken,
    EnvProfile(String),
    DefaultProfile(String),
}

impl std::fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CredentialSource::ProfileFlag(name) => write!(f, "profile {name:?} (--profile)"),
            CredentialSource::EnvApiKey => f.write_str("UCCONV_API_KEY"),
            CredentialSource::EnvOAuthToken => f.write_str("UCCONV_OAUTH_TOKEN"),
            CredentialSource::EnvProfile(name) => write!(f, "profile {name:?} (UCCONV_PROFILE)"),
            CredentialSource::DefaultProfile(name) => write!(f, "profile {name:?} (default)"),
        }
    }
}

#[derive(Debug)]
pub(crate) struct ResolvedCredentials {
    pub(crate) credential: Credential,
    pub(crate) source: CredentialSource,
    /// The profile's own base URL, when the credentials came from a profile that has one.
    pub(crate) profile_base_url: Option<String>,
}

/// What the command line and the environment say; blank values count as unset.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sources {
    pub(crate) profile_flag: Option<String>,
    pub(crate) api_key: Option<String>,
    pub(crate) oauth_token: Option<String>,
    pub(crate) env_profile: Option<String>,
}

fn no_such_profile(name: Option<&str>, config_path: &str) -> Error {
    match name {
        // A name the user typed may be shown; one read from the file may be a pasted key.
        Some(name) => Error::Config {
            message: format!("no profile named {name:?} in {config_path}"),
            hint: Some(format!(
                "`ucconv config show` lists profiles; `ucconv config init --profile {name}` creates it"
            )),
        },
        None => Error::Config {
            message: format!(
                "the default_profile in {config_path} names a profile that does not exist"
            ),
            hint: Some(
                "`ucconv config show` lists profiles; `ucconv config use NAME` sets the default"
                    .into(),
            ),
        },
    }
}

fn from_profile(
    config: &Config,
    name: &str,
    source: CredentialSource,
    config_path: &str,
) -> Result<ResolvedCredentials> {
    let from_file = matches!(source, CredentialSource::DefaultProfile(_));
    let shown = (!from_file).then_some(name);
    let profile = config
        .profiles
        .get(name)
        .ok_or_else(|| no_such_profile(shown, config_path))?;
    let credential = profile.credential().ok_or_else(|| Error::Config {
        message: match shown {
            Some(name) => format!("profile {name:?} has no api_key or oauth_token"),
            None => "the default profile has no api_key or oauth_token".into(),
        },
        hint: Some("run `ucconv config init` to save a key in it".into()),
    })?;
    Ok(ResolvedCredentials {
        credential,
        source,
        profile_base_url: profile.base_url.clone(),
    })
}

/// The credentials to use, or `Ok(None)` when there are none anywhere. `config` is only called
/// when a profile is needed, so a broken config file does not stop a run that uses `UCCONV_API_KEY`.
pub(crate) fn resolve<'c>(
    sources: &Sources,
    config_path: &str,
    config: impl FnOnce() -> Result<&'c Config>,
) -> Result<Option<ResolvedCredentials>> {
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    if let Some(name) = given(&sources.profile_flag) {
        let source = CredentialSource::ProfileFlag(name.clone());
        return from_profile(config()?, &name, source, config_path).map(Some);
    }
    let from_env = |value: &Option<String>, make: fn(SecretString) -> Credential, source| {
        given(value).map(|secret| ResolvedCredentials {
            credential: make(SecretString::from(secret)),
            source,
            profile_base_url: None,
        })
    };
    if let Some(found) = from_env(
        &sources.api_key,
        Credential::SimpleKey,
        CredentialSource::EnvApiKey,
    )
    .or_else(|| {
        from_env(
            &sources.oauth_token,
            Credential::OAuthToken,
            CredentialSource::EnvOAuthToken,
        )
    }) {
        return Ok(Some(found));
    }
    if let Some(name) = given(&sources.env_profile) {
        let source = CredentialSource::EnvProfile(name.clone());
        return from_profile(config()?, &name, source, config_path).map(Some);
    }
    let config = config()?;
    match &config.default_profile {
        Some(name) => {
            let source = CredentialSource::DefaultProfile(name.clone());
            from_profile(config, name, source, config_path).map(Some)
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Profile;

    fn config() -> Config {
        let key = |k: &str| Profile {
            api_key: Some(SecretString::from(k.to_string())),
            ..Profile::default()
        };
        let mut config = Config {
            default_profile: Some("work".into()),
            ..Config::default()
        };
        config.profiles.insert("work".into(), key("work-key"));
        config.profiles.insert("home".into(), key("home-key"));
        config.profiles.insert("empty".into(), Profile::default());
        config
    }

    fn sources(
        flag: Option<&str>,
        key: Option<&str>,
        token: Option<&str>,
        env: Option<&str>,
    ) -> Sources {
        let own = |v: Option<&str>| v.map(str::to_string);
        Sources {
            profile_flag: own(flag),
            api_key: own(key),
            oauth_token: own(token),
            env_profile: own(env),
        }
    }

    #[test]
    fn precedence_table() {
        use CredentialSource::*;
        let config = config();
        let cases: &[(Sources, Option<CredentialSource>)] = &[
            (
                sources(Some("home"), Some("k"), None, Some("work")),
                Some(ProfileFlag("home".into())),
            ),
            (
                sources(None, Some("k"), Some("t"), Some("home")),
                Some(EnvApiKey),
            ),
            (
                sources(None, Some("  "), Some("t"), Some("home")),
                Some(EnvOAuthToken),
            ),
            (
                sources(None, None, None, Some("home")),
                Some(EnvProfile("home".into())),
            ),
            (
                sources(None, None, None, None),
                Some(DefaultProfile("work".into())),
            ),
            (
                sources(Some(" "), None, None, None),
                Some(DefaultProfile("work".into())),
            ),
        ];
        for (given, expected) in cases {
            let resolved = resolve(given, "c.toml", || Ok(&config)).unwrap();
            assert_eq!(resolved.map(|r| r.source), *expected, "{given:?}");
        }
        let empty = Config::default();
        assert!(
            resolve(&Sources::default(), "c", || Ok(&empty))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn the_config_is_not_read_when_the_environment_has_a_key() {
        let given = sources(None, Some("k"), None, None);
        let resolved = resolve(&given, "c", || Err(Error::config("unreadable"))).unwrap();
        assert_eq!(
            resolved.map(|r| r.source),
            Some(CredentialSource::EnvApiKey)
        );
    }

    #[test]
    fn missing_profiles_are_config_errors_that_never_echo_the_file() {
        let config = config();
        for given in [
            sources(Some("nope"), None, None, None),
            sources(None, None, None, Some("nope")),
            sources(Some("empty"), None, None, None),
        ] {
            let error = resolve(&given, "c", || Ok(&config)).unwrap_err();
            assert_eq!(error.exit_code(), 1, "{given:?}");
        }
        let leaked = Config {
            default_profile: Some("0123456789abcdef-pasted-key".into()),
            ..Config::default()
        };
        let error = resolve(&Sources::default(), "c", || Ok(&leaked)).unwrap_err();
        let shown = format!("{error} {:?}", error.hint());
        assert!(!shown.contains("pasted-key"), "{shown}");
    }
}
