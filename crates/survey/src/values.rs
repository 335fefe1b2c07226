//! Parsing a row's answers against the [`vocabulary`](crate::vocabulary), case-insensitively
//! after trimming.

use crate::codebook::Scale;
use crate::text::fold;
use crate::vocabulary::{
    ABOUT_THE_SAME, ALIGNMENT_ANSWERS, ALIGNMENT_MISSING, DONT_KNOW, DONT_KNOW_CURLY, EMPTY, LESS,
    MISSING, MORE, NA, ROLES, SAME,
};

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

/// The alignment answers in [`ALIGNMENT_ANSWERS`] order.
const ALIGNMENTS: [Alignment; 3] = [Alignment::A, Alignment::B, Alignment::C];

/// Whether `v` (trimmed; ASCII, or already folded) equals `word` ignoring ASCII case: the
/// allocation-free form of `fold(v) == fold(word)`. On ASCII `v` the two agree, and so they do
/// on folded `v`, which has no upper-case letters left (Unicode lower-casing can turn a
/// non-ASCII character such as the Kelvin sign into `k`, so other `v` must be folded first).
#[inline(always)]
fn is(v: &str, word: &str) -> bool {
    v.eq_ignore_ascii_case(word)
}

/// Whether `v` (as for [`is`]) is one of the no-answer `markers`; [`DONT_KNOW`] also with a
/// curly apostrophe.
fn is_missing(v: &str, markers: &[&str]) -> bool {
    markers.iter().any(|m| is(v, m)) || (markers.contains(&DONT_KNOW) && is(v, DONT_KNOW_CURLY))
}

/// No-answer markers as messages list them: `empty / NA / ...`.
fn show_markers(markers: &[&str]) -> String {
    let shown: Vec<&str> = markers
        .iter()
        .map(|m| if m.is_empty() { "empty" } else { m })
        .collect();
    shown.join(" / ")
}

/// An answer from a closed vocabulary: `Ok(None)` for one of the no-answer `markers`,
/// `Ok(Some(_))` for a value `answer` recognises, `Err(expected())` otherwise. ASCII values are
/// compared as they are, without allocating; others are folded first, as the format defines.
fn closed<T>(
    raw: &str,
    markers: &[&str],
    answer: impl Fn(&str) -> Option<T>,
    expected: impl FnOnce() -> String,
) -> Result<Option<T>, String> {
    let t = raw.trim();
    let folded;
    let v = if t.is_ascii() {
        t
    } else {
        folded = fold(raw);
        &folded
    };
    if is_missing(v, markers) {
        return Ok(None);
    }
    answer(v).map(Some).ok_or_else(expected)
}

/// A statement's [`Scale`] made ready for reading a million answers: the code of each single
/// digit that is an answer (the commonest cell) looked up without parsing.
pub(crate) struct ScaleReader {
    scale: Scale,
    /// The code of digit `d`, or 0 when `d` is not an answer on the scale (or is a missing code).
    digits: [u8; 10],
    /// The labels and missing codes, folded as answers are.
    labels: Vec<String>,
    missing: Vec<String>,
}

impl ScaleReader {
    pub(crate) fn new(scale: &Scale) -> ScaleReader {
        let mut digits = [0u8; 10];
        for (d, code) in digits.iter_mut().enumerate() {
            let v = d as i32;
            let missing = scale.missing.iter().any(|m| m.parse::<i32>() == Ok(v));
            if (scale.min..=scale.max).contains(&v) && !missing {
                *code = (v - scale.min + 1) as u8;
            }
        }
        ScaleReader {
            scale: scale.clone(),
            digits,
            labels: scale.labels.iter().map(|l| fold(l)).collect(),
            missing: scale.missing.iter().map(|m| fold(m)).collect(),
        }
    }

    /// An answer's code, 1 for `min` up, written as a number or as its label.
    fn code(&self, v: &str) -> Option<u8> {
        match v.parse::<i32>() {
            Ok(n) if (self.scale.min..=self.scale.max).contains(&n) => {
                Some((n - self.scale.min + 1) as u8)
            }
            _ => self
                .labels
                .iter()
                .position(|l| is(v, l))
                .map(|i| i as u8 + 1),
        }
    }

