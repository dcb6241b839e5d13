//! Short ids for readable lists: the first 8 characters of an id, as git shows a commit's
//! hash, or more where two ids of one list would otherwise read the same (UUIDv7 ids made
//! in the same minute share their first 8 characters). Any unique prefix of 6 or more
//! characters is accepted back wherever a customer is named (`customer/resolve.rs`).

/// Characters a short id has at least.
pub const SHORT_ID_LEN: usize = 8;

/// The characters of each id in `ids` that tell it apart from the others: at least
/// [`SHORT_ID_LEN`], all of an id that is a prefix of another.
pub fn short_len<'a>(ids: impl IntoIterator<Item = &'a str>) -> usize {
    let mut sorted: Vec<&str> = ids.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
        .windows(2)
        .map(|pair| common_prefix(pair[0], pair[1]) + 1)
        .fold(SHORT_ID_LEN, usize::max)
}

/// The first `len` characters of `id` (all of it when shorter).
pub fn short(id: &str, len: usize) -> &str {
    id.char_indices().nth(len).map_or(id, |(at, _)| &id[..at])
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_grow_only_as_far_as_a_list_needs() {
        let apart = ["019a1111-0000", "019b2222-0000"];
        assert_eq!(short_len(apart), 8);
        assert_eq!(short(apart[0], 8), "019a1111");
        let close = ["019a1111-0000", "019a1111-0100", "019a1111-0100"];
        assert_eq!(short_len(close), 11);
        assert_eq!(short(close[1], 11), "019a1111-01");
        assert_eq!(short("abc", 8), "abc");
        assert_eq!(short_len(std::iter::empty()), 8);
    }
}
