//! Generates a FRUS-like corpus for benchmarks and scale tests: letters,
//! telegrams with numbers, memoranda (from one official to another, for the
//! record, of conversation with participants), enclosures, footnote markers
//! glued to words, numbers and years, page breaks, passages not
//! declassified, footnotes citing earlier documents of the volume and
//! documents of other volumes; in both web forms (`dN.txt`, footnotes "  1. …", and
//! `dN.alt.txt`, dateline under the heading, footnotes "- …↩"), one folder
//! per volume with the volume's `persons.tsv` and `terms.tsv`.
//!
//! The documents are shaped like the real ones of the shared corpus (their
//! size, mentions a kilobyte and footnotes a document; `tests/scale.rs`
//! holds them to it); `--dense` gives the denser corpus of the earlier
//! benchmarks. The same seed gives the same bytes.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --docs 1000 --seed 1 --out /tmp/corpus
//! ```

use clap::Parser;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Parser)]
#[command(about = "Generates FRUS-like documents in both web forms")]
struct Args {
    /// How many documents.
    #[arg(long)]
    docs: usize,
    /// The seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write (one folder per volume).
    #[arg(long)]
    out: PathBuf,
    /// Documents per volume.
    #[arg(long, default_value_t = 500)]
    per_volume: usize,
    /// The corpus of the benchmarks before section 11 of
    /// docs/benchmarks.md: sentences that all name something, none of plain
    /// prose (half again as many mentions a kilobyte as the real documents,
    /// paragraphs half as long). The same seed gives the same bytes as then.
    #[arg(long)]
    dense: bool,
}

/// A person of the generated volume: surname, given names, office, post.
struct Person {
    id: String,
    surname: String,
    given: String,
    office: String,
    /// The place the person writes from.
    post: &'static str,
    /// The embassy the person heads, if an ambassador.
    country: Option<&'static str>,
}

