//! The host side of bantin: the build steps that run after Trunk ([`steps`]),
//! the local server ([`serve`]) and the importer's command ([`import`]). The
//! serving rules that nginx shares are in [`rules`]; [`generate`] makes a
//! made-up archive for the scale tests; [`names`] gives the tests and the
//! bench the app's names.

pub mod generate;
pub mod import;
pub mod names;
pub mod publish;
pub mod rules;
pub mod serve;
pub mod steps;
