//! The host side of bantin: the build steps that run after Trunk, and the
//! local server. Pure rules (what to serve, with which headers) are in
//! [`rules`]; [`compress`] and [`serve`] put them to work.

pub mod compress;
pub mod rules;
pub mod serve;
