//! The top-level modules form a layered graph with no circles: each may import only the
//! modules listed for it here. Adding a forbidden `crate::x` path anywhere under `src/x/`
//! (or `src/x.rs`) fails this test; so does an allowed graph that has a circle, a module
//! other than the wiring that may import a messenger adapter, or the `teloxide` crate named
//! outside the Telegram adapter.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module → the modules it may import. The wiring (`startup`) is the only place that knows
/// the messenger adapters (`bot` for Telegram, `max` for MAX); both render through the
/// messenger-neutral `front`; the command line knows only the wiring.
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
    // What both adapters show, in neutral form (cards, keyboards, notices, wording).
    (
        "front",
        &["domain", "i18n", "storage", "service", "config", "clock"],
    ),
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
            "front",
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
    (
        "max",
        &[
            "front",
            "vk",
            "domain",
            "i18n",
            "scheduler",
            "service",
            "storage",
            "ops",
        ],
    ),
    (
        "startup",
        &[
            "bot",
            "max",
            "front",
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

/// The modules that wire the adapters in: only they may know `bot` or `max`.
const WIRING: &[&str] = &["startup"];

#[test]
fn only_the_wiring_imports_a_messenger_adapter() {
    let wrong: Vec<String> = ALLOWED
        .iter()
        .filter(|(m, _)| !WIRING.contains(m))
        .flat_map(|(m, deps)| {
            deps.iter()
                .filter(|d| ["bot", "max"].contains(d))
                .map(move |d| format!("{m} -> {d}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "only the wiring may know an adapter: {wrong:?}"
    );
}

/// Where the code names `teloxide` (comments skipped), outside `src/bot`.
fn teloxide_outside_bot(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let bot = src.join("bot");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&bot)) {
        let code = std::fs::read_to_string(file).expect("readable source");
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or_default();
            if line.contains("teloxide") {
                found.push(format!("{}:{}", file.display(), n + 1));
            }
        }
    }
    found
}

#[test]
fn no_teloxide_type_lives_outside_the_telegram_adapter() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = teloxide_outside_bot(&src);
    assert!(found.is_empty(), "teloxide outside src/bot: {found:?}");
}

#[test]
fn the_teloxide_check_sees_code_and_skips_comments() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("bot")).expect("bot dir");
    std::fs::create_dir_all(dir.path().join("front")).expect("front dir");
    std::fs::write(dir.path().join("bot/a.rs"), "use teloxide::Bot;\n").expect("write");
    std::fs::write(
        dir.path().join("front/b.rs"),
        "// teloxide\nuse teloxide::types::Me;\n",
    )
    .expect("write");
    let found = teloxide_outside_bot(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("b.rs:2"), "{found:?}");
}
