//! How a user stands towards one paper in review: the rules live in `crate::guard`; this
//! module keeps the names the review code uses.

pub use crate::guard::paper::{PaperAccess, committee_paper, paper, relation};
pub use crate::guard::policy::Relation;
