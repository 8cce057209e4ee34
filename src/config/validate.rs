//! Validation of a deserialized [`Config`]: what the types alone cannot say.
//!
//! Each section validates itself (the way Vector's config structs do), so that a new key
//! is checked next to its siblings and the check is tested on the section alone. Every
//! error is a [`ConfigError::Invalid`] naming the offending key as an operator writes it
//! (`pipeline.max_in_flight`), because that key is what they will search their files for.

use super::{
    Config, ConfigError, Delivery, EnrichConfig, ExactlyOnceConfig, KafkaConfig, LogConfig,
    PipelineConfig, ShutdownConfig, TopicsConfig, DEAD_LETTER_HEADROOM_BYTES,
    LIBRDKAFKA_MESSAGE_MAX_BYTES_LIMIT, MANAGED_PROPERTIES, MAX_BATCH_INTERVAL_LIMIT,
    MAX_BATCH_RECORDS_LIMIT, MAX_IN_FLIGHT_BYTES, MAX_IN_FLIGHT_LIMIT, MIN_IN_FLIGHT_BYTES,
    MIN_TEXT_BYTES,
};

/// Upper bound of `pipeline.workers`: far above any machine this runs on.
const MAX_WORKERS: usize = 1024;

/// The error for `key`, with the reason its value is refused.
fn invalid(key: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key,
        reason: reason.into(),
    }
}

impl Config {
    /// Checks every value that deserialization alone cannot, section by section; the
    /// checks that span sections follow the section they are about. Returns the first
    /// problem found.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.exactly_once.validate()?;
        self.validate_exactly_once_mode()?;
        self.kafka.validate()?;
        self.topics.validate()?;
        self.pipeline.validate()?;
        self.enrich.validate()?;
        self.producer_message_max_bytes()?;
        self.shutdown.validate()?;
        self.http_listen_addr()?;
        self.log.validate()?;
        Ok(())
    }

    /// What only matters with `delivery = "exactly-once"`: the consumer must not read
    /// aborted records, and the instance needs a stable `transactional.id`.
    fn validate_exactly_once_mode(&self) -> Result<(), ConfigError> {
        if self.delivery != Delivery::ExactlyOnce {
            return Ok(());
        }
        let isolation = self
            .kafka
            .consumer
            .get("isolation.level")
            .or_else(|| self.kafka.properties.get("isolation.level"));
        if isolation.is_some_and(|v| v.to_string() != "read_committed") {
            return Err(invalid(
                "kafka.consumer",
                "`isolation.level` must be `read_committed` with delivery = \"exactly-once\" \
                 (an aborted upstream record must not become an event)",
            ));
        }
        self.transactional_id()?;
        Ok(())
    }
}

impl ExactlyOnceConfig {
    /// `exactly_once.*`, checked whatever the delivery mode: a typo must not wait for
    /// the day the mode is switched on.
    fn validate(&self) -> Result<(), ConfigError> {
        if self.transactional_id_prefix.trim().is_empty() {
            return Err(invalid(
                "exactly_once.transactional_id_prefix",
                "must not be empty",
            ));
        }
        if !(1..=MAX_BATCH_RECORDS_LIMIT).contains(&self.max_batch_records) {
            return Err(invalid(
                "exactly_once.max_batch_records",
                format!("must be between 1 and {MAX_BATCH_RECORDS_LIMIT}"),
            ));
        }
        if self.max_batch_interval.is_zero() || self.max_batch_interval > MAX_BATCH_INTERVAL_LIMIT {
            return Err(invalid(
                "exactly_once.max_batch_interval",
                format!(
                    "must be longer than 0s and at most {}s",
                    MAX_BATCH_INTERVAL_LIMIT.as_secs()
                ),
            ));
        }
        Ok(())
    }
}

