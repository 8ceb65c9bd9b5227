//! Demo registrations: the demo conference's registration form, full, with people waiting, one
//! place offered after a cancellation, fees recorded and the accepted papers' speakers invited.
//! Everything goes through the service, as a person would do it; nothing when a form exists.

use chrono::NaiveDateTime;

use super::service;
use super::store;
use super::validate::{CategoryInput, FeeInput, RegisterInput, RegistrationFormInput};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::venues::validate::{OptionText, QuestionInput};
use crate::web::AppState;

fn category(zh: &str, en: &str, invited_only: bool) -> CategoryInput {
    CategoryInput {
        id: None,
        name_zh: zh.into(),
        name_en: en.into(),
        invited_only,
    }
}

/// Seeds the demo venue's registration (`people`: accounts that register, in order).
pub fn seed(conn: &mut AnyConnection, state: &AppState, venue_id: i64, chair: i64, people: &[i64], now: NaiveDateTime) -> AppResult<()> {
    if !store::forms_of(conn, venue_id)?.is_empty() {
        return Ok(());
    }
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let chair_user = crate::auth::store::by_id(conn, chair)?;
    let ch = crate::guard::venue::chair_of(conn, &chair_user, venue)?;
    let input = RegistrationFormInput {
        capacity: Some(4),
        fee_note_zh: "会员 800 元，非会员 1200 元，学生 400 元。请在报到时缴费或凭转账凭证报到。".into(),
        fee_note_en: "Members CNY 800, non-members CNY 1,200, students CNY 400. Pay at the desk or bring your transfer receipt.".into(),
        categories: vec![
            category("会员", "Member", false),
            category("非会员", "Non-member", false),
            category("学生", "Student", false),
            category("特邀报告人", "Invited speaker", true),
        ],
        questions: vec![QuestionInput {
            kind: "choice".into(),
            label_zh: "餐饮".into(),
            label_en: "Meals".into(),
            options: vec![
                OptionText {
                    zh: "普通".into(),
                    en: "Regular".into(),
                },
                OptionText {
                    zh: "素食".into(),
                    en: "Vegetarian".into(),
                },
                OptionText {
                    zh: "清真".into(),
                    en: "Halal".into(),
                },
            ],
            required: true,
        }],
        ..Default::default()
    };
    let form_id = service::save_form(conn, state, &ch, None, &input, now)?;
    let form = store::form_by_id(conn, form_id)?;
    let categories = store::categories(conn, form_id)?;
    let question = store::questions(conn, form_id)?[0].id.to_string();
    // Years of birth and countries, so the participants' spread has something to show.
    let facts = [
        (1968, "CN"),
        (1985, "IT"),
        (1994, "CN"),
        (1990, "CN"),
        (1996, "GB"),
        (1979, "CN"),
        (1999, "CN"),
    ];
    let mut ids = Vec::new();
    for (i, &p) in people.iter().enumerate() {
        let (year, country) = facts[i % facts.len()];
        let user = crate::auth::store::by_id(conn, p)?;
        let reg = RegisterInput {
            category_id: Some(categories[i % 3].id),
            answers: [(question.clone(), (i % 2).to_string())].into(),
            birth_year: Some(year),
            country: Some(country.into()),
            ..Default::default()
        };
        let form = store::form_by_id(conn, form_id)?;
        ids.push(service::register(conn, state, &user, &form, &reg, None, now)?);
    }
    for (&id, fee) in ids.iter().zip(["paid", "waived"]) {
        let r = store::registration(conn, id)?;
        let note = if fee == "paid" {
            "转账凭证 20270410-018"
        } else {
            "学会理事 / council member"
        };
        service::set_fee(
            conn,
            state,
            &ch,
            &r,
            &FeeInput {
                fee: fee.into(),
                note: note.into(),
            },
            now,
        )?;
    }
    // The fourth confirmed person cancels: the first person waiting is offered the place.
    if let Some(&id) = ids.get(3) {
        let r = store::registration(conn, id)?;
        service::cancel(conn, state, &r, false, now)?;
    }
    service::invite_speakers(conn, state, &ch, &form, categories.get(3).map(|c| c.id), now)?;
    Ok(())
}
