//! The command line, as clap types: the subcommand of a parameter-set run (`sign`, `verify`,
//! `explain`, `diagnose`) and its options, or a Worldline Direct command with its own.
//!
//! The help is the text of `usage.txt`, for `shasign --help` as for every command's. A usage
//! error is clap's (its message, the usage line, exit 2); bad input, read once the command line
//! is parsed, is one `shasign: ...` line.

use std::ffi::OsString;
use std::num::NonZeroUsize;

use clap::error::ErrorKind;
use clap::{ArgAction, Args, CommandFactory, Parser, ValueEnum};
use ogone::audit::AuditList;
use ogone::{Charset, HashAlgorithm, ListKind, SortOrder, TransportCharset};

/// The `--help` text (the same as in the crate documentation).
pub const USAGE: &str = include_str!("usage.txt");

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "shasign",
    override_usage = "shasign <sign|verify|explain|diagnose> [options] < parameter-sets",
    override_help = USAGE,
    disable_help_subcommand = true,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    // What to do with each parameter set; the options may come before it or after it.
    #[arg(
        value_enum,
        required = true,
        value_name = "sign|verify|explain|diagnose"
    )]
    command: Option<Command>,
    #[command(flatten)]
    options: SetOptions,
    // `audit`, or a Worldline Direct command (feature `worldline`), instead.
    #[command(subcommand)]
    other: Option<Other>,
}

/// The commands with options of their own: `audit`, and the Worldline Direct ones.
#[derive(Debug, clap::Subcommand)]
enum Other {
    #[command(
        name = "audit",
        override_usage = "shasign audit [--input FILE|-] [--format jsonl|csv|lines] \
                          [--keys-file FILE] [--output FILE] [--output-format jsonl|csv] ...",
        override_help = USAGE
    )]
    Audit(Box<AuditArgs>),
    #[cfg(feature = "worldline")]
    #[command(flatten)]
    Worldline(Worldline),
}

/// `--format`: how the bodies are stored, one record a line (CSV: a record may span lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// One raw body a line, as posted.
    Lines,
    /// One JSON object a line, the body in a string field.
    Jsonl,
    /// CSV with a header row, the body in a column.
    Csv,
}

/// `--output-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object a line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

/// `shasign audit`: re-verifies stored feedback bodies in bulk.
#[derive(Debug, Args)]
pub struct AuditArgs {
    // A file, or `-` for standard input (also when not given).
    #[arg(long, value_name = "FILE|-", allow_hyphen_values = true)]
    pub input: Option<OsString>,
    #[arg(
        long,
        value_enum,
        value_name = "jsonl|csv|lines",
        default_value = "lines"
    )]
    pub format: InputFormat,
    #[arg(
        long,
        value_name = "NAME",
        default_value = "body",
        allow_hyphen_values = true
    )]
    pub body_field: String,
    #[arg(
        long,
        value_name = "NAME",
        default_value = "body",
        allow_hyphen_values = true
    )]
    pub body_column: String,
    // The algorithm of OGONE_PASSPHRASE; a keys file names its own.
    #[arg(long, value_name = "sha1|sha256|sha512", value_parser = algorithm, conflicts_with = "keys_file")]
    pub algorithm: Option<HashAlgorithm>,
    #[arg(long, value_name = "FILE")]
    pub keys_file: Option<OsString>,
    #[arg(long = "transport", value_name = "utf-8|iso-8859-1|windows-1252", value_parser = transport, action = ArgAction::Append)]
    pub transports: Vec<TransportCharset>,
    #[arg(long = "list", value_name = "LIST", value_parser = audit_list, action = ArgAction::Append)]
    pub lists: Vec<AuditList>,
    #[arg(long, value_name = "FILE|-", allow_hyphen_values = true)]
    pub output: Option<OsString>,
    #[arg(long, value_enum, value_name = "jsonl|csv", default_value = "jsonl")]
    pub output_format: OutputFormat,
    // Threads, each reading and auditing batches in turn (default: one a core).
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
}

