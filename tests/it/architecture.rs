//! The top-level modules form a layered graph with no circles: each may import only the
//! modules listed for it here. Adding a forbidden `crate::x` path anywhere under `src/x/`
//! (or `src/x.rs`) fails this test; so does an allowed graph that has a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module → the modules it may import. The wiring (`startup`) is the only place that knows
/// the Telegram adapter (`bot`); the command line knows only the wiring.
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("clock", &[]),
    ("telemetry", &[]),
    ("i18n", &[]),
    ("config", &["domain"]),
    ("storage", &["domain", "config"]),
    ("ops", &["domain", "storage", "config", "clock", "i18n"]),
    (
        "service",
        &["domain", "storage", "report", "config", "clock", "i18n"],
    ),
    ("report", &["domain", "i18n"]),
    // VK communities (issue 13): a front end like the bots, calling the candidate use cases.
    (
        "vk",
        &[
            "service",
            "domain",
            "storage",
            "scheduler",
            "config",
            "clock",
        ],
    ),
    (
        "scheduler",
        &[
            "domain", "storage", "service", "config", "clock", "i18n", "ops",
        ],
    ),
    (
        "bot",
        &[
            "vk",
            "domain",
            "i18n",
            "storage",
            "service",
            "scheduler",
            "report",
            "config",
            "clock",
            "ops",
        ],
    ),
    // The MAX adapter reuses the Telegram adapter's messenger-neutral renderers for now.
    (
        "max",
        &["bot", "domain", "i18n", "scheduler", "service", "storage"],
    ),
    (
        "startup",
        &[
            "bot",
            "max",
            "domain",
            "i18n",
            "storage",
            "service",
            "scheduler",
            "report",
            "config",
            "clock",
            "telemetry",
            "ops",
        ],
    ),
    ("cli", &["startup", "config", "domain", "i18n", "ops"]),
];

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("readable src dir") {
            rust_files(&entry.expect("dir entry").path(), out);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The top-level modules a piece of code names through `crate::` (comments skipped).
fn imports(code: &str, modules: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or_default();
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                // `use crate::{a::X, b};`: the first segment of each item.
                Some(group) => group
                    .split(',')
                    .map(|item| item.trim().split("::").next().unwrap_or_default())
                    .collect(),
                None => vec![rest],
            };
            for name in names {
                let ident: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if modules.contains(ident.as_str()) {
                    found.insert(ident);
                }
            }
        }
    }
    found
}

fn actual_graph(src: &Path, modules: &BTreeSet<&str>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for module in modules {
        let mut files = Vec::new();
        rust_files(&src.join(module), &mut files);
        rust_files(&src.join(format!("{module}.rs")), &mut files);
        let mut uses = BTreeSet::new();
        for file in files {
            let code = std::fs::read_to_string(&file).expect("readable source");
            uses.extend(imports(&code, modules));
        }
        uses.remove(*module);
        graph.insert(module.to_string(), uses);
    }
    graph
}

#[test]
fn top_level_modules_import_only_what_the_layering_allows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let modules: BTreeSet<&str> = allowed.keys().copied().collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ") {
            let name = name.trim_end_matches(';');
            assert!(
                modules.contains(name),
                "new top-level module `{name}`: add it to ALLOWED"
            );
        }
    }
    let mut wrong = Vec::new();
    for (module, uses) in actual_graph(&src, &modules) {
        for used in uses {
            if !allowed[module.as_str()].contains(used.as_str()) {
                wrong.push(format!("{module} -> {used}"));
            }
        }
    }
    assert!(wrong.is_empty(), "forbidden imports: {wrong:?}");
}

#[test]
fn the_allowed_graph_has_no_circles() {
    let allowed: BTreeMap<&str, Vec<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.to_vec()))
        .collect();
    // Repeatedly remove modules whose dependencies are all removed; a circle is what stays.
    let mut left: BTreeSet<&str> = allowed.keys().copied().collect();
    loop {
        let ready: Vec<&str> = left
            .iter()
            .copied()
            .filter(|m| allowed[m].iter().all(|d| !left.contains(d)))
            .collect();
        if ready.is_empty() {
            break;
        }
        for m in ready {
            left.remove(m);
        }
    }
    assert!(left.is_empty(), "circle among {left:?}");
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    let modules: BTreeSet<&str> = ["bot", "cli", "domain"].into_iter().collect();
    let code = "use crate::{bot::x, domain};\nlet a = crate::cli::f(); // crate::domain\n";
    let found = imports(code, &modules);
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["bot", "cli", "domain"]
    );
    assert!(imports("// use crate::bot::x;", &modules).is_empty());
}
