//! `fushen-server serve` with the web service's clock moved ahead, for the end-to-end tests only
//! (`tests/e2e/staff.spec.ts`: "tomorrow", a follow-up set for then comes due). Not a test.
//!
//! `serve_ahead <days>`: the same settings, data folder and serving as `fushen-server serve`,
//! with every request handled on a clock `days` ahead. The program the institution installs has
//! no way to move its clock: a setting that did would be one more thing `check` has to warn
//! about, and a typo away from staff seeing the wrong day. Tests that run in-process give the
//! app state a clock instead (`AppState::with_clock`).

use std::process::ExitCode;

use fushen_server::clock::{Clock, DAY_MS};
use fushen_server::config::Config;
use fushen_server::{private, serve};

fn main() -> ExitCode {
    let days = std::env::args().nth(1).and_then(|d| d.parse::<i64>().ok());
    let Some(days) = days else {
        eprintln!("usage: serve_ahead <days>");
        return ExitCode::from(2);
    };
    let config = match Config::load() {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(config.log)
        .init();
    if let Err(problem) = private::secure(&config) {
        eprintln!("{problem}");
        return ExitCode::FAILURE;
    }
    let served = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
        .and_then(|runtime| {
            runtime
                .block_on(serve::serve(config, Clock::ahead(days * DAY_MS)))
                .map_err(|e| e.to_string())
        });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
    }
}
