//! An issue's table of contents and numbering (pure): articles ordered by section, then by
//! the editors' order within a section; consecutive pages from a first page and each article's
//! page count; or article numbers from the issue number and the place in the issue.

/// One article as the table of contents orders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Article id.
    pub id: i64,
    /// Its section's position in the journal.
    pub section_position: i32,
    /// Its current place (`i32::MAX` for one just added: it goes last in its section).
    pub seq: i32,
}

/// The ids in table-of-contents order: by section, then by place, then by id.
pub fn order(entries: &[Entry]) -> Vec<i64> {
    let mut v = entries.to_vec();
    v.sort_by_key(|e| (e.section_position, e.seq, e.id));
    v.into_iter().map(|e| e.id).collect()
}

/// The order after moving `id` one place up (`up`) or down within its section; unchanged when
/// it is already first or last there.
pub fn moved(entries: &[Entry], id: i64, up: bool) -> Vec<i64> {
    let mut v = entries.to_vec();
    v.sort_by_key(|e| (e.section_position, e.seq, e.id));
    if let Some(i) = v.iter().position(|e| e.id == id) {
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        if let Some(j) = j.filter(|j| *j < v.len() && v[*j].section_position == v[i].section_position) {
            v.swap(i, j);
        }
    }
    v.into_iter().map(|e| e.id).collect()
}

/// First and last pages of articles of `counts` pages each, one after another from `first`.
pub fn pages(first: u32, counts: &[u32]) -> Vec<(u32, u32)> {
    let mut next = first;
    counts
        .iter()
        .map(|c| {
            let range = (next, next + c.max(&1) - 1);
            next += c.max(&1);
            range
        })
        .collect()
}

/// The article number of the article at `seq` (from 1) in issue `issue`: two digits of the
/// issue and four of the place, as many Chinese journals print them (`030007`).
pub fn article_number(issue: i32, seq: i32) -> String {
    format!("{issue:02}{seq:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: i64, section_position: i32, seq: i32) -> Entry {
        Entry { id, section_position, seq }
    }

    #[test]
    fn articles_are_ordered_by_section_and_a_new_one_goes_last_in_its_section() {
        let toc = [e(1, 2, 1), e(2, 1, 2), e(3, 1, 3), e(4, 1, i32::MAX), e(5, 2, i32::MAX)];
        assert_eq!(order(&toc), vec![2, 3, 4, 1, 5]);
    }

    #[test]
    fn moving_stays_within_the_section() {
        let toc = [e(1, 1, 1), e(2, 1, 2), e(3, 2, 3), e(4, 2, 4)];
        assert_eq!(moved(&toc, 2, true), vec![2, 1, 3, 4]);
        assert_eq!(moved(&toc, 2, false), vec![1, 2, 3, 4], "last of its section");
        assert_eq!(moved(&toc, 3, true), vec![1, 2, 3, 4], "first of its section");
        assert_eq!(moved(&toc, 1, true), vec![1, 2, 3, 4]);
        assert_eq!(moved(&toc, 3, false), vec![1, 2, 4, 3]);
        assert_eq!(moved(&toc, 9, false), vec![1, 2, 3, 4], "unknown id");
    }

    #[test]
    fn pages_follow_on_and_an_empty_count_still_takes_a_page() {
        assert_eq!(pages(1, &[10, 3, 0, 7]), vec![(1, 10), (11, 13), (14, 14), (15, 21)]);
        assert_eq!(pages(101, &[]), vec![]);
    }

    #[test]
    fn article_numbers_carry_the_issue_and_the_place() {
        assert_eq!(article_number(3, 7), "030007");
        assert_eq!(article_number(12, 120), "120120");
    }
}
