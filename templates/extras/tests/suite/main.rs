//! The integration tests in one binary: one link, and the tests of every
//! file run side by side. Apart stay the tests that need a process of their
//! own (the TLS provider and the process-wide tracing subscriber ones), and
//! `localstripe` and `fixtures`, which CI runs by
//! name with their server and data.

#[path = "../common/mod.rs"]
mod common;

#[cfg(feature = "blocking")]
mod blocking;
mod client;
mod decoding;
mod encoding;
mod errors;
mod examples;
mod faults;
mod headers;
mod hostile_responses;
mod pagination;
mod production;
mod retries;
mod uploads;
mod webhook_server;
mod webhooks;
