//! Writes a [`Document`] as TEI P5 XML, valid against `tei_all`.
//!
//! Notes stand where their markers stood (`note n="K"`), the source note in
//! the head, page breaks as `pb`, passages not declassified as `gap`,
//! enclosures as nested `div type="enclosure"`. Every element that RDF may
//! point to has an `xml:id` derived from the document number and the
//! element's place, so the same input always gives the same ids.

use super::xml::XmlOut;
use crate::iri::Iris;
use crate::model::*;

/// Writes the TEI of `doc`.
pub fn write(doc: &Document, iris: &Iris) -> Vec<u8> {
    let mut w = TeiWriter {
        doc,
        out: XmlOut::new(),
        id: format!("d{}", doc.number),
        paragraphs: 0,
        pages: std::collections::BTreeMap::new(),
        iris,
    };
    w.document();
    w.out.finish()
}

struct TeiWriter<'a> {
    doc: &'a Document,
    out: XmlOut,
    id: String,
    paragraphs: usize,
    /// How often each page number has been broken to, for unique ids when
    /// a text prints the same "[Page N]" twice.
    pages: std::collections::BTreeMap<String, usize>,
    iris: &'a Iris,
}

impl TeiWriter<'_> {
    fn document(&mut self) {
        let doc = self.doc;
        self.out.open(
            "TEI",
            &[("xmlns", "http://www.tei-c.org/ns/1.0"), ("xml:lang", "en")],
        );
        self.header();
        self.out.open("text", &[]);
        self.out.open("body", &[]);
        let n = doc.number.to_string();
        let id = self.id.clone();
        self.out.open(
            "div",
            &[
                ("type", "document"),
                ("subtype", doc.heading.kind.token()),
                ("n", &n),
                ("xml:id", &id),
            ],
        );
        // the heading, with its number as printed
        self.out.open_inline_block("head", &[]);
        self.out.text(&format!("{}. ", doc.number));
        self.inlines(&doc.heading.content);
        self.out.end("head");
        if doc.body.enclosures.is_empty() {
            self.division_content(&doc.body, true, None);
        } else {
            let main_id = format!("{}_main", self.id);
            self.out
                .open("div", &[("type", "main"), ("xml:id", &main_id)]);
            self.division_content(&doc.body, true, None);
            self.out.close("div");
            for (i, e) in doc.body.enclosures.iter().enumerate() {
                self.enclosure(e, &format!("{}_enc{}", self.id, i + 1), i + 1);
            }
        }
        self.out.close("div");
        self.out.close("body");
        self.out.close("text");
        self.standoff();
        self.out.close("TEI");
    }

    fn header(&mut self) {
        let iris = self.iris;
        let doc = self.doc;
        let title = plain_text(&doc.heading.content);
        self.out.open("teiHeader", &[]);
        self.out.open("fileDesc", &[]);
        self.out.open("titleStmt", &[]);
        self.out.leaf("title", &[("type", "main")], title.trim());
        self.out.open("respStmt", &[]);
        self.out
            .leaf("resp", &[], "Encoded in TEI from the web text by");
        self.out.leaf(
            "name",
            &[("type", "software")],
            concat!("frus-ld ", env!("CARGO_PKG_VERSION")),
        );
        self.out.close("respStmt");
        self.out.close("titleStmt");
        self.out.open("publicationStmt", &[]);
        self.out.leaf(
            "publisher",
            &[],
            "Office of the Historian, United States Department of State",
        );
        self.out.open("availability", &[("status", "free")]);
        self.out.leaf(
            "p",
            &[],
            "A work of the United States Government, in the public domain.",
        );
        self.out.close("availability");
        self.out
            .leaf("idno", &[("type", "URI")], &iris.document(doc));
        self.out.close("publicationStmt");
        self.out.open("sourceDesc", &[]);
        self.out.open("bibl", &[("type", "frus-document")]);
        self.out.leaf(
            "title",
            &[("level", "s")],
            "Foreign Relations of the United States",
        );
        if let Some(v) = &doc.volume {
            self.out.leaf("idno", &[("type", "frus-volume")], v);
            self.out.leaf("ref", &[("target", &iris.volume(v))], v);
        }
        let n = doc.number.to_string();
        self.out.leaf(
            "biblScope",
            &[("unit", "document"), ("n", &n)],
            &format!("Document {n}"),
        );
        let pages = doc.page_breaks();
        let numeric: Vec<u32> = pages.iter().filter_map(|p| p.parse().ok()).collect();
        if let (Some(first), Some(last)) = (numeric.first(), numeric.last()) {
            let from = first.saturating_sub(1).max(1).to_string();
            let to = last.to_string();
            self.out.leaf(
                "biblScope",
                &[("unit", "page"), ("from", &from), ("to", &to)],
                &format!("pp. {from}–{to}"),
            );
        }
        self.out.close("bibl");
        if let Some(sn) = &doc.source_note {
            self.out.open("msDesc", &[]);
            self.out.open("msIdentifier", &[]);
            match &sn.repository {
                Some(r) => self.out.leaf("repository", &[], r),
                None => self.out.leaf("repository", &[], &sn.citation),
            }
            if let Some(f) = &sn.file {
                self.out.leaf("collection", &[], f);
            }
            if let Some(n) = &sn.file_number {
                self.out.leaf("idno", &[("type", "file")], n);
            }
            self.out.close("msIdentifier");
            self.out.open("msContents", &[]);
            self.out.leaf("p", &[], &format!("Source: {}", sn.text));
            self.out.close("msContents");
            if sn.classification.is_some() || !sn.handling.is_empty() {
                self.out.open("physDesc", &[]);
                self.out.open("objectDesc", &[]);
                self.out.open("supportDesc", &[]);
                self.out.open_inline_block("condition", &[]);
                let mut words: Vec<&str> = sn.classification.iter().map(String::as_str).collect();
                words.extend(sn.handling.iter().map(String::as_str));
                self.out.text("Marked: ");
                self.out.text(&words.join("; "));
                self.out.end("condition");
                self.out.close("supportDesc");
                self.out.close("objectDesc");
                self.out.close("physDesc");
            }
            self.out.close("msDesc");
        }
        self.out.close("sourceDesc");
        self.out.close("fileDesc");
        self.out.open("profileDesc", &[]);
        let place = doc.dateline.as_ref().and_then(|d| d.place.as_deref());
        let signer = doc.signed_by.as_deref().and_then(|k| doc.entity(k));
        let has_sent = doc.heading.sender.is_some()
            || signer.is_some()
            || place.is_some()
            || doc.date.is_some();
        if has_sent || doc.heading.addressee.is_some() {
            self.out.open("correspDesc", &[]);
            if has_sent {
                self.out.open("correspAction", &[("type", "sent")]);
                match (&doc.heading.sender, signer) {
                    (Some(p), _) => self.party(p),
                    (None, Some(e)) => {
                        let r = format!("#{}", standoff_id(e));
                        self.out.leaf("persName", &[("ref", &r)], &e.name);
                    }
                    (None, None) => {}
                }
                if let Some(place) = place {
                    self.out.leaf("placeName", &[], place);
                }
                if let Some(d) = &doc.date {
                    let iso = d.date.iso();
                    let last = d.not_after.map(|x| x.iso()).unwrap_or_else(|| iso.clone());
                    if d.evidence.is_inferred() {
                        let cert = if d.not_after.is_some() {
                            "low"
                        } else {
                            "medium"
                        };
                        self.out.leaf(
                            "date",
                            &[
                                ("notBefore", &iso),
                                ("notAfter", &last),
                                ("cert", cert),
                                ("evidence", "internal"),
                            ],
                            &format!(
                                "{}: {}",
                                if iso == last {
                                    iso.clone()
                                } else {
                                    format!("{iso}/{last}")
                                },
                                d.evidence.reason()
                            ),
                        );
                    } else {
                        self.out.leaf("date", &[("when", &iso)], &iso);
                    }
                }
                self.out.close("correspAction");
            }
            if let Some(a) = &doc.heading.addressee {
                self.out.open("correspAction", &[("type", "received")]);
                self.party(a);
                self.out.close("correspAction");
            }
            self.out.close("correspDesc");
        }
        self.out.close("profileDesc");
        self.out.close("teiHeader");
    }

    fn party(&mut self, p: &Party) {
        let r = p
            .entity
            .as_deref()
            .and_then(|k| self.doc.entity(k))
            .map(|e| format!("#{}", standoff_id(e)));
        let attrs: Vec<(&str, &str)> = r.as_deref().map(|r| vec![("ref", r)]).unwrap_or_default();
        match p.kind {
            PartyKind::Person => {
                self.out.open_inline_block("persName", &attrs);
                if let Some(o) = &p.office {
                    self.out.start("roleName", &[]);
                    self.out.text(o);
                    self.out.end("roleName");
                }
                match (&p.name, &p.office) {
                    (Some(n), Some(_)) => self.out.text(&format!(" {n}")),
                    (Some(n), None) => self.out.text(n),
                    (None, Some(_)) => {}
                    (None, None) => self.out.text(&p.phrase),
                }
                self.out.end("persName");
            }
            PartyKind::Organization => {
                self.out
                    .leaf("orgName", &attrs, p.office.as_deref().unwrap_or(&p.phrase));
            }
        }
    }

    /// The stand-off lists of the entities that the mentions point to.
    fn standoff(&mut self) {
        let doc = self.doc;
        if doc.entities.is_empty() {
            return;
        }
        self.out.open("standOff", &[]);
        let of = |k: EntityKind| doc.entities.iter().filter(move |e| e.kind() == k);
        if of(EntityKind::Person).next().is_some() {
            self.out.open("listPerson", &[]);
            for e in of(EntityKind::Person) {
                let id = standoff_id(e);
                self.out.open("person", &[("xml:id", &id)]);
                self.out.leaf("persName", &[], &e.name);
                self.idnos(e);
                for r in &e.roles {
                    let mut attrs = Vec::new();
                    if let Some(f) = &r.from {
                        attrs.push(("from", f.as_str()));
                    }
                    if let Some(t) = &r.to {
                        attrs.push(("to", t.as_str()));
                    }
                    self.out.open_inline_block("occupation", &attrs);
                    self.out.start("roleName", &[]);
                    self.out.text(&r.office);
                    self.out.end("roleName");
                    if let Some(o) = &r.organization {
                        self.out.text(", ");
                        self.out.start("orgName", &[]);
                        self.out.text(o);
                        self.out.end("orgName");
                    }
                    self.out.end("occupation");
                }
                if let Some(d) = &e.description {
                    self.out.leaf("note", &[("type", "list-of-persons")], d);
                }
                self.out.close("person");
            }
            self.out.close("listPerson");
        }
        if of(EntityKind::Place).next().is_some() {
            self.out.open("listPlace", &[]);
            for e in of(EntityKind::Place) {
                let id = standoff_id(e);
                self.out.open("place", &[("xml:id", &id)]);
                self.out.leaf("placeName", &[], &e.name);
                if let (Some(exp), Some(_)) = (&e.expansion, &e.frus_id) {
                    self.out.leaf("placeName", &[("type", "expansion")], exp);
                }
                if let Some((lat, lon)) = e.coordinates {
                    self.out.open("location", &[]);
                    self.out.leaf("geo", &[], &format!("{lat} {lon}"));
                    self.out.close("location");
                }
                self.idnos(e);
                self.out.close("place");
            }
            self.out.close("listPlace");
        }
        if of(EntityKind::Organization).next().is_some() {
            self.out.open("listOrg", &[]);
            for e in of(EntityKind::Organization) {
                let id = standoff_id(e);
                self.out.open("org", &[("xml:id", &id)]);
                self.out.leaf("orgName", &[("type", "full")], &e.name);
                if let (Some(exp), true) = (&e.expansion, e.expansion.as_deref() != Some(&e.name)) {
                    self.out.leaf("orgName", &[("type", "expansion")], exp);
                }
                self.idnos(e);
                self.out.close("org");
            }
            self.out.close("listOrg");
        }
        if of(EntityKind::Treaty).next().is_some() {
            self.out.open("listBibl", &[("type", "treaties")]);
            for e in of(EntityKind::Treaty) {
                let id = standoff_id(e);
                self.out
                    .open("bibl", &[("xml:id", &id), ("type", "treaty")]);
                self.out.leaf("title", &[], &e.name);
                if let Some(t) = &e.treaty {
                    if let Some(d) = &t.signed {
                        self.out
                            .leaf("date", &[("type", "signature"), ("when", d)], d);
                    }
                    if let Some(p) = &t.signed_at {
                        self.out.leaf("placeName", &[("type", "signature")], p);
                    }
                    if let Some(d) = &t.in_force {
                        self.out
                            .leaf("date", &[("type", "entry-into-force"), ("when", d)], d);
                    }
                    if let Some(c) = &t.citation {
                        self.out.leaf("citedRange", &[("unit", "UST")], c);
                    }
                }
                self.idnos(e);
                self.out.close("bibl");
            }
            self.out.close("listBibl");
        }
        if of(EntityKind::Term).next().is_some() {
            self.out.open("list", &[("type", "abbreviations")]);
            for e in of(EntityKind::Term) {
                let id = standoff_id(e);
                self.out.open_inline_block("item", &[("xml:id", &id)]);
                self.out.start("abbr", &[]);
                self.out.text(&e.name);
                self.out.end("abbr");
                if let Some(x) = &e.expansion {
                    self.out.text(": ");
                    self.out.start("expan", &[]);
                    self.out.text(x);
                    self.out.end("expan");
                }
                if let Some(f) = &e.frus_id {
                    self.out.text(" ");
                    self.out.start("idno", &[("type", "FRUS")]);
                    self.out.text(f);
                    self.out.end("idno");
                }
                self.out.end("item");
            }
            self.out.close("list");
        }
        self.out.close("standOff");
    }

    fn idnos(&mut self, e: &Entity) {
        let iris = self.iris;
        if let Some(f) = &e.frus_id {
            self.out.leaf("idno", &[("type", "FRUS")], f);
        }
        self.out
            .leaf("idno", &[("type", "URI")], &entity_iri(e, iris));
        if let Some(q) = &e.wikidata {
            self.out.leaf("idno", &[("type", "wikidata")], q);
        }
        if !e.is_linked() {
            self.out.leaf(
                "note",
                &[("type", "unlinked")],
                "Not found in the volume's lists or in the authority data.",
            );
        }
    }

    fn enclosure(&mut self, e: &Division, id: &str, n: usize) {
        let n = n.to_string();
        self.out
            .open("div", &[("type", "enclosure"), ("n", &n), ("xml:id", id)]);
        if !e.label.is_empty() {
            self.out.open_inline_block("head", &[("type", "label")]);
            self.inlines(&e.label);
            self.out.end("head");
        }
        // an enclosure printed as a heading and a signature alone: the line
        // taken for its heading is all the text it has (TEI wants text
        // before a closer)
        let head_as_text = lacks_text(e) && !e.head.is_empty();
        if !e.head.is_empty() && !head_as_text {
            self.out.open_inline_block("head", &[]);
            self.inlines(&e.head);
            self.out.end("head");
        }
        self.division_content(e, false, head_as_text.then_some(&e.head));
        self.out.close("div");
    }

    /// The division's opener, blocks, closer and trailer; `lead`, a text to
    /// write as its first paragraph.
    fn division_content(
        &mut self,
        div: &Division,
        with_dateline: bool,
        lead: Option<&Vec<Inline>>,
    ) {
        let dateline = if with_dateline {
            self.doc.dateline.as_ref()
        } else {
            None
        };
        if dateline.is_some() || div.salute.is_some() {
            self.out.open("opener", &[]);
            if let Some(d) = dateline {
                self.dateline(d);
            }
            if let Some(s) = &div.salute {
                self.out.open_inline_block("salute", &[]);
                self.inlines(s);
                self.out.end("salute");
            }
            self.out.close("opener");
        }
        match lead {
            Some(text) => self.paragraph(text, None),
            // a salutation or a signature with no text: TEI wants a
            // paragraph there, so an empty one stands for the text not printed
            None if lacks_text(div) => self.out.empty_block("p", &[]),
            None => {}
        }
        self.blocks(&div.blocks);
        if let Some(s) = &div.signed {
            self.out.open("closer", &[]);
            self.out.open_inline_block("signed", &[]);
            self.inlines(s);
            self.out.end("signed");
            self.out.close("closer");
        }
        self.blocks(&div.trailer);
        if is_bare(div) {
            // a document printed as heading and source note only
            self.out.open("div", &[("type", "withheld")]);
            let extent = self
                .doc
                .source_note
                .as_ref()
                .and_then(|sn| WITHHELD.captures(&sn.text))
                .map(|c| c[1].to_string())
                .unwrap_or_else(|| "the whole document".to_string());
            self.out.empty_block(
                "gap",
                &[("reason", "not-declassified"), ("extent", &extent)],
            );
            self.out.close("div");
        }
    }

    fn dateline(&mut self, d: &Dateline) {
        self.out.open_inline_block("dateline", &[]);
        let text = d.text.as_str();
        let mut rest = text;
        if let Some(place) = &d.place {
            if let Some(i) = rest.find(place.as_str()) {
                self.out.text(&rest[..i]);
                self.out.start("placeName", &[]);
                self.out.text(place);
                self.out.end("placeName");
                rest = &rest[i + place.len()..];
            }
        }
        // the date phrase: from the first month name to the year
        if let Some(date) = d.date {
            static DATE_PHRASE: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| {
                    regex::Regex::new(&format!(
                        r"(?:{m})(?:\s+\d{{1,2}},)?\s+\d{{4}}",
                        m = crate::dates::MONTH_PATTERN
                    ))
                    .expect("valid regex")
                });
            if let Some(m) = DATE_PHRASE.find(rest) {
                self.out.text(&rest[..m.start()]);
                let iso = date.iso();
                self.out.start("date", &[("when", &iso)]);
                self.out.text(m.as_str());
                self.out.end("date");
                rest = &rest[m.end()..];
            }
        }
        self.out.text(rest);
        self.out.end("dateline");
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph(v) => self.paragraph(v, None),
                Block::Label(v) => self.paragraph(v, Some("caps")),
                Block::PageBreak(n) => {
                    let id = self.page_break_id(n);
                    self.out.empty_block("pb", &[("n", n), ("xml:id", &id)]);
                }
                Block::List(items) => {
                    self.out.open("list", &[]);
                    for item in items {
                        let id = self.paragraph_id();
                        self.out.open_inline_block("item", &[("xml:id", &id)]);
                        self.inlines(item);
                        self.out.end("item");
                    }
                    self.out.close("list");
                }
                Block::Gap(g) => {
                    self.out.open(
                        "gap",
                        &gap_attrs(g)
                            .iter()
                            .map(|(k, v)| (*k, v.as_str()))
                            .collect::<Vec<_>>(),
                    );
                    self.out.leaf("desc", &[], &g.text);
                    self.out.close("gap");
                }
            }
        }
    }

    fn inlines(&mut self, v: &[Inline]) {
        for i in v {
            match i {
                Inline::Text { text } => self.out.text(text),
                Inline::NoteRef { n } => self.note(*n),
                Inline::PageBreak { n, inferred } => {
                    let id = self.page_break_id(n);
                    if *inferred {
                        self.out.empty(
                            "pb",
                            &[
                                ("n", n),
                                ("xml:id", &id),
                                ("type", "inferred"),
                                ("cert", "low"),
                            ],
                        );
                    } else {
                        self.out.empty("pb", &[("n", n), ("xml:id", &id)]);
                    }
                }
                Inline::Gap(g) => {
                    self.out.text("[");
                    let attrs = gap_attrs(g);
                    self.out.start(
                        "gap",
                        &attrs
                            .iter()
                            .map(|(k, v)| (*k, v.as_str()))
                            .collect::<Vec<_>>(),
                    );
                    self.out.start("desc", &[]);
                    self.out.text(&g.text);
                    self.out.end("desc");
                    self.out.end("gap");
                    self.out.text("]");
                }
                Inline::Mention(m) => self.mention(m),
                Inline::Date(d) => self.date(d),
                Inline::CrossRef(r) => {
                    let volume = self.doc.volume.as_deref();
                    let target = r
                        .documents
                        .iter()
                        .map(|&n| self.iris.cited(volume, n, r.note))
                        .collect::<Vec<_>>()
                        .join(" ");
                    self.out.start("ref", &[("target", &target)]);
                    self.out.text(&r.text);
                    self.out.end("ref");
                }
            }
        }
    }

    /// The id of the next paragraph or list item: `d5_p3`.
    fn paragraph_id(&mut self) -> String {
        self.paragraphs += 1;
        format!("{}_p{}", self.id, self.paragraphs)
    }

    /// A paragraph, with its id and, for a label, its rendition.
    fn paragraph(&mut self, v: &[Inline], rend: Option<&str>) {
        let id = self.paragraph_id();
        let mut attrs = vec![("xml:id", id.as_str())];
        if let Some(r) = rend {
            attrs.push(("rend", r));
        }
        self.out.open_inline_block("p", &attrs);
        self.inlines(v);
        self.out.end("p");
    }

    /// `d5_pb24`; a second break to the same page, `d5_pb24_2`.
    fn page_break_id(&mut self, n: &str) -> String {
        let seen = self.pages.entry(n.to_string()).or_insert(0);
        *seen += 1;
        match *seen {
            1 => format!("{}_pb{}", self.id, n),
            k => format!("{}_pb{}_{}", self.id, n, k),
        }
    }

    fn mention(&mut self, m: &Mention) {
        let Some(e) = self.doc.entity(&m.entity) else {
            self.out.text(&m.text);
            return;
        };
        let (tag, ty) = match m.kind {
            EntityKind::Person if m.rule == "office" => ("rs", Some("person")),
            EntityKind::Person => ("persName", None),
            EntityKind::Place => ("placeName", None),
            EntityKind::Organization => ("orgName", None),
            EntityKind::Treaty => ("name", Some("treaty")),
            EntityKind::Term => ("term", Some("abbreviation")),
        };
        let id = format!("{}_m{}", self.id, m.id);
        let target = format!("#{}", standoff_id(e));
        let mut attrs = vec![("xml:id", id.as_str()), ("ref", target.as_str())];
        if let Some(t) = ty {
            attrs.push(("type", t));
        }
        self.out.start(tag, &attrs);
        if m.parts.is_empty() {
            self.out.text(&m.text);
        } else {
            self.inlines(&m.parts);
        }
        self.out.end(tag);
    }

    fn date(&mut self, d: &DateMention) {
        let id = format!("{}_t{}", self.id, d.id);
        let v = &d.value;
        let mut attrs = vec![("xml:id", id.as_str())];
        for (k, val) in [
            ("when", &v.when),
            ("from", &v.from),
            ("to", &v.to),
            ("notBefore", &v.not_before),
            ("notAfter", &v.not_after),
        ] {
            if let Some(val) = val {
                attrs.push((k, val.as_str()));
            }
        }
        self.out.start("date", &attrs);
        self.out.text(&d.text);
        self.out.end("date");
    }

    fn note(&mut self, n: u32) {
        let Some(note) = self.doc.note(n) else {
            return;
        };
        let ns = n.to_string();
        let id = format!("{}_fn{}", self.id, n);
        let mut attrs = vec![
            ("n", ns.as_str()),
            ("xml:id", id.as_str()),
            ("place", "foot"),
        ];
        if note.is_source {
            attrs.push(("type", "source"));
        }
        self.out.start("note", &attrs);
        self.inlines(&note.content);
        self.out.end("note");
    }
}

