/* Treaty Explorer map page: the base map, the places and the event markers, and which events show at the date.
 *
 * Events arrive as columns (explorer/webmap/page_data.py): P.cols holds one typed array per field (start
 * and last day, place and kind index, parties as offsets into one list) plus the fan-out offsets and
 * whether the filters accept each event. P.events[i] and P.byId[id] are light views of row i with the
 * fields other parts of the page read (id, title, kind, start, last, place, parties, dateLabel, offset,
 * visible, recent, opacity), computed from the columns when read (all read-only but offset, which another
 * layout of crowded places may set before calling P.relayout()); P.linksOf(id) lists an event's links from
 * the link columns in the same way (tm_selection.js). Events are sorted by their first day;
 * P.byLast orders them by their last day, so the events that show at a date are found by binary search.
 */
(function (P) {
  "use strict";

  P.FADE_BUCKETS = [[365, 0.95], [3 * 365, 0.7], [6 * 365, 0.5], [Infinity, 0.32]];
  P.RECENT_DAYS = 120;
  /* Older than this (days since its last day), an event is in the last fade bucket: an "old" mark. */
  P.OLD_DAYS = 6 * 365;
  /* Extra pixels around each marker that still count as a hit (the kiosk widens it for fingers). */
  P.hitSlop = 0;

  /* A marker of its kind's shape, drawn at a fixed pixel offset from its place (events at one place fan out). */
  P.OffsetCircle = L.CircleMarker.extend({
    _project: function () {
      this._point = this._map.latLngToLayerPoint(this._latlng);
      const o = this.options.offset;
      if (o) this._point = this._point.add(L.point(o[0], o[1]));
      this._updateBounds();
    },
    _updatePath: function () {
      const shape = this.options.shape;
      if (!shape || shape === "circle" || !this._renderer._setPath) {
        L.CircleMarker.prototype._updatePath.call(this);
        return;
      }
      this._renderer._setPath(this, window.TreatyShapes.svgPath(shape, this._point.x, this._point.y, this._radius));
    }
  });

  /* --- the event rows, read from the columns ------------------------------------------------------- */

  function EventRow(i) { this.i = i; }
  Object.defineProperties(EventRow.prototype, {
    id: { get: function () { return P.text.id[this.i]; } },
    title: { get: function () { return P.text.title[this.i]; } },
    dateLabel: { get: function () { return P.text.dateLabel[this.i]; } },
    kind: { get: function () { return P.kindNames[P.cols.kind[this.i]]; } },
    start: { get: function () { return P.cols.start[this.i]; } },
    last: { get: function () { return P.cols.last[this.i]; } },
    place: { get: function () { return P.data.places[P.cols.place[this.i]].id; } },
    lat: { get: function () { return P.data.places[P.cols.place[this.i]].lat; } },
    lon: { get: function () { return P.data.places[P.cols.place[this.i]].lon; } },
    parties: { get: function () { return P.partiesOf(this.i); } },
    // Writable, for another layout of crowded places (then P.relayout() draws the markers there).
    offset: {
      get: function () {
        const dx = P.cols.dx[this.i], dy = P.cols.dy[this.i];
        return dx || dy ? [dx, dy] : null;
      },
      set: function (o) { P.cols.dx[this.i] = o ? o[0] : 0; P.cols.dy[this.i] = o ? o[1] : 0; }
    },
    visible: { get: function () { return P.isVisible(this.i); } },
    recent: { get: function () { return P.isVisible(this.i) && P.lookAt(this.i).recent; } },
    opacity: { get: function () { return P.lookAt(this.i).opacity; } }
  });

  /* P.byId: the rows by id, made when first read or in the page's first idle time, whichever comes first
   * (100,000 ids are 40 ms that the first painted frame need not wait for; few pages read one before a
   * selection). */
  function indexById() {
    let byId = null;
    Object.defineProperty(P, "byId", {
      configurable: true, enumerable: true,
      get: function () {
        if (!byId) {
          byId = Object.create(null);
          const ids = P.text.id, rows = P.events;
          for (let i = 0; i < rows.length; i++) byId[ids[i]] = rows[i];
        }
        return byId;
      }
    });
    if (window.requestIdleCallback) window.requestIdleCallback(function () { return P.byId; });
  }

  P.partiesOf = function (i) {
    const names = P.data.events.partyNames, start = P.cols.partyStart, party = P.cols.party, out = [];
    for (let k = start[i]; k < start[i + 1]; k++) out.push(names[party[k]]);
    return out;
  };

  /* Place offsets: the first event at a place sits on it; later ones on rings around it (golden angle).
   * Fills P.cols.dx/dy; another layout may fill them instead and call P.relayout(). */
  P.fanOffsets = function () {
    const n = P.n, place = P.cols.place, dx = P.cols.dx, dy = P.cols.dy;
    const perPlace = new Int32Array(P.data.places.length);
    const ringX = [0, 0], ringY = [0, 0];          // the k-th event's offset at any place, worked out once
    for (let i = 0; i < n; i++) {
      const k = ++perPlace[place[i]];
      if (k >= ringX.length) {
        const ring = 9 + 2.2 * Math.sqrt(k), angle = k * 2.39996;
        ringX[k] = Math.round(ring * Math.cos(angle));
        ringY[k] = Math.round(ring * Math.sin(angle));
      }
      dx[i] = ringX[k];
      dy[i] = ringY[k];
    }
  };

  /* These events' markers moved (their offsets, P.cols.dx/dy, changed): draw them at their new places. The
   * hook tm_crowds.js spreads crowded places with; the canvas layer projects every marker again. */
  P.moveMarkers = function (events) {
    if (P.eventCanvas) { P.eventCanvas.relayout(); return; }
    events.forEach(function (ev) {
      const m = P.markers[ev.id];
      if (!m) return;
      [m, m.hit].forEach(function (layer) {
        if (!layer) return;
        layer.options.offset = ev.offset;
        if (layer._map) layer.redraw();
      });
    });
  };

  /* Every marker may have moved (another layout set the offsets): draw them all again. */
  P.relayout = function () { P.moveMarkers(P.events); };

  /* How far a marker reaches from its centre as drawn (with its outline): the kind's shape at the look's
   * radius, or an old event's small mark on the canvas. Labels keep clear of it; the layout reports it. */
  P.markerRadius = function (ev) { return P.markerRadiusAt(ev.i, P.lookCode(ev.i)); };

  /* The same for the event at column index i whose look code is ``code`` (loops over the columns). */
  let extents = null;                // by kind index: the shape's extent
  P.markerRadiusAt = function (i, code) {
    if (P.eventCanvas && code === 1 + P.FADE_BUCKETS.length) {
      return P.eventCanvas.markSide / 2 + 1;
    }
    if (!extents) {
      extents = P.kindNames.map(function (kind) {
        return window.TreatyShapes.extent(P.own(P.data.kindShapes, kind) || "circle");
      });
    }
    return (code === 0 ? 8.5 : 6) * extents[P.cols.kind[i]] + (code === 0 ? 1 : 0.5);
  };

  /* The columns are sorted by first day: nothing from this position on is in time (past the date, or with a
   * time window past the window's end). */
  function inTimeEnd() {
    const w = P.state.windowDays;
    return P.startBound(P.state.date + (w === null || w === undefined ? 0 : w));
  }

  /* Each visible event's column index, its look code, in an order of the columns: visit(i, code). */
  P.forVisible = function (visit) {
    const accepted = P.cols.accepted;
    for (let i = inTimeEnd() - 1; i >= 0; i--) {
      if (accepted[i] === 1 && P.inTime(i)) visit(i, P.lookCode(i));
    }
  };

  /* Whether more than ``count`` events are visible (it stops counting there). */
  P.visibleMoreThan = function (count) {
    const accepted = P.cols.accepted;
    let seen = 0;
    for (let i = inTimeEnd() - 1; i >= 0; i--) {
      if (accepted[i] === 1 && P.inTime(i) && ++seen > count) return true;
    }
    return false;
  };

  /* The recent visible events (look code 0) only: visit(i, 0). They begin within RECENT_DAYS of the latest
   * first day shown and not after the date, one stretch of the columns sorted by first day. */
  P.forRecent = function (visit) {
    const accepted = P.cols.accepted, start = P.cols.start, from = P.latest - P.RECENT_DAYS;
    for (let i = P.startBound(P.state.date) - 1; i >= 0 && start[i] >= from; i--) {
      if (accepted[i] === 1 && P.inTime(i)) visit(i, 0);
    }
  };

  /* A kind's shape as an SVG path inside a square of side 2r (the legend draws the markers' own shapes). */
  P.shapePath = function (shape, r) {
    return window.TreatyShapes.svgPath(shape, r, r, r / window.TreatyShapes.extent(shape));
  };

  /* Read the page data's columns into P.cols, P.text and the row views. */
  P.readEvents = function () {
    const data = P.data, n = P.n = data.events.count, c = data.columns;
    P.text = { id: data.events.id, title: data.events.title, dateLabel: data.events.dateLabel };
    P.kindNames = data.events.kindNames;
    P.cols = { start: c.start, last: c.last, place: c.place, kind: c.kind, partyStart: c.partyStart, party: c.party,
               dx: new Int16Array(n), dy: new Int16Array(n), accepted: new Uint8Array(n).fill(1) };
    // Sorted by first day (the loader sorts events); checked, since everything below depends on it.
    for (let i = 1; i < n; i++) if (c.start[i] < c.start[i - 1]) throw new Error("page data: events not in date order");
    // By last day: a float sort of (last, index) packed in one exact number.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = c.last[i] * 1048576 + i;
    keys.sort();
    P.byLast = new Int32Array(n);
    for (let k = 0; k < n; k++) P.byLast[k] = ((keys[k] % 1048576) + 1048576) % 1048576;
    P.events = new Array(n);
    for (let i = 0; i < n; i++) P.events[i] = new EventRow(i);
    indexById();
    P.cols.linkFrom = c.linkFrom;
    P.cols.linkTo = c.linkTo;
    P.cols.linkRelation = c.linkRelation;
    P.fanOffsets();
  };

  /* --- the places ---------------------------------------------------------------------------------- */

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

  /* --- the event markers --------------------------------------------------------------------------- */

  P.addEvents = function () {
    P.map.createPane("eventHits").style.zIndex = 440;     // wider invisible hit areas, under the markers
    P.map.createPane("events").style.zIndex = 450;
    P.map.createPane("highlight").style.zIndex = 460;
    P.eventLayer = L.layerGroup().addTo(P.map);
    P.readEvents();
    P.hoverTip = L.tooltip({ direction: "top", offset: [0, -8], className: "tm-hover" });
    const kindColors = P.kindNames.map(function (k) { return P.own(P.data.kinds, k) || "#555"; });
    const kindShapes = P.kindNames.map(function (k) { return P.own(P.data.kindShapes, k) || "circle"; });
    if (P.canvas) {
      P.eventCanvas = new window.TreatyEventCanvas({
        n: P.n, cols: P.cols, byLast: P.byLast, places: P.data.places, minorPlaces: P.minorPlaces,
        kindColors: kindColors, kindShapes: kindShapes,
        get hitSlop() { return P.hitSlop; },
        oldRange: P.oldRange, freshEvents: P.freshEvents, freshLook: P.lookAt, lookCode: P.lookCode, looks: P.LOOKS
      }, {
        click: function (i) { P.onMarkerClick(P.text.id[i]); },
        hover: function (i, latlng) { P.showHover(P.events[i], latlng); },
        out: function () { P.map.closeTooltip(P.hoverTip); }
      }).addTo(P.map);
      return;
    }
    P.events.forEach(function (ev) {
      const p = P.placeById[ev.place];
      const m = new P.OffsetCircle([p.lat, p.lon], {
        pane: "events", radius: 6, weight: 1, color: "#222", fillColor: kindColors[P.cols.kind[ev.i]],
        shape: kindShapes[P.cols.kind[ev.i]], fillOpacity: 0.9, offset: ev.offset, bubblingMouseEvents: false,
        className: "tm-marker tm-kind-" + kindShapes[P.cols.kind[ev.i]]
      });
      m.eventId = ev.id;
      m.styleKey = "";
      m.shown = false;
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

  /* Widen every marker's hit area by px (touch). The canvas layer reads P.hitSlop in its hit test; each SVG
   * marker gets an invisible circle that much larger, under the markers, so a marker itself still wins
   * over a neighbour's wider area. */
  P.setHitSlop = function (px) {
    P.hitSlop = px;
    if (P.eventCanvas || !P.eventLayer) return;
    P.events.forEach(function (ev) {
      const m = P.markers[ev.id];
      if (m.hit) { P.eventLayer.removeLayer(m.hit); m.hit = null; }
      if (!(px > 0)) return;
      m.hit = new P.OffsetCircle(m.getLatLng(), { pane: "eventHits", radius: 8.5 + px, stroke: false, fill: true,
                                                   fillOpacity: 0, offset: ev.offset, bubblingMouseEvents: false });
      m.hit.on("click", function () { P.onMarkerClick(ev.id); });
      m.hit.on("mouseover", function () { P.showHover(ev, m.getLatLng()); });
      m.hit.on("mouseout", function () { P.map.closeTooltip(P.hoverTip); });
      if (m.shown) P.eventLayer.addLayer(m.hit);
    });
  };

  /* --- which events show, and how ------------------------------------------------------------------ */

  /* Whether the filters (kinds, parties) accept each event: P.cols.accepted, one pass when they change. */
  P.applyFilters = function () {
    const n = P.n, accepted = P.cols.accepted, state = P.state;
    if (!state.kinds && !state.parties) { accepted.fill(1); P.filterVersion++; return; }
    const kindOk = P.kindNames.map(function (k) { return !state.kinds || state.kinds.indexOf(k) >= 0; });
    const names = P.data.events.partyNames;
    const partyOk = names.map(function (p) { return !state.parties || state.parties.indexOf(p) >= 0; });
    const kind = P.cols.kind, start = P.cols.partyStart, party = P.cols.party;
    for (let i = 0; i < n; i++) {
      let ok = kindOk[kind[i]];
      if (ok && state.parties) {
        ok = false;
        for (let k = start[i]; k < start[i + 1]; k++) if (partyOk[party[k]]) { ok = true; break; }
      }
      accepted[i] = ok ? 1 : 0;
    }
    P.filterVersion++;
  };
  P.filterVersion = 0;

  P.inTime = function (i) {
    const w = P.state.windowDays, date = P.state.date;
    if (w === null || w === undefined) return P.cols.start[i] <= date;
    return P.cols.start[i] - w <= date && date <= P.cols.last[i] + w;
  };

  P.isVisible = function (i) { return P.cols.accepted[i] === 1 && P.inTime(i); };

  /* How a visible event looks now, as a code: 0 recent (ringed, larger), 1 current or just begun (full
   * colour), 2 + b faded by age into fade bucket b. P.LOOKS[code] is {recent, opacity}. */
  P.lookCode = function (i) {
    const date = P.state.date, start = P.cols.start[i];
    if (start >= P.latest - P.RECENT_DAYS && start <= date) return 0;
    const age = date - P.cols.last[i];
    if (age <= 0) return 1;
    const buckets = P.FADE_BUCKETS;
    for (let b = 0; b < buckets.length; b++) if (age <= buckets[b][0]) return 2 + b;
    return 1 + buckets.length;
  };
  P.LOOKS = [{ recent: true, opacity: 1 }, { recent: false, opacity: 1 }].concat(
    P.FADE_BUCKETS.map(function (b) { return { recent: false, opacity: b[1] }; }));

  /* How a visible event looks now: recent (ringed, larger) or faded by age. */
  P.lookAt = function (i) { return P.LOOKS[P.lookCode(i)]; };
  P.latest = -Infinity;

  /* The last position in the start-sorted events with start <= day, plus one. */
  P.startBound = function (day) {
    const start = P.cols.start;
    let lo = 0, hi = P.n;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (start[mid] <= day) lo = mid + 1; else hi = mid; }
    return lo;
  };

  /* The old events (the last fade bucket) as a range of positions in P.byLast, lagDays earlier: ended
   * before date − OLD_DAYS − lagDays and, with a time window, not before date − window. The key changes
   * when anything but the date changes which old events show. */
  P.oldRange = function (lagDays) {
    const date = P.state.date - (lagDays || 0), w = P.state.windowDays, windowed = w !== null && w !== undefined;
    const lower = window.TreatyEventCanvas.lowerBound;
    const to = lower(P.byLast, P.cols.last, date - P.OLD_DAYS);
    const from = windowed ? Math.min(to, lower(P.byLast, P.cols.last, P.state.date - w)) : 0;
    return { from: from, to: to, key: P.filterVersion + (windowed ? "w" : "") };
  };

  /* The visible events that are not old marks (fading or recent ones, and recent ones that are also old). */
  let freshFor = null, fresh = null;
  P.freshEvents = function () {
    // Asked by the canvas as it draws and by the place names after it, for the same date and filters:
    // made once for them (a pass over every event that ends after the oldest fading day).
    const key = P.state.date + "|" + P.state.windowDays + "|" + P.filterVersion + "|" + P.latest;
    if (key === freshFor) return fresh;
    fresh = freshAt();
    freshFor = key;
    return fresh;
  };

  function freshAt() {
    const out = [], date = P.state.date, byLast = P.byLast, accepted = P.cols.accepted;
    const to = P.oldRange(0).to;
    for (let k = to; k < P.n; k++) {
      const i = byLast[k];
      if (accepted[i] && P.inTime(i)) out.push(i);
    }
    // Recent events that ended long ago (a sparse stretch of time) are drawn recent, over their old mark.
    const start = P.cols.start, last = P.cols.last;
    for (let i = P.startBound(date) - 1; i >= 0 && start[i] >= P.latest - P.RECENT_DAYS; i--) {
      if (accepted[i] && last[i] < date - P.OLD_DAYS && P.inTime(i)) out.push(i);
    }
    return out;
  }

  /* Which events show at the date with the filters, and how each looks (the caller reports the change). */
  P.refresh = function (filtersChanged) {
    if (filtersChanged) P.applyFilters();
    // The latest first day among the visible events up to the date (what "recent" is counted from).
    P.latest = -Infinity;
    const accepted = P.cols.accepted;
    for (let i = P.startBound(P.state.date) - 1; i >= 0; i--) {
      if (accepted[i] && P.inTime(i)) { P.latest = P.cols.start[i]; break; }
    }
    if (P.eventCanvas) {
      P.eventCanvas.redraw();
      return;
    }
    P.events.forEach(function (ev) {
      const m = P.markers[ev.id], i = ev.i, shown = P.isVisible(i);
      if (shown !== m.shown) {
        m.shown = shown;
        if (shown) P.eventLayer.addLayer(m); else P.eventLayer.removeLayer(m);
        if (m.hit) { if (shown) P.eventLayer.addLayer(m.hit); else P.eventLayer.removeLayer(m.hit); }
      }
      if (!shown) return;
      const look = P.lookAt(i), recent = look.recent, opacity = look.opacity;
      const key = (recent ? "r" : "o") + opacity;
      if (key !== m.styleKey) {
        m.styleKey = key;
        m.setStyle({ fillOpacity: opacity * 0.95, opacity: opacity, weight: recent ? 2 : 1,
                     color: recent ? "#000" : "#333" });
        m.setRadius(recent ? 8.5 : 6);
      }
    });
  };

  /* The number of visible events (and their indexes, when asked), in date order. */
  P.visibleIndexes = function () {
    const out = [];
    for (let i = 0; i < P.n; i++) if (P.isVisible(i)) out.push(i);
    return out;
  };
})(window.TreatyMap._);
