//! Hash algorithms and the signatures they produce.

use core::fmt;

use digest::Digest;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::error::Error;
use crate::signing::bytes::copy_short;

/// The hash function of the account (back office: "Hash algorithm"). Plain hashing, not HMAC.
///
/// ```
/// use ogone::HashAlgorithm;
///
/// assert_eq!(HashAlgorithm::parse("sha-256"), Some(HashAlgorithm::Sha256));
/// assert_eq!(HashAlgorithm::Sha256.to_string(), "sha256");
/// assert_eq!(HashAlgorithm::Sha512.hex_len(), 128);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// SHA-1: 40 hex digits.
    Sha1,
    /// SHA-256: 64 hex digits.
    Sha256,
    /// SHA-512: 128 hex digits (the default of accounts made since 2018).
    Sha512,
}

impl HashAlgorithm {
    /// Every algorithm, shortest digest first.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, Params, Passphrase, Signer};
    ///
    /// let params = Params::try_from_pairs([("ORDERID", "1234"), ("AMOUNT", "1500")])?;
    /// for algorithm in HashAlgorithm::ALL {
    ///     let signer = Signer::sha_in(Passphrase::new("Mysecretsig1875!?"), algorithm);
    ///     assert_eq!(signer.sign(&params)?.to_string().len(), algorithm.hex_len());
    /// }
    /// # Ok::<(), ogone::Error>(())
    /// ```
    pub const ALL: [HashAlgorithm; 3] = [
        HashAlgorithm::Sha1,
        HashAlgorithm::Sha256,
        HashAlgorithm::Sha512,
    ];

    /// Digest length in bytes: 20, 32 or 64.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, hash_bytes};
    ///
    /// assert_eq!(HashAlgorithm::Sha256.digest_len(), 32);
    /// assert_eq!(hash_bytes(HashAlgorithm::Sha512, b"abc").as_bytes().len(), 64);
    /// ```
    #[must_use]
    pub fn digest_len(self) -> usize {
        match self {
            HashAlgorithm::Sha1 => 20,
            HashAlgorithm::Sha256 => 32,
            HashAlgorithm::Sha512 => 64,
        }
    }

    /// Length of the hex signature: 40, 64 or 128.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, hash_bytes};
    ///
    /// assert_eq!(HashAlgorithm::Sha1.hex_len(), 40);
    /// assert_eq!(hash_bytes(HashAlgorithm::Sha256, b"abc").to_string().len(), 64);
    /// ```
    #[must_use]
    pub fn hex_len(self) -> usize {
        self.digest_len() * 2
    }

    /// `sha1`, `sha256` or `sha512`.
    ///
    /// ```
    /// use ogone::HashAlgorithm;
    ///
    /// assert_eq!(HashAlgorithm::Sha512.as_str(), "sha512");
    /// assert_eq!(HashAlgorithm::parse(HashAlgorithm::Sha1.as_str()), Some(HashAlgorithm::Sha1));
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            HashAlgorithm::Sha1 => "sha1",
            HashAlgorithm::Sha256 => "sha256",
            HashAlgorithm::Sha512 => "sha512",
        }
    }

    /// Parses `sha1`, `sha256`, `sha512` (ASCII case-insensitive, `sha-256` style accepted).
    ///
    /// ```
    /// use ogone::HashAlgorithm;
    /// assert_eq!(HashAlgorithm::parse("SHA-512"), Some(HashAlgorithm::Sha512));
    /// assert_eq!(HashAlgorithm::parse("md5"), None);
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| {
            let short = a.as_str();
            name.eq_ignore_ascii_case(short)
                || (name.len() == short.len() + 1
                    && name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("sha"))
                    && name.get(3..4) == Some("-")
                    && name.get(4..) == short.get(3..))
        })
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Marks a byte that is not a hex digit in [`HEX_VALUE`].
const INVALID: u8 = 0x80;

/// The value of each byte as a hex digit (either case), or [`INVALID`].
const HEX_VALUE: [u8; 256] = hex_table();

/// The value of a hex digit, or [`INVALID`].
#[inline]
fn hex_value(byte: u8) -> u8 {
    HEX_VALUE.get(usize::from(byte)).copied().unwrap_or(INVALID)
}

