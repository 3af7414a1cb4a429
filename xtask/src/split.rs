//! Splits the web app's Wasm into a main module and one module per lazily loaded page.
//!
//! Trunk runs this as a `post_build` hook (`Trunk.toml`), after it has built the app, run
//! wasm-bindgen and written `index.html` into its staging directory. Trunk cannot split a
//! module itself, so this redoes the last steps from the linker's output:
//!
//! 1. `wasm_split_cli_support` cuts the module at every `#[lazy_route]` (and `#[lazy]`)
//!    split point, using the relocations kept by `--emit-relocs` (`.cargo/config.toml`);
//! 2. wasm-bindgen runs on the main module, keeping the linker's exports that the split-off
//!    modules import (`--keep-lld-exports`), under the name Trunk chose, so `index.html` and
//!    its loader script stay as Trunk wrote them;
//! 3. wasm-opt `-Oz` shrinks each module (release builds). Trunk's own wasm-opt pass is off
//!    (`data-wasm-opt="0"` in `index.html` and `console.html`): its module is replaced here;
//! 4. the split-off modules and their loader get names with a hash of their content, as every
//!    asset has, because the server tells browsers to cache assets for good;
//! 5. `index.html`'s integrity hashes are updated for the replaced files.
//!
//! Without split points the module comes out whole and the app works as before.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::Result;

/// The loader of the split-off modules, before its name is hashed: a relative module
/// specifier, which the main module imports as written here.
const LINK_NAME: &str = "./__wasm_split.js";

/// What the loader calls to fetch a module, as the splitter writes it.
const LOADER_FETCH: &str = "fetch(new URL(";

/// Replaces the loader's `fetch`: a phone on a poor connection drops requests, and a page whose
/// module cannot be fetched cannot be shown (the app then says so, see the frontend's
/// `main.rs`), so each module is asked for up to three times before the load fails.
const FETCH_WITH_RETRY: &str = "\
// Cairn (xtask/src/split.rs): fetch a page's module up to three times before giving up.
async function fetchWithRetry(url) {
    for (let attempt = 1; ; attempt++) {
        try {
            const response = await fetch(url);
            if (response.ok || attempt === 3) return response;
        } catch (error) {
            if (attempt === 3) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
}
";

pub fn run() -> Result {
    let staging = PathBuf::from(env("TRUNK_STAGING_DIR")?);
    let release = env("TRUNK_PROFILE")? == "release";
    let html_path = staging.join("index.html");
    let html = read_text(&html_path)?;
    let stem = trunk_module_stem(&staging)?;
    // Trunk builds the residents' app and the console from the same crate, one after the
    // other, so the linker's output is always the build this hook runs after.
    let profile = if release { "wasm-release" } else { "debug" };
    let input = crate::target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{}.wasm", crate::FRONTEND_CRATE));
    let work = crate::target_dir().join("wasm-split");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;

    let input_wasm = read(&input)?;
    let main_wasm = work.join("main.wasm");
    let main_module = format!("./{stem}.js");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input_wasm);
        options.output_dir = &work;
        options.main_out_path = &main_wasm;
        options.main_module = &main_module;
        options.link_name = LINK_NAME;
        options
    })
    .map_err(|e| format!("splitting {}: {e:?}", input.display()))?;

    let bindgen = work.join("bindgen");
    crate::step(
        "wasm-bindgen the main module (keeping the exports the split-off modules use)",
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
            .arg("--out-dir")
            .arg(&bindgen)
            .arg("--out-name")
            .arg(&stem)
            .arg(&main_wasm)
            .env("PATH", crate::tools::path_with_tools()),
    )?;
    let main_js = bindgen.join(format!("{stem}.js"));
    let main_bg = bindgen.join(format!("{stem}_bg.wasm"));
    if release {
        optimise(&main_bg)?;
    }

    // Split-off modules first: the loader names them, and the main module's glue names the loader.
    let mut loader = if split.split_modules.is_empty() {
        None
    } else {
        Some(with_retry(&read_text(&work.join(LINK_NAME))?)?)
    };
    for module in &split.split_modules {
        let file = file_name(module)?;
        let reference = format!("\"./{file}\"");
        // A split point with no code of its own gets an empty module the loader never fetches.
        let Some(text) = loader.as_mut().filter(|l| l.contains(&reference)) else {
            continue;
        };
        if release {
            optimise(module)?;
        }
        let hashed = with_hash(module, &file)?;
        copy(module, &staging.join(&hashed))?;
        *text = text.replace(&reference, &format!("\"./{hashed}\""));
    }
    let mut glue = read_text(&main_js)?;
    if let Some(loader) = loader {
        let loader_path = work.join(LINK_NAME);
        write(&loader_path, loader.as_bytes())?;
        let hashed = with_hash(&loader_path, LINK_NAME.trim_start_matches("./"))?;
        copy(&loader_path, &staging.join(&hashed))?;
        // Only the `import` specifiers: the imports object's keys must stay the module names
        // written in the Wasm.
        glue = glue.replace(
            &format!("from \"{LINK_NAME}\""),
            &format!("from \"./{hashed}\""),
        );
    }

    // Replace Trunk's glue and module, keeping their names; update their integrity hashes.
    let mut html = html;
    for (name, new_bytes) in [
        (format!("{stem}.js"), glue.into_bytes()),
        (format!("{stem}_bg.wasm"), read(&main_bg)?),
    ] {
        let path = staging.join(&name);
        let old_bytes = read(&path)?;
        html = html.replace(&integrity(&old_bytes), &integrity(&new_bytes));
        write(&path, &new_bytes)?;
    }
    write(&html_path, html.as_bytes())?;
    println!(
        "split {} into a main module and {} more",
        input.display(),
        split.split_modules.len()
    );
    Ok(())
}

