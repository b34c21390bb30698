//! Reads a FRUS document as history.state.gov shows it as text.
//!
//! ```text
//! 11. Letter From the Ambassador to Japan (MacArthur) to Secretary of State Dulles0
//!
//! Tokyo, April 18, 1958.                  ← the dateline (alt form only)
//!
//! Dear Mr. Secretary: Walter Robertson has sent me … of March 231 in which …
//! … [Page 23] …
//! Sincerely,
//!
//! Doug
//!
//! Enclosure3
//! …
//!   1. Source: Department of State, Central Files, 794.5/4–1858. …   ← web form
//! - Source: Department of State, Central Files, 794.5/4–1858. …↩     ← alt form
//! ```

use super::markers::{find_markers, Marker, MarkerError};
use super::{heading, source_note};
use crate::dates::{self, parse_file_date, volume_first_year};
use crate::error::{FileError, ReadError};
use crate::model::*;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// What the reader needs to know beyond the text.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The FRUS volume the document belongs to (`frus1958-60v18`).
    pub volume: Option<String>,
}

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,5})\.\s+(\S.*)$").expect("valid regex"));
static WEB_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(\d{1,4})\.\s+(.*)$").expect("valid regex"));
static ALT_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^-\s+(.*?)\s*↩$").expect("valid regex"));
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\[?(?P<place>[A-Z][^,\d\[\]]{{1,60}}?)\]?,\s+)?(?P<date>{m}\s+\d{{1,2}},\s+\d{{4}}|{m}\s+\d{{4}}|undated)(?:,\s+(?P<time>[^.]*?(?:\d\s*(?:a\.m|p\.m|noon|midnight)\.?|noon|midnight)))?\.?$",
        m = dates::MONTH_PATTERN
    ))
    .expect("valid regex")
});
static PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[Page ([0-9]+|[ivxlcdm]+)\]").expect("valid regex"));
static GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\[\]]{0,200}?not declassified[^\[\]]{0,40}?)\]").expect("valid regex")
});
static GAP_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<q>\d+(?:-\d+/\d+|\.\d+)?|\d+/\d+|less than \d+)\s+(?P<unit>lines?|paragraphs?|pages?|words?|sentences?)\b")
        .expect("valid regex")
});
static ENCLOSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Enclosure|Attachment|Tab|Annex|Appendix|Annex|Enclosure No\.)(?:\s+(?:[A-Z]|\d+|[IVX]+))?$")
        .expect("valid regex")
});
static SALUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Dear|My dear|Dear Mr\.|Sir)[^:.]{0,60}:").expect("valid regex")
});
static CENTRAL_FILE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\S+/(\d{1,2}[–-]\d{3,4})$").expect("valid regex"));

/// Reads a file; errors name the file.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Document, FileError> {
    let bytes =
        std::fs::read(path).map_err(|e| FileError::new(path, format!("cannot read: {e}")))?;
    let mut opts = opts.clone();
    if opts.volume.is_none() {
        opts.volume = volume_from_path(path);
    }
    read(&bytes, &path.display().to_string(), &opts).map_err(|e| e.in_file(path))
}

/// The volume a path names by its folder, such as `…/frus1958-60v18/d11.txt`.
pub fn volume_from_path(path: &Path) -> Option<String> {
    let dir = path.parent()?.file_name()?.to_str()?;
    (dir.starts_with("frus") && volume_first_year(dir).is_some()).then(|| dir.to_string())
}

