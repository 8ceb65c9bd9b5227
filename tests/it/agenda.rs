//! Personal agendas: stars, feeds and counts.
