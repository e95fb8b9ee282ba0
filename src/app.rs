//! The router, the route table and the app-wide providers.

use crate::components::site_header::SiteHeader;
use crate::prefs::{FontScaleCtx, ReadingPrefs};
use crate::routes::{
    article::ArticlePage,
    home::{Home, OlderPage},
    not_found::NotFound,
    search_page::SearchPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    FontScaleCtx::provide();
    ReadingPrefs::provide();
    // After the first render: the worker's install downloads the shell in
    // the background, never ahead of the page.
    Effect::new(crate::offline::register_service_worker);
    // Where the page has no script of its own (`make dev`): the controls show.
    Effect::new(crate::takeover::mark_scripted);
    view! {
        <Router>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/trang/:n") view=OlderPage />
                    <Route path=path!("/tim-kiem") view=SearchPage />
                    <Route path=path!("/articles/:slug") view=ArticlePage />
                </Routes>
            </main>
        </Router>
    }
}
