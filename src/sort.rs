//! One small stable sort for the app's short lists.

/// Sorts a short list by `key`, keeping equal items in order. An insertion sort: the lists here
/// hold at most a few hundred items, and one small loop keeps the WebAssembly smaller than an
/// instance of the standard library's sort per call site.
pub fn sort_small<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(items in prop::collection::vec((0u8..8, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_small(&mut ours, |(k, _)| *k);
            let mut theirs = items;
            theirs.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, theirs);
        }
    }
}
