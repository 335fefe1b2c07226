/// Trims a trust id and collapses runs of inner white space, as the format requires, so
/// "St  Mary's " and "St Mary's" are one trust.
pub fn normalise_trust_id(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shows a value from a file inside an error message: quoted, control characters made visible,
/// and cut to a readable length (a 1 MB cell must not flood the terminal).
pub fn show_value(raw: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("\"");
    for (i, c) in raw.chars().enumerate() {
        if i == MAX {
            out.push_str(&format!("…\" ({} characters)", raw.chars().count()));
            return out;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Header names and answers are matched case-insensitively after trimming.
pub(crate) fn fold(raw: &str) -> String {
    raw.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_ids_are_trimmed_and_collapsed() {
        assert_eq!(
            normalise_trust_id("  St  Mary's\tTrust "),
            "St Mary's Trust"
        );
        assert_eq!(normalise_trust_id("   "), "");
    }

    #[test]
    fn long_and_control_values_are_shown_safely() {
        assert_eq!(show_value("a\nb\"c"), "\"a\\nb\\\"c\"");
        let long = "x".repeat(1000);
        let shown = show_value(&long);
        assert!(shown.len() < 100, "{shown}");
        assert!(shown.ends_with("(1000 characters)"));
    }
}
