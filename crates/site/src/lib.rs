//! The host side of bantin: the build steps that run after Trunk ([`build`]),
//! and the local server ([`serve`]). The serving rules that nginx shares are
//! in [`rules`].

pub mod build;
pub mod rules;
pub mod serve;
