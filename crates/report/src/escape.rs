/// A text cell from the data, made safe to open in a spreadsheet: OWASP's advice against CSV
/// injection is to prefix a cell that starts with `=`, `+`, `-`, `@`, tab or carriage return
/// with a single quote, so Excel shows it as text instead of running it as a formula.
pub fn csv_text(value: &str) -> String {
    if csv_prefixed(value) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// Whether a spreadsheet could read `value` as a formula, so [`csv_text`] prefixes it.
pub fn csv_prefixed(value: &str) -> bool {
    matches!(
        value.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Escapes text for HTML element content and attribute values (also valid in SVG/XML).
pub fn html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised() {
        for bad in ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_text(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(csv_text("MAT-01"), "MAT-01");
        assert_eq!(csv_text(""), "");
    }

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            html("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
    }
}
