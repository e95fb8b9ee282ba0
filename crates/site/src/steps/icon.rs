//! Step `icon`: `/favicon.ico`, the site's `icon.svg` drawn at a tab's
//! sizes ([`bantin_images::icon`]), for the browsers and documents that ask
//! for it instead of the SVG (a 404 before).

/// The SVG icon (Trunk copies it in) and the file drawn from it.
pub const SVG: &str = "icon.svg";
pub const ICO: &str = "favicon.ico";

pub fn run(build: &super::Build) -> Result<String, String> {
    let dist = build.dist.as_path();
    let svg = dist.join(SVG);
    let bytes = std::fs::read(&svg).map_err(|e| format!("{}: {e}", svg.display()))?;
    let ico = bantin_images::icon::favicon(&bytes).map_err(|e| format!("{SVG}: {e}"))?;
    super::put_bytes(&dist.join(ICO), &ico)?;
    Ok(format!(
        "/{ICO} from /{SVG} at {:?} px ({} bytes)",
        bantin_images::icon::FAVICON_SIZES,
        ico.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_file_is_made_beside_the_svg_and_a_broken_svg_stops_the_build() {
        let dist = tempfile::tempdir().expect("a folder");
        let build = super::super::Build::new(
            dist.path(),
            bantin::model::share::SiteUrl::parse("https://baobackan.vn").expect("a url"),
            dist.path(),
            false,
        );
        std::fs::write(
            dist.path().join(SVG),
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0b57a4"/></svg>"##,
        )
        .expect("an icon");
        run(&build).expect("made");
        let ico = std::fs::read(dist.path().join(ICO)).expect("favicon.ico");
        assert_eq!(&ico[..4], &[0, 0, 1, 0]);
        std::fs::write(dist.path().join(SVG), "<svg").expect("a broken icon");
        let error = run(&build).expect_err("a broken icon is an error");
        assert!(error.starts_with("icon.svg: "), "{error}");
    }
}
