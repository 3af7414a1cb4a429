//! The `cairn` binary: parse the command line and hand over to `cairn_backend::cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    cairn_backend::cli::main()
}
