//! The authorization rules, as pure functions of facts already loaded. No I/O: the loaders
//! in `guard::paper` and `guard::venue` gather the facts inside the caller's transaction, and
//! every area asks these functions what a user may do.

use serde::Serialize;

/// What is known of one user and one paper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaperFacts {
    /// The user's e-mail address is among the paper's authors (verified or not).
    pub listed_as_author: bool,
    /// That listing was confirmed by its owner (the submitter by submitting).
    pub author_confirmed: bool,
    /// The user has confirmed that address.
    pub email_verified: bool,
    /// Listed as the corresponding author.
    pub corresponding: bool,
    /// A binding conflict separates the user from the paper (confirmed, or declared and not
    /// dismissed).
    pub conflicted: bool,
    /// Chair of the paper's venue, or site administrator.
    pub manages_venue: bool,
    /// Currently on the venue's programme committee (accepted, not removed).
    pub committee_member: bool,
    /// The user's current assignment on the paper, if any.
    pub assigned: Option<Assigned>,
}

/// An assignment on a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assigned {
    /// Area chair (senior reviewer) of the paper.
    AreaChair,
    /// Reviewer of the paper.
    Reviewer,
}

/// The user's part in a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// A chair of the venue, not conflicted and not an author.
    Chair,
    /// The paper's area chair.
    AreaChair,
    /// An assigned reviewer.
    Reviewer,
    /// One of the authors.
    Author,
}

/// The user's part in the paper, if any. A confirmed authorship (listed, address verified,
/// listing confirmed) comes first: a chair who wrote the paper is an author of it. Then a
/// binding conflict (nothing at all). A chair merely listed as an author is nothing to the
/// paper either; a committee member merely listed keeps their assignment (a chair is shown a
/// suggested conflict to decide), so a submitter cannot take a reviewer off their paper, nor
/// hand them author rights, by typing their address. Area chairs and reviewers must still be
/// on the committee, so removing a member ends their access even before their assignments go.
pub fn relation(f: &PaperFacts) -> Option<Relation> {
    if f.listed_as_author && f.author_confirmed && f.email_verified {
        return Some(Relation::Author);
    }
    if f.conflicted {
        return None;
    }
    if f.manages_venue {
        return (!f.listed_as_author).then_some(Relation::Chair);
    }
    if !f.committee_member {
        return None;
    }
    match f.assigned {
        Some(Assigned::AreaChair) => Some(Relation::AreaChair),
        Some(Assigned::Reviewer) => Some(Relation::Reviewer),
        None => None,
    }
}

/// Whether a chair of the venue sees this paper as its chair. Papers they wrote (under any of
/// their addresses' spellings, verified or not) or are conflicted with are hidden from them in
/// every chair view: submissions, assignments, runs, affinities, demand, decisions, conflicts,
/// discussion and exports.
pub fn chair_sees(f: &PaperFacts) -> bool {
    f.manages_venue && relation(f) == Some(Relation::Chair)
}

/// Something a user may try to do with a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperAction {
    /// Read the submission's page, metadata and files.
    ReadSubmission,
    /// Change the submission (deadline rules come on top).
    EditSubmission,
    /// Withdraw the paper.
    Withdraw,
    /// Give one paper more time.
    GrantExtension,
    /// Open the paper's review page (what it shows is shaped by `reviews::view`).
    OpenReviews,
    /// Write a review (reviewers) or meta-review (area chairs).
    WriteReview,
    /// Know who reviewed.
    SeeReviewerNames,
    /// Read and post in the committee's discussion.
    Discuss,
    /// Answer the reviews (author response).
    Respond,
    /// Record the decision.
    Decide,
    /// Choose reviewers: assignments, demand, affinities.
    ManageReviewers,
    /// Confirm or dismiss conflicts on the paper.
    DecideConflicts,
}

