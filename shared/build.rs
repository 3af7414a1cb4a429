//! Finds every translation in `frontend/locales/` so that adding a language is adding a file:
//! the list of languages is generated here, not written in the code. It is in this crate so
//! that the browser's app and the server's first screen use the same translations.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read when the script runs, not baked in when it is compiled: cargo may reuse the compiled
    // script for a checkout of the same workspace at another path.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("../frontend/locales");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("frontend/locales exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// (language tag, Fluent source), English first.\npub static LOCALES: &[(&str, &str)] = &[\n",
    );
    // English is the fallback for any string a translation lacks, so it goes first.
    files.sort_by_key(|path| path.file_stem().is_none_or(|stem| stem != "en"));
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        let tag = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("locale file names are language tags");
        writeln!(
            out,
            "    ({tag:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to String");
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("locales.rs");
    std::fs::write(target, out).expect("write generated locales");
}