const SURNAMES: &[&str] = &[
    "Abbott",
    "Barrow",
    "Caldwell",
    "Dorsey",
    "Ellison",
    "Fairbank",
    "Garland",
    "Hadley",
    "Ingram",
    "Jessup",
    "Kendall",
    "Lowell",
    "Merriam",
    "Norcross",
    "Osgood",
    "Pendleton",
    "Quimby",
    "Radcliffe",
    "Sumner",
    "Thorndike",
    "Underhill",
    "Vance",
    "Whitcomb",
    "Yardley",
    "Ashby",
    "Bromley",
    "Crandall",
    "Dunmore",
    "Everett",
    "Fenwick",
    "Gilman",
    "Holloway",
];
const GIVEN: &[&str] = &[
    "Arthur W.",
    "Benjamin",
    "Charles E.",
    "Donald R.",
    "Edward",
    "Francis J.",
    "George H.",
    "Harold",
    "Irving",
    "James C.",
    "Kenneth",
    "Lawrence",
    "Martin",
    "Nathaniel",
    "Oliver P.",
    "Paul",
    "Richard",
    "Samuel T.",
    "Thomas",
    "Walter",
];
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("Japan", "Tokyo", "Japanese"),
    ("Korea", "Seoul", "Korean"),
    ("the Philippines", "Manila", "Philippine"),
    ("Thailand", "Bangkok", "Thai"),
    ("Indonesia", "Djakarta", "Indonesian"),
    ("Burma", "Rangoon", "Burmese"),
    ("Cambodia", "Phnom Penh", "Cambodian"),
    ("Laos", "Vientiane", "Laotian"),
    ("Vietnam", "Saigon", "Vietnamese"),
    ("the Republic of China", "Taipei", "Chinese"),
    ("France", "Paris", "French"),
    ("the United Kingdom", "London", "British"),
];
const PLACES: &[&str] = &[
    "Okinawa",
    "Hong Kong",
    "Singapore",
    "Geneva",
    "Honolulu",
    "Canberra",
    "New Delhi",
    "Karachi",
    "Colombo",
    "Wellington",
    "Ottawa",
    "Bonn",
    "Rome",
    "Moscow",
    "Peking",
];
const ORGS: &[&str] = &[
    "Department of Defense",
    "Joint Chiefs of Staff",
    "International Cooperation Administration",
    "National Security Council",
    "Operations Coordinating Board",
    "United Nations",
    "Central Intelligence Agency",
    "Bureau of Far Eastern Affairs",
];
const TREATIES: &[(&str, &str)] = &[
    (
        "Treaty of Peace with Japan",
        "signed at San Francisco September 8, 1951",
    ),
    (
        "Security Treaty",
        "signed at San Francisco September 8, 1951",
    ),
    (
        "Mutual Defense Treaty",
        "signed at Washington October 1, 1953",
    ),
    (
        "Southeast Asia Collective Defense Treaty",
        "signed at Manila September 8, 1954",
    ),
    ("Geneva Accords", "concluded at Geneva July 21, 1954"),
    (
        "Administrative Agreement",
        "signed at Tokyo February 28, 1952",
    ),
];
const TERMS: &[(&str, &str)] = &[
    ("GOJ", "Government of Japan"),
    ("Deptel", "Department of State telegram"),
    ("Embtel", "Embassy telegram"),
    ("FE", "Bureau of Far Eastern Affairs"),
    ("ICA", "International Cooperation Administration"),
    ("JCS", "Joint Chiefs of Staff"),
    ("MSP", "Mutual Security Program"),
    ("NSC", "National Security Council"),
    ("reftel", "reference telegram"),
    ("USG", "United States Government"),
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Plain prose, naming nothing, in three parts a sentence: real FRUS
/// paragraphs are mostly such sentences around the names, dates and
/// treaties (see `Gen::paragraph`).
const PROSE_OPENINGS: &[&str] = &[
    "It is our view that",
    "There is some feeling here that",
    "We have made it clear that",
    "He added that, in his opinion,",
    "I believe that",
    "It was agreed that",
    "There seems little doubt that",
    "We should not lose sight of the fact that",
];
const PROSE_MIDDLES: &[&str] = &[
    "the present arrangements cannot be continued indefinitely",
    "a frank exchange of views at this time would be useful to both sides",
    "our position has not been fully understood",
    "the question should be studied further before any decision is taken",
    "we are prepared to consider any reasonable proposal",
    "public opinion would not accept a settlement on these terms",
    "the other side is not yet ready to move",
    "the matter could be handled quietly through diplomatic channels",
];
const PROSE_ENDINGS: &[&str] = &[
    ".",
    ", and that any other course would involve serious political cost.",
    ", although no final decision has yet been reached.",
    ", provided that the necessary assurances can be obtained.",
    ", at least for the time being.",
    ", whatever the outcome of the present discussions.",
];

const TOPICS: &[&str] = &[
    "the aid program",
    "base rights",
    "the status of forces",
    "the trade negotiations",
    "the fisheries question",
    "the reparations settlement",
    "military assistance",
    "the security arrangements",
    "the exchange rate",
    "surplus agricultural commodities",
];

/// How often a sentence that names something is followed by one of plain
/// prose (numerator, denominator).
const PROSE_RATIO: (u32, u32) = (1, 2);

/// One document's date.
#[derive(Clone, Copy)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    fn long(self) -> String {
        format!(
            "{} {}, {}",
            MONTHS[self.month as usize - 1],
            self.day,
            self.year
        )
    }
    /// The date part of a central-file number: 4–1558.
    fn file(self) -> String {
        format!("{}–{}{:02}", self.month, self.day, self.year % 100)
    }
}

/// A document under construction: the heading, the dateline, the body
/// paragraphs (with markers written as `{n}`) and the notes.
struct Doc {
    heading: String,
    dateline: String,
    paragraphs: Vec<String>,
    notes: Vec<String>,
}

impl Doc {
    /// Adds a note and returns its marker.
    fn note(&mut self, text: String) -> String {
        self.notes.push(text);
        format!("{}", self.notes.len() - 1)
    }
}