/// Whether `relation` allows `action` (phase and deadline rules are checked on top).
pub fn may(relation: Option<Relation>, action: PaperAction) -> bool {
    use PaperAction::*;
    use Relation::*;
    let Some(r) = relation else { return false };
    match action {
        ReadSubmission => matches!(r, Author | Chair),
        EditSubmission | Withdraw | Respond => r == Author,
        GrantExtension | Decide | ManageReviewers | DecideConflicts => r == Chair,
        OpenReviews => true,
        WriteReview => matches!(r, Reviewer | AreaChair),
        SeeReviewerNames => matches!(r, Chair | AreaChair),
        Discuss => r != Author,
    }
}

/// Whether a user sees who wrote the paper.
pub fn sees_author_names(relation: Relation, double_blind: bool) -> bool {
    !double_blind || matches!(relation, Relation::Chair | Relation::Author)
}

/// Whether `decider` may confirm or dismiss a conflict of `member` on a paper the decider sees
/// as chair. Nobody lifts a conflict of their own: a chair may confirm one (that only binds
/// them), but dismissing it is for another chair.
pub fn may_decide_conflict(decider: i64, member: i64, dismiss: bool, chair_sees_paper: bool) -> bool {
    chair_sees_paper && !(dismiss && decider == member)
}

/// Who may change a journal's staff (its editors and board members, which decide catalogue
/// conflicts). Adding only ever creates conflicts, so those who keep the register may add;
/// removing lifts one, so only a site administrator or another editor of the journal may,
/// and nobody removes themselves.
pub fn may_change_journal_staff(site_admin: bool, keeps_register: bool, journal_editor: bool, adding: bool, target_is_self: bool) -> bool {
    if adding {
        site_admin || keeps_register || journal_editor
    } else {
        site_admin || (journal_editor && !target_is_self)
    }
}

/// What is known of one user and one journal's editorial office.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JournalFacts {
    /// Site administrator.
    pub site_admin: bool,
    /// Holds `editor_in_chief` on the journal.
    pub editor_in_chief: bool,
    /// Holds `editor` (managing editor) on the journal.
    pub managing_editor: bool,
    /// Holds `section_editor` on the journal.
    pub section_editor: bool,
    /// Holds `editorial_assistant` on the journal.
    pub assistant: bool,
}

/// A user's part in a journal's editorial office (board members have none: they advise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EditorialRole {
    /// Editor-in-chief.
    EditorInChief,
    /// Managing editor (the register's `editor`), or a site administrator acting as one.
    ManagingEditor,
    /// Section (associate) editor.
    SectionEditor,
    /// Editorial assistant.
    Assistant,
}

/// The highest editorial role the facts give; a site administrator acts as managing editor.
pub fn editorial_role(f: &JournalFacts) -> Option<EditorialRole> {
    use EditorialRole::*;
    if f.editor_in_chief {
        Some(EditorInChief)
    } else if f.managing_editor || f.site_admin {
        Some(ManagingEditor)
    } else if f.section_editor {
        Some(SectionEditor)
    } else if f.assistant {
        Some(Assistant)
    } else {
        None
    }
}

/// Something a member of the editorial office may try to do with the journal as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalAction {
    /// Read the editorial set-up: rules, sections, review form, DOI pattern.
    ReadSetup,
    /// Change the set-up, the sections and the review form, and open or close submissions.
    ChangeSetup,
    /// Make issues, place articles in them, number them; read unpublished issues.
    ManageIssues,
    /// Publish an issue (its articles go out with it, their DOIs fixed).
    PublishIssue,
    /// Read the journal's integrity flags (overlaps with other papers) and decide on them.
    ReadIntegrity,
}

/// Whether `role` allows `action` on the journal.
pub fn may_journal(role: Option<EditorialRole>, action: JournalAction) -> bool {
    use EditorialRole::*;
    let Some(r) = role else { return false };
    match action {
        JournalAction::ReadSetup => true,
        JournalAction::ChangeSetup | JournalAction::PublishIssue | JournalAction::ReadIntegrity => {
            matches!(r, EditorInChief | ManagingEditor)
        }
        JournalAction::ManageIssues => matches!(r, EditorInChief | ManagingEditor | Assistant),
    }
}

