/* Treaty Explorer map page: the caption block of snapshots (title, date, selected event, credit).
 *
 * It is an overlay like the legend: opaque, in a fixed corner (bottom left, above the scale bar), and
 * set before the selection is framed, so framing keeps the selection clear of it and no label goes under
 * it. The legend of kinds is the map's own legend (tm_legend.js), which snapshots show too. */
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

  let current = null;

  function draw() {
    const box = P.captionControl.getContainer(), caption = current;
    if (P.invalidateOverlays) P.invalidateOverlays();
    box.replaceChildren();
    document.body.classList.toggle("tm-has-caption", !!caption);
    if (!caption) { box.style.display = "none"; return; }
    box.style.display = "";
    box.appendChild(P.el("div", "tm-caption-title", caption.title));
    box.appendChild(P.el("div", "tm-caption-date", caption.date));
    if (caption.event) box.appendChild(P.el("div", "tm-caption-event", caption.event));
    // The credit of what is drawn (base map, and the period borders' licence), in the page's language.
    box.appendChild(P.el("div", "tm-caption-credit", P.creditText ? P.creditText() : caption.credit));
    // caption.position: a Leaflet corner; "auto" is the bottom left (framing keeps the selection clear of it).
    const corner = !caption.position || caption.position === "auto" ? "bottomleft" : caption.position;
    if (corner !== P.captionControl.getPosition()) P.captionControl.setPosition(corner);
  }

  window.TreatyMap.setCaption = function (caption) {
    current = caption || null;
    draw();
    P.placeLabels();
    return P.notifyPainted();
  };

  P.updateHooks.push(function (change) {
    if (current && (change.strings || change.borders !== undefined)) draw();
  });
})(window.TreatyMap._);
