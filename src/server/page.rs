//! The query page at `/`: an editor, the example queries one click away,
//! results as a table, and a document's TEI when its IRI is clicked.

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// JSON string literal of `s`.
fn js(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

pub fn html() -> String {
    let examples: Vec<String> = EXAMPLES
        .iter()
        .map(|(name, q)| format!("[{}, {}]", js(name), js(q)))
        .collect();
    PAGE.replace("/*EXAMPLES*/", &examples.join(",\n"))
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>frus-ld SPARQL</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
textarea { width: 100%; height: 14em; font-family: monospace; font-size: 0.9em; }
#examples button { margin: 0 0.3em 0.3em 0; }
table { border-collapse: collapse; margin-top: 1em; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
#status { margin-top: 0.5em; color: #555; }
#status.error { color: #a00; }
#tei { white-space: pre-wrap; font-family: monospace; font-size: 0.8em; background: #f7f7f7; padding: 1em; display: none; }
</style>
</head>
<body>
<h1>frus-ld: SPARQL over FRUS documents</h1>
<p>Endpoint: <code>/query</code> (SPARQL 1.1 Protocol). Example queries:</p>
<div id="examples"></div>
<textarea id="query" spellcheck="false" aria-label="SPARQL query">SELECT ?doc ?title WHERE { ?doc a <http://schema.org/Message> ; <http://purl.org/dc/terms/title> ?title } ORDER BY ?doc LIMIT 20</textarea>
<div><button id="run">Run query</button></div>
<div id="status"></div>
<table id="results"></table>
<h2 id="tei-title" style="display:none">TEI</h2>
<div id="tei"></div>
<script>
const EXAMPLES = [
/*EXAMPLES*/
];
const ex = document.getElementById('examples');
for (const [name, q] of EXAMPLES) {
  const b = document.createElement('button');
  b.textContent = name.replace(/-/g, ' ');
  b.onclick = () => { document.getElementById('query').value = q; };
  ex.appendChild(b);
}
function cell(term) {
  const td = document.createElement('td');
  if (!term) return td;
  if (term.type === 'uri' && term.value.startsWith('https://history.state.gov/historicaldocuments/')) {
    const a = document.createElement('a');
    a.href = '#'; a.textContent = term.value; a.className = 'doc';
    a.onclick = (e) => { e.preventDefault(); showTei(term.value); };
    td.appendChild(a);
  } else {
    td.textContent = term.value;
  }
  return td;
}
async function showTei(iri) {
  const r = await fetch('/tei?doc=' + encodeURIComponent(iri));
  const box = document.getElementById('tei');
  box.style.display = 'block';
  document.getElementById('tei-title').style.display = 'block';
  box.textContent = r.ok ? await r.text() : ('No TEI: ' + await r.text());
}
async function run() {
  const status = document.getElementById('status');
  const table = document.getElementById('results');
  status.className = ''; status.textContent = 'running…'; table.innerHTML = '';
  const started = performance.now();
  const r = await fetch('/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json, text/turtle;q=0.5' },
    body: document.getElementById('query').value,
  });
  const ms = Math.round(performance.now() - started);
  if (!r.ok) { status.className = 'error'; status.textContent = 'Error ' + r.status + ': ' + await r.text(); return; }
  const type = r.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    const pre = document.createElement('pre'); pre.textContent = await r.text();
    const tr = table.insertRow(); const td = tr.insertCell(); td.appendChild(pre);
    status.textContent = 'graph in ' + ms + ' ms'; return;
  }
  const data = await r.json();
  if ('boolean' in data) { status.textContent = 'answer: ' + (data.boolean ? 'yes' : 'no') + ' (' + ms + ' ms)'; return; }
  const vars = data.head.vars;
  const head = table.createTHead().insertRow();
  for (const v of vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  const body = table.createTBody();
  for (const b of data.results.bindings) {
    const tr = body.insertRow();
    for (const v of vars) tr.appendChild(cell(b[v]));
  }
  status.textContent = data.results.bindings.length + ' rows in ' + ms + ' ms';
}
document.getElementById('run').onclick = run;
</script>
</body>
</html>
"#;
