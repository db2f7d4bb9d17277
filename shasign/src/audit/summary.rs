//! What the summary on standard error counts: records by verdict, verified records by STATUS,
//! and the verified amounts added up by currency (as sent: `15.5` plus `0.25` is `15.75`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// A sum of decimal amounts as sent, `units / 10^scale`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Total {
    units: u128,
    scale: u32,
}

/// The most fraction digits an amount may have to be added up.
const MAX_SCALE: u32 = 18;

impl Total {
    /// `amount` as sent (`15`, `15.5`, `.5`): digits, at most one `.`; `None` otherwise.
    fn parse(amount: &str) -> Option<Total> {
        let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let scale = u32::try_from(fraction.len())
            .ok()
            .filter(|s| *s <= MAX_SCALE)?;
        let mut units = 0u128;
        for b in whole.bytes().chain(fraction.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            units = units.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
        }
        Some(Total { units, scale })
    }

    fn rescaled(self, scale: u32) -> Option<u128> {
        self.units
            .checked_mul(10u128.checked_pow(scale.checked_sub(self.scale)?)?)
    }

    /// `self + other`, `None` on overflow.
    fn add(self, other: Total) -> Option<Total> {
        let scale = self.scale.max(other.scale);
        let units = self.rescaled(scale)?.checked_add(other.rescaled(scale)?)?;
        Some(Total { units, scale })
    }
}

impl std::fmt::Display for Total {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.units.to_string();
        let scale = usize::try_from(self.scale).unwrap_or(0);
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{whole}.{fraction}")
    }
}

/// The counts of some records.
#[derive(Debug, Default)]
pub struct Tally {
    pub verified: u64,
    pub not_authentic: u64,
    pub malformed: u64,
    /// Verified records by STATUS (`(none)` without one).
    pub statuses: BTreeMap<String, u64>,
    /// Verified amounts by currency.
    pub totals: BTreeMap<String, Total>,
    /// Verified records whose amount or currency is missing, or whose amount is not a plain
    /// decimal (or too large to add up): left out of the totals.
    pub untotalled: u64,
}

impl Tally {
    /// Counts a verified record.
    pub fn verified(&mut self, status: Option<&str>, amount: Option<&str>, currency: Option<&str>) {
        self.verified = self.verified.saturating_add(1);
        let status = status.unwrap_or("(none)");
        match self.statuses.get_mut(status) {
            Some(n) => *n = n.saturating_add(1),
            None => {
                self.statuses.insert(status.to_owned(), 1);
            }
        }
        let added = amount.zip(currency).and_then(|(amount, currency)| {
            let amount = Total::parse(amount)?;
            match self.totals.get_mut(currency) {
                Some(total) => *total = total.add(amount)?,
                None => {
                    self.totals.insert(currency.to_owned(), amount);
                }
            }
            Some(())
        });
        if added.is_none() {
            self.untotalled = self.untotalled.saturating_add(1);
        }
    }

    /// The records counted.
    pub fn records(&self) -> u64 {
        self.verified
            .saturating_add(self.not_authentic)
            .saturating_add(self.malformed)
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: Tally) {
        self.verified = self.verified.saturating_add(other.verified);
        self.not_authentic = self.not_authentic.saturating_add(other.not_authentic);
        self.malformed = self.malformed.saturating_add(other.malformed);
        self.untotalled = self.untotalled.saturating_add(other.untotalled);
        for (status, n) in other.statuses {
            let count = self.statuses.entry(status).or_insert(0);
            *count = count.saturating_add(n);
        }
        for (currency, amount) in other.totals {
            match self.totals.get_mut(&currency) {
                Some(total) => match total.add(amount) {
                    Some(sum) => *total = sum,
                    // Too large to add up: the currency's total is no longer known.
                    None => self.untotalled = self.untotalled.saturating_add(1),
                },
                None => {
                    self.totals.insert(currency, amount);
                }
            }
        }
    }

    /// The summary, lines ending in `\n`.
    pub fn render(&self, took: Duration) -> String {
        let seconds = took.as_secs_f64();
        let mut text = format!(
            "shasign audit: {} records in {seconds:.2} s",
            self.records()
        );
        if seconds > 0.0 {
            // Display only: the rate need not be exact.
            #[allow(clippy::cast_precision_loss)]
            let rate = self.records() as f64 / seconds;
            let _ = write!(text, " ({rate:.0} records/s)");
        }
        let _ = writeln!(
            text,
            "\n  verified: {}, not-authentic: {}, malformed: {}",
            self.verified, self.not_authentic, self.malformed
        );
        if !self.statuses.is_empty() {
            let statuses: Vec<String> = self
                .statuses
                .iter()
                .map(|(status, n)| format!("{status}: {n}"))
                .collect();
            let _ = writeln!(text, "  verified by status: {}", statuses.join(", "));
        }
        if !self.totals.is_empty() {
            let totals: Vec<String> = self
                .totals
                .iter()
                .map(|(currency, total)| format!("{currency} {total}"))
                .collect();
            let _ = writeln!(text, "  verified totals by currency: {}", totals.join(", "));
        }
        if self.untotalled > 0 {
            let _ = writeln!(
                text,
                "  verified without a readable amount and currency (not in the totals): {}",
                self.untotalled
            );
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(amounts: &[&str]) -> Option<String> {
        let mut total = Total::default();
        for amount in amounts {
            total = total.add(Total::parse(amount)?)?;
        }
        Some(total.to_string())
    }

    #[test]
    fn amounts_add_up_as_decimals() {
        assert_eq!(sum(&["15.5", "0.25", "3"]).as_deref(), Some("18.75"));
        assert_eq!(sum(&[".05", "0.005"]).as_deref(), Some("0.055"));
        assert_eq!(sum(&["1500"]).as_deref(), Some("1500"));
        for bad in ["", ".", "-1", "1e3", "1.2.3", "1,5"] {
            assert_eq!(Total::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn merge_adds_counts_and_totals() {
        let mut a = Tally::default();
        a.verified(Some("9"), Some("10.5"), Some("EUR"));
        let mut b = Tally::default();
        b.verified(Some("9"), Some("1.25"), Some("EUR"));
        b.verified(None, Some("x"), Some("EUR"));
        b.malformed = 2;
        a.merge(b);
        assert_eq!(a.records(), 5);
        assert_eq!(a.statuses.get("9"), Some(&2));
        assert_eq!(
            a.totals.get("EUR").map(Total::to_string).as_deref(),
            Some("11.75")
        );
        assert_eq!(a.untotalled, 1);
    }
}
