// The flowwatch dashboard: reads the public API with a key kept in this browser, and follows the live stream.
'use strict';

const ASSETS = [
  { asset: 'BTC', kind: 'us-spot-etf', title: 'US spot Bitcoin ETFs', share: 'us-spot-etf:BTC' },
  { asset: 'ETH', kind: 'us-spot-etf', title: 'US spot Ether ETFs', share: 'us-spot-etf:ETH' },
  { asset: 'XRP', kind: 'us-spot-etf', title: 'US spot XRP ETFs' },
  { asset: 'SOL', kind: 'us-spot-etf', title: 'US spot Solana ETFs' },
];
const INSTRUMENTS = [['TOTAL', 'Crypto market cap'], ['BTC', 'Bitcoin'], ['ETH', 'Ether'], ['XAU', 'Gold'], ['MSFT', 'Microsoft']];

// A key may arrive once in the URL fragment (from ./flowwatch up); it is kept locally and removed from the URL.
(function takeKeyFromFragment() {
  const match = location.hash.match(/key=([A-Za-z0-9_-]+)/);
  if (match) { localStorage.setItem('flowwatch.key', match[1]); history.replaceState(null, '', location.pathname); }
})();
const apiKey = () => localStorage.getItem('flowwatch.key');

async function api(path) {
  const response = await fetch('/api/v1' + path, { headers: { 'X-API-Key': apiKey() } });
  if (response.status === 401) { askForKey(); throw new Error('API key needed'); }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function askForKey() {
  const form = document.getElementById('key-form');
  form.hidden = false;
  form.onsubmit = (e) => { e.preventDefault(); localStorage.setItem('flowwatch.key', document.getElementById('key-input').value.trim()); location.reload(); };
}

const num = (v) => v === null || v === undefined ? null : Number(v);
function usd(value) {
  const v = num(value);
  if (v === null || Number.isNaN(v)) return '–';
  const abs = Math.abs(v), sign = v < 0 ? '−' : '+';
  if (abs >= 1e12) return sign + '$' + (abs / 1e12).toFixed(2) + 'T';
  if (abs >= 1e9) return sign + '$' + (abs / 1e9).toFixed(2) + 'B';
  if (abs >= 1e6) return sign + '$' + (abs / 1e6).toFixed(1) + 'M';
  return sign + '$' + abs.toLocaleString('en-US');
}
const cls = (v) => num(v) < 0 ? 'neg' : num(v) > 0 ? 'pos' : '';
function setFigure(el, text, value) { el.textContent = text; el.className = el.className.split(' ')[0] + ' ' + cls(value); }

async function renderAsset(spec) {
  const node = document.getElementById('asset-template').content.firstElementChild.cloneNode(true);
  node.dataset.asset = spec.asset;
  node.querySelector('.title').textContent = spec.title;
  document.getElementById('assets').appendChild(node);
  const days = await api(`/flows/daily?asset=${spec.asset}&kind=${spec.kind}`) || [];
  if (days.length === 0) { node.querySelector('.context').textContent = 'no flows yet'; return; }
  const last = days[days.length - 1];
  const summary = await api(`/flows/summary?asset=${spec.asset}&kind=${spec.kind}&date=${last.date}`);
  if (summary) {
    setFigure(node.querySelector('.net'), usd(summary.net), summary.net);
    setFigure(node.querySelector('.wtd'), usd(summary.weekToDate), summary.weekToDate);
    setFigure(node.querySelector('.mtd'), usd(summary.monthToDate), summary.monthToDate);
    setFigure(node.querySelector('.ytd'), usd(summary.yearToDate), summary.yearToDate);
    const parts = [summary.date];
    if (summary.streak && summary.streak.days > 1) parts.push(`${summary.streak.days}-day ${summary.streak.direction} streak`);
    if (summary.record && summary.record.since) parts.push(`largest ${summary.record.direction} since ${summary.record.since}`);
    node.querySelector('.context').textContent = parts.join(' · ');
  }
  if (spec.share) {
    const share = await api(`/holdings/share?scope=${encodeURIComponent(spec.share)}&date=${last.date}`).catch(() => null);
    node.querySelector('.share').textContent = share ? Number(share.share).toFixed(2) + ' %' : '–';
  } else {
    node.querySelector('.share').textContent = '–';
  }
  let cumulative = 0;
  const line = days.map((d) => (cumulative += num(d.net)) / 1e6);
  new Chart(node.querySelector('canvas'), {
    data: {
      labels: days.map((d) => d.date),
      datasets: [
        { type: 'bar', label: 'daily net flow (US$ M)', data: days.map((d) => num(d.net) / 1e6),
          backgroundColor: days.map((d) => num(d.net) < 0 ? '#d23b3b' : '#1a9c5b'), yAxisID: 'y' },
        { type: 'line', label: 'cumulative (US$ M)', data: line, borderColor: '#3b5bd2', pointRadius: 0, yAxisID: 'y1' },
      ],
    },
    options: { animation: false, plugins: { legend: { labels: { boxWidth: 10 } } },
      scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { position: 'left' }, y1: { position: 'right', grid: { drawOnChartArea: false } } } },
  });
}

