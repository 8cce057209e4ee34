//! Coreference: candidates that name one person merge, and later mentions attach to the
//! people found: the full name or a fuller form ("Vladimir Putin" after "President Putin"),
//! the surname, "Mr. X", the family name first ("Wang" for "Wang Yi"), and a bare role
//! ("the Secretary") for its most recent holder.
//!
//! Every lookup goes through an index ([`NameIndex`], the heads' holders), so the pass is
//! linear in the text, whatever the number of people and mentions.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::names;
use super::words;
use super::Person;
use crate::claims::{claim, Claims};
use crate::lexicon::tc;
use crate::scan::{ok, Doc};
use crate::tokens::{hash_str, phrase_step, PHRASE_SEED};

/// People's names by the parts that the matching rules compare, each part mapped to the
/// people (by index, ascending) whose current name has it. "The first person that
/// matches" is then the smallest index among a few sets, as a scan in order would find.
///
/// Keys are hashes of the lowercased words ([`word_key`], [`words_key`]), not the words
/// themselves: an index of a long text holds one entry per name part, and string keys cost
/// an allocation each.
#[derive(Default)]
struct NameIndex {
    /// The whole name.
    full: HashMap<u64, BTreeSet<usize>>,
    /// Every suffix of two words or more (the whole name included).
    suffix: HashMap<u64, BTreeSet<usize>>,
    /// The last word.
    last: HashMap<u64, BTreeSet<usize>>,
    /// Names of one word.
    single: HashMap<u64, BTreeSet<usize>>,
    /// Every word of names of three words or more.
    inner: HashMap<u64, BTreeSet<usize>>,
    /// The first word of names of two words.
    first_of_two: HashMap<u64, BTreeSet<usize>>,
    /// First and last word of names of two words or more.
    first_last: HashMap<u64, BTreeSet<usize>>,
}

/// The key of one word.
fn word_key(w: &str) -> u64 {
    hash_str(w)
}

/// The key of a sequence of words (a name or a part of it).
fn words_key(ws: &[&str]) -> u64 {
    ws.iter()
        .fold(PHRASE_SEED, |h, w| phrase_step(h, word_key(w)))
}

/// The key of a name's first and last words.
fn pair_key(first: &str, last: &str) -> u64 {
    phrase_step(phrase_step(PHRASE_SEED, word_key(first)), word_key(last))
}

fn add(map: &mut HashMap<u64, BTreeSet<usize>>, key: u64, pi: usize) {
    map.entry(key).or_default().insert(pi);
}

fn discard(map: &mut HashMap<u64, BTreeSet<usize>>, key: u64, pi: usize) {
    if let Some(set) = map.get_mut(&key) {
        set.remove(&pi);
    }
}

fn least(map: &HashMap<u64, BTreeSet<usize>>, key: u64) -> Option<usize> {
    map.get(&key).and_then(|s| s.first().copied())
}

