//! The order book the Worldline examples share (`worldline_webhook` and `migration_shop`
//! include it with `#[path = "orders/mod.rs"] mod orders;`): orders seeded with what they
//! cost, and the one rule that applies an [`OrderUpdate`] of either platform to them.
//!
//! # The orders
//!
//! `SHOP_ORDERS` lists them as `REFERENCE:AMOUNT:CURRENCY`, comma-separated, the amount in minor
//! units (`WEB-1:4250:EUR,WEB-2:1999:GBP`); unset, the demo list [`DEMO_ORDERS`] is used. A
//! real shop has its order table; the point is that an update is checked against what the
//! order costs, which the message itself cannot say.
//!
//! # The rule ([`OrderBook::apply`])
//!
//! 1. An update for a reference that is not in the book changes nothing: [`Outcome::UnknownOrder`].
//! 2. [`OrderUpdate::decide`] with what was applied last to the order; an update whose key is
//!    the last one applied, or any key handled before for any order (the set of keys seen, by
//!    origin: a real shop's unique column), is [`Outcome::Duplicate`] and changes nothing.
//! 3. [`OrderUpdate::check_amount`] against the order's amount and currency: a mismatch is
//!    [`Outcome::AmountMismatch`]: the key is recorded as handled and the order flagged for a
//!    person to look at; its status does not move (a `9` for less than the order costs is not
//!    the order paid). A partial capture or refund is flagged too: this book has no partial
//!    operations.
//! 4. [`Decision::Stale`] (the update would move the order backwards, by
//!    [`Status::supersedes`](ogone::Status::supersedes)): the key is recorded as handled, the
//!    order stays: [`Outcome::Stale`]. [`Decision::Apply`]: the order moves to the update's
//!    status and the key becomes its last: [`Outcome::Applied`].

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use ogone::order::{Decision, LastApplied, OrderUpdate, Origin};
use ogone::{Amount, Status};

use crate::env::optional_env;

/// The orders of a demo shop, when `SHOP_ORDERS` is not set.
pub const DEMO_ORDERS: &str = "WEB-1:4250:EUR,WEB-2:4250:EUR,WEB-3:1999:GBP";

/// One order: what it costs and what was applied to it.
struct Order {
    amount: Amount,
    currency: String,
    /// The status, origin and key of the update applied last; `None` before the first.
    last: Option<(Status, Origin, String)>,
    /// How many distinct updates were handled (applied, stale or flagged).
    handled: usize,
    /// How many were flagged for an amount or currency that is not the order's.
    flagged: usize,
}

/// What [`OrderBook::apply`] did with an update.
#[derive(Debug)]
pub enum Outcome {
    /// The order moved to the update's status.
    Applied,
    /// Handled before (the same key): nothing changed.
    Duplicate,
    /// It would move the order backwards: recorded as handled, the order stays.
    Stale,
    /// Not the order's amount or currency: recorded as handled and flagged, the order stays.
    AmountMismatch,
    /// No such order in the book: nothing changed.
    UnknownOrder,
}

impl Outcome {
    /// The body a shop answers with: `ok`, `duplicate`, `ignored`, `amount mismatch` or
    /// `unknown order`, each with status 200 (the message was authentic and is handled; a
    /// non-2xx would only make the platform deliver it again).
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Applied => "ok",
            Outcome::Duplicate => "duplicate",
            Outcome::Stale => "ignored",
            Outcome::AmountMismatch => "amount mismatch",
            Outcome::UnknownOrder => "unknown order",
        }
    }
}

/// The orders by merchant reference, and every update key handled.
pub struct OrderBook {
    orders: HashMap<String, Order>,
    seen: HashSet<(Origin, String)>,
}

impl OrderBook {
    /// The orders of `SHOP_ORDERS`, else [`DEMO_ORDERS`].
    pub fn from_env() -> Result<OrderBook, String> {
        let list = optional_env("SHOP_ORDERS")?;
        OrderBook::parse(list.as_deref().unwrap_or(DEMO_ORDERS))
            .map_err(|e| format!("SHOP_ORDERS: {e}"))
    }

