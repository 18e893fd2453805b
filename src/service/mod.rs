//! Use cases: each loads through storage, lets the domain decide, and commits or renders;
//! the front ends (chat, command line, scheduler) only parse, call and present.

pub mod report;
