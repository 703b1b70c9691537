//! The emulator's own contract: auth checks, paging metadata, shapes, state, faults and recording.

use std::io::{Read, Write};
use std::net::TcpStream;

mod common;

use common::{LIST, call, start};
use serde_json::Value;
use ucconv_emulator::{
    API_VERSION, DEFAULT_KEY, Emulator, Fault, FaultRule, HOSTILE_SEQUENCES, Options, Shape,
};

/// A GET over a fresh connection, the head lower-cased and the body as raw bytes (de-chunked).
fn get_raw(emulator: &Emulator, target: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(emulator.addr()).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nx-ultracart-simple-key: {DEFAULT_KEY}\r\nX-UltraCart-Api-Version: {API_VERSION}\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..split].to_vec())
        .unwrap()
        .to_ascii_lowercase();
    let mut body = raw[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (head[9..12].parse().unwrap(), head, body)
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line]).unwrap(), 16).unwrap();
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[line + 2..line + 2 + size]);
        raw = &raw[line + 2 + size + 2..];
    }
}

#[test]
fn credentials_and_version_header_are_required() {
    let emulator = start(Options::default());
    let reply = call(&emulator, "GET", LIST, false, "");
    assert_eq!(reply.status, 401);
    assert!(
        reply
            .head
            .contains("uc-rest-error: missing or invalid credentials")
    );
    assert_eq!(reply.json()["success"], false);

    let mut stream = TcpStream::connect(emulator.addr()).unwrap();
    write!(
        stream,
        "GET {LIST} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nx-ultracart-simple-key: {DEFAULT_KEY}\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 400"), "{raw}");
    assert!(raw.contains("X-UltraCart-Api-Version"), "{raw}");
}

#[test]
fn pages_carry_result_set_metadata() {
    let emulator = start(Options {
        conversations: 250,
        ..Options::default()
    });
    let first = call(&emulator, "GET", &format!("{LIST}?_limit=200"), true, "").json();
    let set = &first["metadata"]["result_set"];
    assert_eq!(first["conversations"].as_array().unwrap().len(), 200);
    assert_eq!(
        (set["more"].clone(), set["next_offset"].clone()),
        (Value::Bool(true), Value::from(200))
    );
    assert_eq!(set["total_records"], 250);

    let last = call(
        &emulator,
        "GET",
        &format!("{LIST}?_limit=200&_offset=200"),
        true,
        "",
    )
    .json();
    assert_eq!(last["conversations"].as_array().unwrap().len(), 50);
    assert_eq!(last["metadata"]["result_set"]["more"], false);
    assert_eq!(last["metadata"]["result_set"]["next_offset"], Value::Null);

    for bad in ["_limit=201", "_limit=0", "_limit=x", "_offset=-1"] {
        assert_eq!(
            call(&emulator, "GET", &format!("{LIST}?{bad}"), true, "").status,
            400,
            "{bad}"
        );
    }
}