/// The subcommand of a parameter-set run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Command {
    Sign,
    Verify,
    Explain,
    Diagnose,
}

/// The options of a parameter-set run, as given. The value parsers are the library's, with the
/// old words for what they expect.
#[derive(Debug, Args)]
struct SetOptions {
    #[arg(long, value_name = "sha1|sha256|sha512", value_parser = algorithm)]
    algorithm: Option<HashAlgorithm>,
    #[arg(long, value_name = "LIST", value_parser = list)]
    list: Option<ListKind>,
    #[arg(long, value_name = "ingenico|byte", value_parser = order)]
    order: Option<SortOrder>,
    #[arg(long, value_name = "utf-8|iso-8859-1", value_parser = charset)]
    charset: Option<Charset>,
    #[arg(long, value_name = "utf-8|iso-8859-1|windows-1252", value_parser = transport)]
    transport: Option<TransportCharset>,
    // A flag: given twice it is still on (as before clap), hence the override of itself.
    #[arg(long, overrides_with = "legacy")]
    legacy: bool,
    #[arg(long, value_name = "SHASIGN", value_parser = expect)]
    expect: Option<String>,
}

/// The Worldline Direct commands (feature `worldline`), with options of their own. Each value is
/// the next argument, whatever it starts with (as before clap).
#[cfg(feature = "worldline")]
#[derive(Debug, clap::Subcommand)]
pub enum Worldline {
    #[command(
        name = "worldline-sign",
        override_usage = "shasign worldline-sign --method M --resource R [--content-type CT] \
                          --date D [--header 'Name: value']... [--resource-mode strict|raw|decoded]",
        override_help = USAGE
    )]
    Sign(WorldlineSign),
    #[command(
        name = "worldline-webhook",
        override_usage = "shasign worldline-webhook --key-id ID --signature SIG < raw-body",
        override_help = USAGE
    )]
    Webhook(WorldlineWebhook),
}

/// `shasign worldline-sign`.
#[cfg(feature = "worldline")]
#[derive(Debug, Args)]
pub struct WorldlineSign {
    #[arg(long, value_name = "M", allow_hyphen_values = true)]
    pub method: String,
    #[arg(long, value_name = "R", allow_hyphen_values = true)]
    pub resource: String,
    #[arg(long, value_name = "CT", allow_hyphen_values = true)]
    pub content_type: Option<String>,
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub date: String,
    // `Name: value`, as many as there are headers; the name trimmed, the value as given.
    #[arg(long = "header", value_name = "Name: value", allow_hyphen_values = true, value_parser = header)]
    pub headers: Vec<(String, String)>,
    // Strict when not given.
    #[arg(long, value_enum, value_name = "strict|raw|decoded")]
    pub resource_mode: Option<ResourceMode>,
}

/// `--resource-mode`: what the path of `--resource` is signed as.
#[cfg(feature = "worldline")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResourceMode {
    Strict,
    Raw,
    Decoded,
}

/// `shasign worldline-webhook`.
#[cfg(feature = "worldline")]
#[derive(Debug, Args)]
pub struct WorldlineWebhook {
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub key_id: String,
    #[arg(long, value_name = "SIG", allow_hyphen_values = true)]
    pub signature: String,
}

