//! Embeds the example queries (`examples/queries/*.rq`) for the query page.

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=examples/queries");
    let mut entries: Vec<_> = fs::read_dir("examples/queries")
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "rq"));
    entries.sort();
    let mut out = String::from(
        "/// (name, query) of every example query.\npub const EXAMPLES: &[(&str, &str)] = &[\n",
    );
    for p in entries {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("query");
        let text = fs::read_to_string(&p).unwrap_or_default();
        out.push_str(&format!("    ({name:?}, {text:?}),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("examples.rs");
    fs::write(dest, out).expect("write examples.rs");
}
