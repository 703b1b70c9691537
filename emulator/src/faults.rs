//! Fault injection: what the emulator answers instead of the truth, for which requests, how many times.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use flate2::{Compress, CompressError, Compression, Crc, FlushCompress, Status};
use serde_json::{Value, json};

/// One way for the emulator to misbehave.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answer with exactly this response; the request is not acted on.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Wait this long, then serve the request as usual.
    Delay(Duration),
    /// Answer 200 with this body, one `chunk` bytes at a time, `pause` apart.
    Trickle {
        body: Vec<u8>,
        chunk: usize,
        pause: Duration,
    },
    /// Promise this body (Content-Length) but close the connection halfway through it.
    DropMidBody { body: Vec<u8> },
    /// Hold the request until the test adds a permit to the semaphore, then serve it as usual.
    Hold(Arc<Semaphore>),
    /// Start this many new conversations (listed first), then serve the request as usual: the
    /// list shifts under a client that is paging, as it does when customers write in.
    Shift(usize),
    /// Answer with a body of exactly `size` bytes: `prefix`, then `filler` repeated, then
    /// `suffix`, with the filler cut so the total is exact (when `size` is below the prefix and
    /// suffix together, their concatenation is cut instead; an empty filler counts as a space).
    /// The body is generated as it is sent, about 64 KiB at a time, so gigabytes cost the
    /// emulator no memory. `content_length` sends a Content-Length header; without it the body
    /// is chunked.
    Stream {
        status: u16,
        headers: Vec<(String, String)>,
        prefix: Vec<u8>,
        filler: Vec<u8>,
        suffix: Vec<u8>,
        size: u64,
        content_length: bool,
    },
}

impl Fault {
    /// An UltraCart ErrorResponse body with `UC-REST-ERROR` set, as the real API sends.
    pub fn error(status: u16, user_message: &str) -> Fault {
        let body = json!({
            "error": {
                "user_message": user_message,
                "developer_message": format!("emulated fault: HTTP {status}"),
                "error_code": format!("E{status}"),
                "more_info": "https://www.ultracart.com/api/",
                "object_id": null
            },
            "metadata": {},
            "success": false
        });
        Fault::json(status, body).with_header("UC-REST-ERROR", user_message)
    }

    /// Any JSON body with `Content-Type: application/json`.
    pub fn json(status: u16, body: Value) -> Fault {
        Fault::raw(status, "application/json; charset=UTF-8", body.to_string())
    }

    /// The kind of HTML page a proxy or load balancer answers with.
    pub fn html(status: u16) -> Fault {
        let page = format!(
            "<!DOCTYPE html>\n<html><head><title>{status} Error</title></head>\n<body><h1>{status} Error</h1><p>The server encountered a temporary error.</p></body></html>\n"
        );
        Fault::raw(status, "text/html; charset=UTF-8", page)
    }

    /// A body of any bytes with the given content type (an empty type sends no header).
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Fault {
        let headers = if content_type.is_empty() {
            Vec::new()
        } else {
            vec![("Content-Type".to_string(), content_type.to_string())]
        };
        Fault::Respond {
            status,
            headers,
            body: body.into(),
        }
    }

    /// A 200 whose body is a valid JSON object of exactly `size` bytes (at least 20):
    /// `{"conversations":[`, spaces, `]}`, streamed with a Content-Length.
    pub fn huge_json(size: u64) -> Fault {
        Fault::Stream {
            status: 200,
            headers: vec![("Content-Type".to_string(), "application/json".to_string())],
            prefix: JSON_PREFIX.to_vec(),
            filler: b" ".to_vec(),
            suffix: JSON_SUFFIX.to_vec(),
            size,
            content_length: true,
        }
    }

