//! The document model: what a reader builds, extractors enrich and writers read.
//!
//! It is deliberately close to the printed FRUS document: a heading, an optional
//! dateline, a sequence of blocks (paragraphs, page breaks, enclosures, …) whose
//! inline content holds text, footnote references, page breaks and gaps, and the
//! list of footnotes that the references point to.

use serde::Serialize;

/// One FRUS document as read from its web text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    /// Where the document was read from (a path as given, for messages).
    pub source_path: String,
    /// Which of the two web forms the text was in.
    pub form: TextForm,
    /// The FRUS volume identifier, such as `frus1958-60v18`, when known.
    pub volume: Option<String>,
    /// The printed document number (the `11` of "11. Letter From …").
    pub number: u32,
    /// The heading without its number and without the source-note marker.
    pub heading: Heading,
    /// The dateline printed under the heading (alt form), if any.
    pub dateline: Option<Dateline>,
    /// The source note ("Source: Department of State, Central Files, …").
    pub source_note: Option<SourceNote>,
    /// The document's own date, with how it was established.
    pub date: Option<DocumentDate>,
    /// The body: main text, then enclosures as nested divisions.
    pub body: Division,
    /// The footnotes, in print order; `notes[i].n` is the printed marker.
    pub notes: Vec<Note>,
    /// The persons, places, organizations, treaties and terms that the
    /// mentions point to, in order of first mention.
    pub entities: Vec<Entity>,
    /// The entity of the person who signs the main text, when known.
    pub signed_by: Option<String>,
}

/// The two forms in which history.state.gov shows a document as text.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TextForm {
    /// Footnotes listed as "  1. text" at the end, no dateline.
    Web,
    /// Dateline under the heading, footnotes listed as "- text↩".
    Alt,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Heading {
    /// The heading's text as printed, without number and marker, with
    /// any footnote references it holds.
    pub content: Vec<Inline>,
    /// What kind of document the heading names.
    pub kind: DocumentKind,
    /// The kind as printed ("Memorandum of Telephone Conversation").
    pub kind_text: String,
    pub sender: Option<Party>,
    pub addressee: Option<Party>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    Letter,
    Telegram,
    Memorandum,
    MemorandumOfConversation,
    MemorandumForTheRecord,
    EditorialNote,
    Note,
    Message,
    Report,
    Paper,
    Minutes,
    Instruction,
    Despatch,
    Airgram,
    Other,
}

impl DocumentKind {
    /// A short token for TEI `@subtype` and RDF.
    pub fn token(self) -> &'static str {
        match self {
            DocumentKind::Letter => "letter",
            DocumentKind::Telegram => "telegram",
            DocumentKind::Memorandum => "memorandum",
            DocumentKind::MemorandumOfConversation => "memorandum-of-conversation",
            DocumentKind::MemorandumForTheRecord => "memorandum-for-the-record",
            DocumentKind::EditorialNote => "editorial-note",
            DocumentKind::Note => "note",
            DocumentKind::Message => "message",
            DocumentKind::Report => "report",
            DocumentKind::Paper => "paper",
            DocumentKind::Minutes => "minutes",
            DocumentKind::Instruction => "instruction",
            DocumentKind::Despatch => "despatch",
            DocumentKind::Airgram => "airgram",
            DocumentKind::Other => "other",
        }
    }
}

/// A sender or an addressee as the heading names it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Party {
    /// The phrase as printed: "the Ambassador to Japan (MacArthur)".
    pub phrase: String,
    /// Whether the phrase names a person or an office/organization.
    pub kind: PartyKind,
    /// The personal name, when the phrase gives one ("MacArthur").
    pub name: Option<String>,
    /// The office or organization ("Ambassador to Japan", "Department of State").
    pub office: Option<String>,
    /// The key of the entity the phrase names, once entities are known.
    pub entity: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    Person,
    Organization,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Dateline {
    /// The line as printed ("Tokyo, April 18, 1958.").
    pub text: String,
    pub place: Option<String>,
    pub date: Option<SimpleDate>,
    /// The time of day as printed ("12:48 p.m."), if any.
    pub time: Option<String>,
}

