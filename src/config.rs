//! Typed configuration: defaults, the TOML file, `NEWSWIRE__SECTION__KEY` environment
//! overrides, and validation that names the offending key.
//!
//! Operators' tooling depends on the key names here (`kafka.bootstrap_servers`,
//! `topics.input`, `http.listen`, `delivery`, `shutdown.drain_timeout`, ...): renaming one
//! is a breaking change. Unknown keys are rejected rather than ignored, because a typo in
//! a production config must fail loudly, not fall back to a default.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

mod validate;

/// Environment prefix for overrides: `NEWSWIRE__KAFKA__GROUP_ID` sets `kafka.group_id`.
pub const ENV_PREFIX: &str = "NEWSWIRE__";
/// Environment variable naming the config file when `--config` is not given.
pub const CONFIG_PATH_ENV: &str = "NEWSWIRE_CONFIG";
/// Upper bound of `pipeline.max_in_flight`: far above any useful value, and well inside
/// what the in-flight semaphore can count.
pub const MAX_IN_FLIGHT_LIMIT: usize = 1_000_000;
/// Bounds of `pipeline.max_in_flight_bytes`: below 1 MiB nothing useful fits; the upper
/// bound keeps the byte budget far inside what its counters hold.
pub const MIN_IN_FLIGHT_BYTES: usize = 1024 * 1024;
pub const MAX_IN_FLIGHT_BYTES: usize = 1 << 40;
/// Smallest `enrich.max_text_bytes`: a paragraph.
pub const MIN_TEXT_BYTES: usize = 1024;
/// The documented default config, used when neither `--config` nor `NEWSWIRE_CONFIG` is set.
pub const DEFAULT_CONFIG_PATH: &str = "config/newswire.toml";
/// Room the producer's `message.max.bytes` leaves above `pipeline.max_message_bytes`, so
/// that the dead-letter copy of the largest accepted input (its value plus key, original
/// headers and the error headers) fits in one record.
pub const DEAD_LETTER_HEADROOM_BYTES: usize = 64 * 1024;
/// librdkafka's own upper bound of `message.max.bytes`.
const LIBRDKAFKA_MESSAGE_MAX_BYTES_LIMIT: usize = 1_000_000_000;

/// Why a configuration could not be used. The message always names the key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error("{0}")]
    Parse(String),
    #[error("invalid value for `{key}`: {reason}")]
    Invalid { key: &'static str, reason: String },
}

/// How strongly the worker guarantees that each input item is reflected downstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delivery {
    /// Commit an input offset only after its output is acknowledged; redeliveries carry
    /// the same `event_id`, so downstream can deduplicate.
    AtLeastOnce,
    /// Kafka transactions (consume-transform-produce): each batch's events, dead letters
    /// and input offsets are committed in one transaction, so a `read_committed` reader
    /// sees each item's output exactly once, through crashes and retries. See
    /// [`ExactlyOnceConfig`] and `crate::exactly_once`.
    ExactlyOnce,
}

impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Delivery::AtLeastOnce => "at-least-once",
            Delivery::ExactlyOnce => "exactly-once",
        })
    }
}

/// The whole configuration. See `config/newswire.toml` for every key, documented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub delivery: Delivery,
    pub kafka: KafkaConfig,
    pub topics: TopicsConfig,
    pub pipeline: PipelineConfig,
    pub enrich: EnrichConfig,
    pub exactly_once: ExactlyOnceConfig,
    pub http: HttpConfig,
    pub shutdown: ShutdownConfig,
    pub log: LogConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KafkaConfig {
    pub bootstrap_servers: String,
    pub group_id: String,
    pub client_id: String,
    /// librdkafka properties for both clients.
    #[serde(default)]
    pub properties: BTreeMap<String, PropertyValue>,
    /// librdkafka properties for the consumer only.
    #[serde(default)]
    pub consumer: BTreeMap<String, PropertyValue>,
    /// librdkafka properties for the producer only.
    #[serde(default)]
    pub producer: BTreeMap<String, PropertyValue>,
}

