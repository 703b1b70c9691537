//! The documented top-level fields of each command's output, read back from its schema: for
//! docs/json-fields.md and `--fields`.

use serde_json::{Value, json};

use super::{ENTRIES, output_schema};

/// The property names of `command`'s object, or of its array's items: what `--fields` offers.
pub(crate) fn top_level_fields(command: &str) -> Option<Vec<String>> {
    let fields = fields(command)?;
    Some(fields.into_iter().map(|field| field.name).collect())
}

/// The fields `--fields` can pick from `command`'s output; a usage error when it prints no objects.
pub(crate) fn of_objects(command: &str) -> crate::error::Result<Vec<Field>> {
    fields(command)
        .filter(|fields| !fields.is_empty())
        .ok_or_else(|| {
            crate::error::Error::usage(format!(
                "--fields picks fields of objects, and `{command}` prints none"
            ))
        })
}

/// A documented top-level field: its name, a short type and its description.
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) description: String,
}

/// The documented top-level fields of `command`'s output (of each item, for an array).
pub(crate) fn fields(command: &str) -> Option<Vec<Field>> {
    let schema = output_schema(command)?;
    let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
    let mut object = &schema;
    if object.get("type") == Some(&json!("array")) {
        object = object.get("items")?;
    }
    let mut found: Vec<Field> = Vec::new();
    collect(object, &defs, &mut found);
    Some(found)
}

fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/$defs/")
            .and_then(|name| defs.get(name))
            .unwrap_or(schema),
        None => schema,
    }
}

/// The properties of `schema`, its `$ref` followed, then those of its `allOf` branches (their
/// `then`, for conditional ones), each name once.
fn collect(schema: &Value, defs: &Value, found: &mut Vec<Field>) {
    let schema = resolve(schema, defs);
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            if found.iter().any(|field| &field.name == name) {
                continue;
            }
            found.push(Field {
                name: name.clone(),
                kind: kind(property),
                description: property
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            });
        }
    }
    for branch in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        collect(branch.get("then").unwrap_or(branch), defs, found);
    }
}

/// A short type: `string`, `integer`, `[ConversationMessage]`, `ConversationSentiment`, `any`.
fn kind(property: &Value) -> String {
    if let Some(reference) = property.get("$ref").and_then(Value::as_str) {
        return reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .to_string();
    }
    if let Some(branches) = property.get("anyOf").and_then(Value::as_array) {
        let kinds: Vec<String> = branches
            .iter()
            .filter(|branch| branch.get("type") != Some(&json!("null")))
            .map(kind)
            .collect();
        return kinds.join(" | ");
    }
    let types: Vec<&str> = match property.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let types: Vec<String> = types
        .into_iter()
        .filter(|t| *t != "null")
        .map(|t| match (t, property.get("items")) {
            ("array", Some(items)) => format!("[{}]", kind(items)),
            _ => t.to_string(),
        })
        .collect();
    if types.is_empty() {
        "any".into()
    } else {
        types.join(" | ")
    }
}

/// docs/json-fields.md: each command's top-level JSON fields, from the schemas above.
pub(crate) fn fields_markdown() -> String {
    let mut text = String::from(
        "# JSON fields of each command\n\n\
         Generated from the schemas of `ucconv schema` (src/schema/) by \
         `UCCONV_UPDATE_GENERATED=1 cargo test --test generated`: do not edit. \
         `ucconv schema COMMAND` prints the whole JSON Schema (draft 2020-12), nested objects \
         included. For a list, the fields are those of each item.\n\n\
         In the API's objects, every field may be missing or null, the API adds fields (kept as \
         they came), and enum-like strings may take values other than those described. \
         ucconv's own objects (`join`, `whoami`, `config show`…) always carry their fields.\n",
    );
    for entry in ENTRIES {
        text.push_str(&format!("\n## `{}`\n\n{}\n", entry.name, entry.about));
        let fields = fields(entry.name).unwrap_or_default();
        if fields.is_empty() {
            continue;
        }
        text.push_str("\n| field | type | description |\n|---|---|---|\n");
        for field in fields {
            text.push_str(&format!(
                "| `{}` | {} | {} |\n",
                field.name,
                field.kind.replace('|', "\\|"),
                field.description.replace('|', "\\|")
            ));
        }
    }
    text
}
