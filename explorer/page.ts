/**
 * The explorer's single page: plain HTML, CSS and JavaScript (no build step, nothing fetched from elsewhere),
 * reading `/explorer/api/…` on the same origin. Views: latest blocks (refreshed every 2 s), a block with its
 * extrinsics and events, an account, and a storage browser over every pallet (models, datasets, jobs, workers).
 */
export const EXPLORER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TrainChain explorer</title>
<style>
  :root { --bg: #0f1419; --panel: #171d24; --line: #263039; --text: #d8dee4; --dim: #8a96a3; --accent: #58a6ff; --ok: #3fb950; --bad: #f85149; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, sans-serif; background: var(--bg); color: var(--text); }
  header { display: flex; gap: 16px; align-items: center; padding: 12px 20px; background: var(--panel); border-bottom: 1px solid var(--line); flex-wrap: wrap; }
  header h1 { font-size: 17px; margin: 0; }
  header a { color: var(--text); text-decoration: none; }
  nav a { margin-right: 14px; color: var(--dim); }
  #search { margin-left: auto; display: flex; gap: 6px; }
  input { background: var(--bg); color: var(--text); border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; width: 380px; }
  button { background: var(--accent); color: #000; border: 0; border-radius: 6px; padding: 6px 12px; cursor: pointer; }
  main { padding: 16px 20px; max-width: 1300px; }
  .stats { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }
  .stat { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
  .stat b { display: block; font-size: 18px; }
  .stat span { color: var(--dim); font-size: 12px; }
  table { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 18px; }
  th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--dim); font-weight: 500; font-size: 12px; }
  a { color: var(--accent); }
  code, .mono { font-family: ui-monospace, monospace; font-size: 12.5px; word-break: break-all; }
  pre { margin: 0; white-space: pre-wrap; word-break: break-all; font-size: 12px; color: var(--dim); }
  .ok { color: var(--ok); } .bad { color: var(--bad); } .dim { color: var(--dim); }
  h2 { font-size: 15px; margin: 18px 0 8px; }
  .menu a { display: inline-block; margin: 2px 8px 2px 0; }
</style>
</head>
<body>
<header>
  <h1><a href="#/">⛓️ TrainChain explorer</a></h1>
  <nav><a href="#/">Blocks</a><a href="#/ai">AI</a><a href="#/state">State</a></nav>
  <form id="search"><input id="q" placeholder="block number or hash, account (SS58 or 0x…)"><button>Go</button></form>
</header>
<main id="view">Loading…</main>
<script>
const $ = (s) => document.querySelector(s);
const esc = (v) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const short = (h) => h && h.length > 20 ? h.slice(0, 10) + '…' + h.slice(-6) : (h ?? '');
const time = (ms) => ms ? new Date(ms).toLocaleTimeString() : '';
const units = (v) => { const n = BigInt(v ?? 0); const whole = n / 10n ** 18n; const frac = (n % 10n ** 18n).toString().padStart(18, '0').slice(0, 4); return whole.toLocaleString() + '.' + frac; };
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 1)) + '</pre>';
async function api(path) {
  const r = await fetch('/explorer/api/' + path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.message || r.statusText);
  return body;
}
let timer;
function blockRows(blocks) {
  return blocks.map((b) => '<tr><td><a href="#/block/' + b.number + '">#' + b.number + '</a></td><td class="mono">' + esc(short(b.hash)) + '</td><td>' + b.extrinsics + '</td><td>' + b.events + '</td><td class="mono">' + (b.author ? '<a href="#/account/' + b.author + '">' + esc(short(b.author)) + '</a>' : '') + '</td><td>' + time(b.timestamp) + '</td></tr>').join('');
}
async function home() {
  const h = await api('head?count=25');
  $('#view').innerHTML = '<div class="stats"><div class="stat"><span>chain</span><b>' + esc(h.chain) + '</b></div><div class="stat"><span>best</span><b>#' + h.best + '</b></div><div class="stat"><span>finalized</span><b>#' + h.finalized + '</b></div><div class="stat"><span>genesis</span><b class="mono">' + esc(short(h.genesisHash)) + '</b></div></div>' +
    '<table><tr><th>block</th><th>hash</th><th>extrinsics</th><th>events</th><th>author</th><th>time</th></tr>' + blockRows(h.blocks) + '</table>';
  timer = setTimeout(route, 2000);
}
async function block(id) {
  const b = await api('block/' + encodeURIComponent(id));
  const ext = b.extrinsics.map((x) => '<tr><td>' + x.index + '</td><td><b>' + esc(x.call) + '</b>' + json(x.ethereum ?? x.args) + '</td><td class="mono">' + (x.ethereum ? esc(short(x.ethereum.from)) + ' #' + x.ethereum.nonce : x.signer ? '<a href="#/account/' + x.signer + '">' + esc(short(x.signer)) + '</a> #' + x.nonce : '<span class="dim">unsigned</span>') + '</td><td>' + (x.success === null ? '' : x.success ? '<span class="ok">success</span>' : '<span class="bad">failed</span>' + json(x.error)) + '</td><td>' + (x.fee === null ? '' : units(x.fee)) + '</td></tr>').join('');
  const ev = b.events.map((e) => '<tr><td>' + e.index + '</td><td><b>' + esc(e.pallet + '.' + e.name) + '</b>' + json(e.data) + '</td><td>' + esc(typeof e.phase === 'string' ? e.phase : JSON.stringify(e.phase)) + '</td></tr>').join('');
  $('#view').innerHTML = '<h2>Block #' + b.number + '</h2><table>' +
    [['hash', b.hash], ['parent', b.parentHash], ['state root', b.stateRoot], ['extrinsics root', b.extrinsicsRoot], ['author', b.author], ['time', b.timestamp ? new Date(b.timestamp).toISOString() : '']].map(([k, v]) => '<tr><th>' + k + '</th><td class="mono">' + esc(v ?? '') + '</td></tr>').join('') +
    '</table><p>' + (b.number > 0 ? '<a href="#/block/' + (b.number - 1) + '">← #' + (b.number - 1) + '</a> ' : '') + '<a href="#/block/' + (b.number + 1) + '">#' + (b.number + 1) + ' →</a></p>' +
    '<h2>Extrinsics</h2><table><tr><th>#</th><th>call</th><th>signer</th><th>result</th><th>fee</th></tr>' + ext + '</table>' +
    '<h2>Events</h2><table><tr><th>#</th><th>event</th><th>phase</th></tr>' + ev + '</table>';
}
async function account(addr) {
  const a = await api('account/' + encodeURIComponent(addr));
  $('#view').innerHTML = '<h2>Account</h2><table>' + [['address', a.address], ['account id', a.accountId], ['nonce', a.nonce], ['free', units(a.free)], ['reserved', units(a.reserved)]].map(([k, v]) => '<tr><th>' + k + '</th><td class="mono">' + esc(v) + '</td></tr>').join('') + '</table>';
}
async function storage(pallet, item) {
  const s = await api('storage/' + encodeURIComponent(pallet) + '/' + encodeURIComponent(item) + '?limit=100');
  return '<h2>' + esc(pallet + '.' + item) + '</h2><p class="dim">' + esc(s.docs) + '</p><table><tr><th>key</th><th>value</th></tr>' + (s.entries.map((e) => '<tr><td class="mono">' + esc(e.key.map((k) => typeof k === 'object' ? JSON.stringify(k) : k).join(', ')) + '</td><td>' + json(e.value) + '</td></tr>').join('') || '<tr><td colspan="2" class="dim">empty</td></tr>') + '</table>';
}
async function ai() {
  const parts = await Promise.all([['Models', 'Models'], ['Datasets', 'Datasets'], ['Jobs', 'Jobs'], ['Workers', 'Workers']].map(async ([p, i]) => { try { return await storage(p, i); } catch (e) { return ''; } }));
  $('#view').innerHTML = parts.join('');
}
async function state(pallet, item) {
  const index = await api('storage');
  const menu = '<div class="menu">' + index.map((p) => '<div><b>' + esc(p.pallet) + '</b>: ' + p.items.map((i) => '<a href="#/state/' + p.pallet + '/' + i.name + '" title="' + esc(i.docs) + '">' + esc(i.name) + '</a>').join('') + '</div>').join('') + '</div>';
  $('#view').innerHTML = menu + (pallet ? await storage(pallet, item) : '');
}
async function route() {
  clearTimeout(timer);
  const [, view, a, b] = location.hash.split('/');
  try {
    if (view === 'block') await block(a);
    else if (view === 'account') await account(a);
    else if (view === 'ai') await ai();
    else if (view === 'state') await state(a, b);
    else await home();
  } catch (e) {
    $('#view').innerHTML = '<p class="bad">' + esc(e.message) + '</p>';
  }
}
$('#search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = $('#q').value.trim();
  location.hash = /^(\\d+|0x[0-9a-fA-F]{64})$/.test(q) ? '#/block/' + q : '#/account/' + q;
});
addEventListener('hashchange', route);
route();
</script>
</body>
</html>
`;
