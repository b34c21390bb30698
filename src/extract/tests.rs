//! Each recognition rule on a FRUS-style fixture of our own.

use super::*;
use crate::authority::parse_list;
use crate::reader::{read, ReadOptions};

const PERSONS: &str = "id\tname\tdescription
p_HCA1\tHerter, Christian A.\tUnder Secretary of State until April 1959; thereafter Secretary of State
p_DWC1\tDowling, Walter C.\tAmbassador to Korea
p_SJA1\tSmith, John A.\tDirector of the Office of Northeast Asian Affairs, Department of State
p_SRB1\tSmith, Robert B.\tAmbassador to Thailand
p_KJB1\tKang, Jane B.\tOffice of Northeast Asian Affairs, Department of State
p_CYS1\tCho Yong-su\tKorean Foreign Minister
p_ADG1\tAcheson, Dean G., Jr.\tformer Secretary of State
";

const TERMS: &str = "id\tname\tdescription
t_Embtel1\tEmbtel\tEmbassy telegram
t_COMUSKOREA1\tCOMUS/KOREA\tCommander, United States Forces, Korea
t_L1\tL\tOffice of the Legal Adviser, Department of State
t_ROK1\tROK\tRepublic of Korea
t_NATO1\tNATO\tNorth Atlantic Treaty Organization
t_PL1\tP.L.\tPublic Law
";

fn doc(body: &str, notes: &[&str]) -> Document {
    let mut text = format!(
        "7. Letter From the Ambassador to Korea (Dowling) to the Under Secretary of State (Herter)0\n\nSeoul, March 3, 1959.\n\n{body}\n"
    );
    for n in notes {
        text.push_str(&format!("- {n}↩\n"));
    }
    let mut d = read(
        text.as_bytes(),
        "fixture",
        &ReadOptions {
            volume: Some("frus1958-60v99".into()),
        },
    )
    .unwrap();
    let k = Knowledge::new(parse_list(PERSONS).unwrap(), parse_list(TERMS).unwrap());
    enrich(&mut d, &k);
    d
}

/// (text, entity name, rule) of every mention, nested ones included.
fn found(d: &Document) -> Vec<(String, String, &'static str)> {
    d.inline_runs()
        .iter()
        .flat_map(|r| mentions(r))
        .map(|m| {
            (
                m.text.clone(),
                d.entity(&m.entity)
                    .map(|e| e.name.clone())
                    .unwrap_or_default(),
                m.rule,
            )
        })
        .collect()
}

fn has(d: &Document, text: &str, name: &str, rule: &str) -> bool {
    found(d)
        .iter()
        .any(|(t, n, r)| t == text && n == name && *r == rule)
}

const SOURCE: &str = "Source: Department of State, Central Files, 795.00/3–359. Secret. Drafted by Kang and Smith; cleared in L.";

#[test]
fn listed_persons_by_full_name_surname_and_inverted_name() {
    let d = doc(
        "Christian A. Herter and Dean Acheson met. Herter said little. See Library of Congress, Herter Papers; Dowling, Walter C.",
        &[SOURCE],
    );
    assert!(
        has(
            &d,
            "Christian A. Herter",
            "Christian A. Herter",
            "list-full-name"
        ),
        "{:?}",
        found(&d)
    );
    assert!(has(&d, "Herter", "Christian A. Herter", "list-surname"));
    assert!(
        has(&d, "Dean Acheson", "Dean G. Acheson Jr.", "list-full-name"),
        "{:?}",
        found(&d)
    );
    assert!(has(
        &d,
        "Dowling",
        "Walter C. Dowling",
        "list-inverted-name"
    ));
    assert!(has(
        &d,
        "Walter C.",
        "Walter C. Dowling",
        "list-inverted-name"
    ));
    // "Herter Papers" is a collection, not a mention of Herter
    assert_eq!(
        found(&d).iter().filter(|(t, _, _)| t == "Herter").count(),
        2
    );
    let e = d
        .entities
        .iter()
        .find(|e| e.frus_id.as_deref() == Some("p_HCA1"))
        .unwrap();
    assert_eq!(e.roles[0].to.as_deref(), Some("1959-04"));
    assert_eq!(e.roles[1].office, "thereafter Secretary of State");
}

#[test]
fn namesakes_are_told_apart_by_colleagues() {
    // Kang works in the Office of Northeast Asian Affairs, as John A. Smith does
    let d = doc("Text.", &[SOURCE]);
    assert!(
        has(&d, "Smith", "John A. Smith", "list-surname"),
        "{:?}",
        found(&d)
    );
    assert!(has(&d, "Kang", "Jane B. Kang", "list-surname"));
}

