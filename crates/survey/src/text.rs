use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Trims a trust id and collapses runs of inner white space, as the format requires, so
/// "St  Mary's " and "St Mary's" are one trust; non-ASCII text is put in Unicode NFC and
/// stripped of invisible characters, so "École" typed on macOS (NFD) and on Windows (NFC), or
/// pasted with a zero-width space, is one trust too.
pub fn normalise_trust_id(raw: &str) -> String {
    if raw.is_ascii() {
        return raw.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let visible: String = raw.nfc().filter(|c| !is_invisible(*c)).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that print as nothing: zero-width spaces and joiners, the word joiner, a
/// byte-order mark left inside a file, the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// How header names, codebook names and texts are compared: NFC, invisible characters
/// dropped, lower case, any run of white space (non-breaking spaces included) as one space,
/// curly quotes as straight ones and every dash as `-`. Survey tools and spreadsheets change
/// exactly these when they write a question's text.
pub fn match_key(raw: &str) -> String {
    if raw.is_ascii() {
        let mut out = String::with_capacity(raw.len());
        for word in raw.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.make_ascii_lowercase();
        return out;
    }
    let mut plain = String::with_capacity(raw.len());
    for c in raw.nfc() {
        let c = match c {
            c if is_invisible(c) => continue,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            c => c,
        };
        plain.extend(c.to_lowercase());
    }
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A trust id or wave as [`normalise_trust_id`] makes it, borrowed when it already is.
// Inlined into the row loop: called twice a row (callgrind: 0.6% of validate on 1M rows without).
#[inline]
pub(crate) fn normalised_id(v: &str) -> Cow<'_, str> {
    if is_normal_trust_id(v) {
        Cow::Borrowed(v)
    } else {
        Cow::Owned(normalise_trust_id(v))
    }
}

/// Whether a trust id is already as [`normalise_trust_id`] would make it (ASCII, single inner
/// spaces, nothing to trim), so it can be used without a copy.
fn is_normal_trust_id(v: &str) -> bool {
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

/// Answers and codebook words are matched case-insensitively after trimming; non-ASCII text as
/// [`match_key`] makes it.
pub(crate) fn fold(raw: &str) -> String {
    if raw.is_ascii() {
        raw.trim().to_ascii_lowercase()
    } else {
        match_key(raw)
    }
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
    fn look_alike_unicode_is_one_trust_and_one_name() {
        let nfd = "E\u{301}cole Trust";
        assert_eq!(normalise_trust_id(nfd), "\u{c9}cole Trust");
        assert_eq!(normalise_trust_id("\u{200B}MAT\u{a0}01\u{FEFF}"), "MAT 01");
        assert_eq!(normalise_trust_id("\u{200B}\u{200D}"), "");
        assert_eq!(match_key("  Trust\u{a0}\u{a0}NAME "), "trust name");
        assert_eq!(match_key("\u{FEFF}response_id\u{200B}"), "response_id");
        assert_eq!(
            match_key("Don\u{2019}t \u{201C}know\u{201D} \u{2013} fine"),
            "don't \"know\" - fine"
        );
        assert_eq!(match_key("E\u{301}COLE"), match_key("\u{c9}cole"));
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
