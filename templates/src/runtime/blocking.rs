//! Blocking sends (the `blocking` feature), for programs that do not run an
//! async runtime: CLIs, scripts, tests. They run the same request, retry and
//! decoding code as `.await`, on a small runtime of the crate's own (one
//! worker thread, started on first use and shared by every client).

use super::error::Error;
use super::list::ListStream;
use super::request::{RequestBuilder, Response};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::OnceLock;

/// The runtime blocking sends run on, or why it could not start.
fn runtime() -> Result<&'static tokio::runtime::Runtime, Error> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("stripe-client-blocking")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Config(format!("could not start the runtime for blocking requests: {e}")))
}

/// Runs `future` to completion on the blocking runtime. Refused inside an
/// async runtime, where blocking a worker thread would stall it (and where
/// `.await` is the way).
fn block_on<F: Future>(future: F) -> Result<F::Output, Error> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::Config(
            "a blocking send was called inside an async runtime; `.await` the request instead".into(),
        ));
    }
    Ok(runtime()?.block_on(future))
}

impl<T: DeserializeOwned> RequestBuilder<T> {
    /// Sends the request and waits for the decoded body, without an async
    /// runtime (the `blocking` feature). Same behaviour as `.await`:
    /// retries, timeouts, deadline, errors.
    pub fn send_blocking(self) -> Result<T, Error> {
        block_on(self.send())?
    }

    /// [`RequestBuilder::send_blocking`], with the response's metadata.
    pub fn send_blocking_with_response(self) -> Result<Response<T>, Error> {
        block_on(self.send_with_response())?
    }
}

impl<T: Send + 'static> ListStream<T> {
    /// The items of every page, fetched as the iterator is read (the
    /// `blocking` feature). Ends after the first error.
    pub fn blocking_iter(self) -> BlockingIter<T> {
        BlockingIter { stream: Some(self) }
    }
}

/// The items of a [`ListStream`], read without an async runtime.
#[derive(Debug)]
#[must_use = "an iterator does nothing until it is read"]
pub struct BlockingIter<T> {
    stream: Option<ListStream<T>>,
}

impl<T: Send + 'static> Iterator for BlockingIter<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let stream = self.stream.as_mut()?;
        let next =
            block_on(std::future::poll_fn(|cx| futures_core::Stream::poll_next(std::pin::Pin::new(&mut *stream), cx)));
        match next {
            Ok(Some(Ok(item))) => Some(Ok(item)),
            Ok(None) => {
                self.stream = None;
                None
            }
            Ok(Some(Err(e))) | Err(e) => {
                self.stream = None;
                Some(Err(e))
            }
        }
    }
}
