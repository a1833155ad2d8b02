/* Treaty Explorer map page: label placement, one engine for every label and every output size.
 *
 * window.TreatyLabels is the engine, pure geometry (no Leaflet, no DOM), so it can be tested on its own:
 * greedy placement in priority order, each label trying its candidate positions in order of preference and
 * taking the first that is inside the map and covers nothing it must not (an obstacle of a blocked kind
 * or a label placed before it). What finds no place is hidden; the hover tooltip and the details panel
 * still name it.
 *
 * P.placeLabels() runs it over the page: the label providers (tm_place_labels: the selected event's title
 * and place names; tm_selection: link labels; tm_borders: state names) each describe their labels, the
 * obstacles are the overlays (legend, caption, credit, scale, controls), the selected marker and the other
 * markers and place dots; the result is written to one pane of plain text nodes. It runs after every page
 * update and after every move, in CSS pixels of the page, so a 4K snapshot (the page zoomed 3×) places its
 * labels exactly as the view it reproduces, only sharper.
 */
(function (P) {
  "use strict";

  /* --- the engine ---------------------------------------------------------------------------------- */

  const Engine = window.TreatyLabels = {};
  const ALWAYS = { label: true, overlay: true, selected: true };    // nothing may ever cover these
  const CELL = 48;

  /* Rectangles are [x0, y0, x1, y1]; touching is not overlapping. */
  Engine.intersects = function (a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  };

  /* A uniform grid over rectangles, so a label is tested only against what lies near it. */
  function Grid() { this.cells = new Map(); }
  Grid.prototype.range = function (r, visit) {
    const x0 = Math.floor(r[0] / CELL), x1 = Math.floor(r[2] / CELL);
    const y0 = Math.floor(r[1] / CELL), y1 = Math.floor(r[3] / CELL);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) visit((x + 4096) * 8192 + (y + 4096));
  };
  Grid.prototype.add = function (item) {
    const cells = this.cells;
    this.range(item.rect, function (key) {
      let list = cells.get(key);
      if (!list) cells.set(key, list = []);
      list.push(item);
    });
  };
  /* The first item whose rectangle meets r and whose kind is blocked, or null. */
  Grid.prototype.hit = function (r, blocked) {
    const cells = this.cells;
    let found = null;
    this.range(r, function (key) {
      if (found) return;
      const list = cells.get(key);
      if (!list) return;
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (blocked[item.kind] && Engine.intersects(r, item.rect)) { found = item; return; }
      }
    });
    return found;
  };

  function blockedKinds(kinds) {
    const out = Object.assign({}, ALWAYS);
    (kinds || []).forEach(function (k) { out[k] = true; });
    return out;
  }

  /* Place labels. request: {bounds: [x0, y0, x1, y1], gap, obstacles: [{rect, kind}], labels: [{id, w, h,
   * priority, candidates: [{x, y, ...}] (top-left corners, best first), hard: [kinds never covered],
   * soft: [kinds avoided unless no candidate is free of them], group (optional: of the labels sharing a
   * group only the first placed is shown)}]}. Labels of equal priority keep their order. Returns
   * {placed: [{id, rect, candidate}], hidden: [id]}. */
  Engine.place = function (request) {
    const grid = new Grid(), gap = request.gap === undefined ? 2 : request.gap, b = request.bounds;
    (request.obstacles || []).forEach(function (o) { grid.add({ rect: o.rect, kind: o.kind }); });
    const order = request.labels.map(function (label, i) { return [label, i]; });
    order.sort(function (x, y) { return (y[0].priority - x[0].priority) || (x[1] - y[1]); });
    const placed = [], hidden = [], done = new Set();
    order.forEach(function (pair) {
      const label = pair[0];
      // Labels of one group are one label's variants (full, shorter ...): the first that fits is shown.
      if (label.group !== undefined && done.has(label.group)) return;
      // Each pass: the kinds kept a gap away, and the kinds only not covered. The soft kinds are kept a gap
      // away, then only not covered (a label may touch a marker rather than lie on it), then allowed.
      const all = blockedKinds((label.hard || []).concat(label.soft || [])), hard = blockedKinds(label.hard);
      const passes = [[all, null]];
      if (label.soft && label.soft.length) passes.push([hard, all], [hard, null]);
      for (let p = 0; p < passes.length; p++) {
        for (let c = 0; c < label.candidates.length; c++) {
          const cand = label.candidates[c];
          const r = [cand.x, cand.y, cand.x + label.w, cand.y + label.h];
          if (r[0] < b[0] || r[1] < b[1] || r[2] > b[2] || r[3] > b[3]) continue;
          if (grid.hit([r[0] - gap, r[1] - gap, r[2] + gap, r[3] + gap], passes[p][0])) continue;
          if (passes[p][1] && grid.hit(r, passes[p][1])) continue;
          grid.add({ rect: r, kind: "label" });
          placed.push({ id: label.id, rect: r, candidate: cand });
          if (label.group !== undefined) done.add(label.group);
          return;
        }
      }
      hidden.push(label.id);
    });
    return { placed: placed, hidden: hidden };
  };

  /* Positions around a round thing of radius r at (cx, cy), best first: right, left, the four diagonals,
   * above, below; then the same a ring further out (``rings`` > 1). */
  Engine.around = function (cx, cy, r, w, h, gap, rings) {
    const out = [];
    for (let ring = 0; ring < (rings || 1); ring++) {
      const d = r + gap + ring * 10, k = d * 0.7071;
      out.push({ x: cx + d, y: cy - h / 2 }, { x: cx - d - w, y: cy - h / 2 },
               { x: cx + k, y: cy - k - h }, { x: cx + k, y: cy + k }, { x: cx - k - w, y: cy - k - h },
               { x: cx - k - w, y: cy + k }, { x: cx - w / 2, y: cy - d - h }, { x: cx - w / 2, y: cy + d });
    }
    return out;
  };

  /* The point at fraction f of a polyline's length, with the unit normal there. */
  Engine.pointAt = function (points, f) {
    let total = 0;
    const lengths = [];
    for (let i = 1; i < points.length; i++) {
      const l = Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
      lengths.push(l);
      total += l;
    }
    let want = f * total;
    for (let i = 0; i < lengths.length; i++) {
      if (want <= lengths[i] || i === lengths.length - 1) {
        const a = points[i], b = points[i + 1], l = lengths[i] || 1, t = Math.min(1, want / l);
        const tx = (b[0] - a[0]) / l, ty = (b[1] - a[1]) / l;
        return { x: a[0] + t * (b[0] - a[0]), y: a[1] + t * (b[1] - a[1]), nx: -ty, ny: tx, length: total };
      }
      want -= lengths[i];
    }
    return { x: points[0][0], y: points[0][1], nx: 0, ny: -1, length: 0 };
  };

  /* Positions for a label of a line (a link's arc), best first: round points of the line, the middle first
   * and then further from it, at growing distances up to maxDistance (with a leader line back to the
   * point when further than ``leaderAt``), and at last centred on the line itself. Each carries its anchor. */
  Engine.alongPath = function (points, w, h, options) {
    const gap = options.gap || 4, maxDistance = options.maxDistance || 36, leaderAt = options.leaderAt || 12;
    const fractions = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
    const distances = [gap];
    for (let d = gap + 14; d <= maxDistance; d += 14) distances.push(d);
    const out = [];
    fractions.forEach(function (f, fi) {
      const p = Engine.pointAt(points, f);
      distances.forEach(function (d) {
        Engine.around(p.x, p.y, d, w, h, 0, 1).forEach(function (c) {
          out.push({ x: c.x, y: c.y, anchor: [p.x, p.y], distance: d, leader: d > leaderAt, cost: fi * 6 + d });
        });
      });
      out.push({ x: p.x - w / 2, y: p.y - h / 2, anchor: [p.x, p.y], distance: 0, leader: false,
                 cost: fi * 6 + maxDistance + 1 });
    });
    // Stable: equal costs keep the order of Engine.around (right, left, diagonals, above, below).
    return out.map(function (c, i) { return [c, i]; })
      .sort(function (a, b) { return (a[0].cost - b[0].cost) || (a[1] - b[1]); })
      .map(function (pair) { return pair[0]; });
  };

  /* The shortest distance from a rectangle to a polyline (0 when they cross). */
  Engine.distanceToPath = function (r, points) {
    if (points.length === 1) return pointToRect(points[0][0], points[0][1], r);
    let best = Infinity;
    for (let i = 1; i < points.length; i++) best = Math.min(best, segmentToRect(points[i - 1], points[i], r));
    return best;
  };

  function pointToRect(x, y, r) {
    const dx = Math.max(r[0] - x, 0, x - r[2]), dy = Math.max(r[1] - y, 0, y - r[3]);
    return Math.hypot(dx, dy);
  }

  function segmentToRect(a, b, r) {
    // Close enough for labels: the distance at 16 points along the segment.
    let best = Infinity;
    for (let i = 0; i <= 16; i++) {
      const t = i / 16;
      best = Math.min(best, pointToRect(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), r));
    }
    return best;
  }

  /* --- the page's labels --------------------------------------------------------------------------- */

  /* Providers add label specs: {key, kind, text, className, contentKey, build(node), priority,
   * candidates(w, h) -> [{x, y, anchor?, leader?}], hard, soft}. Obstacles: {rect, kind}. */
  P.labelProviders = [];
  P.obstacleProviders = [];
  P.placedLabels = [];
  P.labelStyleKey = "";              // tm_display: the labels' text scale and palette (sizes measured per key)
  const pool = new Map();              // key -> text node of the label, reused from placement to placement
  const sizes = new Map();             // className + contentKey -> [w, h], measured once
  let pane = null, leaders = [];

  function ensurePane() {
    if (pane) return pane;
    pane = P.map.createPane("labels");
    pane.style.zIndex = 640;
    pane.classList.add("leaflet-zoom-hide", "tm-labels");
    // Labels hide while the map zooms (their positions are the old zoom's) and come back once it rests.
    P.map.on("zoomstart", function () { pane.classList.add("tm-moving"); });
    return pane;
  }

  function nodeFor(spec) {
    let node = pool.get(spec.key);
    if (!node) {
      node = P.el("div");
      pool.set(spec.key, node);
      ensurePane().appendChild(node);
    }
    if (node.className !== spec.className) node.className = spec.className;
    if (node.contentKey !== spec.contentKey) {
      node.replaceChildren();
      spec.build(node);
      node.contentKey = spec.contentKey;
    }
    return node;
  }

  function sizeKey(spec) {
    return spec.className + "\u0000" + spec.contentKey + "\u0000" + P.labelStyleKey;
  }

  function measure(spec, node) {
    const key = sizeKey(spec);
    let size = sizes.get(key);
    if (!size) {
      node.style.display = "";
      size = [node.offsetWidth, node.offsetHeight];
      if (size[0] > 0) sizes.set(key, size);
    }
    return size;
  }

  /* Measure labels before they are first placed: ``specs`` as providers give them (className, contentKey,
   * build), at most ``limit`` of those not measured yet; returns how many sizes it found (0: nothing left,
   * or nothing measurable now, as in a page not shown). A label measured while the labels are placed lays
   * the whole page out then (after a date jump, with its new borders); measured here, in nodes of their
   * own that go again, many share one layout. */
  function measureAhead(specs, limit) {
    const todo = [], seen = new Set();
    for (let k = 0; k < specs.length && todo.length < (limit || Infinity); k++) {
      const key = sizeKey(specs[k]);
      if (!sizes.has(key) && !seen.has(key)) { seen.add(key); todo.push(specs[k]); }
    }
    if (!todo.length) return 0;
    const box = ensurePane(), nodes = todo.map(function (spec) {
      const node = P.el("div");
      node.className = spec.className;
      spec.build(node);
      box.appendChild(node);
      return node;
    });
    let found = 0;
    todo.forEach(function (spec, i) {
      const size = [nodes[i].offsetWidth, nodes[i].offsetHeight];
      if (size[0] > 0) { sizes.set(sizeKey(spec), size); found++; }
    });
    nodes.forEach(function (node) { node.remove(); });
    return found;
  }

  /* Measure the labels ``source()`` gives ahead, in the page's idle time, a slice at a time until all of
   * them are known (tm_borders: the state names; tm_place_labels: the place names, again after a language
   * change). Not in a page made for one snapshot. */
  const AHEAD_SLICE = 60, AHEAD_IDLE_MS = 4;
  const aheadSources = new Set();
  let aheadPending = false;
  P.measureLabelsLater = function (source) {
    aheadSources.add(source);
    if (aheadPending || !window.requestIdleCallback) return;
    aheadPending = true;
    window.requestIdleCallback(function measureSome(deadline) {
      aheadPending = false;
      if (!P.map || document.body.classList.contains("tm-snapshot")) return;
      aheadSources.forEach(function (next) {
        const specs = next();
        let found = -1;
        while (found !== 0 && deadline.timeRemaining() > AHEAD_IDLE_MS) found = measureAhead(specs, AHEAD_SLICE);
        if (found === 0) aheadSources.delete(next);
      });
      if (aheadSources.size) { aheadPending = true; window.requestIdleCallback(measureSome); }
    });
  };

  /* Whether a label's size is known already (tests). */
  P.labelMeasured = function (spec) { return sizes.has(sizeKey(spec)); };

  /* The map's own rectangle in container pixels, labels kept a little inside it. */
  P.labelBounds = function () {
    const s = P.map.getSize();
    return [2, 2, s.x - 2, s.y - 2];
  };

  /* What the labels depend on, cheaply: when none of it changed since the last placement (a date step that
   * changes no marker, no border and no selection: most steps of a scrub), the labels stay as they are.
   * Above the canvas threshold the markers are left out of it: a date step there changes thousands of
   * markers and placing hundreds of labels again for each would cost more than a frame; the labels follow
   * at the next move, selection or border change. */
  P.labelInputs = [];                // providers add strings here: tm_borders the borders drawn, ...
  function signature() {
    const c = P.map.getCenter(), s = P.map.getSize(), parts = [c.lat, c.lng, P.map.getZoom(), s.x, s.y,
      P.state.selected, P.state.language, P.overlayEpoch, P.strings && P.strings.language, P.labelStyleKey];
    P.labelInputs.forEach(function (input) { parts.push(input()); });
    if (!P.eventCanvas) {
      let key = "";
      P.events.forEach(function (ev) {
        if (ev.visible) key += ev.id + (ev.recent ? "+" : "-") + (ev.offset ? ev.offset.join(",") : "") + ";";
      });
      parts.push(key);
    }
    return parts.join("|");
  }
  let placedFor = null;

  /* Place every label now (after an update, a move, a resize); ``force`` even if nothing seems changed. */
  P.placeLabels = function (force) {
    if (!P.map || !P.data) return;
    ensurePane();
    const sig = signature();
    if (force !== true && sig === placedFor && !pane.classList.contains("tm-moving")) return;
    placedFor = sig;
    const given = [];
    P.labelProviders.forEach(function (provide) { provide(given); });
    // A spec with variants (a long label and shorter forms of it) becomes one engine label per variant.
    const specs = [];
    given.forEach(function (spec, g) {
      if (!spec.variants) { specs.push(spec); return; }
      spec.variants.forEach(function (variant, v) {
        specs.push(Object.assign({}, spec, variant, { key: spec.key + "#" + v, group: g }));
      });
    });
    const obstacles = [];
    P.obstacleProviders.forEach(function (provide) { provide(obstacles); });
    const nodes = specs.map(function (spec) { return nodeFor(spec); });
    // Measure everything first (one layout), then write positions (no layout between writes).
    const labels = specs.map(function (spec, i) {
      const size = measure(spec, nodes[i]);
      return { id: i, w: size[0], h: size[1], priority: spec.priority, hard: spec.hard, soft: spec.soft,
               group: spec.group, candidates: size[0] ? spec.candidates(size[0], size[1]) : [] };
    });
    const result = Engine.place({ bounds: P.labelBounds(), obstacles: obstacles, labels: labels, gap: 2 });
    const shown = new Set();
    P.placedLabels = [];
    leaders.forEach(function (line) { line.remove(); });
    leaders = [];
    result.placed.forEach(function (hit) {
      const spec = specs[hit.id], node = nodes[hit.id];
      shown.add(node);
      node.style.display = "";
      L.DomUtil.setPosition(node, P.map.containerPointToLayerPoint([hit.rect[0], hit.rect[1]]));
      P.placedLabels.push({ kind: spec.kind, text: spec.text, rect: hit.rect, key: spec.key,
                            anchor: hit.candidate.anchor || null, path: spec.path || null });
      if (hit.candidate.leader) leaders.push(leaderLine(hit.candidate.anchor, hit.rect));
    });
    // Hide what was shown before and what was only measured now (a new node is displayed to be measured).
    visible.forEach(function (node) { if (!shown.has(node)) node.style.display = "none"; });
    nodes.forEach(function (node) { if (!shown.has(node)) node.style.display = "none"; });
    visible = shown;
    pane.classList.remove("tm-moving");
  };
  let visible = new Set();           // the label nodes shown now (the pool keeps every one ever made)
  // The name the core calls after each update and move.
  P.declutterLabels = P.placeLabels;

  /* A thin line from a displaced label back to the point of the line it labels. */
  function leaderLine(anchor, rect) {
    const tx = Math.max(rect[0], Math.min(anchor[0], rect[2])), ty = Math.max(rect[1], Math.min(anchor[1], rect[3]));
    const length = Math.hypot(tx - anchor[0], ty - anchor[1]);
    const line = P.el("div", "tm-leader");
    const at = P.map.containerPointToLayerPoint(anchor);
    line.style.width = length + "px";
    line.style.transform = "translate3d(" + at.x + "px," + at.y + "px,0) rotate(" +
                           Math.atan2(ty - anchor[1], tx - anchor[0]) + "rad)";
    pane.appendChild(line);
    return line;
  }

  /* Helpers for providers: a container point of a [lat, lon], and a rectangle around a point. */
  P.toScreen = function (lat, lon) {
    const p = P.map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
  };
  P.squareAt = function (x, y, r) { return [x - r, y - r, x + r, y + r]; };
})(window.TreatyMap._);
