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
        Command::Enrich { paths, max_bytes } => run_enrich(&paths, max_bytes),
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

fn load_config(flag: Option<PathBuf>) -> anyhow::Result<Config> {
    let (path, required) = config::resolve_path(flag.as_deref());
    Config::load(&path, required).with_context(|| format!("configuration ({})", path.display()))
}

fn init_logging(format: LogFormat, level: &str) {
    newswire::logging::init(format, level);
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("newswire-io")
        .build()
        .context("cannot start the async runtime")
}

fn run_worker(config_flag: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let config = load_config(config_flag)?;
    init_logging(config.log.format, &config.log.level);
    let enricher = Arc::new(Enricher::new().context("cannot load enrichment data")?);
    runtime()?.block_on(async move {
        let stop = CancellationToken::new();
        shutdown::cancel_on_signal(stop.clone());
        pipeline::run(config, enricher, stop)
            .await
            .context("worker")?;
        Ok(ExitCode::SUCCESS)
    })
}

fn run_demo(options: demo::DemoOptions) -> anyhow::Result<ExitCode> {
    init_logging(LogFormat::Text, "warn,newswire=info");
    runtime()?.block_on(demo::run(options))?;
    Ok(ExitCode::SUCCESS)
}

fn run_enrich(paths: &[PathBuf], max_bytes: usize) -> anyhow::Result<ExitCode> {
    init_logging(LogFormat::Text, "warn");
    let enricher = Enricher::new().context("cannot load enrichment data")?;
    let inputs = offline::expand_inputs(paths)?;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let failed = offline::run(&enricher, &inputs, max_bytes, &mut out, &mut err)
        .context("writing output")?;
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn check_config(config_flag: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (path, _) = config::resolve_path(config_flag.as_deref());
    let config = load_config(config_flag)?;
    println!(
        "# effective configuration: {} + NEWSWIRE__* environment",
        path.display()
    );
    print!("{}", config.to_redacted_toml());
    Ok(ExitCode::SUCCESS)
}
