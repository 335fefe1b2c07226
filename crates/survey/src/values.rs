//! The answer vocabularies of `survey-format.md`, parsed case-insensitively after trimming.

use crate::text::fold;

/// Roles a respondent may give; an empty cell counts as `other`.
pub const ROLES: [&str; 8] = [
    "ceo",
    "central_team",
    "headteacher",
    "senior_leader",
    "teacher",
    "support_staff",
    "governor",
    "other",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Role(pub u8);

impl Role {
    pub fn name(self) -> &'static str {
        ROLES[self.0 as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StdAnswer {
    More,
    Same,
    Less,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Alignment {
    A,
    B,
    C,
}

const SCALE: [&str; 5] = [
    "not at all",
    "slightly",
    "moderately",
    "very well",
    "completely",
];

/// Both apostrophes: Excel and survey tools often turn "Don't" into "Don’t".
fn is_dont_know(v: &str) -> bool {
    v == "don't know" || v == "don\u{2019}t know"
}

/// Whether `v` (already trimmed) equals the lower-case ASCII `word` ignoring ASCII case: the
/// allocation-free fast path of `fold(v) == word`. Only called on ASCII `v`, where the two agree
/// (Unicode lower-casing can turn a non-ASCII character such as the Kelvin sign into `k`).
fn is(v: &str, word: &str) -> bool {
    v.eq_ignore_ascii_case(word)
}

/// Missing-answer markers in ASCII (the curly-apostrophe "Don’t know" takes the slow path).
fn is_ascii_missing(v: &str) -> bool {
    v.is_empty() || is(v, "na") || is(v, "n/a") || is(v, "don't know")
}

/// A strategic statement answer: `Ok(Some(1..=5))`, `Ok(None)` when missing, `Err` otherwise.
pub(crate) fn statement(raw: &str) -> Result<Option<u8>, String> {
    // Fast paths, no allocation: a single-digit code, and ASCII labels or markers in any case.
    let t = raw.trim();
    if let [b @ b'1'..=b'5'] = t.as_bytes() {
        return Ok(Some(b - b'0'));
    }
    if t.is_ascii() {
        if is_ascii_missing(t) {
            return Ok(None);
        }
        if let Some(i) = SCALE.iter().position(|s| is(t, s)) {
            return Ok(Some(i as u8 + 1));
        }
    }
    statement_folded(raw)
}

/// The general case: fold (Unicode lower case) and compare, as the format defines.
fn statement_folded(raw: &str) -> Result<Option<u8>, String> {
    let v = fold(raw);
    if v.is_empty() || v == "na" || v == "n/a" || is_dont_know(&v) {
        return Ok(None);
    }
    if let Ok(code) = v.parse::<u8>() {
        if (1..=5).contains(&code) {
            return Ok(Some(code));
        }
    }
    if let Some(i) = SCALE.iter().position(|s| *s == v) {
        return Ok(Some(i as u8 + 1));
    }
    Err(
        "expected 1 to 5, or Not at all / Slightly / Moderately / Very well / Completely, \
         or empty / NA / N/A / Don't know for no answer"
            .into(),
    )
}

pub(crate) fn standardisation(raw: &str) -> Result<Option<StdAnswer>, String> {
    let t = raw.trim();
    if t.is_ascii() {
        if is_ascii_missing(t) {
            return Ok(None);
        }
        if is(t, "more") {
            return Ok(Some(StdAnswer::More));
        }
        if is(t, "same") || is(t, "about the same") {
            return Ok(Some(StdAnswer::Same));
        }
        if is(t, "less") {
            return Ok(Some(StdAnswer::Less));
        }
    }
    let v = fold(raw);
    match v.as_str() {
        "" | "na" | "n/a" => Ok(None),
        "more" => Ok(Some(StdAnswer::More)),
        "same" | "about the same" => Ok(Some(StdAnswer::Same)),
        "less" => Ok(Some(StdAnswer::Less)),
        _ if is_dont_know(&v) => Ok(None),
        _ => Err("expected more, same (or about the same), less, \
                  or empty / NA / Don't know for no answer"
            .into()),
    }
}

pub(crate) fn alignment(raw: &str) -> Result<Option<Alignment>, String> {
    let t = raw.trim();
    if t.is_ascii() {
        match t.as_bytes() {
            [] => return Ok(None),
            [b'a' | b'A'] => return Ok(Some(Alignment::A)),
            [b'b' | b'B'] => return Ok(Some(Alignment::B)),
            [b'c' | b'C'] => return Ok(Some(Alignment::C)),
            _ if is(t, "na") || is(t, "n/a") => return Ok(None),
            _ => {}
        }
    }
    match fold(raw).as_str() {
        "" | "na" | "n/a" => Ok(None),
        "a" => Ok(Some(Alignment::A)),
        "b" => Ok(Some(Alignment::B)),
        "c" => Ok(Some(Alignment::C)),
        _ => Err("expected A, B or C, or empty / NA for no answer".into()),
    }
}

pub(crate) fn role(raw: &str) -> Result<Role, String> {
    let t = raw.trim();
    if t.is_ascii() {
        if t.is_empty() {
            return Ok(Role(7));
        }
        if let Some(i) = ROLES.iter().position(|r| is(t, r)) {
            return Ok(Role(i as u8));
        }
    }
    let v = fold(raw);
    if v.is_empty() {
        return Ok(Role(7));
    }
    match ROLES.iter().position(|r| *r == v) {
        Some(i) => Ok(Role(i as u8)),
        None => Err(format!("expected one of {}, or empty", ROLES.join(", "))),
    }
}

/// ISO 8601 date (`2017-05-04`) or date-time (`2017-05-04T09:30`, seconds, fractions and a zone
/// optional, `T` or a space). Checked by hand: we only need shape and range, no arithmetic, and a
/// date crate would accept or reject a different set of spellings than the format promises.
pub(crate) fn submitted_at(raw: &str) -> Result<(), String> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(());
    }
    let err = || {
        Err(
            "expected an ISO 8601 date or date-time such as 2017-05-04 or 2017-05-04T09:30:00"
                .into(),
        )
    };
    let b = v.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let num = |s: &[u8]| {
        std::str::from_utf8(s)
            .ok()
            .and_then(|t| t.parse::<u32>().ok())
    };
    if b.len() < 10
        || !digits(&b[0..4])
        || b[4] != b'-'
        || !digits(&b[5..7])
        || b[7] != b'-'
        || !digits(&b[8..10])
    {
        return err();
    }
    let (y, m, d) = (
        num(&b[0..4]).unwrap_or(0),
        num(&b[5..7]).unwrap_or(0),
        num(&b[8..10]).unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days[m as usize - 1] {
        return err();
    }
    if b.len() == 10 {
        return Ok(());
    }
    if b[10] != b'T' && b[10] != b't' && b[10] != b' ' {
        return err();
    }
    let mut t = &b[11..];
    // Zone suffix: Z or +HH:MM / -HH:MM / +HHMM.
    if let Some(last) = t.last() {
        if *last == b'Z' || *last == b'z' {
            t = &t[..t.len() - 1];
        } else if let Some(p) = t.iter().rposition(|c| *c == b'+' || *c == b'-') {
            let zone = &t[p + 1..];
            let ok =
                (zone.len() == 5 && zone[2] == b':' && digits(&zone[0..2]) && digits(&zone[3..5]))
                    || (zone.len() == 4 && digits(zone))
                    || (zone.len() == 2 && digits(zone));
            if !ok {
                return err();
            }
            t = &t[..p];
        }
    }
    let (clock, frac) = match t.iter().position(|c| *c == b'.' || *c == b',') {
        Some(p) => (&t[..p], Some(&t[p + 1..])),
        None => (t, None),
    };
    if let Some(f) = frac {
        if !digits(f) {
            return err();
        }
    }
    // HH:MM or HH:MM:SS, checked without collecting the parts (this runs once per row).
    let parts = clock.split(|c| *c == b':').count();
    if !(2..=3).contains(&parts)
        || clock
            .split(|c| *c == b':')
            .any(|p| p.len() != 2 || !digits(p))
    {
        return err();
    }
    let limits = [23, 59, 60];
    for (p, lim) in clock.split(|c| *c == b':').zip(limits) {
        if num(p).unwrap_or(99) > lim {
            return err();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_accept_codes_labels_and_missing_markers() {
        assert_eq!(statement(" 3 "), Ok(Some(3)));
        assert_eq!(statement("VERY WELL"), Ok(Some(4)));
        assert_eq!(statement("not at all"), Ok(Some(1)));
        assert_eq!(statement("Completely"), Ok(Some(5)));
        for missing in ["", " ", "NA", "n/a", "Don't know", "don’t know"] {
            assert_eq!(statement(missing), Ok(None), "{missing}");
        }
        for bad in ["0", "6", "3.5", "Very", "yes"] {
            assert!(statement(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fast_paths_agree_with_folding() {
        // The allocation-free paths must accept and reject exactly what folding does,
        // including non-ASCII look-alikes (U+212A KELVIN SIGN lower-cases to `k`).
        for v in [
            "1",
            " 5 ",
            "0",
            "6",
            "+3",
            "03",
            "3.5",
            "",
            "  ",
            "NA",
            "n/A",
            "N/A",
            "Don't know",
            "DON'T KNOW",
            "don’t know",
            "Don't \u{212A}now",
            "Very Well",
            "very  well",
            "\u{212A}",
            "more",
            "MORE",
            "Same",
            "about the same",
            "About The Same",
            "less",
            "a",
            "B",
            " c ",
            "d",
            "teacher",
            "Support_Staff",
            "CEO",
            "boss",
            "İ",
        ] {
            assert_eq!(statement(v), statement_folded(v), "{v:?}");
            let folded = fold(v);
            let old_std = match folded.as_str() {
                "" | "na" | "n/a" => Ok(None),
                "more" => Ok(Some(StdAnswer::More)),
                "same" | "about the same" => Ok(Some(StdAnswer::Same)),
                "less" => Ok(Some(StdAnswer::Less)),
                _ if is_dont_know(&folded) => Ok(None),
                _ => Err(()),
            };
            assert_eq!(standardisation(v).map_err(|_| ()), old_std, "{v:?}");
            let old_align = match folded.as_str() {
                "" | "na" | "n/a" => Ok(None),
                "a" => Ok(Some(Alignment::A)),
                "b" => Ok(Some(Alignment::B)),
                "c" => Ok(Some(Alignment::C)),
                _ => Err(()),
            };
            assert_eq!(alignment(v).map_err(|_| ()), old_align, "{v:?}");
            let old_role = if folded.is_empty() {
                Ok(Role(7))
            } else {
                ROLES
                    .iter()
                    .position(|r| *r == folded)
                    .map(|i| Role(i as u8))
                    .ok_or(())
            };
            assert_eq!(role(v).map_err(|_| ()), old_role, "{v:?}");
        }
    }

    #[test]
    fn other_vocabularies() {
        assert_eq!(standardisation("About the same"), Ok(Some(StdAnswer::Same)));
        assert_eq!(standardisation("MORE"), Ok(Some(StdAnswer::More)));
        assert_eq!(standardisation("Don't know"), Ok(None));
        assert!(standardisation("much more").is_err());
        assert_eq!(alignment(" b "), Ok(Some(Alignment::B)));
        assert!(alignment("D").is_err());
        assert_eq!(role("").map(Role::name), Ok("other"));
        assert_eq!(role("Headteacher").map(Role::name), Ok("headteacher"));
        assert!(role("boss").is_err());
    }

    #[test]
    fn iso_dates() {
        for ok in [
            "",
            "2017-05-04",
            "2016-02-29",
            "2017-05-04T09:30",
            "2017-05-04 09:30:15",
            "2017-05-04T09:30:15.123Z",
            "2017-05-04T09:30:15+01:00",
        ] {
            assert_eq!(submitted_at(ok), Ok(()), "{ok}");
        }
        for bad in [
            "04/05/2017",
            "2017-02-29",
            "2017-13-01",
            "2017-05-04T25:00",
            "yesterday",
            "2017-05-04T09",
        ] {
            assert!(submitted_at(bad).is_err(), "{bad}");
        }
    }
}
