//! Every weight and threshold the resolution passes use, in one table.
//!
//! Resolution is a sum of evidence: a place's sense is chosen by its prior (population,
//! kind) plus what the item says about its country; an official's state by the country
//! evidence near their mentions. The numbers below are those sums' terms. Change one only
//! with a construction that shows why, and measure every evaluation set after
//! (`scripts/score-eval`, `scripts/same-output` to see what moved).

// ---------------------------------------------------------------------------------------
// The item's country context (what the text says the item is about)
// ---------------------------------------------------------------------------------------

/// A demonym ("Israeli") or a place whose only readings are countries.
pub const CONTEXT_COUNTRY_WORD: f32 = 1.0;
/// A place name with a single reading, in one country.
pub const CONTEXT_UNAMBIGUOUS_PLACE: f32 = 0.5;
/// A place name whose readings all lie in one country.
pub const CONTEXT_ONE_COUNTRY_PLACE: f32 = 0.3;
/// A country an official's title states ("Ukrainian President").
pub const CONTEXT_OFFICIAL_COUNTRY: f32 = 1.0;
/// A candidate place's best reading by prior, when it is big (see
/// [`CONTEXT_SECOND_ORDER_MIN_POP`]) or not a city: "London, Manchester and Cambridge".
pub const CONTEXT_SECOND_ORDER: f32 = 0.5;
/// Smallest city whose prior reading counts as second-order context.
pub const CONTEXT_SECOND_ORDER_MIN_POP: u32 = 100_000;
/// Per mention of a resolved place (not a country), for the officials' context.
pub const CONTEXT_PER_PLACE_MENTION: f32 = 0.5;

// ---------------------------------------------------------------------------------------
// A place's sense
// ---------------------------------------------------------------------------------------

/// Prior of a facility, feature or territory the gazetteer gives no population: that of
/// a city of a million (they are named because they matter).
pub const PRIOR_UNPOPULATED_FEATURE: f32 = 6.0;
/// Kind bonus: a country beats a same-named town ("Georgia" the country, all else equal).
pub const KIND_BONUS_COUNTRY: f32 = 4.0;
/// Kind bonus of territories, seas, mountains, facilities.
pub const KIND_BONUS_TERRITORY_OR_FEATURE: f32 = 3.0;
/// "Savannah, Georgia": a region or country written after a city contains it; this
/// score beats any other reading.
pub const SENSE_CONTAINED_BY_PREVIOUS: f32 = 100.0;
/// A city of at least [`BIG_CITY_POP`] beats its same-named state ("New York").
pub const SENSE_BIG_CITY: f32 = 0.5;
pub const BIG_CITY_POP: u32 = 1_000_000;
/// Context weight counts up to this cap, so that context picks between comparable
/// places but never makes a small town beat a capital.
pub const SENSE_CONTEXT_CAP: f32 = 3.75;
/// Each unit of (capped) context weight adds this much.
pub const SENSE_CONTEXT_FACTOR: f32 = 0.8;
/// The cap of the context weight in the prior-only ranking (`best_by_prior`).
pub const PRIOR_CONTEXT_CAP: f32 = 6.0;
/// "Georgia" the country against the US state: with no other sign of the country (its
/// weight minus [`SENSE_OWN_MENTION`] per own mention under
/// [`SENSE_COUNTRY_UNSUPPORTED`]) and another reading's country at
/// [`SENSE_OTHER_COUNTRY_STRONG`] or more, the country reading loses
/// [`SENSE_COUNTRY_PENALTY`].
pub const SENSE_OWN_MENTION: f32 = 1.5;
pub const SENSE_COUNTRY_UNSUPPORTED: f32 = 0.5;
pub const SENSE_OTHER_COUNTRY_STRONG: f32 = 2.0;
pub const SENSE_COUNTRY_PENALTY: f32 = 5.0;
/// "Kharkiv, Ukraine": the place written after the comma names this one's country.
pub const SENSE_FOLLOWED_BY_COUNTRY: f32 = 6.0;
/// The dateline's country.
pub const SENSE_DATELINE_COUNTRY: f32 = 1.5;

// ---------------------------------------------------------------------------------------
// When a reading is kept at all (support for small places)
// ---------------------------------------------------------------------------------------

/// Context weight at which the item is taken to be about a country.
pub const SUPPORTED_COUNTRY: f32 = 1.0;
/// Below this population a city or region needs support (a locative, the dateline, its
/// country in the item, "X, Country").
pub const SMALL_PLACE_POP: u32 = 100_000;
/// Below this population a city needs both a locative and its country in the item.
pub const TINY_TOWN_POP: u32 = 15_000;
/// Below this population a lone sentence-initial place word is read as an ordinary word.
pub const SENTENCE_INITIAL_MIN_POP: u32 = 1_000_000;
/// A capitalized word glued to a place is a name ("Paris Hilton") when it is itself only
/// a town under this population.
pub const GLUED_TOWN_POP: u32 = 50_000;
/// A small town abroad in an item about another country is read as that country's local
/// place when that country weighs at least [`LOCAL_TOP_COUNTRY`] and at least
/// [`LOCAL_RATIO`] times the town's own country.
pub const LOCAL_TOP_COUNTRY: f32 = 1.5;
pub const LOCAL_RATIO: f32 = 3.0;
/// A qualified region ("Northern Rivers") takes its inner place only in a country of at
/// least this share of the item's heaviest country.
pub const QUALIFIED_TOP_SHARE: f32 = 0.5;

// ---------------------------------------------------------------------------------------
// Country evidence for officials (signals) and their state
// ---------------------------------------------------------------------------------------

/// A country or territory mentioned in the official's sentence.
pub const SIGNAL_COUNTRY: f32 = 2.0;
/// A city, region or facility mentioned in the official's sentence.
pub const SIGNAL_PLACE: f32 = 1.5;
/// A demonym in the official's sentence.
pub const SIGNAL_DEMONYM: f32 = 2.0;
/// A place named as a destination ("a visit to Kyiv") is weak evidence of the
/// traveller's own country: its weight is multiplied by this.
pub const SIGNAL_DESTINATION_FACTOR: f32 = 0.25;
/// Evidence within this many tokens of a mention counts fully; farther, it decays as
/// `SIGNAL_NEAR_TOKENS / distance`.
pub const SIGNAL_NEAR_TOKENS: usize = 8;
/// The item's context counts this much toward an official's state.
pub const OFFICIAL_CONTEXT_SHARE: f32 = 0.5;
/// The dateline's country.
pub const OFFICIAL_DATELINE: f32 = 3.0;
/// The country a sentence opens with as its frame ("In neighbouring Mali, Foreign
/// Minister X said ..."): as strong as the dateline, which it then outweighs together
/// with the sentence's own places.
pub const OFFICIAL_SCENE_FRAME: f32 = 3.0;
/// A role only one country uses ("Taoiseach").
pub const OFFICIAL_ONE_COUNTRY_ROLE: f32 = 12.0;
/// Ministers are seldom American (the US has secretaries): the US weight is multiplied
/// by this for minister-like titles.
pub const OFFICIAL_US_MINISTER_FACTOR: f32 = 0.1;
/// "Secretary X" is the American style when America is in the item.
pub const OFFICIAL_US_SECRETARY: f32 = 3.0;
/// Least weight for a country to be an official's state at all.
pub const OFFICIAL_MIN_WEIGHT: f32 = 1.0;