/// Decodes bytes as UTF-8 text: no BOM, `\n` line ends, no trailing spaces.
fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::new("empty file: expected a FRUS document"));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(ReadError::at(
            line,
            "binary file (NUL byte): expected FRUS text",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ReadError::at(line, format!("invalid UTF-8 at byte {}", e.valid_up_to()))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n"))
}

/// A block of text as read: its first line (1-based) and its text.
#[derive(Debug)]
struct RawBlock {
    line: usize,
    text: String,
}

/// Reads a document from bytes; `name` is used in nothing but messages.
pub fn read(bytes: &[u8], name: &str, opts: &ReadOptions) -> Result<Document, ReadError> {
    let text = decode(bytes)?;
    let lines: Vec<&str> = text.split('\n').collect();

    // the heading
    // (a file of a byte-order mark or of Unicode spaces alone is empty too)
    let first = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .ok_or_else(|| ReadError::new("empty file: expected a FRUS document"))?;
    let caps = HEADING.captures(lines[first].trim()).ok_or_else(|| {
        ReadError::at(
            first + 1,
            "not a FRUS document: expected a numbered heading such as \"11. Letter From … to …\"",
        )
    })?;
    let number: u32 = caps[1]
        .parse()
        .map_err(|_| ReadError::at(first + 1, "document number out of range"))?;
    let title_raw = caps[2].to_string();

    // the footnote list at the end
    let (form, notes_raw, body_end) = note_list(&lines, first + 1)?;

    // blocks between heading and notes
    let mut blocks: Vec<RawBlock> = Vec::new();
    for (i, l) in lines.iter().enumerate().take(body_end).skip(first + 1) {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        match blocks.last_mut() {
            Some(b) if i > first + 1 && !lines[i - 1].trim().is_empty() => {
                b.text.push(' ');
                b.text.push_str(l);
            }
            _ => blocks.push(RawBlock {
                line: i + 1,
                text: l.to_string(),
            }),
        }
    }

    // the dateline, first block under the heading
    let mut dateline = None;
    if let Some(b) = blocks.first() {
        if let Some(c) = DATELINE.captures(&b.text) {
            let date = c.name("date").and_then(|d| dates::parse_date(d.as_str()));
            dateline = Some(Dateline {
                text: b.text.clone(),
                place: c.name("place").map(|p| p.as_str().trim().to_string()),
                date,
                time: c.name("time").map(|t| t.as_str().to_string()),
            });
            blocks.remove(0);
        }
    }
    let form = if dateline.is_some() {
        TextForm::Alt
    } else {
        form
    };

    // footnote markers over heading and body, in reading order
    let masked: Vec<String> = std::iter::once(title_raw.as_str())
        .chain(blocks.iter().map(|b| b.text.as_str()))
        .map(mask_brackets)
        .collect();
    let segs: Vec<&str> = masked.iter().map(String::as_str).collect();
    let first_marker = if notes_raw.is_empty() {
        1
    } else if title_raw.ends_with('0') {
        0
    } else {
        1
    };
    let last_marker = first_marker + notes_raw.len() as u32;
    let markers = if notes_raw.is_empty() {
        Vec::new()
    } else {
        find_markers(&segs, first_marker, last_marker - 1).map_err(|e| match e {
            MarkerError::Missing { n } => {
                let (line, _) = &notes_raw[(n - first_marker) as usize];
                ReadError::at(
                    *line,
                    format!("footnote {} of the list has no marker {n} in the text (the list does not match the markers)", n - first_marker + 1),
                )
            }
            MarkerError::Unexplained { n, segment } => {
                let line = if segment == 0 { first + 1 } else { blocks[segment - 1].line };
                ReadError::at(line, format!("footnote marker {n} has no footnote in the list (the list does not match the markers)"))
            }
        })?
    };
    let mut per_segment: Vec<Vec<Marker>> = vec![Vec::new(); segs.len()];
    for m in markers {
        per_segment[m.segment].push(m);
    }

    let heading_content = inlines(&title_raw, &per_segment[0]);
    let title_plain = plain_text(&heading_content);
    let (kind, kind_text, sender, addressee) = heading::parse(&title_plain);

    let notes: Vec<Note> = notes_raw
        .iter()
        .enumerate()
        .map(|(i, (_, t))| Note {
            n: first_marker + i as u32,
            is_source: t.starts_with("Source:"),
            text: t.clone(),
            content: vec![Inline::text(t.clone())],
        })
        .collect();
    let source = notes
        .iter()
        .find(|n| n.is_source)
        .and_then(|n| source_note::parse(&n.text));

    let block_inlines: Vec<Vec<Inline>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| inlines(&b.text, &per_segment[i + 1]))
        .collect();
    let body = structure(block_inlines);

    let mut doc = Document {
        source_path: name.to_string(),
        form,
        volume: opts.volume.clone(),
        number,
        heading: Heading {
            content: heading_content,
            kind,
            kind_text,
            sender,
            addressee,
        },
        dateline,
        source_note: source,
        date: None,
        body,
        notes,
        entities: Vec::new(),
        signed_by: None,
    };
    infer_missing_pages(&mut doc.body);
    doc.date = document_date(&doc);
    Ok(doc)
}

