//! Paging through `_limit`/`_offset` lists: what to ask for next, which rows are new, and when a
//! server's paging is broken. Pure logic, no I/O: the caller fetches, the pager decides.
//!
//! Conversations that start while we page push older ones down, so the end of one page comes
//! round again at the start of the next. The pager remembers every uuid of the two pages before,
//! which catches those repeats and keeps memory flat however many pages there are. A page that brings
//! nothing new, or a `next_offset` that does not move forward, would loop forever: that ends the
//! listing with [`Error::Paging`] (exit 8).

use std::collections::HashSet;

use crate::api::models::ResultSet;
use crate::error::{Error, Result};

/// The API's largest page.
pub(crate) const PAGE_MAX: u64 = 200;

/// How far past the largest total the server reported paging may go before it is called broken.
/// Generous: lists grow while they are read.
const PAST_TOTAL_SLACK: u64 = 1_000;

/// One request to make: `_limit` and `_offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PageRequest {
    pub(crate) limit: u32,
    pub(crate) offset: u64,
}

#[derive(Debug)]
pub(crate) struct Pager {
    /// How many rows to show; `None` for all of them.
    wanted: Option<u64>,
    /// Rows are filtered after they arrive (`--unread`), so full pages are always asked for.
    filtering: bool,
    offset: u64,
    shown: u64,
    pages: u64,
    total: Option<u64>,
    /// Whether the server says there is more past `offset`.
    more: bool,
    /// A page has repeated rows of the one before: from then on only full pages are asked for,
    /// since a page cut to what is still wanted could hold nothing but repeats.
    overlapping: bool,
    done: bool,
    /// The uuids of the last two pages: a repeat is a row found in either. Two, not one, so a
    /// short page does not push out rows of a full one before it.
    previous_page: HashSet<String>,
    page_before: HashSet<String>,
    /// Why paging stopped early: the rows of the page that showed it are still handed out, and
    /// the error comes from [`Pager::finish`].
    stuck: Option<Error>,
}

impl Pager {
    pub(crate) fn new(offset: u64, wanted: Option<u64>, filtering: bool) -> Pager {
        Pager {
            wanted,
            filtering,
            offset,
            shown: 0,
            pages: 0,
            total: None,
            more: false,
            overlapping: false,
            done: false,
            previous_page: HashSet::new(),
            page_before: HashSet::new(),
            stuck: None,
        }
    }

    fn satisfied(&self) -> bool {
        self.wanted.is_some_and(|wanted| self.shown >= wanted)
    }

    /// The next page to fetch, or `None` when the listing is complete.
    pub(crate) fn next_request(&self) -> Option<PageRequest> {
        if self.done || self.satisfied() || self.stuck.is_some() {
            return None;
        }
        let limit = match self.wanted {
            Some(wanted) if !self.filtering && !self.overlapping => {
                (wanted - self.shown).min(PAGE_MAX)
            }
            _ => PAGE_MAX,
        };
        Some(PageRequest {
            limit: limit as u32,
            offset: self.offset,
        })
    }

    /// What a spinner says while the next page loads.
    pub(crate) fn label(&self) -> String {
        match self.pages {
            0 => "Loading conversations…".to_string(),
            n => format!(
                "Loading page {} ({} conversations so far)…",
                n + 1,
                self.shown
            ),
        }
    }

