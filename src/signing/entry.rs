//! A parameter as the signer sees it: one `NAME=value` piece of a parameter set.

use crate::signing::list_index::ListMask;

/// A parameter as the signer sees it.
#[derive(Clone, Copy)]
pub(crate) struct Entry<'a> {
    /// `NAME=value`.
    pub(crate) pair: &'a str,
    name_len: usize,
    /// The built-in lists that hold the name.
    pub(crate) lists: ListMask,
}

impl<'a> Entry<'a> {
    /// The entry for the piece `pair` (`NAME=value`) whose name is `name_len` bytes long and is
    /// held by the built-in lists `lists`.
    pub(crate) fn new(pair: &'a str, name_len: usize, lists: ListMask) -> Entry<'a> {
        Entry {
            pair,
            name_len,
            lists,
        }
    }

    pub(crate) fn name(self) -> &'a str {
        self.pair.get(..self.name_len).unwrap_or_default()
    }

    pub(crate) fn value(self) -> &'a str {
        self.pair.get(self.name_len + 1..).unwrap_or_default()
    }

    /// Whether the value is empty, without slicing.
    #[inline]
    pub(crate) fn has_empty_value(self) -> bool {
        self.pair.len() <= self.name_len + 1
    }
}
