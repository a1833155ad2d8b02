/* Treaty Explorer map page: the caption block (title, date, event, legend of kinds, credit) and the corner that hides least. */
(function (P) {
  "use strict";

  P.addCaption = function () {
    P.captionControl = L.control({ position: "bottomleft" });
    let box = null;
    P.captionControl.onAdd = function () {
      // One box for the page's life: moving the control to another corner re-adds this same box.
      if (!box) {
        box = P.el("div", "tm-caption");
        box.style.display = "none";
        L.DomEvent.disableClickPropagation(box);
      }
      return box;
    };
    P.captionControl.addTo(P.map);
  };

  /* The corner where a caption of the box's size hides least of the selection: its marker weighs most, then
   * the linked places and link labels, then any visible marker. Ties keep the usual bottom-left. */
  P.quietestCorner = function (box) {
    const size = P.map.getSize(), b = box.getBoundingClientRect();
    const w = b.width + 20, h = b.height + 20, low = 40;     // bottom corners also hold scale and attribution
    const corners = {
      bottomleft: [0, size.y - h - low, w, size.y], topleft: [0, 0, w, h],
      topright: [size.x - w, 0, size.x, h], bottomright: [size.x - w, size.y - h - low, size.x, size.y]
    };
    const weights = [];
    const point = function (latlng, weight, offset) {
      let p = P.map.latLngToContainerPoint(latlng);
      if (offset) p = p.add(L.point(offset[0], offset[1]));
      weights.push([p.x - 10, p.y - 10, p.x + 10, p.y + 10, weight]);
    };
    // (A marker sits at its place plus its offset; above the canvas threshold there are no marker layers.)
    const placeOf = function (ev) { const p = P.placeById[ev.place]; return L.latLng(p.lat, p.lon); };
    P.events.forEach(function (ev) { if (ev.visible) point(placeOf(ev), 1, ev.offset); });
    if (P.state.selected) point(placeOf(P.byId[P.state.selected]), 100, P.byId[P.state.selected].offset);
    P.linkLayer.eachLayer(function (l) { if (l instanceof L.CircleMarker) point(l.getLatLng(), 20); });
    const origin = P.map.getContainer().getBoundingClientRect();
    P.map.getPane("tooltipPane").querySelectorAll(".tm-link-tip").forEach(function (t) {
      const r = t.getBoundingClientRect();
      weights.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top, 20]);
    });
    let best = "bottomleft", bestScore = Infinity;
    Object.keys(corners).forEach(function (name) {
      const c = corners[name];
      let score = 0;
      weights.forEach(function (r) { if (r[0] < c[2] && c[0] < r[2] && r[1] < c[3] && c[1] < r[3]) score += r[4]; });
      if (score < bestScore) { best = name; bestScore = score; }
    });
    return best;
  };

  window.TreatyMap.setCaption = function (caption) {
    const box = P.captionControl.getContainer();
    box.replaceChildren();
    document.body.classList.toggle("tm-has-caption", !!caption);
    if (!caption) { box.style.display = "none"; return P.notifyPainted(); }
    box.style.display = "";
    box.appendChild(P.el("div", "tm-caption-title", caption.title));
    box.appendChild(P.el("div", "tm-caption-date", caption.date));
    if (caption.event) box.appendChild(P.el("div", "tm-caption-event", caption.event));
    const legend = P.el("div", "tm-legend");
    Object.keys(P.data.kinds).forEach(function (kind) {
      if (caption.kinds && caption.kinds.indexOf(kind) < 0) return;
      const item = P.el("span", "tm-legend-item");
      const swatch = P.el("span", "tm-swatch");
      swatch.style.background = P.own(P.data.kinds, kind);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(kind));
      legend.appendChild(item);
    });
    box.appendChild(legend);
    box.appendChild(P.el("div", "tm-caption-credit", caption.credit || P.cfg.attribution));
    // caption.position: a Leaflet corner, or "auto" for the corner that hides least of the selection.
    const corner = caption.position === "auto" ? P.quietestCorner(box) : caption.position;
    if (corner && corner !== P.captionControl.getPosition()) P.captionControl.setPosition(corner);
    return P.notifyPainted();
  };
})(window.TreatyMap._);