/// The smaller of two optional indices.
fn min_of(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

impl NameIndex {
    fn new(people: &[Person]) -> Self {
        let mut ix = NameIndex::default();
        for (pi, p) in people.iter().enumerate() {
            ix.insert(pi, &p.words);
        }
        ix
    }

    fn insert(&mut self, pi: usize, w: &[&str]) {
        add(&mut self.full, words_key(w), pi);
        let (Some(first), Some(last)) = (w.first(), w.last()) else {
            return;
        };
        add(&mut self.last, word_key(last), pi);
        for s in 2..=w.len() {
            add(&mut self.suffix, words_key(&w[w.len() - s..]), pi);
        }
        match w.len() {
            1 => add(&mut self.single, word_key(first), pi),
            2 => add(&mut self.first_of_two, word_key(first), pi),
            _ => {
                for x in w {
                    add(&mut self.inner, word_key(x), pi);
                }
            }
        }
        if w.len() >= 2 {
            add(&mut self.first_last, pair_key(first, last), pi);
        }
    }

    fn remove(&mut self, pi: usize, w: &[&str]) {
        discard(&mut self.full, words_key(w), pi);
        let (Some(first), Some(last)) = (w.first(), w.last()) else {
            return;
        };
        discard(&mut self.last, word_key(last), pi);
        for s in 2..=w.len() {
            discard(&mut self.suffix, words_key(&w[w.len() - s..]), pi);
        }
        match w.len() {
            1 => discard(&mut self.single, word_key(first), pi),
            2 => discard(&mut self.first_of_two, word_key(first), pi),
            _ => {
                for x in w {
                    discard(&mut self.inner, word_key(x), pi);
                }
            }
        }
        if w.len() >= 2 {
            discard(&mut self.first_last, pair_key(first, last), pi);
        }
    }

    /// Person `pi`'s name changes from `old` to `new`.
    fn rename(&mut self, pi: usize, old: &[&str], new: &[&str]) {
        self.remove(pi, old);
        self.insert(pi, new);
    }

    /// The first person [`same_person`] pairs with the name `w`.
    fn first_same_person(&self, w: &[&str]) -> Option<usize> {
        let (Some(first), Some(last)) = (w.first(), w.last()) else {
            return None;
        };
        let mut best = least(&self.full, words_key(w));
        if w.len() == 1 {
            // Their surname, or a word of a name of three or more ("Lula").
            best = min_of(best, least(&self.last, word_key(first)));
            return min_of(best, least(&self.inner, word_key(first)));
        }
        // A one-word name that is `w`'s surname, or a word of `w` when it is long.
        best = min_of(best, least(&self.single, word_key(last)));
        if w.len() >= 3 {
            for x in w {
                best = min_of(best, least(&self.single, word_key(x)));
            }
        }
        // One ends the other ("Lula da Silva"), or they share first and last word.
        for s in 2..=w.len() {
            best = min_of(best, least(&self.full, words_key(&w[w.len() - s..])));
        }
        best = min_of(best, least(&self.suffix, words_key(w)));
        min_of(best, least(&self.first_last, pair_key(first, last)))
    }

    /// The first person a later mention `w` refers to (see [`later_mentions`]);
    /// `first_unique` tells whether a word is one person's first word and nobody's last.
    fn first_mentioned(&self, w: &[&str], first_unique: impl Fn(&str) -> bool) -> Option<usize> {
        let mut best = least(&self.full, words_key(w));
        let Some(last) = w.last() else {
            return best;
        };
        if w.len() == 1 {
            best = min_of(best, least(&self.last, word_key(last)));
            best = min_of(best, least(&self.inner, word_key(last)));
            // "Wang" for "Wang Yi": family name first, unless shared.
            if first_unique(last) {
                best = min_of(best, least(&self.first_of_two, word_key(last)));
            }
            return best;
        }
        best = min_of(best, least(&self.suffix, words_key(w)));
        min_of(best, least(&self.single, word_key(last)))
    }
}

/// Two name forms refer to the same person: one is the other's surname, or they share all
/// the words of the shorter one in order.
fn same_person(a: &[&str], b: &[&str]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() == 1 {
        // "Lula" in "Luiz Inácio Lula da Silva".
        return long.last() == short.last() || (long.len() >= 3 && long.contains(&short[0]));
    }
    // "Luiz Inácio Lula da Silva" vs "Lula da Silva"
    long.ends_with(short) || (short.first() == long.first() && short.last() == long.last())
}

/// Does the later mention `w` refer to the person named `p` (see [`later_mentions`])?
/// The rules [`NameIndex::first_mentioned`] looks up, for one person: the whole name, a
/// surname or inner word of a long name, the family name first when `first_unique`, a
/// suffix of two words or more, or a one-word name that is the mention's last word.
fn mentioned_as(p: &[&str], w: &[&str], first_unique: &impl Fn(&str) -> bool) -> bool {
    if p == w {
        return true;
    }
    let (Some(last), Some(p_last)) = (w.last(), p.last()) else {
        return false;
    };
    if w.len() == 1 {
        return p_last == last
            || (p.len() >= 3 && p.contains(last))
            || (p.len() == 2 && p[0] == *last && first_unique(last));
    }
    (p.len() >= 2 && p.ends_with(w)) || (p.len() == 1 && p_last == last)
}

/// Most items name a handful of people: while there are at most this many, a scan of
/// their names in order answers "the first person that matches" at no setup cost; past
/// it, [`NameIndex`] keeps every lookup constant whatever the number of people.
const SCAN_PEOPLE: usize = 16;

/// The first person a name matches: a scan of `people` in order while they are few, the
/// [`NameIndex`] (built on first need, then kept up to date) once they are many. Both
/// give the same answer; the index only keeps the cost linear on hostile texts.
#[derive(Default)]
struct Finder {
    index: Option<NameIndex>,
}

impl Finder {
    /// The index, built from `people` the first time there are too many to scan.
    fn index(&mut self, people: &[Person]) -> Option<&NameIndex> {
        if self.index.is_none() && people.len() > SCAN_PEOPLE {
            self.index = Some(NameIndex::new(people));
        }
        self.index.as_ref()
    }

    /// The first person [`same_person`] pairs with the name `w`.
    fn first_same_person(&mut self, people: &[Person], w: &[&str]) -> Option<usize> {
        match self.index(people) {
            Some(ix) => ix.first_same_person(w),
            None => people.iter().position(|p| same_person(&p.words, w)),
        }
    }

    /// The first person a later mention `w` refers to (see [`mentioned_as`]).
    fn first_mentioned(
        &mut self,
        people: &[Person],
        w: &[&str],
        first_unique: impl Fn(&str) -> bool,
    ) -> Option<usize> {
        match self.index(people) {
            Some(ix) => ix.first_mentioned(w, first_unique),
            None => people
                .iter()
                .position(|p| mentioned_as(&p.words, w, &first_unique)),
        }
    }

    /// Person `pi` (the last one) was added with the name `w`.
    fn inserted(&mut self, pi: usize, w: &[&str]) {
        if let Some(ix) = &mut self.index {
            ix.insert(pi, w);
        }
    }

    /// Person `pi`'s name changes from `old` to `new`.
    fn renamed(&mut self, pi: usize, old: &[&str], new: &[&str]) {
        if let Some(ix) = &mut self.index {
            ix.rename(pi, old, new);
        }
    }
}

/// Candidates merged into people, earliest title first: the fullest name, the first title
/// (a post replaces a grade), the first country the text states, the first body.
pub fn merge(mut cands: Vec<Person<'_>>) -> Vec<Person<'_>> {
    cands.sort_by_key(|p| (p.title_pos, p.mentions[0].0));
    // Merged in place, in the candidates' own list (a person is large to move, and a
    // second list would be allocated for every item): the people are its first `w` slots.
    // Each candidate in turn either moves down to the next slot, a new person, or merges
    // into one of those before it; what is left of the merged ones is dropped at the end.
    let mut w = 0;
    let mut finder = Finder::default();
    for i in 0..cands.len() {
        let (done, rest) = cands.split_at_mut(i);
        let (people, c) = (&mut done[..w], &mut rest[0]);
        let Some(pi) = finder.first_same_person(people, &c.words) else {
            finder.inserted(w, &c.words);
            cands.swap(w, i);
            w += 1;
            continue;
        };
        debug_assert!(same_person(&people[pi].words, &c.words));
        let p = &mut people[pi];
        // The roles of every candidate merged, in order: the person's own title, its only
        // role so far, is copied out at the first merge, before a later title replaces it.
        if p.merged_roles.is_empty() {
            p.merged_roles.extend(p.title.clone());
        }
        // (The candidate is consumed here: its title is copied only when it also becomes
        // the person's, and its name moves rather than copies.)
        if p.title.is_none() || (p.rank_only && !c.rank_only && c.title.is_some()) {
            p.merged_roles.extend(c.title.clone());
            p.title = c.title.take();
            p.rank_only = c.rank_only;
        } else {
            p.merged_roles.extend(c.title.take());
        }
        if c.words.len() > p.words.len() {
            finder.renamed(pi, &p.words, &c.words);
            p.words = std::mem::take(&mut c.words);
            p.name = std::mem::take(&mut c.name);
        }
        if !p.country_explicit && c.country_explicit {
            p.country = c.country;
            p.country_explicit = true;
        }
        if p.org.is_none() {
            p.org = c.org.take();
        }
        p.igo |= c.igo;
        p.minister_like |= c.minister_like;
        p.mentions.append(&mut c.mentions);
        p.trace.evidence.extend(c.trace.evidence.iter().copied());
    }
    cands.truncate(w);
    cands
}

/// Surname-only, full-name and "Mr. X" mentions anywhere in the text.
pub fn later_mentions<'a>(doc: &Doc<'a, '_>, claims: &mut Claims, people: &mut [Person<'a>]) {
    // With nobody found, no token is a word of a known name: nothing to walk.
    if people.is_empty() {
        return;
    }
    // How many people's names start with each word, and which words end one: of the names
    // as they stand now (the loop below changes them; the words are the document's).
    let (firsts, lasts) = name_ends(people);
    let first_unique = |w: &str| firsts.get(w) == Some(&1) && !lasts.contains(w);
    let (name_hashes, caps) = name_word_hashes(doc, people);
    let mut finder = Finder::default();
    let mut words: Vec<&str> = Vec::new();
    let mut k = 0;
    // Only a capitalized token can start a mention: the walk visits those alone, in order,
    // from the list the hashes' pass made (each step below moves `k` past the token).
    for c in caps {
        if c < k {
            continue;
        }
        k = c;
        let t = &doc.t.toks[k];
        // Cheap filter first: only tokens that are a word of a known name can start a
        // mention (most capitalized tokens are not).
        if claims[k] & (claim::PERSON | claim::TITLE) != 0 || !name_hashes.contains(t.hash) {
            k += 1;
            continue;
        }
        // Longest name starting here that belongs to a known person.
        let Some((a, b)) = names::forward(doc, k) else {
            k += 1;
            continue;
        };
        names::name_words_into(doc, a, b, &mut words);
        match finder.first_mentioned(people, &words, first_unique) {
            Some(pi) if claims.free(a, b) => {
                // The text names the person more fully here ("Vladimir Putin").
                if words.len() > people[pi].words.len() {
                    finder.renamed(pi, &people[pi].words, &words);
                    people[pi].words = words.clone();
                    people[pi].name = doc.t.span_text(a, b).to_string();
                }
                people[pi].mentions.push((a, b));
                claims.claim(a, b, claim::PERSON);
                k = b;
            }
            _ => k = b.max(k + 1),
        }
    }
}

