//! A youth forum's topics (专题): commissioned by its executive chairs, who name a convener, or
//! proposed openly by anyone signed in and adopted or declined with a reason. An adopted topic
//! becomes one of the venue's topics, so authors choose it when they submit and reviewers
//! declare it as expertise: the review module works on it as on any topic.

pub mod api;
pub mod demo;
pub mod model;
pub mod pages;
pub mod routes;
pub mod service;
pub mod store;
pub mod validate;
pub mod view;