    /// A 200 with `Content-Encoding: gzip` whose small body inflates to `inflated_size` bytes of
    /// valid JSON (at least 20): `{"conversations":[`, spaces, `]}`. The compressed bytes are
    /// built here, once, and memory follows their size: about 1 KiB per MiB inflated, so 4 GiB
    /// is about 4 MB, built in milliseconds.
    pub fn gzip_bomb(inflated_size: u64) -> Fault {
        // Deflating into a Vec with room to spare cannot fail, so the empty fallback is never sent.
        let body = gzip_json(inflated_size).unwrap_or_default();
        Fault::Respond {
            status: 200,
            headers: vec![
                ("Content-Type".to_string(), "application/json".to_string()),
                ("Content-Encoding".to_string(), "gzip".to_string()),
            ],
            body,
        }
    }

    /// Adds a response header; a no-op on faults that are not responses.
    pub fn with_header(mut self, name: &str, value: &str) -> Fault {
        if let Fault::Respond { headers, .. } | Fault::Stream { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }

    pub(crate) fn response(&self) -> Option<Response> {
        match self {
            Fault::Respond {
                status,
                headers,
                body,
            } => Some(with_status_and_headers(
                Body::from(body.clone()),
                *status,
                headers,
            )),
            Fault::Delay(_) | Fault::Hold(_) | Fault::Shift(_) => None,
            Fault::Trickle { body, chunk, pause } => Some(trickle(body, *chunk, *pause)),
            Fault::DropMidBody { body } => Some(drop_mid_body(body)),
            Fault::Stream {
                status,
                headers,
                prefix,
                filler,
                suffix,
                size,
                content_length,
            } => {
                let body = StreamBody::new(prefix, filler, suffix, *size);
                let mut response = with_status_and_headers(
                    Body::from_stream(futures_util::stream::iter(body.map(Ok::<_, Infallible>))),
                    *status,
                    headers,
                );
                if *content_length {
                    response
                        .headers_mut()
                        .insert("content-length", HeaderValue::from(*size));
                }
                Some(response)
            }
        }
    }
}

const JSON_PREFIX: &[u8] = br#"{"conversations":["#;
const JSON_SUFFIX: &[u8] = b"]}";
/// About how much of a streamed body is produced at a time.
const STREAM_CHUNK: usize = 64 * 1024;

/// How many spaces one repeated deflate segment of a gzip bomb holds.
const BOMB_SEGMENT: u64 = 1 << 20;

/// The gzip member that inflates to `{"conversations":[`, spaces, `]}` (cut to `inflated_size`).
///
/// Deflating gigabytes of spaces takes seconds even at the fastest level, which still only
/// reaches about 220:1. Instead one segment of spaces is deflated once at the best level (about
/// 1000:1) and repeated: each segment is flushed to a byte boundary and refers only to its own
/// bytes, so the segments are a valid deflate stream in any order, and their CRCs combine.
fn gzip_json(inflated_size: u64) -> Result<Vec<u8>, CompressError> {
    let body = StreamBody::new(JSON_PREFIX, b" ", JSON_SUFFIX, inflated_size);
    let segments = body.filler_left / BOMB_SEGMENT;
    let rest = body.filler_left % BOMB_SEGMENT;
    let (head, mut crc) = deflate(std::iter::once(body.head.clone()), FlushCompress::Sync)?;
    let (segment, segment_crc) = if segments > 0 {
        deflate(
            StreamBody::new(b"", b" ", b"", BOMB_SEGMENT),
            FlushCompress::Sync,
        )?
    } else {
        (Vec::new(), Crc::new())
    };
    let tail_size = rest + body.tail.len() as u64;
    let (tail, tail_crc) = deflate(
        StreamBody::new(b"", b" ", &body.tail, tail_size),
        FlushCompress::Finish,
    )?;

    let repeated = usize::try_from(segments).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(
        segment
            .len()
            .saturating_mul(repeated)
            .saturating_add(head.len() + tail.len() + 18),
    );
    // Header: magic, deflate, no flags, no mtime, no extra flags, unknown OS.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    out.extend_from_slice(&head);
    for _ in 0..segments {
        out.extend_from_slice(&segment);
        crc.combine(&segment_crc);
    }
    out.extend_from_slice(&tail);
    crc.combine(&tail_crc);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    // ISIZE is the inflated size modulo 2^32, as RFC 1952 defines it.
    out.extend_from_slice(&(inflated_size as u32).to_le_bytes());
    Ok(out)
}

/// One self-contained stretch of raw deflate, and the CRC of what it inflates to.
fn deflate(
    chunks: impl Iterator<Item = Bytes>,
    end: FlushCompress,
) -> Result<(Vec<u8>, Crc), CompressError> {
    let mut compress = Compress::new(Compression::best(), false);
    let mut crc = Crc::new();
    let mut out = Vec::new();
    for chunk in chunks {
        crc.update(&chunk);
        feed(&mut compress, &chunk, &mut out, FlushCompress::None)?;
    }
    feed(&mut compress, &[], &mut out, end)?;
    Ok((out, crc))
}

fn feed(
    compress: &mut Compress,
    mut input: &[u8],
    out: &mut Vec<u8>,
    flush: FlushCompress,
) -> Result<(), CompressError> {
    loop {
        // Room to spare on every call guarantees progress, so this loop ends.
        out.reserve(input.len() / 64 + 1024);
        let before = compress.total_in();
        let status = compress.compress_vec(input, out, flush)?;
        let used = usize::try_from(compress.total_in() - before).unwrap_or(input.len());
        input = &input[used.min(input.len())..];
        // A flush is complete once a call leaves output space unused.
        let done = match flush {
            FlushCompress::Finish => status == Status::StreamEnd,
            FlushCompress::None => input.is_empty(),
            _ => input.is_empty() && out.len() < out.capacity(),
        };
        if done {
            return Ok(());
        }
    }
}

fn with_status_and_headers(body: Body, status: u16, headers: &[(String, String)]) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// The chunks of a [`Fault::Stream`] body, produced on demand.
pub(crate) struct StreamBody {
    /// The prefix and suffix, already cut to fit the size.
    head: Bytes,
    tail: Bytes,
    /// The filler repeated to a little over a chunk, so any chunk of it is one cheap slice.
    run: Bytes,
    period: usize,
    /// Filler bytes still to send, and how many were sent.
    filler_left: u64,
    filler_sent: u64,
}

impl StreamBody {
    pub(crate) fn new(prefix: &[u8], filler: &[u8], suffix: &[u8], size: u64) -> StreamBody {
        let fit = |len: usize, room: u64| usize::try_from(room).map_or(len, |room| room.min(len));
        let head = &prefix[..fit(prefix.len(), size)];
        let room = size - head.len() as u64;
        let tail = &suffix[..fit(suffix.len(), room)];
        let filler: &[u8] = if filler.is_empty() { b" " } else { filler };
        let period = filler.len();
        let run = filler.repeat(STREAM_CHUNK.div_ceil(period) + 1);
        StreamBody {
            head: Bytes::copy_from_slice(head),
            tail: Bytes::copy_from_slice(tail),
            run: Bytes::from(run),
            period,
            filler_left: room - tail.len() as u64,
            filler_sent: 0,
        }
    }
}

impl Iterator for StreamBody {
    type Item = Bytes;

