//! Step `listen`: the loader of "Nghe bài viết"'s speaking part
//! (src/bin/listen.rs, Trunk's third target, listen.html) as a module of its
//! own, `/listen.js` (`bantin::components::listen::MODULE`), which the
//! page's script adds to the page on the first press of "Nghe": only
//! readers who listen download that WASM. Runs after `glue` (which minifies
//! this glue too) and before `worker` (which keeps these files offline).

use bantin::components::listen::{FAILED_EVENT, MODULE};

/// Trunk's page for the speaking part (listen.html, copied in by `make build`).
pub const LISTEN_PAGE: &str = "listen.html";

/// The module that starts the speaking part from its glue (by file stem,
/// `listen-<hash>`), and tells the page's script if it could not.
pub fn module(glue: &str) -> String {
    format!(
        "import init from '/{glue}.js';\n\
         init({{ module_or_path: \"/{glue}_bg.wasm\" }}).catch((e) => {{\n  \
         console.error(\"bantin: the reading aloud did not start:\", e);\n  \
         document.dispatchEvent(new Event(\"{FAILED_EVENT}\"));\n}});\n"
    )
}

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let page = dist.join(LISTEN_PAGE);
    let glue = super::html::loaded_glue(&super::read(&page)?)?
        .ok_or_else(|| format!("{LISTEN_PAGE}: expected one loader importing a glue file"))?;
    for file in [format!("{glue}.js"), format!("{glue}_bg.wasm")] {
        if !dist.join(&file).is_file() {
            return Err(format!("{LISTEN_PAGE} loads {file}, which is not in dist/"));
        }
    }
    let name = MODULE.trim_start_matches('/');
    super::write(&dist.join(name), &module(&glue))?;
    std::fs::remove_file(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    Ok(format!("{MODULE} loads {glue}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_loads_the_glue_and_its_wasm_and_says_when_it_cannot() {
        let dist = tempfile::tempdir().expect("a folder");
        let loader = "<script type=module>import init, * as bindings from '/listen-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: '/listen-0123456789abcdef_bg.wasm' });</script>";
        std::fs::write(dist.path().join(LISTEN_PAGE), loader).expect("a page");
        let build = super::super::Build::new(
            dist.path(),
            bantin::model::share::SiteUrl::parse("https://example.org").expect("an origin"),
            dist.path(),
            false,
        );
        assert!(run(&build).is_err(), "the glue is not there");
        for file in [
            "listen-0123456789abcdef.js",
            "listen-0123456789abcdef_bg.wasm",
        ] {
            std::fs::write(dist.path().join(file), "x").expect("a file");
        }
        run(&build).expect("the step");
        let module = std::fs::read_to_string(dist.path().join("listen.js")).expect("listen.js");
        assert!(module.starts_with("import init from '/listen-0123456789abcdef.js';"));
        assert_eq!(
            super::super::html::glue_of(&module),
            Some("listen-0123456789abcdef")
        );
        assert!(module.contains("module_or_path: \"/listen-0123456789abcdef_bg.wasm\""));
        assert!(module.contains(&format!("new Event(\"{FAILED_EVENT}\")")));
        assert!(
            !dist.path().join(LISTEN_PAGE).exists(),
            "Trunk's page is gone"
        );
    }
}
