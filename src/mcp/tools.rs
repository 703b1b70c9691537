//! What a tool is (name, CLI command, description, annotations, input schema), which tools a run
//! offers, and each tool as `tools/list` shows it. The tools themselves are in [`super::catalog`].

use std::sync::Arc;

use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};

pub(crate) use super::catalog::TOOLS;
use crate::error::{Error, Result};

/// What a tool does to the desk, as MCP's annotations say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    Read,
    /// `destructive`: it may overwrite or remove something (not only add); `idempotent`: a
    /// second identical call changes nothing more.
    Write {
        destructive: bool,
        idempotent: bool,
    },
}

#[derive(Debug)]
pub(crate) struct Spec {
    pub(crate) name: &'static str,
    /// The CLI commands (as `ucconv schema` names them) whose JSON output this tool's structured
    /// output is: several when the tool's items are of one of several kinds (queue's views).
    pub(crate) commands: &'static [&'static str],
    pub(crate) title: &'static str,
    pub(crate) description: &'static str,
    pub(crate) effect: Effect,
    /// The output is `{"items": […], "next_cursor": …}` rather than one object.
    pub(crate) list: bool,
    pub(super) schema: fn() -> std::result::Result<Arc<JsonObject>, String>,
}

fn names(filter: impl Fn(&Spec) -> bool) -> String {
    TOOLS
        .iter()
        .filter(|spec| filter(spec))
        .map(|spec| spec.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tools this run offers: the read-only ones, the writes too with `allow_writes`, and only
/// those named when `only` names any. An unknown name, or a write without `allow_writes`, is a
/// usage error that lists what would do.
pub(crate) fn select(allow_writes: bool, only: &[String]) -> Result<Vec<&'static Spec>> {
    let only: Vec<&str> = only
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    for name in &only {
        match TOOLS.iter().find(|spec| spec.name == *name) {
            None => {
                return Err(Error::usage_with_hint(
                    format!("--tools: there is no tool {name:?}"),
                    format!("the tools are: {}", names(|_| true)),
                ));
            }
            Some(spec) if spec.effect != Effect::Read && !allow_writes => {
                return Err(Error::usage_with_hint(
                    format!("--tools: {name} changes things, and writes are off"),
                    format!(
                        "add --allow-writes to offer it; the read-only tools are: {}",
                        names(|spec| spec.effect == Effect::Read)
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(TOOLS
        .iter()
        .filter(|spec| allow_writes || spec.effect == Effect::Read)
        .filter(|spec| only.is_empty() || only.contains(&spec.name))
        .collect())
}

impl Spec {
    /// The tool as `tools/list` shows it. Every hint is given, none left to a client's default.
    pub(crate) fn tool(&self) -> Result<Tool> {
        let schema = (self.schema)().map_err(|why| {
            Error::bad_response(format!(
                "the input schema of {} is invalid: {why}",
                self.name
            ))
        })?;
        let annotations = match self.effect {
            Effect::Read => ToolAnnotations::new()
                .read_only(true)
                .destructive(false)
                .idempotent(true),
            Effect::Write {
                destructive,
                idempotent,
            } => ToolAnnotations::new()
                .read_only(false)
                .destructive(destructive)
                .idempotent(idempotent),
        };
        // Every tool talks to UltraCart, a world outside this process.
        let annotations = annotations.open_world(true);
        Ok(Tool::new(self.name, self.description, schema)
            .with_title(self.title)
            .with_annotations(annotations)
            .with_raw_output_schema(Arc::new(self.output_schema(crate::schema::output_schema))))
    }

    /// The structured output's schema, from `of_command`: the JSON Schema of a CLI command's
    /// `--json` output, when known. A list command's is that of an array: its items become the
    /// tool's, in the `{items, next_cursor}` envelope. Definitions move to the root, where the
    /// schemas' `$ref`s point.
    pub(crate) fn output_schema(&self, of_command: impl Fn(&str) -> Option<Value>) -> JsonObject {
        let known: Vec<Value> = self.commands.iter().filter_map(|c| of_command(c)).collect();
        let mut definitions = JsonObject::new();
        for schema in &known {
            if let Some(Value::Object(defs)) = schema.get("$defs") {
                for (name, def) in defs {
                    definitions
                        .entry(name.clone())
                        .or_insert_with(|| def.clone());
                }
            }
        }
        let generic = || json!({"type": "object"});
        let mut schema = if self.list {
            let mut items: Vec<Value> = known
                .iter()
                .filter_map(|schema| schema.get("items").cloned())
                .collect();
            // Items of only some of the kinds would refuse the others.
            let item = match items.len() {
                n if n != self.commands.len() => generic(),
                1 => items.remove(0),
                _ => json!({"anyOf": items}),
            };
            json!({
                "type": "object",
                "properties": {
                    "items": {"type": "array", "items": item},
                    "next_cursor": {
                        "type": ["string", "null"],
                        "description": "pass it back as cursor for the next page; null on the last"
                    }
                },
                "required": ["items", "next_cursor"]
            })
        } else {
            // A root that is only a `$ref` is an object all the same; MCP wants it said.
            match known.into_iter().next() {
                Some(Value::Object(mut object))
                    if object.get("type").is_none_or(|t| *t == json!("object")) =>
                {
                    object.remove("$defs");
                    object.insert("type".into(), json!("object"));
                    Value::Object(object)
                }
                _ => generic(),
            }
        };
        if !definitions.is_empty() {
            schema["$defs"] = Value::Object(definitions);
        }
        match schema {
            Value::Object(object) => object,
            _ => JsonObject::new(),
        }
    }
}

/// The argument names a tool's input schema does not declare. Refused, not ignored: a model that
/// misnames an argument learns so, instead of getting an unfiltered answer.
pub(crate) fn unknown_arguments(schema: &JsonObject, arguments: &JsonObject) -> Vec<String> {
    let known = schema.get("properties").and_then(|p| p.as_object());
    arguments
        .keys()
        .filter(|key| known.is_none_or(|known| !known.contains_key(*key)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use rmcp::handler::server::common::schema_for_input;

    use super::super::inputs::ListInput;
    use super::*;

    fn selected(allow_writes: bool, only: &[&str]) -> Result<Vec<&'static str>> {
        let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
        Ok(select(allow_writes, &only)?
            .iter()
            .map(|s| s.name)
            .collect())
    }

    #[test]
    fn selection_is_read_only_by_default_and_limited_by_names() {
        let reads = selected(false, &[]).unwrap();
        assert!(
            reads.contains(&"list") && reads.contains(&"whoami"),
            "{reads:?}"
        );
        assert!(
            !reads
                .iter()
                .any(|n| ["join", "leave", "profile_set"].contains(n))
        );
        let all = selected(true, &[]).unwrap();
        assert_eq!(all.len(), TOOLS.len());
        let cases: &[(bool, &[&str], &[&str])] = &[
            (false, &["list", "get"], &["list", "get"]),
            (false, &["get", " list ", ""], &["list", "get"]),
            (true, &["join", "list"], &["list", "join"]),
            (true, &["profile_set"], &["profile_set"]),
        ];
        for (allow, only, expected) in cases {
            assert_eq!(selected(*allow, only).unwrap(), *expected, "{only:?}");
        }
    }

    #[test]
    fn unknown_names_and_writes_without_permission_are_usage_errors() {
        for (allow, only, says) in [
            (false, &["lsit"][..], "list, get"),
            (true, &["list", "nope"][..], "profile_set"),
            (false, &["join"][..], "--allow-writes"),
        ] {
            let error = selected(allow, only).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{only:?}");
            assert!(error.hint().unwrap_or_default().contains(says), "{error:?}");
        }
    }

    #[test]
    fn every_tool_has_an_object_schema_and_the_hints() {
        for spec in TOOLS {
            let tool = spec.tool().unwrap();
            assert_eq!(
                tool.input_schema.get("type"),
                Some(&json!("object")),
                "{}",
                spec.name
            );
            let hints = serde_json::to_value(tool.annotations.unwrap()).unwrap();
            for hint in [
                "readOnlyHint",
                "destructiveHint",
                "idempotentHint",
                "openWorldHint",
            ] {
                assert!(
                    hints.get(hint).is_some_and(|v| v.is_boolean()),
                    "{} {hint}",
                    spec.name
                );
            }
            assert_eq!(
                hints["readOnlyHint"],
                spec.effect == Effect::Read,
                "{}",
                spec.name
            );
        }
    }

    #[test]
    fn output_schemas_wrap_lists_and_take_the_commands_item_schemas() {
        let spec = |name: &str| TOOLS.iter().find(|s| s.name == name).unwrap();
        let row = |title: &str| json!({"type": "object", "title": title, "properties": {"p": {"$ref": "#/$defs/P"}}});
        let defs = json!({"P": {"type": "object"}});
        let array =
            |title: &str| json!({"type": "array", "items": row(title), "$defs": defs.clone()});
        let known = |command: &str| match command {
            "list" | "queue" | "queue --waiting" | "queue --agents" | "status STATE" => {
                Some(array(command))
            }
            "get" | "profile set" => {
                let mut object = row(command);
                object["$defs"] = defs.clone();
                Some(object)
            }
            "profile" => Some(json!({"$ref": "#/$defs/P", "$defs": defs.clone()})),
            "leave" => Some(array(command)),
            _ => None,
        };
        let queue_items =
            json!({"anyOf": [row("queue"), row("queue --waiting"), row("queue --agents")]});
        let cases = [
            ("list", row("list")),
            ("status", row("status STATE")),
            ("queue", queue_items),
            ("agents", json!({"type": "object"})),
        ];
        for (name, item) in cases {
            let schema = spec(name).output_schema(known);
            assert_eq!(schema["properties"]["items"]["items"], item, "{name}");
            assert_eq!(
                schema["required"],
                json!(["items", "next_cursor"]),
                "{name}"
            );
            let has_defs = name != "agents";
            assert_eq!(schema.get("$defs") == Some(&defs), has_defs, "{name}");
        }
        let mut expected = row("profile set");
        expected["$defs"] = defs.clone();
        let profile_set = spec("profile_set").output_schema(known);
        assert_eq!(Value::Object(profile_set), expected);
        let profile = spec("profile").output_schema(known);
        let by_ref = json!({"$ref": "#/$defs/P", "type": "object", "$defs": defs.clone()});
        assert_eq!(Value::Object(profile), by_ref);
        let leave = spec("leave").output_schema(known);
        assert_eq!(
            Value::Object(leave),
            json!({"type": "object", "$defs": defs.clone()})
        );
        let get = spec("get").output_schema(|_| None);
        assert_eq!(Value::Object(get), json!({"type": "object"}));
        // Only some of queue's kinds known: no item schema rather than one that refuses the rest.
        let partial = spec("queue").output_schema(|c| (c == "queue").then(|| array(c)));
        assert_eq!(
            partial["properties"]["items"]["items"],
            json!({"type": "object"})
        );
    }

    #[test]
    fn undeclared_arguments_are_named() {
        let schema = schema_for_input::<ListInput>().unwrap();
        let cases = [
            (json!({}), vec![]),
            (json!({"limit": 5, "cursor": "x", "unread": true}), vec![]),
            (json!({"limt": 5, "medium": "sms"}), vec!["limt"]),
        ];
        for (arguments, expected) in cases {
            let arguments = arguments.as_object().unwrap().clone();
            assert_eq!(
                unknown_arguments(&schema, &arguments),
                expected,
                "{arguments:?}"
            );
        }
    }
}
