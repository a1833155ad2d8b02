/* Treaty Explorer map page: the base map, the places and the event markers, and which events show at the date. */
(function (P) {
  "use strict";

  P.FADE_BUCKETS = [[365, 0.95], [3 * 365, 0.7], [6 * 365, 0.5], [Infinity, 0.32]];
  P.RECENT_DAYS = 120;

  /* A circle marker drawn at a fixed pixel offset from its place, so events at one place fan out. */
  P.OffsetCircle = L.CircleMarker.extend({
    _project: function () {
      this._point = this._map.latLngToLayerPoint(this._latlng);
      const o = this.options.offset;
      if (o) this._point = this._point.add(L.point(o[0], o[1]));
      this._updateBounds();
    }
  });

  P.fanOffsets = function (list) {
    // First event at a place sits on it; later ones on rings around it (golden-angle spacing).
    const perPlace = P.table();
    list.forEach(function (ev) {
      const k = perPlace[ev.place] = (perPlace[ev.place] || 0) + 1;
      if (k === 1) { ev.offset = null; return; }
      const ring = 9 + 2.2 * Math.sqrt(k);
      const angle = k * 2.39996;
      ev.offset = [Math.round(ring * Math.cos(angle)), Math.round(ring * Math.sin(angle))];
    });
  };

  // The base map is tm_basemap.js; the period borders tm_borders.js.

  P.addPlaces = function () {
    P.map.createPane("places").style.zIndex = 420;
    P.placeLayer = L.layerGroup().addTo(P.map);
    P.data.places.forEach(function (p) {
      P.placeById[p.id] = p;
      // Thousands of permanent labels would be thousands of DOM nodes moved on every zoom: above the
      // threshold, minor places are drawn (with their names when zoomed in) by the event canvas.
      if (P.canvas && !p.capital) { P.minorPlaces.push(p); return; }
      const dot = L.circleMarker([p.lat, p.lon], {
        pane: "places", radius: p.capital ? 3.5 : 2.5, weight: 1, color: "#333", fillColor: p.capital ? "#333" : "#fff",
        fillOpacity: 1, interactive: false, renderer: P.canvas || undefined
      });
      // Its name is placed by the label engine (tm_place_labels.js), clear of the other labels.
      dot.placeId = p.id;
      dot.capital = p.capital;
      P.placeLayer.addLayer(dot);
    });
  };

  P.addEvents = function () {
    P.map.createPane("events").style.zIndex = 450;
    P.map.createPane("highlight").style.zIndex = 460;
    P.eventLayer = L.layerGroup().addTo(P.map);
    P.events = P.data.events.map(function (row) {
      return { id: row[0], title: row[1], kind: row[2], start: P.dayNumber(row[3]), last: P.dayNumber(row[4]),
               place: row[5], parties: row[6], dateLabel: row[7], visible: false, styleKey: "" };
    });
    P.fanOffsets(P.events);
    P.hoverTip = L.tooltip({ direction: "top", offset: [0, -8], className: "tm-hover" });
    if (P.canvas) {
      P.events.forEach(function (ev) {
        P.byId[ev.id] = ev;
        const p = P.placeById[ev.place];
        ev.lat = p.lat; ev.lon = p.lon; ev.recent = false; ev.opacity = 1;
      });
      P.eventCanvas = new window.TreatyEventCanvas(P.events, P.minorPlaces, P.data.kinds, {
        click: function (ev) { P.onMarkerClick(ev.id); },
        hover: function (ev, latlng) { P.showHover(ev, latlng); },
        out: function () { P.map.closeTooltip(P.hoverTip); }
      }).addTo(P.map);
      return;
    }
    P.events.forEach(function (ev) {
      P.byId[ev.id] = ev;
      const p = P.placeById[ev.place];
      const m = new P.OffsetCircle([p.lat, p.lon], {
        pane: "events", radius: 6, weight: 1, color: "#222", fillColor: P.own(P.data.kinds, ev.kind) || "#555",
        fillOpacity: 0.9, offset: ev.offset, renderer: P.canvas || undefined, bubblingMouseEvents: false
      });
      m.eventId = ev.id;
      m.on("click", function () { P.onMarkerClick(ev.id); });
      m.on("mouseover", function () { P.showHover(ev, m.getLatLng()); });
      m.on("mouseout", function () { P.map.closeTooltip(P.hoverTip); });
      P.markers[ev.id] = m;
    });
  };

  P.showHover = function (ev, latlng) {
    const box = P.el("div");
    box.appendChild(P.el("strong", "", P.titleOf(ev)));
    box.appendChild(P.el("div", "", ev.dateLabel + " · " + P.placeName(P.placeById[ev.place])));
    P.hoverTip.setContent(box);
    P.hoverTip.setLatLng(latlng);
    P.map.openTooltip(P.hoverTip);
  };

  P.titleOf = function (ev) {
    const t = P.own(P.data.translations, P.state.language);
    return P.own(t, ev.id) || ev.title;
  };

  P.onMarkerClick = function (id) {
    if (P.bridge) P.bridge.eventClicked(id);
    else window.TreatyMap.select(id);          // standalone page: select locally
  };

  P.accepts = function (ev) {
    if (P.state.kinds && P.state.kinds.indexOf(ev.kind) < 0) return false;
    if (P.state.parties && !ev.parties.some(function (p) { return P.state.parties.indexOf(p) >= 0; })) return false;
    if (P.state.windowDays === null || P.state.windowDays === undefined) return ev.start <= P.state.date;
    return ev.start - P.state.windowDays <= P.state.date && P.state.date <= ev.last + P.state.windowDays;
  };

  /* How a visible event looks now: recent (ringed, larger) or faded by age. */
  P.lookOf = function (ev, latest) {
    const age = P.state.date - ev.last;
    const recent = ev.start >= latest - P.RECENT_DAYS && ev.start <= P.state.date;
    let opacity = 1;
    if (age > 0) for (let i = 0; i < P.FADE_BUCKETS.length; i++) {
      if (age <= P.FADE_BUCKETS[i][0]) { opacity = P.FADE_BUCKETS[i][1]; break; }
    }
    if (recent || age <= 0) opacity = 1;
    return [recent, opacity];
  };

  /* Which events show at the date with the filters, and how each looks (the caller reports the change). */
  P.refresh = function () {
    let latest = -Infinity;
    P.events.forEach(function (ev) {
      ev.nextVisible = P.accepts(ev);
      if (ev.nextVisible && ev.start <= P.state.date && ev.start > latest) latest = ev.start;
    });
    if (P.eventCanvas) {
      // Plain fields and one redraw in the next frame: no layers to add, remove or restyle.
      P.events.forEach(function (ev) {
        ev.visible = ev.nextVisible;
        if (!ev.visible) return;
        const look = P.lookOf(ev, latest);
        ev.recent = look[0];
        ev.opacity = look[1];
      });
      P.eventCanvas.redraw();
      return;
    }
    P.events.forEach(function (ev) {
      const m = P.markers[ev.id];
      if (ev.nextVisible !== ev.visible) {
        ev.visible = ev.nextVisible;
        if (ev.visible) P.eventLayer.addLayer(m); else P.eventLayer.removeLayer(m);
      }
      if (!ev.visible) return;
      const look = P.lookOf(ev, latest), recent = look[0], opacity = look[1];
      const key = (recent ? "r" : "o") + opacity;
      if (key !== ev.styleKey) {
        ev.styleKey = key;
        m.setStyle({ fillOpacity: opacity * 0.95, opacity: opacity, weight: recent ? 2 : 1,
                     color: recent ? "#000" : "#333" });
        m.setRadius(recent ? 8.5 : 6);
      }
    });
  };
})(window.TreatyMap._);
