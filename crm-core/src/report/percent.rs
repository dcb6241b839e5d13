//! Percentages as basis points (1 bp = 0.01 %, 10,000 = 100 %): exact integers that cross
//! the FFI unchanged and add up.

/// `part / whole` in basis points, rounded half up; `None` when `whole` is 0.
pub fn percent_bp(part: u64, whole: u64) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let bp = (u128::from(part) * 20_000 + u128::from(whole)) / (2 * u128::from(whole));
    Some(u32::try_from(bp).unwrap_or(u32::MAX))
}

/// Each count's share of their sum in basis points, apportioned by largest remainder so that
/// the shares add up to exactly 10,000 (ties go to the earlier count). All 0 when the sum is 0.
pub fn shares_bp(counts: &[u32]) -> Vec<u32> {
    let total: u64 = counts.iter().map(|c| u64::from(*c)).sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let exact: Vec<(u64, u64)> = counts
        .iter()
        .map(|c| {
            let scaled = u64::from(*c) * 10_000;
            (scaled / total, scaled % total)
        })
        .collect();
    let given: u64 = exact.iter().map(|(q, _)| q).sum();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    let mut shares: Vec<u32> = exact.iter().map(|(q, _)| *q as u32).collect();
    for i in order.into_iter().take((10_000 - given) as usize) {
        shares[i] += 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_and_shares_add_up() {
        assert_eq!(percent_bp(1, 3), Some(3333));
        assert_eq!(percent_bp(2, 3), Some(6667));
        assert_eq!(percent_bp(1, 8), Some(1250));
        assert_eq!(percent_bp(1, 0), None);
        assert_eq!(shares_bp(&[1, 1, 1]), vec![3334, 3333, 3333]);
        assert_eq!(shares_bp(&[0, 0]), vec![0, 0]);
        assert_eq!(shares_bp(&[3, 0, 1]), vec![7500, 0, 2500]);
        assert_eq!(shares_bp(&[]), Vec::<u32>::new());
    }
}