    fn next(&mut self) -> Option<Bytes> {
        if !self.head.is_empty() {
            return Some(std::mem::take(&mut self.head));
        }
        if self.filler_left > 0 {
            let take = usize::try_from(self.filler_left)
                .map_or(STREAM_CHUNK, |left| left.min(STREAM_CHUNK));
            // The remainder is below the period, which is a usize.
            let phase = (self.filler_sent % self.period as u64) as usize;
            self.filler_left -= take as u64;
            self.filler_sent += take as u64;
            return Some(self.run.slice(phase..phase + take));
        }
        (!self.tail.is_empty()).then(|| std::mem::take(&mut self.tail))
    }
}

fn json_response(length: usize, body: Body) -> Response {
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("content-length", HeaderValue::from(length));
    response
}

fn trickle(body: &[u8], chunk: usize, pause: Duration) -> Response {
    let chunks: Vec<Bytes> = body
        .chunks(chunk.max(1))
        .map(Bytes::copy_from_slice)
        .collect();
    let stream = futures_util::stream::unfold(chunks.into_iter(), move |mut rest| async move {
        let next = rest.next()?;
        tokio::time::sleep(pause).await;
        Some((Ok::<_, std::io::Error>(next), rest))
    });
    json_response(body.len(), Body::from_stream(stream))
}

fn drop_mid_body(body: &[u8]) -> Response {
    let half = Bytes::copy_from_slice(&body[..body.len() / 2]);
    let parts: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(half),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "emulated drop",
        )),
    ];
    json_response(
        body.len(),
        Body::from_stream(futures_util::stream::iter(parts)),
    )
}

