// Usage: node query-page.mjs http://127.0.0.1:PORT/ SCREENSHOT.png
// Opens the query page in headless Chromium, types a query, runs it, checks
// the rows, clicks a document IRI and checks that its TEI is shown.
import { chromium } from 'playwright-core';

const [url, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  const query = 'PREFIX schema: <http://schema.org/>\n' +
    'SELECT ?doc ?sender WHERE { ?doc schema:position ?n ; schema:sender/schema:name ?sender } ORDER BY ?n';
  await page.fill('#query', query);
  await page.click('#run');
  await page.waitForSelector('#results tbody tr');
  const rows = await page.$$eval('#results tbody tr', trs => trs.map(tr => [...tr.cells].map(td => td.textContent)));
  console.log('rows ' + JSON.stringify(rows));
  const status = await page.textContent('#status');
  console.log('status ' + status);
  // an example query is one click away
  await page.click('#examples button');
  const loaded = await page.inputValue('#query');
  console.log('example ' + (loaded.includes('SELECT') || loaded.includes('CONSTRUCT')));
  // a document IRI shows the document's TEI
  await page.click('#results a.doc');
  await page.waitForFunction(() => document.getElementById('tei').textContent.includes('<TEI'));
  const tei = await page.textContent('#tei');
  console.log('tei ' + tei.includes('<teiHeader>'));
  if (shot) await page.screenshot({ path: shot, fullPage: true });
} finally {
  await browser.close();
}
