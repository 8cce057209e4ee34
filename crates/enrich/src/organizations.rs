//! Organizations: dictionary bodies ("State Department", "Hamas", "ABC News") and
//! capitalized names built on an organization word ("Ministry of Foreign Affairs",
//! "Turkish American National Steering Committee").
//!
//! The bodies' spans come from the tag stage ([`crate::bodies`]); this pass names and
//! classifies them. It must never create officials or places.

use crate::claims::{claim, Claims};
use crate::gazetteer::{Cc, NO_CC};
use crate::lexicon::OrgType;
use crate::model::{CountryCode, Mention, Organization, OrganizationKind};
use crate::scan::{ok, Doc};
use crate::titles;

/// An organization mention before grouping: name, kind, state, token span. The name is
/// borrowed (from the list or the text): only the first mention of a body copies it.
type Found<'n> = (&'n str, OrganizationKind, Option<Cc>, usize, usize);

/// A curated body as listed, with its kind and state.
fn described<'n>(doc: &'n Doc<'_, '_>, o: u32, a: usize, b: usize) -> Found<'n> {
    let info = &doc.lex.orgs[o as usize];
    let cc = Some(info.cc).filter(|&c| c != NO_CC);
    (&info.name, kind_of(info.kind), cc, a, b)
}

fn kind_of(t: OrgType) -> OrganizationKind {
    match t {
        OrgType::Gov => OrganizationKind::Government,
        OrgType::Igo => OrganizationKind::Intergovernmental,
        OrgType::Party => OrganizationKind::Party,
        OrgType::Armed => OrganizationKind::ArmedGroup,
        OrgType::Media => OrganizationKind::Media,
        OrgType::Company => OrganizationKind::Company,
        OrgType::Other => OrganizationKind::Other,
    }
}

/// Words of non-governmental bodies: schools, clubs, charities, churches, councils.
const CIVIL_WORDS: &[&str] = &[
    "university",
    "college",
    "school",
    "institute",
    "society",
    "club",
    "hospital",
    "foundation",
    "association",
    "federation",
    "union",
    "church",
    "council",
    "centre",
    "center",
    "committee",
    "fund",
    "trust",
    "league",
    "academy",
];

/// Words that keep a body with a civil word out of the civil class: the "National
/// Security Council" is the state's.
const STATE_MARKS: &[&str] = &[
    "ministry",
    "state",
    "national",
    "parliament",
    "security",
    "government",
];

/// Words of news outlets: "Daily Herald", "Radio Free Asia".
const MEDIA_WORDS: &[&str] = &[
    "news",
    "radio",
    "television",
    "tv",
    "channel",
    "broadcasting",
    "herald",
    "times",
    "post",
    "journal",
    "gazette",
    "tribune",
    "newspaper",
    "press",
];

/// Words of commercial bodies: banks and airlines.
const COMPANY_WORDS: &[&str] = &["bank", "airlines", "airways"];

/// Words that make a bank a public institution ("Central Bank", "World Bank").
const PUBLIC_BANK_MARKS: &[&str] = &["central", "world", "development"];

/// Words of armed groups' units.
const ARMED_WORDS: &[&str] = &["brigades", "brigade", "battalion", "militia", "militias"];

/// Words of state bodies: ministries, agencies, courts, legislatures, forces.
const GOVERNMENT_WORDS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "authority",
    "commission",
    "office",
    "bureau",
    "directorate",
    "administration",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "court",
    "police",
    "army",
    "navy",
    "government",
    "cabinet",
    "presidency",
    "municipality",
    "bank",
    "guard",
    "forces",
    "ministries",
    "tribunal",
    "prosecutor",
    "legislature",
];

/// Kind and state of a body the curated list lacks, from the words of its name: "Ministry
/// of Water" is a government body, "Acme Holdings" a company, "Daily Herald" an outlet.
fn guess(doc: &Doc<'_, '_>, a: usize, b: usize) -> (OrganizationKind, Option<Cc>) {
    (guess_kind(doc, a, b), titles::span_country(doc, a, b))
}

/// The kind of an unlisted body: the first class whose words its name has, in this order
/// (civil before media, so "University Press" is civil; companies before government, so
/// "Acme Bank" is a company and "Central Bank" a government body).
fn guess_kind(doc: &Doc<'_, '_>, a: usize, b: usize) -> OrganizationKind {
    let has = |words: &[&str]| (a..b).any(|k| words.contains(&doc.t.lower(k)));
    if has(CIVIL_WORDS) && !has(STATE_MARKS) {
        OrganizationKind::Other
    } else if has(MEDIA_WORDS) {
        OrganizationKind::Media
    } else if titles::private_body(doc, a, b) || has(COMPANY_WORDS) && !has(PUBLIC_BANK_MARKS) {
        OrganizationKind::Company
    } else if has(&["party"]) {
        OrganizationKind::Party
    } else if has(ARMED_WORDS) {
        OrganizationKind::ArmedGroup
    } else if has(GOVERNMENT_WORDS) {
        OrganizationKind::Government
    } else {
        OrganizationKind::Other
    }
}

/// The organization a body's span `a..b` names: the curated body when the dictionary
/// lists exactly this span, else its words' guess; none for the name of an event or
/// agreement ("East Asia Summit"), which ends like a body's.
fn body<'n>(doc: &'n Doc<'_, '_>, a: usize, b: usize) -> Option<Found<'n>> {
    let event = (a..b)
        .rev()
        .find(|&x| doc.seg[x].is_some_and(|s| s.ok & ok::ORG_HEAD != 0))
        .and_then(|x| doc.seg[x])
        .is_some_and(|s| doc.entry(&s).event_head);
    if event {
        return None;
    }
    let curated = doc
        .seg_with(a, ok::ORG)
        .filter(|s| s.b == b)
        .and_then(|s| doc.entry(&s).org);
    Some(match curated {
        Some(o) => described(doc, o, a, b),
        None => {
            let (kind, cc) = guess(doc, a, b);
            (doc.t.span_text(a, b), kind, cc, a, b)
        }
    })
}

