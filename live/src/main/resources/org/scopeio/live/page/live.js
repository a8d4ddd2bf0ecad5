// The live view page: polls the Scopeio server for status (with the newest frame's histogram),
// the newest frame and the telemetry plots. Only one frame request is in flight at a time, so
// frames never queue up: each request gets the newest frame.
'use strict';

const STATUS_MS = 250;
const PLOTS_MS = 1000;
const PLOT_SECONDS = 120;
const COLORS = { host: '#f0883e', device: '#58a6ff', mean: '#a5d6ff', dropped: '#f85149',
  missing: '#bc8cff', battery: '#3fb950', band: 'rgba(165, 214, 255, 0.18)', grid: '#2d333b',
  text: '#8b95a3', window: '#d29922', bars: '#8b95a3' };

// What the page shows, readable by tests and the browser console.
const live = { connected: false, status: null, framesShown: 0, frameIndex: -1, frameWidth: 0,
  frameHeight: 0, frameLoading: false, shownKey: '', plotPoints: {}, plotUpdates: 0 };
window.scopeioLive = live;

const $ = (id) => document.getElementById(id);

function contrastQuery() {
  const mode = $('contrast-mode').value;
  let q = 'contrast=' + encodeURIComponent(mode);
  if (mode === 'fixed') {
    q += '&lo=' + encodeURIComponent($('lo').value) + '&hi=' + encodeURIComponent($('hi').value);
  }
  return q;
}

function setConnection(ok, text) {
  live.connected = ok;
  const c = $('connection');
  c.textContent = text;
  c.className = 'badge-inline ' + (ok ? 'ok' : 'bad');
}

async function pollStatus() {
  try {
    const r = await fetch('status.json?' + contrastQuery(), { cache: 'no-store' });
    if (!r.ok) throw new Error(await r.text());
    const s = await r.json();
    live.status = s;
    setConnection(true, 'recording');
    showStatus(s);
    loadFrame(s);
  } catch (e) {
    setConnection(false, 'no connection: recording ended?');
  }
  setTimeout(pollStatus, STATUS_MS);
}

function number(v, digits) {
  return v === null || v === undefined ? '–' : v.toFixed(digits);
}

function bytes(n) {
  if (n === null || n === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

function duration(seconds) {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
}

function flag(id, bad) {
  $(id).classList.toggle('bad', bad);
}

function showStatus(s) {
  $('device').textContent = s.device + ': ' + s.description + ' (' + s.width + '×' + s.height + ' '
    + s.pixelType + ')';
  $('frames').textContent = s.frames;
  $('fps-host').textContent = number(s.fpsHost, 1);
  $('fps-device').textContent = number(s.fpsDevice, 1);
  $('dropped').textContent = s.dropped + (s.buffersDropped ? ' (+' + s.buffersDropped + ' buf)' : '');
  $('missing').textContent = s.missing;
  $('padded').textContent = s.incomplete + ' / ' + s.padded + ' / ' + s.suspect;
  flag('badge-dropped', s.dropped > 0 || s.buffersDropped > 0);
  flag('badge-missing', s.missing > 0);
  flag('badge-padded', s.incomplete > 0);
  $('time').textContent = duration(s.seconds);
  const d = s.disk;
  let disk = bytes(d.free);
  if (d.secondsLeft !== null && d.secondsLeft !== undefined) {
    disk += ' (' + duration(d.secondsLeft) + ' left)';
  }
  $('disk').textContent = disk;
  $('badge-disk').classList.toggle('warning', !!d.warning);
  const body = $('files').tBodies[0];
  body.replaceChildren(...s.files.map((f) => {
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    name.textContent = f.name;
    const size = document.createElement('td');
    size.className = 'size';
    size.textContent = bytes(f.bytes);
    tr.append(name, size);
    return tr;
  }));
  $('lo').max = s.maxValue;
  $('hi').max = s.maxValue;
  if (s.histogram) drawHistogram(s.histogram, s.window, s.maxValue);
}

async function loadFrame(s) {
  const key = s.frameIndex + '|' + contrastQuery();
  if (live.frameLoading || s.frameIndex < 0 || key === live.shownKey) return;
  live.frameLoading = true;
  try {
    const r = await fetch('frame.png?' + contrastQuery(), { cache: 'no-store' });
    if (!r.ok) return;
    const index = Number(r.headers.get('X-Scopeio-Frame'));
    const span = r.headers.get('X-Scopeio-Window');
    const url = URL.createObjectURL(await r.blob());
    const img = $('frame');
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = reject;
      const old = img.src;
      img.src = url;
      if (old.startsWith('blob:')) URL.revokeObjectURL(old);
    });
    live.frameIndex = index;
    live.frameWidth = img.naturalWidth;
    live.frameHeight = img.naturalHeight;
    live.framesShown++;
    live.shownKey = index + '|' + contrastQuery();
    $('frame-caption').textContent = 'frame ' + index + ', ' + img.naturalWidth + '×'
      + img.naturalHeight + ', window ' + span.replace(',', '–');
  } catch (e) {
    // the next status poll tries again
  } finally {
    live.frameLoading = false;
  }
}