/// How many people's names start with each word, and the words that end one.
fn name_ends<'a>(people: &[Person<'a>]) -> (HashMap<&'a str, usize>, HashSet<&'a str>) {
    // Sized once: growing a table rehashes it, and this runs for every item.
    let mut firsts: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(people.len() + 1, Default::default());
    let mut lasts: HashSet<&str> =
        HashSet::with_capacity_and_hasher(people.len() + 1, Default::default());
    for p in people {
        if let Some(&w) = p.words.first() {
            *firsts.entry(w).or_default() += 1;
        }
        if let Some(&w) = p.words.last() {
            lasts.insert(w);
        }
    }
    (firsts, lasts)
}

/// Token hashes with a filter of one bit per hash in front of the table: most capitalized
/// tokens are no word of a known name, and the bit turns them away without a probe (the
/// later-mention walk asks at every capitalized token). No false negatives.
struct NameHashes {
    set: HashSet<u64>,
    bits: [u64; 16],
}

impl NameHashes {
    /// Room for `capacity` hashes without a rehash.
    fn with_capacity(capacity: usize) -> Self {
        NameHashes {
            set: HashSet::with_capacity_and_hasher(capacity, Default::default()),
            bits: [0; 16],
        }
    }

    /// Where a hash's bit is: ten bits from the upper half of the hash, which the token
    /// hash's final mix spreads best.
    fn bit(hash: u64) -> (usize, u64) {
        let bit = (hash >> 40) & 1023;
        ((bit >> 6) as usize, 1 << (bit & 63))
    }