struct Gen {
    rng: ChaCha8Rng,
    persons: Vec<Person>,
    page: u32,
    /// The number of the document being written.
    number: usize,
    /// Sentences that all name something (`--dense`).
    dense: bool,
}

impl Gen {
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        xs.choose(&mut self.rng).expect("non-empty")
    }

    fn person(&mut self) -> usize {
        self.rng.random_range(0..self.persons.len())
    }

    fn sentence(&mut self, doc: &mut Doc, day: Day) -> String {
        let p = self.person();
        let place = *self.pick(PLACES);
        let org = *self.pick(ORGS);
        let topic = *self.pick(TOPICS);
        let (treaty, signed) = *self.pick(TREATIES);
        let (term, _) = *self.pick(TERMS);
        let n = self.rng.random_range(100..3000);
        let amount = self.rng.random_range(2..400);
        let other = Day {
            day: self.rng.random_range(1..=28),
            ..day
        };
        let surname = self.persons[p].surname.clone();
        let office = self.persons[p].office.clone();
        match self.rng.random_range(0..12) {
            0 => format!("{surname} raised {topic} again in {place} on {}.", other.long()),
            1 => format!(
                "The {org} believes that {topic} should be settled before the end of {}.",
                day.year
            ),
            2 => {
                let text = format!("The {treaty}, {signed}. For text, see {} UST {}.", self.rng.random_range(2..9), n);
                let m = self.body_note(doc, text);
                format!("Under the {treaty}{m} we have no obligation to consult the {org} on {topic}.")
            }
            3 => {
                // a telegram printed earlier in the volume is cited by its
                // number there; one of another volume by volume and number
                let earlier = self.rng.random_range(1..self.number.max(2));
                let note = match self.rng.random_range(0..8) {
                    0 if self.number > 1 => format!("Document {earlier}."),
                    1 if self.number > 1 => format!("See footnote 2, Document {earlier}."),
                    2 => format!(
                        "Printed in Foreign Relations, {}–{}, vol. XXIII, Part 1, Document {}.",
                        day.year - 3,
                        day.year - 1,
                        n % 300 + 1
                    ),
                    _ => format!("Telegram {n} from {place}, {}, is not printed.", other.long()),
                };
                let m = self.body_note(doc, note);
                format!("Embtel {n}{m} reported that the {term} would not accept {topic}.")
            }
            4 => format!("The {office} ({surname}) said that {topic} was a matter for {place}."),
            5 => format!(
                "A total of {amount}.{} million dollars has been programmed for {topic} in fiscal year {}.",
                self.rng.random_range(0..10),
                day.year + 1
            ),
            6 => {
                let text = format!("The agreement of {} {} was not found.", MONTHS[self.rng.random_range(0..12)], day.year - 1);
                let m = self.body_note(doc, text);
                format!("The formula adopted in {}{m} should continue for {topic}.", day.year - 1)
            }
            7 => format!("{surname} will see the Foreign Minister in {place} about {topic}."),
            8 => format!("We should inform the {org} soonest of {topic}, in consultation with {place}."),
            9 => {
                let m = self.body_note(doc, format!("{} {} was in {place} from {} to {}.", self.persons[p].given, surname, other.long(), Day { day: (other.day + 3).min(28), ..other }.long()));
                format!("I discussed {topic} with {surname}{m} at some length.")
            }
            10 => format!("[{} lines of source text not declassified]", self.rng.random_range(1..12)),
            _ => format!("The {term} is prepared to discuss {topic} in {place} after {}.", other.long()),
        }
    }

    /// A footnote to a sentence of the body, and its marker. The real
    /// documents have about half as many as `--dense` gives (5 a
    /// document, 0.8 a kilobyte), so half are left out.
    fn body_note(&mut self, doc: &mut Doc, text: String) -> String {
        if self.dense || self.rng.random_ratio(1, 2) {
            doc.note(text)
        } else {
            String::new()
        }
    }

    /// A sentence of plain prose, naming nothing.
    fn prose(&mut self) -> String {
        let a = *self.pick(PROSE_OPENINGS);
        let b = *self.pick(PROSE_MIDDLES);
        let c = *self.pick(PROSE_ENDINGS);
        format!("{a} {b}{c}")
    }

    fn paragraph(&mut self, doc: &mut Doc, day: Day) -> String {
        let n = self.rng.random_range(2..7);
        let mut p = Vec::new();
        for _ in 0..n {
            p.push(self.sentence(doc, day));
            // every other sentence that names something is followed by one
            // of plain prose: the mentions a kilobyte and the paragraph
            // lengths of the real documents (tests/scale.rs holds them)
            if !self.dense && self.rng.random_ratio(PROSE_RATIO.0, PROSE_RATIO.1) {
                p.push(self.prose());
            }
        }
        // an inline page break, now and then
        if self.rng.random_ratio(1, 6) && p.len() > 2 {
            self.page += 1;
            let at = self.rng.random_range(1..p.len());
            p.insert(at, format!("[Page {}]", self.page));
        }
        p.join(" ")
    }

    fn body(&mut self, doc: &mut Doc, day: Day, paragraphs: usize) {
        for i in 0..paragraphs {
            if self.rng.random_ratio(1, 5) && i > 0 {
                self.page += 1;
                doc.paragraphs.push(format!("[Page {}]", self.page));
            }
            if self.rng.random_ratio(1, 15) {
                doc.paragraphs.push(format!(
                    "[1 paragraph ({} lines of source text) not declassified]",
                    self.rng.random_range(2..9)
                ));
            }
            let p = self.paragraph(doc, day);
            doc.paragraphs.push(p);
        }
    }

    fn source_note(&mut self, day: Day, drafted: Option<usize>) -> String {
        let classification =
            *self.pick(&["Secret", "Confidential", "Top Secret", "Official Use Only"]);
        let file = format!(
            "{}.{}/{}",
            self.rng.random_range(611..799),
            self.rng.random_range(0..99),
            day.file()
        );
        let mut s =
            format!("Source: Department of State, Central Files, {file}. {classification}.");
        if let Some(p) = drafted {
            let _ = write!(s, " Drafted by {}.", self.persons[p].surname);
        }
        s
    }

    fn document(&mut self, number: usize, day: Day) -> Doc {
        self.number = number;
        self.page += 1;
        let mut doc = Doc {
            heading: String::new(),
            dateline: String::new(),
            paragraphs: Vec::new(),
            notes: Vec::new(),
        };
        let paragraphs = self.rng.random_range(4..11);
        let kind = self.rng.random_range(0..10);
        // the real documents' lengths have a long tail (a memorandum of
        // many pages beside telegrams of a few lines): one letter or
        // memorandum in eight is three times as long
        let paragraphs = if !self.dense && self.rng.random_ratio(1, 8) {
            paragraphs * 3
        } else {
            paragraphs
        };
        let ambassadors: Vec<usize> = (0..self.persons.len())
            .filter(|&i| self.persons[i].country.is_some())
            .collect();
        let a = *self.pick(&ambassadors);
        let country = self.persons[a].country.expect("an ambassador");
        let post = self.persons[a].post;
        let secretary = self.persons[0].surname.clone();
        match kind {
            0..=3 => {
                // a telegram, one way or the other
                let n = self.rng.random_range(100..4000);
                let hour = self.rng.random_range(1..12);
                let outgoing = kind < 2;
                doc.heading = if outgoing {
                    format!("{number}. Telegram From the Department of State to the Embassy in {country}")
                } else {
                    format!("{number}. Telegram From the Embassy in {country} to the Department of State")
                };
                let from = if outgoing { "Washington" } else { post };
                doc.dateline = format!("{from}, {}, {hour} p.m.", day.long());
                let note = self.source_note(day, outgoing.then_some(0));
                doc.note(note);
                self.body(&mut doc, day, paragraphs.min(4));
                let first = doc
                    .paragraphs
                    .iter()
                    .position(|p| !p.starts_with('['))
                    .unwrap_or(0);
                doc.paragraphs[first] = format!("{n}. {}", doc.paragraphs[first]);
                let sig = if outgoing {
                    secretary
                } else {
                    self.persons[a].surname.clone()
                };
                doc.paragraphs.push(sig);
            }
            4..=5 => {
                // a letter from an ambassador, perhaps with an enclosure
                let amb = &self.persons[a];
                doc.heading = format!(
                    "{number}. Letter From the Ambassador to {country} ({}) to Secretary of State {secretary}",
                    amb.surname
                );
                doc.dateline = format!("{post}, {}.", day.long());
                let note = format!("Source: Department of State, Central Files, {}.{}/{}. Secret; Official–Informal.", self.rng.random_range(611..799), self.rng.random_range(0..99), day.file());
                doc.note(note);
                doc.paragraphs.push("Dear Mr. Secretary:".into());
                self.body(&mut doc, day, paragraphs);
                doc.paragraphs.push("Sincerely,".into());
                let given = self.persons[a].given.clone();
                let surname = self.persons[a].surname.clone();
                doc.paragraphs
                    .push(given.split(' ').next().unwrap_or("").to_string());
                if self.rng.random_ratio(1, 3) {
                    let m = doc.note("Secret.".into());
                    doc.paragraphs.push(format!("Enclosure{m}"));
                    doc.paragraphs.push(format!(
                        "Memorandum by the Ambassador to {country} ({surname})"
                    ));
                    self.body(&mut doc, day, 2);
                    let m = doc.note("Printed from a copy that bears this typed signature.".into());
                    doc.paragraphs.push(format!("{given} {surname}{m}"));
                }
            }
            6..=7 => {
                // a memorandum from one official to another
                let from = self.rng.random_range(2..self.persons.len());
                let f = &self.persons[from];
                doc.heading = format!(
                    "{number}. Memorandum From the {} ({}) to Secretary of State {secretary}",
                    f.office, f.surname
                );
                doc.dateline = format!("Washington, {}.", day.long());
                let note = self.source_note(day, Some(from));
                doc.note(note);
                let topic = *self.pick(TOPICS);
                doc.paragraphs.push("SUBJECT".into());
                doc.paragraphs.push(format!("Recommendations on {topic}"));
                self.body(&mut doc, day, paragraphs);
            }
            8 => {
                doc.heading = format!("{number}. Memorandum for the Record");
                doc.dateline = format!("Washington, {}.", day.long());
                let note = self.source_note(day, None);
                doc.note(note);
                self.body(&mut doc, day, paragraphs);
                let s = self.person();
                let initials: String = self.persons[s]
                    .given
                    .chars()
                    .filter(|c| c.is_ascii_uppercase())
                    .chain(self.persons[s].surname.chars().take(1))
                    .collect();
                doc.paragraphs.push(initials);
            }
            _ => {
                doc.heading = format!("{number}. Memorandum of Conversation");
                doc.dateline = format!("Washington, {}.", day.long());
                let note = self.source_note(day, Some(0));
                doc.note(note);
                doc.paragraphs.push("PARTICIPANTS".into());
                let p1 = self.person();
                let p2 = self.person();
                let (c, _, adj) = *self.pick(COUNTRIES);
                doc.paragraphs.push(format!(
                    "The Secretary\n{} {}, {}\nThe {adj} Ambassador\n{} {}, Department of State",
                    self.persons[p1].given,
                    self.persons[p1].surname,
                    self.persons[p1].office,
                    self.persons[p2].given,
                    self.persons[p2].surname
                ));
                doc.paragraphs.push("SUBJECT".into());
                doc.paragraphs.push(format!("Relations with {c}"));
                self.body(&mut doc, day, paragraphs);
            }
        }
        doc
    }
}

