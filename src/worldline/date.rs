//! The `Date` header: IMF-fixdate from a Unix timestamp the caller supplies (no clock here).

use alloc::string::String;

use crate::worldline::error::Error;

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The first second of year 0000 (proleptic Gregorian), as a Unix timestamp.
const FIRST: i64 = -62_167_219_200;
/// The last second of year 9999, as a Unix timestamp.
const LAST: i64 = 253_402_300_799;

/// Formats a Unix timestamp (seconds, UTC) as an IMF-fixdate (RFC 7231), the `Date` header
/// value to send and sign. Sign the value exactly as you send it.
///
/// An IMF-fixdate has a four-digit year: a timestamp outside years 0000-9999
/// (`-62_167_219_200..=253_402_300_799`) is [`Error::DateOutOfRange`].
///
/// ```
/// use ogone::worldline::{Error, imf_fixdate};
/// assert_eq!(imf_fixdate(1_402_061_983)?, "Fri, 06 Jun 2014 13:39:43 GMT");
/// assert_eq!(imf_fixdate(0)?, "Thu, 01 Jan 1970 00:00:00 GMT");
/// assert_eq!(imf_fixdate(253_402_300_800), Err(Error::DateOutOfRange));
/// # Ok::<(), Error>(())
/// ```
pub fn imf_fixdate(unix_seconds: i64) -> Result<String, Error> {
    let bytes = fixdate_bytes(unix_seconds)?;
    Ok(String::from(
        core::str::from_utf8(&bytes).unwrap_or_default(),
    ))
}

/// The length of an IMF-fixdate with a four-digit year.
pub(crate) const FIXDATE_LEN: usize = 29;

/// The three letters of a day or month name.
fn day_bytes(name: &str) -> [u8; 3] {
    match name.as_bytes() {
        [a, b, c] => [*a, *b, *c],
        _ => *b"???",
    }
}

/// `00` to `99`, two ASCII digits each.
const TWO_DIGITS: [[u8; 2]; 100] = two_digits();

/// Built at compile time (an index out of range would fail the build, not a call).
#[allow(clippy::indexing_slicing)]
const fn two_digits() -> [[u8; 2]; 100] {
    let mut table = [[0u8; 2]; 100];
    let mut n = 0;
    while n < 100 {
        table[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    table
}

/// [`imf_fixdate`] into a stack buffer (ASCII): no formatting machinery, no allocation.
pub(crate) fn fixdate_bytes(unix_seconds: i64) -> Result<[u8; FIXDATE_LEN], Error> {
    if !(FIRST..=LAST).contains(&unix_seconds) {
        return Err(Error::DateOutOfRange);
    }
    // Unsigned arithmetic from 0000-01-01 (the range check makes it non-negative), one
    // 400-year era added so that Howard Hinnant's civil_from_days never sees a negative day.
    let t = u64::try_from(unix_seconds - FIRST).unwrap_or(0);
    // Then 32-bit arithmetic: about 3.65 million days, 86 400 seconds a day.
    let d0 = u32::try_from(t / 86_400).unwrap_or(0);
    let secs = u32::try_from(t % 86_400).unwrap_or(0);
    // Days since 0000-03-01, plus one era (146 097 days).
    let z = d0 + 146_097 - 60;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = (yoe + era * 400 + u32::from(month <= 2)).saturating_sub(400);
    // 1970-01-01, d0 = 719 528, was a Thursday (DAYS[0]).
    let weekday = DAYS
        .get(usize::try_from((d0 + 2) % 7).unwrap_or(0))
        .copied()
        .unwrap_or("Thu");
    let month_name = MONTHS
        .get(usize::try_from(month - 1).unwrap_or(0))
        .copied()
        .unwrap_or("Jan");
    let two = |n: u32| {
        TWO_DIGITS
            .get(usize::try_from(n).unwrap_or(0))
            .copied()
            .unwrap_or(*b"00")
    };
    let (h, m, sec) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let ([w0, w1, w2], [m0, m1, m2]) = (day_bytes(weekday), day_bytes(month_name));
    let ([d0, d1], [y0, y1], [y2, y3]) = (two(day), two(year / 100), two(year % 100));
    let ([h0, h1], [n0, n1], [s0, s1]) = (two(h), two(m), two(sec));
    #[rustfmt::skip]
    let out = [
        w0, w1, w2, b',', b' ', d0, d1, b' ', m0, m1, m2, b' ', y0, y1, y2, y3, b' ',
        h0, h1, b':', n0, n1, b':', s0, s1, b' ', b'G', b'M', b'T',
    ];
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use alloc::format;
    use alloc::string::String;

    use proptest::prelude::*;

    use super::{DAYS, FIRST, LAST, MONTHS, imf_fixdate};

    /// The `format!` version this module had before the stack buffer, as the reference.
    fn reference(t: i64) -> String {
        let days = t.div_euclid(86_400);
        let secs = t.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let weekday = DAYS[usize::try_from(days.rem_euclid(7)).unwrap()];
        let month_name = MONTHS[usize::try_from(month - 1).unwrap()];
        format!(
            "{weekday}, {day:02} {month_name} {year:04} {:02}:{:02}:{:02} GMT",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }

    #[test]
    fn the_ends_of_the_range() {
        assert_eq!(imf_fixdate(FIRST).unwrap(), "Sat, 01 Jan 0000 00:00:00 GMT");
        assert_eq!(imf_fixdate(LAST).unwrap(), "Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(imf_fixdate(FIRST).unwrap(), reference(FIRST));
    }

    proptest! {
        #[test]
        fn the_stack_buffer_matches_format(t in FIRST..=LAST) {
            prop_assert_eq!(imf_fixdate(t).unwrap(), reference(t));
        }
    }
}