    fn insert(&mut self, hash: u64) {
        let (word, bit) = Self::bit(hash);
        self.bits[word] |= bit;
        self.set.insert(hash);
    }

    fn contains(&self, hash: u64) -> bool {
        let (word, bit) = Self::bit(hash);
        self.bits[word] & bit != 0 && self.set.contains(&hash)
    }
}

/// Hashes of every word of the known names, and of any capitalized word directly before a
/// known name word: a fuller form may start with a first name the role mention lacked
/// ("Vladimir Putin" after "President Putin"). With them, the capitalized tokens in order,
/// read in the same pass: the later-mention walk visits only those.
fn name_word_hashes(doc: &Doc<'_, '_>, people: &[Person]) -> (NameHashes, Vec<usize>) {
    // Sized for the names' words and as many words before them: growing a table rehashes
    // it, and this runs for every item.
    let words: usize = people.iter().map(|p| p.words.len()).sum();
    let mut hashes = NameHashes::with_capacity(2 * words);
    for p in people {
        for w in &p.words {
            hashes.insert(crate::tokens::hash_str(w));
        }
    }
    // (Tokens read in order, each once, and only the capitalized ones further: most tokens
    // are not, and this runs at every token. `cap` is set on words only.)
    // (Sized for a text of one capitalized word in four, more than most have.)
    let toks = &doc.t.toks;
    let mut caps: Vec<usize> = Vec::with_capacity(doc.len() / 4);
    for (k, t) in toks.iter().enumerate() {
        if !t.cap {
            continue;
        }
        // The token before is capitalized exactly when it is the last one listed.
        if k > 0 && caps.last() == Some(&(k - 1)) && hashes.contains(t.hash) {
            hashes.insert(toks[k - 1].hash);
        }
        caps.push(k);
    }
    (hashes, caps)
}

