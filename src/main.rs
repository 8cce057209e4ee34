//! The `newswire` command line: a thin layer that parses arguments, sets up logging and
//! calls the library. Errors get their context here, at the edge.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use newswire::config::{self, Config, LogFormat};
use newswire::enrich::Enricher;
use newswire::{demo, offline, pipeline, shutdown};
use tokio_util::sync::CancellationToken;

/// mimalloc instead of glibc's malloc: the per-item path allocates and frees thousands of
/// small strings and vectors per record, on several threads, and glibc's malloc and free
/// were ~13% of the worker's CPU (docs/performance.md). The item_path bench uses the same
/// allocator, so that it measures the worker's path.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Kafka ingestion worker for news: officials and geocoded locations, as structured events.
#[derive(Debug, Parser)]
#[command(name = "newswire", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the worker against a Kafka cluster.
    Run {
        /// Config file (default: $NEWSWIRE_CONFIG, else config/newswire.toml).
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
    /// Run the whole pipeline on an embedded mock Kafka cluster with example items.
    Demo {
        /// Stay up after the examples so you can produce more and scrape /metrics.
        #[arg(long)]
        keep_running: bool,
        /// Address for /metrics, /healthz and /readyz while the demo runs.
        #[arg(long, default_value = "127.0.0.1:9464")]
        listen: String,
    },
    /// Enrich files offline: one item per file, one event per line (JSONL) on stdout.
    Enrich {
        /// Files, or directories (their *.txt and *.json files, in name order). None: stdin.
        paths: Vec<PathBuf>,
        /// Items larger than this many bytes are rejected, as in the worker.
        #[arg(long, default_value_t = 1024 * 1024)]
        max_bytes: usize,
        /// Instead of events, explain each official and location: the rule that found
        /// it, the words it read, and the scores that chose its country or sense.
        #[arg(long)]
        explain: bool,
    },
    /// Validate a config file (plus NEWSWIRE__* overrides) and print the effective config.
    CheckConfig {
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run { config } => run_worker(config),
        Command::Demo {
            keep_running,
            listen,
        } => run_demo(demo::DemoOptions {
            keep_running,
            http_listen: listen,
        }),
        Command::Enrich {
            paths,
            max_bytes,
            explain,
        } => run_enrich(&paths, max_bytes, explain),
        Command::CheckConfig { config } => check_config(config),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newswire: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn load_config(flag: Option<PathBuf>) -> anyhow::Result<(Config, Option<PathBuf>)> {
    let (path, required) = config::resolve_path(flag.as_deref());
    Config::load_reporting_file(&path, required)
        .with_context(|| format!("configuration ({})", path.display()))
}

fn init_logging(format: LogFormat, level: &str) {
    newswire::logging::init(format, level);
}

/// How long the exit waits for blocking tasks still running after the worker returned.
const BLOCKING_TASKS_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Runs a command's async body on a fresh runtime, then gives the blocking tasks still
/// running a bounded moment. By the time the body returns, offsets are committed and the
/// producer flushed; what may still run is a topic lookup abandoned at the stop, waiting
/// on an unreachable broker, and it gets [`BLOCKING_TASKS_GRACE`], not its whole timeout.
/// `run` and `demo` both go through here, so both exit promptly.
fn block_on_with_grace<F: std::future::Future>(body: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("newswire-io")
        .build()
        .context("cannot start the async runtime")?;
    let output = runtime.block_on(body);
    runtime.shutdown_timeout(BLOCKING_TASKS_GRACE);
    Ok(output)
}

fn run_worker(config_flag: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (config, file) = load_config(config_flag)?;
    init_logging(config.log.format, &config.log.level);
    block_on_with_grace(async move {
        let stop = CancellationToken::new();
        shutdown::cancel_on_signal(stop.clone());
        // Logged once the signal listener is up: from this line on, SIGTERM is a clean stop.
        match &file {
            Some(path) => tracing::info!(file = %path.display(), "configuration read"),
            None => tracing::info!(
                "no configuration file ({} absent): built-in defaults and NEWSWIRE__* environment",
                config::DEFAULT_CONFIG_PATH
            ),
        }
        // The data load runs with the signal listener up: an orchestrator that stops the
        // pod while it starts gets a clean exit, not a process killed by the signal.
        let load = tokio::task::spawn_blocking(Enricher::new);
        let enricher = tokio::select! {
            loaded = load => {
                let loaded = loaded.context("the data load panicked")?;
                Arc::new(loaded.context("cannot load enrichment data")?)
            }
            _ = stop.cancelled() => {
                tracing::info!("stopped during start-up, before reading any record");
                return Ok(ExitCode::SUCCESS);
            }
        };
        pipeline::run(config, enricher, stop)
            .await
            .context("worker")?;
        Ok(ExitCode::SUCCESS)
    })?
}

fn run_demo(options: demo::DemoOptions) -> anyhow::Result<ExitCode> {
    init_logging(LogFormat::Text, "warn,newswire=info");
    block_on_with_grace(demo::run(options))??;
    Ok(ExitCode::SUCCESS)
}

fn run_enrich(paths: &[PathBuf], max_bytes: usize, explain: bool) -> anyhow::Result<ExitCode> {
    init_logging(LogFormat::Text, "warn");
    let enricher = Enricher::new().context("cannot load enrichment data")?;
    let inputs = offline::expand_inputs(paths)?;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let failed = if explain {
        offline::explain(&enricher, &inputs, max_bytes, &mut out, &mut err)
    } else {
        offline::run(&enricher, &inputs, max_bytes, &mut out, &mut err)
    }
    .context("writing output")?;
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn check_config(config_flag: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (config, file) = load_config(config_flag)?;
    match file {
        Some(path) => println!(
            "# effective configuration: built-in defaults, then {}, then NEWSWIRE__* environment",
            path.display()
        ),
        None => println!(
            "# effective configuration: built-in defaults (no file read: {} is absent), then NEWSWIRE__* environment",
            config::DEFAULT_CONFIG_PATH
        ),
    }
    println!(
        "# derived: producer message.max.bytes = {} (the output and dead-letter topics' max.message.bytes must be at least this)",
        config.producer_message_max_bytes()?
    );
    if config.delivery == config::Delivery::ExactlyOnce {
        println!(
            "# derived: producer transactional.id = {} (stable per instance, distinct between instances)",
            config.transactional_id()?
        );
    }
    print!("{}", config.to_redacted_toml());
    Ok(ExitCode::SUCCESS)
}
