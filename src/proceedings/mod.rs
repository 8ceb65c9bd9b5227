//! Conference proceedings: final versions assembled into volumes.

pub mod citation;
pub mod model;
pub mod plan;
pub mod store;
pub mod validate;
