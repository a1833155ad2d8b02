/* Treaty Explorer map page: the hover tooltip goes when the pointer does.
 *
 * A marker's mouseout does not come when the marker itself goes (a date change removes it while the pointer
 * rests on it), when the map moves under a still pointer, when the pointer leaves the page at speed, or
 * on a touch screen (a tap is a mouseover with no mouseout until the next tap): the tooltip then stayed
 * until a click. So it is also closed when the pointer moves over anything that is not a marker or an arc,
 * leaves the map, or when the map moves, zooms or is updated. An arc's tooltip shows its link label (the
 * label itself may have found no place on the map).
 */
(function (P) {
  "use strict";

  let linkTip = null;

  P.hideHover = function () {
    if (P.hoverTip && P.map.hasLayer(P.hoverTip)) P.map.closeTooltip(P.hoverTip);
    if (linkTip && P.map.hasLayer(linkTip)) P.map.closeTooltip(linkTip);
  };

  P.showLinkHover = function (label, latlng) {
    if (!linkTip) linkTip = L.tooltip({ direction: "top", offset: [0, -6], className: "tm-hover tm-link-hover" });
    const box = P.el("div");
    label.rows.forEach(function (row) {
      const line = P.el("div");
      line.appendChild(P.el("b", "", row[0]));
      line.appendChild(document.createTextNode(row[1] + " (" + row[2] + ")"));
      box.appendChild(line);
    });
    linkTip.setContent(box);
    linkTip.setLatLng(latlng);
    P.map.openTooltip(linkTip);
  };

  /* Whether a pointer event is over something that shows a tooltip (an SVG marker or an arc). */
  function overTarget(e) {
    const target = e.originalEvent && e.originalEvent.target;
    if (!target || !target.classList) return false;
    if (target.classList.contains("tm-link-arc")) return true;
    // SVG markers are interactive paths in the events pane; the canvas layer hit-tests for itself.
    return target.classList.contains("leaflet-interactive") && !!target.closest(".leaflet-events-pane");
  }

  P.initHooks.push(function () {
    const map = P.map;
    map.on("mousemove", function (e) { if (!P.eventCanvas && !overTarget(e)) P.hideHover(); });
    map.on("mouseout movestart zoomstart", P.hideHover);
    map.getContainer().addEventListener("mouseleave", P.hideHover);
    map.getContainer().addEventListener("touchstart", P.hideHover, { passive: true });
  });
  P.updateHooks.push(function () { P.hideHover(); });

  /* Whether a hover tooltip is open now (tests). */
  window.TreatyMap.hoverOpen = function () {
    return !!((P.hoverTip && P.map.hasLayer(P.hoverTip)) || (linkTip && P.map.hasLayer(linkTip)));
  };
})(window.TreatyMap._);
