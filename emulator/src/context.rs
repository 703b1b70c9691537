//! `PUT /conversation/conversations/{uuid}/context`: the bare ConversationWebchatContext of a webchat.
//!
//! Nothing in the emulator's state records a visitor's browsing, so the context is made up from
//! the conversation's uuid: the same conversation always has the same cart, orders and pages,
//! whatever else happens, and different conversations differ.

use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::{Timestamp, ToSpan};
use serde_json::{Value, json};

use crate::data::{MERCHANT_ID, dts, whole_second};
use crate::handlers::find;
use crate::hostile::{hostile, unlaced};
use crate::lock;
use crate::routes::{Shared, error};

/// What the demo store sells: (item id, description, unit price in cents).
const CATALOG: &[(&str, &str, u64)] = &[
    ("TSHIRT-BLK-L", "Classic Tee, Black, Large", 1999),
    ("HOODIE-GRY-M", "Zip Hoodie, Heather Grey, Medium", 4950),
    ("MUG-12OZ", "Ceramic Mug, 12 oz", 1450),
    ("CAP-NVY", "Baseball Cap, Navy", 2200),
    ("SOCKS-3PK", "Crew Socks, 3 Pack", 1200),
    ("TOTE-CANVAS", "Canvas Tote Bag", 1800),
    ("BOTTLE-750", "Insulated Bottle, 750 ml", 2995),
];
const STORE: &str = "https://shop.example.com";
/// Pages a visitor browses besides item pages: (path, title).
const PAGES: &[(&str, &str)] = &[
    ("/", "Home | Demo Store"),
    ("/catalog/apparel", "Apparel | Demo Store"),
    ("/catalog/drinkware", "Drinkware | Demo Store"),
    ("/help/shipping", "Shipping & Returns | Demo Store"),
    ("/cart", "Your Cart | Demo Store"),
    ("/checkout", "Checkout | Demo Store"),
];
/// UltraCart order stages, weighted towards finished orders as a real history is.
const STAGES: &[&str] = &[
    "Completed Order",
    "Completed Order",
    "Completed Order",
    "Shipping Department",
    "Accounts Receivable",
];
/// Where visitors came from: (utm_source, utm_medium, utm_campaign, referrer).
const CAMPAIGNS: &[(&str, &str, &str, &str)] = &[
    ("google", "cpc", "holiday-sale", "https://www.google.com/"),
    (
        "newsletter",
        "email",
        "november-digest",
        "https://mail.example.net/",
    ),
    (
        "facebook",
        "social",
        "fall-collection",
        "https://www.facebook.com/",
    ),
];

/// FNV-1a: a stable hash of the uuid (std's hasher may change between Rust releases).
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn money(cents: u64) -> Value {
    // Cents keep the arithmetic exact; the API sends the amount as a decimal number.
    json!({"value": cents as f64 / 100.0, "currency_code": "USD"})
}

