//! "Did you mean" suggestions for misspelt names.

/// The candidate closest to `word` by edit distance (case-insensitive), if it is close enough
/// to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| !c.eq_ignore_ascii_case(&word))
        .map(|c| (strsim::levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        // Ties go to the alphabetically first name, so the answer never depends on the order
        // candidates come in (for example from a hash map).
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_names_only() {
        let names = ["RUN", "COPY", "FROM", "WORKDIR"];
        assert_eq!(closest("RUNN", names), Some("RUN"));
        assert_eq!(closest("workdri", names), Some("WORKDIR"));
        assert_eq!(closest("banana", names), None);
        // Equally near names: the alphabetically first wins, whatever the order.
        assert_eq!(
            closest("NODE_VERSION", ["PHP_VERSION", "NGINX_VERSION"]),
            closest("NODE_VERSION", ["NGINX_VERSION", "PHP_VERSION"])
        );
    }
}
