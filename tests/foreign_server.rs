//! The six commands against a server that is not the emulator: a bare HTTP/1.1 socket that records
//! the raw request bytes and answers with response bodies written out here from docs/api.md §2 and §3.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

use common::{Harness, parse_json, run};
use serde_json::{Value, json};

/// One raw request as it came off the socket.
struct RawRequest {
    request_line: String,
    /// Header lines exactly as sent (name casing kept).
    headers: Vec<String>,
    body: Vec<u8>,
}

impl RawRequest {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Serves exactly one request with `status` and `body` (chunked, as many servers send), then stops.
fn serve_once(status: &str, body: &str) -> (String, mpsc::Receiver<RawRequest>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base_url = format!("http://{}/rest/v2", listener.local_addr().expect("addr"));
    let (sender, receiver) = mpsc::channel();
    let status = status.to_string();
    let body = body.to_string();
    std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut request_line = String::new();
        reader.read_line(&mut request_line).expect("request line");
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("header line");
            let line = line.trim_end().to_string();
            if line.is_empty() {
                break;
            }
            headers.push(line);
        }
        let length = headers
            .iter()
            .find_map(|h| {
                let (k, v) = h.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        let mut request_body = vec![0; length];
        reader.read_exact(&mut request_body).expect("body");
        let mut stream = stream;
        let chunked = if body.is_empty() {
            String::new()
        } else {
            format!("{:x}\r\n{body}\r\n0\r\n\r\n", body.len())
        };
        let head = if body.is_empty() {
            format!("HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        } else {
            format!(
                "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
        };
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(chunked.as_bytes());
        let _ = sender.send(RawRequest {
            request_line: request_line.trim_end().to_string(),
            headers,
            body: request_body,
        });
    });
    (base_url, receiver)
}

/// Runs ucconv against a one-shot foreign server: (exit code, stdout, the raw request).
fn exchange(status: &str, response: &str, args: &[&str]) -> (i32, String, RawRequest) {
    let h = Harness::new();
    let (base_url, requests) = serve_once(status, response);
    let (code, stdout, stderr) = run(h.ucconv().env("UCCONV_BASE_URL", base_url).args(args));
    assert!(h.requests().is_empty(), "the emulator was not involved");
    let request = requests
        .recv()
        .unwrap_or_else(|_| panic!("no request arrived: {stderr}"));
    assert_eq!(
        request.header("X-UltraCart-Api-Version"),
        Some("2017-03-01")
    );
    assert_eq!(request.header("Accept"), Some("application/json"));
    assert_eq!(
        request.header("x-ultracart-simple-key"),
        Some(ucconv_emulator::DEFAULT_KEY)
    );
    assert!(
        request
            .header("User-Agent")
            .is_some_and(|ua| ua.starts_with("ucconv/"))
    );
    (code, stdout, request)
}

const CONVERSATION: &str = r#"{"conversation_uuid":"c-1","medium":"sms","messages":[{"body":"hi","message_dts":"2026-11-25T11:00:00+00:00","author_conversation_participant_name":"Ann"}],"participants":[{"conversation_participant_name":"Ann","status":"joined"}]}"#;

#[test]
fn list_in_both_shapes() {
    let response = r#"{"conversations":[{"conversation_uuid":"c-1","last_message_dts":"2026-11-25T11:00:00+00:00"}],"metadata":{"result_set":{"count":1,"limit":50,"more":false,"next_offset":null,"offset":0,"total_records":null}},"success":true}"#;
    let (code, stdout, request) =
        exchange("200 OK", response, &["list", "--limit", "50", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(
        request.request_line,
        "GET /rest/v2/conversation/conversations?_limit=50 HTTP/1.1"
    );
    assert!(request.body.is_empty());
    assert_eq!(parse_json(&stdout)[0]["conversation_uuid"], "c-1");
}

#[test]
fn get_bare_and_wrapped() {
    let wrapped = format!(
        r#"{{"conversation":{CONVERSATION},"success":true,"error":null,"metadata":{{}},"warning":null}}"#
    );
    for response in [CONVERSATION.to_string(), wrapped] {
        let (code, stdout, request) = exchange(
            "200 OK",
            &response,
            &["get", "c-1", "--messages", "5", "--json"],
        );
        assert_eq!(code, 0);
        assert_eq!(
            request.request_line,
            "GET /rest/v2/conversation/conversations/c-1?limit=5 HTTP/1.1"
        );
        assert_eq!(parse_json(&stdout), parse_json(CONVERSATION));
    }
}

#[test]
fn join_and_leave_accept_204_and_any_200_body() {
    for (status, response) in [("204 No Content", ""), ("200 OK", "OK, joined!")] {
        let (code, stdout, request) = exchange(status, response, &["join", "c-1"]);
        assert_eq!(code, 0, "{status}");
        assert_eq!(
            request.request_line,
            "PUT /rest/v2/conversation/conversations/c-1/join HTTP/1.1"
        );
        assert!(request.body.is_empty());
        assert_eq!(stdout, "c-1\tjoin\n");

        let (code, _, request) = exchange(status, response, &["leave", "c-1", "--yes"]);
        assert_eq!(code, 0, "{status}");
        assert_eq!(
            request.request_line,
            "DELETE /rest/v2/conversation/conversations/c-1/leave HTTP/1.1"
        );
        assert!(request.body.is_empty());
    }
}

#[test]
fn start_in_both_shapes() {
    let original = r#"{"conversation_arn":"arn:c-9","conversation_uuid":"c-9"}"#;
    let current = r#"{"conversation":{"conversation_uuid":"c-9","conversation_arn":"arn:c-9","messages":[]},"success":true}"#;
    for response in [original, current] {
        let (code, stdout, request) =
            exchange("200 OK", response, &["start", "--participant", "arn:p"]);
        assert_eq!(code, 0);
        assert_eq!(
            request.request_line,
            "PUT /rest/v2/conversation/conversations HTTP/1.1"
        );
        assert_eq!(request.header("Content-Type"), Some("application/json"));
        let body: Value = serde_json::from_slice(&request.body).expect("JSON body");
        assert_eq!(
            body,
            json!({"add_conversation_participant_arns": ["arn:p"]})
        );
        assert_eq!(stdout, "c-9\n");
    }
}

#[test]
fn auth_flat_and_wrapped() {
    let flat = r#"{"conversation_participant_arn":"arn:agent","jwt":"a.eyJleHAiOjE3OTU2NTMyMDJ9.c","websocket_url":"wss://ws.example/x"}"#;
    let wrapped = format!(r#"{{"agent_auth":{flat},"success":true}}"#);
    for response in [flat.to_string(), wrapped] {
        let (code, stdout, request) = exchange("200 OK", &response, &["auth"]);
        assert_eq!(code, 0);
        assert_eq!(
            request.request_line,
            "PUT /rest/v2/conversation/agent/auth HTTP/1.1"
        );
        assert!(request.body.is_empty());
        assert_eq!(request.header("Content-Type"), None);
        assert_eq!(
            stdout,
            "arn:agent\t\twss://ws.example/x\ta.eyJleHAiOjE3OTU2NTMyMDJ9.c\t2026-11-26T00:33:22Z\n"
        );
    }
}