/// Writes the body with its markers; the same for both forms.
fn web_form(doc: &Doc, alt: bool) -> String {
    let mut s = format!("{}0\n\n", doc.heading);
    if alt {
        s.push_str(&doc.dateline);
        s.push_str("\n\n");
    }
    s.push_str(&doc.paragraphs.join("\n\n"));
    s.push('\n');
    for (i, n) in doc.notes.iter().enumerate() {
        if alt {
            let _ = writeln!(s, "- {n}↩");
        } else {
            let _ = writeln!(s, "  {}. {n}", i + 1);
        }
    }
    s
}

fn main() -> std::io::Result<()> {
    let a = Args::parse();
    let mut rng = ChaCha8Rng::seed_from_u64(a.seed);
    let volumes = a.docs.div_ceil(a.per_volume.max(1));
    let mut written = 0;
    for v in 0..volumes {
        let first = 1952 + (v as u32 % 3) * 3;
        let volume = format!("frus{first}-{:02}v{:02}", (first + 2) % 100, v + 1);
        let dir = a.out.join(&volume);
        std::fs::create_dir_all(&dir)?;
        // the volume's persons: the Secretary first, then ambassadors and officials
        let mut persons = Vec::new();
        let mut used = std::collections::BTreeSet::new();
        // the Secretary and the Prime Minister of Japan are the real ones
        // (the authority data knows them); the others are made up
        persons.push(Person {
            id: "p_DJF1".into(),
            surname: "Dulles".into(),
            given: "John Foster".into(),
            office: "Secretary of State".into(),
            post: "Washington",
            country: None,
        });
        persons.push(Person {
            id: "p_KN1".into(),
            surname: "Kishi".into(),
            given: "Nobusuke".into(),
            office: "Prime Minister of Japan".into(),
            post: "Tokyo",
            country: None,
        });
        for i in 2..26 {
            let (surname, given) = loop {
                let s = *SURNAMES.choose(&mut rng).expect("names");
                let g = *GIVEN.choose(&mut rng).expect("names");
                if used.insert(s) {
                    break (s, g);
                }
            };
            let (office, post, country) = match i {
                2..=12 => {
                    let (c, city, _) = COUNTRIES[(i - 2 + v) % COUNTRIES.len()];
                    (format!("Ambassador to {c}"), city, Some(c))
                }
                13..=17 => (
                    "Assistant Secretary of State for Far Eastern Affairs".to_string(),
                    "Washington",
                    None,
                ),
                _ => (
                    "Director of the Office of Northeast Asian Affairs".to_string(),
                    "Washington",
                    None,
                ),
            };
            persons.push(Person {
                id: format!("p_{}{}1", surname.to_uppercase(), i),
                surname: surname.to_string(),
                given: given.to_string(),
                office,
                post,
                country,
            });
        }
        let mut tsv = String::from("id\tname\tdescription\n");
        for p in &persons {
            let _ = writeln!(tsv, "{}\t{}, {}\t{}", p.id, p.surname, p.given, p.office);
        }
        std::fs::write(dir.join("persons.tsv"), tsv)?;
        let mut tsv = String::from("id\tname\tdescription\n");
        for (i, (t, d)) in TERMS.iter().enumerate() {
            let _ = writeln!(tsv, "t_{i}\t{t}\t{d}");
        }
        std::fs::write(dir.join("terms.tsv"), tsv)?;

        let mut g = Gen {
            rng: ChaCha8Rng::seed_from_u64(rng.random()),
            persons,
            page: 0,
            number: 0,
            dense: a.dense,
        };
        let count = a.per_volume.min(a.docs - written);
        // documents in date order, a few days apart
        let mut day = Day {
            year: first,
            month: 1,
            day: 1,
        };
        for n in 1..=count {
            let step = g.rng.random_range(0..4);
            day.day += step;
            if day.day > 28 {
                day.day -= 28;
                day.month += 1;
                if day.month > 12 {
                    day.month = 1;
                    day.year += 1;
                }
            }
            let doc = g.document(n, day);
            std::fs::write(dir.join(format!("d{n}.txt")), web_form(&doc, false))?;
            std::fs::write(dir.join(format!("d{n}.alt.txt")), web_form(&doc, true))?;
        }
        written += count;
    }
    eprintln!(
        "{written} documents in {volumes} volumes under {}",
        a.out.display()
    );
    Ok(())
}
