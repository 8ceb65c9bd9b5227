//! frab schedule XML (`../shared/formats/schedule/schedule.xml.xsd`), the format Giggity,
//! ConfClerk and the c3voc recording pipeline import.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::events::{self, Event};
use super::{Site, xml_text as esc};
use crate::programme::snapshot::Snapshot;

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The schedule document.
pub fn schedule_xml(s: &Snapshot, site: &Site) -> String {
    let tz = events::zone(s);
    let acronym = events::acronym(&s.venue.slug);
    let base = &site.base_url;
    let slug = &s.venue.slug;
    let names = events::room_names(s, site);
    let all = events::all(s);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<schedule>\n");
    let _ = writeln!(x, "  <generator name=\"xuehui\" version=\"{}\"/>", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(
        x,
        "  <version>{}</version>",
        esc(s.release.as_ref().map_or("draft", |r| r.name.as_str()))
    );
    x.push_str("  <conference>\n");
    let _ = writeln!(x, "    <title>{}</title>", esc(site.pick(&s.venue.title_zh, &s.venue.title_en)));
    let _ = writeln!(x, "    <acronym>{}</acronym>", esc(&acronym));
    let _ = writeln!(x, "    <start>{}</start>", s.venue.starts_on);
    let _ = writeln!(x, "    <end>{}</end>", s.venue.ends_on);
    let _ = writeln!(x, "    <days>{}</days>", s.days().len());
    x.push_str("    <timeslot_duration>00:05</timeslot_duration>\n");
    let _ = writeln!(x, "    <base_url>{}</base_url>", esc(&format!("{base}/venues/{slug}/programme/")));
    let _ = writeln!(x, "    <url>{}</url>", esc(&format!("{base}/venues/{slug}/programme")));
    let _ = writeln!(x, "    <time_zone_name>{}</time_zone_name>", esc(&s.venue.timezone));
    for t in &s.tracks {
        let _ = writeln!(x, "    <track name=\"{}\"/>", esc(site.pick(&t.name_zh, &t.name_en)));
    }
    x.push_str("  </conference>\n");
    for (i, day) in s.days().iter().enumerate() {
        let today: Vec<&Event> = all.iter().filter(|e| events::day_of(e, tz) == *day).collect();
        let (start, end) = super::c3voc::day_span(*day, &today, tz);
        let _ = writeln!(x, "  <day index=\"{}\" date=\"{day}\" start=\"{start}\" end=\"{end}\">", i + 1);
        let mut rooms: Vec<(Option<i64>, String, Option<&str>)> = s
            .rooms
            .iter()
            .zip(&names)
            .map(|(r, (id, n))| (Some(*id), n.clone(), Some(r.guid.as_str())))
            .collect();
        if today.iter().any(|e| e.session.room_id.is_none()) {
            rooms.push((None, events::no_room(site).to_string(), None));
        }
        for (room_id, name, guid) in rooms {
            match guid {
                Some(g) => {
                    let _ = writeln!(x, "    <room name=\"{}\" guid=\"{}\">", esc(&name), esc(g));
                }
                None => {
                    let _ = writeln!(x, "    <room name=\"{}\">", esc(&name));
                }
            }
            for e in today.iter().filter(|e| e.session.room_id == room_id) {
                event(&mut x, e, s, site, &name, &acronym, tz);
            }
            x.push_str("    </room>\n");
        }
        x.push_str("  </day>\n");
    }
    x.push_str("</schedule>\n");
    x
}

fn event(x: &mut String, e: &Event, s: &Snapshot, site: &Site, room: &str, acronym: &str, tz: Tz) {
    let base = &site.base_url;
    let slug = &s.venue.slug;
    let track = e
        .session
        .track_id
        .and_then(|t| s.track(t))
        .map_or("", |t| site.pick(&t.name_zh, &t.name_en));
    let minutes = e.minutes();
    let en = Site {
        lang: "en".into(),
        ..site.clone()
    };
    let _ = writeln!(x, "      <event id=\"{}\" guid=\"{}\">", e.id, esc(e.guid));
    let _ = writeln!(x, "        <room>{}</room>", esc(room));
    let _ = writeln!(x, "        <title>{}</title>", esc(e.title(site)));
    x.push_str("        <subtitle></subtitle>\n");
    let _ = writeln!(x, "        <type>{}</type>", e.kind());
    let _ = writeln!(x, "        <date>{}</date>", local(e.start, tz));
    let _ = writeln!(x, "        <start>{}</start>", e.start.with_timezone(&tz).format("%H:%M"));
    let _ = writeln!(x, "        <duration>{:02}:{:02}</duration>", minutes / 60, minutes % 60);
    let _ = writeln!(
        x,
        "        <abstract>{}</abstract>",
        esc(e.talk.map_or("", |t| t.abstract_text.as_str()))
    );
    let _ = writeln!(x, "        <slug>{}</slug>", esc(&events::slug(acronym, e.id, e.title(&en))));
    let _ = writeln!(x, "        <track>{}</track>", esc(track));
    x.push_str("        <persons>\n");
    for p in e.persons() {
        let _ = writeln!(
            x,
            "          <person guid=\"{}\">{}</person>",
            esc(&p.guid),
            esc(p.name(&site.lang))
        );
    }
    x.push_str("        </persons>\n");
    let _ = writeln!(
        x,
        "        <language>{}</language>",
        esc(e.talk.map_or("zh", |t| t.language.as_str()))
    );
    x.push_str("        <links>\n");
    if let Some(pdf) = e.pdf(base, slug) {
        let _ = writeln!(x, "          <link href=\"{}\">PDF</link>", esc(&pdf));
    }
    x.push_str("        </links>\n");
    let _ = writeln!(x, "        <url>{}</url>", esc(&e.url(base, slug)));
    x.push_str("      </event>\n");
}
