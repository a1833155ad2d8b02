/* Treaty Explorer map page: the selected event: its ring, the dashed lines to its parties' capitals, the arcs and labels of its links, and framing it. */
(function (P) {
  "use strict";

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

  P.drawSelection = function (ev) {
    P.linkLayer.clearLayers();
    P.capitalLayer.clearLayers();
    P.highlightLayer.clearLayers();
    if (!ev) return;
    const here = P.placeById[ev.place];
    const m = P.markers[ev.id];
    P.highlightLayer.addLayer(new P.OffsetCircle([here.lat, here.lon], {
      pane: "highlight", radius: 13, weight: 4, color: "#f5b700", fill: false, interactive: false,
      offset: ev.offset, className: "tm-selected-ring"
    }));
    ev.parties.forEach(function (party) {
      const capId = P.own(P.data.capitals, party);
      const cap = capId && P.placeById[capId];
      if (!cap || cap.id === here.id) return;
      P.capitalLayer.addLayer(L.polyline([[here.lat, here.lon], [cap.lat, cap.lon]], {
        color: "#555", weight: 1.5, dashArray: "4 5", opacity: 0.8, interactive: false
      }));
    });
    // One arc and one label box per linked place, listing every link that goes there.
    const byPlace = P.table(), order = [];
    (P.data.linksOf[ev.id] || []).forEach(function (lk) {
      const other = P.byId[lk.other];
      if (!byPlace[other.place]) { byPlace[other.place] = []; order.push(other.place); }
      byPlace[other.place].push(lk);
    });
    P.linkCount = (P.data.linksOf[ev.id] || []).length;
    order.forEach(function (placeId) {
      const there = P.placeById[placeId], links = byPlace[placeId];
      const outgoing = links.every(function (lk) { return lk.outgoing; });
      const incoming = links.every(function (lk) { return !lk.outgoing; });
      const color = outgoing ? "#1b4f72" : incoming ? "#7b241c" : "#4a235a";
      const box = P.el("div", "tm-link-label");
      links.forEach(function (lk) {
        const other = P.byId[lk.other];
        const row = P.el("div");
        row.appendChild(P.el("b", "", lk.label + ": "));
        const year = new Date(other.start * P.DAY_MS).getUTCFullYear();
        row.appendChild(document.createTextNode(P.titleOf(other) + " (" + year + ")"));
        box.appendChild(row);
      });
      if (there.id === here.id) {
        P.linkLayer.addLayer(L.circleMarker([there.lat, there.lon], { radius: 18, color: color, weight: 2, fill: false,
          dashArray: "3 3", interactive: false }));
        P.linkLayer.addLayer(L.tooltip({ permanent: true, direction: "bottom", offset: [0, 20], className: "tm-link-tip",
                                       interactive: false }).setLatLng([there.lat, there.lon]).setContent(box));
        return;
      }
      const pts = P.curve([here.lat, here.lon], [there.lat, there.lon]);
      const line = L.polyline(pts, { color: color, weight: 3, opacity: 0.85, className: "tm-link-arc" });
      line.on("click", function () { P.onMarkerClick(links[0].other); });
      P.linkLayer.addLayer(line);
      // The label sits near the far end, so labels spread out by destination instead of piling up here.
      P.linkLayer.addLayer(L.tooltip({ permanent: true, direction: "center", className: "tm-link-tip",
                                     interactive: false }).setLatLng(pts[26]).setContent(box));
      P.linkLayer.addLayer(L.circleMarker(pts[32], { radius: 3.5, color: color, fillColor: color, fillOpacity: 1,
                                                   interactive: false }));
    });
  };

  P.frameSelection = function (ev, animate) {
    const here = P.placeById[ev.place];
    const bounds = L.latLngBounds([[here.lat, here.lon]]);
    (P.data.linksOf[ev.id] || []).forEach(function (lk) {
      const p = P.placeById[P.byId[lk.other].place];
      bounds.extend([p.lat, p.lon]);
    });
    const opts = { maxZoom: 6, padding: [60, 60], animate: !!animate, duration: 0.6 };
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      P.map.setView([here.lat, here.lon], Math.max(P.map.getZoom(), 5), { animate: !!animate });
    } else if (animate) {
      P.map.flyToBounds(bounds, opts);
    } else {
      P.map.fitBounds(bounds, opts);
    }
  };

  P.indexLinks = function () {
    P.data.linksOf = P.table();
    const labels = P.data.relationLabels;
    P.data.links.forEach(function (row) {
      const from = row[0], to = row[1], rel = row[2];
      (P.data.linksOf[from] = P.data.linksOf[from] || []).push({ other: to, outgoing: true, label: labels[rel][0] });
      (P.data.linksOf[to] = P.data.linksOf[to] || []).push({ other: from, outgoing: false, label: labels[rel][1] });
    });
  };
})(window.TreatyMap._);
