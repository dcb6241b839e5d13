//! Weighted choice from small static tables.

use rand::Rng;

/// Picks one item of `table`, each with the chance of its weight over the sum of weights.
/// Tables are small (at most a few hundred rows), so a linear scan is fast enough.
pub(crate) fn pick<'a, T, R: Rng + ?Sized>(rng: &mut R, table: &'a [(T, u32)]) -> &'a T {
    let total: u32 = table.iter().map(|(_, w)| *w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (item, weight) in table {
        if roll < *weight {
            return item;
        }
        roll -= weight;
    }
    // Only reachable with an all-zero table, which the generator's tables are not.
    &table[table.len() - 1].0
}

/// Picks one item of `items`, all equally likely.
pub(crate) fn pick_uniform<'a, T, R: Rng + ?Sized>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// `true` with `percent` per cent.
pub(crate) fn chance<R: Rng + ?Sized>(rng: &mut R, percent: u32) -> bool {
    rng.random_range(0..100) < percent
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn weights_steer_the_choice() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let table = [("a", 90), ("b", 10), ("never", 0)];
        let mut a = 0;
        for _ in 0..10_000 {
            match *pick(&mut rng, &table) {
                "a" => a += 1,
                "b" => {}
                other => panic!("picked {other}"),
            }
        }
        assert!((8_700..9_300).contains(&a), "{a}");
    }
}