#[test]
fn first_names_nicknames_initials_and_a_changed_initial() {
    let d = doc(
        "Dear Chris: I saw Christian Herter and Walter Dowling. Walter C. Dowling, Christian, and Walt agree; so does Christian K. Herter.\n\nWCD",
        &[SOURCE],
    );
    assert!(
        has(&d, "Chris", "Christian A. Herter", "first-name"),
        "{:?}",
        found(&d)
    );
    assert!(has(&d, "Christian", "Christian A. Herter", "first-name"));
    assert!(has(&d, "Walt", "Walter C. Dowling", "first-name"));
    assert!(has(&d, "WCD", "Walter C. Dowling", "initials"));
    assert!(has(
        &d,
        "Christian K. Herter",
        "Christian A. Herter",
        "forename-initial-surname"
    ));
}

#[test]
fn titled_names_nobody_lists_and_their_later_mentions() {
    let d = doc(
        "Minister Pak called. Later Pak and Admiral Lowther left; Lowther returned.",
        &[SOURCE],
    );
    assert!(has(&d, "Pak", "Pak", "title-and-name"), "{:?}", found(&d));
    assert!(has(&d, "Pak", "Pak", "introduced-surname"));
    assert!(has(&d, "Lowther", "Lowther", "introduced-surname"));
    let pak = d.entities.iter().find(|e| e.name == "Pak").unwrap();
    assert!(!pak.is_linked());
    // words after a title that are no names
    let d = doc(
        "The Secretary General and Ambassador Extraordinary spoke.",
        &[SOURCE],
    );
    assert!(
        !found(&d)
            .iter()
            .any(|(t, _, _)| t == "General" || t == "Extraordinary"),
        "{:?}",
        found(&d)
    );
}

#[test]
fn offices_for_their_holders_on_the_date() {
    let d = doc("I discussed this with the President yesterday.", &[SOURCE]);
    assert!(
        has(&d, "President", "Dwight D. Eisenhower", "office"),
        "{:?}",
        found(&d)
    );
}

#[test]
fn organizations_by_the_shape_of_their_names() {
    let d = doc(
        "The Korean Government and the Democratic Party oppose it; the 8th Army, the Joint Committee on Trade and the Embassy agree. It was cleared with Defense.",
        &[SOURCE],
    );
    assert!(
        has(
            &d,
            "Korean Government",
            "Government of South Korea",
            "government"
        ) || has(&d, "Korean Government", "Government of Korea", "government"),
        "{:?}",
        found(&d)
    );
    assert!(has(
        &d,
        "Democratic Party",
        "Democratic Party",
        "organization-name"
    ));
    assert!(
        has(&d, "8th Army", "8th Army", "organization-name")
            || found(&d).iter().any(|(t, _, _)| t == "8th Army")
    );
    assert!(
        has(
            &d,
            "Joint Committee on Trade",
            "Joint Committee on Trade",
            "institution-name"
        ),
        "{:?}",
        found(&d)
    );
    assert!(has(&d, "Defense", "Department of Defense", "defense"));
    // "the Embassy" alone: the embassy of the Ambassador who writes
    assert!(
        has(&d, "Embassy", "Embassy in Korea", "institution-name"),
        "{:?}",
        found(&d)
    );
}

#[test]
fn abbreviations_plural_case_and_office_symbols() {
    let d = doc(
        "Embtels 12 and 13 reached COMUS/Korea. NATO and ROK forces; PL 480 commodities. Large L-shaped room.",
        &[SOURCE],
    );
    let f = found(&d);
    assert!(
        f.iter()
            .any(|(t, _, r)| t == "Embtel" && *r == "list-abbreviation"),
        "{f:?}"
    );
    assert!(f.iter().any(|(t, _, _)| t == "COMUS/Korea"));
    assert!(f.iter().any(|(t, _, _)| t == "PL"));
    // NATO is an organization of the authority data, with the list's id
    let nato = d
        .entities
        .iter()
        .find(|e| e.frus_id.as_deref() == Some("t_NATO1"))
        .unwrap();
    assert_eq!(nato.kind(), EntityKind::Organization);
    assert!(nato.authority.is_some());
    // the one-letter "L" only in the source note's list of offices
    let ls: Vec<_> = f.iter().filter(|(t, _, _)| t == "L").collect();
    assert_eq!(ls.len(), 1, "{f:?}");
}