    fn is_missing_code(&self, v: &str) -> bool {
        self.missing.iter().any(|m| is(v, m))
    }

    fn expected(&self) -> String {
        let mut markers: Vec<&str> = MISSING.to_vec();
        markers.extend(self.scale.missing.iter().map(String::as_str));
        let labels = if self.scale.labels.is_empty() {
            String::new()
        } else {
            format!(", or {}", self.scale.labels.join(" / "))
        };
        format!(
            "expected {}{labels}, or {} for no answer",
            self.scale.range(),
            show_markers(&markers)
        )
    }
}

/// A strategic statement answer: `Ok(Some(code))` (1 for the scale's lowest point),
/// `Ok(None)` when missing, `Err` otherwise.
pub(crate) fn statement(raw: &str, scale: &ScaleReader) -> Result<Option<u8>, String> {
    // The commonest answer, a single-digit code, needs no comparison at all.
    if let [b @ b'0'..=b'9'] = raw.trim().as_bytes() {
        let code = scale.digits[(b - b'0') as usize];
        if code != 0 {
            return Ok(Some(code));
        }
    }
    closed(
        raw,
        &MISSING,
        |v| {
            if scale.is_missing_code(v) {
                Some(None)
            } else {
                scale.code(v).map(Some)
            }
        },
        || scale.expected(),
    )
    .map(Option::flatten)
}

pub(crate) fn standardisation(raw: &str) -> Result<Option<StdAnswer>, String> {
    // N/A is accepted but not offered.
    closed(raw, &MISSING, std_answer, || {
        format!(
            "expected {MORE}, {SAME} (or {ABOUT_THE_SAME}), {LESS}, or {} for no answer",
            show_markers(&[EMPTY, NA, DONT_KNOW])
        )
    })
}

fn std_answer(v: &str) -> Option<StdAnswer> {
    if is(v, MORE) {
        Some(StdAnswer::More)
    } else if is(v, SAME) || is(v, ABOUT_THE_SAME) {
        Some(StdAnswer::Same)
    } else if is(v, LESS) {
        Some(StdAnswer::Less)
    } else {
        None
    }
}

pub(crate) fn alignment(raw: &str) -> Result<Option<Alignment>, String> {
    // N/A is accepted but not offered.
    closed(raw, &ALIGNMENT_MISSING, alignment_answer, || {
        let [a, b, c] = ALIGNMENT_ANSWERS;
        format!(
            "expected {a}, {b} or {c}, or {} for no answer",
            show_markers(&[EMPTY, NA])
        )
    })
}

fn alignment_answer(v: &str) -> Option<Alignment> {
    let i = ALIGNMENT_ANSWERS.iter().position(|a| is(v, a))?;
    Some(ALIGNMENTS[i])
}

