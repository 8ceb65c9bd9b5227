//! Mail rendering: `templates/mail/<name>.<lang>.txt`, whose first line is `Subject: ...`.

use super::Mail;
use crate::error::{AppError, AppResult};

/// Renders subject and body of `mail` in its language.
pub fn render(tera: &tera::Tera, mail: &Mail, base_url: &str) -> AppResult<(String, String)> {
    let name = format!("mail/{}.{}.txt", mail.template, mail.lang.code());
    let mut ctx = tera::Context::from_value(mail.vars.clone()).unwrap_or_default();
    ctx.insert("to_name", &mail.to_name);
    ctx.insert("base_url", base_url);
    let text = tera.render(&name, &ctx)?;
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let subject = first
        .strip_prefix("Subject:")
        .ok_or_else(|| AppError::bug(format!("{name} must start with a `Subject:` line")))?
        .trim()
        .to_string();
    Ok((subject, rest.trim_start_matches('\n').to_string()))
}
