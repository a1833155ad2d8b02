/* Treaty Explorer map page: place and link labels that do not cover each other. */
(function (P) {
  "use strict";

  /* Labels must not cover each other. The names of the selected place, its linked places and the capitals are
   * placed first; link labels are pushed down off them and off each other; any other place name that would
   * still be covered is hidden (its dot stays). */
  P.declutterLabels = function () {
    const tips = Array.prototype.slice.call(P.map.getPane("tooltipPane").querySelectorAll(".tm-link-tip"));
    tips.forEach(function (t) { t.style.marginTop = "0px"; t.style.marginLeft = "0px"; });
    const box = P.map.getContainer().getBoundingClientRect();
    const names = P.rankedPlaceLabels();
    const placed = [];
    P.showNames(names.filter(function (n) { return n.rank > 0; }), placed);
    tips.forEach(function (t) {
      let r = t.getBoundingClientRect(), shift = 0, dx = 0;
      // Keep labels inside the map horizontally.
      if (r.left < box.left + 4) dx = box.left + 4 - r.left;
      else if (r.right > box.right - 4) dx = Math.max(box.left + 4 - r.left, box.right - 4 - r.right);
      if (dx) {
        t.style.marginLeft = dx + "px";
        r = { left: r.left + dx, right: r.right + dx, top: r.top, bottom: r.bottom };
      }
      // Move it down or up, whichever frees it nearer to its arc.
      const down = P.freeShift(r, placed, 1), up = P.freeShift(r, placed, -1);
      shift = Math.abs(up) < Math.abs(down) ? up : down;
      if (shift) t.style.marginTop = shift + "px";
      placed.push({ left: r.left, right: r.right, top: r.top + shift, bottom: r.bottom + shift });
    });
    P.showNames(names.filter(function (n) { return n.rank === 0; }), placed);
  };

  /* How far rectangle r must move vertically (dir 1 down, -1 up) to clear every rectangle in placed. */
  P.freeShift = function (r, placed, dir) {
    let shift = 0;
    for (let tries = 0; tries < 8; tries++) {
      const hit = placed.find(function (p) {
        return r.left < p.right && p.left < r.right && r.top + shift < p.bottom && p.top < r.bottom + shift;
      });
      if (!hit) return shift;
      shift = dir > 0 ? hit.bottom - r.top + 2 : hit.top - r.bottom - 2;
    }
    return dir > 0 ? shift : Infinity;
  };

  /* Place-name labels, most important first: the selected event's place, its linked places, capitals, then
   * the rest (rank 0). */
  P.rankedPlaceLabels = function () {
    const sel = P.state.selected ? P.byId[P.state.selected] : null;
    const weight = P.table();
    if (sel) {
      (P.data.linksOf[sel.id] || []).forEach(function (lk) { weight[P.byId[lk.other].place] = 2; });
      weight[sel.place] = 4;
    }
    const labels = [];
    P.placeLayer.eachLayer(function (dot) {
      const node = dot.getTooltip() && dot.getTooltip().getElement();
      if (!node) return;
      node.style.visibility = "";
      labels.push({ node: node, rank: (weight[dot.placeId] || 0) + (dot.capital ? 1 : 0) });
    });
    return labels.sort(function (a, b) { return b.rank - a.rank; });
  };

  /* Show each name unless it would cover a rectangle already taken (the selected place's name always shows). */
  P.showNames = function (labels, taken) {
    labels.forEach(function (label) {
      const r = label.node.getBoundingClientRect();
      if (!r.width) return;                       // not shown at this zoom
      const hit = label.rank < 4 && taken.some(function (p) {
        return r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom;
      });
      if (hit) label.node.style.visibility = "hidden";
      else taken.push({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    });
  };
})(window.TreatyMap._);
