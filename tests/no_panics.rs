//! Property tests: no response, however odd, makes a decoder or a view panic. Any bytes, any JSON,
//! and objects built from the API's own field names with values of any type.

use std::io::Write;

use jiff::Timestamp;
use proptest::prelude::*;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Map, Value};
use ucconv::api::models::{AgentAuth, Conversation, Object, StartedConversation};
use ucconv::api::transport::decode_error;
use ucconv::api::wire::{self, Document, Root, SummaryRow};
use ucconv::output::{self, OutputFormat, View, agent, list};

const FIELDS: &[&str] = &[
    "conversation_uuid",
    "conversation_arn",
    "last_conversation_message_body",
    "last_conversation_participant_name",
    "last_message_dts",
    "start_dts",
    "message_count",
    "unread_messages",
    "closed",
    "medium",
    "participants",
    "messages",
    "sentiment",
    "conversation_participant_name",
    "conversation_participant_arn",
    "status",
    "joined_dts",
    "left_dts",
    "sms_phone_number",
    "email",
    "author_conversation_participant_name",
    "body",
    "media_urls",
    "message_dts",
    "type",
    "jwt",
    "websocket_url",
    "conversation",
    "agent_auth",
    "conversations",
    "metadata",
    "result_set",
    "more",
    "next_offset",
    "total_records",
    "success",
    "error",
    "user_message",
    "developer_message",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::String),
        "2026-1[0-2]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\+00:00".prop_map(Value::String),
        "[A-Za-z0-9_-]{0,12}\\.[A-Za-z0-9_-]{0,40}\\.[A-Za-z0-9_-]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(FIELDS), inner), 0..10).prop_map(|pairs| {
                Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

fn object() -> impl Strategy<Value = Object> {
    prop::collection::vec((prop::sample::select(FIELDS), json()), 0..12).prop_map(|pairs| {
        Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<Map<_, _>>(),
        )
    })
}

fn views() -> Vec<View> {
    [
        OutputFormat::Table,
        OutputFormat::Tsv,
        OutputFormat::Json,
        OutputFormat::Jsonl,
    ]
    .into_iter()
    .map(|format| View {
        format,
        pretty: true,
        width: 60,
        now: Timestamp::UNIX_EPOCH,
        color: true,
        wide: false,
        jq: None,
        fields: None,
    })
    .collect()
}

fn render_everything(object: &Object) {
    let summary = SummaryRow::from_object(object.clone());
    let conversation: Document<Conversation> = Document::from_object(object.clone());
    let auth: Document<AgentAuth> = Document::from_object(object.clone());
    let _ = StartedConversation(object.clone()).uuid();
    let _ = AgentAuth(object.clone()).jwt_expires_at();
    for view in views() {
        let mut sink = Vec::new();
        let mut writer = list::ListWriter::new(&mut sink, &view);
        writer.write_page(std::slice::from_ref(&summary)).unwrap();
        writer.write_page(std::slice::from_ref(&summary)).unwrap();
        writer.finish().unwrap();
        output::emit(&mut sink, &conversation, &view).unwrap();
        output::emit(&mut sink, &agent::Authorization::new(&auth, true), &view).unwrap();
        // Control characters in the URL or JWT are refused, never printed.
        let _ = agent::write_env(&mut sink, &auth);
        let _ = list::picker_items(&[summary.read().unwrap()], &view);
        sink.flush().unwrap();
    }
}

proptest! {
    #[test]
    fn any_bytes_decode_to_ok_or_err(bytes in prop::collection::vec(any::<u8>(), 0..512), status in 100u16..600) {
        let _ = Root::parse(bytes.as_slice());
        let _ = wire::parse_page(&bytes, status);
        if let Ok(status) = StatusCode::from_u16(status) {
            let _ = decode_error(status, &HeaderMap::new(), &bytes);
        }
    }

    #[test]
    fn any_json_text_decodes_to_ok_or_err(value in json()) {
        let text = value.to_string();
        if let Ok(root) = Root::parse(text.as_bytes()) {
            let _ = root.check_success(200);
            let _ = wire::parse_page(text.as_bytes(), 200);
            for key in ["conversation", "agent_auth"] {
                let root = Root::parse(text.as_bytes()).unwrap();
                if let Ok(inner) = root.payload::<Conversation>(key) {
                    render_everything(&inner.read().unwrap().0);
                }
            }
        }
    }

    #[test]
    fn any_object_renders_in_every_format(object in object()) {
        render_everything(&object);
        let text = serde_json::to_string(&object).unwrap();
        if let Ok(page) = wire::parse_page(text.as_bytes(), 200) {
            for row in &page.rows {
                render_everything(&row.read().unwrap().0);
            }
        }
    }
}
