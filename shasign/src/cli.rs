//! The command line: the subcommand and its options.

use std::ffi::OsString;

use ogone::{Charset, HashAlgorithm, ListKind, SortOrder, TransportCharset};

/// The `--help` text (the same as in the module documentation).
pub const USAGE: &str = include_str!("usage.txt");

/// The subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Sign,
    Verify,
    Explain,
    Diagnose,
}

/// Everything the command line says.
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
pub enum Parsed {
    Help,
    Run(Options),
}

/// Parses the command line (without the program name).
pub fn parse_args(args: impl Iterator<Item = OsString>) -> Result<Parsed, String> {
    let args = args
        .map(|a| {
            a.into_string()
                .map_err(|a| format!("argument {a:?} is not valid UTF-8"))
        })
        .collect::<Result<Vec<String>, String>>()?;
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Parsed::Help);
    }
    let mut command = None;
    let mut algorithm = None;
    let mut list = None;
    let mut order = None;
    let mut charset = None;
    let mut transport = None;
    let mut expect = None;
    let mut legacy = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if let Some(option) = arg.strip_prefix("--") {
            let (name, inline) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (option, None),
            };
            if name == "legacy" {
                if inline.is_some() {
                    return Err(String::from("--legacy takes no value"));
                }
                legacy = true;
                continue;
            }
            let slot: &mut Option<String> = match name {
                "algorithm" => &mut algorithm,
                "list" => &mut list,
                "order" => &mut order,
                "charset" => &mut charset,
                "transport" => &mut transport,
                "expect" => &mut expect,
                _ => return Err(format!("unknown option --{name}; try --help")),
            };
            let value = match inline {
                Some(value) => value,
                None => args
                    .next()
                    .ok_or_else(|| format!("--{name} needs a value; try --help"))?,
            };
            if slot.is_some() {
                return Err(format!("--{name} is given twice"));
            }
            *slot = Some(value);
        } else if arg.starts_with('-') {
            return Err(format!("unknown option {arg}; try --help"));
        } else if command.is_none() {
            command = Some(match arg.as_str() {
                "sign" => Command::Sign,
                "verify" => Command::Verify,
                "explain" => Command::Explain,
                "diagnose" => Command::Diagnose,
                _ => {
                    return Err(format!(
                        "unknown subcommand {arg:?}; expected sign, verify, explain or diagnose"
                    ));
                }
            });
        } else {
            return Err(format!("unexpected argument {arg:?}; try --help"));
        }
    }
    let command = command.ok_or_else(|| {
        String::from("missing subcommand: sign, verify, explain or diagnose; try --help")
    })?;
    if let Some(expect) = &expect {
        if command != Command::Diagnose {
            return Err(String::from("--expect is only for diagnose"));
        }
        check_expect(expect)?;
    }
    let configured =
        legacy || algorithm.is_some() || list.is_some() || order.is_some() || charset.is_some();
    let list_given = list.is_some();
    let algorithm = match algorithm {
        None => HashAlgorithm::Sha512,
        Some(a) => HashAlgorithm::parse(&a)
            .ok_or_else(|| format!("unknown --algorithm {a:?}; expected sha1, sha256 or sha512"))?,
    };
    let list = match list {
        None if command == Command::Verify => ListKind::ShaOut,
        None => ListKind::ShaIn,
        Some(l) => ListKind::parse(&l).ok_or_else(|| {
            format!(
                "unknown --list {l:?}; expected sha-in, sha-out, alias-gateway-in, \
                 alias-gateway-out, flexcheckout-in, flexcheckout-out or all"
            )
        })?,
    };
    let order = match order.as_deref() {
        None => SortOrder::Ingenico,
        Some(o) if o.eq_ignore_ascii_case("ingenico") => SortOrder::Ingenico,
        Some(o) if o.eq_ignore_ascii_case("byte") => SortOrder::Byte,
        Some(o) => return Err(format!("unknown --order {o:?}; expected ingenico or byte")),
    };
    let charset = match charset {
        None => Charset::Utf8,
        Some(c) => Charset::parse(&c)
            .ok_or_else(|| format!("unknown --charset {c:?}; expected utf-8 or iso-8859-1"))?,
    };
    let transport = match transport {
        None => charset.transport(),
        Some(t) => TransportCharset::parse(&t).ok_or_else(|| {
            format!("unknown --transport {t:?}; expected utf-8, iso-8859-1 or windows-1252")
        })?,
    };
    Ok(Parsed::Run(Options {
        command,
        algorithm,
        list,
        order,
        charset,
        transport,
        legacy,
        expect,
        configured,
        list_given,
    }))
}

/// Checks the value of --expect: 40, 64 or 128 hex digits.
fn check_expect(expect: &str) -> Result<(), String> {
    if !expect.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(String::from("--expect is not hexadecimal"));
    }
    if !HashAlgorithm::ALL
        .iter()
        .any(|a| a.hex_len() == expect.len())
    {
        return Err(format!(
            "--expect has {} characters; 40, 64 or 128 hex digits expected",
            expect.len()
        ));
    }
    Ok(())
}