function drawHistogram(counts, win, maxValue) {
  const c = $('histogram');
  const g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  const top = Math.max(1, ...counts.map((v) => Math.log1p(v)));
  const w = c.width / counts.length;
  g.fillStyle = COLORS.bars;
  counts.forEach((v, i) => {
    const h = (Math.log1p(v) / top) * (c.height - 14);
    g.fillRect(i * w, c.height - 14 - h, Math.max(1, w - 0.5), h);
  });
  if (win) {
    g.strokeStyle = COLORS.window;
    for (const v of win) {
      const x = (v / (maxValue + 1)) * c.width;
      g.beginPath(); g.moveTo(x, 0); g.lineTo(x, c.height - 14); g.stroke();
    }
  }
  g.fillStyle = COLORS.text;
  g.font = '11px sans-serif';
  g.fillText('0', 2, c.height - 2);
  const label = String(maxValue);
  g.fillText(label, c.width - g.measureText(label).width - 2, c.height - 2);
}

// Draws lines (and an optional min–max band) against time; returns the points drawn.
function drawPlot(canvas, t, lines, band, emptyText) {
  const g = canvas.getContext('2d');
  const W = canvas.width;
  const H = canvas.height;
  const left = 46;
  const bottom = 16;
  g.clearRect(0, 0, W, H);
  const values = [];
  for (const l of lines) for (const v of l.values) if (v !== null) values.push(v);
  if (band) for (const v of band.min.concat(band.max)) if (v !== null) values.push(v);
  g.font = '11px sans-serif';
  g.fillStyle = COLORS.text;
  if (values.length === 0 || t.length === 0) {
    g.fillText(emptyText, left, H / 2);
    return 0;
  }
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  const t0 = t[0];
  const t1 = t.length > 1 ? t[t.length - 1] : t0 + 1;
  const x = (v) => left + ((v - t0) / (t1 - t0 || 1)) * (W - left - 4);
  const y = (v) => 4 + (1 - (v - lo) / (hi - lo)) * (H - bottom - 8);
  g.strokeStyle = COLORS.grid;
  g.beginPath(); g.moveTo(left, 4); g.lineTo(left, H - bottom); g.lineTo(W, H - bottom); g.stroke();
  g.fillText(hi.toPrecision(4), 2, 12);
  g.fillText(lo.toPrecision(4), 2, H - bottom);
  g.fillText(t0.toFixed(1) + ' s', left, H - 3);
  const end = t1.toFixed(1) + ' s';
  g.fillText(end, W - g.measureText(end).width - 2, H - 3);
  if (band) {
    g.fillStyle = COLORS.band;
    for (let i = 0; i < t.length; i++) {
      if (band.min[i] === null || band.max[i] === null) continue;
      const w = Math.max(1, (W - left) / t.length);
      g.fillRect(x(t[i]) - w / 2, y(band.max[i]), w, Math.max(1, y(band.min[i]) - y(band.max[i])));
    }
  }
  let points = 0;
  for (const l of lines) {
    g.strokeStyle = l.color;
    g.lineWidth = 1.5;
    g.beginPath();
    let pen = false;
    l.values.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      points++;
      if (pen) g.lineTo(x(t[i]), y(v)); else g.moveTo(x(t[i]), y(v));
      pen = true;
    });
    g.stroke();
  }
  return points;
}

function plot(id, t, lines, band, emptyText) {
  const canvas = $(id);
  const n = drawPlot(canvas, t, lines, band, emptyText);
  canvas.dataset.points = String(n);
  live.plotPoints[id] = n;
}

async function pollPlots() {
  try {
    const r = await fetch('telemetry.json?seconds=' + PLOT_SECONDS + '&points=300',
      { cache: 'no-store' });
    if (r.ok) {
      const d = await r.json();
      const s = d.series;
      plot('plot-interval', d.t, [
        { values: s.interval_host_ms.mean, color: COLORS.host },
        { values: s.interval_device_ms.mean, color: COLORS.device }],
        { min: s.interval_host_ms.min, max: s.interval_host_ms.max }, 'no frames yet');
      plot('plot-lost', d.t, [
        { values: s.dropped.sum, color: COLORS.dropped },
        { values: s.missing_buffers.sum, color: COLORS.missing }], null, 'no frames yet');
      plot('plot-mean', d.t, [{ values: s.pixel_mean.mean, color: COLORS.mean }],
        { min: s.pixel_mean.min, max: s.pixel_mean.max }, 'no frames yet');
      plot('plot-battery', d.t, [{ values: s.battery_voltage.mean, color: COLORS.battery }], null,
        'this device reports no battery voltage');
      $('plot-seconds').textContent = PLOT_SECONDS;
      $('plot-increment').textContent = d.increment;
      live.plotUpdates++;
    }
  } catch (e) {
    // shown by the connection badge
  }
  setTimeout(pollPlots, PLOTS_MS);
}

$('contrast-mode').addEventListener('change', () => {
  const fixed = $('contrast-mode').value === 'fixed';
  $('lo').disabled = !fixed;
  $('hi').disabled = !fixed;
  if (fixed && live.status && live.status.window) {
    // start from the window shown so far
    $('lo').value = live.status.window[0];
    $('hi').value = live.status.window[1];
  }
});
$('lo').disabled = true;
$('hi').disabled = true;
pollStatus();
pollPlots();
