//! A tiny document model rendered to both HTML and Markdown, so the two reports always say the
//! same thing. All text is escaped at rendering; nothing from the data is trusted.

use crate::escape::html;

#[derive(Clone, Debug)]
pub enum Block {
    Heading(u8, String),
    Para(String),
    /// Bullet list.
    List(Vec<String>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        /// Right-align these columns (numbers).
        numeric: Vec<bool>,
    },
    /// A chart by name: inline SVG in HTML, `charts/NAME.png` in Markdown.
    Chart {
        name: String,
        svg: String,
        caption: String,
    },
    Pre(String),
}

#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn h(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading(level, text.into()));
    }

    pub fn p(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Para(text.into()));
    }

    pub fn list(&mut self, items: Vec<String>) {
        self.blocks.push(Block::List(items));
    }

    pub fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        let numeric = (0..header.len())
            .map(|c| {
                !rows.is_empty()
                    && rows.iter().all(|r| {
                        let v = r.get(c).map(|s| s.as_str()).unwrap_or("");
                        v.is_empty() || v.parse::<f64>().is_ok()
                    })
            })
            .collect();
        self.blocks.push(Block::Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows,
            numeric,
        });
    }

    pub fn chart(&mut self, name: &str, svg: &str, caption: impl Into<String>) {
        self.blocks.push(Block::Chart {
            name: name.to_string(),
            svg: svg.to_string(),
            caption: caption.into(),
        });
    }

    pub fn pre(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Pre(text.into()));
    }

    pub fn to_html(&self) -> String {
        let mut o = String::new();
        o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        o.push_str(&format!(
            "<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main>\n",
            html(&self.title),
            CSS
        ));
        o.push_str(&format!("<h1>{}</h1>\n", html(&self.title)));
        for b in &self.blocks {
            match b {
                Block::Heading(l, t) => {
                    let l = (*l).clamp(2, 4);
                    o.push_str(&format!("<h{l}>{}</h{l}>\n", html(t)));
                }
                Block::Para(t) => o.push_str(&format!("<p>{}</p>\n", html(t))),
                Block::List(items) => {
                    o.push_str("<ul>\n");
                    for i in items {
                        o.push_str(&format!("<li>{}</li>\n", html(i)));
                    }
                    o.push_str("</ul>\n");
                }
                Block::Table {
                    header,
                    rows,
                    numeric,
                } => {
                    o.push_str("<div class=\"table\"><table>\n<thead><tr>");
                    for (c, h) in header.iter().enumerate() {
                        let cls = if numeric[c] { " class=\"num\"" } else { "" };
                        o.push_str(&format!("<th{cls}>{}</th>", html(h)));
                    }
                    o.push_str("</tr></thead>\n<tbody>\n");
                    for r in rows {
                        o.push_str("<tr>");
                        for (c, v) in r.iter().enumerate() {
                            let cls = if numeric.get(c).copied().unwrap_or(false) {
                                " class=\"num\""
                            } else {
                                ""
                            };
                            o.push_str(&format!("<td{cls}>{}</td>", html(v)));
                        }
                        o.push_str("</tr>\n");
                    }
                    o.push_str("</tbody>\n</table></div>\n");
                }
                Block::Chart { name, svg, caption } => {
                    o.push_str(&format!("<figure id=\"chart-{}\">\n", html(name)));
                    o.push_str(strip_xml_declaration(svg).trim());
                    o.push_str(&format!(
                        "\n<figcaption>{}</figcaption>\n</figure>\n",
                        html(caption)
                    ));
                }
                Block::Pre(t) => o.push_str(&format!("<pre>{}</pre>\n", html(t))),
            }
        }
        o.push_str("</main>\n</body>\n</html>\n");
        o
    }

    pub fn to_markdown(&self) -> String {
        let mut o = format!("# {}\n\n", md(&self.title));
        for b in &self.blocks {
            match b {
                Block::Heading(l, t) => o.push_str(&format!(
                    "{} {}\n\n",
                    "#".repeat((*l).clamp(2, 4) as usize),
                    md(t)
                )),
                Block::Para(t) => o.push_str(&format!("{}\n\n", md_block(t))),
                Block::List(items) => {
                    for i in items {
                        o.push_str(&format!("- {}\n", md_block(i)));
                    }
                    o.push('\n');
                }
                Block::Table {
                    header,
                    rows,
                    numeric,
                } => {
                    o.push_str(&format!(
                        "| {} |\n",
                        header
                            .iter()
                            .map(|h| md_cell(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                    let rule: Vec<&str> = numeric
                        .iter()
                        .map(|n| if *n { "---:" } else { "---" })
                        .collect();
                    o.push_str(&format!("|{}|\n", rule.join("|")));
                    for r in rows {
                        o.push_str(&format!(
                            "| {} |\n",
                            r.iter().map(|v| md_cell(v)).collect::<Vec<_>>().join(" | ")
                        ));
                    }
                    o.push('\n');
                }
                Block::Chart { name, caption, .. } => {
                    o.push_str(&format!(
                        "![{}](charts/{}.png)\n\n*{}*\n\n",
                        md(caption),
                        name,
                        md(caption)
                    ));
                }
                Block::Pre(t) => {
                    // A fence longer than any backtick run inside keeps the block closed.
                    let longest = t.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                    let fence = "`".repeat(longest.max(2) + 1);
                    o.push_str(&format!("{fence}\n{t}\n{fence}\n\n"));
                }
            }
        }
        o
    }
}

fn strip_xml_declaration(svg: &str) -> &str {
    let s = svg.trim_start();
    if s.starts_with("<?xml") {
        if let Some(end) = s.find("?>") {
            return &s[end + 2..];
        }
    }
    s
}

/// Markdown text: only what CommonMark and GitHub would read as markup is escaped, so the plain
/// text stays readable ("Autonomy & identity", `trust_id`, 0.5 < z). Escaped: emphasis, code,
/// link and strikethrough marks; `_` unless inside a word; `&` only where it would start an
/// entity, `<` only where it would start a tag (raw HTML is rendered by code hosts), both as
/// entities. Inline text: a paragraph or list item also needs [`md_block`].
fn md(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut o = String::with_capacity(text.len() + 8);
    let word = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    for (i, &c) in chars.iter().enumerate() {
        // Where an HTML tag or entity would start, the entity form: every renderer shows it as
        // the character, and a scanner for raw markup finds none.
        let tag = c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        if tag {
            o.push_str("&lt;");
            continue;
        }
        if c == '&' && starts_entity(&chars[i + 1..]) {
            o.push_str("&amp;");
            continue;
        }
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '~' => true,
            '_' => !(word(i.checked_sub(1)) && word(Some(i + 1))),
            _ => false,
        };
        match c {
            '\n' | '\r' => o.push(' '),
            c if escape => {
                o.push('\\');
                o.push(c);
            }
            c => o.push(c),
        }
    }
    o
}

/// A paragraph or list item: as [`md`], and what would open a block at its start (a heading,
/// quote, list or numbered-list mark) escaped.
fn md_block(text: &str) -> String {
    let body = md(text);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let mut rest = body[digits..].chars();
    match (digits, rest.next(), rest.next()) {
        (0, Some('#' | '>' | '+' | '-' | '='), _) => format!("\\{body}"),
        (1.., Some(m @ ('.' | ')')), None | Some(' ')) => {
            format!("{}\\{m}{}", &body[..digits], &body[digits + 1..])
        }
        _ => body,
    }
}

/// After an `&`: would `name;`, `#123;` or `#x1F;` follow (an entity reference)?
fn starts_entity(rest: &[char]) -> bool {
    let body = rest.strip_prefix(&['#']).unwrap_or(rest);
    let n = body
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    n > 0 && body.get(n) == Some(&';')
}

/// A table cell: as [`md`], and `|` would end the cell.
fn md_cell(text: &str) -> String {
    md(text).replace('|', "\\|")
}

const CSS: &str = "body { font-family: 'DejaVu Sans', Verdana, sans-serif; color: #222; background: #fff; margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 1.5rem; line-height: 1.5; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #0072B2; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.1rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #555; }
pre { background: #f6f6f6; padding: .8rem; overflow-x: auto; font-size: .8rem; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_in_both_forms() {
        let mut d = Doc {
            title: "<script>alert(1)</script>".into(),
            ..Doc::default()
        };
        d.p("\"><img src=x onerror=alert(1)>");
        d.table(&["trust"], vec![vec!["<b>|x|</b>".into()]]);
        let h = d.to_html();
        assert!(!h.contains("<script>") && !h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let m = d.to_markdown();
        assert!(
            !m.contains("<script") && !m.contains("<img") && !m.contains("<b>"),
            "{m}"
        );
        assert!(m.contains("# &lt;script>alert(1)&lt;/script>"), "{m}");
        assert!(m.contains("\">&lt;img src=x"), "{m}");
        assert!(m.contains("&lt;b>\\|x\\|&lt;/b>"), "{m}");
    }

    #[test]
    fn markdown_escapes_only_markup() {
        assert_eq!(md("Autonomy & identity"), "Autonomy & identity");
        assert_eq!(
            md("AT&T &amp; &#38; &#x26;"),
            "AT&T &amp;amp; &amp;#38; &amp;#x26;"
        );
        assert_eq!(
            md("trust_id _x_ 0.5 < z, a<b"),
            "trust_id \\_x\\_ 0.5 < z, a&lt;b"
        );
        assert_eq!(
            md_block("# 1 * 2 [a](b) ~~s~~ `c`"),
            "\\# 1 \\* 2 \\[a\\](b) \\~\\~s\\~\\~ \\`c\\`"
        );
        assert_eq!(md_block("2018. A year"), "2018\\. A year");
        assert_eq!(md_block("0.5 of them"), "0.5 of them");
        assert_eq!(md_block("- x -y > z"), "\\- x -y > z");
        assert_eq!(md_block("# 1"), "\\# 1");
        // Inline text (headings, cells, captions) starts no block.
        assert_eq!(md("-0.09"), "-0.09");
        assert_eq!(md_cell("-0.09"), "-0.09");
        assert_eq!(md_cell("a|b"), "a\\|b");
    }
}
