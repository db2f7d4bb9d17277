//! Short copies of bytes, done inline.
//!
//! The pieces of a string to sign (`NAME=`, a value, the passphrase) are a few to a few dozen
//! bytes, and there are dozens a message: a call to the C library's `memcpy` for each costs
//! more than the copy (measured with `perf` on the benchmark machine: its AVX-512 path for
//! short lengths took a tenth of verifying a feedback body). Fixed-size moves of 4, 8 and 16
//! bytes, overlapping where the length is not a multiple, copy them without a call.

/// Copies `src` into the start of `dst` (as much as fits): `dst[..n].copy_from_slice(&src[..n])`
/// with `n` the shorter length, without calling `memcpy` for up to 64 bytes. Always inline:
/// the length's arms are a few moves each, and a call would cost more.
#[inline(always)]
pub(crate) fn copy_short(dst: &mut [u8], src: &[u8]) {
    let len = dst.len().min(src.len());
    let (Some(dst), Some(src)) = (dst.get_mut(..len), src.get(..len)) else {
        return;
    };
    match len {
        0 => {}
        1..=3 => {
            // First, middle and last: every byte of 1 to 3.
            for at in [0, len / 2, len - 1] {
                if let (Some(d), Some(s)) = (dst.get_mut(at), src.get(at)) {
                    *d = *s;
                }
            }
        }
        4..=7 => {
            move_n::<4>(dst, src, 0);
            move_n::<4>(dst, src, len - 4);
        }
        8..=15 => {
            move_n::<8>(dst, src, 0);
            move_n::<8>(dst, src, len - 8);
        }
        16..=32 => {
            move_n::<16>(dst, src, 0);
            move_n::<16>(dst, src, len - 16);
        }
        33..=64 => {
            move_n::<16>(dst, src, 0);
            move_n::<16>(dst, src, 16);
            move_n::<16>(dst, src, len - 32);
            move_n::<16>(dst, src, len - 16);
        }
        _ => dst.copy_from_slice(src),
    }
}

/// Whether `a` and `b` are the same bytes: `a == b`, without calling `memcmp` (names: the C
/// library's `memcmp` costs more than the comparison itself here, its masked vector load
/// measured at ~90 ns a call on the benchmark machine). Up to 32 bytes, two fixed-size
/// comparisons; past that, byte by byte.
#[inline]
pub(crate) fn equal_short(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        0 => true,
        1..=3 => [0, len / 2, len - 1]
            .into_iter()
            .all(|at| a.get(at) == b.get(at)),
        4..=7 => same_n::<4>(a, b, 0) && same_n::<4>(a, b, len - 4),
        8..=15 => same_n::<8>(a, b, 0) && same_n::<8>(a, b, len - 8),
        16..=32 => same_n::<16>(a, b, 0) && same_n::<16>(a, b, len - 16),
        _ => a.iter().zip(b).all(|(x, y)| x == y),
    }
}

/// `a[at..at + N] == b[at..at + N]`, one fixed-size comparison (false when out of range).
#[inline(always)]
fn same_n<const N: usize>(a: &[u8], b: &[u8], at: usize) -> bool {
    let x = a.get(at..at + N).and_then(|s| <[u8; N]>::try_from(s).ok());
    let y = b.get(at..at + N).and_then(|s| <[u8; N]>::try_from(s).ok());
    matches!((x, y), (Some(x), Some(y)) if x == y)
}

/// `dst[at..at + N] = src[at..at + N]`, one fixed-size move.
#[inline(always)]
fn move_n<const N: usize>(dst: &mut [u8], src: &[u8], at: usize) {
    let to = dst
        .get_mut(at..at + N)
        .and_then(|d| <&mut [u8; N]>::try_from(d).ok());
    let from = src
        .get(at..at + N)
        .and_then(|s| <&[u8; N]>::try_from(s).ok());
    if let (Some(to), Some(from)) = (to, from) {
        *to = *from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of lengths to 70, equal or one byte changed anywhere: what `==` says.
    #[test]
    fn compares_as_eq_compares() {
        let source: alloc::vec::Vec<u8> = (0..=255u8).cycle().take(100).collect();
        for len in 0..70 {
            let a = &source[..len];
            for other in [len.saturating_sub(1), len, len + 1] {
                assert_eq!(
                    equal_short(a, &source[..other]),
                    len == other,
                    "{len} {other}"
                );
            }
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!equal_short(a, &b), "{len} {at}");
                assert!(equal_short(&b, &b.clone()), "{len} {at}");
            }
        }
    }

    /// Every length to 200, into a longer, a same-size and a shorter buffer, at every
    /// alignment of the source: what `copy_from_slice` copies, and nothing past it.
    #[test]
    fn copies_what_copy_from_slice_copies() {
        let source: alloc::vec::Vec<u8> = (0..=255u8).cycle().take(300).collect();
        for len in 0..200 {
            for shift in 0..3 {
                let src = &source[shift..shift + len];
                for room in [len + 5, len, len.saturating_sub(3)] {
                    let mut got = alloc::vec![0xAAu8; room];
                    copy_short(&mut got, src);
                    let mut want = alloc::vec![0xAAu8; room];
                    let n = room.min(len);
                    want[..n].copy_from_slice(&src[..n]);
                    assert_eq!(got, want, "len {len}, shift {shift}, room {room}");
                }
            }
        }
    }
}
