//! Running the adapter: the dispatcher, the polling lease, the courier and the loops beside it.

pub mod background;
pub mod connect;
pub mod courier;
pub mod ctx;
pub mod guard;
pub mod lease;
pub mod listen;
pub mod retry;
pub mod serve;
pub mod trace;
pub mod webhook;