/// Which Kafka client a set of librdkafka properties is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientRole {
    Consumer,
    Producer,
}

impl KafkaConfig {
    /// The base librdkafka config of one client: the connection settings, then the
    /// shared passthrough properties, then the role's own (which win). Callers add the
    /// properties their guarantees depend on after this.
    pub fn client_config(&self, role: ClientRole) -> rdkafka::ClientConfig {
        let mut cc = rdkafka::ClientConfig::new();
        let role_properties = match role {
            ClientRole::Consumer => &self.consumer,
            ClientRole::Producer => &self.producer,
        };
        for (name, value) in self.properties.iter().chain(role_properties) {
            cc.set(name, value.to_string());
        }
        cc.set("bootstrap.servers", &self.bootstrap_servers)
            .set("client.id", &self.client_id);
        cc
    }
}

/// A passed-through librdkafka property. librdkafka takes strings, but TOML and the
/// environment loader type `5` and `true`, so all scalar forms are accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PropertyValue {
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
}

impl fmt::Display for PropertyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PropertyValue::Text(s) => f.write_str(s),
            PropertyValue::Integer(i) => write!(f, "{i}"),
            PropertyValue::Float(x) => write!(f, "{x}"),
            PropertyValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicsConfig {
    pub input: String,
    pub output: String,
    pub dead_letter: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineConfig {
    /// Items read but not yet finished (acknowledged or dead-lettered).
    pub max_in_flight: usize,
    /// Bytes held by items in flight, counted as [`IN_FLIGHT_BYTES_PER_INPUT_BYTE`] times
    /// the input record's size (corrected to the real size once the event exists).
    pub max_in_flight_bytes: usize,
    /// Larger input values are dead-lettered as `too_large`.
    pub max_message_bytes: usize,
    /// Enrichment threads; 0 = one per core.
    pub workers: usize,
    #[serde(with = "humantime_serde")]
    pub commit_interval: Duration,
    /// How long an item may wait for its event or dead-letter record to be acknowledged
    /// before its partition is reported stalled (`/readyz`, `newswire_partition_stalled`).
    #[serde(with = "humantime_serde")]
    pub stall_timeout: Duration,
}

/// What the worker charges against `pipeline.max_in_flight_bytes` per byte of input: the
/// input record itself, plus its event (assumed at most twice the input) held twice, once
/// by the worker for a possible resend and once in librdkafka's queue.
pub const IN_FLIGHT_BYTES_PER_INPUT_BYTE: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrichConfig {
    /// Normalized text longer than this is enriched (and published) on a prefix only,
    /// and the event says `truncated: true`.
    pub max_text_bytes: usize,
}

/// Settings of `delivery = "exactly-once"` (ignored otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExactlyOnceConfig {
    /// First part of the producer's `transactional.id`, which is
    /// `{prefix}-{kafka.group_id}-{instance}`: see [`Config::transactional_id`].
    pub transactional_id_prefix: String,
    /// This instance's stable name. Empty: the `HOSTNAME` environment variable (a
    /// StatefulSet pod's name survives restarts; a Deployment pod's does not).
    pub instance_id: String,
    /// A transaction holds at most this many input records...
    pub max_batch_records: usize,
    /// ...and is committed at most this long after its first record was read.
    #[serde(with = "humantime_serde")]
    pub max_batch_interval: Duration,
}

