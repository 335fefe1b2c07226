//! Which tool wrote a file, and so how many header lines it has and what each column's header
//! says: the plain layout, Qualtrics (three header lines, or two in legacy exports),
//! SurveyMonkey (two), Google Forms, Microsoft Forms and plain Excel workbooks (one).

use crate::text::match_key;

/// The layout asked for; `Auto` detects it from the file. Parsed from the names `--format`
/// takes: `auto`, `csv`, `qualtrics`, `surveymonkey`, `forms` (Google or Microsoft), `xlsx`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Auto,
    Csv,
    Qualtrics,
    SurveyMonkey,
    /// Google Forms (CSV) or Microsoft Forms (workbook).
    Forms,
    Xlsx,
}

/// The names of [`Format`]'s values, in its order.
const FORMAT_NAMES: [&str; 6] = ["auto", "csv", "qualtrics", "surveymonkey", "forms", "xlsx"];

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(raw: &str) -> Result<Format, String> {
        let all = [
            Format::Auto,
            Format::Csv,
            Format::Qualtrics,
            Format::SurveyMonkey,
            Format::Forms,
            Format::Xlsx,
        ];
        let at = FORMAT_NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(raw.trim()));
        at.map(|i| all[i])
            .ok_or_else(|| format!("expected one of {}, got {raw:?}", FORMAT_NAMES.join(", ")))
    }
}

/// The layout a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Plain,
    Qualtrics,
    QualtricsLegacy,
    SurveyMonkey,
    GoogleForms,
    MicrosoftForms,
    Workbook,
}

impl Layout {
    /// How `validate` names it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Plain => "plain CSV",
            Layout::Qualtrics => "Qualtrics export (3 header lines)",
            Layout::QualtricsLegacy => "Qualtrics export (legacy, 2 header lines)",
            Layout::SurveyMonkey => "SurveyMonkey export (2 header lines)",
            Layout::GoogleForms => "Google Forms export",
            Layout::MicrosoftForms => "Microsoft Forms export",
            Layout::Workbook => "Excel workbook",
        }
    }

    /// Records before the first data row.
    pub(super) fn header_records(self) -> usize {
        match self {
            Layout::Qualtrics => 3,
            Layout::QualtricsLegacy | Layout::SurveyMonkey => 2,
            _ => 1,
        }
    }

    /// Whether the tool writes no response id, so responses are numbered by line.
    pub(super) fn may_lack_response_id(self) -> bool {
        !matches!(self, Layout::Plain | Layout::Workbook)
    }
}

/// One column's header: what messages call it (and the name an analyst would add to the
/// codebook's aliases), and the texts it may be matched by (in order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderCell {
    pub shown: String,
    pub keys: Vec<String>,
}

/// The first records of a file as text (not UTF-8 is read lossily: only for detection).
pub(super) type Lines = [Vec<String>];

/// Whether any cell of `record` is, once folded, `word`.
fn has(record: Option<&Vec<String>>, word: &str) -> bool {
    record.is_some_and(|r| r.iter().any(|c| match_key(c) == word))
}

