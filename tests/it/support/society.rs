//! A learned society with a staff member, for society-level features (salon plans, indicator
//! systems, evaluation rounds).

use reqwest::Client;

use super::TestApp;
use super::participation::account;

/// Creates society `slug` and an account `staff_email` holding its staff role, logged in
/// (API and pages); answers the society's id and the staff client.
pub async fn society(app: &TestApp, slug: &str, staff_email: &str) -> (i64, Client) {
    use diesel::prelude::*;
    use xuehui::db::schema::societies;
    let mut conn = app.state.db.conn().unwrap();
    let id: i64 = diesel::insert_into(societies::table)
        .values((
            societies::slug.eq(slug),
            societies::name_zh.eq(format!("{slug} 学会")),
            societies::name_en.eq(format!("{slug} Society")),
            societies::created_at.eq(chrono::Utc::now().naive_utc()),
        ))
        .returning(societies::id)
        .get_result(&mut conn)
        .unwrap();
    let (staff_id, staff) = account(app, staff_email).await;
    xuehui::auth::roles::grant(
        &mut conn,
        staff_id,
        xuehui::auth::roles::SOCIETY_STAFF,
        xuehui::auth::roles::SCOPE_SOCIETY,
        id,
    )
    .unwrap();
    (id, staff)
}
