//! The `fushen-server` program: reads the command and the settings, then runs it (see
//! [`fushen_server::cli`]).

use std::process::ExitCode;

use fushen_server::cli::{self, CliError, Command, USAGE};
use fushen_server::config::Config;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("{problem}\n\n{USAGE}");
            return problem.exit_code();
        }
    };
    let config = match Config::load() {
        Ok(config) => config,
        Err(problem) => {
            let problem = CliError::Config(problem);
            eprintln!("{problem}");
            return problem.exit_code();
        }
    };
    if command == Command::Serve {
        // Structured lines on stderr (journald or the terminal keeps them); never a name or a
        // phone number, only enquiry ids and reference numbers.
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(config.log)
            .init();
    }
    cli::run(command, config)
}
