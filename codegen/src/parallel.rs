//! A small ordered parallel map over the output files, on scoped threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, results in the items' order. Items are handed out heaviest first
/// (by `weight`) to as many threads as the machine has cores, so one large item does not finish last.
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, f(&items[i])));
        }
        done
    };
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            // A panic in `f` is a bug in the generator: pass it on as it is.
            all.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        for (i, r) in all {
            results[i] = Some(r);
        }
    });
    results.into_iter().map(|r| r.expect("every item is mapped once")).collect()
}
