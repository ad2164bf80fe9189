//! fushen-server's integration tests, in one binary (as ripgrep's): one link instead of one per
//! file, which on a 2-core machine is most of a test build. One module per area; what they
//! share is written once, in [`util`].

mod api;
mod attacks;
mod backup;
mod check;
mod cli;
mod docs;
mod inbox;
mod notify;
mod staff;
mod text_rule;
mod util;