/// The loader with every module fetch retried ([`FETCH_WITH_RETRY`]).
fn with_retry(loader: &str) -> Result<String> {
    if !loader.contains(LOADER_FETCH) {
        return Err(format!(
            "the split loader no longer fetches with `{LOADER_FETCH}`: update xtask/src/split.rs"
        ));
    }
    // After the loader's `import` lines: a module's imports come first.
    let body_starts = loader
        .find("\nlet ")
        .or_else(|| loader.find("\nfunction "))
        .unwrap_or(0);
    let (imports, body) = loader.split_at(body_starts);
    Ok(format!(
        "{imports}\n{FETCH_WITH_RETRY}{}",
        body.replace(LOADER_FETCH, "fetchWithRetry(new URL(")
    ))
}

fn env(name: &str) -> Result<String> {
    std::env::var(name)
        .map_err(|_| format!("{name} is not set: `cargo xtask split-wasm` runs as a Trunk hook"))
}

/// The name Trunk gave the wasm-bindgen glue, without `.js` (`cairn-frontend-<hash>`).
fn trunk_module_stem(staging: &Path) -> Result<String> {
    let entries = std::fs::read_dir(staging)
        .map_err(|e| format!("cannot list {}: {e}", staging.display()))?;
    entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find_map(|name| {
            let stem = name.strip_suffix("_bg.wasm")?;
            stem.starts_with(crate::FRONTEND_CRATE)
                .then(|| stem.to_owned())
        })
        .ok_or_else(|| {
            format!(
                "Trunk wrote no cairn-frontend module to {}",
                staging.display()
            )
        })
}

fn optimise(wasm: &Path) -> Result {
    crate::step(
        &format!("wasm-opt -Oz {}", wasm.display()),
        Command::new("wasm-opt")
            .arg("-Oz")
            .arg(wasm)
            .arg("-o")
            .arg(wasm)
            .env("PATH", crate::tools::path_with_tools()),
    )
}

/// `name` with a hash of the file's content before its extension: `chunk_1.wasm` becomes
/// `chunk_1-0123456789abcdef.wasm`.
fn with_hash(path: &Path, name: &str) -> Result<String> {
    let digest = Sha384::digest(read(path)?);
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    Ok(match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}-{hash}.{extension}"),
        None => format!("{name}-{hash}"),
    })
}

/// A subresource integrity value, as Trunk writes them.
fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{} has no file name", path.display()))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_name_keeps_its_extension_and_changes_with_the_content() {
        let dir = std::env::temp_dir().join(format!("cairn-split-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("chunk_1.wasm");
        std::fs::write(&file, b"one").unwrap();
        let first = with_hash(&file, "chunk_1.wasm").unwrap();
        std::fs::write(&file, b"two").unwrap();
        let second = with_hash(&file, "chunk_1.wasm").unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            first.starts_with("chunk_1-") && first.ends_with(".wasm"),
            "{first}"
        );
        assert_eq!(first.len(), "chunk_1-".len() + 16 + ".wasm".len());
        assert_ne!(first, second);
    }

    #[test]
    fn the_loader_fetches_with_retries_after_its_imports() {
        let loader = "import { initSync } from \"./main.js\";\n\nlet sharedImports = undefined;\n\
                      const src = fetch(new URL(\"./chunk_1.wasm\", import.meta.url));\n";
        let patched = with_retry(loader).unwrap();
        assert!(patched.starts_with("import { initSync } from \"./main.js\";\n"));
        assert!(patched.contains("async function fetchWithRetry(url)"));
        assert!(patched.contains("fetchWithRetry(new URL(\"./chunk_1.wasm\""));
        assert!(!patched.contains(" fetch(new URL("), "{patched}");
        assert!(patched.find("fetchWithRetry(url)") < patched.find("let sharedImports"));
        assert!(with_retry("import x from \"./y.js\";\nlet a = 1;\n").is_err());
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
