//! The rest of the desk on the wire: webchat context, canned replies, agent profiles, departments
//! and permissions.

use super::Object;

wire_type!(
    /// ConversationWebchatContext: where a webchat customer is and what is in their cart.
    WebchatContext
);
wire_type!(
    /// ConversationCannedMessage: a canned reply and its short code.
    CannedMessage
);
wire_type!(
    /// ConversationAgentProfile: an agent's name, default status, language, chat limit and AI setup.
    AgentProfile
);
wire_type!(
    /// ConversationDepartment: a department and its members.
    Department
);

/// An amount as UltraCart's commerce models give it: `{value, currency_code}`.
fn amount(object: Option<Object>, currency: Option<&str>) -> Option<String> {
    let object = object?;
    let value = object.0.get("value")?;
    let value = value
        .as_f64()
        .map(|v| format!("{v:.2}"))
        .or_else(|| value.as_str().map(str::to_string))?;
    let currency = object
        .text("currency_code")
        .or(currency)
        .unwrap_or_default();
    Some(format!("{value} {currency}").trim_end().to_string())
}

impl WebchatContext {
    pub fn current_url(&self) -> Option<&str> {
        self.text("current_url")
    }
    pub fn session_start_dts(&self) -> Option<&str> {
        self.text("session_start_dts")
    }
    pub fn cart(&self) -> Option<Object> {
        self.object("cart")
    }
    /// The cart's items: (description or id, quantity, total).
    pub fn cart_items(&self) -> Vec<(String, String, String)> {
        let Some(cart) = self.cart() else {
            return Vec::new();
        };
        let currency = cart.text("currency_code").map(str::to_string);
        cart.objects("items")
            .iter()
            .map(|item| {
                let name = item
                    .text("description")
                    .or_else(|| item.text("item_id"))
                    .unwrap_or("-")
                    .to_string();
                let quantity = item
                    .0
                    .get("quantity")
                    .map(|q| q.to_string())
                    .unwrap_or_default();
                let total =
                    amount(item.object("total_cost"), currency.as_deref()).unwrap_or_default();
                (name, quantity, total)
            })
            .collect()
    }
    /// The cart's total with its currency.
    pub fn cart_total(&self) -> Option<String> {
        let cart = self.cart()?;
        let currency = cart.text("currency_code").map(str::to_string);
        amount(cart.object("summary")?.object("total"), currency.as_deref())
    }
    /// Recent orders: (id, date, stage, total).
    pub fn orders(&self) -> Vec<(String, String, String, String)> {
        self.objects("orders")
            .iter()
            .map(|order| {
                let text = |key| order.text(key).unwrap_or("-").to_string();
                let total = order
                    .object("summary")
                    .and_then(|s| amount(s.object("total"), None))
                    .unwrap_or_default();
                (
                    text("order_id"),
                    text("creation_dts"),
                    text("current_stage"),
                    total,
                )
            })
            .collect()
    }
    /// Pages viewed: (title or URL, URL).
    pub fn pages_viewed(&self) -> Vec<(String, String)> {
        self.objects("page_view")
            .iter()
            .map(|page| {
                let url = page.text("url").unwrap_or("-").to_string();
                (page.text("title").unwrap_or(&url).to_string(), url)
            })
            .collect()
    }
}

impl CannedMessage {
    pub fn short_code(&self) -> Option<&str> {
        self.text("short_code")
    }
    pub fn text_body(&self) -> Option<&str> {
        self.str("canned_message")
    }
    pub fn department_oids(&self) -> Vec<String> {
        match self.0.0.get("conversation_department_oids") {
            Some(serde_json::Value::Array(items)) => items.iter().map(|v| v.to_string()).collect(),
            _ => Vec::new(),
        }
    }
}

/// The fields `profile set` changes, by wire name.
pub const PROFILE_DISPLAY_NAME: &str = "display_name";
pub const PROFILE_DEFAULT_STATUS: &str = "default_status";
pub const PROFILE_LANGUAGE: &str = "default_language_iso_code";
pub const PROFILE_CHAT_LIMIT: &str = "chat_limit";

impl AgentProfile {
    pub fn user_id(&self) -> Option<String> {
        self.0
            .0
            .get("user_id")
            .filter(|v| !v.is_null())
            .map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
    }
    pub fn name(&self) -> Option<&str> {
        self.text("name")
    }
    pub fn display_name(&self) -> Option<&str> {
        self.text(PROFILE_DISPLAY_NAME)
    }
    pub fn default_status(&self) -> Option<&str> {
        self.text(PROFILE_DEFAULT_STATUS)
    }
    pub fn language(&self) -> Option<&str> {
        self.text(PROFILE_LANGUAGE)
    }
    pub fn chat_limit(&self) -> Option<i64> {
        self.int(PROFILE_CHAT_LIMIT)
    }
    pub fn ai(&self) -> Option<bool> {
        self.bool("ai")
    }
}

impl Department {
    pub fn name(&self) -> Option<&str> {
        self.text("department_name")
    }
    /// The members' names (or user ids).
    pub fn members(&self) -> Vec<String> {
        self.objects("members")
            .iter()
            .map(|m| {
                m.text("name")
                    .map(str::to_string)
                    .or_else(|| m.0.get("user_id").map(|v| v.to_string()))
                    .unwrap_or_else(|| "-".into())
            })
            .collect()
    }
}
