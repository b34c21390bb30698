//! Writing files so that a failure never leaves a half-written one: the
//! bytes go to a temporary file beside the target, which is then renamed.
//! An error or an interruption of frus-ld leaves the old file or the new
//! one, never a part; the file is not forced to disk (no fsync), which
//! would cost more than the conversion itself in a batch.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically; an existing file is replaced only
/// once the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".frus-ld-")
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot write here", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}