/// A fault and the requests it applies to.
#[derive(Clone, Debug)]
pub struct FaultRule {
    pub fault: Fault,
    /// Only requests with this method (e.g. `"PUT"`); `None` matches any.
    pub method: Option<String>,
    /// Only requests whose raw path contains this; `None` matches any.
    pub path_contains: Option<String>,
    /// How many more requests it applies to; `None` is forever.
    pub remaining: Option<usize>,
    /// How many matching requests to let through untouched before it applies.
    pub skip: usize,
}

impl FaultRule {
    /// Applies to every request from now on.
    pub fn always(fault: Fault) -> FaultRule {
        FaultRule {
            fault,
            method: None,
            path_contains: None,
            remaining: None,
            skip: 0,
        }
    }

    /// Applies to the next `count` matching requests.
    pub fn times(fault: Fault, count: usize) -> FaultRule {
        FaultRule {
            remaining: Some(count),
            ..FaultRule::always(fault)
        }
    }

    pub fn for_method(mut self, method: &str) -> FaultRule {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Lets the first `count` matching requests through, e.g. to fail only the second page.
    pub fn after(mut self, count: usize) -> FaultRule {
        self.skip = count;
        self
    }

    pub fn for_path(mut self, fragment: &str) -> FaultRule {
        self.path_contains = Some(fragment.to_string());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self
                .path_contains
                .as_deref()
                .is_none_or(|fragment| path.contains(fragment))
    }
}

/// Takes the first rule matching this request, using up one of its count.
pub(crate) fn take_matching(rules: &mut Vec<FaultRule>, method: &str, path: &str) -> Option<Fault> {
    let mut found = None;
    for (index, rule) in rules.iter_mut().enumerate() {
        if !rule.matches(method, path) {
            continue;
        }
        if rule.skip > 0 {
            rule.skip -= 1;
            continue;
        }
        found = Some(index);
        break;
    }
    let index = found?;
    let fault = rules[index].fault.clone();
    if let Some(remaining) = &mut rules[index].remaining {
        *remaining = remaining.saturating_sub(1);
        if *remaining == 0 {
            rules.remove(index);
        }
    }
    Some(fault)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(prefix: &[u8], filler: &[u8], suffix: &[u8], size: u64) -> (Vec<u8>, usize) {
        let chunks: Vec<Bytes> = StreamBody::new(prefix, filler, suffix, size).collect();
        let largest = chunks.iter().map(Bytes::len).max().unwrap_or(0);
        (chunks.concat(), largest)
    }

    #[test]
    fn stream_bodies_are_exact_and_come_in_small_chunks() {
        let (body, largest) = collect(b"<", b"abc", b">", 1_000_001);
        assert_eq!(body.len(), 1_000_001);
        assert!(largest <= STREAM_CHUNK, "{largest}");
        assert_eq!(&body[..7], b"<abcabc");
        // 999,999 filler bytes: 333,333 whole periods, so the cut falls on a boundary.
        assert_eq!(&body[body.len() - 4..], b"abc>");
        let (body, _) = collect(b"<", b"abc", b">", 6);
        assert_eq!(body, b"<abca>", "the filler is cut, not the suffix");
        let (body, _) = collect(b"<<<", b"x", b">>>", 4);
        assert_eq!(
            body, b"<<<>",
            "too small for both: their concatenation is cut"
        );
        let (body, _) = collect(b"", b"", b"", 3);
        assert_eq!(body, b"   ", "an empty filler is spaces");
        assert!(collect(b"ab", b"x", b"cd", 0).0.is_empty());
    }
}
