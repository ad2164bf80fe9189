//! `fushen-server serve` with the web service's clock moved ahead, for the end-to-end tests only
//! (`tests/e2e/staff.spec.ts`: "tomorrow", a follow-up set for then comes due). Not a test.
//!
//! `serve_ahead <days>`: the same settings, data folder and serving as `fushen-server serve`,
//! with every request handled on a clock `days` ahead. The program the institution installs has
//! no way to move its clock: a setting that did would be one more thing `check` has to warn
//! about, and a typo away from staff seeing the wrong day. Tests that run in-process give the
//! app state a clock instead (`AppState::with_clock`).

use std::process::ExitCode;

use fushen_server::cli::{self, CliError};
use fushen_server::clock::{Clock, DAY_MS};
use fushen_server::config::Config;
use fushen_server::private;

fn main() -> ExitCode {
    let days = std::env::args().nth(1).and_then(|d| d.parse::<i64>().ok());
    let Some(days) = days else {
        eprintln!("usage: serve_ahead <days>");
        return ExitCode::from(2);
    };
    let served = Config::load().map_err(CliError::Config).and_then(|config| {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(config.log)
            .init();
        private::secure(&config).map_err(CliError::Private)?;
        cli::serve_blocking(config, Clock::ahead(days * DAY_MS))
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("{problem}");
            problem.exit_code()
        }
    }
}