/// Builds [`HEX_VALUE`] at compile time (an out-of-bounds index here is a build error).
#[allow(clippy::indexing_slicing)]
const fn hex_table() -> [u8; 256] {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
}

/// The largest digest, in bytes.
const MAX_DIGEST: usize = 64;

/// A SHASIGN value: the digest of one parameter set.
///
/// `Display` writes the upper-case hex Ogone expects. Equality is constant-time.
///
/// ```
/// let sig = ogone::Signature::parse_hex(ogone::HashAlgorithm::Sha1, "f4cc376cd7a834d997b91598fa747825a238be0a")?;
/// assert_eq!(sig.to_string(), "F4CC376CD7A834D997B91598FA747825A238BE0A");
/// assert_eq!(sig.as_bytes().len(), 20);
/// # Ok::<(), ogone::Error>(())
/// ```
#[derive(Clone, Copy)]
#[must_use]
pub struct Signature {
    algorithm: HashAlgorithm,
    bytes: [u8; MAX_DIGEST],
}

impl Signature {
    /// The algorithm that made it.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, hash_bytes};
    ///
    /// assert_eq!(hash_bytes(HashAlgorithm::Sha256, b"abc").algorithm(), HashAlgorithm::Sha256);
    /// ```
    #[must_use]
    pub fn algorithm(&self) -> HashAlgorithm {
        self.algorithm
    }

    /// The raw digest: 20, 32 or 64 bytes.
    ///
    /// ```
    /// use ogone::{HashAlgorithm, hash_bytes};
    ///
    /// let sig = hash_bytes(HashAlgorithm::Sha1, b"abc"); // A9993E36...
    /// assert_eq!(sig.as_bytes().len(), 20);
    /// assert_eq!(sig.as_bytes()[..4], [0xA9, 0x99, 0x3E, 0x36]);
    /// ```
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes
            .get(..self.algorithm.digest_len())
            .unwrap_or(&self.bytes)
    }

    /// Parses a hex signature of either case, as received.
    ///
    /// ```
    /// use ogone::{Error, HashAlgorithm, Signature};
    ///
    /// let hex = "209113288f93a9ab8e474ea78d899afdbb874355";
    /// let sig = Signature::parse_hex(HashAlgorithm::Sha1, hex)?;
    /// assert_eq!(sig.to_string(), "209113288F93A9AB8E474EA78D899AFDBB874355");
    /// assert_eq!(
    ///     Signature::parse_hex(HashAlgorithm::Sha256, hex),
    ///     Err(Error::SignatureLength { expected: 64, found: 40 })
    /// );
    /// let not_hex = "Z".repeat(40);
    /// let malformed = Signature::parse_hex(HashAlgorithm::Sha1, &not_hex);
    /// assert_eq!(malformed, Err(Error::SignatureNotHex));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::SignatureLength`] when `hex` does not have [`HashAlgorithm::hex_len`]
    /// characters; [`Error::SignatureNotHex`] for a character that is not a hex digit.
    pub fn parse_hex(algorithm: HashAlgorithm, hex: &str) -> Result<Self, Error> {
        let expected = algorithm.hex_len();
        // As many bytes as digits expected: as many characters only if all are ASCII (the
        // common case, a well-formed signature, counted without a pass over it).
        let found = if hex.len() == expected && hex.is_ascii() {
            expected
        } else {
            hex.chars().count()
        };
        if found != expected {
            return Err(Error::SignatureLength { expected, found });
        }
        if hex.len() != expected {
            return Err(Error::SignatureNotHex);
        }
        let mut bytes = [0u8; MAX_DIGEST];
        let mut bad = 0u8;
        for (out, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
            let (hi, lo) = match pair {
                [hi, lo] => (hex_value(*hi), hex_value(*lo)),
                _ => (INVALID, INVALID),
            };
            bad |= (hi | lo) & INVALID;
            *out = (hi << 4) | (lo & 0x0F);
        }
        if bad != 0 {
            return Err(Error::SignatureNotHex);
        }
        Ok(Signature { algorithm, bytes })
    }

    /// Compares with a received hex signature of either case: the digests are compared as
    /// bytes, in constant time.
    ///
    /// ```
    /// use ogone::{Error, HashAlgorithm, hash_bytes};
    ///
    /// let sig = hash_bytes(HashAlgorithm::Sha1, b"abc");
    /// sig.verify_hex("a9993e364706816aba3e25717850c26c9cd0d89d")?; // either case
    /// let other = "A9993E364706816ABA3E25717850C26C9CD0D89E";
    /// assert_eq!(sig.verify_hex(other), Err(Error::Mismatch));
    /// # Ok::<(), ogone::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Signature::parse_hex`], then [`Error::Mismatch`].
    pub fn verify_hex(&self, hex: &str) -> Result<(), Error> {
        let received = Signature::parse_hex(self.algorithm, hex)?;
        if *self == received {
            Ok(())
        } else {
            Err(Error::Mismatch)
        }
    }
}

