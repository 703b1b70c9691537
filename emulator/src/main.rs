//! The emulator as a program: serve the Conversation endpoints on 127.0.0.1 until interrupted.

use clap::Parser;
use std::time::Duration;

use ucconv_emulator::{Emulator, Fault, FaultRule, Options, Shape};

/// A local emulator of UltraCart's REST API v2 Conversation endpoints (loopback only).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// How many conversations to seed
    #[arg(long, default_value_t = 500)]
    conversations: usize,
    /// Seed for the generated data (same seed, same conversations)
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Response shapes: original (bare objects) or current (wrapped)
    #[arg(long, default_value = "current")]
    shape: Shape,
    /// Simple API key to accept (repeatable) [default: the emulator's demo key]
    #[arg(long = "key")]
    keys: Vec<String>,
    /// Misbehave (repeatable): STATUS[:COUNT] (an ErrorResponse), html:STATUS[:COUNT],
    /// delay:MS[:COUNT], drop[:COUNT] (connection closed mid-body). COUNT defaults to 1; 0 is forever.
    #[arg(long = "fault", value_name = "SPEC", value_parser = parse_fault)]
    faults: Vec<FaultRule>,
    /// Serve every page from the first row whatever _offset asks, while the paging metadata
    /// still advances from the offset (a buggy server)
    #[arg(long)]
    ignore_offset: bool,
    /// Answer next_offset = offset + N instead of offset + count, so pages overlap (0 never advances)
    #[arg(long, value_name = "N")]
    next_offset_step: Option<usize>,
    /// Lace names, message bodies and other free text with terminal escape sequences and
    /// invisible characters, and make every tenth conversation's dates unparseable
    #[arg(long)]
    hostile_text: bool,
    /// Live activity every SECS seconds (fractional, e.g. 0.5): a customer writes in a random
    /// open conversation and another customer joins a random queue. Scripts can also cause
    /// both on demand: POST /_emulator/message and POST /_emulator/waiting
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    activity: Option<Duration>,
    /// Answer every conversation search with its first rows whatever range it asks for, echoing
    /// the range and claiming a huge total (a buggy server)
    #[arg(long)]
    search_ignores_range: bool,
    /// Grant the edit_settings permission (GET /conversation/permissions)
    #[arg(long)]
    edit_settings: bool,
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(format!("{text:?} must be more than 0 seconds"));
    }
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("{text:?} is too many seconds"))
}

fn parse_fault(spec: &str) -> Result<FaultRule, String> {
    let mut parts = spec.split(':');
    let kind = parts.next().unwrap_or_default();
    let number = |text: Option<&str>, what: &str| -> Result<Option<u64>, String> {
        text.map(|t| {
            t.parse::<u64>()
                .map_err(|_| format!("{what} {t:?} is not a number"))
        })
        .transpose()
    };
    let (fault, count) = match kind {
        "html" => {
            let status = number(parts.next(), "status")?.unwrap_or(502);
            (Fault::html(status as u16), parts.next())
        }
        "delay" => {
            let ms = number(parts.next(), "delay")?.unwrap_or(1000);
            (Fault::Delay(Duration::from_millis(ms)), parts.next())
        }
        "drop" => {
            let body = br#"{"conversations": [], "success": true}"#.to_vec();
            (Fault::DropMidBody { body }, parts.next())
        }
        status => {
            let status = number(Some(status), "status")?.unwrap_or(500);
            let fault = Fault::error(status as u16, "Emulated failure.");
            let fault = if status == 429 {
                fault.with_header("Retry-After", "1")
            } else {
                fault
            };
            (fault, parts.next())
        }
    };
    Ok(match number(count, "count")?.unwrap_or(1) {
        0 => FaultRule::always(fault),
        count => FaultRule::times(fault, count as usize),
    })
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let defaults = Options::default();
    let options = Options {
        shape: args.shape,
        conversations: args.conversations,
        seed: args.seed,
        port: args.port,
        simple_keys: if args.keys.is_empty() {
            defaults.simple_keys.clone()
        } else {
            args.keys
        },
        ignore_offset: args.ignore_offset,
        next_offset_step: args.next_offset_step,
        hostile_text: args.hostile_text,
        activity: args.activity,
        search_ignores_range: args.search_ignores_range,
        edit_settings: args.edit_settings,
        ..defaults
    };
    let emulator = match Emulator::start(options) {
        Ok(emulator) => {
            for rule in args.faults {
                emulator.inject(rule);
            }
            emulator
        }
        Err(error) => {
            eprintln!(
                "ucconv-emulator: cannot listen on 127.0.0.1:{}: {error}",
                args.port
            );
            return std::process::ExitCode::FAILURE;
        }
    };
    // The first stdout line is the base URL, so scripts can start it on port 0 and read where it went.
    println!("{}", emulator.base_url());
    let activity = args
        .activity
        .map(|every| format!(", new activity every {}s", every.as_secs_f64()))
        .unwrap_or_default();
    eprintln!(
        "ucconv-emulator: serving {} conversations{activity}; Ctrl-C stops it",
        args.conversations
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    if let Ok(runtime) = runtime {
        let _ = runtime.block_on(tokio::signal::ctrl_c());
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_specs() {
        assert_eq!(parse_fault("429:2").unwrap().remaining, Some(2));
        assert_eq!(parse_fault("html:502:0").unwrap().remaining, None);
        assert!(
            matches!(parse_fault("delay:50").unwrap().fault, Fault::Delay(d) if d.as_millis() == 50)
        );
        assert!(matches!(
            parse_fault("drop").unwrap().fault,
            Fault::DropMidBody { .. }
        ));
        assert!(parse_fault("teapot").is_err());
        assert!(parse_fault("500:x").is_err());
    }

    #[test]
    fn hostile_server_flags() {
        let args = Args::try_parse_from([
            "ucconv-emulator",
            "--ignore-offset",
            "--next-offset-step",
            "3",
            "--hostile-text",
            "--search-ignores-range",
            "--edit-settings",
        ])
        .unwrap();
        assert!(args.ignore_offset && args.hostile_text);
        assert!(args.search_ignores_range && args.edit_settings);
        assert_eq!(args.next_offset_step, Some(3));
        let plain = Args::try_parse_from(["ucconv-emulator"]).unwrap();
        assert!(!plain.ignore_offset && !plain.hostile_text);
        assert!(!plain.search_ignores_range && !plain.edit_settings);
        assert_eq!(plain.next_offset_step, None);
        assert!(Args::try_parse_from(["ucconv-emulator", "--next-offset-step", "-1"]).is_err());
    }

    #[test]
    fn activity_takes_fractional_seconds() {
        let args = Args::try_parse_from(["ucconv-emulator", "--activity", "0.5"]).unwrap();
        assert_eq!(args.activity, Some(Duration::from_millis(500)));
        assert_eq!(
            Args::try_parse_from(["ucconv-emulator"]).unwrap().activity,
            None
        );
        for bad in ["0", "-1", "x", "NaN", "inf", "1e300"] {
            assert!(
                Args::try_parse_from(["ucconv-emulator", "--activity", bad]).is_err(),
                "{bad}"
            );
        }
    }
}