#[test]
fn shapes_differ_as_the_api_generations_do() {
    let original = start(Options {
        shape: Shape::Original,
        ..Options::default()
    });
    let current = start(Options::default());
    let uuid = original.conversation_uuids()[0].clone();
    assert_eq!(
        uuid,
        current.conversation_uuids()[0],
        "same seed, same data"
    );

    let bare = call(&original, "GET", &format!("{LIST}/{uuid}"), true, "").json();
    assert_eq!(bare["conversation_uuid"], Value::from(uuid.clone()));
    assert!(bare.get("medium").is_none());
    let wrapped = call(&current, "GET", &format!("{LIST}/{uuid}?limit=1"), true, "").json();
    assert_eq!(wrapped["success"], true);
    assert_eq!(
        wrapped["conversation"]["messages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let flat = call(
        &original,
        "PUT",
        "/rest/v2/conversation/agent/auth",
        true,
        "",
    )
    .json();
    assert!(flat["jwt"].is_string());
    let nested = call(
        &current,
        "PUT",
        "/rest/v2/conversation/agent/auth",
        true,
        "",
    )
    .json();
    assert!(nested["agent_auth"]["jwt"].is_string());
}

#[test]
fn join_leave_and_start_change_state() {
    let emulator = start(Options::default());
    let uuid = emulator.conversation_uuids()[3].clone();
    let status =
        |method: &str, path: String, body: &str| call(&emulator, method, &path, true, body).status;
    assert_eq!(
        status("DELETE", format!("{LIST}/{uuid}/leave"), ""),
        400,
        "not joined yet"
    );
    assert_eq!(status("PUT", format!("{LIST}/{uuid}/join"), ""), 200);
    assert_eq!(status("DELETE", format!("{LIST}/{uuid}/leave"), ""), 200);
    assert_eq!(status("PUT", format!("{LIST}/nope/join"), ""), 404);
    assert_eq!(status("PUT", format!("{LIST}/{uuid}/join"), "{bad"), 400);

    let started = call(
        &emulator,
        "PUT",
        LIST,
        true,
        r#"{"add_conversation_participant_arns":["arn:x"]}"#,
    )
    .json();
    let new_uuid = started["conversation"]["conversation_uuid"]
        .as_str()
        .unwrap();
    assert_eq!(emulator.conversation_uuids()[0], new_uuid, "listed first");
    assert_eq!(call(&emulator, "PUT", LIST, true, "{}").status, 400);
}

#[test]
fn faults_apply_to_matching_requests_for_their_count() {
    let emulator = start(Options::default());
    emulator.inject(
        FaultRule::times(Fault::error(503, "busy"), 2)
            .for_method("GET")
            .for_path("/conversations"),
    );
    assert_eq!(
        call(
            &emulator,
            "PUT",
            "/rest/v2/conversation/agent/auth",
            true,
            ""
        )
        .status,
        200
    );
    assert_eq!(call(&emulator, "GET", LIST, true, "").status, 503);
    let second = call(&emulator, "GET", LIST, false, "");
    assert_eq!(
        second.status, 503,
        "faults come before the credential check"
    );
    assert!(second.head.contains("uc-rest-error: busy"));
    assert_eq!(
        call(&emulator, "GET", LIST, true, "").status,
        200,
        "used up"
    );

    emulator.inject(FaultRule::always(Fault::html(502)));
    let page = call(&emulator, "GET", LIST, true, "");
    assert_eq!(page.status, 502);
    assert!(page.body.contains("<html>"));
    emulator.clear_faults();
    assert_eq!(call(&emulator, "GET", LIST, true, "").status, 200);
}

#[test]
fn requests_are_recorded_raw() {
    let emulator = start(Options::default());
    call(
        &emulator,
        "GET",
        &format!("{LIST}/a%2Fb?limit=2&x=y+z"),
        true,
        "",
    );
    let request = &emulator.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, format!("{LIST}/a%2Fb"));
    assert_eq!(request.query.as_deref(), Some("limit=2&x=y+z"));
    assert_eq!(
        request.query_pairs(),
        [
            ("limit".to_string(), "2".to_string()),
            ("x".into(), "y z".into())
        ]
    );
    assert_eq!(request.header("X-UltraCart-Api-Version"), Some(API_VERSION));
}

#[test]
fn seeds_are_deterministic() {
    let a = start(Options::default());
    let b = start(Options::default());
    let c = start(Options {
        seed: 7,
        ..Options::default()
    });
    assert_eq!(a.conversation_uuids(), b.conversation_uuids());
    assert_ne!(a.conversation_uuids(), c.conversation_uuids());
}