impl PartialEq for Signature {
    fn eq(&self, other: &Self) -> bool {
        // Constant time over the digest's own length (the algorithm, and so the length, is not
        // secret): 20, 32 or 64 bytes, not always the 64 of the buffer.
        self.algorithm == other.algorithm && bool::from(self.as_bytes().ct_eq(other.as_bytes()))
    }
}

impl Eq for Signature {}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        // Into a buffer, then one write: the formatter's per-character path costs more than
        // the digits.
        let mut hex = [0u8; 2 * MAX_DIGEST];
        for (&b, out) in self.as_bytes().iter().zip(hex.chunks_exact_mut(2)) {
            let hi = HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
            let lo = HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0');
            out.copy_from_slice(&[hi, lo]);
        }
        let digits = hex.get(..self.algorithm.hex_len()).unwrap_or_default();
        f.write_str(core::str::from_utf8(digits).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({}:{self})", self.algorithm)
    }
}

/// A running hash of one of the three algorithms.
enum State {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
}

impl State {
    #[inline]
    fn update(&mut self, bytes: &[u8]) {
        match self {
            State::Sha1(h) => h.update(bytes),
            State::Sha256(h) => h.update(bytes),
            State::Sha512(h) => h.update(bytes),
        }
    }
}

/// Bytes staged before they reach the hash: a multiple of every block size (64 and 128).
const STAGE: usize = 512;

/// A running hash that stages small pieces (`NAME=value`, the passphrase, ...) into a buffer
/// of whole blocks and hands the hash function a run of blocks at a time. Fed piece by piece,
/// sha2 buffers each piece and runs its compression function one block per call; staged, it
/// runs eight blocks per call, as when it hashes one long string. The hashing itself (padding,
/// finalisation) is the hash crate's.
///
/// The stage holds the passphrase and the values in clear: it is wiped (`zeroize`) when the
/// hasher is dropped, as far as it was ever written; the hash states wipe themselves (the
/// `zeroize` feature of `sha1` and `sha2`).
pub(crate) struct Hasher {
    state: State,
    stage: [u8; STAGE],
    staged: usize,
    /// Whether the stage was ever full (then all of it holds staged bytes).
    wrapped: bool,
}

impl Drop for Hasher {
    fn drop(&mut self) {
        let written = if self.wrapped { STAGE } else { self.staged };
        if let Some(dirty) = self.stage.get_mut(..written) {
            dirty.zeroize();
        }
    }
}

impl Hasher {
    pub(crate) fn new(algorithm: HashAlgorithm) -> Self {
        let state = match algorithm {
            HashAlgorithm::Sha1 => State::Sha1(sha1::Sha1::new()),
            HashAlgorithm::Sha256 => State::Sha256(sha2::Sha256::new()),
            HashAlgorithm::Sha512 => State::Sha512(sha2::Sha512::new()),
        };
        Hasher {
            state,
            stage: [0; STAGE],
            staged: 0,
            wrapped: false,
        }
    }

