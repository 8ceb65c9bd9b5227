//! Route registration, once per route: an area lists its routes in its own `routes.rs`, and the
//! same list both mounts the handlers in actix and, for the API, builds the OpenAPI document.
//! An API route's method and path are read from its `#[utoipa::path]` annotation, so the
//! document cannot name a path the server does not serve, nor miss one it does.

use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, Route, web};
use utoipa::openapi::path::{HttpMethod, Paths, PathsBuilder};
use utoipa::openapi::{RefOr, schema::Schema};

/// One registered route, as the route table test sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The HTTP method, upper case.
    pub method: String,
    /// The actix path pattern, e.g. `/venues/{slug}`.
    pub path: String,
    /// Whether the route is in the OpenAPI document.
    pub documented: bool,
}

/// Collects routes: mounts them when given a service config, and always records them.
pub struct Routes<'a> {
    cfg: Option<&'a mut web::ServiceConfig>,
    entries: Vec<Entry>,
    paths: PathsBuilder,
    schemas: Vec<(String, RefOr<Schema>)>,
}

impl<'a> Routes<'a> {
    /// Registration that mounts every route on `cfg`.
    pub fn mounting(cfg: &'a mut web::ServiceConfig) -> Self {
        Routes {
            cfg: Some(cfg),
            entries: Vec::new(),
            paths: PathsBuilder::new(),
            schemas: Vec::new(),
        }
    }

    /// Registration that only records (for the OpenAPI document and the route table).
    pub fn recording() -> Routes<'static> {
        Routes {
            cfg: None,
            entries: Vec::new(),
            paths: PathsBuilder::new(),
            schemas: Vec::new(),
        }
    }

    /// A documented API route: `D` is the `__path_*` type `#[utoipa::path]` made for `handler`
    /// (the `api!` macro names both from one path).
    pub fn api<D, F, Args>(&mut self, handler: F)
    where
        D: utoipa::Path + utoipa::__dev::SchemaReferences,
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let path = D::path();
        for method in D::methods() {
            let method = actix_method(&method);
            self.mount(&path, method.clone(), web::method(method).to(handler.clone()), true);
        }
        self.paths = std::mem::take(&mut self.paths).path_from::<D>();
        D::schemas(&mut self.schemas);
    }

    /// A GET route outside the API document: a page or a download.
    pub fn get<F, Args>(&mut self, path: &str, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.mount(path, Method::GET, web::get().to(handler), false);
        self
    }

    /// A POST route outside the API document: a form.
    pub fn post<F, Args>(&mut self, path: &str, handler: F) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.mount(path, Method::POST, web::post().to(handler), false);
        self
    }

    fn mount(&mut self, path: &str, method: Method, route: Route, documented: bool) {
        self.entries.push(Entry {
            method: method.to_string(),
            path: path.to_string(),
            documented,
        });
        if let Some(cfg) = self.cfg.as_deref_mut() {
            cfg.route(path, route);
        }
    }

    /// Every route recorded so far, in registration order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The documented paths and the schemas they refer to.
    pub fn into_document_parts(self) -> (Paths, Vec<(String, RefOr<Schema>)>) {
        (self.paths.build(), self.schemas)
    }
}

fn actix_method(m: &HttpMethod) -> Method {
    match m {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Trace => Method::TRACE,
    }
}

/// Registers documented API handlers: `api!(r, venues::api::{list, get})` mounts each at the
/// method and path of its `#[utoipa::path]` and adds it to the OpenAPI document.
#[macro_export]
macro_rules! api {
    ($routes:expr, $($module:ident)::+ :: { $($handler:ident),+ $(,)? }) => {
        $crate::api!(@each $routes, ($($module)::+), $($handler),+)
    };
    (@each $routes:expr, $module:tt, $($handler:ident),+) => {
        $( $crate::api!(@one $routes, $module, $handler); )+
    };
    (@one $routes:expr, ($($module:ident)::+), $handler:ident) => {
        pastey::paste! { $routes.api::<$($module)::+ :: [<__path_ $handler>], _, _>($($module)::+ :: $handler) }
    };
}
