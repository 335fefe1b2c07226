//! The codebook: which columns are questions, of what kind and theme, under which names.

use std::collections::BTreeMap;
use std::path::Path;

use crate::problem::Problem;
use crate::text::{fold, show_value};
use crate::vocabulary::FIXED_COLUMNS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Statement,
    Standardisation,
    Alignment,
}

impl ItemKind {
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Statement => "statement",
            ItemKind::Standardisation => "standardisation",
            ItemKind::Alignment => "alignment",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub theme: String,
    pub text: String,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Codebook {
    pub items: Vec<Item>,
}

#[derive(Debug, thiserror::Error)]
pub enum CodebookError {
    #[error("{file}:0:0: cannot read the codebook: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

impl Codebook {
    pub fn read(path: &Path) -> Result<Codebook, CodebookError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| CodebookError::Io {
            file: name.clone(),
            source,
        })?;
        Codebook::parse(&name, &bytes)
    }

    /// Parses codebook CSV bytes; `name` is used in messages.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Codebook, CodebookError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut problems = Vec::new();
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let msg = format!("not a readable CSV codebook ({e}); save it as CSV UTF-8");
                return Err(CodebookError::Invalid(vec![Problem::new(name, 1, 0, msg)]));
            }
        };
        let want = ["item_id", "kind", "theme", "text", "aliases"];
        let mut pos = BTreeMap::new();
        for (i, h) in header.iter().enumerate() {
            pos.insert(fold(h), i);
        }
        for w in want.iter().take(3) {
            if !pos.contains_key(*w) {
                problems.push(Problem::new(
                    name,
                    1,
                    0,
                    format!("the codebook needs a column \"{w}\" (columns: item_id, kind, theme, text, aliases)"),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(CodebookError::Invalid(problems));
        }
        let col = |w: &str| pos.get(w).copied();
        let mut items: Vec<Item> = Vec::new();
        let mut names: BTreeMap<String, (String, u64)> = BTreeMap::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    problems.push(Problem::new(name, line, 0, format!("unreadable row: {e}")));
                    continue;
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let get = |w: &str| col(w).and_then(|i| record.get(i)).unwrap_or("").trim();
            let id = get("item_id").to_string();
            if id.is_empty() {
                problems.push(Problem::new(
                    name,
                    line,
                    col("item_id").unwrap_or(0) + 1,
                    "empty item_id",
                ));
                continue;
            }
            let kind = match fold(get("kind")).as_str() {
                "statement" => ItemKind::Statement,
                "standardisation" | "standardization" => ItemKind::Standardisation,
                "alignment" => ItemKind::Alignment,
                other => {
                    problems.push(Problem::new(
                        name,
                        line,
                        col("kind").unwrap_or(0) + 1,
                        format!(
                            "kind {} is not statement, standardisation or alignment",
                            show_value(other)
                        ),
                    ));
                    continue;
                }
            };
            let theme = get("theme").to_string();
            if theme.is_empty() {
                problems.push(Problem::new(
                    name,
                    line,
                    col("theme").unwrap_or(0) + 1,
                    format!("item {id} has no theme"),
                ));
            }
            let aliases: Vec<String> = get("aliases")
                .split(';')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
            for n in std::iter::once(&id).chain(aliases.iter()) {
                let key = fold(n);
                if FIXED_COLUMNS.contains(&key.as_str()) {
                    problems.push(Problem::new(
                        name,
                        line,
                        0,
                        format!(
                            "{} is a fixed survey column and cannot name an item",
                            show_value(n)
                        ),
                    ));
                } else if let Some((other, other_line)) = names.get(&key) {
                    problems.push(Problem::new(
                        name,
                        line,
                        0,
                        format!(
                            "{} already names item {other} (line {other_line})",
                            show_value(n)
                        ),
                    ));
                } else {
                    names.insert(key, (id.clone(), line));
                }
            }
            items.push(Item {
                id,
                kind,
                theme,
                text: get("text").to_string(),
                aliases,
            });
        }
        let statements = items
            .iter()
            .filter(|i| i.kind == ItemKind::Statement)
            .count();
        if statements == 0 && problems.is_empty() {
            problems.push(Problem::new(
                name,
                1,
                0,
                "the codebook has no statement items to cluster on",
            ));
        }
        if items
            .iter()
            .filter(|i| i.kind == ItemKind::Alignment)
            .count()
            > 1
        {
            problems.push(Problem::new(
                name,
                1,
                0,
                "the codebook has more than one alignment item",
            ));
        }
        if problems.is_empty() {
            Ok(Codebook { items })
        } else {
            Err(CodebookError::Invalid(problems))
        }
    }

    pub fn of_kind(&self, kind: ItemKind) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    pub fn statements(&self) -> Vec<&Item> {
        self.of_kind(ItemKind::Statement).collect()
    }

    /// Every statement as (item id, theme).
    pub fn statement_themes(&self) -> Vec<(&str, &str)> {
        let statements = self.of_kind(ItemKind::Statement);
        statements
            .map(|i| (i.id.as_str(), i.theme.as_str()))
            .collect()
    }

    pub fn standardisation(&self) -> Vec<&Item> {
        self.of_kind(ItemKind::Standardisation).collect()
    }

    pub fn alignment(&self) -> Option<&Item> {
        self.of_kind(ItemKind::Alignment).next()
    }

    /// Statement themes in codebook order, each once.
    pub fn themes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for i in self.of_kind(ItemKind::Statement) {
            if !out.contains(&i.theme) {
                out.push(i.theme.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &[u8] = include_bytes!("../../../data/codebook.csv");

    #[test]
    fn shipped_codebook_parses() {
        let cb = Codebook::parse("codebook.csv", SHIPPED).unwrap();
        assert_eq!(cb.statements().len(), 19);
        assert_eq!(cb.standardisation().len(), 10);
        assert_eq!(cb.alignment().map(|i| i.id.as_str()), Some("alignment"));
        assert_eq!(cb.themes().len(), 7);
    }

    #[test]
    fn bad_codebooks_name_line_and_problem() {
        let text = b"item_id,kind,theme,text,aliases\na,statement,t,x,\na,question,t,x,\nb,statement,t,x,A;trust_id\n";
        let err = Codebook::parse("cb.csv", text).unwrap_err().to_string();
        assert!(err.contains("cb.csv:3:2: kind \"question\""), "{err}");
        assert!(
            err.contains("cb.csv:4:0: \"A\" already names item a (line 2)"),
            "{err}"
        );
        assert!(
            err.contains("\"trust_id\" is a fixed survey column"),
            "{err}"
        );
    }
}