/// Finds the footnote list at the end: its form, the notes with their
/// lines, and the line where the body ends.
#[allow(clippy::type_complexity)]
fn note_list(
    lines: &[&str],
    body_start: usize,
) -> Result<(TextForm, Vec<(usize, String)>, usize), ReadError> {
    let mut end = lines.len();
    while end > body_start && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    if end > body_start && lines[end - 1].ends_with('↩') {
        let mut start = end;
        while start > body_start
            && (ALT_NOTE.is_match(lines[start - 1]) || lines[start - 1].trim().is_empty())
        {
            start -= 1;
        }
        let notes = (start..end)
            .filter_map(|i| {
                ALT_NOTE
                    .captures(lines[i])
                    .map(|c| (i + 1, c[1].to_string()))
            })
            .collect();
        return Ok((TextForm::Alt, notes, start));
    }
    let mut start = end;
    while start > body_start
        && (WEB_NOTE.is_match(lines[start - 1]) || lines[start - 1].trim().is_empty())
    {
        start -= 1;
    }
    let mut notes = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        if let Some(c) = WEB_NOTE.captures(line) {
            let k: usize = c[1].parse().unwrap_or(0);
            if k != notes.len() + 1 {
                return Err(ReadError::at(
                    i + 1,
                    format!(
                        "footnote list out of order: item {k} where {} was expected",
                        notes.len() + 1
                    ),
                ));
            }
            notes.push((i + 1, c[2].to_string()));
        }
    }
    Ok((TextForm::Web, notes, start))
}

/// Replaces page breaks and gaps by spaces of the same length, so that
/// their digits are not taken for markers and offsets stay the same.
fn mask_brackets(text: &str) -> String {
    let mut out = text.to_string();
    for re in [&*PAGE, &*GAP] {
        let ranges: Vec<(usize, usize)> =
            re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        for (s, e) in ranges {
            out.replace_range(s..e, &" ".repeat(e - s));
        }
    }
    out
}

/// Splits a block's text into inlines at markers, page breaks and gaps.
fn inlines(text: &str, markers: &[Marker]) -> Vec<Inline> {
    enum Cut {
        Note(u32),
        Page(String),
        Gap(Gap),
    }
    let mut cuts: Vec<(usize, usize, Cut)> = markers
        .iter()
        .map(|m| (m.start, m.end, Cut::Note(m.n)))
        .collect();
    for c in PAGE.captures_iter(text) {
        let m = c.get(0).expect("match");
        cuts.push((m.start(), m.end(), Cut::Page(c[1].to_string())));
    }
    for c in GAP.captures_iter(text) {
        let m = c.get(0).expect("match");
        cuts.push((m.start(), m.end(), Cut::Gap(gap(&c[1]))));
    }
    cuts.sort_by_key(|c| c.0);
    let mut out = Vec::new();
    let mut at = 0;
    let push_text = |out: &mut Vec<Inline>, s: &str| {
        if !s.is_empty() {
            out.push(Inline::text(s));
        }
    };
    for (s, e, cut) in cuts {
        let mut before = &text[at..s];
        // "[Page 23]" between two spaces: keep one space, on the left
        if matches!(cut, Cut::Page(_)) && before.ends_with(' ') && text[e..].starts_with(' ') {
            before = &text[at..s];
            push_text(&mut out, before);
            at = e + 1;
        } else {
            push_text(&mut out, before);
            at = e;
        }
        out.push(match cut {
            Cut::Note(n) => Inline::NoteRef { n },
            Cut::Page(n) => Inline::PageBreak { n, inferred: false },
            Cut::Gap(g) => Inline::Gap(g),
        });
    }
    push_text(&mut out, &text[at..]);
    out
}

