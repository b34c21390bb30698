//! Errors that name the file (and line) they are about.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong while reading a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line of the input where the problem is, when there is one.
    pub line: Option<usize>,
    pub message: String,
}

impl ReadError {
    pub fn new(message: impl Into<String>) -> Self {
        ReadError {
            line: None,
            message: message.into(),
        }
    }

    pub fn at(line: usize, message: impl Into<String>) -> Self {
        ReadError {
            line: Some(line),
            message: message.into(),
        }
    }

    /// Attach the file this error is about.
    pub fn in_file(self, path: &Path) -> FileError {
        FileError {
            path: path.to_path_buf(),
            line: self.line,
            message: self.message,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// An error about a file, printed as `FILE:LINE: message` like a compiler's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl FileError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        FileError {
            path: path.to_path_buf(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for FileError {}
