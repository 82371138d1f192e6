//! The runtime every generated Stripe client crate embeds, compiled and
//! tested here on its own. The generator copies `src/runtime/` (not this
//! file) into each crate it writes; a generated `lib.rs` has the same shape
//! as this one: the runtime as a private module re-exported whole, and the
//! parts that come from the spec, which the runtime reads from the crate
//! root (only [`API_VERSION`]: the generated resources call the runtime,
//! never the other way round).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod runtime;
pub use runtime::*;

#[cfg(test)]
mod tests;
// The macros' test types, where a generated crate has its types.
#[cfg(test)]
use tests::{Card, CardPreview, DeletedCard};

/// The Stripe API version a generated crate pins, from its spec's
/// `info.version`. Here, for the runtime's own tests, the version of this
/// repository's `spec/`.
pub const API_VERSION: &str = "2018-01-23";
