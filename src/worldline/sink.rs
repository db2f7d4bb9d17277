//! Streaming the string to sign: a byte sink (the keyed HMAC itself, or a buffer for tests),
//! and the `Authorization` header made from the finished MAC with one allocation.

use alloc::string::String;
#[cfg(test)]
use alloc::vec::Vec;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::worldline::keys::ApiKey;

/// Where the string to sign is written, piece by piece, as it is made: no intermediate text.
pub(crate) trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);

    /// Appends `text`, each byte mapped by `map` (ASCII case changes), through a stack buffer.
    fn put_mapped(&mut self, text: &str, map: fn(&u8) -> u8) {
        let mut buf = [0u8; 32];
        for chunk in text.as_bytes().chunks(buf.len()) {
            for (out, b) in buf.iter_mut().zip(chunk) {
                *out = map(b);
            }
            self.put(buf.get(..chunk.len()).unwrap_or_default());
        }
    }
}

impl Sink for Hmac<Sha256> {
    fn put(&mut self, bytes: &[u8]) {
        Mac::update(self, bytes);
    }
}

/// The keyed HMAC behind a stack buffer: the many small pieces of a string to sign are
/// copied together and reach the HMAC a block's worth at a time, not one call each.
pub(crate) struct MacSink<'m> {
    mac: &'m mut Hmac<Sha256>,
    buf: [u8; 128],
    len: usize,
}

impl<'m> MacSink<'m> {
    /// Streams into `mac` (a keyed state), which stays where it is.
    pub(crate) fn new(mac: &'m mut Hmac<Sha256>) -> Self {
        MacSink {
            mac,
            buf: [0; 128],
            len: 0,
        }
    }

    fn flush(&mut self) {
        Mac::update(self.mac, self.buf.get(..self.len).unwrap_or_default());
        self.len = 0;
    }

    /// Writes what is buffered into the HMAC.
    pub(crate) fn finish(mut self) {
        self.flush();
    }
}

impl Sink for MacSink<'_> {
    fn put(&mut self, bytes: &[u8]) {
        if let Some(room) = self.buf.get_mut(self.len..self.len + bytes.len()) {
            room.copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            self.flush();
            if let Some(room) = self.buf.get_mut(..bytes.len()) {
                room.copy_from_slice(bytes);
                self.len = bytes.len();
            } else {
                Mac::update(self.mac, bytes);
            }
        }
    }
}

/// The streamed bytes themselves, to compare with the string to sign in tests.
#[cfg(test)]
impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// The length of standard padded base64 of a 32-byte MAC.
const SIGNATURE_LEN: usize = 44;
const PREFIX: &str = "GCS v1HMAC:";

/// The length of `GCS v1HMAC:<key id>:<base64 of the MAC>` for `key`.
pub(crate) fn authorization_len(key: &ApiKey) -> usize {
    PREFIX.len() + key.id().len() + 1 + SIGNATURE_LEN
}

/// `GCS v1HMAC:<key id>:<base64 of the MAC>`: the MAC finished, base64 into a stack buffer,
/// then the one header String.
pub(crate) fn authorization_header(key: &ApiKey, mac: Hmac<Sha256>) -> String {
    let mut out = String::with_capacity(authorization_len(key));
    push_authorization(&mut out, key, mac);
    out
}

/// [`authorization_header`] appended to `out` (which should have the room for it).
pub(crate) fn push_authorization(out: &mut String, key: &ApiKey, mac: Hmac<Sha256>) {
    push_authorization_tag(out, key, &finish(mac));
}

/// The MAC, finished.
pub(crate) fn finish(mac: Hmac<Sha256>) -> [u8; 32] {
    mac.finalize().into_bytes().into()
}

/// [`push_authorization`] of a finished MAC.
pub(crate) fn push_authorization_tag(out: &mut String, key: &ApiKey, tag: &[u8; 32]) {
    let mut b64 = [0u8; SIGNATURE_LEN];
    let len = STANDARD.encode_slice(tag, &mut b64).unwrap_or(0);
    out.push_str(PREFIX);
    out.push_str(key.id());
    out.push(':');
    // Base64 output is ASCII.
    out.push_str(core::str::from_utf8(b64.get(..len).unwrap_or_default()).unwrap_or_default());
}