    /// Takes one page: returns the rows to show (new ones that `keep` accepts), and moves on. When
    /// the page shows the paging is broken, its rows are still returned and paging stops; the
    /// error then comes from [`Pager::finish`].
    pub(crate) fn accept<R>(
        &mut self,
        rows: Vec<R>,
        result_set: &ResultSet,
        id: impl Fn(&R) -> Option<String>,
        keep: impl Fn(&R) -> Result<bool>,
    ) -> Result<Vec<R>> {
        // A page cut short to what is still wanted may hold only repeats where pages overlap; the
        // full page asked for next decides whether the paging is stuck.
        let asked_full = self
            .next_request()
            .is_none_or(|request| u64::from(request.limit) >= PAGE_MAX);
        self.pages += 1;
        let received = rows.len() as u64;
        let mut this_page = HashSet::with_capacity(rows.len());
        let mut fresh = Vec::new();
        // How many rows were looked at (to say where the next page starts) and how many were new.
        let (mut consumed, mut new) = (0u64, 0u64);
        for row in rows {
            if self.satisfied() {
                break;
            }
            consumed += 1;
            // Every uuid is remembered, repeats included, or a row seen twice would count as
            // new the third time.
            let repeat = id(&row).is_some_and(|uuid| {
                let before = self.previous_page.contains(&uuid) || self.page_before.contains(&uuid);
                !this_page.insert(uuid) || before
            });
            if repeat {
                self.overlapping = true;
                continue;
            }
            new += 1;
            if keep(&row)? {
                fresh.push(row);
                self.shown += 1;
            }
        }
        self.page_before = std::mem::replace(&mut self.previous_page, this_page);
        self.total = match (self.total, result_set.total_records) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => b.or(a),
        };
        self.more = result_set.more || consumed < received;
        let next = result_set
            .next_offset
            .unwrap_or_else(|| self.offset.saturating_add(received));
        if self.satisfied() || !result_set.more || received == 0 {
            self.offset = self.offset.saturating_add(consumed);
            self.done = true;
            return Ok(fresh);
        }
        let why = if new == 0 && (asked_full || !self.overlapping) {
            Some(format!(
                "the page at offset {} brought nothing new",
                self.offset
            ))
        } else if result_set.next_offset_invalid {
            Some("its next_offset is not an offset".to_string())
        } else if next <= self.offset {
            Some(format!(
                "its next_offset {next} is not past offset {}",
                self.offset
            ))
        } else {
            self.total
                .filter(|&total| next > total.saturating_add(PAST_TOTAL_SLACK))
                .map(|total| {
                    format!("it is still paging at offset {next}, past the {total} it reported")
                })
        };
        match why {
            Some(why) => self.stuck = Some(self.stuck(why)),
            None => self.offset = next,
        }
        Ok(fresh)
    }

    fn stuck(&self, why: String) -> Error {
        Error::Paging {
            message: format!(
                "the server's paging did not advance: {why} (stopped after {} pages)",
                self.pages
            ),
        }
    }

    /// How the listing ended: `Ok` when it is complete, the paging error when the server's
    /// paging broke (after the rows it did bring were shown).
    pub(crate) fn finish(&mut self) -> Result<()> {
        match self.stuck.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    pub(crate) fn shown(&self) -> u64 {
        self.shown
    }

    /// The largest total the server reported, if it reported one.
    pub(crate) fn total(&self) -> Option<u64> {
        self.total
    }

    /// Where a following listing would start, when the server has more.
    pub(crate) fn next_offset(&self) -> Option<u64> {
        self.more.then_some(self.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(more: bool, next: Option<u64>, total: Option<u64>) -> ResultSet {
        ResultSet {
            more,
            next_offset: next,
            total_records: total,
            next_offset_invalid: false,
        }
    }

    fn ids(range: std::ops::Range<u32>) -> Vec<String> {
        range.map(|n| format!("u{n}")).collect()
    }

    /// Runs a pager against a server given as a function from a request to (rows, result set),
    /// for at most `max_pages`: the rows shown, and the error that ended it, if any.
    fn drive(
        mut pager: Pager,
        server: impl Fn(PageRequest) -> (Vec<String>, ResultSet),
        max_pages: usize,
    ) -> (Vec<String>, Option<Error>) {
        let mut shown = Vec::new();
        for _ in 0..max_pages {
            let Some(request) = pager.next_request() else {
                return (shown, None);
            };
            let (rows, result_set) = server(request);
            match pager.accept(rows, &result_set, |r| Some(r.clone()), |_| Ok(true)) {
                Ok(fresh) => shown.extend(fresh),
                Err(error) => return (shown, Some(error)),
            }
            if let Err(error) = pager.finish() {
                return (shown, Some(error));
            }
        }
        panic!("the pager did not stop within {max_pages} pages");
    }

    /// An honest server over `total` rows.
    fn honest(total: u32) -> impl Fn(PageRequest) -> (Vec<String>, ResultSet) {
        move |request| {
            let start = request.offset.min(u64::from(total)) as u32;
            let end = (start + request.limit).min(total);
            let more = end < total;
            (
                ids(start..end),
                set(more, more.then_some(u64::from(end)), Some(u64::from(total))),
            )
        }
    }

    #[test]
    fn pages_until_the_limit_or_the_end() {
        let cases = [
            (Some(50), 1000, 50),
            (Some(450), 1000, 450),
            (None, 1000, 1000),
            (None, 0, 0),
        ];
        for (wanted, total, expected) in cases {
            let (shown, error) = drive(Pager::new(0, wanted, false), honest(total), 100);
            assert!(error.is_none(), "{wanted:?} {total}");
            assert_eq!(shown.len(), expected, "{wanted:?} {total}");
            let distinct: HashSet<_> = shown.iter().collect();
            assert_eq!(distinct.len(), shown.len());
        }
    }

    #[test]
    fn requests_ask_for_what_is_left_at_most_a_page() {
        let mut pager = Pager::new(10, Some(250), false);
        assert_eq!(
            pager.next_request(),
            Some(PageRequest {
                limit: 200,
                offset: 10
            })
        );
        let rows = ids(0..200);
        pager
            .accept(
                rows,
                &set(true, Some(210), None),
                |r| Some(r.clone()),
                |_| Ok(true),
            )
            .unwrap();
        assert_eq!(
            pager.next_request(),
            Some(PageRequest {
                limit: 50,
                offset: 210
            })
        );
        let filtering = Pager::new(0, Some(5), true);
        assert_eq!(filtering.next_request().unwrap().limit, 200);
    }

    #[test]
    fn list_all_stops_with_exit_8_when_the_server_ignores_offset() {
        let ignores = |_: PageRequest| (ids(0..200), set(true, None, Some(10_000)));
        let (shown, error) = drive(Pager::new(0, None, false), ignores, 10);
        assert_eq!(shown.len(), 200);
        let error = error.expect("a paging error");
        assert_eq!(error.exit_code(), 8);
        assert!(error.to_string().contains("did not advance"), "{error}");
    }

    #[test]
    fn a_next_offset_that_does_not_move_is_an_error() {
        let stuck = |request: PageRequest| {
            let start = request.offset as u32;
            (
                ids(start..start + 10),
                set(true, Some(request.offset), None),
            )
        };
        let (_, error) = drive(Pager::new(0, None, false), stuck, 10);
        assert_eq!(error.unwrap().exit_code(), 8);
    }

    #[test]
    fn paging_dedup_remembers_rows_repeated_from_the_page_before() {
        // next_offset = offset + 1: each page repeats all but one row of the one before.
        let overlapping = |request: PageRequest| {
            let start = request.offset as u32;
            let end = (start + request.limit).min(2_000);
            (
                ids(start..end),
                set(end < 2_000, Some(request.offset + 1), Some(2_000)),
            )
        };
        for wanted in [240, 1000] {
            let (shown, error) = drive(Pager::new(0, Some(wanted), false), overlapping, 2_000);
            let distinct: HashSet<_> = shown.iter().collect();
            assert_eq!(distinct.len(), shown.len(), "every row once");
            assert_eq!(shown.len() as u64, wanted, "{error:?}");
            assert!(error.is_none());
        }
    }

    #[test]
    fn a_server_paging_far_past_its_total_is_stopped() {
        let endless = |request: PageRequest| {
            let start = request.offset as u32;
            (
                ids(start..start + 200),
                set(true, Some(request.offset + 200), Some(400)),
            )
        };
        let (shown, error) = drive(Pager::new(0, None, false), endless, 100);
        assert_eq!(error.unwrap().exit_code(), 8);
        assert!(shown.len() <= 1_600, "{}", shown.len());
    }

    #[test]
    fn the_page_that_shows_the_paging_broke_is_still_shown() {
        let mut pager = Pager::new(0, None, false);
        let fresh = pager
            .accept(
                ids(0..200),
                &set(true, Some(0), None),
                |r| Some(r.clone()),
                |_| Ok(true),
            )
            .unwrap();
        assert_eq!(fresh.len(), 200);
        assert!(pager.next_request().is_none());
        assert_eq!(pager.finish().unwrap_err().exit_code(), 8);
        let mut negative = Pager::new(0, None, false);
        let bad = ResultSet {
            next_offset_invalid: true,
            ..set(true, None, None)
        };
        negative
            .accept(ids(0..5), &bad, |r| Some(r.clone()), |_| Ok(true))
            .unwrap();
        assert!(
            negative
                .finish()
                .unwrap_err()
                .to_string()
                .contains("not an offset")
        );
    }

    #[test]
    fn offset_arithmetic_saturates() {
        let mut pager = Pager::new(u64::MAX - 1, Some(5), false);
        let fresh = pager
            .accept(
                ids(0..5),
                &set(true, None, None),
                |r| Some(r.clone()),
                |_| Ok(true),
            )
            .unwrap();
        assert_eq!(fresh.len(), 5);
        assert_eq!(pager.next_offset(), Some(u64::MAX));
    }

    #[test]
    fn filtered_rows_are_read_but_not_shown() {
        let mut pager = Pager::new(0, Some(2), true);
        let keep_odd = |r: &String| Ok(r.ends_with(['1', '3', '5']));
        let fresh = pager
            .accept(
                ids(0..6),
                &set(true, Some(6), Some(20)),
                |r| Some(r.clone()),
                keep_odd,
            )
            .unwrap();
        assert_eq!(fresh, ["u1", "u3"]);
        assert_eq!(
            pager.next_offset(),
            Some(4),
            "the next listing starts after u3"
        );
        assert!(pager.next_request().is_none());
    }

    #[test]
    fn a_row_that_cannot_be_read_ends_the_listing() {
        let mut pager = Pager::new(0, None, true);
        let result = pager.accept(
            ids(0..3),
            &set(false, None, None),
            |r| Some(r.clone()),
            |_| Err(Error::bad_response("unreadable")),
        );
        assert_eq!(result.unwrap_err().exit_code(), 8);
    }
}
