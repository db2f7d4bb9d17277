//! Field rules of spec section 7, checked before a request is signed.

use crate::error::Error;
use crate::signing::builtin_lists::builtin_list;

// ISO 4217 currency codes in use (funds, metals and test codes left out) and ISO 3166-1
// alpha-2 country codes, both taken from pycountry 26.2.16's ISO data.
builtin_list!(CURRENCIES, "iso4217.txt");
builtin_list!(COUNTRIES, "iso3166_alpha2.txt");

/// What a field must look like.
#[derive(Clone, Copy)]
enum Rule {
    /// Between `min` and `max` characters.
    Chars { min: usize, max: usize },
    /// An ISO 4217 currency code in use.
    Currency,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// A language such as `en_US`: two lower-case letters, `_`, two upper-case letters.
    Language,
    /// An `http://` or `https://` URL of at most 200 characters.
    Url,
    /// An e-mail address of at most 50 characters, with one `@` not at either end.
    Email,
}

/// The rules, by field name (upper case, as sent).
const RULES: &[(&str, Rule)] = &[
    ("ACCEPTURL", Rule::Url),
    ("ACCOUNT.PSPID", Rule::Chars { min: 1, max: 30 }),
    ("ALIAS", Rule::Chars { min: 1, max: 50 }),
    ("ALIAS.ALIASID", Rule::Chars { min: 1, max: 50 }),
    ("ALIAS.ORDERID", Rule::Chars { min: 1, max: 40 }),
    ("BACKURL", Rule::Url),
    ("CANCELURL", Rule::Url),
    ("CATALOGURL", Rule::Url),
    ("CN", Rule::Chars { min: 1, max: 35 }),
    ("COM", Rule::Chars { min: 1, max: 100 }),
    ("CURRENCY", Rule::Currency),
    ("DECLINEURL", Rule::Url),
    ("EMAIL", Rule::Email),
    ("EXCEPTIONURL", Rule::Url),
    ("HOMEURL", Rule::Url),
    ("LANGUAGE", Rule::Language),
    ("LAYOUT.LANGUAGE", Rule::Language),
    ("ORDERID", Rule::Chars { min: 1, max: 40 }),
    ("OWNERADDRESS", Rule::Chars { min: 1, max: 50 }),
    ("OWNERCTY", Rule::Country),
    ("OWNERTELNO", Rule::Chars { min: 1, max: 30 }),
    ("OWNERTOWN", Rule::Chars { min: 1, max: 40 }),
    ("OWNERZIP", Rule::Chars { min: 1, max: 10 }),
    ("PARAMETERS.ACCEPTURL", Rule::Url),
    ("PARAMETERS.EXCEPTIONURL", Rule::Url),
    ("PSPID", Rule::Chars { min: 1, max: 30 }),
    ("PSWD", Rule::Chars { min: 8, max: 100 }),
    ("USERID", Rule::Chars { min: 2, max: 100 }),
];

/// Checks one field: its rule if it has one, and for every field the absence of control
/// characters (a hidden form field or a form body is no place for a line break).
pub(crate) fn check(field: &str, value: &str) -> Result<(), Error> {
    let invalid = |reason| {
        Err(Error::InvalidField {
            field: field.into(),
            reason,
        })
    };
    if value.chars().any(char::is_control) {
        return invalid("holds a control character");
    }
    let Some(&(_, rule)) = RULES.iter().find(|(name, _)| *name == field) else {
        return Ok(());
    };
    let chars = value.chars().count();
    match rule {
        Rule::Chars { min, .. } if chars < min && min <= 1 => invalid("is empty"),
        Rule::Chars { min, .. } if chars < min => invalid("is too short"),
        Rule::Chars { max, .. } if chars > max => invalid("is too long"),
        Rule::Chars { .. } => Ok(()),
        Rule::Currency if CURRENCIES.binary_search(&value).is_err() => {
            invalid("is not an ISO 4217 currency code")
        }
        Rule::Country if COUNTRIES.binary_search(&value).is_err() => {
            invalid("is not an ISO 3166-1 alpha-2 country code")
        }
        Rule::Currency | Rule::Country => Ok(()),
        Rule::Language => match value.as_bytes() {
            [a, b, b'_', c, d]
                if a.is_ascii_lowercase()
                    && b.is_ascii_lowercase()
                    && c.is_ascii_uppercase()
                    && d.is_ascii_uppercase() =>
            {
                Ok(())
            }
            _ => invalid("is not a language such as en_US"),
        },
        Rule::Url if chars > 200 => invalid("is longer than 200 characters"),
        Rule::Url if !(value.starts_with("https://") || value.starts_with("http://")) => {
            invalid("is not an http(s) URL")
        }
        Rule::Url => Ok(()),
        Rule::Email if chars > 50 => invalid("is longer than 50 characters"),
        Rule::Email => match value.split_once('@') {
            Some((local, domain))
                if !local.is_empty() && !domain.is_empty() && !domain.contains('@') =>
            {
                Ok(())
            }
            _ => invalid("is not an e-mail address"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lists_are_sorted() {
        for list in [CURRENCIES, COUNTRIES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(CURRENCIES.contains(&"EUR") && !CURRENCIES.contains(&"XXX"));
        assert!(COUNTRIES.contains(&"BE") && !COUNTRIES.contains(&"UK"));
    }

    #[test]
    fn rules() {
        let bad = |f: &str, v: &str| check(f, v).is_err();
        assert!(bad("ORDERID", ""));
        assert!(bad("ORDERID", &"x".repeat(41)));
        assert!(!bad("ORDERID", &"é".repeat(40)));
        assert!(bad("CURRENCY", "eur"));
        assert!(bad("CURRENCY", "EURO"));
        assert!(bad("OWNERCTY", "be"));
        assert!(bad("LANGUAGE", "en-US"));
        assert!(!bad("LANGUAGE", "nl_BE"));
        assert!(bad("ACCEPTURL", "javascript:alert(1)"));
        assert!(bad("ACCEPTURL", &format!("https://x/{}", "a".repeat(200))));
        assert!(bad("EMAIL", "a@b@c"));
        assert!(bad("EMAIL", "@b"));
        assert!(bad("COM", "line\nbreak"));
        assert!(bad("USERID", "a"));
        assert!(bad("PSWD", "short"));
        assert!(!bad("SOMETHING.ELSE", "x"));
    }
}
