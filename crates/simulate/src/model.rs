//! The generative model's parameters for each preset: the planned trusts, the planted profiles and
//! every probability and standard deviation. `data/replication/README.md` documents each value and
//! the published fact it reproduces; keep the two in step. The words written (labels, markers,
//! roles) are the survey format's, from [`survey::vocabulary`].

use survey::vocabulary::{
    CENTRAL_TEAM, CEO, DONT_KNOW, EMPTY, GOVERNOR, HEADTEACHER, NA, N_A, OTHER, SENIOR_LEADER,
    SUPPORT_STAFF, TEACHER,
};

/// The 19 strategic statements, in codebook order.
pub const STATEMENT_IDS: [&str; 19] = [
    "aut_1", "aut_2", "aut_3", "idn_1", "idn_2", "idn_3", "ped_1", "ped_2", "ped_3", "ped_4",
    "com_1", "com_2", "imp_1", "imp_2", "imp_3", "ops_1", "ops_2", "out_1", "out_2",
];

/// The theme of each statement (the codebook's `theme` column), parallel to [`STATEMENT_IDS`].
pub const STATEMENT_THEMES: [&str; 19] = [
    "autonomy",
    "autonomy",
    "autonomy",
    "identity",
    "identity",
    "identity",
    "teaching_pedagogy",
    "teaching_pedagogy",
    "teaching_pedagogy",
    "teaching_pedagogy",
    "community",
    "community",
    "school_improvement",
    "school_improvement",
    "school_improvement",
    "back_office",
    "back_office",
    "outcomes",
    "outcomes",
];

/// The 10 standardisation areas, in codebook order.
pub const STANDARDISATION_IDS: [&str; 10] = [
    "std_curriculum",
    "std_pedagogy",
    "std_assessment",
    "std_behaviour",
    "std_teacher_dev",
    "std_senior_dev",
    "std_info_mgmt",
    "std_back_office",
    "std_governance",
    "std_comms",
];

/// The planted profile a trust's answers are drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Profile {
    /// Study cluster 1: higher on autonomy and identity, lower on teaching and pedagogy.
    AutonomyIdentity,
    /// Study cluster 2: higher on teaching and pedagogy, lower on autonomy and identity.
    TeachingPedagogy,
    /// Study cluster 3 (two trusts): higher on identity and community, lower on teaching and
    /// pedagogy and on school improvement.
    IdentityCommunity,
}

impl Profile {
    /// All profiles, in the order of the parameter tables below.
    pub const ALL: [Profile; 3] = [
        Profile::AutonomyIdentity,
        Profile::TeachingPedagogy,
        Profile::IdentityCommunity,
    ];

    /// A stable snake_case name, for tests and documentation.
    pub fn name(self) -> &'static str {
        match self {
            Profile::AutonomyIdentity => "autonomy_identity",
            Profile::TeachingPedagogy => "teaching_pedagogy",
            Profile::IdentityCommunity => "identity_community",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Profile::AutonomyIdentity => 0,
            Profile::TeachingPedagogy => 1,
            Profile::IdentityCommunity => 2,
        }
    }
}

/// One trust of a preset: its id, profile and how many rows it contributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlannedTrust {
    pub trust_id: &'static str,
    pub profile: Profile,
    /// Data rows in the file, including `no_statement_rows`.
    pub rows: usize,
    /// Rows that answer none of the 19 statements (excluded as `no_statements_answered`).
    pub no_statement_rows: usize,
    /// Schools in the trust (school ids are numbered across trusts: S001, S002, ...).
    pub schools: u16,
}

impl PlannedTrust {
    /// Rows that answer at least one statement and so count towards the trust.
    pub fn counted_rows(&self) -> usize {
        self.rows - self.no_statement_rows
    }
}

use Profile::{AutonomyIdentity as AI, IdentityCommunity as IC, TeachingPedagogy as TP};

const fn trust(
    trust_id: &'static str,
    profile: Profile,
    rows: usize,
    no_statement_rows: usize,
    schools: u16,
) -> PlannedTrust {
    PlannedTrust {
        trust_id,
        profile,
        rows,
        no_statement_rows,
        schools,
    }
}

