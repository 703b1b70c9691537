//! `--fields a,b,c`: only those top-level fields of each object, in that order, in JSON and JSON
//! Lines; the TSV columns and the table's columns too. Values keep the server's text.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::table::{Column, Table};
use super::{from_json_error, text, tsv};
use crate::error::{Error, Result};

/// The fields asked for, checked against the command's.
#[derive(Debug)]
pub struct Fields {
    names: Vec<String>,
    columns: Vec<Column>,
}

/// One object cut down to the fields asked for; a field it lacks is `null`.
pub(crate) struct Selected(Vec<(String, Option<Box<RawValue>>)>);

/// An object's fields in the order they came, each value as its raw text.
struct Entries(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entries, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

impl Fields {
    /// `asked` checked against `known`: an unknown name is a usage error listing the known ones.
    pub fn new(asked: &[String], known: &[String], command: &str) -> Result<Fields> {
        let mut names: Vec<String> = Vec::new();
        for name in asked.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            if !known.iter().any(|k| k == name) {
                return Err(Error::usage_with_hint(
                    format!("`{command}` has no field {name:?}"),
                    format!("its fields: {}", known.join(", ")),
                ));
            }
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        if names.is_empty() {
            return Err(Error::usage_with_hint(
                "--fields needs at least one field name",
                format!("its fields: {}", known.join(", ")),
            ));
        }
        // Table headers are static text; these few are made once per process and kept.
        let columns = names
            .iter()
            .map(|name| {
                let header: &'static str = Box::leak(name.to_uppercase().into_boxed_str());
                Column::new(header, 60).min(4)
            })
            .collect();
        Ok(Fields { names, columns })
    }

    /// `item` (an object) with only the fields asked for; anything else is refused.
    pub(crate) fn select<T: Serialize + ?Sized>(&self, item: &T) -> Result<Selected> {
        let raw = serde_json::value::to_raw_value(item).map_err(from_json_error)?;
        let Entries(entries) = serde_json::from_str(raw.get()).map_err(|_| {
            Error::usage("--fields picks fields of objects, and this output is not one")
        })?;
        let mut entries: Vec<(String, Option<Box<RawValue>>)> =
            entries.into_iter().map(|(k, v)| (k, Some(v))).collect();
        let picked = self
            .names
            .iter()
            .map(|name| {
                // The last copy of a repeated key wins, as in every JSON reader ucconv uses.
                let value = entries
                    .iter_mut()
                    .rev()
                    .find(|(key, _)| key == name)
                    .and_then(|(_, value)| value.take());
                (name.clone(), value)
            })
            .collect();
        Ok(Selected(picked))
    }

    /// A table of the fields, fitted to `width`.
    pub(crate) fn table(&self, rows: &[Selected], width: usize) -> String {
        let cells: Vec<Vec<String>> = rows.iter().map(Selected::cells).collect();
        Table::fit(&self.columns, &cells, width).render(&cells)
    }
}

impl Selected {
    /// Each value as text: a string as it reads, null as nothing, anything else as its JSON.
    fn texts(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(_, value)| match value {
                None => String::new(),
                Some(raw) => match serde_json::from_str::<String>(raw.get()) {
                    Ok(text) => text,
                    Err(_) if raw.get() == "null" => String::new(),
                    Err(_) => raw.get().to_string(),
                },
            })
            .collect()
    }

    fn cells(&self) -> Vec<String> {
        self.texts()
            .iter()
            .map(|t| text::one_line(t).into_owned())
            .collect()
    }

    /// The TSV line: the fields in the order asked for.
    pub(crate) fn tsv(&self) -> String {
        let texts = self.texts();
        tsv::line(&texts.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

impl Serialize for Selected {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(names: &[&str]) -> Result<Fields> {
        let known: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let asked: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        Fields::new(&asked, &known, "list")
    }

    #[test]
    fn only_the_fields_asked_for_in_their_order_with_their_text() {
        let raw = RawValue::from_string(r#"{"a":1e400,"b":"x\u00e9","c":[1, 2]}"#.into()).unwrap();
        let selected = fields(&["c", "a", "c"]).unwrap().select(&raw).unwrap();
        let text = serde_json::to_string(&selected).unwrap();
        assert_eq!(text, r#"{"c":[1, 2],"a":1e400}"#);
    }

    #[test]
    fn a_missing_field_is_null_and_blank_in_tsv() {
        let selected = fields(&["a", "b"])
            .unwrap()
            .select(&json!({"b": "two\tparts"}))
            .unwrap();
        assert_eq!(
            serde_json::to_value(&selected).unwrap(),
            json!({"a": null, "b": "two\tparts"})
        );
        assert_eq!(selected.tsv(), "\ttwo\\tparts\n");
    }

    #[test]
    fn unknown_or_no_fields_are_usage_errors_naming_the_known_ones() {
        for asked in [&["a", "zz"][..], &[][..], &[" "][..]] {
            let error = fields(asked).unwrap_err();
            assert_eq!(error.exit_code(), 2);
            assert_eq!(
                error.hint().as_deref(),
                Some("its fields: a, b, c"),
                "{asked:?}"
            );
        }
    }

    #[test]
    fn a_value_that_is_not_an_object_is_refused() {
        assert!(fields(&["a"]).unwrap().select(&json!([1])).is_err());
    }
}