/// Bounds of `exactly_once.max_batch_records`.
pub const MAX_BATCH_RECORDS_LIMIT: usize = 100_000;
/// Upper bound of `exactly_once.max_batch_interval`: well inside librdkafka's default
/// `transaction.timeout.ms` (60 s), so that a batch never outlives its transaction.
pub const MAX_BATCH_INTERVAL_LIMIT: Duration = Duration::from_secs(30);
/// Environment variable naming the instance when `exactly_once.instance_id` is empty.
pub const INSTANCE_ENV: &str = "HOSTNAME";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    pub listen: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShutdownConfig {
    #[serde(with = "humantime_serde")]
    pub drain_timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    pub format: LogFormat,
    pub level: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            delivery: Delivery::AtLeastOnce,
            kafka: KafkaConfig {
                bootstrap_servers: "localhost:9092".into(),
                group_id: "newswire".into(),
                client_id: "newswire".into(),
                properties: BTreeMap::new(),
                consumer: BTreeMap::from([(
                    "auto.offset.reset".to_string(),
                    PropertyValue::Text("earliest".into()),
                )]),
                producer: BTreeMap::from([
                    (
                        "compression.type".to_string(),
                        PropertyValue::Text("zstd".into()),
                    ),
                    ("linger.ms".to_string(), PropertyValue::Text("5".into())),
                ]),
            },
            topics: TopicsConfig {
                input: "news.raw".into(),
                output: "news.events".into(),
                dead_letter: "news.dead-letter".into(),
            },
            pipeline: PipelineConfig {
                max_in_flight: 1024,
                max_in_flight_bytes: 256 * 1024 * 1024,
                max_message_bytes: 1024 * 1024,
                workers: 0,
                commit_interval: Duration::from_secs(1),
                stall_timeout: Duration::from_secs(60),
            },
            enrich: EnrichConfig {
                max_text_bytes: 512 * 1024,
            },
            exactly_once: ExactlyOnceConfig {
                transactional_id_prefix: "newswire".into(),
                instance_id: String::new(),
                max_batch_records: 500,
                max_batch_interval: Duration::from_millis(100),
            },
            http: HttpConfig {
                listen: "0.0.0.0:9464".into(),
            },
            shutdown: ShutdownConfig {
                drain_timeout: Duration::from_secs(30),
            },
            log: LogConfig {
                format: LogFormat::Text,
                level: "info".into(),
            },
        }
    }
}

/// Where the config file comes from: the flag, then `NEWSWIRE_CONFIG`, then the default
/// path (which may be absent: defaults plus environment are then a complete config).
pub fn resolve_path(flag: Option<&Path>) -> (PathBuf, bool) {
    if let Some(p) = flag {
        return (p.to_path_buf(), true);
    }
    match std::env::var_os(CONFIG_PATH_ENV) {
        Some(p) if !p.is_empty() => (PathBuf::from(p), true),
        _ => (PathBuf::from(DEFAULT_CONFIG_PATH), false),
    }
}

