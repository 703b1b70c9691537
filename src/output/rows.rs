//! Lists of API objects as one value for the rendering seam: a fitted table, TSV lines, a JSON
//! array (one element a line in a pipe) or JSON Lines, each element the server's own text.

use serde::Serialize;
use serde::ser::SerializeSeq;
use serde_json::value::RawValue;

use super::table::{Column, Table};
use super::{Render, View};
use crate::error::Result;

/// One row of a listing: its table cells and its TSV line.
pub(crate) trait Row: Serialize {
    /// The table's columns, fitted to the terminal by [`Table::fit`].
    fn columns() -> &'static [Column];
    fn cells(&self, view: &View) -> Result<Vec<String>>;
    fn tsv(&self) -> Result<String>;
}

/// A listing; `empty` is what the table says when there is nothing to list.
pub(crate) struct Rows<T> {
    pub(crate) items: Vec<T>,
    pub(crate) empty: &'static str,
}

impl<T: Row> Serialize for Rows<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for item in &self.items {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

/// A listing is a JSON array of its items.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Rows<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<T>::json_schema(generator)
    }
}

impl<T: Row> Render for Rows<T> {
    fn human(&self, view: &View) -> Result<String> {
        if self.items.is_empty() {
            return Ok(format!("{}\n", self.empty));
        }
        let cells = self
            .items
            .iter()
            .map(|item| item.cells(view))
            .collect::<Result<Vec<_>>>()?;
        Ok(Table::fit(T::columns(), &cells, view.width).render(&cells))
    }

    fn tsv(&self) -> Result<String> {
        self.items.iter().map(Row::tsv).collect()
    }

    fn records(&self) -> Result<Option<Vec<Box<RawValue>>>> {
        super::records_of(&self.items)
    }
}
