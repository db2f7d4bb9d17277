//! The SHA-OUT keys of an audit: `OGONE_PASSPHRASE` with `--algorithm`, or a keys file of
//! `ALGORITHM:PASSPHRASE` lines. Never from an argument; no message shows a passphrase or a
//! line of the keys file.

use std::ffi::OsStr;
use std::io::{self, Write};

use ogone::{HashAlgorithm, ShaOutKey};
use zeroize::Zeroizing;

use crate::sets::passphrase_text;

/// The keys, in the order of the keys file (their index in the output), or the one of
/// `OGONE_PASSPHRASE` (index 0).
pub fn load(
    keys_file: Option<&OsStr>,
    algorithm: Option<HashAlgorithm>,
) -> Result<Vec<(ShaOutKey, HashAlgorithm)>, String> {
    let Some(path) = keys_file else {
        let algorithm = algorithm.unwrap_or(HashAlgorithm::Sha512);
        return Ok(vec![(ShaOutKey::new(passphrase_text()?), algorithm)]);
    };
    let name = std::path::Path::new(path).display().to_string();
    // Wiped when dropped: it holds every passphrase.
    let bytes = Zeroizing::new(
        std::fs::read(path).map_err(|e| format!("cannot read keys file {name}: {e}"))?,
    );
    let text =
        std::str::from_utf8(&bytes).map_err(|_| format!("keys file {name} is not valid UTF-8"))?;
    let keys = parse(text).map_err(|e| format!("keys file {name}: {e}"))?;
    if keys.is_empty() {
        return Err(format!("keys file {name} holds no key"));
    }
    Ok(keys)
}

/// The keys of a keys file's text: one `ALGORITHM:PASSPHRASE` a line (the passphrase is
/// everything after the first colon, a trailing CR left out); blank lines and lines starting
/// with `#` skipped. The errors name the line, never its text.
pub fn parse(text: &str) -> Result<Vec<(ShaOutKey, HashAlgorithm)>, String> {
    let mut keys = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line_no = index.saturating_add(1);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((algorithm, passphrase)) = line.split_once(':') else {
            return Err(format!(
                "line {line_no}: expected ALGORITHM:PASSPHRASE (no colon)"
            ));
        };
        let Some(algorithm) = HashAlgorithm::parse(algorithm.trim()) else {
            return Err(format!(
                "line {line_no}: the algorithm before the first colon is not sha1, sha256 or \
                 sha512"
            ));
        };
        if passphrase.is_empty() {
            return Err(format!("line {line_no}: empty passphrase"));
        }
        if passphrase.trim() != passphrase {
            let _ = writeln!(
                io::stderr(),
                "shasign: warning: keys file line {line_no}: the passphrase starts or ends with \
                 white space, which is hashed as it is"
            );
        }
        keys.push((ShaOutKey::new(passphrase), algorithm));
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_is_everything_after_the_first_colon() {
        let keys = parse("sha1:a:b:c\r\n\n# retired\nSHA256:x\n").unwrap_or_default();
        let want = [("a:b:c", HashAlgorithm::Sha1), ("x", HashAlgorithm::Sha256)];
        assert_eq!(keys.len(), want.len());
        for ((key, algorithm), (text, expected)) in keys.iter().zip(want) {
            assert!(key.as_passphrase().ct_eq(&ogone::Passphrase::new(text)));
            assert_eq!(*algorithm, expected);
        }
    }

    #[test]
    fn errors_name_the_line_not_the_secret() {
        for (text, line) in [
            ("sha1:ok\nsecret-without-colon\n", 2),
            ("md5:secret\n", 1),
            ("\nsha512:\n", 2),
        ] {
            let error = parse(text).err().unwrap_or_default();
            assert!(error.starts_with(&format!("line {line}: ")), "{error}");
            assert!(!error.contains("secret"), "{error}");
        }
    }
}