/// Collects every organization mention in text order.
pub fn collect(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    extra: &[(String, usize, usize)],
) -> Vec<Organization> {
    let mut found: Vec<Found<'_>> = Vec::new();
    let n = doc.len();
    // The bodies' spans (in text order, apart) and the next curated body's match: the
    // walk jumps from one to the next instead of visiting every token.
    let mut chunks = doc.org_chunks.iter().filter(|&&(a, b)| a < b).peekable();
    let mut next_org = doc.next_with(0, ok::ORG);
    let mut i = 0;
    loop {
        while chunks.next_if(|&&(_, b)| b <= i).is_some() {}
        if next_org < i {
            next_org = doc.next_with(i, ok::ORG);
        }
        let next_chunk = chunks.peek().map_or(n, |&&(a, _)| a.max(i));
        i = next_chunk.min(next_org);
        if i >= n {
            break;
        }
        if let Some(&&(a, b)) = chunks.peek().filter(|&&&(a, _)| a <= i) {
            if let Some(f) = body(doc, a, b) {
                found.push(f);
            }
            i = b;
            continue;
        }
        if let Some(s) = doc.seg_with(i, ok::ORG) {
            if claims[i] & (claim::PLACE | claim::PERSON) == 0 {
                if let Some(o) = doc.entry(&s).org {
                    found.push(described(doc, o, s.a, s.b));
                }
            }
            i = s.b;
            continue;
        }
        i += 1;
    }
    found.extend(extra.iter().map(|(name, a, b)| {
        let (kind, cc) = guess(doc, *a, *b);
        (name.as_str(), kind, cc, *a, *b)
    }));
    found.sort_by_key(|f| (f.3, f.4));
    found.dedup_by(|x, y| x.3 == y.3 && x.4 == y.4);
    // At most one body per mention: sized once.
    let mut orgs: Vec<Organization> = Vec::with_capacity(found.len());
    // Name, case aside -> index in `orgs`: one probe per mention, whatever the count.
    // (Sized once: growing a table rehashes it.)
    let mut by_name: rustc_hash::FxHashMap<NameKey<'_>, usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
    for (name, kind, cc, a, b) in found {
        let m = Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: doc.t.span_text(a, b).to_string(),
        };
        let key = NameKey::new(name);
        if let Some(&k) = by_name.get(&key) {
            orgs[k].mentions.push(m);
        } else {
            by_name.insert(key, orgs.len());
            orgs.push(Organization {
                name: name.to_string(),
                kind,
                country: cc.and_then(CountryCode::new),
                mentions: vec![m],
            });
        }
    }
    orgs
}

/// A body's name as the key its mentions are grouped by: two keys are equal exactly when
/// the names' lowercase forms (`str::to_lowercase`) are. An ASCII name (almost every one)
/// is compared and hashed in place, case folded byte by byte; any other is lowercased
/// once. (`to_lowercase` leaves no ASCII capital, so folding the ASCII case of either
/// form gives the lowercase form: one comparison and one hash serve both.)
struct NameKey<'n>(std::borrow::Cow<'n, str>);

impl<'n> NameKey<'n> {
    fn new(name: &'n str) -> Self {
        NameKey(if name.is_ascii() {
            std::borrow::Cow::Borrowed(name)
        } else {
            std::borrow::Cow::Owned(name.to_lowercase())
        })
    }
}

impl PartialEq for NameKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for NameKey<'_> {}

impl std::hash::Hash for NameKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

#[cfg(test)]
mod tests {
    use super::NameKey;
    use proptest::prelude::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    fn hash(k: &NameKey<'_>) -> u64 {
        BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(k)
    }

    /// The key agrees with comparing `to_lowercase` copies, the form it replaced.
    fn agrees(a: &str, b: &str) {
        let (ka, kb) = (NameKey::new(a), NameKey::new(b));
        let same = a.to_lowercase() == b.to_lowercase();
        assert_eq!(ka == kb, same, "{a:?} {b:?}");
        if same {
            assert_eq!(hash(&ka), hash(&kb), "{a:?} {b:?}");
        }
    }

    #[test]
    fn names_group_as_their_lowercase_forms_do() {
        let names = [
            "State Department",
            "STATE DEPARTMENT",
            "state department",
            "State Departments",
            "Ministère des Affaires étrangères",
            "MINISTÈRE DES AFFAIRES ÉTRANGÈRES",
            "MINISTERE DES AFFAIRES ETRANGERES",
            // The Kelvin sign lowercases to an ASCII "k".
            "\u{212A}GB",
            "kgb",
            "KGB",
            // A final capital sigma lowercases to "ς", an inner one to "σ".
            "ΟΔΟΣ",
            "οδος",
            "οδος ",
            "İstanbul Bar",
            "i\u{307}stanbul bar",
            "istanbul bar",
            "",
        ];
        for a in names {
            for b in names {
                agrees(a, b);
            }
        }
    }

    proptest! {
        #[test]
        fn any_two_names_group_as_their_lowercase_forms_do(
            a in "[aAbBkK\u{212A}σςΣİi\u{307}é É]{0,6}",
            b in "[aAbBkK\u{212A}σςΣİi\u{307}é É]{0,6}",
        ) {
            agrees(&a, &b);
        }
    }
}