fn gap(text: &str) -> Gap {
    let extent = text
        .trim()
        .trim_end_matches("not declassified")
        .trim()
        .to_string();
    let (quantity, unit) = match GAP_QUANTITY.captures(&extent) {
        Some(c) => {
            let q = &c["q"];
            let quantity = if let Some((whole, frac)) = q.split_once('-') {
                let (a, b) = frac.split_once('/').unwrap_or(("0", "1"));
                whole
                    .parse::<f64>()
                    .ok()
                    .zip(a.parse::<f64>().ok().zip(b.parse::<f64>().ok()))
                    .map(|(w, (a, b))| w + a / b)
            } else if let Some((a, b)) = q.split_once('/') {
                a.parse::<f64>()
                    .ok()
                    .zip(b.parse::<f64>().ok())
                    .map(|(a, b)| a / b)
            } else {
                q.parse::<f64>().ok()
            };
            let unit = c["unit"].trim_end_matches('s').to_string();
            (quantity, Some(unit))
        }
        None => (None, None),
    };
    Gap {
        text: text.trim().to_string(),
        extent,
        quantity,
        unit,
    }
}

fn is_page_only(inl: &[Inline]) -> Option<String> {
    match inl {
        [Inline::PageBreak { n, .. }] => Some(n.clone()),
        _ => None,
    }
}

fn is_label(plain: &str) -> bool {
    let words = plain.split_whitespace().count();
    (1..=8).contains(&words)
        && plain.chars().any(|c| c.is_alphabetic())
        && plain
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
        && !plain.ends_with('.')
}

/// A signature: a short last block that is not a sentence.
fn is_signature(plain: &str) -> bool {
    let t = plain.trim();
    let words = t.split_whitespace().count();
    let initials = t.len() <= 12 && t.chars().all(|c| c.is_uppercase() || c == '.' || c == ' ');
    (1..=6).contains(&words)
        && t.len() <= 60
        && (!t.ends_with('.') || initials)
        && !t.ends_with(':')
        && !t.ends_with(',')
        && t.chars().next().is_some_and(char::is_uppercase)
        && !is_label(t)
        || (initials && !t.is_empty())
}

/// Arranges blocks into the main division and its enclosures.
fn structure(blocks: Vec<Vec<Inline>>) -> Division {
    // split where an enclosure label stands
    // (the enclosure label, the blocks) of each part
    type Part = (Option<Vec<Inline>>, Vec<Vec<Inline>>);
    let mut parts: Vec<Part> = vec![(None, Vec::new())];
    for b in blocks {
        let plain = plain_text(&b);
        if ENCLOSURE.is_match(plain.trim()) {
            parts.push((Some(b), Vec::new()));
        } else {
            parts.last_mut().expect("one part").1.push(b);
        }
    }
    let mut divs = parts.into_iter().map(|(label, bs)| division(label, bs));
    let mut main = divs.next().expect("main division");
    main.enclosures = divs.collect();
    main
}