impl KafkaConfig {
    /// `kafka.*`: somewhere to connect, a group to join, and no passthrough property
    /// that newswire sets itself.
    fn validate(&self) -> Result<(), ConfigError> {
        if self.bootstrap_servers.trim().is_empty() {
            return Err(invalid(
                "kafka.bootstrap_servers",
                "must list at least one host:port",
            ));
        }
        if self.group_id.trim().is_empty() {
            return Err(invalid("kafka.group_id", "must not be empty"));
        }
        for (key, map) in [
            ("kafka.properties", &self.properties),
            ("kafka.consumer", &self.consumer),
            ("kafka.producer", &self.producer),
        ] {
            for name in map.keys() {
                if let Some(instead) = managed_property(name) {
                    return Err(invalid(
                        key,
                        format!("`{name}` is managed by newswire; set `{instead}` instead"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// What to set instead of `name` when newswire manages that librdkafka property itself.
fn managed_property(name: &str) -> Option<&'static str> {
    MANAGED_PROPERTIES
        .iter()
        .find(|(property, _)| *property == name)
        .map(|(_, instead)| *instead)
}

impl TopicsConfig {
    /// `topics.*`: three legal names, and no loop back into the input.
    fn validate(&self) -> Result<(), ConfigError> {
        for (key, topic) in [
            ("topics.input", &self.input),
            ("topics.output", &self.output),
            ("topics.dead_letter", &self.dead_letter),
        ] {
            validate_topic_name(topic).map_err(|reason| invalid(key, reason))?;
        }
        if self.output == self.input {
            return Err(invalid(
                "topics.output",
                "must differ from topics.input (the worker would consume its own events)",
            ));
        }
        if self.dead_letter == self.input {
            return Err(invalid(
                "topics.dead_letter",
                "must differ from topics.input (a poison item would loop forever)",
            ));
        }
        Ok(())
    }
}

/// Kafka's own rule: 1-249 characters of ASCII letters, digits, '.', '_' and '-'.
fn validate_topic_name(topic: &str) -> Result<(), String> {
    if topic.is_empty() {
        return Err("must not be empty".into());
    }
    if topic.len() > 249 {
        return Err(format!("`{topic}` is longer than 249 characters"));
    }
    if topic == "." || topic == ".." {
        return Err(format!("`{topic}` is not a legal topic name"));
    }
    if let Some(bad) = topic
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "`{topic}` contains {bad:?}; topic names allow only ASCII letters, digits, '.', '_' and '-'"
        ));
    }
    Ok(())
}

impl PipelineConfig {
    /// `pipeline.*`: the capacity bounds (items, bytes, one message) and the intervals.
    fn validate(&self) -> Result<(), ConfigError> {
        if !(1..=MAX_IN_FLIGHT_LIMIT).contains(&self.max_in_flight) {
            return Err(invalid(
                "pipeline.max_in_flight",
                format!("must be between 1 and {MAX_IN_FLIGHT_LIMIT}"),
            ));
        }
        if self.workers > MAX_WORKERS {
            return Err(invalid(
                "pipeline.workers",
                format!("must be at most {MAX_WORKERS} (0 means one per core)"),
            ));
        }
        if self.max_message_bytes == 0 {
            return Err(invalid("pipeline.max_message_bytes", "must be at least 1"));
        }
        if self.max_message_bytes + DEAD_LETTER_HEADROOM_BYTES > LIBRDKAFKA_MESSAGE_MAX_BYTES_LIMIT
        {
            return Err(invalid(
                "pipeline.max_message_bytes",
                format!(
                    "must be at most {} (librdkafka's message.max.bytes limit less {DEAD_LETTER_HEADROOM_BYTES} for headers)",
                    LIBRDKAFKA_MESSAGE_MAX_BYTES_LIMIT - DEAD_LETTER_HEADROOM_BYTES
                ),
            ));
        }
        if !(MIN_IN_FLIGHT_BYTES..=MAX_IN_FLIGHT_BYTES).contains(&self.max_in_flight_bytes) {
            return Err(invalid(
                "pipeline.max_in_flight_bytes",
                format!("must be between {MIN_IN_FLIGHT_BYTES} and {MAX_IN_FLIGHT_BYTES}"),
            ));
        }
        if self.stall_timeout.is_zero() {
            return Err(invalid("pipeline.stall_timeout", "must be longer than 0s"));
        }
        if self.commit_interval.is_zero() {
            return Err(invalid(
                "pipeline.commit_interval",
                "must be longer than 0s",
            ));
        }
        Ok(())
    }
}

impl EnrichConfig {
    /// `enrich.*`: room for at least a paragraph.
    fn validate(&self) -> Result<(), ConfigError> {
        if self.max_text_bytes < MIN_TEXT_BYTES {
            return Err(invalid(
                "enrich.max_text_bytes",
                format!("must be at least {MIN_TEXT_BYTES}"),
            ));
        }
        Ok(())
    }
}

impl ShutdownConfig {
    /// `shutdown.*`: a drain that can finish something.
    fn validate(&self) -> Result<(), ConfigError> {
        if self.drain_timeout.is_zero() {
            return Err(invalid("shutdown.drain_timeout", "must be longer than 0s"));
        }
        Ok(())
    }
}

impl LogConfig {
    /// `log.*`: a level the tracing subscriber can parse (the format is an enum already).
    fn validate(&self) -> Result<(), ConfigError> {
        tracing_subscriber::EnvFilter::try_new(&self.level)
            .map_err(|e| invalid("log.level", format!("not a tracing filter: {e}")))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::config::PropertyValue;

    /// The key a section's validation names, or `None` when it passes.
    fn refused_key(result: Result<(), ConfigError>) -> Option<&'static str> {
        match result {
            Ok(()) => None,
            Err(ConfigError::Invalid { key, .. }) => Some(key),
            Err(other) => panic!("validation returned a non-key error: {other}"),
        }
    }

    #[test]
    fn every_default_section_is_valid() {
        let c = Config::default();
        assert_eq!(refused_key(c.exactly_once.validate()), None);
        assert_eq!(refused_key(c.kafka.validate()), None);
        assert_eq!(refused_key(c.topics.validate()), None);
        assert_eq!(refused_key(c.pipeline.validate()), None);
        assert_eq!(refused_key(c.enrich.validate()), None);
        assert_eq!(refused_key(c.shutdown.validate()), None);
        assert_eq!(refused_key(c.log.validate()), None);
        assert_eq!(refused_key(c.validate()), None);
    }

    #[test]
    fn exactly_once_section_names_each_bad_key_and_accepts_its_bounds() {
        let base = Config::default().exactly_once;
        let with = |f: fn(&mut ExactlyOnceConfig)| {
            let mut s = base.clone();
            f(&mut s);
            refused_key(s.validate())
        };
        let prefix = Some("exactly_once.transactional_id_prefix");
        let records = Some("exactly_once.max_batch_records");
        let interval = Some("exactly_once.max_batch_interval");
        assert_eq!(with(|s| s.transactional_id_prefix = "  ".into()), prefix);
        assert_eq!(with(|s| s.max_batch_records = 0), records);
        assert_eq!(
            with(|s| s.max_batch_records = MAX_BATCH_RECORDS_LIMIT + 1),
            records
        );
        assert_eq!(
            with(|s| s.max_batch_records = MAX_BATCH_RECORDS_LIMIT),
            None
        );
        assert_eq!(with(|s| s.max_batch_interval = Duration::ZERO), interval);
        assert_eq!(
            with(|s| s.max_batch_interval = MAX_BATCH_INTERVAL_LIMIT + Duration::from_millis(1)),
            interval
        );
        assert_eq!(
            with(|s| s.max_batch_interval = MAX_BATCH_INTERVAL_LIMIT),
            None
        );
    }

    #[test]
    fn exactly_once_mode_checks_only_apply_in_that_mode() {
        let mut c = Config::default();
        c.kafka.consumer.insert(
            "isolation.level".into(),
            PropertyValue::Text("read_uncommitted".into()),
        );
        assert_eq!(refused_key(c.validate_exactly_once_mode()), None);
        c.delivery = Delivery::ExactlyOnce;
        c.exactly_once.instance_id = "worker-0".into();
        assert_eq!(
            refused_key(c.validate_exactly_once_mode()),
            Some("kafka.consumer")
        );
        c.kafka.consumer.insert(
            "isolation.level".into(),
            PropertyValue::Text("read_committed".into()),
        );
        assert_eq!(refused_key(c.validate_exactly_once_mode()), None);
    }

    #[test]
    fn kafka_section_names_the_connection_keys_and_the_map_of_a_managed_property() {
        let base = Config::default().kafka;
        let mut s = base.clone();
        s.bootstrap_servers = " ".into();
        assert_eq!(refused_key(s.validate()), Some("kafka.bootstrap_servers"));
        let mut s = base.clone();
        s.group_id = String::new();
        assert_eq!(refused_key(s.validate()), Some("kafka.group_id"));
        let mut s = base.clone();
        s.producer
            .insert("enable.idempotence".into(), PropertyValue::Bool(false));
        let err = s.validate().unwrap_err().to_string();
        assert!(err.contains("`kafka.producer`"), "{err}");
        assert!(
            err.contains("`enable.idempotence` is managed by newswire"),
            "{err}"
        );
        let mut s = base;
        s.properties
            .insert("group.id".into(), PropertyValue::Text("g".into()));
        let err = s.validate().unwrap_err().to_string();
        assert!(err.contains("`kafka.properties`"), "{err}");
        assert!(err.contains("set `kafka.group_id` instead"), "{err}");
    }

    #[test]
    fn managed_property_names_what_to_set_instead() {
        assert_eq!(
            managed_property("bootstrap.servers"),
            Some("kafka.bootstrap_servers")
        );
        assert_eq!(managed_property("linger.ms"), None);
        // Names are compared as stored (dotted); the loader has dotted them already.
        assert_eq!(managed_property("group_id"), None);
    }

    #[test]
    fn topics_section_names_the_bad_or_looping_topic() {
        let base = Config::default().topics;
        let with = |f: fn(&mut TopicsConfig)| {
            let mut s = base.clone();
            f(&mut s);
            refused_key(s.validate())
        };
        assert_eq!(with(|s| s.input = String::new()), Some("topics.input"));
        assert_eq!(
            with(|s| s.dead_letter = "a/b".into()),
            Some("topics.dead_letter")
        );
        assert_eq!(with(|s| s.output = s.input.clone()), Some("topics.output"));
        assert_eq!(
            with(|s| s.dead_letter = s.input.clone()),
            Some("topics.dead_letter")
        );
        // Events and dead letters may share a topic; only a loop into the input is refused.
        assert_eq!(with(|s| s.dead_letter = s.output.clone()), None);
    }

    #[test]
    fn topic_names_follow_kafkas_rule() {
        assert!(validate_topic_name("news.raw_v2-eu").is_ok());
        assert!(validate_topic_name(&"a".repeat(249)).is_ok());
        assert!(validate_topic_name(&"a".repeat(250)).is_err());
        assert!(validate_topic_name("").is_err());
        assert!(validate_topic_name(".").is_err());
        assert!(validate_topic_name("..").is_err());
        assert!(validate_topic_name("...").is_ok());
        let err = validate_topic_name("news raw").unwrap_err();
        assert!(err.contains("' '"), "{err}");
    }

    #[test]
    fn pipeline_section_names_each_bound_it_refuses() {
        let base = Config::default().pipeline;
        let with = |f: fn(&mut PipelineConfig)| {
            let mut s = base.clone();
            f(&mut s);
            refused_key(s.validate())
        };
        let in_flight = Some("pipeline.max_in_flight");
        let message = Some("pipeline.max_message_bytes");
        let bytes = Some("pipeline.max_in_flight_bytes");
        assert_eq!(with(|s| s.max_in_flight = 0), in_flight);
        assert_eq!(
            with(|s| s.max_in_flight = MAX_IN_FLIGHT_LIMIT + 1),
            in_flight
        );
        assert_eq!(with(|s| s.max_in_flight = MAX_IN_FLIGHT_LIMIT), None);
        assert_eq!(
            with(|s| s.workers = MAX_WORKERS + 1),
            Some("pipeline.workers")
        );
        assert_eq!(with(|s| s.workers = MAX_WORKERS), None);
        assert_eq!(with(|s| s.max_message_bytes = 0), message);
        assert_eq!(
            with(|s| s.max_message_bytes =
                LIBRDKAFKA_MESSAGE_MAX_BYTES_LIMIT - DEAD_LETTER_HEADROOM_BYTES + 1),
            message
        );
        assert_eq!(
            with(|s| s.max_message_bytes =
                LIBRDKAFKA_MESSAGE_MAX_BYTES_LIMIT - DEAD_LETTER_HEADROOM_BYTES),
            None
        );
        assert_eq!(
            with(|s| s.max_in_flight_bytes = MIN_IN_FLIGHT_BYTES - 1),
            bytes
        );
        assert_eq!(
            with(|s| s.max_in_flight_bytes = MAX_IN_FLIGHT_BYTES + 1),
            bytes
        );
        assert_eq!(with(|s| s.max_in_flight_bytes = MIN_IN_FLIGHT_BYTES), None);
        assert_eq!(
            with(|s| s.stall_timeout = Duration::ZERO),
            Some("pipeline.stall_timeout")
        );
        assert_eq!(
            with(|s| s.commit_interval = Duration::ZERO),
            Some("pipeline.commit_interval")
        );
    }

    #[test]
    fn enrich_shutdown_and_log_sections_name_their_key() {
        let c = Config::default();
        let mut enrich = c.enrich.clone();
        enrich.max_text_bytes = MIN_TEXT_BYTES - 1;
        assert_eq!(
            refused_key(enrich.validate()),
            Some("enrich.max_text_bytes")
        );
        enrich.max_text_bytes = MIN_TEXT_BYTES;
        assert_eq!(refused_key(enrich.validate()), None);
        let mut shutdown = c.shutdown.clone();
        shutdown.drain_timeout = Duration::ZERO;
        assert_eq!(
            refused_key(shutdown.validate()),
            Some("shutdown.drain_timeout")
        );
        let mut log = c.log.clone();
        log.level = "newswire=loud".into();
        assert_eq!(refused_key(log.validate()), Some("log.level"));
        log.level = "warn,newswire=debug".into();
        assert_eq!(refused_key(log.validate()), None);
    }

    #[test]
    fn whole_config_reports_a_cross_section_problem_by_its_key() {
        // Each section is valid alone; together the producer limit is too small for the
        // dead-letter copy of the largest accepted input.
        let mut c = Config::default();
        c.kafka.producer.insert(
            "message.max.bytes".into(),
            PropertyValue::Integer(c.pipeline.max_message_bytes as i64),
        );
        assert_eq!(refused_key(c.kafka.validate()), None);
        assert_eq!(refused_key(c.pipeline.validate()), None);
        assert_eq!(refused_key(c.validate()), Some("kafka.producer"));
    }
}
