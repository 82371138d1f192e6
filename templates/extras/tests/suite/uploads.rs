//! File uploads: a `multipart/form-data` body with text parameters and
//! file parts, the same idempotency key on every attempt, and files refused
//! in form-encoded requests.

use crate::common;

use common::{client, header, received, respond, respond_times, single};
use serde::Serialize;
use serde_json::json;
use stripe_client::{ErrorKind, FileContents};
use wiremock::{MockServer, ResponseTemplate};

#[derive(Serialize)]
struct CreateFile {
    purpose: String,
    file: FileContents,
}

fn upload() -> CreateFile {
    CreateFile {
        purpose: "dispute_evidence".into(),
        file: FileContents::new("receipt.txt", b"paid in full\n".to_vec()).content_type("text/plain"),
    }
}

#[tokio::test]
async fn a_file_goes_in_a_multipart_body() {
    let server = MockServer::start().await;
    respond(&server, "POST", "/v1/files", 200, json!({"id": "file_1", "object": "file"})).await;
    // The endpoint's own host is ignored for a client with its own base URL.
    let answer = client(&server)
        .post::<serde_json::Value>("/v1/files")
        .host("https://files.stripe.com")
        .multipart(&upload())
        .await
        .unwrap();
    assert_eq!(answer["id"], "file_1");
    let req = single(&server).await;
    let content_type = header(&req, "content-type").unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(content_type);
    let body = String::from_utf8_lossy(&req.body);
    assert!(body.contains(&format!("--{boundary}\r\n")), "{body}");
    assert!(body.contains("Content-Disposition: form-data; name=\"purpose\"\r\n\r\ndispute_evidence\r\n"), "{body}");
    assert!(
        body.contains("Content-Disposition: form-data; name=\"file\"; filename=\"receipt.txt\"\r\nContent-Type: text/plain\r\n\r\npaid in full\n\r\n"),
        "{body}"
    );
    assert!(header(&req, "idempotency-key").is_some());
}

#[tokio::test]
async fn a_retried_upload_sends_the_same_file_and_key() {
    let server = MockServer::start().await;
    respond_times(&server, "POST", "/v1/files", 1, ResponseTemplate::new(500)).await;
    respond(&server, "POST", "/v1/files", 200, json!({"id": "file_1", "object": "file"})).await;
    client(&server).post::<serde_json::Value>("/v1/files").multipart(&upload()).await.unwrap();
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(header(&requests[0], "idempotency-key"), header(&requests[1], "idempotency-key"));
    for r in &requests {
        assert!(String::from_utf8_lossy(&r.body).contains("paid in full"));
    }
}

#[tokio::test]
async fn a_file_in_a_form_encoded_request_is_refused_before_sending() {
    let server = MockServer::start().await;
    let err = client(&server).post::<serde_json::Value>("/v1/files").params(&upload()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    assert!(err.to_string().contains("`file`"), "{err}");
    assert!(received(&server).await.is_empty());
}

#[test]
fn a_file_prints_its_size_not_its_contents() {
    let file = FileContents::new("id.png", vec![7u8; 1000]);
    assert_eq!(format!("{file:?}"), "FileContents { name: \"id.png\", content_type: None, bytes: 1000 }");
}
