//! How many bytes of files are planned at once. Planning holds a report many times its size (its
//! decoded and folded texts, the characters' offsets, clauses, quantities: about 17 bytes a byte of
//! a Chinese text), so two long reports planned side by side weigh what one does twice. A planner
//! takes a share of the budget the size of its file before it reads it and gives it back when the
//! file is planned; a file that does not fit beside the others waits for them. Files are let in in
//! the order they asked, so that a long one is not passed over by short ones for ever; a file
//! larger than the whole budget is planned alone.

use std::sync::{Arc, Condvar, Mutex};

/// A budget of file bytes in planning at once, shared by the planning threads (and the writer,
/// which gives back a batch's share once it has stored it).
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// Bytes held by the files being planned.
    held: u64,
    /// The number the next file to ask is given, and the number of the file let in next.
    next_ticket: u64,
    serving: u64,
}

/// A file's share of the budget, given back when dropped (on whichever thread holds it then).
#[derive(Debug)]
pub struct Share {
    budget: Arc<Budget>,
    bytes: u64,
}

impl Budget {
    pub fn new(limit: u64) -> Self {
        Self { limit, state: Mutex::new(State::default()), changed: Condvar::new() }
    }

    /// Waits until every file that asked before has been let in and `bytes` fit beside the bytes
    /// held (or nothing is held, for a file larger than the budget), then holds them.
    pub fn take(self: &Arc<Self>, bytes: u64) -> Share {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        while state.serving != ticket || !(state.held == 0 || state.held + bytes <= self.limit) {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.serving += 1;
        state.held += bytes;
        drop(state);
        // The file after this one may fit too.
        self.changed.notify_all();
        Share { budget: Arc::clone(self), bytes }
    }

    /// The bytes held now.
    #[cfg(test)]
    fn held(&self) -> u64 {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).held
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        let mut state = self.budget.state.lock().unwrap_or_else(|e| e.into_inner());
        state.held -= self.bytes;
        drop(state);
        self.budget.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    /// Takes shares of `sizes` in turn on a thread of its own and says whether it got them all
    /// within `wait` (a share that is never let in fails the test instead of hanging it); the
    /// shares are kept until `keep` is dropped.
    fn let_in(budget: &Arc<Budget>, sizes: &[u64], wait: Duration) -> (bool, std::sync::mpsc::Sender<()>) {
        let (done, got) = std::sync::mpsc::channel();
        let (keep, release) = std::sync::mpsc::channel::<()>();
        let (budget, sizes) = (Arc::clone(budget), sizes.to_vec());
        std::thread::spawn(move || {
            let shares: Vec<Share> = sizes.iter().map(|&n| budget.take(n)).collect();
            let _ = done.send(());
            let _ = release.recv();
            drop(shares);
        });
        (got.recv_timeout(wait).is_ok(), keep)
    }

    #[test]
    fn files_that_fit_together_are_held_together() {
        let budget = Arc::new(Budget::new(10));
        let (both, keep) = let_in(&budget, &[4, 6], Duration::from_secs(5));
        assert!(both, "4 and 6 bytes fit a budget of 10");
        assert_eq!(budget.held(), 10);
        // One more byte does not fit until they are given back.
        let (one_more, _) = let_in(&budget, &[1], Duration::from_millis(100));
        assert!(!one_more, "a byte over the budget was let in");
        drop(keep);
        let (later, _) = let_in(&budget, &[1], Duration::from_secs(5));
        assert!(later, "the byte was not let in once the others were given back");
    }

    #[test]
    fn a_file_larger_than_the_budget_is_let_in_alone() {
        let budget = Arc::new(Budget::new(10));
        let (alone, keep) = let_in(&budget, &[25], Duration::from_secs(5));
        assert!(alone, "a file larger than the budget was never let in");
        assert_eq!(budget.held(), 25);
        let (beside, _) = let_in(&budget, &[1], Duration::from_millis(100));
        assert!(!beside, "a file was let in beside one larger than the budget");
        drop(keep);
    }

    /// Threads planning files of random sizes never hold more than the budget, except one file
    /// larger than it alone, and every file gets its turn.
    #[test]
    fn the_bytes_held_at_once_never_exceed_the_budget() {
        let budget = Arc::new(Budget::new(10));
        let peak_over = AtomicU64::new(0);
        let planned = AtomicU64::new(0);
        // (No file of 0 bytes: it holds nothing, and one larger than the budget may come in beside
        // it, which the count below would take for two files over the budget.)
        let sizes: Vec<u64> = (0..200u64).map(|i| (i * 7919) % 13 + 1).collect();
        std::thread::scope(|scope| {
            for part in sizes.chunks(50) {
                let (budget, peak_over, planned) = (&budget, &peak_over, &planned);
                scope.spawn(move || {
                    for &size in part {
                        let share = budget.take(size);
                        let held = budget.held();
                        if held > 10 && held != size {
                            peak_over.fetch_max(held, Ordering::Relaxed);
                        }
                        std::thread::sleep(Duration::from_micros(size * 20));
                        drop(share);
                        planned.fetch_add(1, Ordering::Relaxed);
                    }
                });
            }
        });
        assert_eq!(peak_over.load(Ordering::Relaxed), 0, "held more than the budget beside another file");
        assert_eq!(planned.load(Ordering::Relaxed), 200);
        assert_eq!(budget.held(), 0);
    }

    /// A long file waiting for room is let in before short files that asked after it.
    #[test]
    fn a_file_waiting_for_room_is_not_passed_by_later_ones() {
        let budget = Arc::new(Budget::new(10));
        let first = budget.take(6);
        let order = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            let (budget, order) = (&budget, &order);
            scope.spawn(move || {
                let _long = budget.take(8);
                order.lock().unwrap().push("long");
            });
            // The long file has asked (it waits: 6 + 8 > 10) before the short one asks, which
            // would fit beside the first (6 + 3) but not beside the long one (8 + 3).
            while budget.state.lock().unwrap().next_ticket < 2 {
                std::thread::yield_now();
            }
            scope.spawn(move || {
                let _short = budget.take(3);
                order.lock().unwrap().push("short");
            });
            std::thread::sleep(Duration::from_millis(50));
            drop(first);
        });
        assert_eq!(*order.lock().unwrap(), ["long", "short"]);
    }
}
