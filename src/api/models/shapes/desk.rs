//! Shapes of the rest of the desk: webchat context, canned replies, agent profiles, departments.

use schemars::JsonSchema;
use serde_json::{Map, Value};

/// ConversationWebchatContext: where a webchat customer is and what is in their cart. The
/// commerce objects in it (UltraCart's Cart, Order, AutoOrder, Hit…) are large: the fields ucconv
/// reads are described, every other is kept.
#[derive(JsonSchema)]
pub(crate) struct ConversationWebchatContext {
    /// The page the customer is on.
    current_url: Option<String>,
    /// Date/time that the session was started (if known).
    session_start_dts: Option<String>,
    /// The customer's cart.
    cart: Option<Cart>,
    /// The customer's recent orders.
    orders: Option<Vec<Order>>,
    /// The customer's auto-orders (subscriptions), as UltraCart's AutoOrder objects.
    auto_orders: Option<Vec<Map<String, Value>>>,
    /// The pages the customer viewed.
    page_view: Option<Vec<HitPageView>>,
    /// How the session started (UltraCart's HitSessionStart: referrer, user agent, location…).
    session_start: Option<Map<String, Value>>,
    /// The session's UTM parameters (UltraCart's HitSessionUtm).
    session_utm: Option<Map<String, Value>>,
}

/// Cart: UltraCart's cart, in part.
#[derive(JsonSchema)]
pub(crate) struct Cart {
    /// The cart's id.
    cart_id: Option<String>,
    /// The cart's currency (ISO 4217).
    currency_code: Option<String>,
    /// The items in the cart.
    items: Option<Vec<CartItem>>,
    /// The cart's totals.
    summary: Option<Totals>,
}

/// CartItem: one line of a cart, in part.
#[derive(JsonSchema)]
pub(crate) struct CartItem {
    /// The item's id.
    item_id: Option<String>,
    /// The item's description.
    description: Option<String>,
    /// How many.
    quantity: Option<f64>,
    /// The price of one.
    unit_cost: Option<Currency>,
    /// The price of all of them.
    total_cost: Option<Currency>,
}

/// Totals of a cart or an order, in part.
#[derive(JsonSchema)]
pub(crate) struct Totals {
    /// The total.
    total: Option<Currency>,
}

/// Currency: an amount in a currency.
#[derive(JsonSchema)]
pub(crate) struct Currency {
    /// The amount.
    value: Option<f64>,
    /// Its currency (ISO 4217).
    currency_code: Option<String>,
}

/// Order: one of UltraCart's orders, in part.
#[derive(JsonSchema)]
pub(crate) struct Order {
    /// The order's id.
    order_id: Option<String>,
    /// When it was placed.
    creation_dts: Option<String>,
    /// Where it is in fulfilment, e.g. `Shipping Department`, `Completed Order`.
    #[schemars(extend("examples" = ["Accounts Receivable", "Shipping Department", "Completed Order"]))]
    current_stage: Option<String>,
    /// The order's totals.
    summary: Option<Totals>,
}

/// HitPageView: a page the customer viewed, in part.
#[derive(JsonSchema)]
pub(crate) struct HitPageView {
    /// The page's URL.
    url: Option<String>,
    /// The page's title.
    title: Option<String>,
    /// Seconds spent on the page.
    time_on_page: Option<i64>,
}

/// ConversationCannedMessage: a canned reply and its short code.
#[derive(JsonSchema)]
pub(crate) struct ConversationCannedMessage {
    /// The reply's id.
    conversation_canned_message_oid: Option<i64>,
    /// The short code agents type to insert it.
    short_code: Option<String>,
    /// The reply's text.
    canned_message: Option<String>,
    /// The departments it belongs to.
    conversation_department_oids: Option<Vec<i64>>,
}

/// ConversationAgentProfile: an agent's name, default status, language, chat limit and AI setup.
#[derive(JsonSchema)]
pub(crate) struct ConversationAgentProfile {
    /// User ID associated with the agent. Populated by getAgentProfiles call only.
    user_id: Option<i64>,
    /// Their actual user name for profile settings display as placeholder test.
    name: Option<String>,
    /// An alternate name that the agent wants to use in chat.
    display_name: Option<String>,
    /// Default status when the agent loads conversations app: `available`, `busy` or
    /// `unavailable`; others may appear.
    #[schemars(extend("examples" = ["available", "busy", "unavailable"]))]
    default_status: Option<String>,
    /// The default language the agent is chatting in.
    default_language_iso_code: Option<String>,
    /// The number of engagement chats that can be pushed on them at any given time.
    chat_limit: Option<i64>,
    /// Their current profile image URL.
    profile_image_url: Option<String>,
    /// An upload key used to update the profile image.
    profile_image_upload_key: Option<String>,
    /// AI powered chat bot.
    ai: Option<bool>,
    /// Persona of this AI agent.
    ai_persona: Option<String>,
    /// Additional instructions for this AI when handle web chats.
    ai_chat_instructions: Option<String>,
    /// Additional instructions for this AI when handle SMS messages.
    ai_sms_instructions: Option<String>,
    /// Additional voice instructions for this AI when handling voice calls.
    ai_voice_instructions: Option<String>,
    /// Additional instructions for this AI when handling ticket draft replies.
    ai_ticket_instructions: Option<String>,
    /// Which AI voice personality to use when handling the call: `Ara`, `Rex`, `Sal`, `Eve` or
    /// `Leo`; others may appear.
    #[schemars(extend("examples" = ["Ara", "Rex", "Sal", "Eve", "Leo"]))]
    ai_voice_personality: Option<String>,
    /// What this AI agent may do.
    ai_capabilities: Option<ConversationVirtualAgentCapabilities>,
    /// Restrict this agent to drafting replies only to tickets with these classifications.
    zohodesk_classifications: Option<Vec<String>>,
    /// Restrict this agent to drafting replies only to these department ids.
    zohodesk_departments: Option<Vec<String>>,
}

/// ConversationVirtualAgentCapabilities: what an AI agent may do, in part.
#[derive(JsonSchema)]
pub(crate) struct ConversationVirtualAgentCapabilities {
    /// It may look up the storefront and its items.
    access_storefront_and_item: Option<bool>,
    /// It may cancel a subscription.
    cancel_subscription: Option<bool>,
    /// It may delay a subscription.
    delay_subscription: Option<bool>,
    /// It may generate a coupon.
    generate_coupon: Option<bool>,
    /// It may look up an order.
    lookup_order_information: Option<bool>,
    /// It may look up a subscription.
    lookup_subscription_information: Option<bool>,
    /// It may open a support ticket.
    open_support_ticket: Option<bool>,
}

/// ConversationDepartment: a department and its members.
#[derive(JsonSchema)]
pub(crate) struct ConversationDepartment {
    /// The department's id.
    conversation_department_oid: Option<i64>,
    /// The department's name.
    department_name: Option<String>,
    /// The merchant (store) id.
    merchant_id: Option<String>,
    /// The agents who may be in it.
    members: Option<Vec<ConversationDepartmentMember>>,
    /// The department's settings, free-form.
    settings: Option<Value>,
}

/// ConversationDepartmentMember: an agent and whether they are in the department.
#[derive(JsonSchema)]
pub(crate) struct ConversationDepartmentMember {
    /// The agent's user id.
    user_id: Option<i64>,
    /// The agent's name.
    name: Option<String>,
    /// Whether they are a member.
    member: Option<bool>,
    /// Whether the agent is an AI.
    ai: Option<bool>,
}
