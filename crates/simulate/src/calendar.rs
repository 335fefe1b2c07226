//! Calendar arithmetic (days since 1970-01-01 of a proleptic Gregorian date, and back) and the
//! ISO 8601 date-times written in `submitted_at`.

use crate::text::push_padded;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Appends the ISO 8601 local date-time `seconds` after 1970-01-01T00:00:00, e.g.
/// `2017-05-09T14:23:05`, without allocating.
pub(crate) fn push_datetime(out: &mut Vec<u8>, seconds: i64) {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let second = seconds.rem_euclid(86_400);
    push_padded(out, year as usize, 4);
    out.push(b'-');
    push_padded(out, month as usize, 2);
    out.push(b'-');
    push_padded(out, day as usize, 2);
    out.push(b'T');
    push_padded(out, (second / 3600) as usize, 2);
    out.push(b':');
    push_padded(out, (second / 60 % 60) as usize, 2);
    out.push(b':');
    push_padded(out, (second % 60) as usize, 2);
}

/// [`push_datetime`] as a string.
pub(crate) fn format_datetime(seconds: i64) -> String {
    let mut out = Vec::with_capacity(19);
    push_datetime(&mut out, seconds);
    String::from_utf8(out).expect("digits and separators are ASCII")
}
