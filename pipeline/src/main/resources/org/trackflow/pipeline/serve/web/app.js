// The page of trackflow serve: search, instant mixes, song paths, saving, the map and the playlists, all
// through the JSON API (docs/api.md). Tag text is data: it reaches the page through textContent only.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (params.get('token')) sessionStorage.setItem('trackflow-token', params.get('token'));
  const token = sessionStorage.getItem('trackflow-token');
  const $ = (id) => document.getElementById(id);
  const state = { from: null, to: null, shown: [], hits: new Set(), points: [] };

  async function api(path, options) {
    const headers = Object.assign({}, options && options.headers);
    if (token) headers.Authorization = 'Bearer ' + token;
    const res = await fetch(path, Object.assign({}, options, { headers }));
    const body = await res.json().catch(() => ({ error: 'HTTP ' + res.status }));
    if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
    return body;
  }

  function fail(e) {
    const box = $('error');
    box.textContent = e.message;
    box.hidden = false;
    setTimeout(() => { box.hidden = true; }, 6000);
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function label(t) {
    const who = t.artist ? t.artist + ' – ' : '';
    return who + (t.title || t.path.split('/').pop());
  }

  function meta(t, extra) {
    const parts = [];
    if (t.bpm != null) parts.push(t.bpm.toFixed(0) + ' BPM');
    if (t.key) parts.push(t.key);
    if (t.duration_s != null) parts.push(Math.floor(t.duration_s / 60) + ':' + String(Math.round(t.duration_s % 60)).padStart(2, '0'));
    if (extra) parts.push(extra);
    return parts.join(' · ');
  }

  function button(text, cls, onClick) {
    const b = el('button', text, cls);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function trackItem(t, extra) {
    const li = el('li');
    li.dataset.id = t.track_id;
    li.title = t.path;
    li.appendChild(el('span', label(t), 'name'));
    li.appendChild(el('span', meta(t, extra), 'meta'));
    li.appendChild(button('mix', 'mix', () => mix(t)));
    li.appendChild(button('from', 'from', () => pick('from', t)));
    li.appendChild(button('to', 'to', () => pick('to', t)));
    return li;
  }

  let searches = 0;

  async function search() {
    const q = $('q').value.trim();
    const mine = ++searches;
    try {
      const r = await api('/api/tracks?limit=100&q=' + encodeURIComponent(q));
      if (mine !== searches) return; // a later search is on its way: an earlier answer must not replace it
      const list = $('results');
      list.replaceChildren(...r.tracks.map((t) => trackItem(t)));
      $('found').textContent = r.total + (r.total === 1 ? ' track' : ' tracks') + (r.total > r.tracks.length ? ', the first ' + r.tracks.length + ' shown' : '');
    } catch (e) { fail(e); }
  }

  function show(title, tracks, extra) {
    $('result-title').textContent = title;
    $('result').replaceChildren(...tracks.map((t) => {
      const li = trackItem(t, extra(t));
      if (t.seed) li.classList.add('seed');
      return li;
    }));
    state.shown = tracks;
    // a name the server takes as a file name: AC/DC's slash and a long path's length would be refused
    $('save-name').value = title.replace(/[\/\\\u0000-\u001f]/g, '-').replace(/^\.+/, '').slice(0, 100).trim();
    $('saved').textContent = '';
    $('save-box').hidden = tracks.length === 0;
    highlight(new Set(tracks.map((t) => t.track_id)));
  }

  let asked = 0;

  async function mix(t) {
    const mine = ++asked;
    try {
      const r = await api('/api/similar?n=30&seed=' + encodeURIComponent(t.track_id));
      if (mine !== asked) return;
      show('Similar to ' + label(t), r.tracks, (x) => 'similarity ' + x.similarity.toFixed(2));
    } catch (e) { fail(e); }
  }

  async function pick(end, t) {
    state[end] = t;
    $('picks').textContent = 'Path from ' + (state.from ? label(state.from) : '…') + ' to ' + (state.to ? label(state.to) : '…');
    if (!state.from || !state.to) return;
    if (state.from.track_id === state.to.track_id) { fail(new Error('pick two different tracks')); return; }
    const mine = ++asked;
    try {
      const r = await api('/api/path?n=20&from=' + encodeURIComponent(state.from.track_id) + '&to=' + encodeURIComponent(state.to.track_id));
      if (mine !== asked) return;
      show('From ' + label(state.from) + ' to ' + label(state.to), r.tracks, (x) => 'step ' + x.step.toFixed(2));
    } catch (e) { fail(e); }
  }

  async function save() {
    try {
      const r = await api('/api/saved', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: $('save-name').value.trim(), tracks: state.shown.map((t) => t.track_id) }),
      });
      $('saved').textContent = 'Saved ' + r.tracks + ' tracks to ' + r.file;
      $('saved').dataset.file = r.file;
    } catch (e) { fail(e); }
  }

  function highlight(ids) {
    state.hits = ids;
    for (const c of document.querySelectorAll('#map circle')) {
      const hit = ids.has(c.dataset.id);
      c.classList.toggle('hit', hit);
      c.classList.toggle('dim', ids.size > 0 && !hit);
    }
  }

  async function map() {
    const m = await api('/api/map');
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + (m.w || 960) + ' ' + (m.h || 480));
    for (const p of m.points) {
      const c = document.createElementNS(ns, 'circle');
      c.setAttribute('cx', p[1]);
      c.setAttribute('cy', p[2]);
      c.setAttribute('r', m.points.length > 2000 ? 2 : 4);
      c.setAttribute('fill', m.colours[p[3] % m.colours.length]);
      c.dataset.id = p[0];
      const list = m.playlists[p[4]];
      c.addEventListener('mouseenter', () => { $('hover').textContent = list ? list[1] : ''; });
      c.addEventListener('click', async () => {
        try { mix(await api('/api/tracks/' + encodeURIComponent(p[0]))); } catch (e) { fail(e); }
      });
      svg.appendChild(c);
    }
    $('map').replaceChildren(svg);
  }

  async function playlists() {
    const r = await api('/api/playlists');
    $('playlists').replaceChildren(...r.playlists.map((p) => {
      const d = el('details');
      const s = el('summary', p.name + ' (' + p.tracks + ')');
      d.appendChild(s);
      d.addEventListener('toggle', async () => {
        if (!d.open || d.dataset.loaded) return;
        d.dataset.loaded = '1';
        try {
          const full = await api('/api/playlists/' + encodeURIComponent(p.id));
          const ol = el('ol', null, 'tracks');
          ol.replaceChildren(...full.tracks.map((t) => trackItem(t)));
          d.appendChild(ol);
        } catch (e) { fail(e); }
      });
      return d;
    }));
  }

  async function start() {
    try {
      const s = await api('/api/status');
      $('status').textContent = 'scan ' + s.scan + ' · ' + s.tracks + ' tracks · ' + s.playlists + ' playlists';
    } catch (e) { $('status').textContent = e.message; return; }
    let timer = null;
    $('q').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 200); });
    $('save').addEventListener('click', save);
    search();
    map().catch(fail);
    playlists().catch(fail);
  }

  start();
})();
