//! "Tùy chọn": the reading preferences panel beside the size buttons, a
//! disclosure (not a modal) of native radio groups, so arrow keys, screen
//! readers and forced-colors mode all work as they do in any form.

use crate::prefs::{FontScaleCtx, Pref, ReadingPrefs};
use crate::reading::Choice;
use leptos::html::Button;
use leptos::prelude::*;

/// The panel's id, for the toggle's `aria-controls`.
const PANEL_ID: &str = "reading-prefs";

/// The button that opens and closes the panel.
#[component]
pub fn PrefsToggle(
    /// Whether the panel is open.
    open: RwSignal<bool>,
    /// The button itself, so the panel can give focus back to it.
    node_ref: NodeRef<Button>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="prefs-toggle"
            node_ref=node_ref
            aria-expanded=move || open.get().to_string()
            aria-controls=move || open.get().then_some(PANEL_ID)
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Tùy chọn"
        </button>
    }
}

/// Line spacing, width, theme and typeface, and one reset for all of them
/// and the size. Esc closes it and puts focus back on the toggle.
#[component]
pub fn PrefsPanel(
    /// Whether the panel is open.
    open: RwSignal<bool>,
    /// The toggle, which gets focus back when Esc closes the panel.
    toggle: NodeRef<Button>,
) -> impl IntoView {
    let prefs = ReadingPrefs::expect();
    let size = FontScaleCtx::expect();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                if let Err(e) = button.focus() {
                    web_sys::console::warn_2(&"bantin: could not focus the toggle:".into(), &e);
                }
            }
        }
    };
    view! {
        <Show when=move || open.get()>
            <div id=PANEL_ID class="prefs-panel" role="group" aria-label="Tùy chọn hiển thị" on:keydown=on_keydown>
                {choice_group(prefs.spacing)}
                {choice_group(prefs.width)}
                {choice_group(prefs.theme)}
                {choice_group(prefs.typeface)}
                <div class="prefs-actions">
                    <button
                        type="button"
                        class="prefs-reset"
                        disabled=move || prefs.all_default(size)
                        on:click=move |_| prefs.reset_all(size)
                    >
                        "Đặt lại tất cả"
                    </button>
                    <button type="button" class="prefs-close" on:click=move |_| open.set(false)>
                        "Đóng"
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// One preference as a group of radio buttons: the generic part is only this
/// adapter, so the view code exists once in the WASM, not once per preference.
fn choice_group<T: Choice>(pref: Pref<T>) -> impl IntoView {
    view! {
        <ChoiceGroup
            group=T::ATTRIBUTE.trim_start_matches("data-")
            legend=T::LEGEND
            choices=T::ALL.iter().map(|c| (c.name(), c.label())).collect()
            selected=Signal::derive(move || pref.get().name())
            choose=Callback::new(move |name: &'static str| {
                if let Some(choice) = T::from_stored(name) {
                    pref.choose(choice);
                }
            })
        />
    }
}

#[component]
fn ChoiceGroup(
    /// The radio group's name, e.g. `theme`.
    group: &'static str,
    /// The group's visible name.
    legend: &'static str,
    /// (stored name, label) of each choice.
    choices: Vec<(&'static str, &'static str)>,
    /// The stored name of the current choice.
    selected: Signal<&'static str>,
    /// Called with the stored name the reader picked.
    choose: Callback<&'static str>,
) -> impl IntoView {
    let choices = choices
        .into_iter()
        .map(|(name, label)| {
            view! {
                <label class="pref-choice">
                    <input
                        type="radio"
                        name=group
                        value=name
                        prop:checked=move || selected.get() == name
                        on:change=move |_| choose.run(name)
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="pref-group" data-pref=group>
            <legend>{legend}</legend>
            {choices}
        </fieldset>
    }
}
