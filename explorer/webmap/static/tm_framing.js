/* Treaty Explorer map page: framing a selection.
 *
 * The selected marker and its links (their far ends and the arcs' bows) are fitted into the padded area:
 * the map less the largest rectangle-preserving cut around each overlay (legend, caption, credit, scale
 * bar, zoom buttons), less a margin; the selected marker also stays at least 8 % of the map's size from
 * every edge. The zoom is the closest (at most MAX_ZOOM) at which all of it fits; the centre is chosen at
 * that zoom from the points alone, so the same selection is framed the same way whatever the view was
 * before (the kiosk's attract tour, a snapshot, a click). When the map changes size while a framed
 * selection is untouched (the kiosk's details panel opens beside it), it is framed again.
 */
(function (P) {
  "use strict";

  const MAX_ZOOM = 6, ALONE_ZOOM = 5, EDGE = 0.08, MARGIN = 14;
  let framed = null;                  // the selection last framed, while the user has not moved the map
  let ownMove = false;

  /* The largest rectangle of the map that no overlay covers: each overlay is cut away by one of its sides
   * (the choice that keeps the most area; ties keep the first found, so it is deterministic). */
  P.paddedArea = function (overlays) {
    const size = P.map.getSize();
    const rects = (overlays || P.overlayRects()).map(function (o) { return o.rect; });
    let best = [0, 0, size.x, size.y], bestArea = -1;
    const n = rects.length, choices = Math.pow(4, n);
    for (let c = 0; c < choices; c++) {
      let l = 0, t = 0, r = size.x, b = size.y, code = c;
      for (let i = 0; i < n; i++) {
        const o = rects[i], side = code % 4;
        code = Math.floor(code / 4);
        if (side === 0) l = Math.max(l, o[2]);
        else if (side === 1) r = Math.min(r, o[0]);
        else if (side === 2) t = Math.max(t, o[3]);
        else b = Math.min(b, o[1]);
      }
      const area = Math.max(0, r - l) * Math.max(0, b - t);
      if (area > bestArea) { bestArea = area; best = [l, t, r, b]; }
    }
    return [best[0] + MARGIN, best[1] + MARGIN, best[2] - MARGIN, best[3] - MARGIN];
  };

  /* The rectangle the selected marker must stay in: the padded area and 8 % in from every edge. */
  function selectedArea(area) {
    const size = P.map.getSize(), r = P.selectedRadius() + 2;      // 2 px to spare for rounding
    return [Math.max(area[0], size.x * EDGE) + r, Math.max(area[1], size.y * EDGE) + r,
            Math.min(area[2], size.x * (1 - EDGE)) - r, Math.min(area[3], size.y * (1 - EDGE)) - r];
  }

  /* The latitudes and longitudes that must be in the frame besides the selected marker. */
  function framedPoints(ev) {
    const here = P.placeById[ev.place], points = [];
    P.linksOf(ev.id).forEach(function (lk) {
      const p = P.placeById[P.byId[lk.other].place];
      if (p.id === here.id) return;
      points.push([p.lat, p.lon]);
      const arc = P.curve([here.lat, here.lon], [p.lat, p.lon]);
      for (let i = 4; i < arc.length; i += 4) points.push(arc[i]);
    });
    return points;
  }

  /* Solve for the view: [center, zoom]. */
  P.frameView = function (ev) {
    const map = P.map, size = map.getSize(), area = P.paddedArea(), inner = selectedArea(area);
    const here = P.placeById[ev.place], points = framedPoints(ev);
    const minZoom = map.getMinZoom();
    for (let z = points.length ? MAX_ZOOM : ALONE_ZOOM; z >= minZoom; z--) {
      const off = P.crowdOffsetAt ? P.crowdOffsetAt(ev, z) : ev.offset;
      const s = map.project([here.lat, here.lon], z).add(L.point(off ? off[0] : 0, off ? off[1] : 0));
      // The top-left corner o of the view, in world pixels at zoom z: every point inside the padded area
      // (pad ~10 px for the marker drawn there), the selected marker inside its inner area.
      let x0 = s.x - inner[2], x1 = s.x - inner[0], y0 = s.y - inner[3], y1 = s.y - inner[1];
      let minX = s.x, maxX = s.x, minY = s.y, maxY = s.y;
      points.forEach(function (ll) {
        const p = map.project(ll, z);
        x0 = Math.max(x0, p.x - (area[2] - 10)); x1 = Math.min(x1, p.x - (area[0] + 10));
        y0 = Math.max(y0, p.y - (area[3] - 10)); y1 = Math.min(y1, p.y - (area[1] + 10));
        minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
      });
      if (x0 > x1 || y0 > y1) continue;
      // Centre the whole group in the padded area, as far as the selected marker's bounds allow.
      const ox = Math.max(x0, Math.min(x1, (minX + maxX) / 2 - (area[0] + area[2]) / 2));
      const oy = Math.max(y0, Math.min(y1, (minY + maxY) / 2 - (area[1] + area[3]) / 2));
      return [map.unproject(L.point(ox + size.x / 2, oy + size.y / 2), z), z];
    }
    // Nothing fits (links across the world): the selection at the smallest zoom, centred in the area.
    const s = map.project([here.lat, here.lon], minZoom);
    const cx = (area[0] + area[2]) / 2, cy = (area[1] + area[3]) / 2;
    return [map.unproject(L.point(s.x - cx + size.x / 2, s.y - cy + size.y / 2), minZoom), minZoom];
  };

  P.frameSelection = function (ev, animate) {
    const view = P.frameView(ev);
    framed = ev.id;
    ownMove = true;
    if (animate) P.map.flyTo(view[0], view[1], { duration: 0.6 });
    else P.map.setView(view[0], view[1], { animate: false });
    if (!animate) ownMove = false;
  };

  P.initHooks.push(function () {
    const map = P.map;
    map.on("moveend", function () { ownMove = false; });
    // A move the user makes (a drag, the wheel, the zoom buttons) ends the framing: a resize then keeps
    // their view.
    map.on("dragstart", function () { framed = null; });
    map.on("zoomstart", function () { if (!ownMove) framed = null; });
    map.on("resize", function () {
      const ev = framed && P.state.selected === framed ? P.byId[framed] : null;
      if (ev) P.frameSelection(ev, false);
    });
  });

  /* The area framing keeps clear, in container pixels (tests and the layout report). */
  window.TreatyMap.paddedArea = function () { return P.paddedArea(); };
})(window.TreatyMap._);
