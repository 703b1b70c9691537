//! The emulator as a program: serve the six Conversation endpoints on 127.0.0.1 until interrupted.

use clap::Parser;
use ucconv_emulator::{Emulator, Options, Shape};

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
        ..defaults
    };
    let emulator = match Emulator::start(options) {
        Ok(emulator) => emulator,
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
    eprintln!(
        "ucconv-emulator: serving {} conversations; Ctrl-C stops it",
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
