//! List envelopes and auto-pagination.

use super::error::Error;
use super::params::HasId;
use super::request::RequestBuilder;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One page of a list: `{object: "list", data, has_more, url}`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct List<T> {
    /// Always `list`.
    #[serde(default = "list_object")]
    pub object: String,
    /// The items on this page.
    pub data: Vec<T>,
    /// Whether more items follow this page.
    pub has_more: bool,
    /// The URL this list comes from.
    #[serde(default)]
    pub url: String,
    /// The number of items in the whole list, when Stripe includes it (some
    /// embedded lists, or `include[]=total_count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
}

fn list_object() -> String {
    "list".to_owned()
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.data.into_iter()
    }
}

/// One page of search results: `{object: "search_result", data, has_more,
/// next_page, url}`. Search pages are reached with `page=<next_page>`, not
/// with cursors.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct SearchList<T> {
    /// Always `search_result`.
    #[serde(default = "search_object")]
    pub object: String,
    /// The items on this page.
    pub data: Vec<T>,
    /// Whether more items follow this page.
    pub has_more: bool,
    /// The token of the next page, when there is one.
    #[serde(default)]
    pub next_page: Option<String>,
    /// The URL this list comes from.
    #[serde(default)]
    pub url: String,
    /// The number of matches, when Stripe includes it (`expand[]=total_count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
}

fn search_object() -> String {
    "search_result".to_owned()
}

impl<T> IntoIterator for SearchList<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.data.into_iter()
    }
}

/// One page of a v2 list: `{data, next_page_url, previous_page_url}`.
/// Pages are reached by their URLs (a path with its query).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct V2List<T> {
    /// The items on this page.
    pub data: Vec<T>,
    /// The path and query of the next page; `None` on the last page.
    #[serde(default)]
    pub next_page_url: Option<String>,
    /// The path and query of the previous page; `None` on the first page.
    #[serde(default)]
    pub previous_page_url: Option<String>,
}

impl<T> IntoIterator for V2List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.data.into_iter()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    /// `starting_after` the last item of each page.
    Forward,
    /// `ending_before` the first item of each page (the first request used
    /// `ending_before`); items come out in reverse page order.
    Backward,
    /// `page` = the previous page's `next_page` (search results).
    Search,
    /// The previous page's `next_page_url` (v2 lists).
    PageUrl,
}

/// What the stream needs of a page, whichever envelope it came in.
struct Page<T> {
    data: Vec<T>,
    has_more: bool,
    next_page: Option<String>,
}

type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, Error>> + Send>>;
type Fetch<T> = Box<dyn Fn(Option<&str>) -> PageFuture<T> + Send>;

/// Every item of a list, fetching pages lazily as the stream is polled.
///
/// Forward with `starting_after` by default; backward with `ending_before`
/// when the first request used `ending_before` (and not `starting_after`);
/// search results by `page`. Stops after a page with `has_more: false`. An
/// error ends the stream.
#[must_use = "streams do nothing unless polled"]
pub struct ListStream<T> {
    fetch: Fetch<T>,
    /// The cursor after a page of items (cursor lists only).
    cursor_of: fn(&[T]) -> Option<String>,
    path: String,
    direction: Direction,
    buffer: VecDeque<T>,
    pending: Option<PageFuture<T>>,
    cursor: Option<String>,
    started: bool,
    more: bool,
}

impl<T> std::fmt::Debug for ListStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListStream")
            .field("path", &self.path)
            .field("direction", &self.direction)
            .field("buffered", &self.buffer.len())
            .field("more", &self.more)
            .finish_non_exhaustive()
    }
}

impl<T> ListStream<T> {
    fn new(path: String, direction: Direction, fetch: Fetch<T>, cursor_of: fn(&[T]) -> Option<String>) -> Self {
        ListStream {
            fetch,
            cursor_of,
            path,
            direction,
            buffer: VecDeque::new(),
            pending: None,
            cursor: None,
            started: false,
            more: true,
        }
    }
}