/// The replication wave: 22 trusts, 346 rows; 17 trusts with >= 5 counted rows (8 AI, 7 TP,
/// 2 IC) and 5 with 1-4 counted rows. Four rows answer no statement.
pub const REPLICATION_TRUSTS: [PlannedTrust; 22] = [
    trust("MAT-01", AI, 24, 1, 6),
    trust("MAT-02", TP, 34, 1, 9),
    trust("MAT-03", TP, 3, 1, 2),
    trust("MAT-04", AI, 15, 0, 4),
    trust("MAT-05", TP, 11, 0, 3),
    trust("MAT-06", IC, 23, 0, 5),
    trust("MAT-07", AI, 28, 0, 7),
    trust("MAT-08", TP, 22, 0, 5),
    trust("MAT-09", AI, 4, 0, 2),
    trust("MAT-10", AI, 9, 0, 3),
    trust("MAT-11", TP, 16, 0, 4),
    trust("MAT-12", AI, 19, 1, 5),
    trust("MAT-13", IC, 1, 0, 2),
    trust("MAT-14", TP, 26, 0, 7),
    trust("MAT-15", AI, 12, 0, 3),
    trust("MAT-16", IC, 20, 0, 4),
    trust("MAT-17", TP, 8, 0, 2),
    trust("MAT-18", AI, 3, 0, 2),
    trust("MAT-19", AI, 27, 0, 6),
    trust("MAT-20", TP, 20, 0, 5),
    trust("MAT-21", AI, 17, 0, 4),
    trust("MAT-22", TP, 4, 0, 3),
];

/// Latent mean (1-5 scale) of each statement for each profile, rows in [`Profile::ALL`] order,
/// columns in [`STATEMENT_IDS`] order.
#[rustfmt::skip]
pub const ITEM_MEANS: [[f64; 19]; 3] = [
    //aut_1 aut_2 aut_3 idn_1 idn_2 idn_3 ped_1 ped_2 ped_3 ped_4 com_1 com_2 imp_1 imp_2 imp_3 ops_1 ops_2 out_1 out_2
    [  4.1,  3.8,  3.6,  4.1,  4.0,  3.8,  2.3,  2.2,  2.4,  2.5,  3.3,  3.2,  3.0,  3.9,  3.5,  4.0,  3.9,  3.0,  3.9], // autonomy and identity
    [  2.5,  2.3,  2.1,  2.4,  2.5,  2.3,  4.1,  4.2,  4.3,  4.0,  3.2,  3.3,  3.9,  3.2,  3.3,  4.0,  3.9,  3.7,  3.4], // teaching and pedagogy
    [  3.2,  3.3,  2.9,  4.3,  4.3,  4.1,  2.2,  2.0,  2.3,  2.1,  4.3,  4.2,  2.3,  3.0,  2.6,  3.8,  3.7,  2.9,  4.0], // identity and community
];

/// Standard deviations of the normal terms added to the latent score (1-5 scale units).
pub const SD_TRUST_ITEM: f64 = 0.15; // trust-level deviation, one per trust and statement
pub const SD_TRUST_SHIFT: f64 = 0.10; // trust-level shift, common to all statements
pub const SD_RESPONDENT_SHIFT: f64 = 0.35; // respondent-level shift (acquiescence)
pub const SD_ANSWER: f64 = 1.00; // independent noise per answer

/// Probability that a counted respondent leaves a statement unanswered, and how it is written.
pub const P_STATEMENT_MISSING: f64 = 0.05;
pub const STATEMENT_MISSING_TOKENS: [(&str, f64); 4] =
    [(EMPTY, 0.60), (NA, 0.15), (N_A, 0.05), (DONT_KNOW, 0.20)];
/// Probability that an answered statement is written as its scale label
/// ([`survey::vocabulary::SCALE_LABELS`]) instead of its code.
pub const P_STATEMENT_LABEL: f64 = 0.06;
/// How a label is cased: as printed, lower case, upper case.
pub const LABEL_CASES: [f64; 3] = [0.60, 0.25, 0.15];

/// Standardisation: probability that an answer is missing, and how it is written.
pub const P_STANDARDISATION_MISSING: f64 = 0.04;
pub const STANDARDISATION_MISSING_TOKENS: [(&str, f64); 3] =
    [(EMPTY, 0.70), (NA, 0.10), (DONT_KNOW, 0.20)];
/// Probability that a `same` answer is written `about the same`, and that any answer is
/// capitalised (`More`, `Same`, `Less`, `About the same`).
pub const P_ABOUT_THE_SAME: f64 = 0.15;
pub const P_CAPITALISED: f64 = 0.10;