/// The people whose title a bare role ("the Secretary") can refer to, with their
/// mentions before this pass, sorted.
struct Holders {
    /// (mention start, person), ascending.
    mentions: Vec<(usize, usize)>,
    /// The latest mention this pass added to one of them: (start, person).
    added: Option<(usize, usize)>,
}

/// The holder mentioned last before token `k`: the latest start, the first person among
/// equals (as a scan of people in order keeping strictly later starts finds).
fn latest_before(h: &Holders, k: usize) -> Option<(usize, usize)> {
    let idx = h.mentions.partition_point(|&(s, _)| s < k);
    let known = idx.checked_sub(1).map(|i| {
        let l = h.mentions[i].0;
        h.mentions[h.mentions.partition_point(|&(s, _)| s < l)]
    });
    match (known, h.added) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 || (y.0 == x.0 && y.1 < x.1) {
            y
        } else {
            x
        }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// A title's words, lowercased, for matching a bare role against it.
fn title_words(title: &str) -> Vec<String> {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Does a role with head words `head` name the holder of a title with words `tw`: every
/// head word is in the title, and the title has no other-rank word the head lacks ("the
/// Secretary" is not the Deputy Secretary).
fn holds(head: &[String], tw: &[String]) -> bool {
    let contains = head.iter().all(|h| tw.contains(h));
    let other_rank = words::OTHER_RANK_WORDS
        .iter()
        .any(|v| tw.iter().any(|t| t == v) && !head.iter().any(|h| h == v));
    contains && !other_rank
}

/// "the Secretary", "the president": a bare role word resolved to the most recently
/// mentioned person holding that role.
///
/// The holders of each distinct head are found once (through an index of title words)
/// with their mentions sorted; each bare role is then a binary search, so the cost is
/// linear in the mentions times the (few) distinct heads the text uses.
pub fn role_anaphora(doc: &Doc<'_, '_>, claims: &mut Claims, people: &mut [Person]) {
    // With nobody found, a bare role has no holder to refer to.
    if people.is_empty() {
        return;
    }
    // Most items have no bare role: then the holders need no index. (Before the first
    // one there is nothing to resolve: the loop below starts there.)
    let n = doc.len();
    let mut first = next_free_role_word(doc, claims, 1);
    while first < n && bare_role(doc, claims, first).is_none() {
        first = next_free_role_word(doc, claims, first + 1);
    }
    if first >= n {
        return;
    }
    let titles: Vec<Option<Vec<String>>> = people
        .iter()
        .map(|p| p.title.as_deref().map(title_words))
        .collect();
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::default();
    for (pi, tw) in titles.iter().enumerate() {
        for w in tw.iter().flatten().collect::<BTreeSet<_>>() {
            by_word.entry(w.as_str()).or_default().push(pi);
        }
    }
    let titled: Vec<usize> = (0..people.len())
        .filter(|&pi| titles[pi].is_some())
        .collect();
    let mut heads: HashMap<Vec<String>, Holders> = HashMap::default();
    // The heads each person holds (keys of `heads`), to record mentions this pass adds.
    let mut held: Vec<Vec<Vec<String>>> = vec![Vec::new(); people.len()];
    let mut added: Vec<Option<usize>> = vec![None; people.len()];
    let mut next = first;
    loop {
        let k = next_free_role_word(doc, claims, next);
        if k >= n {
            break;
        }
        next = k + 1;
        let Some(s) = bare_role(doc, claims, k) else {
            continue;
        };
        let head = names::lower_words(doc, s.a, s.b);
        let holders = heads.entry(head.clone()).or_insert_with(|| {
            let pool = head
                .first()
                .map_or(&titled, |w| by_word.get(w.as_str()).unwrap_or(&EMPTY));
            let mut mentions = Vec::new();
            let mut last_added: Option<(usize, usize)> = None;
            for &pi in pool {
                if !titles[pi].as_ref().is_some_and(|tw| holds(&head, tw)) {
                    continue;
                }
                held[pi].push(head.clone());
                mentions.extend(people[pi].mentions.iter().map(|m| (m.0, pi)));
                if let Some(l) = added[pi] {
                    if last_added.is_none_or(|(bl, _)| l > bl) {
                        last_added = Some((l, pi));
                    }
                }
            }
            mentions.sort_unstable();
            Holders {
                mentions,
                added: last_added,
            }
        });
        let Some((_, pi)) = latest_before(holders, k) else {
            continue;
        };
        people[pi].mentions.push((k - 1, s.b));
        claims.claim(k - 1, s.b, claim::PERSON);
        added[pi] = Some(k - 1);
        for h in &held[pi] {
            if let Some(x) = heads.get_mut(h) {
                x.added = Some((k - 1, pi));
            }
        }
    }
}

static EMPTY: Vec<usize> = Vec::new();

/// The first role word at or after `from` that nothing has taken (`doc.len()` if none):
/// where a bare role may stand (the cheap half of [`bare_role`]). The scan for bare roles
/// crosses the whole text: tokens that are no role word are passed over eight at a time.
fn next_free_role_word(doc: &Doc<'_, '_>, claims: &Claims, mut from: usize) -> usize {
    let n = doc.len();
    loop {
        let k = doc.next_with(from, ok::TITLE);
        if k >= n {
            return n;
        }
        if claims[k] == 0 {
            return k;
        }
        from = k + 1;
    }
}

/// "the" + a head role word at `k` that nothing has taken, not "the President of ..."
/// (another role holder) nor followed by a name.
fn bare_role(doc: &Doc<'_, '_>, claims: &Claims, k: usize) -> Option<crate::scan::Seg> {
    // The cheap tests first: most tokens are claimed or no role word.
    if claims[k] != 0 {
        return None;
    }
    let s = doc.seg_with(k, ok::TITLE)?;
    if !doc.t.is_word(k - 1, "the") || doc.entry(&s).title & tc::HEAD == 0 || !claims.free(s.a, s.b)
    {
        return None;
    }
    // "the President of France" names a different role holder; "the president's" ok.
    (!doc.t.is_word(s.b, "of") && !doc.is_cap_word(s.b)).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The next free role word is the first token from the one asked about that a role
    /// word takes and no claim does, asked at every token of a text whose role words are
    /// some claimed, some free, some past the first eight tokens.
    #[test]
    fn next_free_role_word_skips_claimed_and_plain_tokens() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let text = "On Monday the talks went on and on into the night as the minister said \
                    that the president and the spokesperson would meet the governor.";
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let n = doc.len();
        let minister = (0..n)
            .find(|&k| doc.t.is_word(k, "minister"))
            .expect("minister");
        let mut claims = Claims::new(n);
        claims.claim(minister, minister + 1, claim::TITLE);
        let expected = |from: usize| {
            (from..n)
                .find(|&k| claims[k] == 0 && doc.seg[k].is_some_and(|s| s.ok & ok::TITLE != 0))
                .unwrap_or(n)
        };
        let mut found = 0;
        for from in 0..=n {
            let k = next_free_role_word(&doc, &claims, from);
            assert_eq!(k, expected(from), "from {from}");
            assert_ne!(k, minister);
            found += usize::from(k == from);
        }
        assert!(found >= 3, "{found}");
    }

    /// The hashes' pass gives the set the former pass over pairs of tokens gave (a
    /// capitalized word right before a known name word joins it) and lists exactly the
    /// capitalized tokens, in order.
    #[test]
    fn name_word_hashes_agree_with_the_pairs_and_list_the_capitals() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let text = "Prime Minister Putin met Vladimir Vladimirovich Putin and Mr. Putin, \
                    said NATO's Jens Stoltenberg. Putin, x Putin: PUTIN (Putin) Putin's aide \
                    Anna Putin. The end";
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let people = vec![cand("putin", Some("President"), 2, false)];
        let (hashes, caps) = name_word_hashes(&doc, &people);
        let mut expected: HashSet<u64> = [hash_str("putin")].into_iter().collect();
        for pair in doc.t.toks.windows(2) {
            if pair[1].cap && pair[0].cap && expected.contains(&pair[1].hash) {
                expected.insert(pair[0].hash);
            }
        }
        let set = &hashes.set;
        assert_eq!(*set, expected);
        for t in &doc.t.toks {
            assert_eq!(hashes.contains(t.hash), set.contains(&t.hash));
        }
        // The word right before a known one joins; the pass runs forward, so the word
        // before that one ("Vladimir") was read before its neighbour joined.
        assert!(set.contains(&hash_str("vladimirovich")));
        assert!(!set.contains(&hash_str("vladimir")));
        assert!(!set.contains(&hash_str("nato")));
        let capitals: Vec<usize> = (0..doc.len()).filter(|&k| doc.t.toks[k].cap).collect();
        assert_eq!(caps, capitals);
        assert!(caps.len() > 10, "{}", caps.len());
    }

    /// The filter in front of the hashes' table answers as the table does, for hashes
    /// held and not, and turns most others away by their bit alone.
    #[test]
    fn name_hashes_answer_as_their_table() {
        let mut hashes = NameHashes::with_capacity(4);
        let held: Vec<u64> = (0..40u64).map(|i| hash_str(&format!("name{i}"))).collect();
        for &h in &held {
            hashes.insert(h);
        }
        let mut turned_away = 0;
        for i in 0..2000u64 {
            let h = hash_str(&format!("other{i}"));
            let (word, bit) = NameHashes::bit(h);
            assert_eq!(hashes.contains(h), hashes.set.contains(&h));
            turned_away += usize::from(hashes.bits[word] & bit == 0);
        }
        assert!(held.iter().all(|&h| hashes.contains(h)));
        assert!(turned_away > 1800, "{turned_away}");
    }

    /// With nobody found, the later mentions and bare roles change no claim.
    #[test]
    fn nobody_found_leaves_the_claims_as_they_were() {
        let e = crate::Enricher::new().expect("bundled data loads");
        let text = "The Secretary met Mr. Jones. Jones said the president would come.";
        let mut lower = String::new();
        let doc = crate::tag::tag(text, &mut lower, &e.lex);
        let mut claims = Claims::new(doc.len());
        let mut people: Vec<Person> = Vec::new();
        later_mentions(&doc, &mut claims, &mut people);
        role_anaphora(&doc, &mut claims, &mut people);
        assert!((0..doc.len()).all(|k| claims[k] == 0));
    }

    /// A candidate named `name` (lowercase words) with `title`, found at token `at`.
    fn cand(
        name: &'static str,
        title: Option<&str>,
        at: usize,
        rank_only: bool,
    ) -> Person<'static> {
        Person {
            words: name.split(' ').collect(),
            name: name.to_string(),
            title: title.map(str::to_string),
            title_pos: at,
            country: None,
            country_explicit: false,
            igo: false,
            org: None,
            mentions: vec![(at, at + 1)],
            minister_like: false,
            merged_roles: Vec::new(),
            rank_only,
            trace: crate::officials::Reading::default(),
        }
    }

    /// A person's roles are the titles of every candidate merged into them, in order,
    /// whichever title they report; a person found once has their title as only role.
    #[test]
    fn roles_are_every_merged_candidates_title() {
        let people = merge(vec![
            cand("jane roe", None, 1, false),
            cand("roe", Some("Commodore"), 2, true),
            cand("jane roe", None, 3, false),
            cand("jane roe", Some("Minister of Transport"), 4, false),
            cand("john doe", Some("President"), 5, false),
            cand("max moe", None, 6, false),
            cand("al bo", Some("General"), 7, true),
            cand("al bo", Some("Army Chief"), 8, false),
        ]);
        let roles: Vec<Vec<&str>> = people
            .iter()
            .map(|p| p.roles().iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            roles,
            [
                vec!["Commodore", "Minister of Transport"],
                vec!["President"],
                vec![],
                vec!["General", "Army Chief"]
            ]
        );
        // The post replaced the grade as the reported title; the roles keep both.
        assert_eq!(people[0].title.as_deref(), Some("Minister of Transport"));
        assert!(people[1].merged_roles.is_empty());
        // (Merged in the candidates' own list: each person in order of their first
        // candidate, with every merged candidate's mentions in turn.)
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["jane roe", "john doe", "max moe", "al bo"]);
        assert_eq!(people[0].mentions, [(1, 2), (2, 3), (3, 4), (4, 5)]);
        assert_eq!(people[3].mentions, [(7, 8), (8, 9)]);
    }

    fn w(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    /// The index finds the same first person as a scan with `same_person`, on names that
    /// exercise each rule (surname, long names, shared first and last words).
    #[test]
    fn index_agrees_with_same_person() {
        let names = [
            "luiz inácio lula da silva",
            "lula da silva",
            "lula",
            "silva",
            "wang yi",
            "wang",
            "yi",
            "joe biden",
            "biden",
            "joe r biden",
            "inácio",
            "da silva",
        ];
        let people: Vec<Vec<&str>> = names.iter().map(|s| w(s)).collect();
        let mut ix = NameIndex::default();
        for (pi, p) in people.iter().enumerate() {
            ix.insert(pi, p);
        }
        for q in &people {
            let scan = people.iter().position(|p| same_person(p, q));
            assert_eq!(ix.first_same_person(q), scan, "{q:?}");
        }
    }

    /// The index finds the same person for a later mention as a scan with
    /// `mentioned_as`, whether or not the family name first is unique.
    #[test]
    fn index_agrees_with_mentioned_as() {
        let names = [
            "luiz inácio lula da silva",
            "lula da silva",
            "silva",
            "wang yi",
            "joe biden",
            "joe r biden",
            "da silva",
            "kim",
        ];
        let people: Vec<Vec<&str>> = names.iter().map(|s| w(s)).collect();
        let mut ix = NameIndex::default();
        for (pi, p) in people.iter().enumerate() {
            ix.insert(pi, p);
        }
        let queries = [
            "lula",
            "silva",
            "da silva",
            "inácio",
            "wang",
            "yi",
            "joe",
            "biden",
            "r biden",
            "joe biden",
            "mr kim",
            "kim",
            "lula da silva",
            "x silva",
            "nobody",
        ];
        for unique in [false, true] {
            let first_unique = |_: &str| unique;
            for q in queries.iter().map(|s| w(s)) {
                let scan = people
                    .iter()
                    .position(|p| mentioned_as(p, &q, &first_unique));
                assert_eq!(ix.first_mentioned(&q, first_unique), scan, "{q:?}");
            }
        }
    }
}
