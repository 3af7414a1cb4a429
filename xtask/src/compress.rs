//! Compressed copies of the built app's files, made once at build time rather than by the
//! server on every request: `.gz` by Zopfli (the smallest gzip there is, about 5 % below
//! `gzip -9` on the Wasm) and `.br` by Brotli at its highest quality (about 20 % below gzip).
//! The server's static file service sends whichever the browser accepts.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// File types worth compressing; `index.html` is left alone, as the server rewrites it.
const COMPRESSED: &[&str] = &["wasm", "js", "css", "svg"];

/// What compression did to a Wasm module, for the record.
pub struct WasmSizes {
    pub path: PathBuf,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Writes `F.gz` and `F.br` beside every compressible file `F` directly in `dir`.
pub fn precompress(dir: &Path) -> Result<Vec<WasmSizes>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut wasm = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !path.is_file() || !COMPRESSED.contains(&ext) {
            continue;
        }
        let data =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let gzip = gzip(&data)?;
        let brotli = brotli(&data)?;
        for (suffix, bytes) in [("gz", &gzip), ("br", &brotli)] {
            let mut target = path.clone().into_os_string();
            target.push(".");
            target.push(suffix);
            std::fs::write(&target, bytes)
                .map_err(|e| format!("cannot write {}: {e}", Path::new(&target).display()))?;
        }
        if ext == "wasm" {
            wasm.push(WasmSizes {
                path,
                raw: data.len() as u64,
                gzip: gzip.len() as u64,
                brotli: brotli.len() as u64,
            });
        }
    }
    Ok(wasm)
}

fn gzip(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        data,
        &mut out,
    )
    .map_err(|e| format!("gzip: {e}"))?;
    Ok(out)
}

fn brotli(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        // Quality 11 (the highest), a 4 MB window (lgwin 22).
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(data).map_err(|e| format!("brotli: {e}"))?;
        writer.flush().map_err(|e| format!("brotli: {e}"))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn both_copies_decompress_to_the_original() {
        let data: Vec<u8> = (0..10_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let mut back = Vec::new();
        gunzip(&gzip(&data).unwrap_or_default(), &mut back);
        assert_eq!(back, data);
        let mut back = Vec::new();
        brotli::Decompressor::new(&brotli(&data).unwrap_or_default()[..], 4096)
            .read_to_end(&mut back)
            .unwrap_or_default();
        assert_eq!(back, data);
    }

    /// Gunzips with the system's `gzip`, the tool a person would check it with.
    fn gunzip(gz: &[u8], out: &mut Vec<u8>) {
        let mut child = std::process::Command::new("gzip")
            .args(["-d", "-c"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("gzip runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(gz)
            .expect("write");
        out.extend(child.wait_with_output().expect("gzip ends").stdout);
    }
}
