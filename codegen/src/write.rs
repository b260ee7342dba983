//! Writing generated files: only when their content changed, so builds are not retriggered.

use std::path::{Path, PathBuf};

/// One generated file: its path relative to the output directory and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The file's path relative to the output directory (`mod.rs`, `note.rs`, or the
    /// [`single_file`](crate::Config::single_file) name).
    pub name: String,
    /// The formatted Rust source, starting with an `// @generated` line.
    pub text: String,
}

/// Writes `files` into `dir` (created if missing), skipping files whose content is unchanged. With
/// `prune` (the generator owns `dir`: a module tree), also removes the generated `.rs` files in `dir`
/// that are no longer generated; a single file shares its directory (build.rs's `OUT_DIR`, where
/// other `Config`s write theirs) and removes nothing. Returns the paths written or removed.
pub fn write_all(dir: &Path, files: &[GeneratedFile], prune: bool) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut changed = Vec::new();
    for f in files {
        let path = dir.join(&f.name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(f.text.as_str()) {
            std::fs::write(&path, &f.text)?;
            changed.push(path);
        }
    }
    for stale in if prune { stale_extra(dir, files)? } else { Vec::new() } {
        std::fs::remove_file(&stale)?;
        changed.push(stale);
    }
    Ok(changed)
}

/// The names of files in `dir` that differ from `files`, are missing, or should not be there.
pub fn differences(dir: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut out: Vec<String> = files
        .iter()
        .filter(|f| std::fs::read_to_string(dir.join(&f.name)).ok().as_deref() != Some(f.text.as_str()))
        .map(|f| f.name.clone())
        .collect();
    for extra in stale_extra(dir, files).unwrap_or_default() {
        out.push(extra.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    }
    out
}

fn stale_extra(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let generated =
            std::fs::read_to_string(&path).map(|t| t.starts_with("// @generated")).unwrap_or(false);
        if name.ends_with(".rs") && generated && !files.iter().any(|f| f.name == name) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
