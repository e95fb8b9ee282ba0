//! The page's own script (src/page_script.js), with every name and number it
//! shares with the app written in from the app's constants: the size steps,
//! storage keys, attributes, the reading choices, the toolbar's classes, the
//! size keys. The build step `script` puts it in the shell, so every page
//! (pre-rendered or not) runs it before its first paint; the step `csp` then
//! allows it by hash. It also shows the crash message (src/crash.rs) if the
//! app's WebAssembly traps.

use crate::components::listen;
use crate::components::site_header::{SEARCH_FIELD_ID, SEARCH_FORM_ID};
use crate::components::toolbar::{LARGER_CLASS, RESET_CLASS, SMALLER_CLASS};
use crate::crash;
use crate::fallback;
use crate::font_scale::FontScale;
use crate::keymap::{Shortcut, NON_TEXT_INPUT_TYPES, SIZE_KEYS};
use crate::prefs::{
    FONT_SCALE_ATTRIBUTE, FONT_SCALE_KEY, FONT_SCALE_LABEL_PROPERTY, FONT_SCALE_PROPERTY,
};
use crate::reading::no_flash_table;
use crate::takeover::{PRERENDERED_ATTRIBUTE, SCRIPTED_ATTRIBUTE, SHARES_ATTRIBUTE, STATUS_ID};
use serde_json::{json, Map, Value};

const TEMPLATE: &str = include_str!("page_script.js");
/// Where the configuration goes. With `null` there, the template is still
/// valid JavaScript for editors and linters; the build always fills it.
const PLACEHOLDER: &str = "/*CONFIG*/ null";

/// The id of the `<script>` in index.html that the build fills.
pub const SCRIPT_ID: &str = "page-script";

/// What the script needs to know, from the app's own constants.
pub fn config() -> Value {
    let steps: Vec<Value> = FontScale::all()
        .map(|s| {
            json!([
                s.to_stored(),
                s.css_value(),
                s.announcement(),
                s.to_string()
            ])
        })
        .collect();
    let choices: Map<String, Value> = no_flash_table()
        .into_iter()
        .map(|(key, row)| (key.to_owned(), json!(row)))
        .collect();
    let keys: Map<String, Value> = SIZE_KEYS
        .iter()
        .filter_map(|(key, action)| {
            let action = match action {
                Shortcut::Larger => "larger",
                Shortcut::Smaller => "smaller",
                Shortcut::Reset => "reset",
                Shortcut::Help | Shortcut::CopyParagraphLink | Shortcut::Listen => return None,
            };
            Some(((*key).to_owned(), json!(action)))
        })
        .collect();
    json!({
        "prerendered": PRERENDERED_ATTRIBUTE,
        "scripted": SCRIPTED_ATTRIBUTE,
        "shares": SHARES_ATTRIBUTE,
        "statusId": STATUS_ID,
        "sizeKey": FONT_SCALE_KEY,
        "sizeProperty": FONT_SCALE_PROPERTY,
        "sizeAttribute": FONT_SCALE_ATTRIBUTE,
        "sizeLabel": FONT_SCALE_LABEL_PROPERTY,
        "steps": steps,
        "defaultStep": FontScale::default().index(),
        "choices": choices,
        "smaller": SMALLER_CLASS,
        "larger": LARGER_CLASS,
        "reset": RESET_CLASS,
        "keys": keys,
        "notText": NON_TEXT_INPUT_TYPES,
        "crash": [crash::CLASS, crash::TITLE, crash::TEXT, crash::RELOAD],
        "search": [SEARCH_FORM_ID, SEARCH_FIELD_ID],
        "listen": {
            "lang": crate::speech::VOICE_LANG,
            "voice": listen::VOICE_ATTRIBUTE,
            "ready": listen::READY_ATTRIBUTE,
            "play": listen::button_selector(listen::PLAY),
            "status": listen::STATUS_SELECTOR,
            "module": listen::MODULE,
            "failedEvent": listen::FAILED_EVENT,
            "loading": listen::LOADING,
            "failed": listen::LOAD_FAILED,
        },
        "noApp": [
            fallback::ID,
            crate::search::ROUTE,
            fallback::SEARCH_TITLE,
            fallback::SEARCH_TEXT,
            fallback::SEARCH_LINK,
            fallback::NOT_FOUND_TITLE,
            fallback::NOT_FOUND_TEXT,
            fallback::HOME_LINK,
        ],
    })
}

