/* Treaty Explorer map page: the selected event: its ring, the dashed lines to its parties' capitals, and the
 * arcs of its links with their labels (placed by tm_labels beside each arc's middle). Framing the selection
 * is in tm_framing.js. */
(function (P) {
  "use strict";

  /* Arc colours by how a link reads from the selected event (the legend shows the same three). */
  P.ARC_COLORS = { out: "#1b4f72", "in": "#7b241c", both: "#4a235a" };
  P.ARC_WEIGHT = 3;                 // tm_display draws them wider in high contrast
  P.CAPITAL_LINE = { color: "#555", weight: 1.5, dashArray: "4 5", opacity: 0.8 };
  P.linkLabels = [];
  P.drawnArcKinds = [];

  P.curve = function (a, b) {
    // A gentle great-ish arc: a quadratic curve bowed to the left of the a→b direction.
    const lat1 = a[0], lon1 = a[1], lat2 = b[0], lon2 = b[1];
    const mx = (lat1 + lat2) / 2, my = (lon1 + lon2) / 2, dx = lat2 - lat1, dy = lon2 - lon1;
    const c = [mx - dy * 0.18, my + dx * 0.18];
    const pts = [];
    for (let i = 0; i <= 32; i++) {
      const t = i / 32, u = 1 - t;
      pts.push([u * u * lat1 + 2 * u * t * c[0] + t * t * lat2, u * u * lon1 + 2 * u * t * c[1] + t * t * lon2]);
    }
    return pts;
  };

  /* How a relation reads, in the page's language. */
  function relationLabel(lk) {
    const rel = P.own(P.strings && P.strings.relations, lk.relation);
    return rel ? rel[lk.outgoing ? 0 : 1] : lk.label;
  }

  P.drawSelection = function (ev) {
    P.linkLayer.clearLayers();
    P.capitalLayer.clearLayers();
    P.highlightLayer.clearLayers();
    P.linkLabels = [];
    P.drawnArcKinds = [];
    if (!ev) return;
    const here = P.placeById[ev.place];
    P.highlightLayer.addLayer(new P.OffsetCircle([here.lat, here.lon], {
      pane: "highlight", radius: 13, weight: 4, color: "#f5b700", fill: false, interactive: false,
      offset: ev.offset, className: "tm-selected-ring"
    }));
    ev.parties.forEach(function (party) {
      const capId = P.own(P.data.capitals, party);
      const cap = capId && P.placeById[capId];
      if (!cap || cap.id === here.id) return;
      P.capitalLayer.addLayer(L.polyline([[here.lat, here.lon], [cap.lat, cap.lon]], Object.assign(
        { interactive: false }, P.CAPITAL_LINE)));
    });
    // One arc and one label per linked place, listing every link that goes there.
    const byPlace = P.table(), order = [];
    const links = P.linksOf(ev.id);
    links.forEach(function (lk) {
      const other = P.byId[lk.other];
      if (!byPlace[other.place]) { byPlace[other.place] = []; order.push(other.place); }
      byPlace[other.place].push(lk);
    });
    P.linkCount = links.length;
    const kinds = new Set();
    order.forEach(function (placeId) {
      const there = P.placeById[placeId], links = byPlace[placeId];
      const outgoing = links.every(function (lk) { return lk.outgoing; });
      const incoming = links.every(function (lk) { return !lk.outgoing; });
      const kind = outgoing ? "out" : incoming ? "in" : "both", color = P.ARC_COLORS[kind];
      kinds.add(kind);
      const rows = links.map(function (lk) {
        const other = P.byId[lk.other];
        const year = new Date(other.start * P.DAY_MS).getUTCFullYear();
        return [relationLabel(lk) + ": ", P.titleOf(other), year];
      });
      const label = { key: "link:" + placeId, rows: rows, color: color, ring: there.id === here.id,
                      latlngs: null, target: links[0].other };
      if (label.ring) {
        P.linkLayer.addLayer(L.circleMarker([there.lat, there.lon], { radius: 18, color: color, weight: 2,
          fill: false, dashArray: "3 3", interactive: false }));
        label.latlngs = [[there.lat, there.lon]];
      } else {
        const pts = P.curve([here.lat, here.lon], [there.lat, there.lon]);
        const line = L.polyline(pts, { color: color, weight: P.ARC_WEIGHT, opacity: 0.85, className: "tm-link-arc" });
        line.on("click", function () { P.onMarkerClick(links[0].other); });
        line.on("mouseover", function (e) { P.showLinkHover(label, e.latlng); });
        line.on("mouseout", function () { P.hideHover(); });
        P.linkLayer.addLayer(line);
        P.linkLayer.addLayer(L.circleMarker(pts[32], { radius: 3.5, color: color, fillColor: color,
                                                       fillOpacity: 1, interactive: false }));
        label.latlngs = pts;
      }
      P.linkLabels.push(label);
    });
    P.drawnArcKinds = ["out", "in", "both"].filter(function (k) { return kinds.has(k); });
  };

  /* A title cut to about n characters, at a word where it can be. */
  function shorten(text, n) {
    if (text.length <= n) return text;
    const cut = text.slice(0, n), space = cut.lastIndexOf(" ");
    return (space > n * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,:;(–-]+$/, "") + "…";
  }

  /* The label's forms, longest first: every link in full; titles shortened; the first link and a count. */
  function variants(label) {
    const full = label.rows.map(function (r) { return [r[0], r[1] + " (" + r[2] + ")"]; });
    const short = label.rows.map(function (r) { return [r[0], shorten(r[1], 30) + " (" + r[2] + ")"]; });
    const one = [[label.rows[0][0], shorten(label.rows[0][1], 26) + " (" + label.rows[0][2] + ")" +
                  (label.rows.length > 1 ? "  +" + (label.rows.length - 1) : "")]];
    return [full, short, one].map(function (rows) {
      const text = rows.map(function (r) { return r[0] + r[1]; }).join("\n");
      return { text: text, contentKey: text + label.color, build: buildBox(label.color, rows) };
    });
  }

  function buildBox(color, rows) {
    return function (node) {
      node.style.borderLeftColor = color;
      rows.forEach(function (row) {
        const line = P.el("div");
        line.appendChild(P.el("b", "", row[0]));
        line.appendChild(document.createTextNode(row[1]));
        node.appendChild(line);
      });
    };
  }

  /* The links' labels: beside the middle of their arc (a ring's: around the ring), never over a marker or
   * a place name, no further than a few tens of pixels from the arc. */
  P.labelProviders.push(function (out) {
    const height = P.map.getSize().y;
    const maxDistance = Math.min(36, Math.max(24, height / 20));
    P.linkLabels.forEach(function (label) {
      const points = label.latlngs.map(function (ll) { return P.toScreen(ll[0], ll[1]); });
      out.push({
        key: label.key, kind: "link", variants: variants(label), path: points,
        className: "leaflet-tooltip tm-label tm-link-tip", priority: 50,
        // Never over a marker; over a bare place dot only when nothing else is free.
        hard: ["marker"], soft: ["dot"],
        candidates: function (w, h) {
          if (label.ring) return TreatyLabels.around(points[0][0], points[0][1], 20, w, h, 3, 2);
          return TreatyLabels.alongPath(points, w, h, { gap: 4, maxDistance: maxDistance, leaderAt: 12 });
        }
      });
    });
  });

  /* Each event's links, as offsets into the link columns (every link under both its ends, in the columns'
   * order): two typed arrays instead of an object per end of every link (at 100,000 events 240,000
   * objects, 20 MB of the page's heap and a tenth of a second of its start). */
  let linkStart = null, linkAt = null;
  P.indexLinks = function () {
    const from = P.cols.linkFrom, to = P.cols.linkTo, count = from.length, n = P.n;
    const start = new Int32Array(n + 1), at = new Int32Array(2 * count);
    for (let k = 0; k < count; k++) { start[from[k] + 1]++; start[to[k] + 1]++; }
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const next = start.slice(0, n);
    for (let k = 0; k < count; k++) {
      at[next[from[k]]++] = k;            // from this event: k
      at[next[to[k]]++] = ~k;             // to it: ~k (negative)
    }
    linkStart = start;
    linkAt = at;
  };

  /* The links of the event ``id``, each {other: the other event's id, outgoing, relation, label (English,
   * as seen from this end)}: made when asked (one event's few links). */
  P.linksOf = function (id) {
    const ev = id ? P.byId[id] : null;
    if (!ev || !linkStart) return [];
    const from = P.cols.linkFrom, to = P.cols.linkTo, relation = P.cols.linkRelation;
    const names = P.data.links.relationNames, labels = P.data.relationLabels, out = [];
    for (let m = linkStart[ev.i]; m < linkStart[ev.i + 1]; m++) {
      const v = linkAt[m], outgoing = v >= 0, k = outgoing ? v : ~v, rel = names[relation[k]];
      out.push({ other: P.text.id[outgoing ? to[k] : from[k]], outgoing: outgoing, relation: rel,
                 label: labels[rel][outgoing ? 0 : 1] });
    }
    return out;
  };
})(window.TreatyMap._);
