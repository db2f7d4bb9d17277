//! The likely causes when nothing matched: a wrong passphrase first, then what in the
//! parameters often breaks a signature, as [`Hint`]s.

use alloc::string::String;
use alloc::vec::Vec;

use crate::protocol::diagnose::hint::Hint;
use crate::signing::builtin_lists::ListKind;
use crate::signing::list::AllowList;
use crate::signing::name::is_signature_name;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;

/// The likely causes of a mismatch, computed from the parameters, in a fixed order.
pub(super) fn likely_causes(params: &Params, hints: &mut Vec<Hint>) {
    hints.push(Hint::WrongPassphrase);
    let named = |pick: &dyn Fn(&str, &str) -> bool| -> Vec<String> {
        params
            .iter()
            .filter(|&(name, value)| !is_signature_name(name) && pick(name, value))
            .map(|(name, _)| String::from(name))
            .collect()
    };
    let off_list = named(&|name, value| {
        !value.is_empty()
            && !ListKind::ALL_KINDS
                .into_iter()
                .any(|kind| kind != ListKind::All && AllowList::new(kind).contains(name))
    });
    let non_ascii = named(&|_, value| !value.is_ascii());
    let spaces = named(&|_, value| value.trim() != value);
    let encoded = named(&|_, value| looks_encoded(value));
    let order_sensitive = order_sensitive(params);
    let empty = named(&|_, value| value.is_empty());
    let found = [
        (!off_list.is_empty()).then_some(Hint::NotOnAnyList { names: off_list }),
        (!non_ascii.is_empty()).then_some(Hint::NonAscii { names: non_ascii }),
        (!spaces.is_empty()).then_some(Hint::SurroundingWhitespace { names: spaces }),
        (!encoded.is_empty()).then_some(Hint::EncodedSequences { names: encoded }),
        (!order_sensitive.is_empty()).then_some(Hint::OrderSensitive {
            names: order_sensitive,
        }),
        (!empty.is_empty()).then_some(Hint::EmptyDropped { names: empty }),
    ];
    hints.extend(found.into_iter().flatten());
}

/// Whether a value holds `+` or `%` followed by two hex digits.
fn looks_encoded(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'+'
            || (b == b'%'
                && bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)))
    })
}

/// The names (signature names and empty values left out) whose place differs between the two
/// sort orders, in Ingenico order.
fn order_sensitive(params: &Params) -> Vec<String> {
    let hashed = |order| {
        params
            .iter_in(order)
            .filter(|&(name, value)| !value.is_empty() && !is_signature_name(name))
            .map(|(name, _)| name)
    };
    let byte: Vec<&str> = hashed(SortOrder::Byte).collect();
    hashed(SortOrder::Ingenico)
        .enumerate()
        .filter(|&(i, name)| byte.get(i) != Some(&name))
        .map(|(_, name)| String::from(name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_sequences() {
        assert!(looks_encoded("a+b"));
        assert!(looks_encoded("caf%C3%A9"));
        assert!(looks_encoded("%2e"));
        assert!(!looks_encoded("100%"));
        assert!(!looks_encoded("50%x1"));
        assert!(!looks_encoded("%A"));
        assert!(!looks_encoded("plain"));
    }

    #[test]
    fn order_sensitive_names() {
        let params = Params::try_from_pairs([
            ("ITEMNAME2", "a"),
            ("ITEMNAME10", "b"),
            ("AMOUNT", "1"),
            ("SCO_CATEGORY", "x"),
            ("SCORING", "y"),
            ("ZZ", ""),
        ])
        .unwrap();
        assert_eq!(
            order_sensitive(&params),
            ["ITEMNAME2", "ITEMNAME10", "SCO_CATEGORY", "SCORING"]
        );
    }
}
