//! The query page, end to end in headless Chromium: type a query, run it,
//! see the rows, click a document and see its TEI.

mod common;
use common::*;
use std::process::Command;

#[test]
fn type_a_query_run_it_see_the_rows() {
    let dir = root().join("tests/browser");
    let ready = dir.join("node_modules/playwright-core").exists()
        && Command::new("node").arg("--version").output().is_ok()
        && std::path::Path::new(
            &std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        )
        .exists();
    if !ready {
        if std::env::var_os("CI").is_some() {
            panic!("CI needs node, chromium and tests/browser/node_modules (npm install in tests/browser)");
        }
        eprintln!("notice: chromium or playwright-core missing; browser test skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let server = start_server(&demo_store(tmp.path()), &[], None);
    let port = server.port;
    let shot = tmp.path().join("page.png");
    let out = Command::new("node")
        .arg(dir.join("query-page.mjs"))
        .arg(format!("http://127.0.0.1:{port}/"))
        .arg(&shot)
        .current_dir(&dir)
        .output()
        .unwrap();
    drop(server);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains(r#"["https://history.state.gov/historicaldocuments/frus1959v99/d1","Department of State"]"#), "{text}");
    assert!(text.contains(r#"["https://history.state.gov/historicaldocuments/frus1959v99/d2","Walter C. Dowling"]"#), "{text}");
    assert!(text.contains("status 2 rows"), "{text}");
    assert!(text.contains("example true"), "{text}");
    assert!(text.contains("tei true"), "{text}");
    assert!(shot.exists());
}
