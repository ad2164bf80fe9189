//! The site's WebAssembly build step, run by `tools/build-wasm.mjs` (a Trunk hook):
//!
//! - `fushen-wasm split IN.wasm OUT_DIR` splits the app (linked with `--emit-relocs`) at its
//!   split points (`wasm_split`, see `src/app/later.rs`): `OUT_DIR/fushen.wasm` is the main
//!   module, for wasm-bindgen; the later modules and their loader `__wasm_split.js` sit beside it.
//!   Prints each split point with the modules it needs: `later_tools chunk_3 split_later_tools`.
//! - `fushen-wasm floor FILE.wasm…` checks that each module uses no WebAssembly feature beyond
//!   the oldest browsers the site supports ([`FLOOR`]), and says which feature when one does.

mod floor;

use std::path::Path;
use std::process::ExitCode;

use floor::{check_floor, FLOOR_BROWSERS};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("split") if args.len() == 3 => split(Path::new(&args[1]), Path::new(&args[2])),
        Some("floor") if args.len() > 1 => floor(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fushen-wasm: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: fushen-wasm split IN.wasm OUT_DIR | fushen-wasm floor FILE.wasm...";

/// The name wasm-bindgen gives the main module's glue (`fushen.js`), which the loader imports.
const MAIN: &str = "fushen";

fn split(input: &Path, out_dir: &Path) -> Result<(), String> {
    let wasm = std::fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let main_out = out_dir.join(format!("{MAIN}.wasm"));
    let main_module = format!("./{MAIN}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = out_dir;
    options.main_out_path = &main_out;
    options.main_module = &main_module;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("cannot split {}: {e:#}", input.display()))?;
    // One line per split point: its name, then the modules it needs (file stems), in order.
    let mut splits: Vec<_> = split.prefetch_map.iter().collect();
    splits.sort();
    for (name, files) in splits {
        println!("{name} {}", files.join(" "));
    }
    Ok(())
}

fn floor(files: &[String]) -> Result<(), String> {
    let mut failed = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
        match check_floor(&bytes) {
            Ok(()) => println!("{file}: runs on {FLOOR_BROWSERS}"),
            Err(why) => failed.push(format!("{file}: {why}")),
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "beyond the browser floor ({FLOOR_BROWSERS}):\n{}",
            failed.join("\n")
        ))
    }
}
