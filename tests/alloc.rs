//! `Signer::sign`, `Signer::verify` and `Signer::verify_shasign` allocate nothing.
//!
//! A counting global allocator wraps the system one. Only allocations made by the thread that
//! switched counting on are counted, and the file holds a single `#[test]`, so nothing else
//! (the test harness, another test) can make the count move. Every algorithm, both sort orders,
//! both hashing charsets, the SHA-IN list (with `ITEMNAME12`-style pattern names), the SHA-OUT
//! list and the legacy scheme are covered, each in a passing and a failing (`Mismatch`)
//! verification.
#![allow(unsafe_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use ogone::{
    Charset, Direction, Error, HashAlgorithm, Params, Passphrase, Scheme, Signer, SortOrder,
};

/// The system allocator, counting the allocations (`alloc`, `alloc_zeroed`, `realloc`) of the
/// threads that asked for it.
struct Counting;

/// Allocations counted so far.
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread's allocations are counted. Const-initialised, no destructor: reading
    /// it never allocates.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn record() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
    }
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the `GlobalAlloc`
// contract; counting touches only an atomic and a const thread-local.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record();
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record();
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    COUNTING.with(|c| c.set(true));
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let out = f();
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    COUNTING.with(|c| c.set(false));
    (after - before, out)
}

const KEY: &str = "Mysecretsig1875!?";

