/// Trims a trust id and collapses runs of inner white space, as the format requires, so
/// "St  Mary's " and "St Mary's" are one trust.
pub fn normalise_trust_id(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a trust id is already as [`normalise_trust_id`] would make it (ASCII, single inner
/// spaces, nothing to trim), so it can be used without a copy.
pub(crate) fn is_normal_trust_id(v: &str) -> bool {
    let b = v.as_bytes();
    v.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().any(|c| matches!(c, b'\t'..=b'\r'))
        && !b.windows(2).any(|w| w == b"  ")
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
    fn normal_trust_ids_are_those_normalising_leaves_alone() {
        for v in [
            "MAT-01",
            "St Mary's Trust",
            "",
            " MAT",
            "MAT ",
            "St  Mary",
            "a\tb",
            "a\nb",
            "a\u{0b}b",
            "Ærø Trust",
            "a\u{a0}b",
        ] {
            if is_normal_trust_id(v) {
                assert_eq!(normalise_trust_id(v), v, "{v:?}");
            }
        }
        assert!(is_normal_trust_id("St Mary's Trust"));
        assert!(!is_normal_trust_id("St  Mary"));
        assert!(
            !is_normal_trust_id("Ærø Trust"),
            "non-ASCII takes the slow path"
        );
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
