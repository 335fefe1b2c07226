//! What the grouping unit is called in charts and reports (`--unit`): trusts by default,
//! schools, wards or companies on other instruments. CSV columns keep `trust_id`.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub one: String,
    pub many: String,
}

impl Default for Unit {
    fn default() -> Self {
        Unit::new("trust")
    }
}

impl Unit {
    /// `name`, or `name,plural` for an irregular plural ("child,children"). The regular plural
    /// follows English spelling: -s, -es after s/x/z/ch/sh, -ies after a consonant and y.
    pub fn new(name: &str) -> Unit {
        if let Some((one, many)) = name.split_once(',') {
            return Unit {
                one: one.trim().to_string(),
                many: many.trim().to_string(),
            };
        }
        let one = name.trim().to_string();
        let lower = one.to_lowercase();
        let many = if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            format!("{one}es")
        } else if lower.ends_with('y')
            && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u'])
        {
            format!("{}ies", &one[..one.len() - 1])
        } else {
            format!("{one}s")
        };
        Unit { one, many }
    }

    /// "1 trust", "17 trusts".
    pub fn count(&self, n: usize) -> String {
        format!("{n} {}", if n == 1 { &self.one } else { &self.many })
    }

    /// "Trusts", for the start of a sentence or title.
    pub fn many_title(&self) -> String {
        capitalised(&self.many)
    }

    /// "Trust", for the start of a sentence.
    pub fn one_title(&self) -> String {
        capitalised(&self.one)
    }

    /// What a user would pass to `--unit` for this unit (the manifest records it).
    pub fn spec(&self) -> String {
        if Unit::new(&self.one).many == self.many {
            self.one.clone()
        } else {
            format!("{},{}", self.one, self.many)
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut cs = word.chars();
    cs.next()
        .map(|a| a.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        let many = |n: &str| Unit::new(n).many;
        assert_eq!(many("trust"), "trusts");
        assert_eq!(many("company"), "companies");
        assert_eq!(many("survey"), "surveys");
        assert_eq!(many("church"), "churches");
        assert_eq!(many("child,children"), "children");
        assert_eq!(Unit::new("ward").count(1), "1 ward");
        assert_eq!(Unit::new("ward").many_title(), "Wards");
    }
}