static WITHHELD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(\d+(?:-\d+/\d+)? (?:pages?|paragraphs?|lines?) of source text) not declassified",
    )
    .expect("valid regex")
});

/// Whether a division holds nothing at all: a document withheld whole.
fn is_bare(div: &Division) -> bool {
    div.blocks.is_empty() && div.signed.is_none() && div.trailer.is_empty() && div.salute.is_none()
}

/// Whether a division has something (a salutation, page breaks, gaps, a
/// signature, a trailer) but no text, which TEI does not allow.
fn lacks_text(div: &Division) -> bool {
    let text = div
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph(_) | Block::Label(_) | Block::List(_)));
    !text && !is_bare(div)
}

/// The IRI of an entity: its authority IRI, else one minted from its key.
pub fn entity_iri(e: &Entity, iris: &Iris) -> String {
    match &e.authority {
        Some(a) => a.clone(),
        None => format!("{}{}", iris.base(), e.key),
    }
}

/// The `xml:id` of an entity's stand-off entry: the list's own id when
/// there is one (`p_MADII1`), else its key (`person-stump`).
pub fn standoff_id(e: &Entity) -> String {
    match &e.frus_id {
        Some(id) => id.clone(),
        None => e.key.replace('/', "-"),
    }
}

fn gap_attrs(g: &Gap) -> Vec<(&'static str, String)> {
    let mut a = vec![("reason", "not-declassified".to_string())];
    if !g.extent.is_empty() {
        a.push(("extent", g.extent.clone()));
    }
    if let (Some(q), Some(u)) = (g.quantity, &g.unit) {
        a.push(("quantity", format_quantity(q)));
        a.push(("unit", u.clone()));
    }
    a
}

fn format_quantity(q: f64) -> String {
    if q.fract() == 0.0 {
        format!("{}", q as i64)
    } else {
        format!("{q}")
    }
}
