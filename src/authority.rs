//! A volume's lists: the List of Persons and the List of Abbreviations
//! (`id`, `name`, `description`, tab-separated, with a header line).

use crate::error::{FileError, ReadError};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The list's own id: `p_MADII1`, `t_NATO1`.
    pub id: String,
    /// "MacArthur, Douglas, II" or "NATO".
    pub name: String,
    pub description: String,
}

/// Reads a list; every malformed line is an error naming its line.
pub fn parse_list(text: &str) -> Result<Vec<Entry>, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if i == 0 && cols.first().is_some_and(|c| c.eq_ignore_ascii_case("id")) {
            continue;
        }
        if cols.len() < 2 || cols[0].trim().is_empty() || cols[1].trim().is_empty() {
            return Err(ReadError::at(
                i + 1,
                "expected id, name and description separated by tabs",
            ));
        }
        out.push(Entry {
            id: cols[0].trim().to_string(),
            name: cols[1].trim().to_string(),
            description: cols
                .get(2)
                .map(|d| d.trim().to_string())
                .unwrap_or_default(),
        });
    }
    Ok(out)
}

pub fn read_list(path: &Path) -> Result<Vec<Entry>, FileError> {
    let bytes =
        std::fs::read(path).map_err(|e| FileError::new(path, format!("cannot read: {e}")))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ReadError::at(line, "invalid UTF-8").in_file(path)
    })?;
    parse_list(text).map_err(|e| e.in_file(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_rejects_bad_lines() {
        let l = parse_list("id\tname\tdescription\np_X1\tSmith, John\tAmbassador\n\nt_A1\tAA\tArmistice Agreement\n").unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].name, "Smith, John");
        assert_eq!(
            parse_list("id\tname\np_X1 Smith\n").unwrap_err().line,
            Some(2)
        );
    }
}
