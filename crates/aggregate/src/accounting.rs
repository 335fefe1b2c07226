/// Why a data row did not count towards a trust's scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The row's wave is not the one analysed.
    OtherWave,
    MissingTrustId,
    NoStatementsAnswered,
    /// The trust has fewer counted responses than the threshold in this wave.
    TooFewResponses,
}

impl Reason {
    /// Every reason, in the order reports list them.
    pub const ALL: [Reason; 4] = [
        Reason::OtherWave,
        Reason::MissingTrustId,
        Reason::NoStatementsAnswered,
        Reason::TooFewResponses,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::OtherWave => "other_wave",
            Reason::MissingTrustId => "missing_trust_id",
            Reason::NoStatementsAnswered => "no_statements_answered",
            Reason::TooFewResponses => "too_few_responses",
        }
    }
}

/// What happened to one input row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Counted,
    Excluded(Reason),
}

impl Outcome {
    pub fn status(self) -> &'static str {
        match self {
            Outcome::Counted => "counted",
            Outcome::Excluded(_) => "excluded",
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Outcome::Counted => "",
            Outcome::Excluded(r) => r.as_str(),
        }
    }
}
