//! Log output on stderr: human text or one JSON object per line.
//!
//! - Text is coloured only when stderr is a terminal and `NO_COLOR` is unset or empty
//!   (<https://no-color.org>): files, pipes and container log collectors get plain text.
//! - JSON is flat: `timestamp`, `level`, `target`, `message`, then the event's fields at
//!   the top level (no nested `fields` object, no spans), and never a source file path:
//!   lines that the Kafka client library logs through the `log` crate lose their
//!   `log.file` / `log.line` / `log.module_path` metadata and keep their own target.
//! - Repeated Kafka client errors are collapsed by [`crate::log_limit`]; the rdkafka
//!   crate's "Ignored event 'Error' on base producer poll", a second line for every
//!   producer error that the error callback has already reported, is dropped.

use std::fmt;
use std::io::IsTerminal;

use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::{Context, Filter, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::LogFormat;

/// Whether text logs get ANSI colours: only on a terminal, and never with `NO_COLOR` set
/// to a non-empty value.
pub fn use_color(stderr_is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    stderr_is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// Installs the global subscriber (a second call does nothing). `level` is a tracing
/// filter (`info`, `warn,newswire=debug`, ...); an invalid one falls back to `info`.
pub fn init(format: LogFormat, level: &str) {
    let filter = EnvFilter::try_new(level).unwrap_or_else(|_| EnvFilter::new("info"));
    let layer = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let layer = match format {
        LogFormat::Json => layer.event_format(FlatJson).boxed(),
        LogFormat::Text => layer
            .with_ansi(use_color(
                std::io::stderr().is_terminal(),
                std::env::var_os("NO_COLOR").as_deref(),
            ))
            .boxed(),
    };
    let _ = tracing_subscriber::registry()
        .with(layer.with_filter(DropRedundant))
        .with(filter)
        .try_init();
}

/// The fields of one event, with the `log` crate's metadata set apart.
#[derive(Default)]
struct Fields {
    message: Option<String>,
    log_target: Option<String>,
    other: Vec<(&'static str, serde_json::Value)>,
}

impl Fields {
    fn of(event: &Event<'_>) -> Self {
        let mut f = Fields::default();
        event.record(&mut f);
        f
    }

    fn put(&mut self, field: &Field, value: serde_json::Value) {
        match field.name() {
            "message" => {
                self.message = Some(match value {
                    serde_json::Value::String(s) => s,
                    v => v.to_string(),
                })
            }
            "log.target" => self.log_target = value.as_str().map(str::to_string),
            // File, line and module of a `log` record: build paths, not for the log.
            name if name.starts_with("log.") => {}
            name => self
                .other
                .push((name.strip_prefix("r#").unwrap_or(name), value)),
        }
    }
}

impl Visit for Fields {
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.put(field, serde_json::json!(value));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, value.into());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, value.into());
    }
    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.put(field, value.to_string().into());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.put(field, format!("{value:?}").into());
    }
}

/// One flat JSON object per event.
struct FlatJson;

impl<S, N> FormatEvent<S, N> for FlatJson
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'w> FormatFields<'w> + 'static,
{
    fn format_event(
        &self,
        _ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let fields = Fields::of(event);
        let meta = event.metadata();
        let mut line = serde_json::Map::new();
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let target = fields
            .log_target
            .unwrap_or_else(|| meta.target().to_string());
        line.insert("timestamp".into(), now.into());
        line.insert("level".into(), meta.level().as_str().into());
        line.insert("target".into(), target.into());
        line.insert("message".into(), fields.message.unwrap_or_default().into());
        for (name, value) in fields.other {
            // The four keys above are reserved; an event field of the same name keeps
            // its value under a prefixed key rather than replacing them.
            let key = if line.contains_key(name) {
                format!("field.{name}")
            } else {
                name.to_string()
            };
            line.insert(key, value);
        }
        // serde_json's map is ordered by key unless told otherwise; write the fixed keys
        // first so that a person reading raw lines sees time, level and message first.
        let mut out = String::from("{");
        for key in ["timestamp", "level", "target", "message"] {
            push_entry(&mut out, key, &line[key]);
        }
        for (key, value) in &line {
            if !matches!(key.as_str(), "timestamp" | "level" | "target" | "message") {
                push_entry(&mut out, key, value);
            }
        }
        out.push('}');
        writeln!(writer, "{out}")
    }
}

fn push_entry(out: &mut String, key: &str, value: &serde_json::Value) {
    if out.len() > 1 {
        out.push(',');
    }
    out.push_str(&serde_json::Value::from(key).to_string());
    out.push(':');
    out.push_str(&value.to_string());
}

/// Drops log lines that only repeat what another line already said.
struct DropRedundant;

const RDKAFKA_PRODUCER: &str = "rdkafka::producer::base_producer";

impl<S> Filter<S> for DropRedundant {
    fn enabled(&self, _meta: &tracing::Metadata<'_>, _cx: &Context<'_, S>) -> bool {
        true
    }

    fn event_enabled(&self, event: &Event<'_>, _cx: &Context<'_, S>) -> bool {
        // `log` records arrive with the target "log" and their own in a field.
        if event.metadata().target() != "log" {
            return true;
        }
        let fields = Fields::of(event);
        !(fields.log_target.as_deref() == Some(RDKAFKA_PRODUCER)
            && fields
                .message
                .as_deref()
                .is_some_and(|m| m.starts_with("Ignored event 'Error'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::sync::{Arc, Mutex};

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_color(true, None));
        assert!(
            use_color(true, Some(OsStr::new(""))),
            "empty NO_COLOR is unset"
        );
        assert!(!use_color(true, Some(OsStr::new("1"))));
        assert!(
            !use_color(false, None),
            "a file or pipe gets no colour codes"
        );
        assert!(!use_color(false, Some(OsStr::new("1"))));
    }

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn json_lines(emit: impl FnOnce()) -> Vec<serde_json::Value> {
        let buf = Buffer::default();
        let writer = buf.clone();
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_writer(move || writer.clone())
                .event_format(FlatJson)
                .with_filter(DropRedundant),
        );
        tracing::subscriber::with_default(subscriber, emit);
        let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
            .collect()
    }

    #[test]
    fn json_lines_are_flat_objects_with_level_target_and_message() {
        let lines = json_lines(|| {
            tracing::warn!(
                client = "producer",
                code = "AllBrokersDown",
                suppressed = 3u64,
                "kafka client error"
            );
        });
        assert_eq!(lines.len(), 1);
        let line = lines[0].as_object().unwrap();
        assert_eq!(line["level"], "WARN");
        assert_eq!(line["message"], "kafka client error");
        assert_eq!(line["target"], "newswire::logging::tests");
        assert_eq!(line["code"], "AllBrokersDown");
        assert_eq!(line["suppressed"], 3);
        assert!(line["timestamp"].as_str().unwrap().ends_with('Z'));
        for absent in ["fields", "span", "spans", "filename", "line_number"] {
            assert!(!line.contains_key(absent), "{absent} in {line:?}");
        }
    }

    #[test]
    fn an_event_field_never_replaces_the_reserved_keys() {
        let lines = json_lines(|| tracing::info!(level = "custom", "hello"));
        assert_eq!(lines[0]["level"], "INFO");
        assert_eq!(lines[0]["field.level"], "custom");
    }
}
