//! `--jq`: a jq filter over the JSON output, run in-process by jaq (no jq binary needed). Each result
//! prints on its own line; strings print raw, as `gh --jq` does.

use std::io::Write;

use jaq_core::data::JustLut;
use jaq_core::load::{self, Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, unwrap_valr};
use jaq_json::Val;
use serde::Serialize;

use super::from_json_error;
use crate::error::{Error, Result};

pub struct Jq {
    filter: jaq_core::Filter<JustLut<Val>>,
}

impl std::fmt::Debug for Jq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Jq")
    }
}

/// "… at `rest of the filter`", cut short: jaq reports where parsing stopped.
fn at(rest: &str) -> String {
    let rest: String = rest.chars().take(20).collect();
    if rest.is_empty() {
        "at the end".into()
    } else {
        format!("at `{rest}`")
    }
}

fn describe_load_error(error: &load::Error<&str>) -> Vec<String> {
    match error {
        load::Error::Io(errors) => errors
            .iter()
            .map(|(path, why)| format!("{path}: {why}"))
            .collect(),
        load::Error::Lex(errors) => errors
            .iter()
            .map(|(expected, rest)| format!("expected {} {}", expected.as_str(), at(rest)))
            .collect(),
        load::Error::Parse(errors) => errors
            .iter()
            .map(|(expected, rest)| format!("expected {} {}", expected.as_str(), at(rest)))
            .collect(),
    }
}

fn invalid(code: &str, problems: Vec<String>) -> Error {
    Error::usage_with_hint(
        format!("invalid --jq filter {code:?}: {}", problems.join("; ")),
        "the filter language is jq's: https://jqlang.org/manual/",
    )
}

impl Jq {
    /// Parses and compiles the filter; a mistake is a usage error (exit 2) with jaq's diagnosis.
    pub(crate) fn compile(code: &str) -> Result<Jq> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        // No `env`: the environment holds the credentials, and a filter may come from anywhere.
        let funs = jaq_core::funs()
            .chain(jaq_std::funs().filter(|(name, ..)| *name != "env"))
            .chain(jaq_json::funs());
        let arena = Arena::default();
        let modules = Loader::new(defs)
            .load(&arena, File { code, path: () })
            .map_err(|errors| {
                let problems = errors
                    .iter()
                    .flat_map(|(_, e)| describe_load_error(e))
                    .collect();
                invalid(code, problems)
            })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let problems = errors
                    .iter()
                    .flat_map(|(_, undefined)| undefined.iter())
                    .map(|(name, kind)| {
                        format!("undefined {} `{name}`", format!("{kind:?}").to_lowercase())
                    })
                    .collect();
                invalid(code, problems)
            })?;
        Ok(Jq { filter })
    }

    /// Runs the filter on one JSON value and writes every result.
    pub(crate) fn run<W: Write, T: Serialize + ?Sized>(
        &self,
        input: &T,
        out: &mut W,
    ) -> Result<()> {
        let text = serde_json::to_vec(input).map_err(from_json_error)?;
        let input = jaq_json::read::parse_single(&text)
            .map_err(|e| Error::bad_response(format!("cannot hand the output to --jq: {e}")))?;
        let ctx = Ctx::<JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            match result {
                Ok(Val::TStr(bytes)) => {
                    out.write_all(&bytes)?;
                    out.write_all(b"\n")?;
                }
                Ok(value) => writeln!(out, "{}", finite(value))?,
                Err(error) => {
                    return Err(Error::Filter {
                        message: format!("--jq: {error}"),
                    });
                }
            }
        }
        out.flush()?;
        Ok(())
    }
}

/// JSON has no NaN or infinity: as jq does, NaN prints as null and infinities as the largest
/// finite numbers, wherever they sit in the value.
fn finite(value: Val) -> Val {
    use jaq_json::Num;
    match value {
        Val::Num(Num::Float(x)) if x.is_nan() => Val::Null,
        Val::Num(Num::Float(x)) if x.is_infinite() => {
            Val::Num(Num::Float(if x > 0.0 { f64::MAX } else { f64::MIN }))
        }
        Val::Arr(items) if items.iter().any(has_non_finite) => Val::Arr(jaq_json::Rc::new(
            items.iter().cloned().map(finite).collect(),
        )),
        Val::Obj(map) if map.values().any(has_non_finite) => Val::Obj(jaq_json::Rc::new(
            map.iter()
                .map(|(k, v)| (k.clone(), finite(v.clone())))
                .collect(),
        )),
        other => other,
    }
}

fn has_non_finite(value: &Val) -> bool {
    match value {
        Val::Num(jaq_json::Num::Float(x)) => !x.is_finite(),
        Val::Arr(items) => items.iter().any(has_non_finite),
        Val::Obj(map) => map.values().any(has_non_finite),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(code: &str, input: serde_json::Value) -> String {
        let mut out = Vec::new();
        Jq::compile(code).unwrap().run(&input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_print_raw_and_other_values_as_json() {
        let input = json!([{"a": "x", "n": 1}, {"a": "y", "n": 2}]);
        assert_eq!(run(".[].a", input.clone()), "x\ny\n");
        assert_eq!(run("map(.n) | add", input.clone()), "3\n");
        assert_eq!(run("length", input.clone()), "2\n");
        assert_eq!(run(".[0]", input), "{\"a\":\"x\",\"n\":1}\n");
    }

    #[test]
    fn non_finite_numbers_print_as_jq_prints_them() {
        let cases = [
            ("1/0", "1.7976931348623157e308\n"),
            ("-1/0", "-1.7976931348623157e308\n"),
            ("nan", "null\n"),
            (
                "[infinite, nan, {a: -infinite}]",
                "[1.7976931348623157e308,null,{\"a\":-1.7976931348623157e308}]\n",
            ),
        ];
        for (code, expected) in cases {
            assert_eq!(run(code, json!(null)), expected, "{code}");
        }
    }

    #[test]
    fn the_environment_is_out_of_reach() {
        for code in ["env", "env.UCCONV_API_KEY", "$ENV"] {
            let refused = matches!(Jq::compile(code), Err(error) if error.exit_code() == 2);
            assert!(refused, "{code}");
        }
    }

    #[test]
    fn bad_filters_are_usage_errors() {
        for code in [".[", "nosuchfunction", "."] {
            let compiled = Jq::compile(code);
            if code == "." {
                assert!(compiled.is_ok());
                continue;
            }
            let error = compiled.unwrap_err();
            assert_eq!(error.exit_code(), 2, "{code}: {error}");
            assert!(
                error.to_string().starts_with("invalid --jq filter"),
                "{error}"
            );
        }
    }
}