fn division(label: Option<Vec<Inline>>, mut bs: Vec<Vec<Inline>>) -> Division {
    let mut div = Division::default();
    let is_enclosure = label.is_some();
    if let Some(l) = label {
        div.label = l;
        // the enclosure's own heading: the next block, if it is not a paragraph
        if let Some(first) = bs.first() {
            let p = plain_text(first);
            let looks_like_head = is_label(&p)
                || (p.split_whitespace().count() <= 30
                    && !p.trim_end().ends_with('.')
                    && !SALUTE.is_match(&p)
                    && is_page_only(first).is_none());
            if looks_like_head {
                div.head = bs.remove(0);
            }
        }
    }
    // trailing page breaks after the signature
    let mut trailer = Vec::new();
    while let Some(last) = bs.last() {
        match is_page_only(last) {
            Some(n) => {
                trailer.insert(0, Block::PageBreak(n));
                bs.pop();
            }
            None => break,
        }
    }
    if bs.len() > 1 || is_enclosure && !bs.is_empty() {
        if let Some(last) = bs.last() {
            if is_signature(&plain_text(last)) {
                div.signed = bs.pop();
            }
        }
    }
    div.trailer = trailer;
    let mut first_para = true;
    for b in bs {
        if let Some(n) = is_page_only(&b) {
            div.blocks.push(Block::PageBreak(n));
            continue;
        }
        if let [Inline::Gap(g)] = &b[..] {
            div.blocks.push(Block::Gap(g.clone()));
            continue;
        }
        let plain = plain_text(&b);
        if is_label(&plain) {
            div.blocks.push(Block::Label(b));
            continue;
        }
        if first_para && div.blocks.iter().all(|b| matches!(b, Block::PageBreak(_))) {
            if let Some(m) = SALUTE.find(&plain) {
                let (salute, rest) = split_inlines(b, m.end());
                div.salute = Some(salute);
                first_para = false;
                let rest = trim_start_inlines(rest);
                if !rest.is_empty() {
                    div.blocks.push(Block::Paragraph(rest));
                }
                continue;
            }
        }
        first_para = false;
        div.blocks.push(Block::Paragraph(b));
    }
    div.blocks = group_lists(std::mem::take(&mut div.blocks));
    div
}

static LIST_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{1,2})|([a-z])(?: \[([a-z])\])?)\. ").expect("valid regex")
});

/// The place of a list label in its sequence: "3. " → (number, 3),
/// "c. " → (letter, 3).
fn list_label(b: &Block) -> Option<(bool, u32)> {
    let Block::Paragraph(v) = b else { return None };
    let Some(Inline::Text { text }) = v.first() else {
        return None;
    };
    let c = LIST_LABEL.captures(text)?;
    // "e [f]. ": the editors' correction counts
    match (c.get(1), c.get(3).or(c.get(2))) {
        (Some(n), _) => Some((true, n.as_str().parse().ok()?)),
        (_, Some(l)) => Some((false, l.as_str().bytes().next()? as u32 - b'a' as u32 + 1)),
        _ => None,
    }
}

/// Numbered or lettered paragraphs in a row, in sequence, become a list.
fn group_lists(blocks: Vec<Block>) -> Vec<Block> {
    let labels: Vec<Option<(bool, u32)>> = blocks.iter().map(list_label).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut blocks: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    while i < blocks.len() {
        let mut j = i + 1;
        if let Some((kind, n)) = labels[i] {
            let mut want = n + 1;
            while j < blocks.len() && labels[j] == Some((kind, want)) {
                want += 1;
                j += 1;
            }
        }
        if j - i >= 2 {
            let items = (i..j)
                .filter_map(|k| match blocks[k].take() {
                    Some(Block::Paragraph(v)) => Some(v),
                    _ => None,
                })
                .collect();
            out.push(Block::List(items));
        } else {
            out.extend(blocks[i].take());
            j = i + 1;
        }
        i = j;
    }
    out
}

/// Splits inlines after `at` bytes of their plain text.
fn split_inlines(v: Vec<Inline>, mut at: usize) -> (Vec<Inline>, Vec<Inline>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for i in v {
        if at == 0 {
            right.push(i);
            continue;
        }
        match i {
            Inline::Text { text } if text.len() > at => {
                left.push(Inline::text(&text[..at]));
                right.push(Inline::text(&text[at..]));
                at = 0;
            }
            Inline::Text { text } => {
                at -= text.len();
                left.push(Inline::Text { text });
            }
            Inline::Gap(g) => {
                at = at.saturating_sub(g.text.len() + 2);
                left.push(Inline::Gap(g));
            }
            other => left.push(other),
        }
    }
    (left, right)
}

