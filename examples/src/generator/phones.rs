//! Chinese mobile numbers: unique by construction, weighted by prefix, typed in many ways.
//!
//! A customer's index goes through a keyed permutation of `0..capacity` (a Feistel network
//! with cycle walking, so it is a bijection), and the permuted value is split into a block
//! (which fixes the three-digit prefix and the fourth digit) and a 7-digit offset. Distinct
//! indexes therefore always give distinct numbers, and the numbers look random.

use super::weighted::pick;
use rand::Rng;

/// Mobile prefixes with the number of 10-million blocks each gets (out of 10 possible fourth
/// digits): the weight with which numbers fall under it.
const PREFIXES: &[(u16, u8)] = &[
    (130, 6),
    (131, 6),
    (132, 6),
    (133, 5),
    (134, 5),
    (135, 8),
    (136, 8),
    (137, 9),
    (138, 10),
    (139, 10),
    (145, 2),
    (147, 3),
    (150, 8),
    (151, 7),
    (152, 6),
    (153, 5),
    (155, 6),
    (156, 7),
    (157, 5),
    (158, 8),
    (159, 8),
    (166, 4),
    (173, 3),
    (175, 3),
    (176, 5),
    (177, 4),
    (178, 5),
    (180, 5),
    (181, 5),
    (182, 5),
    (183, 5),
    (184, 3),
    (185, 6),
    (186, 9),
    (187, 7),
    (188, 6),
    (189, 7),
    (191, 3),
    (193, 2),
    (195, 3),
    (196, 2),
    (198, 4),
    (199, 6),
];

/// Numbers in one block: the last seven digits.
const BLOCK: u64 = 10_000_000;

/// The unique numbers available, one per customer index.
pub(crate) fn capacity() -> u64 {
    PREFIXES.iter().map(|(_, w)| u64::from(*w)).sum::<u64>() * BLOCK
}

/// A keyed bijection of `0..n`: a balanced Feistel network on the smallest even number of
/// bits that holds `n`, walked until the value falls back inside `0..n`.
#[derive(Debug, Clone)]
pub(crate) struct Permutation {
    n: u64,
    half_bits: u32,
    keys: [u64; 4],
}

impl Permutation {
    /// A permutation of `0..n` keyed by `keys`.
    pub(crate) fn new(n: u64, keys: [u64; 4]) -> Self {
        let bits = (64 - n.saturating_sub(1).leading_zeros()).max(2);
        Self {
            n,
            half_bits: bits.div_ceil(2),
            keys,
        }
    }

    /// The image of `x`, or `None` when `x` is outside `0..n`.
    pub(crate) fn apply(&self, x: u64) -> Option<u64> {
        if x >= self.n {
            return None;
        }
        let mut y = self.feistel(x);
        // Every cycle of the permutation on 0..2^bits that starts inside 0..n comes back
        // inside it, so this ends; on average after fewer than two more rounds.
        while y >= self.n {
            y = self.feistel(y);
        }
        Some(y)
    }

    fn feistel(&self, x: u64) -> u64 {
        let mask = (1u64 << self.half_bits) - 1;
        let (mut left, mut right) = (x >> self.half_bits, x & mask);
        for key in self.keys {
            let mixed = splitmix64(right ^ key) & mask;
            (left, right) = (right, left ^ mixed);
        }
        (left << self.half_bits) | right
    }
}

/// The SplitMix64 finaliser: a cheap, well-mixing 64-bit hash.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Maps customer indexes to unique mobile numbers.
#[derive(Debug, Clone)]
pub(crate) struct PhoneBook {
    permutation: Permutation,
    /// Block number → (prefix, fourth digit).
    blocks: Vec<(u16, u8)>,
}

/// A customer's number and the unique value it was made from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mobile {
    /// The 11-digit number.
    pub(crate) number: u64,
    /// The permuted index (unique per customer, below [`capacity`]): other unique handles
    /// (WeChat IDs, QQ mail) are built from it.
    pub(crate) token: u64,
}