    #[inline(always)]
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        // The common case, inline where the pieces are fed: the piece fits in what is left
        // of the stage.
        if let Some(free) = self.stage.get_mut(self.staged..self.staged + bytes.len()) {
            copy_short(free, bytes);
            self.staged += bytes.len();
            return;
        }
        self.update_full(bytes);
    }

    /// [`Hasher::update`] of a piece that fills the stage: whole stages go to the hash.
    #[inline(never)]
    fn update_full(&mut self, mut bytes: &[u8]) {
        loop {
            if self.staged == 0 && bytes.len() >= STAGE {
                // Whole stages go to the hash as they are.
                let (whole, rest) = bytes.split_at(bytes.len() - bytes.len() % STAGE);
                self.state.update(whole);
                bytes = rest;
            }
            let room = STAGE - self.staged;
            let (head, rest) = bytes.split_at(room.min(bytes.len()));
            if let Some(free) = self.stage.get_mut(self.staged..self.staged + head.len()) {
                free.copy_from_slice(head);
            }
            self.staged += head.len();
            bytes = rest;
            if self.staged < STAGE {
                return;
            }
            self.state.update(&self.stage);
            self.staged = 0;
            self.wrapped = true;
        }
    }

    pub(crate) fn finish(mut self) -> Signature {
        fn copy(out: &mut [u8; MAX_DIGEST], digest: &[u8]) {
            for (o, b) in out.iter_mut().zip(digest) {
                *o = *b;
            }
        }
        self.state
            .update(self.stage.get(..self.staged).unwrap_or_default());
        let mut bytes = [0u8; MAX_DIGEST];
        // `finalize_reset` through `&mut`: the hasher is dropped (and its stage wiped) after.
        let algorithm = match &mut self.state {
            State::Sha1(h) => {
                copy(&mut bytes, &h.finalize_reset());
                HashAlgorithm::Sha1
            }
            State::Sha256(h) => {
                copy(&mut bytes, &h.finalize_reset());
                HashAlgorithm::Sha256
            }
            State::Sha512(h) => {
                copy(&mut bytes, &h.finalize_reset());
                HashAlgorithm::Sha512
            }
        };
        Signature { algorithm, bytes }
    }
}

/// Hashes `bytes` in one go: the baseline the benchmarks compare signing with.
///
/// ```
/// let sig = ogone::hash_bytes(ogone::HashAlgorithm::Sha1, b"abc");
/// assert_eq!(sig.to_string(), "A9993E364706816ABA3E25717850C26C9CD0D89D"); // FIPS 180-2, B.1
/// ```
pub fn hash_bytes(algorithm: HashAlgorithm, bytes: &[u8]) -> Signature {
    // Straight to the hash function, without the stage: this is the baseline.
    let mut hasher = Hasher::new(algorithm);
    hasher.state.update(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE_SHA1: &str = "F4CC376CD7A834D997B91598FA747825A238BE0A";

    #[test]
    fn every_non_hex_position_and_pairing_is_rejected() {
        let good = GUIDE_SHA1.as_bytes();
        for at in 0..good.len() {
            // One bad digit, both digits of a pair bad, and two bad pairs.
            let mut one = good.to_vec();
            one[at] = b'g';
            let mut pair = good.to_vec();
            pair[at & !1] = b'z';
            pair[at | 1] = b'z';
            let mut two = pair.clone();
            two[((at + 2) % good.len()) & !1] = b'x';
            two[((at + 2) % good.len()) | 1] = b'x';
            for bad in [one, pair, two] {
                let text = String::from_utf8(bad).unwrap();
                assert_eq!(
                    Signature::parse_hex(HashAlgorithm::Sha1, &text),
                    Err(Error::SignatureNotHex),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn verify_hex_compares_digests() {
        let sig = Signature::parse_hex(HashAlgorithm::Sha1, GUIDE_SHA1).unwrap();
        assert_eq!(sig.verify_hex(&GUIDE_SHA1.to_lowercase()), Ok(()));
        let other = GUIDE_SHA1.replace("F4CC", "F4CD");
        assert_eq!(sig.verify_hex(&other), Err(Error::Mismatch));
        assert!(matches!(
            sig.verify_hex("F4"),
            Err(Error::SignatureLength { .. })
        ));
    }
}