fn trim_start_inlines(mut v: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = v.first_mut() {
        *text = text.trim_start().to_string();
        if text.is_empty() {
            v.remove(0);
        }
    }
    v
}

/// A page whose break the web text lost (it prints "[Page 5]" and "[Page 7]"
/// but no "[Page 6]", as when the break fell between list items) gets an
/// inferred break, placed where the text between its neighbours divides in
/// proportion, at a word boundary.
fn infer_missing_pages(body: &mut Division) {
    // positions (in characters of text) of the printed breaks
    fn scan(d: &Division, pos: &mut usize, pbs: &mut Vec<(usize, u32)>) {
        let inl = |v: &[Inline], pos: &mut usize, pbs: &mut Vec<(usize, u32)>| {
            for i in v {
                match i {
                    Inline::Text { text } => *pos += text.chars().count(),
                    Inline::PageBreak { n, .. } => pbs.extend(n.parse().ok().map(|n| (*pos, n))),
                    _ => {}
                }
            }
        };
        inl(&d.label, pos, pbs);
        inl(&d.head, pos, pbs);
        if let Some(s) = &d.salute {
            inl(s, pos, pbs);
        }
        for b in &d.blocks {
            match b {
                Block::PageBreak(n) => pbs.extend(n.parse().ok().map(|n| (*pos, n))),
                other => {
                    for v in other.runs() {
                        inl(v, pos, pbs);
                    }
                }
            }
        }
        if let Some(s) = &d.signed {
            inl(s, pos, pbs);
        }
        for b in &d.trailer {
            if let Block::PageBreak(n) = b {
                pbs.extend(n.parse().ok().map(|n| (*pos, n)));
            }
        }
        for e in &d.enclosures {
            scan(e, pos, pbs);
        }
    }
    let (mut pos, mut pbs) = (0, Vec::new());
    scan(body, &mut pos, &mut pbs);
    let mut targets: Vec<(usize, u32)> = Vec::new();
    for w in pbs.windows(2) {
        let ((pa, a), (pb, b)) = (w[0], w[1]);
        if b > a + 1 && b - a <= 5 {
            for p in a + 1..b {
                targets.push((pa + (pb - pa) * (p - a) as usize / (b - a) as usize, p));
            }
        }
    }
    if targets.is_empty() {
        return;
    }
    // split the text run that holds each target position
    let mut runs = Vec::new();
    crate::model::division_runs_mut(body, &mut runs);
    let mut pos = 0;
    let mut t = 0;
    for run in runs {
        let mut i = 0;
        while i < run.len() {
            if let Inline::Text { text } = &run[i] {
                let len = text.chars().count();
                if t < targets.len() && targets[t].0 < pos + len {
                    let (target, page) = targets[t];
                    let chars: Vec<(usize, char)> = text.char_indices().collect();
                    let k = target.saturating_sub(pos).min(len);
                    // the next word boundary
                    let cut = chars[k..]
                        .iter()
                        .find(|(_, c)| c.is_whitespace())
                        .map(|(b, _)| *b + 1)
                        .unwrap_or(text.len());
                    let (left, right) = (text[..cut].to_string(), text[cut..].to_string());
                    let consumed = left.chars().count();
                    run.splice(
                        i..=i,
                        [
                            Inline::text(left),
                            Inline::PageBreak {
                                n: page.to_string(),
                                inferred: true,
                            },
                            Inline::text(right),
                        ]
                        .into_iter()
                        .filter(|x| !matches!(x, Inline::Text { text } if text.is_empty())),
                    );
                    pos += consumed;
                    t += 1;
                    i += 2;
                    continue;
                }
                pos += len;
            }
            i += 1;
        }
    }
}