/// A calendar date, complete or partial.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimpleDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl SimpleDate {
    pub fn ymd(year: i32, month: u32, day: u32) -> Self {
        SimpleDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// ISO 8601 form: `1958-04-18`, `1958-04` or `1958`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

/// The document's date and the evidence for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentDate {
    /// The date, or the earliest it can be when `not_after` is set.
    pub date: SimpleDate,
    /// The latest the date can be, when only a range is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<SimpleDate>,
    pub evidence: DateEvidence,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum DateEvidence {
    /// Printed in the dateline: certain.
    Dateline,
    /// Named in the heading.
    Heading { text: String },
    /// Inferred from the date part of a central-file number ("794.5/4–1858").
    FileNumber { file_number: String },
    /// Between the dates of the neighbouring documents of the volume
    /// (FRUS prints documents in chronological order).
    Neighbours {
        before: String,
        after: String,
        /// A file-number date that contradicted the neighbours, if any.
        distrusted: Option<String>,
    },
}

impl DateEvidence {
    pub fn is_inferred(&self) -> bool {
        !matches!(self, DateEvidence::Dateline)
    }

    /// A sentence saying how the date was established.
    pub fn reason(&self) -> String {
        match self {
            DateEvidence::Dateline => "printed in the dateline".to_string(),
            DateEvidence::Heading { text } => {
                format!("named in the heading (\u{201c}{text}\u{201d})")
            }
            DateEvidence::FileNumber { file_number } => {
                format!("inferred from the date part of the central file number {file_number}")
            }
            DateEvidence::Neighbours {
                before,
                after,
                distrusted,
            } => {
                let mut s = format!(
                    "inferred from the neighbouring documents of the volume, dated {before} and {after}"
                );
                if let Some(f) = distrusted {
                    s.push_str(&format!(
                        "; the date of the central file number {f} contradicts them"
                    ));
                }
                s
            }
        }
    }
}

/// The source note, split into what an archivist needs.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct SourceNote {
    /// The whole note as printed, after "Source: ".
    pub text: String,
    /// The archival citation: "Department of State, Central Files, 794.5/4–1858".
    pub citation: String,
    /// The holding repository or creator ("Department of State", "Eisenhower Library").
    pub repository: Option<String>,
    /// The file or series ("Central Files", "Whitman File, ACW Diary").
    pub file: Option<String>,
    /// The file number ("794.5/4–1858").
    pub file_number: Option<String>,
    /// Classification ("Secret", "Confidential", "Top Secret", …).
    pub classification: Option<String>,
    /// Handling and precedence words ("Official–Informal", "Priority", "Limit Distribution").
    pub handling: Vec<String>,
    /// "Drafted by Parsons" → ["Parsons"].
    pub drafted_by: Vec<String>,
    pub approved_by: Vec<String>,
    pub cleared_with: Vec<String>,
}

/// A division: the main text or an enclosure.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Division {
    /// "Enclosure", "Attachment B", … for enclosures; empty for the main text.
    pub label: Vec<Inline>,
    /// The enclosure's own heading ("Letter From … to …"), if any.
    pub head: Vec<Inline>,
    /// "Dear Mr. Secretary:", when the division opens with a salutation.
    pub salute: Option<Vec<Inline>>,
    pub blocks: Vec<Block>,
    /// The signature that closes the division ("Doug").
    pub signed: Option<Vec<Inline>>,
    /// Blocks printed after the signature and before the next enclosure
    /// (page breaks, mostly).
    pub trailer: Vec<Block>,
    pub enclosures: Vec<Division>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", content = "content", rename_all = "kebab-case")]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A short all-capitals line such as "SUBJECT" or "REFERENCE".
    Label(Vec<Inline>),
    /// "[Page 25]" on a line of its own.
    PageBreak(String),
    /// "[1 paragraph (4 lines of source text) not declassified]" on its own.
    Gap(Gap),
    /// Numbered or lettered paragraphs in a row ("1. …", "2. …" or "a. …",
    /// "b. …"): each item keeps its label as printed.
    List(Vec<Vec<Inline>>),
}

impl Block {
    /// The runs of inlines the block holds.
    pub fn runs(&self) -> Vec<&Vec<Inline>> {
        match self {
            Block::Paragraph(v) | Block::Label(v) => vec![v],
            Block::List(items) => items.iter().collect(),
            Block::PageBreak(_) | Block::Gap(_) => Vec::new(),
        }
    }

