//! Conversation ids as people give them: a whole UUID, a unique prefix of one (as tables show
//! them), or a conversation ARN. Pure logic: the caller lists recent conversations to match against.

/// The shortest prefix looked up among recent conversations; anything shorter is sent as it is.
pub(crate) const MIN_PREFIX: usize = 6;
/// How many of the most recent conversations a prefix is matched against.
pub(crate) const SEARCH_DEPTH: u64 = 1_000;

/// What an id argument turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Given {
    /// Use as it is: a whole UUID, the uuid inside an ARN, or something too short to be a prefix.
    Whole(String),
    /// Look it up among recent conversations.
    Prefix(String),
}

fn is_whole_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Sorts out an id argument. A conversation ARN (`arn:ultracart:conversation:…:conversation:UUID`)
/// stands for the uuid at its end.
pub(crate) fn classify(text: &str) -> Given {
    let text = text.trim();
    let id = match text.strip_prefix("arn:") {
        Some(rest) => rest.rsplit(':').next().unwrap_or(rest),
        None => text,
    };
    if text.starts_with("arn:") || is_whole_uuid(id) || id.chars().count() < MIN_PREFIX {
        Given::Whole(id.to_string())
    } else {
        Given::Prefix(id.to_string())
    }
}

/// The uuids that start with `prefix`, ignoring case, each once.
pub(crate) fn matching<'a>(prefix: &str, uuids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let prefix = prefix.to_ascii_lowercase();
    let mut found: Vec<&str> = uuids
        .into_iter()
        .filter(|uuid| uuid.to_ascii_lowercase().starts_with(&prefix))
        .collect();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const UUID: &str = "7e5ba615-5208-5fc6-cdf1-01e3bab88b9f";

    #[test]
    fn ids_are_classified() {
        let arn = format!("arn:ultracart:conversation:DEMO:conversation:{UUID}");
        let cases = [
            (UUID.to_string(), Given::Whole(UUID.into())),
            (format!("  {UUID} "), Given::Whole(UUID.into())),
            (arn, Given::Whole(UUID.into())),
            ("7e5ba615".into(), Given::Prefix("7e5ba615".into())),
            ("7E5BA6".into(), Given::Prefix("7E5BA6".into())),
            ("7e5ba".into(), Given::Whole("7e5ba".into())),
            ("u-1".into(), Given::Whole("u-1".into())),
        ];
        for (given, expected) in cases {
            assert_eq!(classify(&given), expected, "{given}");
        }
    }

    #[test]
    fn prefixes_match_whatever_the_case() {
        let uuids = [
            UUID,
            "7e5ba699-0000-0000-0000-000000000000",
            "12345678-aaaa",
        ];
        let cases: &[(&str, usize)] = &[
            ("7e5ba6", 2),
            ("7E5BA615", 1),
            ("7e5ba615-52", 1),
            ("ffffff", 0),
        ];
        for (prefix, count) in cases {
            assert_eq!(matching(prefix, uuids).len(), *count, "{prefix}");
        }
    }
}