/// The document's date: the dateline's, else one named in the heading,
/// else the one the central-file number names.
fn document_date(doc: &Document) -> Option<DocumentDate> {
    if let Some(d) = doc.dateline.as_ref().and_then(|d| d.date) {
        return Some(DocumentDate {
            date: d,
            not_after: None,
            evidence: DateEvidence::Dateline,
        });
    }
    static IN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"{}\s+\d{{1,2}},\s+\d{{4}}", dates::MONTH_PATTERN))
            .expect("valid regex")
    });
    let title = plain_text(&doc.heading.content);
    if let Some(m) = IN_HEADING.find(&title) {
        if let Some(d) = dates::parse_date(m.as_str()) {
            return Some(DocumentDate {
                date: d,
                not_after: None,
                evidence: DateEvidence::Heading {
                    text: m.as_str().to_string(),
                },
            });
        }
    }
    let sn = doc.source_note.as_ref()?;
    let fnum = sn.file_number.as_ref()?;
    let part = CENTRAL_FILE.captures(fnum)?;
    let hint = doc.volume.as_deref().and_then(volume_first_year);
    let date = parse_file_date(&part[1], hint)?;
    Some(DocumentDate {
        date,
        not_after: None,
        evidence: DateEvidence::FileNumber {
            file_number: fnum.clone(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_measured() {
        let g = gap("3-1/2 lines of source text not declassified");
        assert_eq!(g.extent, "3-1/2 lines of source text");
        assert_eq!(g.quantity, Some(3.5));
        assert_eq!(g.unit.as_deref(), Some("line"));
        let g = gap("1 paragraph (4 lines of source text) not declassified");
        assert_eq!(
            (g.quantity, g.unit.as_deref()),
            (Some(1.0), Some("paragraph"))
        );
        let g = gap("less than 1 line of source text not declassified");
        assert_eq!(g.quantity, None);
    }

    #[test]
    fn datelines() {
        for (line, place, date) in [
            ("Tokyo, April 18, 1958.", Some("Tokyo"), Some("1958-04-18")),
            (
                "Washington, January 11, 1958, 12:48 p.m.",
                Some("Washington"),
                Some("1958-01-11"),
            ),
            (
                "Tokyo, January 22, 1958, 2 p.m.",
                Some("Tokyo"),
                Some("1958-01-22"),
            ),
            ("Washington, undated.", Some("Washington"), None),
            ("April 1958.", None, Some("1958-04")),
        ] {
            let c = DATELINE.captures(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(c.name("place").map(|p| p.as_str()), place, "{line}");
            assert_eq!(
                dates::parse_date(&c["date"]).map(|d| d.iso()).as_deref(),
                date,
                "{line}"
            );
        }
        assert!(DATELINE
            .captures("Dear Mr. Secretary: I have your letter.")
            .is_none());
    }

    #[test]
    fn decoding_accepts_bom_crlf_and_trailing_spaces() {
        let t = decode("\u{feff}1. Letter  \r\nline two \r\n".as_bytes()).unwrap();
        assert_eq!(t, "1. Letter\nline two");
        assert!(decode(b"").unwrap_err().message.contains("empty"));
        assert_eq!(decode(b"1. A\n\xff\xfe").unwrap_err().line, Some(2));
        assert!(decode(b"ab\0cd").unwrap_err().message.contains("binary"));
    }
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn numbered_and_lettered_paragraphs_become_lists() {
        let text = "3. Telegram From the Embassy in Korea to the Department of State0\n\nIntro.\n\n1. First.\n\n2. Second.\n\na. One.\n\nb. Two.\n\nc. Three.\n\nc [d]. Corrected.\n\n3 p.m. is not a label.\n  1. Source: X.\n";
        let d = read(text.as_bytes(), "t", &ReadOptions::default()).unwrap();
        let lists: Vec<usize> = d
            .body
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::List(items) => Some(items.len()),
                _ => None,
            })
            .collect();
        assert_eq!(lists, vec![2, 4]);
        assert!(matches!(d.body.blocks.last(), Some(Block::Paragraph(_))));
    }
}