impl PhoneBook {
    /// A phone book whose permutation is keyed by `rng`.
    pub(crate) fn new<R: Rng + ?Sized>(rng: &mut R) -> Self {
        let keys = [rng.random(), rng.random(), rng.random(), rng.random()];
        let blocks = PREFIXES
            .iter()
            .flat_map(|&(prefix, weight)| {
                // Spread the fourth digits over 0..9 rather than taking the lowest ones.
                (0..weight).map(move |j| (prefix, j * 10 / weight))
            })
            .collect();
        Self {
            permutation: Permutation::new(capacity(), keys),
            blocks,
        }
    }

    /// The number of customer `index`, or `None` beyond [`capacity`].
    pub(crate) fn mobile(&self, index: u64) -> Option<Mobile> {
        let token = self.permutation.apply(index)?;
        let (prefix, fourth) = *self.blocks.get(usize::try_from(token / BLOCK).ok()?)?;
        let number = u64::from(prefix) * 100_000_000 + u64::from(fourth) * BLOCK + token % BLOCK;
        Some(Mobile { number, token })
    }
}

/// How people type a mobile number into a form, with their weights.
#[derive(Debug, Clone, Copy)]
enum Spelling {
    Plain,
    Spaced,
    Dashed,
    PlusSpaced,
    Plus,
    CountryDashed,
    FullWidth,
}

const SPELLINGS: &[(Spelling, u32)] = &[
    (Spelling::Plain, 62),
    (Spelling::Spaced, 14),
    (Spelling::Dashed, 9),
    (Spelling::PlusSpaced, 7),
    (Spelling::Plus, 4),
    (Spelling::CountryDashed, 2),
    (Spelling::FullWidth, 2),
];

/// `number` as a person might type it: `13812345678`, `138 1234 5678`, `+86 138 1234 5678`,
/// `１３８１２３４５６７８` ...
pub(crate) fn typed<R: Rng + ?Sized>(rng: &mut R, number: u64) -> String {
    let d = number.to_string();
    let (a, b, c) = (&d[..3], &d[3..7], &d[7..]);
    match pick(rng, SPELLINGS) {
        Spelling::Plain => d,
        Spelling::Spaced => format!("{a} {b} {c}"),
        Spelling::Dashed => format!("{a}-{b}-{c}"),
        Spelling::PlusSpaced => format!("+86 {a} {b} {c}"),
        Spelling::Plus => format!("+86{d}"),
        Spelling::CountryDashed => format!("86-{a}-{b}-{c}"),
        Spelling::FullWidth => d
            .chars()
            .map(|ch| char::from_u32(u32::from(ch) + 0xFEE0).unwrap_or(ch))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::collections::HashSet;

    #[test]
    fn the_permutation_is_a_bijection_on_small_domains() {
        for n in [1, 2, 3, 10, 1000, 4097] {
            let p = Permutation::new(n, [1, 2, 3, 4]);
            let image: HashSet<u64> = (0..n).map(|x| p.apply(x).unwrap()).collect();
            assert_eq!(image.len() as u64, n);
            assert!(image.iter().all(|&y| y < n));
            assert_eq!(p.apply(n), None);
        }
    }

    #[test]
    fn capacity_fits_the_permutation_and_numbers_are_chinese_mobiles() {
        assert!(capacity() < 1 << 32);
        let book = PhoneBook::new(&mut ChaCha8Rng::seed_from_u64(9));
        for i in (0..capacity()).step_by(7_777_777) {
            let m = book.mobile(i).unwrap();
            let d = m.number.to_string();
            assert_eq!(d.len(), 11);
            assert!(d.starts_with('1') && (b'3'..=b'9').contains(&d.as_bytes()[1]));
        }
        assert!(book.mobile(capacity()).is_none());
    }
}