/// A hosted-page SHA-IN request with Latin-1 values and basket lines past 10 (so the two sort
/// orders differ and the `ITEMNAME*XX*` patterns are looked up); plus a name off the list and
/// an empty value, which are dropped.
fn sha_in_params() -> Params {
    let mut pairs: Vec<(String, String)> = [
        ("PSPID", "MyPSPID"),
        ("orderID", "1234"),
        ("amount", "1500"),
        ("CURRENCY", "EUR"),
        ("LANGUAGE", "fr_FR"),
        ("CN", "Zoë Müller-Ångström"),
        ("OWNERADDRESS", "12 rue de la Paix, façade nord"),
        ("OWNERTOWN", "Besançon"),
        ("COM", "café crème × 2, ½ prix"),
        (
            "ACCEPTURL",
            "https://shop.example.com/checkout/payment/ogone/accept?lang=fr",
        ),
        ("TITLE", ""),
        ("NOT_ON_THE_LIST", "ignored"),
    ]
    .iter()
    .map(|&(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for i in 1..=12 {
        pairs.push((format!("ITEMID{i}"), format!("SKU{i:04}")));
        pairs.push((format!("ITEMNAME{i}"), format!("Thé vert n°{i}")));
        pairs.push((format!("ITEMPRICE{i}"), format!("{i}.50")));
        pairs.push((format!("ITEMQUANT{i}"), "1".to_string()));
    }
    Params::try_from_pairs(pairs).unwrap()
}

/// SHA-OUT feedback in mixed case, with `SCO_CATEGORY` / `SCORING` (the pair the two sort orders
/// disagree on), Latin-1 values and a name that is not hashed.
fn sha_out_params() -> Params {
    Params::try_from_pairs([
        ("ACCEPTANCE", "1234"),
        ("amount", "15"),
        ("BRAND", "VISA"),
        ("CARDNO", "XXXXXXXXXXXX1111"),
        ("CN", "François Légère"),
        ("currency", "EUR"),
        ("NCERROR", "0"),
        ("orderID", "12"),
        ("PAYID", "32100123"),
        ("PM", "CreditCard"),
        ("SCO_CATEGORY", "G"),
        ("SCORING", "1"),
        ("STATUS", "9"),
        ("COMPLUS", "référence café"),
        ("NCERRORPLUS", "!"),
    ])
    .unwrap()
}

/// `params` with its own signature in `SHASIGN`.
fn with_shasign(params: &Params, hex: &str) -> Params {
    let mut out = params.clone();
    out.insert("SHASIGN", hex).unwrap();
    out
}

/// Checks that signing and verifying with `signer` allocate nothing; returns how many cases.
fn check(label: &str, signer: &Signer, params: &Params) -> usize {
    // Setup, allocation allowed.
    let hex = signer.sign(params).unwrap().to_string();
    let lower = hex.to_ascii_lowercase();
    let mut wrong = hex.clone().into_bytes();
    wrong[0] = if wrong[0] == b'0' { b'1' } else { b'0' };
    let wrong = String::from_utf8(wrong).unwrap();
    let signed = with_shasign(params, &hex);
    let signed_wrong = with_shasign(params, &wrong);
    assert!(
        !signer.explain(params).kept().is_empty(),
        "{label}: something is hashed"
    );

    let (n, sig) = allocations(|| signer.sign(black_box(params)));
    assert_eq!(n, 0, "{label}: sign allocated {n} times");
    assert_eq!(sig.unwrap().to_string(), hex);

    let (n, ok) = allocations(|| signer.verify(black_box(params), black_box(&hex)));
    assert_eq!(n, 0, "{label}: verify (upper-case hex) allocated {n} times");
    ok.unwrap();

    let (n, ok) = allocations(|| signer.verify(black_box(params), black_box(&lower)));
    assert_eq!(n, 0, "{label}: verify (lower-case hex) allocated {n} times");
    ok.unwrap();

    let (n, ok) = allocations(|| signer.verify_shasign(black_box(&signed)));
    assert_eq!(n, 0, "{label}: verify_shasign allocated {n} times");
    ok.unwrap();

    let (n, err) = allocations(|| signer.verify(black_box(params), black_box(&wrong)));
    assert_eq!(n, 0, "{label}: failing verify allocated {n} times");
    assert_eq!(err, Err(Error::Mismatch), "{label}");

    let (n, err) = allocations(|| signer.verify_shasign(black_box(&signed_wrong)));
    assert_eq!(n, 0, "{label}: failing verify_shasign allocated {n} times");
    assert_eq!(err, Err(Error::Mismatch), "{label}");

    6
}

#[test]
fn sign_and_verify_allocate_nothing() {
    // The counter counts: an allocation between two measurements is seen.
    let (n, v) = allocations(|| black_box(Vec::<u64>::with_capacity(8)));
    assert!(n >= 1, "the counting allocator missed an allocation");
    drop(v);
    let (n, s) = allocations(|| black_box(String::from("x")).repeat(100));
    assert!(n >= 1, "the counting allocator missed an allocation");
    drop(s);

    let sha_in = sha_in_params();
    let sha_out = sha_out_params();
    let mut cases = 0;
    for alg in HashAlgorithm::ALL {
        for order in [SortOrder::Ingenico, SortOrder::Byte] {
            for charset in [Charset::Utf8, Charset::Iso8859_1] {
                for direction in [Direction::In, Direction::Out] {
                    let params = match direction {
                        Direction::In => &sha_in,
                        Direction::Out => &sha_out,
                    };
                    for scheme in [Scheme::EachParameter, Scheme::LegacyMainParameters] {
                        let signer = Signer::new(Passphrase::new(KEY), alg, direction)
                            .with_order(order)
                            .with_charset(charset)
                            .with_scheme(scheme);
                        let label = format!("{alg}/{order:?}/{charset}/{direction:?}/{scheme:?}");
                        cases += check(&label, &signer, params);
                    }
                }
            }
        }
    }
    assert_eq!(cases, 3 * 2 * 2 * 2 * 2 * 6);

    // Latin-1 really is a different encoding of these values (so both charsets were exercised).
    let utf8 = Signer::sha_in(Passphrase::new(KEY), HashAlgorithm::Sha256);
    let latin1 = utf8.clone().with_charset(Charset::Iso8859_1);
    assert_ne!(utf8.sign(&sha_in).unwrap(), latin1.sign(&sha_in).unwrap());
    // And the two orders really differ on this set (ITEMNAME2 / ITEMNAME10).
    let byte = utf8.clone().with_order(SortOrder::Byte);
    assert_ne!(utf8.sign(&sha_in).unwrap(), byte.sign(&sha_in).unwrap());

    // The counter still counts at the end.
    let (n, v) = allocations(|| black_box(Vec::<u8>::with_capacity(8)));
    assert!(n >= 1, "the counting allocator missed an allocation");
    drop(v);
}
