//! One module per command. Each only orchestrates library calls through `crate::input`; no
//! command uses another.

pub mod assign;
pub mod compare;
pub mod run;
pub mod simulate;
pub mod validate;