#[test]
fn places_and_demonyms() {
    let d = doc(
        "Japanese opinion in Tokyo and Okinawa; the Far East.",
        &[SOURCE],
    );
    let f = found(&d);
    assert!(has(&d, "Tokyo", "Tokyo", "authority-name"), "{f:?}");
    assert!(has(&d, "Okinawa", "Okinawa", "authority-name"));
    assert!(has(&d, "Far East", "Far East", "authority-name"));
    assert!(!f.iter().any(|(t, _, _)| t == "Japanese"));
    let tokyo = d.entities.iter().find(|e| e.name == "Tokyo").unwrap();
    assert!(tokyo.coordinates.is_some());
}

#[test]
fn treaties_by_name_date_and_description() {
    let d = doc(
        "The Security Treaty and the U.S.-ROK Mutual Defense Treaty; Article 9 of the Japanese Constitution.1",
        &[
            SOURCE,
            "Agreement on the disposal of surplus stores, effected through an exchange of notes at Seoul, May 2, 1957; entered into force the same day. For text, see 8 UST 1234.",
        ],
    );
    let f = found(&d);
    assert!(
        has(
            &d,
            "Security Treaty",
            "Security Treaty Between the United States and Japan",
            "authority-treaty"
        ),
        "{f:?}"
    );
    assert!(f
        .iter()
        .any(|(t, _, _)| t == "U.S.-ROK Mutual Defense Treaty"));
    // the abbreviation nests in the treaty's name
    assert!(f.iter().any(|(t, _, _)| t == "ROK"));
    assert!(
        has(
            &d,
            "Article 9 of the Japanese Constitution",
            "Article 9 of the Constitution of Japan",
            "constitution-article"
        ),
        "{f:?}"
    );
    let a = d
        .entities
        .iter()
        .find(|e| e.name.starts_with("Agreement on the disposal"))
        .unwrap();
    let t = a.treaty.as_ref().unwrap();
    assert_eq!(t.signed.as_deref(), Some("1957-05-02"));
    assert_eq!(t.in_force.as_deref(), Some("1957-05-02"));
    assert_eq!(t.signed_at.as_deref(), Some("Seoul"));
    assert_eq!(t.citation.as_deref(), Some("8 UST 1234"));
}

#[test]
fn the_security_treaty_after_1960_is_the_new_one() {
    let text = "9. Telegram From the Embassy in Japan to the Department of State0\n\nTokyo, July 1, 1961.\n\nThe Security Treaty works.\n- Source: Department of State, Central Files, 794.5/7–161. Secret.↩\n";
    let mut d = read(text.as_bytes(), "fixture", &ReadOptions::default()).unwrap();
    enrich(&mut d, &Knowledge::new(Vec::new(), Vec::new()));
    let t = d
        .entities
        .iter()
        .find(|e| e.kind() == EntityKind::Treaty)
        .unwrap();
    assert_ne!(t.key, "treaty/us-japan-security-treaty-1951", "{t:?}");
}

#[test]
fn parties_and_signer_point_to_entities() {
    let d = doc("Text.\n\nSincerely,\n\nWalter C. Dowling", &[SOURCE]);
    let s = d.heading.sender.as_ref().unwrap();
    assert_eq!(
        d.entity(s.entity.as_deref().unwrap())
            .unwrap()
            .frus_id
            .as_deref(),
        Some("p_DWC1")
    );
    assert_eq!(d.signed_by.as_deref(), s.entity.as_deref());
}

#[test]
fn a_described_treaty_is_the_one_signed_that_day() {
    let text = "9. Telegram From the Embassy in Japan to the Department of State0\n\nTokyo, July 1, 1965.\n\nText.1\n- Source: Department of State, Central Files, POL 1 JAPAN. Secret.↩\n- U.S.-Japan Security Treaty, signed at San Francisco September 8, 1951; entered into force April 28, 1952. For text, see 3 UST (pt. 3) 3329.↩\n";
    let mut d = read(text.as_bytes(), "fixture", &ReadOptions::default()).unwrap();
    enrich(&mut d, &Knowledge::new(Vec::new(), Vec::new()));
    let t = d
        .entities
        .iter()
        .find(|e| e.kind() == EntityKind::Treaty)
        .unwrap();
    assert_eq!(t.key, "treaty/us-japan-security-treaty-1951");
    assert_eq!(
        t.treaty.as_ref().unwrap().citation.as_deref(),
        Some("3 UST (pt. 3) 3329")
    );
}
