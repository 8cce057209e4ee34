//! What the benches share: the project's own news texts.

use std::path::{Path, PathBuf};

/// The repository root (this crate's manifest directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The project's own texts (never third-party ones), in a fixed order: the evaluation
/// items `eval/*/NNN.txt`, `examples/demo-items/01-sample.txt` and `02-envelope.json`, and
/// `tests/fixtures/sample_item.txt`.
pub fn texts() -> Vec<Vec<u8>> {
    let root = repo_root();
    let mut paths = Vec::new();
    if let Ok(sets) = std::fs::read_dir(root.join("eval")) {
        for set in sets.flatten() {
            if let Ok(files) = std::fs::read_dir(set.path()) {
                for f in files.flatten() {
                    let p = f.path();
                    let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
                    if p.extension().is_some_and(|e| e == "txt")
                        && stem.is_some_and(|s| s.chars().all(|c| c.is_ascii_digit()))
                    {
                        paths.push(p);
                    }
                }
            }
        }
    }
    paths.sort();
    paths.push(root.join("examples/demo-items/01-sample.txt"));
    paths.push(root.join("examples/demo-items/02-envelope.json"));
    paths.push(root.join("tests/fixtures/sample_item.txt"));
    paths
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display())))
        .collect()
}
