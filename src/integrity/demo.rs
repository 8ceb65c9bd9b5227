//! Demo data: the conference's paper #3 reuses most of the text of the Young Scientists Forum's
//! accepted paper #1, so the conference's chairs see a flag with both texts side by side and
//! the forum's chairs see it from their side. The texts are given here (the demo's PDFs carry
//! little text) and compared by the same jobs as any upload.

use chrono::Utc;

use super::extract::Extracted;
use super::fingerprint;
use super::model::{DocumentKind, TextState};
use super::{jobs, queue, store};
use crate::db::AnyConnection;
use crate::error::AppResult;

const SHARED: &[&str] = &[
    "Graph neural networks learn representations of molecules and crystals by passing messages between neighbouring atoms. When labelled data are scarce, as for most new materials, a network trained from scratch overfits the few examples it sees.",
    "We pre-train a message-passing network on two million unlabelled structures with two self-supervised tasks: masked atom types and contrastive views obtained by perturbing bond lengths within thermal noise.",
    "The pre-trained encoder is then fine-tuned with as few as fifty labelled examples per property. On formation energy, band gap and bulk modulus it reduces the mean absolute error by 31, 24 and 18 per cent against the same network trained from scratch.",
    "An ablation shows that the contrastive task matters most for electronic properties while masking matters most for mechanical ones; combining both gives the best result on every benchmark we tried.",
    "Attention weights of the fine-tuned model concentrate on coordination environments that chemists associate with each property, which suggests the representation captures physically meaningful structure rather than dataset artefacts.",
];

const FORUM_OWN: &[&str] = &[
    "摘要：小样本条件下的图神经网络容易过拟合。本文提出两种自监督预训练任务，并在材料性质预测上验证其效果。",
    "Limitations remain: the pre-training corpus over-represents oxides, and transfer to polymers is weaker. We release the code and the pre-trained weights.",
];

const CONFERENCE_OWN: &[&str] = &[
    "Materials discovery needs models that predict properties of candidates no one has made yet. This paper studies how far graph neural networks can go with very few measurements.",
    "We conclude that pre-training is the single most effective step for data-poor materials problems and outline a benchmark suite for the community.",
];

fn text(own_first: &str, own_last: &str) -> String {
    let mut parts = vec![own_first];
    parts.extend_from_slice(SHARED);
    parts.push(own_last);
    parts.join("\n\n")
}

/// Records the two texts and queues their comparison, once.
pub fn seed(conn: &mut AnyConnection, conference: i64, forum: i64) -> AppResult<()> {
    let (Some(paper), Some(published)) = (
        crate::submissions::store::by_number(conn, conference, 3)?,
        crate::submissions::store::by_number(conn, forum, 1)?,
    ) else {
        return Ok(());
    };
    if store::of_source(conn, DocumentKind::Paper, paper.id)?.is_some_and(|d| d.state == TextState::Extracted) {
        return Ok(());
    }
    let now = Utc::now().naive_utc();
    for (s, body) in [
        (&published, text(FORUM_OWN[0], FORUM_OWN[1])),
        (&paper, text(CONFERENCE_OWN[0], CONFERENCE_OWN[1])),
    ] {
        let Some(file) = s.pdf_file_id else { continue };
        queue::paper(conn, s.venue_id, s.id, file)?;
        let doc = store::of_source(conn, DocumentKind::Paper, s.id)?.map(|d| d.id).unwrap_or_default();
        let hashes = fingerprint::of_text(&body);
        jobs::record(conn, doc, Some(file), Extracted::Text(body), &hashes, now)?;
    }
    Ok(())
}
