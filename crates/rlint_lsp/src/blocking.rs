//! Work on tokio's blocking pool that answers before it cleans up.
//!
//! Freeing what a lint of a large file built (its model: one node per instruction, the scopes,
//! the RUN analyses) is about 8% of an edit's work on a 20,000-line file (`perf record` on the
//! linter's `edit_timing` example: `drop_in_place<Model>`), and the client should not wait for
//! it. The model cannot be sent to another thread (its syntax nodes are not `Send`), so work
//! puts such values aside with [`drop_later`] (or holds them in a [`DropLater`]), and [`run`]
//! frees them on the same thread after the result has been handed back.

use std::any::Any;
use std::cell::RefCell;

thread_local! {
    /// Values put aside by the [`run`] under way on this thread; `None` when there is none.
    static LATER: RefCell<Option<Vec<Box<dyn Any>>>> = const { RefCell::new(None) };
}

/// Frees `value` once the current [`run`] has handed back its result; outside a run, at once.
pub(crate) fn drop_later<T: 'static>(value: T) {
    let kept = LATER.with(|later| match &mut *later.borrow_mut() {
        Some(values) => {
            values.push(Box::new(value));
            None
        }
        None => Some(value),
    });
    drop(kept);
}

/// A value that [`drop_later`] frees when it goes out of scope: for what a request builds
/// only to answer from (a model for hover, completion and navigation).
pub(crate) struct DropLater<T: 'static>(Option<T>);

impl<T: 'static> DropLater<T> {
    pub(crate) fn new(value: T) -> DropLater<T> {
        DropLater(Some(value))
    }
}

impl<T: 'static> std::ops::Deref for DropLater<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.as_ref().expect("taken only on drop")
    }
}

impl<T: 'static> Drop for DropLater<T> {
    fn drop(&mut self) {
        if let Some(value) = self.0.take() {
            drop_later(value);
        }
    }
}

/// Runs `work` on the blocking pool; its result comes back as soon as it is ready, and what it
/// put aside with [`drop_later`] is freed afterwards. `None` when the work panicked (the panic
/// is not caught here) or the runtime is shutting down.
pub(crate) async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let task = tokio::task::spawn_blocking(move || {
        LATER.with(|later| *later.borrow_mut() = Some(Vec::new()));
        // Cleared even when `work` panics, so nothing put aside outlives this call.
        let _cleanup = Cleanup;
        let _ = sender.send(work());
    });
    match receiver.await {
        Ok(value) => Some(value),
        Err(_) => {
            // The sender is gone without a value: the work panicked (tokio keeps the panic in
            // the task's result, which says no more than that) or the runtime is stopping.
            let _ = task.await;
            None
        }
    }
}

struct Cleanup;

impl Drop for Cleanup {
    fn drop(&mut self) {
        // Taken out before the values are freed, so no borrow is held while they drop.
        let later = LATER.with(|later| later.borrow_mut().take());
        drop(later);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Arc};
    use std::time::Duration;

    /// A value whose drop waits until the test says it has the answer (or gives up after a
    /// while and records that it was dropped first).
    struct Guard {
        answered: mpsc::Receiver<()>,
        dropped_first: Arc<AtomicBool>,
        dropped: Arc<AtomicBool>,
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            if self.answered.recv_timeout(Duration::from_secs(5)).is_err() {
                self.dropped_first.store(true, Ordering::SeqCst);
            }
            self.dropped.store(true, Ordering::SeqCst);
        }
    }

    fn guard() -> (Guard, mpsc::Sender<()>, Arc<AtomicBool>, Arc<AtomicBool>) {
        let (sender, answered) = mpsc::channel();
        let dropped_first = Arc::new(AtomicBool::new(false));
        let dropped = Arc::new(AtomicBool::new(false));
        let guard = Guard {
            answered,
            dropped_first: dropped_first.clone(),
            dropped: dropped.clone(),
        };
        (guard, sender, dropped_first, dropped)
    }

    async fn wait_for(flag: &AtomicBool) {
        for _ in 0..1000 {
            if flag.load(Ordering::SeqCst) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the value put aside was never dropped");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn answers_before_freeing_what_was_put_aside() {
        let (guard, answered, dropped_first, dropped) = guard();
        let answer = run(move || {
            drop_later(guard);
            42
        })
        .await;
        assert_eq!(answer, Some(42));
        answered.send(()).unwrap();
        wait_for(&dropped).await;
        assert!(!dropped_first.load(Ordering::SeqCst));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panic_gives_none_and_still_frees() {
        let (guard, answered, _, dropped) = guard();
        answered.send(()).unwrap();
        let answer: Option<()> = run(move || {
            drop_later(guard);
            panic!("work failed on purpose");
        })
        .await;
        assert_eq!(answer, None);
        wait_for(&dropped).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_drop_later_value_is_freed_after_the_answer() {
        let (guard, answered, dropped_first, dropped) = guard();
        let answer = run(move || {
            let kept = DropLater::new(guard);
            // Read through it, then let it go out of scope inside the work.
            let _: &Guard = &kept;
            7
        })
        .await;
        assert_eq!(answer, Some(7));
        answered.send(()).unwrap();
        wait_for(&dropped).await;
        assert!(!dropped_first.load(Ordering::SeqCst));
    }

    #[test]
    fn outside_a_run_values_drop_at_once() {
        let (guard, answered, _, dropped) = guard();
        answered.send(()).unwrap();
        drop_later(guard);
        assert!(dropped.load(Ordering::SeqCst));
    }
}