async function renderQuotes() {
  const body = document.querySelector('#quotes tbody');
  const latestAll = await api('/quotes/latest').catch(() => []) || [];
  for (const [instrument, name] of INSTRUMENTS) {
    const latest = latestAll.find((q) => q.instrument === instrument);
    if (!latest) continue;
    const change = await api(`/quotes/change?instrument=${instrument}&window=24h`).catch(() => null);
    const value = latest.price ?? latest.marketCap;
    const row = body.insertRow();
    row.insertCell().textContent = name;
    row.insertCell().textContent = instrument === 'TOTAL' ? usd(value).replace('+', '') : '$' + Number(value).toLocaleString('en-US');
    const cell = row.insertCell();
    cell.textContent = change ? Number(change.percent).toFixed(2).replace('-', '−') + ' %' : '–';
    cell.className = change ? cls(change.percent) : '';
  }
}

function addAlert(alert, isNew) {
  const list = document.getElementById('alerts');
  const item = document.createElement('li');
  item.className = 'sev-' + (alert.severity || 'info') + (isNew ? ' new' : '');
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `${alert.state} · ${alert.ruleName || alert.ruleId} · ${alert.at}`;
  item.append(meta, document.createTextNode(alert.message || alert.series));
  list.prepend(item);
}

async function renderAlertHistory() {
  const history = await api('/alerts?state=firing').catch(() => null);
  const items = Array.isArray(history) ? history : (history && (history.items || history.alerts)) || [];
  // The history lists transitions and the notifications they caused; the feed shows each transition once.
  items.filter((a) => !a.kind || a.kind === 'transition').slice(-50).forEach((a) => addAlert({
    ruleId: a.ruleId || a.rule, ruleName: a.ruleName, state: a.state || 'firing', severity: a.severity,
    at: a.at || a.firedAt || a.updatedAt, message: a.message, series: a.series,
  }, false));
}

// Server-Sent Events through fetch, so that the key travels in a header rather than in the URL.
async function followStream() {
  const live = document.getElementById('live');
  try {
    const response = await fetch('/api/v1/stream?types=alert', { headers: { 'X-API-Key': apiKey(), Accept: 'text/event-stream' } });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    live.classList.add('on');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end); buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (data) { const event = JSON.parse(data); if (event.data && event.data.ruleId) addAlert(event.data, true); }
      }
    }
  } catch (e) {
    console.warn('stream', e);
  }
  live.classList.remove('on');
  setTimeout(followStream, 3000);
}

async function main() {
  if (!apiKey()) { askForKey(); return; }
  const status = document.getElementById('status');
  status.textContent = 'loading…';
  try {
    await Promise.all([...ASSETS.map(renderAsset), renderQuotes(), renderAlertHistory()]);
    status.textContent = 'updated ' + new Date().toLocaleTimeString();
    document.body.dataset.ready = 'true';
  } catch (e) {
    status.textContent = e.message;
  }
  followStream();
}
main();