/// Whether the role runs the journal (chief or managing editor): such a user may add and
/// remove the journal's staff, as `may_change_journal_staff` says.
pub fn runs_journal(role: Option<EditorialRole>) -> bool {
    matches!(role, Some(EditorialRole::EditorInChief | EditorialRole::ManagingEditor))
}

/// What is known of one user and one manuscript.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ManuscriptFacts {
    /// The user's e-mail address is among the manuscript's authors.
    pub listed: bool,
    /// That listing was confirmed (the submitter by submitting).
    pub confirmed: bool,
    /// The user has confirmed that address.
    pub email_verified: bool,
    /// The user's role in the journal's editorial office.
    pub editorial: Option<EditorialRole>,
    /// Section editor of the manuscript's section.
    pub edits_section: bool,
    /// The manuscript's handling editor.
    pub handling: bool,
}

/// The user's part in a manuscript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ManuscriptRelation {
    /// One of its authors.
    Author,
    /// The editor-in-chief or a managing editor of the journal.
    Editor,
    /// A section editor of its section, or its handling editor.
    SectionEditor,
    /// An editorial assistant of the journal.
    Assistant,
}

/// The user's part in the manuscript, if any. A confirmed authorship comes first: an editor who
/// wrote the manuscript is its author only. An editor merely listed as an author (not yet
/// confirmed) is nothing to it, so that no editor handles a manuscript that names them, and
/// no author can hand someone author rights by typing their address. Section editors see the
/// manuscripts of their sections and those they handle.
pub fn manuscript_relation(f: &ManuscriptFacts) -> Option<ManuscriptRelation> {
    use EditorialRole::*;
    if f.listed && f.confirmed && f.email_verified {
        return Some(ManuscriptRelation::Author);
    }
    if f.listed {
        return None;
    }
    match f.editorial? {
        EditorInChief | ManagingEditor => Some(ManuscriptRelation::Editor),
        SectionEditor if f.edits_section || f.handling => Some(ManuscriptRelation::SectionEditor),
        SectionEditor => None,
        Assistant => Some(ManuscriptRelation::Assistant),
    }
}

/// Something a user may try to do with a manuscript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManuscriptAction {
    /// Read its metadata, authors and files.
    Read,
    /// Read what is for the editors: the cover letter, suggested and opposed reviewers, history.
    ReadEditorial,
    /// Choose the handling editor.
    AssignEditor,
    /// Take an editorial decision (the desk check, later decisions after review); section
    /// editors of a recommend-only journal need approval on top (`decides_alone`).
    Decide,
    /// Run its peer review: invite reviewers, change their due dates, cancel, confirm and thank.
    ManageReview,
    /// Withdraw the manuscript.
    Withdraw,
    /// Send a revision.
    Revise,
    /// Copyedit and produce the accepted article: correct its metadata, add the copyedited
    /// file and galleys, send it to production.
    Produce,
    /// Approve the copyedit or the proofs, or send corrections (the authors).
    CheckProofs,
}

/// Whether `relation` allows `action` on a manuscript.
pub fn may_ms(relation: Option<ManuscriptRelation>, action: ManuscriptAction) -> bool {
    let Some(r) = relation else { return false };
    use ManuscriptRelation::*;
    match action {
        ManuscriptAction::Read => true,
        ManuscriptAction::ReadEditorial => r != Author,
        ManuscriptAction::AssignEditor => matches!(r, Editor | Assistant),
        ManuscriptAction::Decide | ManuscriptAction::ManageReview => matches!(r, Editor | SectionEditor),
        ManuscriptAction::Withdraw | ManuscriptAction::Revise | ManuscriptAction::CheckProofs => r == Author,
        ManuscriptAction::Produce => matches!(r, Editor | SectionEditor | Assistant),
    }
}

