//! Work that needs the other documents of a volume: dates inferred from
//! the neighbouring documents. FRUS prints the documents of a chapter in
//! chronological order, so a document without a printed date lies between
//! the dated documents around it, and a central-file date outside that
//! span is not to be trusted.

use crate::model::{DateEvidence, Document, DocumentDate, SimpleDate};

fn stated(doc: &Document) -> Option<SimpleDate> {
    doc.date
        .as_ref()
        .filter(|d| {
            matches!(
                d.evidence,
                DateEvidence::Dateline | DateEvidence::Heading { .. }
            )
        })
        .filter(|d| d.date.day.is_some())
        .map(|d| d.date)
}

/// The dates of the nearest dated documents before and after number `n`
/// (sorted by number), when both exist and are in chronological order.
fn between(dated: &[(u32, SimpleDate)], n: u32) -> Option<(SimpleDate, SimpleDate)> {
    let prev = dated.iter().rev().find(|(m, _)| *m < n)?.1;
    let next = dated.iter().find(|(m, _)| *m > n)?.1;
    (prev <= next).then_some((prev, next))
}

/// Infers or checks the dates of the documents of one volume. The slice may
/// be in any order; documents of other volumes are not to be mixed in.
pub fn infer_dates(docs: &mut [&mut Document]) {
    let mut anchors: Vec<(u32, SimpleDate)> = docs
        .iter()
        .filter_map(|d| stated(d).map(|s| (d.number, s)))
        .collect();
    anchors.sort();
    for doc in docs.iter_mut() {
        if stated(doc).is_some() {
            continue;
        }
        // none where the order is not chronological (a new chapter)
        let Some((prev, next)) = between(&anchors, doc.number) else {
            continue;
        };
        let distrusted = match &doc.date {
            Some(DocumentDate {
                date,
                evidence: DateEvidence::FileNumber { file_number },
                ..
            }) => {
                if *date >= prev && *date <= next {
                    continue;
                }
                Some(file_number.clone())
            }
            Some(_) => continue,
            None => None,
        };
        doc.date = Some(DocumentDate {
            date: prev,
            not_after: Some(next),
            evidence: DateEvidence::Neighbours {
                before: prev.iso(),
                after: next.iso(),
                distrusted,
            },
        });
    }
    // documents with no date at all: between any dated neighbours, file-number
    // dates included
    let mut dated: Vec<(u32, SimpleDate)> = docs
        .iter()
        .filter_map(|d| {
            d.date
                .as_ref()
                .filter(|x| x.not_after.is_none() && x.date.day.is_some())
                .map(|x| (d.number, x.date))
        })
        .collect();
    dated.sort();
    for doc in docs.iter_mut().filter(|d| d.date.is_none()) {
        if let Some((prev, next)) = between(&dated, doc.number) {
            doc.date = Some(DocumentDate {
                date: prev,
                not_after: Some(next),
                evidence: DateEvidence::Neighbours {
                    before: prev.iso(),
                    after: next.iso(),
                    distrusted: None,
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::{read, ReadOptions};

    fn doc(n: u32, dateline: Option<&str>, file: &str) -> Document {
        let text = format!(
            "{n}. Telegram From the Embassy in Japan to the Department of State0\n\n{}Text.\n  1. Source: Department of State, Central Files, 794.5/{file}. Secret.\n",
            dateline.map(|d| format!("{d}\n\n")).unwrap_or_default()
        );
        read(text.as_bytes(), "t", &ReadOptions::default()).unwrap()
    }

    #[test]
    fn neighbours_bound_and_correct_file_dates() {
        let mut a = doc(1, Some("Tokyo, April 1, 1958."), "4–158");
        let mut b = doc(2, None, "4–558"); // consistent: kept
        let mut c = doc(3, None, "1–558"); // January: contradicts, replaced
        let mut d = doc(4, Some("Tokyo, April 9, 1958."), "4–958");
        infer_dates(&mut [&mut a, &mut b, &mut c, &mut d]);
        assert!(matches!(
            b.date.as_ref().unwrap().evidence,
            DateEvidence::FileNumber { .. }
        ));
        let cd = c.date.as_ref().unwrap();
        assert_eq!(cd.date.iso(), "1958-04-01");
        assert_eq!(cd.not_after.map(|d| d.iso()).as_deref(), Some("1958-04-09"));
        assert!(cd.evidence.reason().contains("contradicts"));
        assert_eq!(a.date.as_ref().unwrap().evidence, DateEvidence::Dateline);
    }

    #[test]
    fn undated_documents_lie_between_dated_ones() {
        let mut a = doc(1, None, "4–1558");
        let mut b = doc(2, None, "no date");
        let mut c = doc(3, None, "4–1858");
        b.source_note.as_mut().unwrap().file_number = None;
        b.date = None;
        infer_dates(&mut [&mut a, &mut b, &mut c]);
        let bd = b.date.as_ref().unwrap();
        assert_eq!(
            (bd.date.iso(), bd.not_after.unwrap().iso()),
            ("1958-04-15".to_string(), "1958-04-18".to_string())
        );
    }
}