/// A respondent's role; an empty cell is [`OTHER`](crate::vocabulary::OTHER). Survey tools write
/// the choice as words ("Support staff", "Senior-leader"): spaces and hyphens read as `_`.
pub(crate) fn role(raw: &str) -> Result<Role, String> {
    let role = closed(
        raw,
        &[EMPTY],
        |v| {
            let words = v.contains([' ', '-']).then(|| v.replace([' ', '-'], "_"));
            let v = words.as_deref().unwrap_or(v);
            ROLES.iter().position(|r| is(v, r)).map(|i| Role(i as u8))
        },
        || format!("expected one of {}, or empty", ROLES.join(", ")),
    )?;
    Ok(role.unwrap_or(Role(7)))
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

    /// A statement answer on the study's scale.
    fn st(raw: &str) -> Result<Option<u8>, String> {
        statement(raw, &ScaleReader::new(&Scale::study()))
    }

    #[test]
    fn other_scales_labels_and_missing_codes() {
        let scale = |min, max, labels: &[&str], missing: &[&str]| {
            ScaleReader::new(&Scale {
                min,
                max,
                labels: labels.iter().map(|l| l.to_string()).collect(),
                missing: missing.iter().map(|l| l.to_string()).collect(),
            })
        };
        let calm = scale(
            0,
            4,
            &["Never", "Rarely", "Sometimes", "Often", "Always"],
            &["9"],
        );
        assert_eq!(statement("0", &calm), Ok(Some(1)));
        assert_eq!(statement("4", &calm), Ok(Some(5)));
        assert_eq!(statement("always", &calm), Ok(Some(5)));
        assert_eq!(statement("9", &calm), Ok(None));
        assert_eq!(statement("NA", &calm), Ok(None));
        assert_eq!(
            statement("5", &calm).unwrap_err(),
            "expected 0 to 4, or Never / Rarely / Sometimes / Often / Always, \
             or empty / NA / N/A / Don't know / 9 for no answer"
        );
        let pace = scale(1, 7, &[], &["9", "99"]);
        assert_eq!(statement("7", &pace), Ok(Some(7)));
        assert_eq!(statement("99", &pace), Ok(None));
        let words = scale(1, 5, &[], &["Can\u{2019}t say"]);
        assert_eq!(statement("can\u{2019}t  SAY", &words), Ok(None));
        assert_eq!(statement("Can't say", &words), Ok(None));
        assert_eq!(statement(" 9 ", &pace), Ok(None));
        assert_eq!(
            statement("8", &pace).unwrap_err(),
            "expected 1 to 7, or empty / NA / N/A / Don't know / 9 / 99 for no answer"
        );
        let wide = scale(-3, 20, &[], &[]);
        assert_eq!(statement("-3", &wide), Ok(Some(1)));
        assert_eq!(statement("20", &wide), Ok(Some(24)));
    }

    #[test]
    fn roles_may_be_written_as_words() {
        assert_eq!(role("Support staff").map(Role::name), Ok("support_staff"));
        assert_eq!(role("senior-leader").map(Role::name), Ok("senior_leader"));
        assert_eq!(role("Central Team").map(Role::name), Ok("central_team"));
    }

    #[test]
    fn statements_accept_codes_labels_and_missing_markers() {
        assert_eq!(st(" 3 "), Ok(Some(3)));
        assert_eq!(st("VERY WELL"), Ok(Some(4)));
        assert_eq!(st("not at all"), Ok(Some(1)));
        assert_eq!(st("Completely"), Ok(Some(5)));
        for missing in ["", " ", "NA", "n/a", "Don't know", "don’t know"] {
            assert_eq!(st(missing), Ok(None), "{missing}");
        }
        for bad in ["0", "6", "3.5", "Very", "yes"] {
            assert!(st(bad).is_err(), "{bad}");
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
            let folded = fold(v);
            let old_statement = match folded.as_str() {
                "" | "na" | "n/a" | "don't know" | "don\u{2019}t know" => Ok(None),
                "not at all" => Ok(Some(1)),
                "slightly" => Ok(Some(2)),
                "moderately" => Ok(Some(3)),
                "very well" => Ok(Some(4)),
                "completely" => Ok(Some(5)),
                code => match code.parse::<u8>() {
                    Ok(c) if (1..=5).contains(&c) => Ok(Some(c)),
                    _ => Err(()),
                },
            };
            assert_eq!(st(v).map_err(|_| ()), old_statement, "{v:?}");
            let old_std = match folded.as_str() {
                "" | "na" | "n/a" => Ok(None),
                "more" => Ok(Some(StdAnswer::More)),
                "same" | "about the same" => Ok(Some(StdAnswer::Same)),
                "less" => Ok(Some(StdAnswer::Less)),
                "don't know" | "don\u{2019}t know" => Ok(None),
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
    fn messages_list_the_vocabulary() {
        assert_eq!(
            st("Very").unwrap_err(),
            "expected 1 to 5, or Not at all / Slightly / Moderately / Very well / Completely, \
             or empty / NA / N/A / Don't know for no answer"
        );
        assert_eq!(
            standardisation("much more").unwrap_err(),
            "expected more, same (or about the same), less, or empty / NA / Don't know for no answer"
        );
        assert_eq!(
            alignment("D").unwrap_err(),
            "expected A, B or C, or empty / NA for no answer"
        );
        assert_eq!(
            role("boss").unwrap_err(),
            "expected one of ceo, central_team, headteacher, senior_leader, teacher, \
             support_staff, governor, other, or empty"
        );
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
