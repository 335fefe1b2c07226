//! The words of the survey format (`survey-format.md`), defined once: the fixed columns, the
//! statement scale's labels, the no-answer markers, the roles, and the standardisation and
//! alignment answers. The reader accepts them ignoring case and surrounding spaces; the
//! simulator writes them.

/// The columns a survey may have besides the codebook's items, in the order a plain export
/// writes them; a codebook alias must not shadow them.
pub const FIXED_COLUMNS: [&str; 6] = [
    "response_id",
    "trust_id",
    "wave",
    "role",
    "school_id",
    "submitted_at",
];

/// The labels of a strategic statement's answers, from 1 (`Not at all`) to 5 (`Completely`),
/// as the questionnaire prints them.
pub const SCALE_LABELS: [&str; 5] = [
    "Not at all",
    "Slightly",
    "Moderately",
    "Very well",
    "Completely",
];

/// No answer: an empty cell.
pub const EMPTY: &str = "";
/// No answer: not applicable.
pub const NA: &str = "NA";
/// No answer: not applicable, spelt with a slash.
pub const N_A: &str = "N/A";
/// No answer: the respondent does not know.
pub const DONT_KNOW: &str = "Don't know";
/// [`DONT_KNOW`] with a curly apostrophe, as Excel and survey tools often write it.
pub const DONT_KNOW_CURLY: &str = "Don\u{2019}t know";

/// The markers of no answer to a strategic statement or a standardisation area.
pub const MISSING: [&str; 4] = [EMPTY, NA, N_A, DONT_KNOW];
/// The markers of no answer to the alignment question.
pub const ALIGNMENT_MISSING: [&str; 3] = [EMPTY, NA, N_A];

pub const CEO: &str = "ceo";
pub const CENTRAL_TEAM: &str = "central_team";
pub const HEADTEACHER: &str = "headteacher";
pub const SENIOR_LEADER: &str = "senior_leader";
pub const TEACHER: &str = "teacher";
pub const SUPPORT_STAFF: &str = "support_staff";
pub const GOVERNOR: &str = "governor";
pub const OTHER: &str = "other";
/// Roles a respondent may give; an empty cell counts as [`OTHER`].
pub const ROLES: [&str; 8] = [
    CEO,
    CENTRAL_TEAM,
    HEADTEACHER,
    SENIOR_LEADER,
    TEACHER,
    SUPPORT_STAFF,
    GOVERNOR,
    OTHER,
];

/// Standardisation: the area would benefit from more of it.
pub const MORE: &str = "more";
/// Standardisation: about as much as now.
pub const SAME: &str = "same";
/// Another spelling of [`SAME`].
pub const ABOUT_THE_SAME: &str = "about the same";
/// Standardisation: the area would benefit from less of it.
pub const LESS: &str = "less";

/// The answers to the alignment question: `A` the same pedagogy and/or curriculum in every
/// school, `B` common principles delivered differently, `C` each school its own.
pub const ALIGNMENT_ANSWERS: [&str; 3] = ["A", "B", "C"];
