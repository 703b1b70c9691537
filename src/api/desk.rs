//! The rest of the desk on the wire: search, webchat context, canned replies, agent profiles,
//! departments and permissions.

use reqwest::Method;
use serde::Serialize;

use super::client::{ApiClient, NO_BODY};
use super::models::{AgentProfile, CannedMessage, Department, Object, ResultSet, WebchatContext};
use super::wire::{Document, SummaryRow};
use crate::error::Result;

/// ConversationSearchRequest; unset fields are left out.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct SearchRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) text_search: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email_filter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sms_phone_number_filter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) language_filter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) medium_filter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) date_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) date_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) order_by_newest: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) order_by_oldest: Option<bool>,
    pub(crate) range_begin: u64,
    pub(crate) range_end: u64,
}

impl SearchRequest {
    /// The same search, for `limit` records from `offset` on (the range is assumed exclusive: see
    /// [`search_result_set`]).
    pub(crate) fn page(&self, offset: u64, limit: u32) -> SearchRequest {
        SearchRequest {
            range_begin: offset,
            range_end: offset.saturating_add(u64::from(limit)),
            ..self.clone()
        }
    }
}

/// One page of search results, with what paging needs to go on.
pub(crate) struct SearchPage {
    pub(crate) records: Vec<SummaryRow>,
    pub(crate) result_set: ResultSet,
}

/// **Assumed**: `range_end` is exclusive (a page of 50 is 0–50, then 50–100), and the records stop
/// at an empty page or at `total`. The one place that reads a search answer's range.
fn search_result_set(requested_end: u64, records: usize, total: Option<u64>) -> ResultSet {
    let more = records > 0 && total.is_none_or(|total| requested_end < total);
    ResultSet {
        more,
        next_offset: Some(requested_end),
        total_records: total,
        next_offset_invalid: false,
    }
}

impl ApiClient {
    /// `POST /conversation/conversations/search`: one range of the matches. The answer has no
    /// envelope: `{range_begin, range_end, records, total}`.
    pub(crate) async fn search(&self, request: &SearchRequest) -> Result<SearchPage> {
        let url = self.url("/conversation/conversations/search", None, "", &[])?;
        let root = self
            .json_object(Method::POST, url, Some(request), true, "Searching…")
            .await?;
        let records = root.list("records")?;
        let result_set = search_result_set(request.range_end, records.len(), root.number("total"));
        Ok(SearchPage {
            records,
            result_set,
        })
    }

    /// `PUT /conversation/conversations/{uuid}/context`: a bare ConversationWebchatContext.
    pub(crate) async fn context(&self, uuid: &str) -> Result<Document<WebchatContext>> {
        let url = self.url("/conversation/conversations", Some(uuid), "/context", &[])?;
        let root = self
            .json_object(Method::PUT, url, NO_BODY, true, "Loading the context…")
            .await?;
        root.payload("conversation_webchat_context")
    }

    /// `GET /conversation/canned_messages`, or with a short code `POST …/canned_messages/search`.
    pub(crate) async fn canned(
        &self,
        short_code: Option<&str>,
        max_results: Option<u32>,
    ) -> Result<Vec<Document<CannedMessage>>> {
        #[derive(Serialize)]
        struct Search<'a> {
            short_code: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            max_results: Option<u32>,
        }
        let root = match short_code {
            None => {
                let url = self.url("/conversation/canned_messages", None, "", &[])?;
                self.json_object(Method::GET, url, NO_BODY, true, "Loading canned replies…")
                    .await?
            }
            Some(short_code) => {
                let url = self.url("/conversation/canned_messages/search", None, "", &[])?;
                let body = Search {
                    short_code,
                    max_results,
                };
                self.json_object(
                    Method::POST,
                    url,
                    Some(&body),
                    true,
                    "Searching canned replies…",
                )
                .await?
            }
        };
        root.list("conversation_canned_messages")
    }

    /// `GET /conversation/agent/profile`: the calling agent's profile.
    pub(crate) async fn agent_profile(&self) -> Result<Document<AgentProfile>> {
        let url = self.url("/conversation/agent/profile", None, "", &[])?;
        let root = self
            .json_object(Method::GET, url, NO_BODY, true, "Loading your profile…")
            .await?;
        root.payload("agent_profile")
    }

    /// `PUT /conversation/agent/profile` with the whole profile.
    pub(crate) async fn update_agent_profile(
        &self,
        profile: &Object,
    ) -> Result<Document<AgentProfile>> {
        let url = self.url("/conversation/agent/profile", None, "", &[])?;
        let root = self
            .json_object(
                Method::PUT,
                url,
                Some(profile),
                true,
                "Saving your profile…",
            )
            .await?;
        root.payload("agent_profile")
    }

    /// `GET /conversation/agent/profiles`: every agent.
    pub(crate) async fn agent_profiles(&self) -> Result<Vec<Document<AgentProfile>>> {
        let url = self.url("/conversation/agent/profiles", None, "", &[])?;
        let root = self
            .json_object(Method::GET, url, NO_BODY, true, "Loading agents…")
            .await?;
        root.list("agent_profiles")
    }

    /// `GET /conversation/departments`.
    pub(crate) async fn departments(&self) -> Result<Vec<Document<Department>>> {
        let url = self.url("/conversation/departments", None, "", &[])?;
        let root = self
            .json_object(Method::GET, url, NO_BODY, true, "Loading departments…")
            .await?;
        root.list("conversation_departments")
    }

    /// `GET /conversation/permissions`: `{edit_settings}`.
    pub(crate) async fn permissions(&self) -> Result<Document<Object>> {
        let url = self.url("/conversation/permissions", None, "", &[])?;
        let root = self
            .json_object(Method::GET, url, NO_BODY, true, "Loading permissions…")
            .await?;
        root.payload("permissions")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ranges_end_exclusive_and_stop_at_total_or_an_empty_page() {
        let cases = [
            ((50, 50, Some(120)), (true, 50)),
            ((150, 20, Some(120)), (false, 150)),
            ((100, 0, Some(500)), (false, 100)),
            ((50, 50, None), (true, 50)),
            ((120, 20, Some(120)), (false, 120)),
        ];
        for ((end, records, total), (more, next)) in cases {
            let set = search_result_set(end, records, total);
            assert_eq!(
                (set.more, set.next_offset),
                (more, Some(next)),
                "{end} {records} {total:?}"
            );
        }
    }
}