    /// The same runs, to change.
    pub fn runs_mut(&mut self) -> Vec<&mut Vec<Inline>> {
        match self {
            Block::Paragraph(v) | Block::Label(v) => vec![v],
            Block::List(items) => items.iter_mut().collect(),
            Block::PageBreak(_) | Block::Gap(_) => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        text: String,
    },
    /// A footnote marker: `n` is the printed number, which is also the
    /// `n` of the note in [`Document::notes`].
    NoteRef {
        n: u32,
    },
    PageBreak {
        n: String,
        /// Not printed in the text but inferred from the page numbers
        /// around it (placed in proportion to the text between them).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        inferred: bool,
    },
    Gap(Gap),
    /// A name or phrase that refers to an entity of [`Document::entities`].
    Mention(Mention),
    /// A date expression, normalized.
    Date(DateMention),
    /// A reference to other documents of the same volume ("Document 5",
    /// "Documents 4 and 5") or to a footnote of one ("footnote 6, Document 5").
    CrossRef(CrossRef),
}

/// A reference to documents of the same volume, as printed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CrossRef {
    /// The words as printed ("footnote 6, Document 5").
    pub text: String,
    /// The numbers of the documents referred to, in printed order.
    pub documents: Vec<u32>,
    /// The footnote referred to, when one is named (only with one document).
    pub note: Option<u32>,
}

/// A mention of an entity in the text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Mention {
    /// Sequence number within the document, for stable ids (`d11_m7`).
    pub id: u32,
    /// The entity's key in [`Document::entities`].
    pub entity: String,
    pub kind: EntityKind,
    /// The words as printed.
    pub text: String,
    /// The same words with the mentions nested in them ("U.S.-ROC Mutual
    /// Defense Treaty" holds "ROC"); empty when there are none.
    pub parts: Vec<Inline>,
    /// How the mention was recognized (a rule name), for provenance.
    pub rule: &'static str,
}

/// A date expression with its normalized value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateMention {
    pub id: u32,
    pub text: String,
    pub value: DateValue,
    pub rule: &'static str,
}

/// A normalized date: one day, month or year, or a range, possibly uncertain.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct DateValue {
    pub when: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    /// The value in EDTF (ISO 8601-2): `1958-04-18`, `1958-05-07/1958-05-09`,
    /// `1958-06-01/1958-06-10`, `1959`.
    pub edtf: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
    Treaty,
    /// An abbreviation of the volume's list that is none of the above
    /// ("Embtel", "niact").
    Term,
}

/// A person, place, organization, treaty or term that the text mentions.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Entity {
    /// Stable key: `person/dulles-john-foster`, `place/tokyo`, `term/embtel`.
    pub key: String,
    pub kind: Option<EntityKind>,
    /// The preferred name: "Douglas MacArthur II", "Tokyo".
    pub name: String,
    /// For abbreviations: what they stand for.
    pub expansion: Option<String>,
    /// The id in the volume's List of Persons or of Abbreviations (`p_MADII1`).
    pub frus_id: Option<String>,
    /// That entry's name as the list prints it ("MacArthur, Douglas, II",
    /// "NSC"): for an abbreviation, the abbreviation itself.
    pub list_label: Option<String>,
    /// The list's description ("Ambassador to Japan").
    pub description: Option<String>,
    /// Offices held, parsed from the description.
    pub roles: Vec<RoleSpan>,
    /// The IRI of the matching entry of frus-ld's authority data.
    pub authority: Option<String>,
    /// The Wikidata item (`Q9916`), when known.
    pub wikidata: Option<String>,
    /// Latitude and longitude, for places.
    pub coordinates: Option<(f64, f64)>,
    /// For treaties: when and where signed, entry into force, citation.
    pub treaty: Option<TreatyFacts>,
}

impl Entity {
    pub fn kind(&self) -> EntityKind {
        self.kind.unwrap_or(EntityKind::Term)
    }

    /// Whether the entity is tied to a list entry or to authority data.
    pub fn is_linked(&self) -> bool {
        self.frus_id.is_some() || self.authority.is_some()
    }
}