/// The script as the page runs it: the template without its comment lines
/// and indentation (every page carries it; on 3G each byte counts), with the
/// configuration in place. `<` is escaped in the configuration, so no value
/// can end the `<script>` element.
pub fn page_script() -> String {
    with_config(config())
}

/// The script as a pre-rendered page runs it: without the shell's messages
/// for a browser that cannot run the whole app (src/fallback.rs), which such
/// a page never shows (its text is there, its toolbar works without the
/// WASM). 0.45 KB brotli less on every article and list page.
pub fn prerendered_page_script() -> String {
    let mut config = config();
    config["noApp"] = Value::Null;
    with_config(config)
}

fn with_config(config: Value) -> String {
    let config = config.to_string().replace('<', "\\u003c");
    let code: Vec<&str> = TEMPLATE
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect();
    code.join("\n").replacen(PLACEHOLDER, &config, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_shows_the_controls_only_once_a_script_marks_the_page() {
        let css = include_str!("../style/main.css");
        for control in [".toolbar", ".help-button"] {
            assert!(
                css.contains(&format!("html:not([{SCRIPTED_ATTRIBUTE}]) {control}")),
                "{control} is hidden without a script"
            );
        }
        assert_eq!(config()["scripted"], SCRIPTED_ATTRIBUTE);
    }

    #[test]
    fn the_stylesheet_shows_one_label_of_the_copy_button_by_the_share_mark() {
        let css = include_str!("../style/main.css");
        assert!(css.contains(&format!("html[{SHARES_ATTRIBUTE}] .copy-link .copy-text")));
        assert!(css.contains(&format!(
            "html:not([{SHARES_ATTRIBUTE}]) .copy-link .share-text"
        )));
        assert_eq!(config()["shares"], SHARES_ATTRIBUTE);
        assert!(TEMPLATE.contains("root.setAttribute(C.shares"));
    }

    #[test]
    fn the_template_has_one_place_for_the_configuration() {
        assert_eq!(TEMPLATE.matches(PLACEHOLDER).count(), 1);
        let script = page_script();
        assert!(!script.contains(PLACEHOLDER));
        assert!(script.contains(r#""sizeKey":"bantin.font-scale""#));
        assert!(
            !script.contains("</"),
            "nothing can close the <script> early"
        );
        assert!(script
            .lines()
            .all(|l| !l.starts_with("//") && !l.starts_with(' ')));
        assert!(script.len() < TEMPLATE.len() + config().to_string().len());
    }

    #[test]
    fn the_steps_are_the_apps_steps_with_their_css_values_and_announcements() {
        let config = config();
        let steps = config["steps"].as_array().unwrap();
        assert_eq!(steps.len(), crate::font_scale::STEPS.len());
        assert_eq!(steps[0], json!(["80", "0.8", "Cỡ chữ 80%", "80%"]));
        assert_eq!(steps[7], json!(["200", "2", "Cỡ chữ 200%", "200%"]));
        assert_eq!(
            steps[config["defaultStep"].as_u64().unwrap() as usize][0],
            "100"
        );
    }

    #[test]
    fn every_size_key_of_the_app_has_its_action() {
        let config = config();
        let keys = config["keys"].as_object().unwrap();
        for (key, want) in [
            ("+", "larger"),
            ("=", "larger"),
            ("-", "smaller"),
            ("_", "smaller"),
            ("0", "reset"),
        ] {
            assert_eq!(keys[key], want, "{key}");
        }
        assert_eq!(keys.len(), 5);
        assert_eq!(
            config["choices"]["bantin.theme"],
            json!(["data-theme", "auto", "light", "dark", "sepia"])
        );
    }
}