/// Whether the relation's decisions take effect without approval: chief and managing editors
/// always, section editors when the journal lets them decide.
pub fn decides_alone(relation: ManuscriptRelation, section_editors_decide: bool) -> bool {
    match relation {
        ManuscriptRelation::Editor => true,
        ManuscriptRelation::SectionEditor => section_editors_decide,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editor_who_wrote_the_manuscript_is_only_its_author() {
        use EditorialRole::*;
        use ManuscriptRelation as R;
        let f = |listed, confirmed, editorial, section, handling| ManuscriptFacts {
            listed,
            confirmed,
            email_verified: true,
            editorial,
            edits_section: section,
            handling,
        };
        // (listed, confirmed, role, edits section, handling) -> relation
        for (facts, want) in [
            (f(false, false, None, false, false), None),
            (f(true, true, None, false, false), Some(R::Author)),
            (f(true, false, None, false, false), None),
            (f(true, true, Some(EditorInChief), false, false), Some(R::Author)),
            (f(true, false, Some(EditorInChief), false, false), None),
            (f(false, false, Some(EditorInChief), false, false), Some(R::Editor)),
            (f(false, false, Some(ManagingEditor), false, false), Some(R::Editor)),
            (f(false, false, Some(SectionEditor), false, false), None),
            (f(false, false, Some(SectionEditor), true, false), Some(R::SectionEditor)),
            (f(false, false, Some(SectionEditor), false, true), Some(R::SectionEditor)),
            (f(true, false, Some(SectionEditor), true, true), None),
            (f(false, false, Some(Assistant), false, false), Some(R::Assistant)),
        ] {
            assert_eq!(manuscript_relation(&facts), want, "{facts:?}");
        }
        let unverified = ManuscriptFacts {
            listed: true,
            confirmed: true,
            ..Default::default()
        };
        assert_eq!(manuscript_relation(&unverified), None, "an unconfirmed address gives nothing");
        for (r, setting, want) in [
            (R::Editor, false, true),
            (R::SectionEditor, false, false),
            (R::SectionEditor, true, true),
            (R::Assistant, true, false),
            (R::Author, true, false),
        ] {
            assert_eq!(decides_alone(r, setting), want, "{r:?} {setting}");
        }
        // Columns: nobody, author, editor, section editor, assistant.
        let rels = [None, Some(R::Author), Some(R::Editor), Some(R::SectionEditor), Some(R::Assistant)];
        for (action, row) in [
            (ManuscriptAction::Read, [false, true, true, true, true]),
            (ManuscriptAction::ReadEditorial, [false, false, true, true, true]),
            (ManuscriptAction::AssignEditor, [false, false, true, false, true]),
            (ManuscriptAction::Decide, [false, false, true, true, false]),
            (ManuscriptAction::ManageReview, [false, false, true, true, false]),
            (ManuscriptAction::Withdraw, [false, true, false, false, false]),
            (ManuscriptAction::Revise, [false, true, false, false, false]),
            (ManuscriptAction::CheckProofs, [false, true, false, false, false]),
            (ManuscriptAction::Produce, [false, false, true, true, true]),
        ] {
            for (r, want) in rels.iter().zip(row) {
                assert_eq!(may_ms(*r, action), want, "{r:?} {action:?}");
            }
        }
    }

    #[test]
    fn the_highest_editorial_role_counts_and_board_members_have_none() {
        use EditorialRole::*;
        let f = |admin, eic, me, se, asst| JournalFacts {
            site_admin: admin,
            editor_in_chief: eic,
            managing_editor: me,
            section_editor: se,
            assistant: asst,
        };
        // (admin, chief, managing, section, assistant) -> role
        for (facts, want) in [
            (f(false, false, false, false, false), None),
            (f(true, false, false, false, false), Some(ManagingEditor)),
            (f(false, true, false, false, false), Some(EditorInChief)),
            (f(true, true, false, false, false), Some(EditorInChief)),
            (f(false, false, true, true, false), Some(ManagingEditor)),
            (f(false, false, false, true, true), Some(SectionEditor)),
            (f(false, false, false, false, true), Some(Assistant)),
        ] {
            assert_eq!(editorial_role(&facts), want, "{facts:?}");
        }
    }

    #[test]
    fn chief_and_managing_editors_change_the_setup_and_publish_and_assistants_make_issues() {
        use EditorialRole::*;
        let roles = [
            None,
            Some(EditorInChief),
            Some(ManagingEditor),
            Some(SectionEditor),
            Some(Assistant),
        ];
        // Columns: nobody, chief, managing, section, assistant.
        let table: &[(JournalAction, [bool; 5])] = &[
            (JournalAction::ReadSetup, [false, true, true, true, true]),
            (JournalAction::ChangeSetup, [false, true, true, false, false]),
            (JournalAction::ManageIssues, [false, true, true, false, true]),
            (JournalAction::PublishIssue, [false, true, true, false, false]),
            (JournalAction::ReadIntegrity, [false, true, true, false, false]),
        ];
        for (action, row) in table {
            for (role, want) in roles.iter().zip(row) {
                assert_eq!(may_journal(*role, *action), *want, "{role:?} {action:?}");
            }
        }
        for (role, want) in roles.iter().zip([false, true, true, false, false]) {
            assert_eq!(runs_journal(*role), want, "{role:?}");
        }
    }

    fn facts(author: bool, verified: bool, conflicted: bool, chair: bool, member: bool, assigned: Option<Assigned>) -> PaperFacts {
        PaperFacts {
            listed_as_author: author,
            author_confirmed: author,
            email_verified: verified,
            corresponding: false,
            conflicted,
            manages_venue: chair,
            committee_member: member,
            assigned,
        }
    }

    #[test]
    fn relation_follows_author_then_conflict_then_chair_then_assignment() {
        use Relation::*;
        const REV: Option<Assigned> = Some(Assigned::Reviewer);
        const AC: Option<Assigned> = Some(Assigned::AreaChair);
        // (author, verified, conflicted, chair, member, assigned) -> relation
        type Case = ((bool, bool, bool, bool, bool, Option<Assigned>), Option<Relation>);
        let table: &[Case] = &[
            ((false, true, false, false, false, None), None),
            ((true, true, false, false, false, None), Some(Author)),
            ((true, false, false, false, false, None), None),
            // A listed reviewer whose address is unconfirmed keeps reviewing (the chair is told).
            ((true, false, false, false, true, REV), Some(Reviewer)),
            // A chair who wrote the paper is its author.
            ((true, true, false, true, false, None), Some(Author)),
            // ... and with an unconfirmed address, nothing: never its chair.
            ((true, false, false, true, false, None), None),
            // A confirmed author who is also assigned stays an author.
            ((true, true, false, false, true, REV), Some(Author)),
            ((false, true, false, true, false, None), Some(Chair)),
            // A conflicted chair is nothing to the paper.
            ((false, true, true, true, false, None), None),
            ((false, true, true, false, true, REV), None),
            ((false, true, false, false, true, REV), Some(Reviewer)),
            ((false, true, false, false, true, AC), Some(AreaChair)),
            ((false, true, false, false, true, None), None),
            // Removed from the committee: assignments left behind give nothing.
            ((false, true, false, false, false, REV), None),
            ((false, true, false, false, false, AC), None),
            // A chair who is also assigned acts as chair.
            ((false, true, false, true, true, REV), Some(Chair)),
        ];
        for &((a, v, c, ch, m, asg), want) in table {
            let f = facts(a, v, c, ch, m, asg);
            assert_eq!(relation(&f), want, "{f:?}");
            assert_eq!(chair_sees(&f), want == Some(Chair), "{f:?}");
        }
    }

    #[test]
    fn an_unconfirmed_listing_gives_no_author_rights() {
        let listed = PaperFacts {
            listed_as_author: true,
            email_verified: true,
            committee_member: true,
            assigned: Some(Assigned::Reviewer),
            ..Default::default()
        };
        assert_eq!(relation(&listed), Some(Relation::Reviewer));
        assert_eq!(relation(&PaperFacts { assigned: None, ..listed }), None);
        let chair = PaperFacts {
            listed_as_author: true,
            email_verified: true,
            manages_venue: true,
            ..Default::default()
        };
        assert_eq!(relation(&chair), None, "a listed chair never sees the paper as its chair");
        assert_eq!(
            relation(&PaperFacts {
                author_confirmed: true,
                ..chair
            }),
            Some(Relation::Author)
        );
    }

    #[test]
    fn every_role_and_action() {
        use PaperAction::*;
        let roles = [
            None,
            Some(Relation::Author),
            Some(Relation::Chair),
            Some(Relation::AreaChair),
            Some(Relation::Reviewer),
        ];
        // Columns: nobody, author, chair, area chair, reviewer.
        let table: &[(PaperAction, [bool; 5])] = &[
            (ReadSubmission, [false, true, true, false, false]),
            (EditSubmission, [false, true, false, false, false]),
            (Withdraw, [false, true, false, false, false]),
            (GrantExtension, [false, false, true, false, false]),
            (OpenReviews, [false, true, true, true, true]),
            (WriteReview, [false, false, false, true, true]),
            (SeeReviewerNames, [false, false, true, true, false]),
            (Discuss, [false, false, true, true, true]),
            (Respond, [false, true, false, false, false]),
            (Decide, [false, false, true, false, false]),
            (ManageReviewers, [false, false, true, false, false]),
            (DecideConflicts, [false, false, true, false, false]),
        ];
        for (action, row) in table {
            for (role, want) in roles.iter().zip(row) {
                assert_eq!(may(*role, *action), *want, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn author_names_are_hidden_from_the_committee_under_double_blind_only() {
        for (rel, blind, want) in [
            (Relation::Author, true, true),
            (Relation::Chair, true, true),
            (Relation::AreaChair, true, false),
            (Relation::Reviewer, true, false),
            (Relation::Reviewer, false, true),
            (Relation::AreaChair, false, true),
        ] {
            assert_eq!(sees_author_names(rel, blind), want, "{rel:?} {blind}");
        }
    }

    #[test]
    fn nobody_dismisses_their_own_conflict() {
        // (decider, member, dismiss, sees) -> allowed
        for (d, m, dismiss, sees, want) in [
            (1, 2, true, true, true),
            (1, 2, false, true, true),
            (1, 1, false, true, true),
            (1, 1, true, true, false),
            (1, 2, true, false, false),
            (1, 2, false, false, false),
        ] {
            assert_eq!(may_decide_conflict(d, m, dismiss, sees), want, "{d} {m} {dismiss} {sees}");
        }
    }

    #[test]
    fn journal_staff_is_removed_only_by_its_owners_and_never_by_oneself() {
        // (admin, register keeper, editor, adding, self) -> allowed
        for (admin, keeper, editor, adding, me, want) in [
            (false, true, false, true, false, true),
            (false, true, false, false, false, false),
            (false, false, true, true, false, true),
            (false, false, true, false, false, true),
            (false, false, true, false, true, false),
            (true, false, false, false, true, true),
            (false, false, false, true, false, false),
            (false, false, false, false, false, false),
        ] {
            assert_eq!(
                may_change_journal_staff(admin, keeper, editor, adding, me),
                want,
                "{admin} {keeper} {editor} {adding} {me}"
            );
        }
    }
}
