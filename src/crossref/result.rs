//! Reading Crossref's answers (pure): the page the deposit servlet answers with, and the
//! submission log (`doi_batch_diagnostic`) that says what became of each record.

/// What the result request said.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Crossref has not processed the batch yet (`queued`, `in_process`, or not yet known to
    /// the log: `unknown_submission`).
    Pending(String),
    /// Processed: counts and each failed or warned record's DOI and message.
    Completed {
        /// Records in the batch.
        records: u32,
        /// Records registered.
        successes: u32,
        /// Records registered with a warning.
        warnings: u32,
        /// Records refused.
        failures: u32,
        /// `doi: message` of each record that failed or warned.
        problems: Vec<String>,
    },
}

/// Reads a `doi_batch_diagnostic` document; `Err` with the reason when it is not one.
pub fn diagnostic(xml: &str) -> Result<Outcome, String> {
    let doc = roxmltree::Document::parse(xml.trim_start_matches('\u{feff}').trim()).map_err(|e| format!("not XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "doi_batch_diagnostic" {
        return Err(format!("not a submission log: <{}>", root.tag_name().name()));
    }
    let status = root.attribute("status").unwrap_or("").to_ascii_lowercase();
    if status != "completed" {
        return Ok(Outcome::Pending(if status.is_empty() { "unknown".into() } else { status }));
    }
    let child_text = |parent: roxmltree::Node, name: &str| -> String {
        parent
            .children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let mut problems = Vec::new();
    let (mut ok, mut warned, mut failed) = (0, 0, 0);
    for r in root.children().filter(|n| n.has_tag_name("record_diagnostic")) {
        let s = r.attribute("status").unwrap_or("").to_ascii_lowercase();
        match s.as_str() {
            "success" => ok += 1,
            "warning" => warned += 1,
            _ => failed += 1,
        }
        if s != "success" {
            let doi = child_text(r, "doi");
            let msg = child_text(r, "msg");
            problems.push(format!("{}: {}", if doi.is_empty() { "?" } else { &doi }, msg));
        }
    }
    let count = |name: &str, counted: u32| -> u32 {
        root.children()
            .find(|n| n.has_tag_name("batch_data"))
            .and_then(|b| child_text(b, name).parse().ok())
            .unwrap_or(counted)
    };
    Ok(Outcome::Completed {
        records: count("record_count", ok + warned + failed),
        successes: count("success_count", ok),
        warnings: count("warning_count", warned),
        failures: count("failure_count", failed),
        problems,
    })
}

/// Whether the deposit servlet's answer page says the upload was received: Crossref answers
/// an HTML page whose text holds `SUCCESS`, or one holding `FAILURE` and the reason.
pub fn received(page: &str) -> bool {
    page.contains("SUCCESS") && !page.contains("FAILURE")
}

/// The text of an answer page, tags and runs of space removed, cut to `max` characters.
pub fn plain(page: &str, max: usize) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    words.join(" ").chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shape of Crossref's submission log, as its documentation and deposit e-mails show it.
    const MIXED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<doi_batch_diagnostic status="completed" sp="cs3.crossref.org">
   <submission_id>1390675109</submission_id>
   <batch_id>xuehui-jcs-3-2-20271201120000</batch_id>
   <record_diagnostic status="Success">
      <doi>10.12345/jcs.2027.0101</doi>
      <msg>Successfully added</msg>
   </record_diagnostic>
   <record_diagnostic status="Warning">
      <doi>10.12345/jcs.2027.0102</doi>
      <msg>Added with conflict</msg>
   </record_diagnostic>
   <record_diagnostic status="Failure">
      <doi>10.12345/jcs.2027.0103</doi>
      <msg>Record not processed because submitted version: 20271201 is less or equal to previously submitted version</msg>
   </record_diagnostic>
   <batch_data>
      <record_count>3</record_count>
      <success_count>1</success_count>
      <warning_count>1</warning_count>
      <failure_count>1</failure_count>
   </batch_data>
</doi_batch_diagnostic>"#;

    #[test]
    fn a_completed_log_gives_the_counts_and_each_problem() {
        let Outcome::Completed {
            records,
            successes,
            warnings,
            failures,
            problems,
        } = diagnostic(MIXED).unwrap()
        else {
            panic!("completed");
        };
        assert_eq!((records, successes, warnings, failures), (3, 1, 1, 1));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0], "10.12345/jcs.2027.0102: Added with conflict");
        assert!(problems[1].starts_with("10.12345/jcs.2027.0103: Record not processed"));
    }

    #[test]
    fn a_batch_not_yet_processed_is_pending() {
        for status in ["queued", "in_process", "unknown_submission"] {
            let xml = format!(r#"<doi_batch_diagnostic status="{status}"><submission_id>0</submission_id></doi_batch_diagnostic>"#);
            assert_eq!(diagnostic(&xml).unwrap(), Outcome::Pending(status.into()));
        }
    }

    #[test]
    fn counts_missing_from_the_log_are_counted_from_the_records() {
        let xml = r#"<doi_batch_diagnostic status="completed"><record_diagnostic status="Success"><doi>10.1/a</doi><msg>ok</msg></record_diagnostic></doi_batch_diagnostic>"#;
        assert_eq!(
            diagnostic(xml).unwrap(),
            Outcome::Completed {
                records: 1,
                successes: 1,
                warnings: 0,
                failures: 0,
                problems: vec![]
            }
        );
    }

    #[test]
    fn anything_else_is_named() {
        assert!(diagnostic("<html><body>Login failed</body></html>").unwrap_err().contains("<html>"));
        assert!(diagnostic("Service unavailable").unwrap_err().starts_with("not XML"));
    }

    #[test]
    fn the_upload_page_says_whether_it_was_received() {
        assert!(received(
            "<html><body><h2>SUCCESS</h2><p>Your batch submission was successfully received.</p></body></html>"
        ));
        let refused = "<html><body><h2>FAILURE</h2><p>Login   failed</p></body></html>";
        assert!(!received(refused));
        assert_eq!(plain(refused, 100), "FAILURE Login failed");
        assert_eq!(plain(refused, 7), "FAILURE");
    }
}