/// The layout of a file from its first (up to three) records; `workbook` for `.xlsx` files.
/// A tool's layout is detected in a workbook too (the tools and Google Sheets download .xlsx
/// with the same header lines). An asked-for format the file does not look like is refused
/// (with why), rather than reading a data row as a header line.
pub(super) fn detect(first: &Lines, workbook: bool, format: Format) -> Result<Layout, String> {
    let r1 = first.first();
    let r2 = first.get(1);
    let r3 = first.get(2);
    let import_ids = |r: Option<&Vec<String>>| {
        r.is_some_and(|r| {
            r.iter()
                .any(|c| c.trim_start().starts_with("{\"ImportId\""))
        })
    };
    let qualtrics = if import_ids(r3) {
        Some(Layout::Qualtrics)
    } else if has(r2, "responseid") || has(r1, "responseid") && has(r2, "response id") {
        Some(Layout::QualtricsLegacy)
    } else {
        None
    };
    let monkey = has(r1, "respondent id")
        && r2.is_some_and(|r| {
            r.iter()
                .any(|c| matches!(match_key(c).as_str(), "response" | "open-ended response"))
        });
    let ms_forms = has(r1, "id") && has(r1, "start time") && has(r1, "completion time");
    let google = r1
        .and_then(|r| r.first())
        .is_some_and(|c| match_key(c) == "timestamp");
    let tool = match () {
        _ if qualtrics.is_some() => qualtrics,
        _ if monkey => Some(Layout::SurveyMonkey),
        _ if google => Some(Layout::GoogleForms),
        _ if ms_forms => Some(Layout::MicrosoftForms),
        _ => None,
    };
    let plain = if workbook {
        Layout::Workbook
    } else {
        Layout::Plain
    };
    match format {
        Format::Auto => Ok(tool.unwrap_or(plain)),
        Format::Csv if workbook => Err("this is an Excel workbook, not a CSV file".into()),
        Format::Csv => Ok(Layout::Plain),
        Format::Xlsx if !workbook => {
            Err("this is a text file, not an Excel workbook (.xlsx)".into())
        }
        Format::Xlsx => Ok(Layout::Workbook),
        Format::Qualtrics => qualtrics.ok_or_else(|| {
            "this does not look like a Qualtrics export: line 3 holds no {\"ImportId\":...} \
             and line 2 no ResponseID"
                .into()
        }),
        Format::SurveyMonkey if monkey => Ok(Layout::SurveyMonkey),
        Format::SurveyMonkey => Err("this does not look like a SurveyMonkey export: line 1 \
             holds no \"Respondent ID\", or line 2 no \"Response\" cell"
            .into()),
        Format::Forms if ms_forms => Ok(Layout::MicrosoftForms),
        Format::Forms => Ok(Layout::GoogleForms),
    }
}

/// Each column's header, from the layout's header records.
pub(super) fn header_cells(layout: Layout, header: &Lines) -> Vec<HeaderCell> {
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |r: usize, i: usize| -> &str {
        header
            .get(r)
            .and_then(|r| r.get(i))
            .map_or("", |c| c.trim())
    };
    let mut out = Vec::with_capacity(width);
    // SurveyMonkey writes a matrix question's text once, over its first row's column.
    let mut question = String::new();
    for i in 0..width {
        let one = cell(0, i).to_string();
        let h = match layout {
            Layout::Qualtrics | Layout::QualtricsLegacy => {
                let text = cell(1, i);
                let mut keys = vec![one.clone(), text.to_string()];
                keys.extend(part_of(text));
                // A choice question with an "Other, please specify" option.
                if let Some(question) = text.strip_suffix(" - Selected Choice") {
                    keys.push(question.to_string());
                }
                HeaderCell { shown: one, keys }
            }
            Layout::SurveyMonkey => {
                if !one.is_empty() {
                    question = one.clone();
                }
                let row = cell(1, i);
                let generic = matches!(
                    match_key(row).as_str(),
                    "" | "response" | "open-ended response"
                );
                if one.is_empty() && row.is_empty() {
                    // Blank on both lines (a column left after editing): no name at all.
                    HeaderCell::default()
                } else if generic {
                    let q = if one.is_empty() {
                        question.clone()
                    } else {
                        one
                    };
                    HeaderCell {
                        keys: vec![q.clone()],
                        shown: q,
                    }
                } else {
                    HeaderCell {
                        shown: row.to_string(),
                        keys: vec![row.to_string(), format!("{question} - {row}")],
                    }
                }
            }
            _ => {
                let mut keys = vec![one.clone()];
                keys.extend(part_of(&one));
                HeaderCell { shown: one, keys }
            }
        };
        out.push(h);
    }
    out
}

