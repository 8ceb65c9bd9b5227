//! Laying out a volume (pure): papers in order get consecutive page ranges from page 1 (the
//! front matter has its own roman numbers), parts group consecutive papers of one track, and
//! the author index lists every author with the first pages of their papers.

/// A paper to place, in volume order.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// The paper.
    pub submission_id: i64,
    /// Its part in Chinese.
    pub part_zh: String,
    /// Its part in English.
    pub part_en: String,
    /// Pages of its final PDF.
    pub pages: u32,
    /// Its authors as the index names them.
    pub authors: Vec<String>,
}

/// A paper's place in the volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The paper.
    pub submission_id: i64,
    /// First page.
    pub first_page: u32,
    /// Last page.
    pub last_page: u32,
}

/// Consecutive page ranges from page 1.
pub fn place(papers: &[Planned]) -> Vec<Placed> {
    let mut next = 1;
    papers
        .iter()
        .map(|p| {
            let pages = p.pages.max(1);
            let placed = Placed {
                submission_id: p.submission_id,
                first_page: next,
                last_page: next + pages - 1,
            };
            next += pages;
            placed
        })
        .collect()
}

/// The page after the last paper (where the author index starts).
pub fn after(placed: &[Placed]) -> u32 {
    placed.last().map_or(1, |p| p.last_page + 1)
}

/// Runs of consecutive papers with the same part: (part_zh, part_en, indices into `papers`).
pub fn parts(papers: &[Planned]) -> Vec<(String, String, Vec<usize>)> {
    let mut out: Vec<(String, String, Vec<usize>)> = Vec::new();
    for (i, p) in papers.iter().enumerate() {
        match out.last_mut() {
            Some((zh, en, items)) if *zh == p.part_zh && *en == p.part_en => items.push(i),
            _ => out.push((p.part_zh.clone(), p.part_en.clone(), vec![i])),
        }
    }
    out
}

/// Every author once, sorted by name (Latin script first, case-insensitively; then others by
/// code point), with the first pages of their papers in ascending order.
pub fn author_index(papers: &[Planned], placed: &[Placed]) -> Vec<(String, Vec<u32>)> {
    let mut map: std::collections::BTreeMap<(bool, String, String), Vec<u32>> = std::collections::BTreeMap::new();
    for (p, at) in papers.iter().zip(placed) {
        for name in &p.authors {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let latin = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            let pages = map.entry((!latin, name.to_lowercase(), name.to_string())).or_default();
            if !pages.contains(&at.first_page) {
                pages.push(at.first_page);
            }
        }
    }
    map.into_iter()
        .map(|((_, _, name), mut pages)| {
            pages.sort_unstable();
            (name, pages)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: i64, part: &str, pages: u32, authors: &[&str]) -> Planned {
        Planned {
            submission_id: id,
            part_zh: part.into(),
            part_en: part.into(),
            pages,
            authors: authors.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn papers_follow_each_other_from_page_one() {
        let papers = [p(1, "A", 8, &[]), p(2, "A", 1, &[]), p(3, "B", 0, &[])];
        let placed = place(&papers);
        assert_eq!(
            placed.iter().map(|x| (x.first_page, x.last_page)).collect::<Vec<_>>(),
            [(1, 8), (9, 9), (10, 10)],
            "a PDF reported with no pages still takes one"
        );
        assert_eq!(after(&placed), 11);
        assert_eq!(after(&[]), 1);
        assert_eq!(
            parts(&papers).iter().map(|x| x.2.clone()).collect::<Vec<_>>(),
            [vec![0, 1], vec![2]]
        );
    }

    #[test]
    fn the_index_names_each_author_once_with_sorted_pages() {
        let papers = [
            p(1, "A", 4, &["Zhang Wei", "李华 (Li Hua)"]),
            p(2, "A", 4, &["alice Smith", "Zhang Wei"]),
            p(3, "B", 2, &["Zhang Wei", " "]),
        ];
        let index = author_index(&papers, &place(&papers));
        assert_eq!(
            index,
            [
                ("alice Smith".to_string(), vec![5]),
                ("Zhang Wei".to_string(), vec![1, 5, 9]),
                ("李华 (Li Hua)".to_string(), vec![1]),
            ]
        );
    }
}
