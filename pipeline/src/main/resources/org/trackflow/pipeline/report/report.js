"use strict";
// Draws report.html's map and lists from the JSON block (layout in Report.data's Javadoc). Tag text only
// ever reaches the page through textContent, never as markup.
(function () {
  var D = JSON.parse(document.getElementById("data").textContent);
  // The SVG namespace from the parser rather than spelled out: the page holds no URL at all.
  var probe = document.createElement("div");
  probe.innerHTML = "<svg></svg>";
  var SVG = probe.firstChild.namespaceURI;
  var L = D.lists.map(function (l, i) {
    return {i: i, name: l[0], id: l[1], station: l[2], total: l[3], first: l[4], shown: l[5], el: null, hits: null, all: true};
  });
  var hasStations = D.stations.length > 0;
  var queryText = "";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function artist(r) { return r[0] >= 0 ? D.artists[r[0]] : ""; }
  function file(r) { return typeof r[3] === "string" ? r[3] : r[3][0] + r[1] + r[3][1]; }
  var dirCache = [];
  function dir(i) {
    var d = dirCache[i];
    if (d === undefined) {
      var e = D.dirs[i];
      d = dirCache[i] = typeof e === "string" ? e : dir(e[0]) + "/" + e[1];
    }
    return d;
  }
  function path(r) { return r[2] >= 0 ? dir(r[2]) + "/" + file(r) : file(r); }
  // "Artist – Title" where the tags have them, else the title, else the file name.
  function label(r) {
    if (!r[1]) return file(r);
    return r[0] >= 0 ? D.artists[r[0]] + " \u2013 " + r[1] : r[1];
  }
  function tenths(v) { return v == null ? "" : (v / 10).toFixed(1); }
  var hayCache = [];
  function hay(i) {
    var h = hayCache[i];
    if (h === undefined) {
      var r = D.rows[i];
      h = hayCache[i] = (artist(r) + "\n" + r[1] + "\n" + path(r)).toLowerCase();
    }
    return h;
  }
  function colourOf(l) { return D.colours[(hasStations && l.station >= 0 ? l.station : l.i) % D.colours.length]; }

  // The map.
  var mapBox = document.getElementById("map");
  var hover = document.getElementById("hover");
  var circles = [];
  var n = D.map.length / 5;
  if (n === 0) {
    mapBox.appendChild(el("p", "muted", "Too few tracks for a map."));
  } else {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + D.w + " " + D.h);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "map of the library");
    var bg = document.createElementNS(SVG, "rect");
    bg.setAttribute("width", "100%");
    bg.setAttribute("height", "100%");
    bg.setAttribute("fill", "#fff");
    svg.appendChild(bg);
    var radius = n > 2000 ? 2.5 : n > 300 ? 3.5 : 5;
    for (var p = 0; p < n; p++) {
      var m = D.map.slice(5 * p, 5 * p + 5);
      var c = document.createElementNS(SVG, "circle");
      c.setAttribute("cx", m[0]);
      c.setAttribute("cy", m[1]);
      c.setAttribute("r", radius);
      c.setAttribute("fill", D.colours[m[2]]);
      c.setAttribute("fill-opacity", "0.8");
      c.dataset.p = p;
      var t = document.createElementNS(SVG, "title");
      t.textContent = label(D.rows[m[4]]);
      c.appendChild(t);
      svg.appendChild(c);
      circles.push({el: c, list: m[3], row: m[4]});
    }
    svg.addEventListener("mouseover", function (e) {
      var pt = e.target.dataset && e.target.dataset.p;
      if (pt === undefined) return;
      var q = circles[pt], r = D.rows[q.row], l = L[q.list];
      var bits = [label(r), (hasStations && l.station >= 0 ? D.stations[l.station] + " / " : "") + l.name];
      if (r[4] != null) bits.push(tenths(r[4]) + " BPM");
      if (r[5] >= 0) bits.push(D.keys[r[5]]);
      hover.textContent = bits.join(" \u00b7 ");
    });
    svg.addEventListener("click", function (e) {
      var pt = e.target.dataset && e.target.dataset.p;
      if (pt !== undefined) reveal(circles[pt].list, circles[pt].row);
    });
    mapBox.appendChild(svg);
    var groups = hasStations ? D.stations : L.map(function (l) { return l.name; });
    var legend = el("div", "legend");
    if (groups.length <= D.colours.length) {
      groups.forEach(function (g, i) {
        var s = el("span");
        var sw = el("span", "sw");
        sw.style.background = D.colours[i % D.colours.length];
        s.appendChild(sw);
        s.appendChild(document.createTextNode(g));
        legend.appendChild(s);
      });
    } else {
      legend.appendChild(el("span", "muted", groups.length + (hasStations ? " stations" : " playlists")
        + "; the " + D.colours.length + " colours repeat. Search to pick a group out."));
    }
    mapBox.appendChild(legend);
  }

  // Stations and playlists: summaries now, a playlist's rows when it is opened.
  var box = document.getElementById("lists");
  var stationEls = [];
  function listElement(l) {
    var d = el("details", "list");
    var s = el("summary");
    var sw = el("span", "sw");
    sw.style.background = colourOf(l);
    s.appendChild(sw);
    s.appendChild(document.createTextNode(l.name + " "));
    l.info = el("span", "muted");
    s.appendChild(l.info);
    d.appendChild(s);
    d.list = l;
    l.el = d;
    info(l);
    return d;
  }
  function info(l) {
    var text = "(" + l.total + " tracks \u00b7 " + l.id + ")";
    if (queryText && !l.all) text += " \u2014 " + l.hits.length + " match" + (l.hits.length === 1 ? "" : "es");
    l.info.textContent = text;
  }
  if (hasStations) {
    D.stations.forEach(function (name, si) {
      var d = el("details", "station");
      var s = el("summary");
      var members = L.filter(function (l) { return l.station === si; });
      var tracks = members.reduce(function (a, l) { return a + l.total; }, 0);
      s.appendChild(document.createTextNode(name + " "));
      s.appendChild(el("span", "muted", "(" + members.length + " playlists \u00b7 " + tracks + " tracks)"));
      d.appendChild(s);
      var inner = el("div");
      members.forEach(function (l) { inner.appendChild(listElement(l)); });
      d.appendChild(inner);
      d.members = members;
      d.stationName = name;
      stationEls.push(d);
      box.appendChild(d);
    });
  }
  L.forEach(function (l) { if (!hasStations || l.station < 0) box.appendChild(listElement(l)); });

  function render(l) {
    var key = queryText + "\u0000" + l.all;
    if (l.rendered === key) return;
    l.rendered = key;
    while (l.el.childNodes.length > 1) l.el.removeChild(l.el.lastChild);
    var rows = [];
    for (var i = l.first; i < l.first + l.shown; i++) rows.push(i);
    if (queryText && !l.all) rows = l.hits;
    var table = el("table");
    var head = el("tr");
    ["#", "track", "BPM", "key", "LUFS", "file"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    rows.forEach(function (ri) {
      var r = D.rows[ri], tr = el("tr");
      tr.dataset.row = ri;
      tr.appendChild(el("td", "n", String(ri - l.first + 1)));
      tr.appendChild(el("td", null, label(r)));
      tr.appendChild(el("td", "num", tenths(r[4])));
      tr.appendChild(el("td", null, r[5] >= 0 ? D.keys[r[5]] : ""));
      tr.appendChild(el("td", "num", tenths(r[6])));
      tr.appendChild(el("td", "file", path(r)));
      table.appendChild(tr);
    });
    l.el.appendChild(table);
    if (l.shown < l.total) {
      l.el.appendChild(el("p", "more muted", "The first " + l.shown + " of " + l.total
        + " tracks are listed here; the playlist's M3U8 file has them all."));
    }
  }
  box.addEventListener("toggle", function (e) {
    if (e.target.list && e.target.open) render(e.target.list);
  }, true);

  function reveal(li, row) {
    var l = L[li];
    if (l.el.hidden) { input.value = ""; apply(""); }
    if (l.el.parentNode.parentNode.classList && l.el.parentNode.parentNode.classList.contains("station")) {
      l.el.parentNode.parentNode.open = true;
    }
    l.el.open = true;
    render(l);
    var old = box.querySelector("tr.hit");
    if (old) old.classList.remove("hit");
    var tr = l.el.querySelector('tr[data-row="' + row + '"]');
    (tr || l.el).scrollIntoView({block: "center"});
    if (tr) tr.classList.add("hit");
  }

  // Search: playlists and stations whose name matches show all their tracks, others only the matching ones.
  var input = document.getElementById("q");
  var count = document.getElementById("count");
  function apply(raw) {
    queryText = raw.trim().toLowerCase();
    var total = 0, visible = 0;
    L.forEach(function (l) {
      if (!queryText) { l.all = true; l.hits = null; }
      else {
        var st = hasStations && l.station >= 0 ? D.stations[l.station].toLowerCase() : "";
        l.all = l.name.toLowerCase().indexOf(queryText) >= 0 || st.indexOf(queryText) >= 0;
        l.hits = [];
        for (var i = l.first; i < l.first + l.shown; i++) if (hay(i).indexOf(queryText) >= 0) l.hits.push(i);
        total += l.hits.length;
      }
      l.el.hidden = !(l.all || l.hits.length > 0);
      if (!l.el.hidden) visible++;
      info(l);
    });
    stationEls.forEach(function (s) {
      s.hidden = !s.members.some(function (l) { return !l.el.hidden; });
    });
    var open = queryText && total > 0 && total <= 300;
    L.forEach(function (l) {
      if (open && l.hits.length > 0) {
        l.el.open = true;
        if (hasStations && l.station >= 0) stationEls[l.station].open = true;
      }
      if (l.el.open) render(l);
    });
    circles.forEach(function (c) {
      var lit = !queryText || L[c.list].all || hay(c.row).indexOf(queryText) >= 0;
      c.el.classList.toggle("dim", !lit);
      c.el.classList.toggle("hit", !!queryText && lit);
    });
    count.textContent = !queryText ? "" : total + " track" + (total === 1 ? "" : "s") + " match; "
      + visible + " playlist" + (visible === 1 ? "" : "s") + " shown";
    if (history.replaceState) history.replaceState(null, "", queryText ? "#q=" + encodeURIComponent(raw.trim()) : location.pathname);
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { apply(input.value); }, 150);
  });

  // Open a few to start with: the first three playlists, or the first station and its first playlist.
  if (hasStations) {
    stationEls[0].open = true;
    if (stationEls[0].members.length) stationEls[0].members[0].el.open = true;
  } else {
    L.slice(0, 3).forEach(function (l) { l.el.open = true; });
  }
  // A link to report.html#q=word opens it searched.
  var m0 = /^#q=(.*)$/.exec(location.hash);
  var start = null;
  if (m0) { try { start = decodeURIComponent(m0[1]); } catch (e) { start = null; } }
  if (start) { input.value = start; apply(start); }
  else L.forEach(function (l) { if (l.el.open) render(l); });
})();
