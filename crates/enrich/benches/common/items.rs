// The enrich bench's items and batch, shared with `examples/enrich_min_time.rs` (which
// `scripts/enrich-time` also builds in an older revision's tree).

/// Items in the style of wire copy (written for this benchmark, not taken from any outlet).
const ITEMS: &[&str] = &[
    "KYIV - Ukrainian Foreign Minister Andrii Sybiha said on Tuesday that talks with his Polish counterpart Radoslaw Sikorski in Warsaw had focused on air defence for Kharkiv and Odesa. Sybiha, who met President Volodymyr Zelenskyy afterwards, said the Black Sea corridor remained open. Russian Defence Ministry spokesman Igor Konashenkov claimed strikes near Pokrovsk in the Donetsk region.",
    "US Secretary of State Marco Rubio met Saudi Crown Prince Mohammed bin Salman in Riyadh on Monday before travelling to Doha, Qatar, where he discussed Gaza with Prime Minister Mohammed bin Abdulrahman Al Thani. \"We are not there yet,\" Rubio told reporters at King Khalid International Airport. The State Department said the Secretary would return to Washington on Thursday.",
    "Canberra: Australian Minister for Foreign Affairs Penny Wong will host her counterparts from India, Japan and the United States next week. Wong said the Quad remained central to stability in the Indo-Pacific and the South China Sea. Opposition leader Peter Dutton criticised the timing. Analyst Sarah Jones of the Lowy Institute said the meeting was overdue.",
    "Sudan's army chief Abdel Fattah al-Burhan vowed on Sunday to keep fighting the paramilitary Rapid Support Forces, whose commander Mohamed Hamdan Dagalo controls much of Darfur. The United Nations envoy for Sudan, Ramtane Lamamra, urged both sides to allow aid through the Adre crossing from Chad. Khartoum and Omdurman have seen heavy shelling since April.",
    "Brazilian President Luiz Inácio Lula da Silva received Chinese Foreign Minister Wang Yi in Brasília on Friday. Lula said trade with China had reached a record, while Wang praised cooperation within BRICS. Finance Minister Fernando Haddad later told Reuters the government expected growth above two percent. The meeting took place at the Planalto Palace.",
    "SEOUL - South Korea's President Lee Jae-myung spoke by phone with Japanese Prime Minister Shigeru Ishiba about North Korea's latest missile launch into the Sea of Japan. Lee's office said the two leaders agreed to coordinate with Washington. Defence Minister Ahn Gyu-back visited a base in Pyeongtaek, Gyeonggi Province, on Wednesday.",
    "Georgia's Prime Minister Irakli Kobakhidze rejected criticism from the European Union after protests in Tbilisi, saying the government would not be lectured by Brussels. EU foreign policy chief Kaja Kallas said the bloc was reviewing visa-free travel. Meanwhile, in the US state of Georgia, Governor Brian Kemp signed a budget bill in Atlanta.",
    "Israeli Prime Minister Benjamin Netanyahu met US envoy Steve Witkoff in Jerusalem on Thursday as negotiators in Cairo discussed a ceasefire in Gaza. Hamas official Osama Hamdan said in Beirut that the group had not received a new proposal. Netanyahu's office said Mr. Witkoff would travel to Amman, Jordan. Residents of Khan Younis and Rafah reported strikes overnight.",
    "Advertisement\nShare\nMexico City - Mexican President Claudia Sheinbaum said on Monday that Security Secretary Omar García Harfuch would travel to Washington for talks with Homeland Security officials. Sheinbaum, speaking at the National Palace, said cooperation on fentanyl had improved. The former foreign minister Marcelo Ebrard, now Economy Secretary, joined the call.",
    "NAIROBI - Kenya's Cabinet Secretary for Interior Kipchumba Murkomen said police had been deployed to Mombasa and Kisumu ahead of the protests. Inspector-General of Police Douglas Kanja, who heads the National Police Service, told journalists in Nairobi that officers would act within the law. Opposition leader Raila Odinga called for calm.",
];

/// One round's batch: the items normalized, each four times, so that a round is a few
/// thousand words.
fn batch() -> Vec<String> {
    ITEMS
        .iter()
        .cycle()
        .take(ITEMS.len() * 4)
        .map(|t| newswire_enrich::normalize::normalize(t))
        .collect()
}