/// Shares of (more, same, less) among the answered standardisation cells of each profile's
/// respondents, rows in [`Profile::ALL`] order, columns in [`STANDARDISATION_IDS`] order.
/// Answers are dealt from a shuffled deck with exactly these shares (rounded), so the overall
/// shares hold for every seed.
pub const STANDARDISATION_SHARES: [[(f64, f64, f64); 10]; 3] = [
    // autonomy and identity: less appetite for common curriculum and pedagogy
    [
        (0.24, 0.42, 0.34), // curriculum
        (0.22, 0.46, 0.32), // pedagogy
        (0.34, 0.46, 0.20), // assessment
        (0.30, 0.52, 0.18), // behaviour
        (0.38, 0.46, 0.16), // teacher development
        (0.54, 0.36, 0.10), // senior staff development
        (0.62, 0.30, 0.08), // information management
        (0.58, 0.34, 0.08), // back office
        (0.34, 0.46, 0.20), // governance
        (0.32, 0.48, 0.20), // communications
    ],
    // teaching and pedagogy: more appetite everywhere
    [
        (0.48, 0.42, 0.10),
        (0.46, 0.44, 0.10),
        (0.50, 0.40, 0.10),
        (0.42, 0.46, 0.12),
        (0.48, 0.42, 0.10),
        (0.56, 0.36, 0.08),
        (0.66, 0.28, 0.06),
        (0.62, 0.32, 0.06),
        (0.40, 0.46, 0.14),
        (0.44, 0.44, 0.12),
    ],
    // identity and community: keep local identity, share systems
    [
        (0.26, 0.46, 0.28),
        (0.26, 0.48, 0.26),
        (0.36, 0.46, 0.18),
        (0.30, 0.52, 0.18),
        (0.40, 0.46, 0.14),
        (0.46, 0.42, 0.12),
        (0.56, 0.34, 0.10),
        (0.52, 0.36, 0.12),
        (0.30, 0.48, 0.22),
        (0.22, 0.48, 0.30),
    ],
];

/// Alignment answer probabilities (A, B, C) per profile, in [`Profile::ALL`] order.
pub const ALIGNMENT_PROBS: [[f64; 3]; 3] =
    [[0.08, 0.24, 0.68], [0.72, 0.22, 0.06], [0.06, 0.50, 0.44]];
/// Probability that the alignment answer is missing; written as empty (80%) or `NA` (20%).
pub const P_ALIGNMENT_MISSING: f64 = 0.03;

/// Roles of respondents other than the CEO, with their probabilities (`""` = left empty).
pub const ROLE_PROBS: [(&str, f64); 8] = [
    (TEACHER, 0.38),
    (SENIOR_LEADER, 0.15),
    (HEADTEACHER, 0.10),
    (SUPPORT_STAFF, 0.14),
    (CENTRAL_TEAM, 0.08),
    (GOVERNOR, 0.07),
    (OTHER, 0.05),
    (EMPTY, 0.03),
];
/// Probability that a trust's respondents include its CEO (at most one per trust).
pub const P_TRUST_HAS_CEO: f64 = 0.6;
/// Probability that a school-based respondent leaves `school_id` empty.
pub const P_SCHOOL_MISSING: f64 = 0.03;

/// Whether a respondent in `role` works in one of the trust's schools, and so may give a
/// `school_id`: everyone but the CEO and the central team.
pub(crate) fn school_based(role: &str) -> bool {
    !matches!(role, CEO | CENTRAL_TEAM)
}

/// Fieldwork window (month, day), inclusive, in the wave's year (2017 unless the wave is a year).
pub const WINDOW_START: (u32, u32) = (5, 8);
pub const WINDOW_END: (u32, u32) = (6, 30);
/// A trust launches the survey uniformly within the first this-many days of the window.
pub const LAUNCH_SPREAD_DAYS: u32 = 21;
/// Days from a trust's launch to a response: exponential with this mean, redrawn past the window.
pub const MEAN_DAYS_TO_RESPOND: f64 = 6.0;
/// Responses arrive uniformly between these hours of the day.
pub const HOURS: (u32, u32) = (7, 22);
/// Minutes from starting to submitting the survey (uniform); response ids follow start order.
pub const MINUTES_TO_COMPLETE: (u32, u32) = (4, 35);

/// Probability that a respondent writes a free-text comment, and the (invented) comments.
pub const P_COMMENT: f64 = 0.10;
pub const COMMENTS: [&str; 10] = [
    "No further comments.",
    "Thanks for running this survey.",
    "Hard to answer for the whole trust, it varies by school.",
    "We are a new trust, so some of this is still changing.",
    "Communication from the central team could be clearer, especially about \"trust-wide\" initiatives.",
    "Good survey.\nSome questions were hard to answer for a support role.",
    "More time for joint planning, please",
    "n/a",
    "Some statements, e.g. on assessment, depend on the phase; primary and secondary differ.",
    "I answered \"Don't know\" where I wasn't sure.",
];