/// A webchat visitor's context, the same every time for the same conversation.
fn webchat_context(uuid: &str, start: Timestamp, email: Option<&str>, laced: bool) -> Value {
    let mut rng = fastrand::Rng::with_seed(stable_hash(uuid));
    let mut hostile_rng = fastrand::Rng::with_seed(stable_hash(uuid) ^ 0x0bad_c0de);
    let mut text = |plain: &str| {
        if laced {
            hostile(plain, &mut hostile_rng)
        } else {
            plain.to_string()
        }
    };

    let mut stock: Vec<usize> = (0..CATALOG.len()).collect();
    rng.shuffle(&mut stock);
    // One visitor in five has an empty cart: a context must still read well then.
    let in_cart = if rng.u8(..5) == 0 {
        0
    } else {
        rng.usize(1..=3)
    };
    let mut subtotal = 0;
    let items: Vec<Value> = stock[..in_cart]
        .iter()
        .map(|&index| {
            let (item_id, description, cents) = CATALOG[index];
            let quantity = rng.u64(1..=3);
            subtotal += cents * quantity;
            json!({
                "item_id": item_id,
                "description": text(description),
                "quantity": quantity,
                "unit_cost": money(cents),
                "total_cost": money(cents * quantity)
            })
        })
        .collect();
    let shipping = if subtotal == 0 || subtotal >= 5000 {
        0
    } else {
        599
    };
    let cart = json!({
        "cart_id": format!("{:032X}", rng.u128(..)),
        "merchant_id": MERCHANT_ID,
        "currency_code": "USD",
        "items": items,
        "summary": {
            "subtotal": money(subtotal),
            "shipping_handling": money(shipping),
            "total": money(subtotal + shipping)
        }
    });

    let mut ages: Vec<i64> = (0..rng.usize(0..=3)).map(|_| rng.i64(1..120)).collect();
    ages.sort_unstable();
    let orders: Vec<Value> = ages
        .iter()
        .enumerate()
        .map(|(n, days)| {
            // Only the newest order can still be on its way.
            let stage = if n == 0 {
                STAGES[rng.usize(..STAGES.len())]
            } else {
                "Completed Order"
            };
            json!({
                "order_id": format!("{MERCHANT_ID}-{}", rng.u32(10_000..99_999)),
                "merchant_id": MERCHANT_ID,
                "creation_dts": dts(start - (days * 24).hours() - rng.i64(0..86_400).seconds()),
                "current_stage": stage,
                "billing": {"email": email},
                "summary": {"total": money(rng.u64(1_200..25_000))}
            })
        })
        .collect();

    // The visit ends on the page where the chat opens, a moment before the conversation starts.
    let durations: Vec<u64> = (0..rng.usize(2..=5)).map(|_| rng.u64(5..240)).collect();
    let time_on_site: u64 = durations.iter().sum();
    let session_start =
        whole_second(start) - (time_on_site as i64).seconds() - rng.i64(5..60).seconds();
    let mut at = session_start;
    let page_view: Vec<Value> = durations
        .iter()
        .map(|&seconds| {
            // Visitors with a cart look at what is in it; the others browse the store.
            let (path, title) = if in_cart > 0 && rng.bool() {
                let (item_id, description, _) = CATALOG[stock[rng.usize(..in_cart)]];
                (
                    format!("/item/{item_id}"),
                    format!("{description} | Demo Store"),
                )
            } else {
                let (path, title) = PAGES[rng.usize(..PAGES.len())];
                (path.to_string(), title.to_string())
            };
            let view = json!({
                "url": format!("{STORE}{path}"),
                "title": text(&title),
                "time_on_page": seconds,
                "timestamp": dts(at),
                "referrer": null,
                "bounce": false
            });
            at += (seconds as i64).seconds();
            view
        })
        .collect();
    let current_url = page_view
        .last()
        .and_then(|view| view["url"].as_str())
        .unwrap_or(STORE)
        .to_string();

    let (source, medium, campaign, referrer) = CAMPAIGNS[rng.usize(..CAMPAIGNS.len())];
    let screen = [(1280, 800), (1440, 900), (1920, 1080), (390, 844)][rng.usize(..4)];
    let province = ["NY", "CA", "TX", "IL", "WA"][rng.usize(..5)];
    json!({
        "current_url": current_url,
        "session_start_dts": dts(session_start),
        "cart": cart,
        "orders": orders,
        "auto_orders": [],
        "page_view": page_view,
        "session_start": {
            "channel": "web",
            "bot": false,
            "bounce": false,
            "referrer": referrer,
            "screen_width": screen.0,
            "screen_height": screen.1,
            "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            // TEST-NET-3: documentation addresses, never a real visitor's.
            "user_ip": format!("203.0.113.{}", rng.u8(1..255)),
            "geolocation_country": "US",
            "geolocation_province": province,
            "time_on_site": time_on_site
        },
        "session_utm": {
            "utm_source": source,
            "utm_medium": medium,
            "utm_campaign": campaign,
            "gclid": (source == "google").then(|| format!("Cj0K{:016x}", rng.u64(..)))
        }
    })
}

pub(crate) async fn context(
    Extract(state): Extract<Shared>,
    Path(uuid): Path<String>,
) -> Result<Response, Response> {
    let mut conversations = lock(&state.conversations);
    let conversation = find(&mut conversations, &uuid)?;
    // Hostile text laces the medium too; the conversation is still a webchat underneath.
    if unlaced(&conversation.medium) != "websocket" {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "Webchat context is only available for webchat conversations.",
        ));
    }
    let email = conversation
        .participants
        .iter()
        .find(|p| {
            p.conversation_participant_arn
                .contains(":participant:customer:")
        })
        .and_then(|p| p.email.clone());
    let start = conversation.start_dts;
    drop(conversations);
    let body = webchat_context(&uuid, start, email.as_deref(), state.options.hostile_text);
    Ok(Json(body).into_response())
}
