//! Reusable pieces of the page.

pub mod article_card;
pub mod article_view;
pub mod copy_link;
pub mod listen;
pub mod load_error;
pub mod paragraph_links;
pub mod reading_panel;
pub mod saved_notice;
pub mod shortcuts;
pub mod site_header;
pub mod toolbar;
