//! The hand-written runtime every generated crate shares: the client, its
//! errors, request building and retries, form encoding, expandable fields,
//! lists and pagination, webhook verification and the version-proof parts of
//! events. It never names generated types.

pub(crate) mod answer;
#[cfg(feature = "blocking")]
pub(crate) mod blocking;
pub(crate) mod builder;
pub(crate) mod client;
pub(crate) mod crypto;
pub(crate) mod currency;
pub(crate) mod de;
pub(crate) mod error;
pub(crate) mod error_codes;
pub(crate) mod event;
pub(crate) mod expandable;
pub(crate) mod form;
pub(crate) mod form_parts;
#[cfg(test)]
mod hostile;
pub(crate) mod id;
pub(crate) mod list;
pub(crate) mod macros;
#[cfg(feature = "v2")]
pub(crate) mod meter;
#[cfg(feature = "v2")]
pub(crate) mod notification;
pub(crate) mod options;
pub(crate) mod params;
pub(crate) mod request;
pub(crate) mod retry;
pub(crate) mod send;
pub(crate) mod telemetry;
#[cfg(feature = "v2")]
pub(crate) mod values;
pub(crate) mod webhook;

#[cfg(feature = "blocking")]
pub use blocking::BlockingIter;
pub use builder::ClientBuilder;
pub use client::Client;
pub use currency::Currency;
pub use error::{ApiError, DecodeError, Error, ErrorCode, ErrorKind, ErrorType};
pub use event::{EventData, EventRequest, ObjectError, RawJson};
pub use expandable::Expandable;
pub use id::Id;
pub use list::{List, ListStream, SearchList, V2List};
#[cfg(feature = "v2")]
pub use meter::MeterEventSender;
#[cfg(feature = "v2")]
pub use notification::{EventNotification, RelatedObject};
pub use options::RequestOptions;
pub use params::{FileContents, HasId, Metadata, Timestamp, Unsettable};
pub use request::{RequestBuilder, Response};
/// An HTTP method, for [`Client::raw_request`].
pub use reqwest::Method;
#[cfg(feature = "v2")]
pub use values::{DateTime, Decimal, Int64, ParseValueError};
pub use webhook::{Webhook, WebhookError, WebhookErrorKind};

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
