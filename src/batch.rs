//! Running over many documents: a progress bar on a terminal (or one
//! summary line), failures collected with file and line, and a
//! machine-readable report of them.

use crate::error::FileError;
use crate::output::write_atomic;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One failed input.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Failure {
    pub file: String,
    pub line: Option<usize>,
    pub error: String,
}

pub struct Batch {
    verb: &'static str,
    bar: ProgressBar,
    started: Instant,
    files: usize,
    bytes: u64,
    done: usize,
    failures: Vec<Failure>,
    report: Option<PathBuf>,
}

impl Batch {
    /// `inputs` with their sizes; `quiet`, or a standard error that is not a
    /// terminal, turns the bar into one summary line at the end.
    pub fn new(
        verb: &'static str,
        inputs: &[PathBuf],
        quiet: bool,
        report: Option<&Path>,
    ) -> Batch {
        let bytes: u64 = inputs
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let visible = !quiet && std::io::stderr().is_terminal() && inputs.len() > 1;
        let bar = ProgressBar::with_draw_target(
            Some(bytes),
            if visible {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
        );
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{wide_bar}] {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        Batch {
            verb,
            bar,
            started: Instant::now(),
            files: inputs.len(),
            bytes,
            done: 0,
            failures: Vec::new(),
            report: report.map(Path::to_path_buf),
        }
    }

    /// Records the outcome of one input.
    pub fn record(&mut self, path: &Path, result: Result<()>) {
        self.done += 1;
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        self.bar.inc(size);
        self.bar
            .set_message(format!("{}/{} documents", self.done, self.files));
        if let Err(e) = result {
            let (file, line) = match e.downcast_ref::<FileError>() {
                Some(fe) => (fe.path.display().to_string(), fe.line),
                None => (path.display().to_string(), None),
            };
            self.bar.suspend(|| eprintln!("frus-ld: {e:#}"));
            self.failures.push(Failure {
                file,
                line,
                error: format!("{e:#}"),
            });
        }
    }

    /// Ends the batch: the summary line, the report; the number of failures.
    pub fn finish(self) -> Result<usize> {
        self.bar.finish_and_clear();
        let secs = self.started.elapsed().as_secs_f64();
        eprintln!(
            "{} {} of {} documents ({:.1} MB) in {:.1} s, {:.1} MB/s; {} failed",
            self.verb,
            self.files - self.failures.len(),
            self.files,
            self.bytes as f64 / 1e6,
            secs,
            self.bytes as f64 / 1e6 / secs.max(1e-9),
            self.failures.len()
        );
        if let Some(r) = &self.report {
            let mut text = String::new();
            for f in &self.failures {
                text.push_str(&serde_json::to_string(f)?);
                text.push('\n');
            }
            write_atomic(r, text.as_bytes())?;
        }
        Ok(self.failures.len())
    }
}