    /// Reads `REFERENCE:AMOUNT:CURRENCY,...` (amount in minor units).
    pub fn parse(list: &str) -> Result<OrderBook, String> {
        let mut orders = HashMap::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let mut fields = entry.rsplitn(3, ':');
            let (Some(currency), Some(amount), Some(reference)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(format!("{entry:?} is not REFERENCE:AMOUNT:CURRENCY"));
            };
            if reference.is_empty() {
                return Err(format!("{entry:?} has no reference"));
            }
            if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("{entry:?}: the currency is not an ISO 4217 code"));
            }
            let amount =
                Amount::parse_minor_units(amount).map_err(|e| format!("{entry:?}: {e}"))?;
            let order = Order {
                amount,
                currency: currency.to_string(),
                last: None,
                handled: 0,
                flagged: 0,
            };
            if orders.insert(reference.to_string(), order).is_some() {
                return Err(format!("{reference:?} is listed twice"));
            }
        }
        Ok(OrderBook {
            orders,
            seen: HashSet::new(),
        })
    }

    /// Applies an update of either platform by the rule of the module docs; `shop` names the
    /// example in its log line.
    pub fn apply(&mut self, update: &OrderUpdate, shop: &str) -> Outcome {
        let reference = update.merchant_reference();
        let (origin, key) = (update.origin().as_str(), update.key());
        // Keys and references go to the log quoted and escaped: a signed id can hold a line break.
        let Some(order) = self.orders.get_mut(reference) else {
            eprintln!("{shop}: {origin} {key:?}: no order {reference:?}, nothing changed");
            return Outcome::UnknownOrder;
        };
        let last = order.last.as_ref().map(|(status, _, key)| LastApplied {
            status: *status,
            key,
        });
        let decision = update.decide(last);
        let seen = (update.origin(), key.to_string());
        if decision == Decision::Duplicate || self.seen.contains(&seen) {
            eprintln!("{shop}: {origin} {key:?}: duplicate, acknowledged");
            return Outcome::Duplicate;
        }
        self.seen.insert(seen);
        order.handled += 1;
        if let Err(e) = update.check_amount(order.amount, &order.currency) {
            order.flagged += 1;
            eprintln!(
                "{shop}: {origin} {key:?}: order {reference:?} flagged, STATUS {} not applied: {e}",
                update.status().code()
            );
            return Outcome::AmountMismatch;
        }
        match decision {
            Decision::Stale { current } => {
                eprintln!(
                    "{shop}: {origin} {key:?}: order {reference:?} is at STATUS {}, STATUS {} ignored",
                    current.code(),
                    update.status().code()
                );
                Outcome::Stale
            }
            // (A duplicate returned above.)
            Decision::Apply | Decision::Duplicate => {
                eprintln!(
                    "{shop}: {origin} {key:?}: order {reference:?} STATUS {} ({}), payment {}",
                    update.status().code(),
                    update.status().meaning(),
                    update.payment_id().unwrap_or("-"),
                );
                order.last = Some((update.status(), update.origin(), key.to_string()));
                Outcome::Applied
            }
        }
    }

    /// The order's state as text, `None` for an unknown reference:
    ///
    /// ```text
    /// status: 9
    /// amount: 4250 EUR
    /// last: legacy-feedback 5:WEB-1/7:3014726/1:0/9
    /// handled: 2
    /// flagged: 0
    /// ```
    ///
    /// (`status: -` and `last: -` before the first update is applied.)
    pub fn describe(&self, reference: &str) -> Option<String> {
        let order = self.orders.get(reference)?;
        let mut text = String::new();
        let (status, last) = match &order.last {
            Some((status, origin, key)) => (
                status.code().to_string(),
                format!("{} {}", origin.as_str(), key.escape_debug()),
            ),
            None => ("-".to_string(), "-".to_string()),
        };
        let _ = writeln!(text, "status: {status}");
        let _ = writeln!(
            text,
            "amount: {} {}",
            order.amount.minor_units(),
            order.currency
        );
        let _ = writeln!(text, "last: {last}");
        let _ = writeln!(text, "handled: {}", order.handled);
        let _ = writeln!(text, "flagged: {}", order.flagged);
        Some(text)
    }
}