/// Everything the command line says to a parameter-set run, defaults applied.
#[derive(Debug, Clone)]
pub struct Options {
    pub command: Command,
    pub algorithm: HashAlgorithm,
    pub list: ListKind,
    pub order: SortOrder,
    pub charset: Charset,
    pub transport: TransportCharset,
    pub legacy: bool,
    /// diagnose: the signature to diagnose (`None`: each set's own SHASIGN).
    pub expect: Option<String>,
    /// Whether --algorithm, --list, --order, --charset or --legacy was given.
    pub configured: bool,
    /// Whether --list was given (diagnose: the direction is then the list's, else the one the
    /// matches point to).
    pub list_given: bool,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Invocation {
    /// A parameter-set run over standard input.
    Sets(Options),
    /// `shasign audit`.
    Audit(Box<AuditArgs>),
    /// A Worldline Direct command.
    #[cfg(feature = "worldline")]
    Worldline(Worldline),
}

/// Parses the command line (with the program name first). `Err` is clap's: the help
/// ([`ErrorKind::DisplayHelp`]) or a usage error.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Invocation, clap::Error> {
    let cli = Cli::try_parse_from(args)?;
    match cli.other {
        Some(Other::Audit(args)) => return Ok(Invocation::Audit(args)),
        #[cfg(feature = "worldline")]
        Some(Other::Worldline(command)) => return Ok(Invocation::Worldline(command)),
        None => {}
    }
    let Some(command) = cli.command else {
        // clap requires it unless a Worldline command is given.
        return Err(usage_error(
            ErrorKind::MissingRequiredArgument,
            "missing subcommand: sign, verify, explain or diagnose",
        ));
    };
    let SetOptions {
        algorithm,
        list,
        order,
        charset,
        transport,
        legacy,
        expect,
    } = cli.options;
    if expect.is_some() && command != Command::Diagnose {
        return Err(usage_error(
            ErrorKind::ArgumentConflict,
            "--expect is only for diagnose",
        ));
    }
    let configured =
        legacy || algorithm.is_some() || list.is_some() || order.is_some() || charset.is_some();
    let charset = charset.unwrap_or(Charset::Utf8);
    Ok(Invocation::Sets(Options {
        command,
        algorithm: algorithm.unwrap_or(HashAlgorithm::Sha512),
        list: list.unwrap_or(if command == Command::Verify {
            ListKind::ShaOut
        } else {
            ListKind::ShaIn
        }),
        order: order.unwrap_or(SortOrder::Ingenico),
        charset,
        transport: transport.unwrap_or_else(|| charset.transport()),
        legacy,
        expect,
        configured,
        list_given: list.is_some(),
    }))
}

/// A usage error that clap cannot see (it depends on the subcommand), in clap's form.
fn usage_error(kind: ErrorKind, message: &str) -> clap::Error {
    Cli::command().error(kind, message)
}

fn algorithm(value: &str) -> Result<HashAlgorithm, &'static str> {
    HashAlgorithm::parse(value).ok_or("expected sha1, sha256 or sha512")
}

fn list(value: &str) -> Result<ListKind, &'static str> {
    ListKind::parse(value).ok_or(
        "expected sha-in, sha-out, alias-gateway-in, alias-gateway-out, flexcheckout-in, \
         flexcheckout-out or all",
    )
}

fn audit_list(value: &str) -> Result<AuditList, &'static str> {
    AuditList::parse(value).ok_or("expected sha-out, flexcheckout-out, alias-gateway-out or legacy")
}

fn order(value: &str) -> Result<SortOrder, &'static str> {
    if value.eq_ignore_ascii_case("ingenico") {
        Ok(SortOrder::Ingenico)
    } else if value.eq_ignore_ascii_case("byte") {
        Ok(SortOrder::Byte)
    } else {
        Err("expected ingenico or byte")
    }
}

fn charset(value: &str) -> Result<Charset, &'static str> {
    Charset::parse(value).ok_or("expected utf-8 or iso-8859-1")
}

fn transport(value: &str) -> Result<TransportCharset, &'static str> {
    TransportCharset::parse(value).ok_or("expected utf-8, iso-8859-1 or windows-1252")
}

/// The value of --expect: 40, 64 or 128 hex digits, either case.
fn expect(value: &str) -> Result<String, String> {
    if !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(String::from("not hexadecimal"));
    }
    if !HashAlgorithm::ALL
        .iter()
        .any(|a| a.hex_len() == value.len())
    {
        return Err(format!(
            "{} characters; 40, 64 or 128 hex digits expected",
            value.len()
        ));
    }
    Ok(value.to_owned())
}

/// A `--header` value: `Name: value`, the name trimmed.
#[cfg(feature = "worldline")]
fn header(value: &str) -> Result<(String, String), &'static str> {
    let (name, value) = value.split_once(':').ok_or("not 'Name: value'")?;
    Ok((name.trim().to_owned(), value.to_owned()))
}