fn uuids_of(page: &Value) -> Vec<String> {
    page["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["conversation_uuid"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ignore_offset_serves_the_first_rows_with_metadata_from_the_offset() {
    let emulator = start(Options {
        conversations: 25,
        ignore_offset: true,
        ..Options::default()
    });
    let first = call(&emulator, "GET", &format!("{LIST}?_limit=10"), true, "").json();
    let second = call(
        &emulator,
        "GET",
        &format!("{LIST}?_limit=10&_offset=10"),
        true,
        "",
    )
    .json();
    assert_eq!(uuids_of(&first), uuids_of(&second), "the offset is ignored");
    assert_eq!(uuids_of(&first), emulator.conversation_uuids()[..10]);
    let set = &second["metadata"]["result_set"];
    assert_eq!(set["offset"], 10);
    assert_eq!(set["count"], 10);
    assert_eq!(set["more"], true);
    assert_eq!(set["next_offset"], 20);

    let past_the_end = call(
        &emulator,
        "GET",
        &format!("{LIST}?_limit=10&_offset=20"),
        true,
        "",
    )
    .json();
    assert_eq!(
        uuids_of(&past_the_end),
        uuids_of(&first),
        "never an empty page"
    );
    let set = &past_the_end["metadata"]["result_set"];
    assert_eq!(
        (set["offset"].clone(), set["more"].clone()),
        (Value::from(20), Value::Bool(false))
    );
    assert_eq!(set["next_offset"], Value::Null);
}

#[test]
fn next_offset_step_makes_pages_overlap() {
    let emulator = start(Options {
        conversations: 25,
        next_offset_step: Some(3),
        ..Options::default()
    });
    let all = emulator.conversation_uuids();
    let page = call(
        &emulator,
        "GET",
        &format!("{LIST}?_limit=10&_offset=6"),
        true,
        "",
    )
    .json();
    assert_eq!(uuids_of(&page), all[6..16], "the offset is honoured");
    let set = &page["metadata"]["result_set"];
    assert_eq!(
        (set["count"].clone(), set["next_offset"].clone()),
        (Value::from(10), Value::from(9))
    );
    assert_eq!(set["more"], true);

    let near_end = call(
        &emulator,
        "GET",
        &format!("{LIST}?_limit=10&_offset=22"),
        true,
        "",
    )
    .json();
    assert_eq!(uuids_of(&near_end), all[22..]);
    let set = &near_end["metadata"]["result_set"];
    assert_eq!(
        (set["more"].clone(), set["next_offset"].clone()),
        (Value::Bool(false), Value::Null)
    );

    let honest = start(Options {
        conversations: 25,
        ..Options::default()
    });
    let page = call(
        &honest,
        "GET",
        &format!("{LIST}?_limit=10&_offset=6"),
        true,
        "",
    )
    .json();
    assert_eq!(
        page["metadata"]["result_set"]["next_offset"], 16,
        "off by default"
    );
}

#[test]
fn huge_json_streams_an_exact_valid_body() {
    let emulator = start(Options::default());
    let size = 5 * 1024 * 1024 + 7;
    emulator.inject(FaultRule::times(Fault::huge_json(size), 1));
    let (status, head, body) = get_raw(&emulator, LIST);
    assert_eq!(status, 200);
    assert!(head.contains(&format!("content-length: {size}")), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert_eq!(body.len() as u64, size);
    let value: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(value, serde_json::json!({"conversations": []}));
}

#[test]
fn stream_faults_can_be_chunked_and_carry_any_status_and_headers() {
    let emulator = start(Options::default());
    emulator.inject(FaultRule::times(
        Fault::Stream {
            status: 503,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            prefix: b"BEGIN".to_vec(),
            filler: b"0123456789".to_vec(),
            suffix: b"END".to_vec(),
            size: 300_003,
            content_length: false,
        }
        .with_header("Retry-After", "1"),
        1,
    ));
    let (status, head, body) = get_raw(&emulator, LIST);
    assert_eq!(status, 503);
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
    assert!(!head.contains("content-length"), "{head}");
    assert!(head.contains("retry-after: 1"), "{head}");
    assert_eq!(body.len(), 300_003);
    assert!(body.starts_with(b"BEGIN0123456789012"));
    assert!(
        body.ends_with(b"34END"),
        "the filler is cut at the exact size"
    );
    assert_eq!(get_raw(&emulator, LIST).0, 200, "used up");
}

#[test]
fn gzip_bomb_is_small_and_inflates_to_valid_json() {
    let emulator = start(Options::default());
    let inflated = 8 * 1024 * 1024 + 3;
    emulator.inject(FaultRule::times(Fault::gzip_bomb(inflated), 1));
    let (status, head, body) = get_raw(&emulator, LIST);
    assert_eq!(status, 200);
    assert!(head.contains("content-encoding: gzip"), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(body.len() < 64 * 1024, "compressed to {} bytes", body.len());
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut json)
        .unwrap();
    assert_eq!(json.len() as u64, inflated);
    let value: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value, serde_json::json!({"conversations": []}));
}

#[test]
fn a_4_gib_gzip_bomb_is_built_small_and_fast() {
    let inflated: u64 = 4 << 30;
    let began = std::time::Instant::now();
    let Fault::Respond { body, .. } = Fault::gzip_bomb(inflated) else {
        panic!("a gzip bomb is a plain response");
    };
    // Deflating 4 GiB directly takes a minute in a debug build; the bomb takes milliseconds.
    assert!(began.elapsed().as_secs() < 10, "{:?}", began.elapsed());
    assert!(body.len() < 6_000_000, "compressed to {} bytes", body.len());
    assert_eq!(body[..3], [0x1f, 0x8b, 8]);
    assert_eq!(body[body.len() - 4..], [0; 4], "ISIZE is 4 GiB modulo 2^32");
    let mut start = vec![0; 64];
    flate2::read::GzDecoder::new(&body[..])
        .read_exact(&mut start)
        .unwrap();
    assert!(start.starts_with(br#"{"conversations":[    "#));
}

/// Every string at `pointer`, where `*` stands for each element of an array.
fn strings_at<'a>(value: &'a Value, pointer: &str) -> Vec<&'a str> {
    match pointer.split_once("/*") {
        Some((array, rest)) => value
            .pointer(array)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|item| strings_at(item, rest))
            .collect(),
        None => value
            .pointer(pointer)
            .and_then(Value::as_str)
            .into_iter()
            .collect(),
    }
}

