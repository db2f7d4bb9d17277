//! Parameters checked against a signature, and what the signature covers: what every verified
//! view holds.

use crate::charset::TransportCharset;
use crate::error::Error;
use crate::protocol::amount::Amount;
use crate::protocol::feedback::alias_status::{AliasStatus, alias_status};
use crate::protocol::status::{NcError, Status};
use crate::protocol::validate::CURRENCIES;
use crate::signing::entry::Entry;
use crate::signing::order::SortOrder;
use crate::signing::params::Params;
use crate::signing::scan::{Rules, parse_verified, verify_params};
use crate::signing::signer::{Coverage, Signer};

/// Parameters checked against a signature. Those whose values were hashed (under the
/// verifier's scheme and list, and never an empty one) are covered by it; the others
/// (PARAMPLUS fields, NCERRORPLUS, everything but the ten main fields in the legacy scheme...)
/// could have been changed by anyone on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Checked {
    pub(super) params: Params,
    pub(super) coverage: Coverage,
}

impl Checked {
    /// Verifies `params` with `signer`, then requires each of `required` to be covered. On
    /// failure the parameters come back with the error (once, to the caller: its size is no
    /// concern).
    #[allow(clippy::result_large_err)]
    pub(super) fn new(
        params: Params,
        signer: &Signer,
        rules: Rules<'_>,
        required: &[&'static str],
    ) -> Result<Checked, (Error, Params)> {
        if let Err(e) = verify_params(&params, signer, rules) {
            return Err((e, params));
        }
        let coverage = Coverage::new(rules.list.clone(), rules.scheme, signer.direction());
        Checked::trusted(params, coverage, required)
    }

    /// Verifies a posted body under `rules` (FlexCheckout and Alias Gateway results impose
    /// theirs): a forged or malformed body (of up to 64 parameters, of any length) is refused
    /// by the scan, before anything is allocated; then each of `required` must be covered.
    pub(super) fn parse(
        input: &[u8],
        transport: TransportCharset,
        signer: &Signer,
        rules: Rules<'_>,
        required: &[&'static str],
    ) -> Result<Checked, Error> {
        let (params, _) = parse_verified(input, transport, signer, rules)?;
        let coverage = Coverage::new(rules.list.clone(), rules.scheme, signer.direction());
        Checked::trusted(params, coverage, required).map_err(|(e, _)| e)
    }

    /// `params` whose signature (under `coverage`) was verified; each of `required` must be
    /// covered.
    #[allow(clippy::result_large_err)]
    fn trusted(
        params: Params,
        coverage: Coverage,
        required: &[&'static str],
    ) -> Result<Checked, (Error, Params)> {
        let checked = Checked { params, coverage };
        match required
            .iter()
            .try_for_each(|&f| checked.require(f).map(drop))
        {
            Ok(()) => Ok(checked),
            Err(e) => Err((e, checked.params)),
        }
    }

    /// [`Error::MissingField`] when `field` is absent or empty, [`Error::UnsignedField`] when
    /// the signature does not cover it.
    fn require(&self, field: &'static str) -> Result<&str, Error> {
        match self.params.entry(field) {
            Some(entry) if self.is_signed(entry) => Ok(entry.value()),
            Some(entry) if !entry.has_empty_value() => Err(Error::UnsignedField(field)),
            _ => Err(Error::MissingField(field)),
        }
    }

    fn is_signed(&self, entry: Entry<'_>) -> bool {
        self.coverage.covers(entry)
    }

    /// A tokenization result whose status says the alias was created or updated must carry
    /// that alias, signed. (A refused or cancelled one may come back with an empty alias, as a
    /// real FlexCheckout redirect with `Alias.Status=1` and `Alias.AliasId=` does.)
    pub(super) fn require_alias_when_created(
        &self,
        status: &'static str,
        alias: &'static str,
    ) -> Result<(), Error> {
        match alias_status(self.signed(status), status)? {
            AliasStatus::Ok | AliasStatus::Updated => self.require(alias).map(drop),
            AliasStatus::NotOk | AliasStatus::Cancelled => Ok(()),
        }
    }

    pub(super) fn signed(&self, name: &str) -> Option<&str> {
        let entry = self.params.entry(name)?;
        self.is_signed(entry).then(|| entry.value())
    }

    /// In the legacy scheme the values are hashed without names, so the boundary between two
    /// fields is not signed (`orderID=WEB-100&currency=1EUR` hashes like `WEB-1001` + `EUR`).
    /// Where a field's shape can tell a shifted boundary, check it: the currency is a known
    /// three-letter code, the amount a decimal, PM starts with a letter, STATUS is a known
    /// code, PAYID is digits and NCERROR a valid code, all of them present (an empty one would
    /// let its neighbours absorb each other: `15` + `` + `9` is also `1` + `59`).
    pub(super) fn check_legacy_shapes(&self) -> Result<(), Error> {
        let invalid = |field: &'static str, reason: &'static str| Error::InvalidField {
            field: field.into(),
            reason,
        };
        let currency = self.require("CURRENCY")?;
        if CURRENCIES.binary_search(&currency).is_err() {
            return Err(invalid(
                "CURRENCY",
                "not a known ISO 4217 code (legacy scheme)",
            ));
        }
        if Amount::parse_decimal(self.require("AMOUNT")?).is_err() {
            return Err(invalid("AMOUNT", "not a decimal amount (legacy scheme)"));
        }
        if !self
            .require("PM")?
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
        {
            return Err(invalid(
                "PM",
                "does not start with a letter (legacy scheme)",
            ));
        }
        if Status::parse(self.require("STATUS")?).is_none() {
            return Err(invalid("STATUS", "not a known status code (legacy scheme)"));
        }
        if !self.require("PAYID")?.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("PAYID", "not digits (legacy scheme)"));
        }
        if NcError::parse(self.require("NCERROR")?).is_none() {
            return Err(invalid(
                "NCERROR",
                "not 0 or an 8-digit code (legacy scheme)",
            ));
        }
        Ok(())
    }

    pub(super) fn unsigned(&self, name: &str) -> Option<&str> {
        let entry = self.params.entry(name)?;
        (!self.is_signed(entry)).then(|| entry.value())
    }

    pub(super) fn iter(&self, signed: bool) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.params
            .entries_in(SortOrder::Ingenico)
            .filter(move |&e| self.is_signed(e) == signed)
            .map(|e| (e.name(), e.value()))
    }
}
