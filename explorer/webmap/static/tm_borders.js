/* Treaty Explorer map page: the period borders, as they were on the page's date.
 *
 * The shipped asset (explorer/assets/borders/, GPL-3.0) holds every version of every state with its
 * valid_from/valid_to days; the page keeps one layer per version, made the first time it is shown, and a
 * date change adds and removes only the versions that begin or end between the two dates (no reload).
 * States are filled in muted colours, opaque over the land; a state's dependencies (colonies,
 * protectorates, occupied land, the Soviet republics) take its colour, a little paler. Neighbours get
 * different colours: the asset's polygons share their boundary vertices exactly, so two versions in force
 * together that share a vertex are neighbours. State names are labels like any other (tm_labels), placed
 * after the place names, so they never cover one.
 */
(function (P) {
  "use strict";

  /* Muted fills for states, and the paler ones for their dependencies (same order). */
  P.BORDER_PALETTE = ["#e8d9bd", "#d5e0c4", "#e5cdc6", "#cfd9e3", "#e6deb3", "#dacde0", "#cadfd4", "#ecd3b2"];
  P.BORDER_PALE = ["#efe5d3", "#e3eadb", "#eddcd7", "#dfe5ec", "#eee8cf", "#e6dde9", "#dce9e2", "#f2e1cc"];
  const OUTLINE = { color: "#857a6b", weight: 0.9 };
  // Leaflet thins each shape to this many pixels when it projects it: the fills are redrawn whenever a
  // border changes, and at 2 px the fewer points cost visibly less to paint without a visible difference.
  const SMOOTH = 2;
  const INNER = { color: "#9a8f80", weight: 0.5, dashArray: "3 3" };   // between a state and its dependencies
  // A union's republics take the colour of the state they joined (the asset names no "Soviet Union" feature).
  const SAME_COLOUR = { "Soviet Union": "Soviet Russia" };

  let items = [], shown = new Map(), mode = null, day = null, owners = null;

  P.initBorders = function (collection) {
    const stateOfName = P.table();
    collection.features.forEach(function (f) { stateOfName[f.properties.name] = f.properties.state; });
    items = collection.features.map(function (f, index) {
      const p = f.properties;
      const sovereign = p.sovereign && (stateOfName[SAME_COLOUR[p.sovereign] || p.sovereign] || p.sovereign);
      return { feature: f, props: p, index: index, from: P.dayNumber(p.valid_from), to: P.dayNumber(p.valid_to),
               group: sovereign || p.state, dependent: !!sovereign, layer: null, bbox: bboxOf(f.geometry) };
    });
    colourGroups();
  };

  function bboxOf(geometry) {
    let s = 90, w = 180, n = -90, e = -180;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (polygon) {
      polygon[0].forEach(function (p) {
        if (p[0] < w) w = p[0];
        if (p[0] > e) e = p[0];
        if (p[1] < s) s = p[1];
        if (p[1] > n) n = p[1];
      });
    });
    return [s, w, n, e];
  }

  /* Greedy colouring of the state groups, most neighbours first (deterministic: ties by name). */
  function colourGroups() {
    owners = new Map();
    const next = P.table();
    items.forEach(function (item, i) {
      const g = item.feature.geometry;
      const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      polygons.forEach(function (polygon) {
        polygon.forEach(function (ring) {
          ring.forEach(function (p) {
            const key = p[0] * 1000003 + p[1];
            const list = owners.get(key);
            if (!list) owners.set(key, [i]);
            else if (list[list.length - 1] !== i) list.push(i);
          });
        });
      });
    });
    owners.forEach(function (list) {
      for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) {
        const x = items[list[a]], y = items[list[b]];
        if (x.group === y.group || x.to < y.from || y.to < x.from) continue;
        (next[x.group] = next[x.group] || new Set()).add(y.group);
        (next[y.group] = next[y.group] || new Set()).add(x.group);
      }
    });
    const groups = Array.from(new Set(items.map(function (item) { return item.group; })));
    groups.sort(function (a, b) {
      return ((next[b] ? next[b].size : 0) - (next[a] ? next[a].size : 0)) || (a < b ? -1 : a > b ? 1 : 0);
    });
    const colour = P.table();
    groups.forEach(function (g) {
      const used = new Set();
      (next[g] || new Set()).forEach(function (h) { if (colour[h] !== undefined) used.add(colour[h]); });
      let c = 0;
      while (used.has(c) && c < P.BORDER_PALETTE.length - 1) c++;
      colour[g] = c;
    });
    items.forEach(function (item) {
      item.fill = (item.dependent ? P.BORDER_PALE : P.BORDER_PALETTE)[colour[item.group]];
    });
  }

  /* A version's fill, made and added to the map the first time it is shown; after that it is only shown
   * and hidden (a date change then costs a style per path, not building and adding the shape again). */
  function layerOf(item) {
    if (!item.layer) {
      // Filled without an outline: the borders are drawn as lines between states (drawPairLines), so the
      // asset's cut along the edge of its region and the coasts (drawn by the land layer) get no line.
      item.layer = L.geoJSON(item.feature, { pane: "periodBorders", interactive: false, smoothFactor: SMOOTH,
        style: { fillColor: item.fill, fillOpacity: 1, stroke: false } });
      item.layer.eachLayer(dormant);
      item.layer.addTo(P.map);
      item.layer.eachLayer(function (part) { inOrder(fillOrder, item.index, part); });
    }
    return item.layer;
  }

  /* The paths of each pane in one order (fills by version, lines by pair) whatever order they were made
   * in: where two fills meet, their anti-aliased edges blend by which is drawn last, so without it a date
   * and view would look a little different depending on the dates shown before. */
  const fillOrder = [], lineOrder = [];
  function inOrder(list, rank, path) {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].rank < rank) lo = mid + 1;
      else hi = mid;
    }
    const next = list[lo];
    list.splice(lo, 0, { rank: rank, path: path });
    if (next) next.path._path.parentNode.insertBefore(path._path, next.path._path);
  }

  function showLayer(layer, on) {
    layer.eachLayer(function (part) { showPath(part, on); });
    layer.tmShown = on;
  }

  /* A hidden path sleeps: the renderer's projection of every path at a zoom's end and its update of every
   * path at a move's end pass it by, and it catches up when it is shown again. Once a person has been to
   * many dates most versions are on the map, hidden; a pan or zoom then costs what the shown paths cost
   * (at 10,000 events after a few hundred jumps: a pan 17 -> 9.5 ms, a zoom 100 -> 55 ms). */
  function dormant(path) {
    const project = path._project, update = path._update;
    path.tmHidden = false;
    path.tmStale = 0;                         // 2: to project and update, 1: to update
    path._project = function () {
      if (this.tmHidden) this.tmStale = 2;
      else project.call(this);
    };
    path._update = function () {
      if (this.tmHidden) this.tmStale = Math.max(this.tmStale, 1);
      else update.call(this);
    };
    path.tmWake = function () {
      const stale = this.tmStale;
      this.tmStale = 0;
      if (stale === 2) project.call(this);
      if (stale) update.call(this);
    };
  }

  function showPath(path, on) {
    if (path.tmHidden === on) {
      path.tmHidden = !on;
      if (on) path.tmWake();
    }
    if (path._path) path._path.style.display = on ? "" : "none";
  }

  /* Show the versions in force on the page's date (none in present-day mode). */
  P.updateBorders = function () {
    if (!P.map || (day === P.state.date && mode === P.state.borders)) return;
    day = P.state.date;
    mode = P.state.borders;
    const wanted = new Set();
    if (mode !== "present") items.forEach(function (item) { if (item.from <= day && day <= item.to) wanted.add(item); });
    let changed = false;
    shown.forEach(function (item) {
      if (!wanted.has(item)) { showLayer(item.layer, false); shown.delete(item); changed = true; }
    });
    wanted.forEach(function (item) {
      if (!shown.has(item)) { showLayer(layerOf(item), true); shown.set(item, item); changed = true; }
    });
    if (!changed) return;              // most date steps cross no border change: nothing more to do
    drawPairLines();
    if (P.updateCredit) P.updateCredit();
  };

  /* The lines between states: for each pair of versions that share boundary edges (the asset's neighbours
   * share their vertices exactly), the runs of those edges, found the first time either is shown. A pair's
   * line is drawn while both versions are. Lines within one colour group (a state and its dependencies) are
   * thinner and dashed. */
  const pairs = new Map();            // "i:j" (i < j) -> {i, j, runs, layer}
  const scanned = new Set();          // versions whose edges were looked at
  let pairKey = "";

  function scanPairs(i) {
    if (scanned.has(i)) return;
    scanned.add(i);
    const g = items[i].feature.geometry, me = items[i];
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        let open = new Map();             // pair key -> the run that the previous edge extended
        for (let k = 1; k < ring.length; k++) {
          const a = ring[k - 1], b = ring[k];
          const ka = owners.get(a[0] * 1000003 + a[1]), kb = owners.get(b[0] * 1000003 + b[1]);
          const next = new Map();
          if (ka && kb && ka.length > 1 && kb.length > 1) {
            ka.forEach(function (j) {
              // Each pair's edges are collected from its lower index, so a shared edge is one line; every
              // version of the neighbour in force with this one gets the edge.
              if (j <= i || kb.indexOf(j) < 0 || items[j].to < me.from || me.to < items[j].from) return;
              const key = i + ":" + j;
              let run = open.get(key);
              if (!run) {
                let pair = pairs.get(key);
                if (!pair) pairs.set(key, pair = { i: i, j: j, runs: [], layer: null });
                run = [[a[1], a[0]]];
                pair.runs.push(run);
              }
              run.push([b[1], b[0]]);
              next.set(key, run);
            });
          }
          open = next;
        }
      });
    });
  }

  /* The indexes (in items) of the versions shown now. */
  function shownIndexes() {
    const on = new Set();
    shown.forEach(function (item) { on.add(item.index); });
    return on;
  }

  function drawPairLines() {
    const on = shownIndexes();
    // Both ends of a pair must have been scanned from its lower index: scan every version shown.
    on.forEach(scanPairs);
    const keys = [];
    pairs.forEach(function (pair, key) {
      const want = on.has(pair.i) && on.has(pair.j);
      if (want) keys.push(key);
      if (want && !pair.layer) makePairLine(pair);
      else if (pair.layer && pair.layer.tmShown !== want) showPair(pair, want);
    });
    pairKey = keys.sort().join("|");
  }

  function makePairLine(pair) {
    const same = items[pair.i].group === items[pair.j].group;
    pair.layer = L.polyline(pair.runs, Object.assign({ pane: "periodBorderLines", interactive: false,
                                                       smoothFactor: SMOOTH }, same ? INNER : OUTLINE));
    dormant(pair.layer);
    pair.layer.addTo(P.map);
    inOrder(lineOrder, pair.i * items.length + pair.j, pair.layer);
    pair.layer.tmShown = true;
  }

  function showPair(pair, on) {
    showPath(pair.layer, on);
    pair.layer.tmShown = on;
  }

  P.bordersShown = function () { return shown.size > 0; };
  /* Whether some border drawn now is approximate (precision 1 or 2 in the asset). */
  P.bordersApproximate = function () {
    let any = false;
    shown.forEach(function (item) { if (item.props.precision < 3) any = true; });
    return any;
  };

  /* The versions never shown yet are made in the page's idle time, hidden, nearest the date first (with
   * their lines and their names' places at this zoom): otherwise the first jump to a date whose borders
   * were never drawn builds, projects and scans them in its own frame. At 10,000 events the first visits
   * were an eighth of random date jumps and cost twice what a jump to borders shown before did (JS 22 ms
   * instead of 8); with every version made the p95 of such jumps went from 75-79 to 62-64 ms here. A page
   * for one snapshot does not. The order the paths are drawn in does not depend on the order they are made
   * in (inOrder), so what a date shows is the same pixel for pixel. */
  const IDLE_SLICE_MS = 4;
  let preparing = false;

  function prepareLater() {
    if (preparing || !window.requestIdleCallback || P.state.borders === "present") return;
    preparing = true;
    window.requestIdleCallback(prepareSome);
  }

  function prepareSome(deadline) {
    preparing = false;
    if (!P.map || document.body.classList.contains("tm-snapshot") || P.state.borders === "present") return;
    const now = P.state.date, zoom = P.map.getZoom();
    const distance = function (item) { return item.from > now ? item.from - now : now > item.to ? now - item.to : 0; };
    const waiting = items.filter(function (item) { return !item.layer; });
    waiting.sort(function (a, b) { return (distance(a) - distance(b)) || (a.index - b.index); });
    let k = 0;
    while (k < waiting.length && deadline.timeRemaining() > IDLE_SLICE_MS) {
      const item = waiting[k++];
      showLayer(layerOf(item), false);      // a version shown has its layer already (updateBorders)
      scanPairs(item.index);
      labelSpots(item, zoom);
    }
    if (k < waiting.length) { prepareLater(); return; }
    // Every version is made and scanned: then the lines of every pair, hidden unless both ends are shown.
    const on = shownIndexes(), lines = [];
    pairs.forEach(function (pair) { if (!pair.layer) lines.push(pair); });
    k = 0;
    while (k < lines.length && deadline.timeRemaining() > IDLE_SLICE_MS) {
      const pair = lines[k++];
      makePairLine(pair);
      if (!(on.has(pair.i) && on.has(pair.j))) showPair(pair, false);
    }
    if (k < lines.length) { prepareLater(); return; }
    // Then the state names' sizes, in both languages: a jump to a year then measures none of them.
    P.measureLabelsLater(nameSpecs);
  }

  /* Every version's name as the state-name label spec's measured parts, in English and German. */
  let specsOfNames = null;
  function nameSpecs() {
    if (!specsOfNames) {
      specsOfNames = [];
      items.forEach(function (item) {
        [item.props.name, item.props.name_de].forEach(function (name) {
          if (name) specsOfNames.push(nameSpec(name));
        });
      });
    }
    return specsOfNames;
  }

  function nameSpec(name) {
    return { className: "tm-label tm-border-label", contentKey: name,
             build: function (node) { node.textContent = name; } };
  }

  /* Whether every version and every line between versions is made (shown or hidden). */
  function prepared() {
    if (!items.every(function (item) { return item.layer; })) return false;
    let all = true;
    pairs.forEach(function (pair) { if (!pair.layer) all = false; });
    return all;
  }

  P.initHooks.push(P.updateBorders, prepareLater);
  P.labelInputs.push(function () { return (mode || "") + shown.size + ":" + pairKey; });
  P.updateHooks.push(function (change) {
    if (change.date || change.borders !== undefined) P.updateBorders();
    if (change.borders !== undefined) prepareLater();       // a page opened with present-day borders
  });

  /* The state names, in the page's language, where the state is big enough on screen to hold its name. */
  P.labelProviders.push(function (out) {
    const size = P.map.getSize(), german = P.state.language === "de";
    shown.forEach(function (item) {
      const b = item.bbox, p = item.props;
      const sw = P.toScreen(b[0], b[1]), ne = P.toScreen(b[2], b[3]);
      const bw = ne[0] - sw[0], bh = sw[1] - ne[1];
      if (bw < 40 || ne[0] < 0 || sw[0] > size.x || sw[1] < 0 || ne[1] > size.y) return;
      const at = p.label ? P.toScreen(p.label[1], p.label[0]) : [(sw[0] + ne[0]) / 2, (sw[1] + ne[1]) / 2];
      const spots = labelSpots(item, P.map.getZoom()).map(function (ll) { return P.toScreen(ll[0], ll[1]); });
      const name = german ? p.name_de : p.name, spec = nameSpec(name);
      out.push({
        key: "border:" + p.id, kind: "border", text: name, contentKey: spec.contentKey,
        className: spec.className, build: spec.build,
        priority: 20 + Math.min(15, Math.log2(1 + bw * bh / 1e4)), hard: ["marker", "dot"],
        candidates: function (w, h) {
          if (w > bw * 0.9 || h > bh * 0.8) return [];
          const out = [];
          [[0, 0], [0, -1], [0, 1], [-0.5, 0], [0.5, 0], [0, -2], [0, 2], [-0.5, -1], [0.5, 1]].forEach(function (d) {
            out.push({ x: at[0] - w / 2 + d[0] * w, y: at[1] - h / 2 + d[1] * (h + 2) });
          });
          // Then other spots inside the state, nearest first (a big state has room away from its cities).
          spots.forEach(function (pt) { out.push({ x: pt[0] - w / 2, y: pt[1] - h / 2 }); });
          return out;
        }
      });
    });
  });

  /* Points inside a state where its name could go, nearest its label point first, for one zoom: a grid
   * of GRID × GRID over its bounding box, kept where the grid point lies inside the state. Made once per
   * zoom. */
  const GRID = 9;
  function labelSpots(item, zoom) {
    item.spots = item.spots || {};
    if (item.spots[zoom]) return item.spots[zoom];
    const b = item.bbox, p = item.props, home = p.label ? [p.label[1], p.label[0]] : [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
    const origin = P.map.project(home, zoom), spots = [];
    for (let i = 0; i < GRID; i++) for (let j = 0; j < GRID; j++) {
      const ll = [b[0] + (b[2] - b[0]) * (i + 0.5) / GRID, b[1] + (b[3] - b[1]) * (j + 0.5) / GRID];
      if (inside(item.feature.geometry, ll[1], ll[0])) spots.push([ll, origin.distanceTo(P.map.project(ll, zoom))]);
    }
    spots.sort(function (a, c) { return a[1] - c[1]; });
    return (item.spots[zoom] = spots.slice(0, 24).map(function (s) { return s[0]; }));
  }

  /* Even-odd point in polygon (holes are rings too). */
  function inside(geometry, x, y) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    let hit = false;
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        for (let k = 1; k < ring.length; k++) {
          const a = ring[k - 1], c = ring[k];
          if ((a[1] > y) !== (c[1] > y) && x < a[0] + (y - a[1]) * (c[0] - a[0]) / (c[1] - a[1])) hit = !hit;
        }
      });
    });
    return hit;
  }

  /* What the page draws of the borders now (tests, the window's layer switch). */
  window.TreatyMap.bordersState = function () {
    const ids = [];
    shown.forEach(function (item) { ids.push(item.props.id); });
    return { mode: P.state.borders, date: new Date(P.state.date * P.DAY_MS).toISOString().slice(0, 10),
             ids: ids.sort(), approximate: P.bordersApproximate(), loaded: items.length,
             made: items.filter(function (item) { return item.layer; }).length, prepared: prepared(),
             namesMeasured: nameSpecs().every(P.labelMeasured) };
  };
})(window.TreatyMap._);
