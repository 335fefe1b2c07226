//! Shared pieces of the two share charts (standardisation and alignment).

use std::cmp::Ordering;

/// "all" first, then the other groups in natural order ("Cluster 2" before "Cluster 10").
pub(crate) fn group_order(a: &str, b: &str) -> Ordering {
    let is_all = |s: &str| s.trim().eq_ignore_ascii_case("all");
    match (is_all(a), is_all(b)) {
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        _ => {}
    }
    natural(a, b)
}

fn natural(a: &str, b: &str) -> Ordering {
    let split = |s: &str| -> (String, Option<u64>) {
        let digits: String = s.chars().rev().take_while(char::is_ascii_digit).collect();
        let digits: String = digits.chars().rev().collect();
        let head = s[..s.len() - digits.len()].to_string();
        (head, digits.parse().ok())
    };
    let (ha, na) = split(a);
    let (hb, nb) = split(b);
    ha.cmp(&hb).then(na.cmp(&nb)).then_with(|| a.cmp(b))
}

/// How a group is shown: "All" for "all", the name otherwise, with its n.
pub(crate) fn group_caption(group: &str, n: usize) -> String {
    let g = group.trim();
    let name = if g.eq_ignore_ascii_case("all") {
        "All".to_string()
    } else {
        g.to_string()
    };
    format!("{name} (n = {})", crate::style::count(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sort_all_first_then_naturally() {
        let mut g = vec!["Cluster 10", "Cluster 2", "all", "Cluster 1"];
        g.sort_by(|a, b| group_order(a, b));
        assert_eq!(g, vec!["all", "Cluster 1", "Cluster 2", "Cluster 10"]);
    }
}
