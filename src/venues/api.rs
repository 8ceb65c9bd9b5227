//! Public venue listing.

use actix_web::web;
use serde::Serialize;

use super::model::{Track, Venue};
use super::store;
use crate::error::AppResult;
use crate::web::AppState;

/// A venue with its tracks.
#[derive(Serialize, utoipa::ToSchema)]
pub struct VenueView {
    /// The venue.
    #[serde(flatten)]
    pub venue: Venue,
    /// Its tracks and forums.
    pub tracks: Vec<Track>,
}

/// Loads venues with their tracks.
pub async fn load(state: &AppState) -> AppResult<Vec<VenueView>> {
    state
        .db
        .run(|c| {
            let venues = store::list(c)?;
            let ids: Vec<i64> = venues.iter().map(|v| v.id).collect();
            let tracks = store::tracks_of(c, &ids)?;
            Ok(venues
                .into_iter()
                .map(|v| {
                    let t = tracks
                        .iter()
                        .filter(|t| t.venue_id == v.id)
                        .cloned()
                        .collect();
                    VenueView {
                        venue: v,
                        tracks: t,
                    }
                })
                .collect())
        })
        .await
}

/// Every public venue.
#[utoipa::path(get, path = "/api/v1/venues", tag = "venues", responses((status = 200, body = Vec<VenueView>)))]
pub async fn list(state: web::Data<AppState>) -> AppResult<web::Json<Vec<VenueView>>> {
    Ok(web::Json(load(&state).await?))
}
