//! The app's modules import one way: entry points (src/main.rs,
//! src/bin/reader.rs) on top, then the pages and the build's views (routes,
//! app, prerendering's share tags, the page script's and the worker's
//! configuration), the components, and the leaf modules (names, marks, the
//! island helper, pure logic) at the bottom. This test reads every module of
//! src/ with syn and fails on a circle of imports, naming it, and on a leaf
//! module that imports a component.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// Modules at the bottom: they import no component, route or page.
const LEAVES: [&str; 13] = [
    "crash",
    "font_scale",
    "islands",
    "offline",
    "prefs",
    "prerender",
    "reading",
    "search",
    "keymap",
    "speech",
    "takeover",
    "api",
    "fallback",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `components::toolbar` for src/components/toolbar.rs; `components` for
/// its mod.rs. Entry points (lib.rs, main.rs, bin/) are not modules here.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?.with_extension("");
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [one] if one == "lib" || one == "main" => None,
        [first, ..] if first == "bin" => None,
        [.., last] if last == "mod" => Some(parts[..parts.len() - 1].join("::")),
        _ => Some(parts.join("::")),
    }
}

/// Every `crate::…` and `super::…` path a module names outside its tests.
struct Paths {
    module: Vec<String>,
    found: Vec<Vec<String>>,
}

impl Paths {
    fn absolute(&self, segments: Vec<String>) -> Option<Vec<String>> {
        match segments.first().map(String::as_str) {
            Some("crate") => Some(segments[1..].to_vec()),
            Some("super") => {
                let mut parent = self.module.clone();
                parent.pop();
                parent.extend(segments[1..].iter().cloned());
                Some(parent)
            }
            _ => None,
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                self.push([prefix.clone(), vec![n.ident.to_string()]].concat())
            }
            syn::UseTree::Rename(r) => {
                self.push([prefix.clone(), vec![r.ident.to_string()]].concat())
            }
            syn::UseTree::Glob(_) => self.push(prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(prefix, t)),
        }
    }

    fn push(&mut self, segments: Vec<String>) {
        if let Some(path) = self.absolute(segments) {
            self.found.push(path);
        }
    }
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_test(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_test(&item.attrs) {
            syn::visit::visit_item_fn(self, item);
        }
    }
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.push(segments);
        syn::visit::visit_path(self, path);
    }
    // The view! macro's body is tokens, not a syntax tree: its paths are
    // read from the tokens.
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let mut run: Vec<String> = Vec::new();
        let mut colons = 0;
        for token in mac.tokens.clone().into_iter().flat_map(flatten) {
            match token {
                proc_macro2::TokenTree::Punct(p) if p.as_char() == ':' => colons += 1,
                proc_macro2::TokenTree::Ident(i) if colons == 2 && !run.is_empty() => {
                    run.push(i.to_string());
                    colons = 0;
                }
                other => {
                    self.push(std::mem::take(&mut run));
                    colons = 0;
                    if let proc_macro2::TokenTree::Ident(i) = other {
                        run.push(i.to_string());
                    }
                }
            }
        }
        self.push(run);
    }
}

fn flatten(token: proc_macro2::TokenTree) -> Vec<proc_macro2::TokenTree> {
    match token {
        proc_macro2::TokenTree::Group(g) => g.stream().into_iter().flat_map(flatten).collect(),
        other => vec![other],
    }
}

/// Each module of src/ and the modules it imports.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<String, PathBuf> = files
        .iter()
        .filter_map(|f| Some((module_of(&src, f)?, f.clone())))
        .collect();
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).expect("a module is readable");
        let tree = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut paths = Paths {
            module: module.split("::").map(String::from).collect(),
            found: Vec::new(),
        };
        paths.visit_file(&tree);
        let mut deps = BTreeSet::new();
        for path in paths.found {
            // The longest module the path starts with.
            if let Some(dep) = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| modules.contains_key(m))
            {
                if &dep != module {
                    deps.insert(dep);
                }
            }
        }
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A circle through `from`, if there is one: the modules in order.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        goal: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == goal {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, goal, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_string()];
    walk(graph, from, from, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn the_modules_import_one_way() {
    let graph = imports();
    assert!(graph.len() > 20, "every module of src/ is read: {graph:?}");
    assert!(
        graph["components::article_view"].contains("components::toolbar"),
        "imports are seen: {graph:?}"
    );
    let circles: Vec<String> = graph
        .keys()
        .filter_map(|m| circle(&graph, m))
        .map(|c| format!("{} -> {}", c.join(" -> "), c[0]))
        .collect();
    assert!(
        circles.is_empty(),
        "circles of imports:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_leaf_modules_import_no_component_route_or_page() {
    let graph = imports();
    for leaf in LEAVES {
        let above: Vec<&String> = graph[leaf]
            .iter()
            .filter(|m| !LEAVES.contains(&m.as_str()))
            .collect();
        assert!(above.is_empty(), "{leaf} imports {above:?}");
    }
}