impl<T: HasId + DeserializeOwned + Send + 'static> RequestBuilder<List<T>> {
    /// A stream of every item, page after page (see [`ListStream`]).
    pub fn paginate(self) -> ListStream<T> {
        let has = |k: &str| self.pairs.iter().any(|(key, _)| key == k);
        let direction =
            if has("ending_before") && !has("starting_after") { Direction::Backward } else { Direction::Forward };
        let path = self.path.clone();
        let fetch: Fetch<T> = Box::new(move |cursor| {
            let mut req = self.clone();
            if let Some(cursor) = cursor {
                let key = if direction == Direction::Backward { "ending_before" } else { "starting_after" };
                req.pairs.retain(|(k, _)| k != "starting_after" && k != "ending_before");
                req.pairs.push((key.to_owned(), cursor.to_owned()));
            }
            Box::pin(async move {
                let list = req.send().await?;
                Ok(Page { data: list.data, has_more: list.has_more, next_page: None })
            })
        });
        ListStream::new(path, direction, fetch, last_id::<T>)
    }
}

impl<T: DeserializeOwned + Send + 'static> RequestBuilder<SearchList<T>> {
    /// A stream of every search result, page after page (see [`ListStream`]).
    pub fn paginate(self) -> ListStream<T> {
        let path = self.path.clone();
        let fetch: Fetch<T> = Box::new(move |cursor| {
            let mut req = self.clone();
            if let Some(cursor) = cursor {
                req.pairs.retain(|(k, _)| k != "page");
                req.pairs.push(("page".to_owned(), cursor.to_owned()));
            }
            Box::pin(async move {
                let page = req.send().await?;
                Ok(Page { data: page.data, has_more: page.has_more, next_page: page.next_page })
            })
        });
        ListStream::new(path, Direction::Search, fetch, |_| None)
    }
}

impl<T: DeserializeOwned + Send + 'static> RequestBuilder<V2List<T>> {
    /// A stream of every item of a v2 list, following `next_page_url` until
    /// it is null (see [`ListStream`]). A next page elsewhere than a path
    /// of the same server ends the stream with an error.
    pub fn paginate(self) -> ListStream<T> {
        let path = self.path.clone();
        let fetch: Fetch<T> = Box::new(move |next| {
            let mut req = self.clone();
            if let Some(next) = next {
                match super::request::split_page_url(next) {
                    Ok((path, pairs)) => {
                        req.path = path;
                        req.pairs = pairs;
                    }
                    Err(e) => req.deferred = Some(e),
                }
            }
            Box::pin(async move {
                let page = req.send().await?;
                Ok(Page { has_more: page.next_page_url.is_some(), data: page.data, next_page: page.next_page_url })
            })
        });
        ListStream::new(path, Direction::PageUrl, fetch, |_| None)
    }
}

/// The cursor that continues after `data` (already in yield order): the id
/// of its last item for cursor lists.
fn last_id<T: HasId>(data: &[T]) -> Option<String> {
    data.last().and_then(|item| item.id().map(str::to_owned))
}

// Items are only ever moved in and out of the buffer, never pinned.
impl<T> Unpin for ListStream<T> {}

impl<T: Send + 'static> futures_core::Stream for ListStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.pending.is_none() {
                if this.started && !this.more {
                    return Poll::Ready(None);
                }
                this.started = true;
                this.pending = Some((this.fetch)(this.cursor.as_deref()));
            }
            let Some(fut) = this.pending.as_mut() else { continue };
            let page = match fut.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(page) => page,
            };
            this.pending = None;
            match page {
                Err(e) => {
                    this.more = false;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(page) => {
                    let mut data = page.data;
                    if this.direction == Direction::Backward {
                        data.reverse();
                    }
                    // The cursor is where the next request continues from:
                    // the last item yielded, or the search's next page.
                    let cursor = match this.direction {
                        Direction::Search | Direction::PageUrl => page.next_page,
                        Direction::Forward | Direction::Backward => (this.cursor_of)(&data),
                    };
                    this.more = page.has_more && cursor.is_some();
                    this.cursor = cursor;
                    this.buffer.extend(data);
                    // An empty page ends a cursor list (nothing to continue
                    // after); a v2 list goes on while it has a next page.
                    if this.buffer.is_empty() && !(this.direction == Direction::PageUrl && this.more) {
                        this.more = false;
                        return Poll::Ready(None);
                    }
                }
            }
        }
    }
}
