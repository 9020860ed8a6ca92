//! The house rule of `app/src`, read from its `crate::…` and `super::…` paths: each module uses
//! only modules of its own layer or below (domain < contract < db < the server's platform <
//! services < api < ui), and no two modules use each other, directly or round a longer circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module's path from the crate root: `["server", "services", "children"]`.
type Module = Vec<String>;

/// The layers, lowest first, each by the module paths it holds.
const LAYERS: &[(&str, &[&str])] = &[
    ("domain", &["domain"]),
    ("contract", &["contract", "error"]),
    ("db", &["server::db"]),
    (
        "platform",
        &["server::state", "server::auth", "server::mail", "server"],
    ),
    ("services", &["server::services"]),
    ("api", &["api"]),
    ("ui", &["ui"]),
    ("crate root", &[""]),
];

fn layer_of(module: &Module) -> usize {
    let path = module.join("::");
    LAYERS
        .iter()
        .enumerate()
        .filter_map(|(n, (_, prefixes))| {
            prefixes
                .iter()
                .filter(|p| path == **p || path.starts_with(&format!("{p}::")) || p.is_empty())
                .map(|p| (p.len(), n))
                .max()
        })
        .max()
        .map(|(_, n)| n)
        .expect("every module has a layer")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).expect("a file below src");
    let mut parts: Module = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The `crate::…` and `super::…` paths of a source file, outside comments, as written:
/// `(true, ["api", "f"])` for `crate::api::f`, `(false, ["super", "db"])` for `super::db`.
fn paths_in(text: &str) -> Vec<(bool, Vec<String>)> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut starts: Vec<usize> = code
            .match_indices("crate::")
            .chain(code.match_indices("super::"))
            .map(|(at, _)| at)
            .filter(|at| {
                let before = code[..*at].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | ':'))
            })
            .collect();
        starts.sort_unstable();
        for at in starts {
            let from_crate = code[at..].starts_with("crate::");
            let mut segments = Vec::new();
            for part in code[at..].split("::").skip(usize::from(from_crate)) {
                let ident: String = part
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if ident.is_empty() {
                    break;
                }
                let whole = ident.len() == part.len();
                segments.push(ident);
                if !whole {
                    break;
                }
            }
            found.push((from_crate, segments));
        }
    }
    found
}

/// The module a path leads to: its longest prefix that is a module of the crate.
fn target(modules: &BTreeSet<Module>, segments: &[String]) -> Option<Module> {
    (1..=segments.len())
        .rev()
        .map(|n| segments[..n].to_vec())
        .find(|m| modules.contains(m))
}

fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut uses: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let text = std::fs::read_to_string(file).expect("a readable source file");
        for (from_crate, segments) in paths_in(&text) {
            let full = if from_crate {
                segments
            } else {
                // Each `super` is one module up: from `a::b`, `super::c` is `a::c`.
                let mut base = module.clone();
                let mut rest = segments.as_slice();
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                base
            };
            if let Some(used) = target(&modules, &full) {
                // A module using its own ancestor (a folder's shared helpers) is not an edge.
                if used != module && !module.starts_with(&used) {
                    uses.entry(module.clone()).or_default().insert(used);
                }
            }
        }
        uses.entry(module).or_default();
    }
    uses
}

#[test]
fn every_module_uses_only_its_own_layer_and_those_below() {
    let uses = graph();
    assert!(uses.len() > 100, "the source tree was read");
    let mut wrong = Vec::new();
    for (module, used) in &uses {
        for u in used {
            if layer_of(u) > layer_of(module) {
                wrong.push(format!(
                    "{} ({}) uses {} ({})",
                    module.join("::"),
                    LAYERS[layer_of(module)].0,
                    u.join("::"),
                    LAYERS[layer_of(u)].0
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "uses against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_modules_use_each_other_round_a_circle() {
    let uses = graph();
    // Depth-first search with colours: reaching a module still on the path closes a circle.
    fn visit(
        m: &Module,
        uses: &BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
        circles: &mut Vec<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = path.iter().position(|p| p == m) {
            let circle: Vec<String> = path[at..].iter().map(|p| p.join("::")).collect();
            circles.push(format!("{} → {}", circle.join(" → "), m.join("::")));
            return;
        }
        path.push(m.clone());
        for u in uses.get(m).into_iter().flatten() {
            visit(u, uses, path, done, circles);
        }
        path.pop();
        done.insert(m.clone());
    }
    let (mut done, mut circles) = (BTreeSet::new(), Vec::new());
    for m in uses.keys() {
        visit(m, &uses, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_reader_sees_paths_through_super_and_skips_comments() {
    let found = paths_in("use super::super::db::x; // crate::ui::Y\nlet a = crate::api::f();");
    assert_eq!(
        found,
        [
            (
                false,
                vec!["super".into(), "super".into(), "db".into(), "x".into()]
            ),
            (true, vec!["api".into(), "f".into()]),
        ]
    );
}
