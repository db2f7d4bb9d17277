//! The `Date` header: IMF-fixdate from a Unix timestamp the caller supplies (no clock here).

use alloc::format;
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
    if !(FIRST..=LAST).contains(&unix_seconds) {
        return Err(Error::DateOutOfRange);
    }
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let weekday = DAYS
        .get(usize::try_from(days.rem_euclid(7)).unwrap_or(0))
        .copied()
        .unwrap_or("Thu");
    let month_name = MONTHS
        .get(usize::try_from(month - 1).unwrap_or(0))
        .copied()
        .unwrap_or("Jan");
    Ok(format!(
        "{weekday}, {day:02} {month_name} {year:04} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    ))
}
