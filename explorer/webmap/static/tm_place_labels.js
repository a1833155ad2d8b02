/* Treaty Explorer map page: what the label engine places around markers (the selected event's title and
 * the place names, most important first) and what it must keep clear of (markers, place dots, the
 * selected marker). The engine itself is in tm_labels.js. */
(function (P) {
  "use strict";

  const SELECTED_RADIUS = 16;        // the selected ring (radius 13, stroke 4) and a pixel to spare
  const DOT_RADIUS = 4;
  const PX_PER_PLACE_LABEL = 5000;   // at most one place name per this many square pixels of map (a huge
                                     // dataset's thousands of places: the most important are named)
  const MANY_MARKERS = 1500;         // above this many visible markers only the large ones are obstacles

  /* The name of a place in the page's language (the dataset's own exonyms, from Python). */
  P.placeName = function (place) {
    return P.own(P.strings && P.strings.places, place.id) || place.name;
  };

  /* Where a visible event's marker is drawn, in container pixels (its place plus its offset). */
  P.markerPoint = function (ev) {
    const p = P.placeById[ev.place];
    return offsetFrom(P.toScreen(p.lat, p.lon), ev.i);
  };

  /* The point of the event at column index i, from its place's point. */
  function offsetFrom(placePoint, i) {
    const dx = P.cols.dx[i], dy = P.cols.dy[i];
    return dx || dy ? [placePoint[0] + dx, placePoint[1] + dy] : placePoint;
  }

  // A marker's radius as drawn is tm_layers' P.markerRadius(ev) (its kind's shape, its look).

  P.selectedRadius = function () { return SELECTED_RADIUS; };

  // Above the canvas threshold the canvas draws the minor places' dots; their names are placed here too.
  P.initHooks.push(function () { if (P.eventCanvas) P.eventCanvas.options.minorLabelZoom = Infinity; });

  function inView(pt, margin) {
    const s = P.map.getSize();
    return pt[0] > -margin && pt[1] > -margin && pt[0] < s.x + margin && pt[1] < s.y + margin;
  }

  /* The place dots in view as obstacles: they move only with the view, so they are kept for it. A dataset
   * with thousands of places (a carpet of dots no label could avoid) keeps only its capitals' dots. */
  const MANY_PLACES = 600;
  let dots = null, points = null, pointsView = null;

  /* Every place's point in container pixels (by place index), kept for the view: labels are placed again
   * at every border change, and a dataset may have thousands of places. */
  function placePoints() {
    const c = P.map.getCenter(), s = P.map.getSize();
    const view = [c.lat, c.lng, P.map.getZoom(), s.x, s.y].join(",");
    if (view !== pointsView) {
      points = P.data.places.map(function (p) { return P.toScreen(p.lat, p.lon); });
      dots = null;
      pointsView = view;
    }
    return points;
  }

  function dotObstacles() {
    const at = placePoints();
    if (!dots) {
      dots = [];
      const many = P.data.places.length > MANY_PLACES;
      P.data.places.forEach(function (p, k) {
        if (many && !p.capital) return;
        const pt = at[k];
        if (inView(pt, 10)) dots.push({ rect: P.squareAt(pt[0], pt[1], DOT_RADIUS), kind: "dot" });
      });
    }
    return dots;
  }

  /* Markers, place dots and the selected ring, as obstacles for labels. */
  P.obstacleProviders.push(function (out) {
    const at = placePoints(), placeOf = P.cols.place;
    const obstacle = function (i, code) {
      const pt = offsetFrom(at[placeOf[i]], i);
      if (inView(pt, 20)) out.push({ rect: P.squareAt(pt[0], pt[1], P.markerRadiusAt(i, code)), kind: "marker" });
    };
    if (P.visibleMoreThan(MANY_MARKERS)) P.forRecent(obstacle); else P.forVisible(obstacle);
    dotObstacles().forEach(function (o) { out.push(o); });
    const sel = P.state.selected && P.byId[P.state.selected];
    if (sel) {
      const pt = P.markerPoint(sel);
      out.push({ rect: P.squareAt(pt[0], pt[1], SELECTED_RADIUS), kind: "selected" });
    }
  });

  /* By place index, what the visible events there give its name: ``rank`` 48 with a recent event, 40
   * with any, and ``radius`` the reach of its largest marker. Above the canvas threshold and without a
   * time window, every accepted event begun by the date is visible, and all but the fresh ones (recent and
   * fading: P.freshEvents) are old marks of one size: a place's earliest accepted start (kept per filter
   * version) says whether it shows any, and only the fresh events are looked at one by one, not every
   * visible event (up to 100,000, 2-9 ms each time the labels are placed: every border change).
   * ``everyVisible``: visit every visible event instead (what the other cases do). */
  let firstStart = null, firstFor = null;
  P.placeMarks = function (everyVisible) {
    const places = P.data.places, placeOf = P.cols.place, w = P.state.windowDays;
    const rank = new Uint8Array(places.length), radius = new Float64Array(places.length);
    const visit = function (i, code) {
      const k = placeOf[i];
      rank[k] = Math.max(rank[k], code === 0 ? 48 : 40);
      radius[k] = Math.max(radius[k], P.markerRadiusAt(i, code));
    };
    if (everyVisible || !P.eventCanvas || (w !== null && w !== undefined)) {
      P.forVisible(visit);
      return { rank: rank, radius: radius };
    }
    if (firstFor !== P.filterVersion) {
      const accepted = P.cols.accepted, start = P.cols.start;
      firstStart = new Float64Array(places.length).fill(Infinity);
      // The columns are sorted by first day: the last write for a place is its earliest accepted start.
      for (let i = P.n - 1; i >= 0; i--) if (accepted[i] === 1) firstStart[placeOf[i]] = start[i];
      firstFor = P.filterVersion;
    }
    const date = P.state.date, old = P.markerRadiusAt(0, 1 + P.FADE_BUCKETS.length);
    for (let k = 0; k < places.length; k++) {
      if (firstStart[k] <= date) { rank[k] = 40; radius[k] = old; }
    }
    P.freshEvents().forEach(function (i) { visit(i, P.lookCode(i)); });
    return { rank: rank, radius: radius };
  };

  /* A place's name label as the label engine measures it. */
  function nameSpec(p) {
    const name = P.placeName(p);
    return { className: "leaflet-tooltip tm-label tm-place-label" + (p.capital ? " tm-capital-label" : ""),
             contentKey: name, build: function (node) { node.textContent = name; } };
  }

  /* Every place's name measured in the page's idle time, in its language and look (tm_labels): a date
   * jump or a move that names a place for the first time then measures nothing. */
  function placeNameSpecs() { return P.data.places.map(nameSpec); }
  function measureNamesLater() { P.measureLabelsLater(placeNameSpecs); }
  P.initHooks.push(measureNamesLater);
  P.updateHooks.push(function (change) { if (change.strings || change.display) measureNamesLater(); });

  /* How far from a place's centre its label must start: past its crowd, its marker or its dot. */
  function footprint(placeId, markerRadius) {
    const r = P.crowdFootprint ? P.crowdFootprint(placeId) : 0;
    return r || (markerRadius ? markerRadius + 1 : DOT_RADIUS);
  }

  /* The selected event's own title, next to its marker: placed first, so nothing covers it. */
  P.labelProviders.push(function (out) {
    const ev = P.state.selected && P.byId[P.state.selected];
    if (!ev || !ev.visible) return;
    const pt = P.markerPoint(ev), title = P.titleOf(ev);
    out.push({
      key: "event", kind: "event", text: title, className: "leaflet-tooltip tm-label tm-event-label",
      contentKey: title, build: function (node) { node.textContent = title; }, priority: 100,
      soft: ["marker", "dot"],
      candidates: function (w, h) { return TreatyLabels.around(pt[0], pt[1], SELECTED_RADIUS, w, h, 3, 3); }
    });
  });

  /* Place names, most important first: the selected event's place, its linked places, capitals, places
   * with events on the map; at small zooms only the first three. */
  P.labelProviders.push(function (out) {
    const sel = P.state.selected ? P.byId[P.state.selected] : null;
    const weight = P.table();
    if (sel) {
      P.linksOf(sel.id).forEach(function (lk) { weight[P.byId[lk.other].place] = 80; });
      weight[sel.place] = 90;
    }
    // By place index: the rank its events give it and its largest marker's reach.
    const places = P.data.places, marks = P.placeMarks(), withEvents = marks.rank, radius = marks.radius;
    // Zoomed far out only the selection's places and the capitals; at zoom 4 places with events too; all
    // from zoom 5 (each only where it fits).
    const zoom = P.map.getZoom(), least = zoom < 4 ? 60 : zoom < 5 ? 40 : 0;
    const names = [], at = placePoints();
    places.forEach(function (p, k) {
      const rank = Math.max(weight[p.id] || 0, p.capital ? 60 : 0, withEvents[k], 10);
      if (rank < least) return;
      const pt = at[k];
      if (!inView(pt, 0)) return;
      names.push([p, rank, pt, radius[k]]);
    });
    names.sort(function (a, b) { return b[1] - a[1]; });
    const size = P.map.getSize();
    names.slice(0, Math.ceil(size.x * size.y / PX_PER_PLACE_LABEL)).forEach(function (entry) {
      const p = entry[0], rank = entry[1], pt = entry[2], spec = nameSpec(p), r = footprint(p.id, entry[3]);
      out.push({
        key: "place:" + p.id, kind: "place", text: spec.contentKey, contentKey: spec.contentKey,
        className: spec.className, build: spec.build,
        // Names of the selection's places may stand beside an old marker if nothing else is free.
        priority: rank, soft: rank >= 60 ? ["marker", "dot"] : [], hard: rank >= 60 ? [] : ["marker", "dot"],
        candidates: function (w, h) { return TreatyLabels.around(pt[0], pt[1], r, w, h, 2, rank >= 60 ? 2 : 1); }
      });
    });
  });
})(window.TreatyMap._);
