//! Ctrl-C during a load: the first one asks the load to stop after the batch it is writing (what
//! was committed is kept, and the run says so); a second one ends the process at once, which is as
//! safe as a kill (a batch is one transaction).

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether Ctrl-C was pressed since [`watch`].
pub fn requested() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

#[cfg(unix)]
mod signal {
    pub const SIGINT: i32 = 2;
    pub const SIG_DFL: usize = 0;
    extern "C" {
        pub fn signal(signum: i32, handler: usize) -> usize;
    }
}

/// Catches Ctrl-C for the rest of the process.
#[cfg(unix)]
pub fn watch() {
    extern "C" fn on_interrupt(_: i32) {
        INTERRUPTED.store(true, Ordering::SeqCst);
        // SAFETY: signal() is async-signal-safe; the next Ctrl-C takes the default action.
        unsafe {
            signal::signal(signal::SIGINT, signal::SIG_DFL);
        }
    }
    // SAFETY: installs a handler that only stores to an atomic and resets itself.
    unsafe {
        signal::signal(signal::SIGINT, on_interrupt as extern "C" fn(i32) as usize);
    }
}

#[cfg(not(unix))]
pub fn watch() {}