/// The statement inside a matrix question's header: Google Forms' `Question [Statement]`, or
/// Qualtrics' `Question - Statement` (after the first ` - `, and after the last, in case the
/// question or the statement holds one itself).
fn part_of(header: &str) -> Vec<String> {
    let h = header.trim();
    if let (Some(open), true) = (h.rfind('['), h.ends_with(']')) {
        return vec![h[open + 1..h.len() - 1].trim().to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    for at in [h.find(" - "), h.rfind(" - ")].into_iter().flatten() {
        let part = h[at + 3..].trim().to_string();
        if !out.contains(&part) {
            out.push(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn tools_are_told_apart_by_their_headers() {
        let auto = |rows: &[&[&str]], book| detect(&lines(rows), book, Format::Auto).unwrap();
        let q = lines(&[
            &["StartDate", "ResponseId", "Q3_1"],
            &["Start Date", "Response ID", "How well? - Schools decide"],
            &[
                "{\"ImportId\":\"startDate\",\"timeZone\":\"Z\"}",
                "{\"ImportId\":\"_recordId\"}",
                "{\"ImportId\":\"QID3_1\"}",
            ],
        ]);
        assert_eq!(detect(&q, false, Format::Auto), Ok(Layout::Qualtrics));
        assert_eq!(
            auto(
                &[
                    &["V1", "V2", "Q1"],
                    &["ResponseID", "ResponseSet", "Trust?"],
                    &["R_1", "Default", "MAT-01"]
                ],
                false
            ),
            Layout::QualtricsLegacy
        );
        assert_eq!(
            auto(
                &[
                    &["Respondent ID", "Trust?", "How well?", ""],
                    &["", "Response", "Schools decide", "One pedagogy"]
                ],
                false
            ),
            Layout::SurveyMonkey
        );
        assert_eq!(
            auto(&[&["Timestamp", "Email Address", "Trust?"]], false),
            Layout::GoogleForms
        );
        assert_eq!(
            auto(
                &[&["ID", "Start time", "Completion time", "Email", "Name"]],
                true
            ),
            Layout::MicrosoftForms
        );
        assert_eq!(
            auto(&[&["response_id", "trust_id"]], true),
            Layout::Workbook
        );
        assert_eq!(
            auto(&[&["response_id", "trust_id"], &["R1", "T1"]], false),
            Layout::Plain
        );
        assert!(detect(&lines(&[&["a"]]), true, Format::Csv).is_err());
        assert!(detect(&lines(&[&["a"]]), false, Format::Xlsx).is_err());
        // A format asked for that the file does not look like is refused, not misread.
        let plain = lines(&[&["response_id", "trust_id"], &["R1", "T1"], &["R2", "T1"]]);
        assert!(detect(&plain, false, Format::Qualtrics).is_err());
        assert!(detect(&plain, false, Format::SurveyMonkey).is_err());
        assert_eq!(
            detect(&q, true, Format::Auto),
            Ok(Layout::Qualtrics),
            "in a workbook too"
        );
    }

    #[test]
    fn headers_are_read_as_each_tool_writes_them() {
        let monkey = lines(&[
            &[
                "Respondent ID",
                "Which trust?",
                "How well does each describe it?",
                "",
                "Comments",
            ],
            &[
                "",
                "Response",
                "Schools decide",
                "One pedagogy",
                "Open-Ended Response",
            ],
        ]);
        let cells = header_cells(Layout::SurveyMonkey, &monkey);
        let keys: Vec<&str> = cells.iter().map(|c| c.keys[0].as_str()).collect();
        assert_eq!(
            keys,
            [
                "Respondent ID",
                "Which trust?",
                "Schools decide",
                "One pedagogy",
                "Comments"
            ]
        );
        assert_eq!(
            cells[3].keys[1],
            "How well does each describe it? - One pedagogy"
        );
        let q = lines(&[&["Q3_1"], &["How well? - Schools – decide"]]);
        let cells = header_cells(Layout::Qualtrics, &q);
        assert_eq!(cells[0].shown, "Q3_1");
        assert_eq!(
            cells[0].keys,
            ["Q3_1", "How well? - Schools – decide", "Schools – decide"]
        );
        let blank = lines(&[&["Respondent ID", "Which?", ""], &["", "Response", ""]]);
        let cells = header_cells(Layout::SurveyMonkey, &blank);
        assert_eq!(
            cells[2],
            HeaderCell::default(),
            "blank on both lines is unnamed"
        );
        let choice = lines(&[&["Q2"], &["What is your role? - Selected Choice"]]);
        let cells = header_cells(Layout::Qualtrics, &choice);
        assert!(cells[0].keys.contains(&"What is your role?".to_string()));
        let g = lines(&[&["How well does this describe your trust? [Schools decide]"]]);
        assert_eq!(
            header_cells(Layout::GoogleForms, &g)[0].keys[1],
            "Schools decide"
        );
    }
}