fn strip_hostile(text: &str) -> String {
    HOSTILE_SEQUENCES
        .iter()
        .fold(text.to_string(), |text, sequence| {
            text.replace(sequence, "")
        })
}

#[test]
fn hostile_text_laces_every_free_text_field_deterministically() {
    let options = Options {
        conversations: 25,
        now: Some("2026-03-02T12:00:00Z".parse().unwrap()),
        ..Options::default()
    };
    let plain = start(options.clone());
    let hostile_options = Options {
        hostile_text: true,
        ..options
    };
    let hostile = start(hostile_options.clone());
    let again = start(hostile_options);
    let uuids = hostile.conversation_uuids();
    assert_eq!(uuids, plain.conversation_uuids(), "same data underneath");
    let text_fields = [
        "/medium",
        "/last_conversation_message_body",
        "/last_conversation_participant_name",
        "/participants/*/conversation_participant_name",
        "/messages/*/body",
        "/messages/*/type",
        "/messages/*/author_conversation_participant_name",
    ];
    let date_fields = [
        "/start_dts",
        "/last_message_dts",
        "/last_interactive_message_dts",
        "/participants/*/joined_dts",
        "/participants/*/last_message_dts",
        "/messages/*/message_dts",
    ];
    let mut spoilt = 0;
    for uuid in &uuids {
        let truth = plain.conversation(uuid).unwrap();
        let evil = hostile.conversation(uuid).unwrap();
        assert_eq!(
            Some(&evil),
            again.conversation(uuid).as_ref(),
            "deterministic"
        );
        for field in text_fields {
            let (evil_texts, true_texts) = (strings_at(&evil, field), strings_at(&truth, field));
            assert!(!evil_texts.is_empty(), "{field}");
            assert_eq!(evil_texts.len(), true_texts.len(), "{field}");
            for (text, true_text) in evil_texts.iter().zip(true_texts) {
                for sequence in HOSTILE_SEQUENCES {
                    assert!(
                        text.contains(sequence),
                        "{field} {text:?} lacks {sequence:?}"
                    );
                }
                assert_eq!(strip_hostile(text), true_text, "readable underneath");
            }
        }
        let bad = evil["start_dts"] != truth["start_dts"];
        spoilt += usize::from(bad);
        for field in date_fields {
            for (date, true_date) in strings_at(&evil, field)
                .into_iter()
                .zip(strings_at(&truth, field))
            {
                if bad {
                    assert!(date.parse::<jiff::Timestamp>().is_err(), "{field} {date:?}");
                    assert!(date.contains('\u{1b}'), "{field} {date:?}");
                } else {
                    assert_eq!(date, true_date, "{field}");
                }
            }
        }
    }
    assert_eq!(spoilt, 3, "one conversation in ten, first included");

    let page = call(&hostile, "GET", &format!("{LIST}?_limit=5"), true, "");
    assert!(
        page.body.contains("\\u001b]52;c;aGk="),
        "escaped on the wire"
    );
    let name = &page.json()["conversations"][1]["participants"][0]["conversation_participant_name"];
    assert!(name.as_str().unwrap().contains('\u{202e}'));
    let quiet = call(&plain, "GET", &format!("{LIST}?_limit=200"), true, "");
    assert!(
        !quiet.body.contains("\\u001b") && !quiet.body.contains('\u{202e}'),
        "off by default"
    );
}
