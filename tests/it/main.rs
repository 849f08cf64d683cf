//! Integration tests: the real `gwr` binary on the real sample corpus, in temporary folders.

mod util;

mod load;