/// An office held for a period, from a list's description: "Japanese
/// Foreign Minister July 1957–July 1960".
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct RoleSpan {
    pub text: String,
    pub office: String,
    pub organization: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct TreatyFacts {
    pub signed: Option<String>,
    pub signed_at: Option<String>,
    pub in_force: Option<String>,
    /// "9 UST 195" → volume 9, page 195.
    pub citation: Option<String>,
    pub parties: Vec<String>,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Self {
        Inline::Text { text: s.into() }
    }
}

/// A passage withheld from publication.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Gap {
    /// The bracketed words as printed, without brackets.
    pub text: String,
    /// "3-1/2 lines of source text", "1 paragraph (4 lines of source text)".
    pub extent: String,
    /// The size in `unit`s, when a number is given ("3-1/2" → 3.5).
    pub quantity: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Note {
    /// The printed marker (0 for a source note printed as "0").
    pub n: u32,
    pub is_source: bool,
    pub text: String,
    /// The text as inlines, with the mentions found in it.
    pub content: Vec<Inline>,
}

/// Plain text of a run of inlines, footnote references left out.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text } => s.push_str(text),
            Inline::Gap(g) => {
                s.push('[');
                s.push_str(&g.text);
                s.push(']');
            }
            Inline::Mention(m) => s.push_str(&m.text),
            Inline::Date(d) => s.push_str(&d.text),
            Inline::CrossRef(r) => s.push_str(&r.text),
            Inline::NoteRef { .. } | Inline::PageBreak { .. } => {}
        }
    }
    s
}

impl Document {
    /// Every page break of the document in reading order.
    pub fn page_breaks(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_pages(&self.body, &mut out);
        out
    }

    pub fn note(&self, n: u32) -> Option<&Note> {
        self.notes.iter().find(|note| note.n == n)
    }

    pub fn entity(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }

    /// Every run of inlines in reading order: heading, body (main text,
    /// then enclosures), then the notes.
    pub fn inline_runs_mut(&mut self) -> Vec<&mut Vec<Inline>> {
        let mut out = vec![&mut self.heading.content];
        division_runs_mut(&mut self.body, &mut out);
        for n in &mut self.notes {
            out.push(&mut n.content);
        }
        out
    }

    /// The same runs as [`Document::inline_runs_mut`], read-only.
    pub fn inline_runs(&self) -> Vec<&Vec<Inline>> {
        let mut out = vec![&self.heading.content];
        division_runs(&self.body, &mut out);
        for n in &self.notes {
            out.push(&n.content);
        }
        out
    }
}

/// The runs of a division in reading order: label, head, salute, blocks,
/// signature, then its enclosures.
pub(crate) fn division_runs_mut<'a>(d: &'a mut Division, out: &mut Vec<&'a mut Vec<Inline>>) {
    out.push(&mut d.label);
    out.push(&mut d.head);
    if let Some(s) = &mut d.salute {
        out.push(s);
    }
    for b in &mut d.blocks {
        out.extend(b.runs_mut());
    }
    if let Some(s) = &mut d.signed {
        out.push(s);
    }
    for e in &mut d.enclosures {
        division_runs_mut(e, out);
    }
}

fn division_runs<'a>(d: &'a Division, out: &mut Vec<&'a Vec<Inline>>) {
    out.push(&d.label);
    out.push(&d.head);
    if let Some(s) = &d.salute {
        out.push(s);
    }
    for b in &d.blocks {
        out.extend(b.runs());
    }
    if let Some(s) = &d.signed {
        out.push(s);
    }
    for e in &d.enclosures {
        division_runs(e, out);
    }
}

fn collect_pages(div: &Division, out: &mut Vec<String>) {
    let inl = |v: &[Inline], out: &mut Vec<String>| {
        for i in v {
            if let Inline::PageBreak { n, .. } = i {
                out.push(n.clone());
            }
        }
    };
    inl(&div.label, out);
    inl(&div.head, out);
    if let Some(s) = &div.salute {
        inl(s, out);
    }
    let blocks = |bs: &[Block], out: &mut Vec<String>| {
        for b in bs {
            match b {
                Block::PageBreak(n) => out.push(n.clone()),
                other => {
                    for v in other.runs() {
                        inl(v, out);
                    }
                }
            }
        }
    };
    blocks(&div.blocks, out);
    if let Some(s) = &div.signed {
        inl(s, out);
    }
    blocks(&div.trailer, out);
    for e in &div.enclosures {
        collect_pages(e, out);
    }
}