impl Config {
    /// Loads defaults, then the file, then `NEWSWIRE__*` environment overrides, and
    /// validates the result. `required` makes a missing file an error (it was named
    /// explicitly); otherwise a missing default file is fine.
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        Self::load_reporting_file(path, required).map(|(config, _)| config)
    }

    /// As [`load`](Self::load), and says which file was read: `None` when the default
    /// path was absent and the config is the built-in defaults plus the environment.
    pub fn load_reporting_file(
        path: &Path,
        required: bool,
    ) -> Result<(Config, Option<PathBuf>), ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        let read = path.exists().then(|| path.to_path_buf());
        if path.exists() {
            // Fail with a plain message if it cannot be read at all; figment then parses
            // it and names the file in every error.
            std::fs::File::open(path).map_err(|e| ConfigError::Unreadable {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
            figment = figment.merge(Toml::file_exact(path));
        } else if required {
            return Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                message: "no such file".into(),
            });
        }
        // librdkafka properties from the environment are taken verbatim: figment would
        // type `007` as the number 7, silently changing a password or an id.
        let env = Env::prefixed(ENV_PREFIX)
            .filter(|key| passthrough_section(key.as_str()).is_none())
            .split("__");
        let mut config = Self::extract(figment.merge(env))?;
        for (name, value) in std::env::vars() {
            let Some(rest) = name.strip_prefix(ENV_PREFIX) else {
                continue;
            };
            if let Some((section, property)) = passthrough_section(rest) {
                let map = match section {
                    PassthroughSection::Both => &mut config.kafka.properties,
                    PassthroughSection::Consumer => &mut config.kafka.consumer,
                    PassthroughSection::Producer => &mut config.kafka.producer,
                };
                map.insert(env_property_name(property), PropertyValue::Text(value));
            }
        }
        config.validate()?;
        Ok((config, read))
    }

    /// Parses a config from TOML text plus defaults (no environment); for tests and tools.
    pub fn from_toml_str(text: &str) -> Result<Config, ConfigError> {
        Self::from_figment(
            Figment::from(Serialized::defaults(Config::default())).merge(Toml::string(text)),
        )
    }

    fn from_figment(figment: Figment) -> Result<Config, ConfigError> {
        let config = Self::extract(figment)?;
        config.validate()?;
        Ok(config)
    }

    /// Deserializes without validating.
    fn extract(figment: Figment) -> Result<Config, ConfigError> {
        let mut config: Config = figment.extract().map_err(|e| {
            // figment's errors already say which key and which source; keep every one.
            ConfigError::Parse(
                e.into_iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        for map in [
            &mut config.kafka.properties,
            &mut config.kafka.consumer,
            &mut config.kafka.producer,
        ] {
            *map = dotted_property_names(std::mem::take(map));
        }
        Ok(config)
    }

    /// The producer's `transactional.id` in exactly-once mode:
    /// `{exactly_once.transactional_id_prefix}-{kafka.group_id}-{instance}`, the instance
    /// being `exactly_once.instance_id`, else `$HOSTNAME`.
    ///
    /// Why stable and per instance: when an instance restarts, its new producer registers
    /// the same id, which makes the coordinator abort the transaction the old process
    /// left open and fence that process should it still be alive. A new id per start
    /// would leave the old transaction open until `transaction.timeout.ms`, holding back
    /// every `read_committed` reader of the output partitions meanwhile. Two live
    /// instances with the same id fence each other: the one fenced stops (exit code 1).
    pub fn transactional_id(&self) -> Result<String, ConfigError> {
        let eo = &self.exactly_once;
        let instance = match eo.instance_id.trim() {
            "" => std::env::var(INSTANCE_ENV).unwrap_or_default(),
            set => set.to_string(),
        };
        if instance.trim().is_empty() {
            return Err(ConfigError::Invalid {
                key: "exactly_once.instance_id",
                reason: format!(
                    "must be set (or ${INSTANCE_ENV}) with delivery = \"exactly-once\": each \
                     instance needs a stable name of its own for its transactional.id"
                ),
            });
        }
        Ok(format!(
            "{}-{}-{}",
            eo.transactional_id_prefix.trim(),
            self.kafka.group_id.trim(),
            instance.trim()
        ))
    }

    /// The parsed `http.listen` address.
    pub fn http_listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.http.listen.parse().map_err(|e| ConfigError::Invalid {
            key: "http.listen",
            reason: format!("`{}` is not an ip:port address ({e})", self.http.listen),
        })
    }

    /// The producer's `message.max.bytes`: the operator's value when set (it must leave
    /// room for the dead-letter copy of the largest accepted input), else derived from
    /// `pipeline.max_message_bytes` so that the two limits agree.
    pub fn producer_message_max_bytes(&self) -> Result<usize, ConfigError> {
        let needed = self.pipeline.max_message_bytes + DEAD_LETTER_HEADROOM_BYTES;
        let set = self
            .kafka
            .producer
            .get("message.max.bytes")
            .or_else(|| self.kafka.properties.get("message.max.bytes"));
        let Some(value) = set else {
            return Ok(needed);
        };
        let bytes: usize = value
            .to_string()
            .trim()
            .parse()
            .map_err(|_| ConfigError::Invalid {
                key: "kafka.producer",
                reason: format!("`message.max.bytes` = `{value}` is not a number of bytes"),
            })?;
        if bytes < needed {
            return Err(ConfigError::Invalid {
                key: "kafka.producer",
                reason: format!(
                    "`message.max.bytes` = {bytes} is below pipeline.max_message_bytes + {DEAD_LETTER_HEADROOM_BYTES} = {needed}: \
                     the dead-letter copy of an accepted input would not fit. Raise it, lower \
                     pipeline.max_message_bytes, or leave it unset (newswire then derives it)"
                ),
            });
        }
        Ok(bytes.min(LIBRDKAFKA_MESSAGE_MAX_BYTES_LIMIT))
    }

    /// The effective config as TOML, with secrets masked, for `check-config`.
    pub fn to_redacted_toml(&self) -> String {
        let mut shown = self.clone();
        for map in [
            &mut shown.kafka.properties,
            &mut shown.kafka.consumer,
            &mut shown.kafka.producer,
        ] {
            for (name, value) in map.iter_mut() {
                if is_secret_property(name) {
                    *value = PropertyValue::Text("********".into());
                }
            }
        }
        toml::to_string_pretty(&shown).unwrap_or_else(|e| format!("# cannot render: {e}\n"))
    }
}

/// librdkafka properties newswire sets itself because its guarantees depend on them.
const MANAGED_PROPERTIES: &[(&str, &str)] = &[
    ("bootstrap.servers", "kafka.bootstrap_servers"),
    ("group.id", "kafka.group_id"),
    (
        "enable.auto.commit",
        "nothing: offsets are committed only after delivery",
    ),
    (
        "enable.auto.offset.store",
        "nothing: offsets are stored only after delivery",
    ),
    (
        "enable.idempotence",
        "nothing: the producer is always idempotent",
    ),
    (
        "partition.assignment.strategy",
        "nothing: cooperative-sticky is required",
    ),
    (
        "transactional.id",
        "exactly_once.transactional_id_prefix and exactly_once.instance_id",
    ),
];

/// The librdkafka properties librdkafka itself treats as sensitive (flag `_RK_SENSITIVE`
/// in `src/rdkafka_conf.c` of librdkafka 2.12.1, the version rdkafka-sys 4.10 bundles;
/// CONFIGURATION.md does not mark them), plus the alias of one of them. Kept as a list,
/// not only a pattern, because several (`sasl.oauthbearer.config`, `ssl.key.location`,
/// `sasl.username`) match no obvious pattern.
pub const SENSITIVE_PROPERTIES: &[&str] = &[
    "ssl.key.location",
    "ssl.key.password",
    "ssl.key.pem",
    "ssl_key",
    "ssl.ca.pem",
    "ssl.keystore.password",
    "sasl.username",
    "sasl.password",
    "sasl.oauthbearer.config",
    "sasl.oauthbearer.client.secret",
    "sasl.oauthbearer.client.credentials.client.secret",
    "sasl.oauthbearer.assertion.private.key.file",
    "sasl.oauthbearer.assertion.private.key.passphrase",
    "sasl.oauthbearer.assertion.private.key.pem",
];

/// Sensitive by librdkafka's list, or by a name that says so (properties added by later
/// librdkafka versions, plugin properties).
fn is_secret_property(name: &str) -> bool {
    // Compared with underscores read as dots, the way the loader spells names
    // (`ssl_key` is stored as `ssl.key`).
    let name = name.trim().to_ascii_lowercase().replace('_', ".");
    SENSITIVE_PROPERTIES
        .iter()
        .any(|p| p.replace('_', ".") == name)
        || [
            "password",
            "secret",
            "passphrase",
            "private.key",
            ".key.pem",
            "token",
        ]
        .iter()
        .any(|word| name.contains(word))
}

/// Which passthrough map an environment key (after the prefix) belongs to, and the
/// property part: `KAFKA__CONSUMER__AUTO_OFFSET_RESET` -> (Consumer, `AUTO_OFFSET_RESET`).
fn passthrough_section(key: &str) -> Option<(PassthroughSection, &str)> {
    let mut parts = key.splitn(3, "__");
    let (kafka, section, property) = (parts.next()?, parts.next()?, parts.next()?);
    if !kafka.eq_ignore_ascii_case("kafka") || property.is_empty() {
        return None;
    }
    let section = match section.to_ascii_lowercase().as_str() {
        "properties" => PassthroughSection::Both,
        "consumer" => PassthroughSection::Consumer,
        "producer" => PassthroughSection::Producer,
        _ => return None,
    };
    Some((section, property))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PassthroughSection {
    Both,
    Consumer,
    Producer,
}

/// Environment variable names cannot contain dots and librdkafka property names never
/// contain underscores: `SASL_PASSWORD` means `sasl.password`.
fn env_property_name(property: &str) -> String {
    property.to_ascii_lowercase().replace('_', ".")
}

/// A TOML key written with underscores (`auto_offset_reset`) is taken to mean the dotted
/// librdkafka name, the same as from the environment; the dotted spelling is applied
/// last so that it wins when both are present.
fn dotted_property_names(map: BTreeMap<String, PropertyValue>) -> BTreeMap<String, PropertyValue> {
    let (underscored, dotted): (Vec<_>, Vec<_>) =
        map.into_iter().partition(|(name, _)| name.contains('_'));
    let mut out: BTreeMap<String, PropertyValue> = underscored
        .into_iter()
        .map(|(name, value)| (name.replace('_', "."), value))
        .collect();
    out.extend(dotted);
    out
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment::Jail closures return figment::Error
mod tests {
    use super::*;

    #[test]
    fn bundled_default_config_is_valid_and_matches_the_builtin_defaults_it_documents() {
        let text = include_str!("../config/newswire.toml");
        let config = Config::from_toml_str(text).expect("bundled config must be valid");
        assert_eq!(config.topics.input, "news.raw");
        assert_eq!(config.topics.output, "news.events");
        assert_eq!(config.topics.dead_letter, "news.dead-letter");
        assert_eq!(config.http.listen, "0.0.0.0:9464");
        assert_eq!(config.delivery, Delivery::AtLeastOnce);
        assert_eq!(config.shutdown.drain_timeout, Duration::from_secs(30));
        assert_eq!(
            config.kafka.consumer.get("auto.offset.reset"),
            Some(&PropertyValue::Text("earliest".into()))
        );
    }

    #[test]
    fn unknown_key_is_rejected_and_named() {
        let err = Config::from_toml_str("[kafka]\nbootstrap_server = \"x:1\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("bootstrap_server"), "{msg}");
    }

    #[test]
    fn bad_duration_names_the_key() {
        let err = Config::from_toml_str("[shutdown]\ndrain_timeout = \"soon\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("drain_timeout"), "{msg}");
    }

    #[test]
    fn exactly_once_is_accepted_with_a_stable_transactional_id() {
        let config = Config::from_toml_str(
            "delivery = \"exactly-once\"\n[kafka]\ngroup_id = \"g\"\n[exactly_once]\ninstance_id = \"worker-0\"\n",
        )
        .unwrap();
        assert_eq!(config.delivery, Delivery::ExactlyOnce);
        assert_eq!(config.transactional_id().unwrap(), "newswire-g-worker-0");
    }

    #[test]
    fn exactly_once_settings_are_validated_and_named() {
        for (toml, key) in [
            ("[exactly_once]\nmax_batch_records = 0\n", "exactly_once.max_batch_records"),
            ("[exactly_once]\nmax_batch_interval = \"0s\"\n", "exactly_once.max_batch_interval"),
            ("[exactly_once]\nmax_batch_interval = \"5m\"\n", "exactly_once.max_batch_interval"),
            ("[exactly_once]\ntransactional_id_prefix = \" \"\n", "exactly_once.transactional_id_prefix"),
            (
                "delivery = \"exactly-once\"\n[exactly_once]\ninstance_id = \"a\"\n[kafka.consumer]\n\"isolation.level\" = \"read_uncommitted\"\n",
                "isolation.level",
            ),
            ("[kafka.producer]\n\"transactional.id\" = \"x\"\n", "transactional.id"),
        ] {
            let err = Config::from_toml_str(toml).unwrap_err();
            assert!(err.to_string().contains(key), "{toml}: {err}");
        }
    }

    #[test]
    fn exactly_once_needs_an_instance_name() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("HOSTNAME", "");
            jail.set_env("NEWSWIRE__DELIVERY", "exactly-once");
            let err = Config::load(Path::new("missing.toml"), false).unwrap_err();
            assert!(
                err.to_string().contains("exactly_once.instance_id"),
                "{err}"
            );
            jail.set_env("HOSTNAME", "newswire-2");
            let config =
                Config::load(Path::new("missing.toml"), false).map_err(|e| e.to_string())?;
            assert_eq!(
                config.transactional_id().unwrap(),
                "newswire-newswire-newswire-2"
            );
            Ok(())
        });
    }

    #[test]
    fn bad_topic_and_listen_address_are_named() {
        let err = Config::from_toml_str("[topics]\ninput = \"news raw\"\n").unwrap_err();
        assert!(err.to_string().contains("topics.input"), "{err}");
        let err = Config::from_toml_str("[http]\nlisten = \"localhost\"\n").unwrap_err();
        assert!(err.to_string().contains("http.listen"), "{err}");
        let err = Config::from_toml_str("[topics]\noutput = \"news.raw\"\n").unwrap_err();
        assert!(err.to_string().contains("topics.output"), "{err}");
    }

    #[test]
    fn managed_librdkafka_properties_cannot_be_overridden() {
        let err =
            Config::from_toml_str("[kafka.consumer]\n\"enable.auto.commit\" = true\n").unwrap_err();
        assert!(err.to_string().contains("enable.auto.commit"), "{err}");
    }

    #[test]
    fn environment_overrides_file_and_maps_property_underscores_to_dots() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "n.toml",
                "[kafka]\ngroup_id = \"from-file\"\n[kafka.producer]\n\"linger.ms\" = \"5\"\n",
            )?;
            jail.set_env("NEWSWIRE__KAFKA__GROUP_ID", "from-env");
            jail.set_env("NEWSWIRE__KAFKA__PRODUCER__LINGER_MS", "50");
            jail.set_env("NEWSWIRE__SHUTDOWN__DRAIN_TIMEOUT", "5s");
            let config = Config::load(Path::new("n.toml"), true).map_err(|e| e.to_string())?;
            assert_eq!(config.kafka.group_id, "from-env");
            assert_eq!(config.shutdown.drain_timeout, Duration::from_secs(5));
            assert_eq!(
                config
                    .kafka
                    .producer
                    .get("linger.ms")
                    .map(|v| v.to_string()),
                Some("50".to_string())
            );
            Ok(())
        });
    }

    #[test]
    fn environment_librdkafka_values_are_taken_verbatim() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("NEWSWIRE__KAFKA__PROPERTIES__SASL_PASSWORD", "007");
            jail.set_env("NEWSWIRE__KAFKA__CONSUMER__FETCH_MAX_BYTES", "1.50");
            jail.set_env("NEWSWIRE__KAFKA__PRODUCER__SASL_USERNAME", "[a,b]");
            let config =
                Config::load(Path::new("missing.toml"), false).map_err(|e| e.to_string())?;
            assert_eq!(
                config.kafka.properties.get("sasl.password"),
                Some(&PropertyValue::Text("007".into()))
            );
            assert_eq!(
                config.kafka.consumer.get("fetch.max.bytes"),
                Some(&PropertyValue::Text("1.50".into()))
            );
            assert_eq!(
                config.kafka.producer.get("sasl.username"),
                Some(&PropertyValue::Text("[a,b]".into()))
            );
            Ok(())
        });
    }

    #[test]
    fn unknown_environment_key_is_rejected() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("NEWSWIRE__TOPICS__INPTU", "x");
            let err = Config::load(Path::new("missing.toml"), false).unwrap_err();
            assert!(err.to_string().contains("inptu"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn builtin_defaults_are_exactly_the_documented_file() {
        // Parsed on its own (no defaults underneath), so the file must state every key,
        // and every value it states must be what a worker without the file uses.
        let documented: Config = toml::from_str(include_str!("../config/newswire.toml"))
            .expect("config/newswire.toml parses without defaults");
        assert_eq!(documented, Config::default());
    }

    #[test]
    fn producer_message_max_bytes_is_derived_from_the_input_limit_or_checked() {
        let config = Config::default();
        assert_eq!(
            config.producer_message_max_bytes().unwrap(),
            1024 * 1024 + DEAD_LETTER_HEADROOM_BYTES
        );
        let err = Config::from_toml_str("[kafka.producer]\n\"message.max.bytes\" = 1000000\n")
            .unwrap_err();
        assert!(err.to_string().contains("message.max.bytes"), "{err}");
        let config = Config::from_toml_str(
            "[pipeline]\nmax_message_bytes = 500000\n[kafka.producer]\n\"message.max.bytes\" = 1000000\n",
        )
        .unwrap();
        assert_eq!(config.producer_message_max_bytes().unwrap(), 1_000_000);
    }

    #[test]
    fn every_sensitive_librdkafka_property_is_masked_in_every_section() {
        for (i, name) in SENSITIVE_PROPERTIES.iter().enumerate() {
            for section in ["properties", "consumer", "producer"] {
                let secret = format!("s3cr3t-value-{i}");
                let config = Config::from_toml_str(&format!(
                    "[kafka.{section}]\n\"{name}\" = \"{secret}\"\n"
                ))
                .unwrap();
                let shown = config.to_redacted_toml();
                assert!(
                    !shown.contains(&secret),
                    "{name} in {section} shown:\n{shown}"
                );
                let stored = name.replace('_', ".");
                assert!(
                    shown.contains(&stored),
                    "{name} in {section} not listed:\n{shown}"
                );
            }
        }
    }

    /// The list above is librdkafka's own: when the bundled librdkafka source is in the
    /// cargo registry (it is after any build), every property it flags `_RK_SENSITIVE`
    /// must be in the list, so that a librdkafka upgrade cannot add an unmasked secret.
    #[test]
    fn sensitive_list_covers_the_bundled_librdkafka() {
        let Some(source) = bundled_librdkafka_conf_c() else {
            panic!("rdkafka-sys's librdkafka source not found under $CARGO_HOME/registry/src");
        };
        let mut flagged = Vec::new();
        for entry in source.split("\n    {").skip(1) {
            let head: String = entry.chars().take(200).collect();
            if head.contains("_RK_SENSITIVE") {
                if let Some(name) = head.split('"').nth(1) {
                    flagged.push(name.to_string());
                }
            }
        }
        assert!(flagged.len() >= 10, "parsed only {flagged:?}");
        for name in &flagged {
            assert!(
                SENSITIVE_PROPERTIES.contains(&name.as_str()),
                "librdkafka marks `{name}` sensitive; add it to SENSITIVE_PROPERTIES"
            );
        }
    }

    fn bundled_librdkafka_conf_c() -> Option<String> {
        let lock = include_str!("../Cargo.lock");
        let version = lock
            .split("[[package]]")
            .find(|p| p.contains("name = \"rdkafka-sys\""))?
            .lines()
            .find_map(|l| l.strip_prefix("version = \""))?
            .trim_end_matches('"')
            .to_string();
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
        for registry in std::fs::read_dir(home.join("registry/src")).ok()? {
            let path = registry.ok()?.path().join(format!(
                "rdkafka-sys-{version}/librdkafka/src/rdkafka_conf.c"
            ));
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Some(text);
            }
        }
        None
    }

    #[test]
    fn secrets_are_masked_when_printed() {
        let config = Config::from_toml_str(
            "[kafka.properties]\n\"sasl.password\" = \"hunter2\"\n\"sasl.username\" = \"u\"\n",
        )
        .unwrap();
        let shown = config.to_redacted_toml();
        assert!(!shown.contains("hunter2"));
        assert!(shown.contains("sasl.username"));
    }
}
