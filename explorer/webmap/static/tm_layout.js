/* Treaty Explorer map page: the overlays (legend, caption, credit, scale bar, controls) and the layout report.
 *
 * TreatyMap.layout() says, in output pixels (CSS pixels times the device pixel ratio, which a snapshot's
 * page zoom sets), what is drawn: the size, the selected marker, every visible marker, every label placed
 * (kind place, link, event or border) and every overlay. Only what is visible is listed. It is what
 * `explorer snapshot --layout` writes and what tests read from the window.
 *
 * The scale bar is ours too: Leaflet's writes "300 km" into a bar that may be narrower than the text; this
 * one makes each bar at least as long as its label.
 */
(function (P) {
  "use strict";

  const OVERLAYS = [["legend", ".tm-legend-control"], ["caption", ".tm-caption"],
                    ["credit", ".leaflet-control-attribution"], ["scale", ".leaflet-control-scale"],
                    ["controls", ".leaflet-control-zoom"]];

  /* The visible overlays as rectangles in container pixels. They change only when the legend or caption is
   * redrawn or the map changes size (each says so: P.invalidateOverlays), so they are kept until then:
   * measuring them forces a layout of the whole page. */
  let overlays = null, measuredAt = null;
  P.overlayEpoch = 0;
  P.invalidateOverlays = function () { overlays = null; P.overlayEpoch++; };
  P.overlayRects = function () {
    // Measured again at a new map size even before its resize event has been heard: framing a selection
    // again on that event (tm_framing) must see the legend and credit where the new size puts them.
    const s = P.map.getSize(), size = s.x + "x" + s.y;
    if (!overlays || measuredAt !== size) { overlays = measureOverlays(); measuredAt = size; }
    return overlays;
  };
  // The scale bar changes length with the zoom and the latitude (its rectangle is kept up to date where
  // its length is set, below: no measuring at every move); the zoom buttons and credit stay.
  P.initHooks.push(function () {
    P.map.on("resize", P.invalidateOverlays);
    // After a resize Leaflet says moveend only 200 ms later: the labels follow the new size at once (a
    // kiosk's details panel opening beside the map), not after labels cut by the old edge were shown.
    P.map.on("resize", function () { P.placeLabels(); });
  });

  function measureOverlays() {
    const container = P.map.getContainer(), origin = container.getBoundingClientRect(), out = [];
    OVERLAYS.forEach(function (pair) {
      container.querySelectorAll(pair[1]).forEach(function (el) {
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1 || getComputedStyle(el).visibility === "hidden") return;
        out.push({ name: pair[0], rect: [r.left - origin.left, r.top - origin.top, r.right - origin.left,
                                         r.bottom - origin.top] });
      });
    });
    // What the embedding covers with its own panels (tm_display: the kiosk's invitation card).
    return P.coveredRects ? out.concat(P.coveredRects()) : out;
  }

  P.obstacleProviders.push(function (out) {
    P.overlayRects().forEach(function (o) { out.push({ rect: o.rect, kind: "overlay" }); });
  });

  function box(r, k) {
    const x = Math.round(r[0] * k), y = Math.round(r[1] * k);
    return [x, y, Math.round(r[2] * k) - x, Math.round(r[3] * k) - y];
  }

  window.TreatyMap.layout = function () {
    const k = window.devicePixelRatio || 1, size = P.map.getSize();
    const view = [0, 0, size.x, size.y];
    const markers = [];
    P.events.forEach(function (ev) {
      if (!ev.visible) return;
      const pt = P.markerPoint(ev), r = P.squareAt(pt[0], pt[1], P.markerRadius(ev));
      if (TreatyLabels.intersects(r, view)) markers.push({ id: ev.id, rect: box(r, k) });
    });
    const sel = P.state.selected && P.byId[P.state.selected];
    let selected = null;
    if (sel && sel.visible) {
      const pt = P.markerPoint(sel);
      selected = { id: sel.id, rect: box(P.squareAt(pt[0], pt[1], P.selectedRadius()), k) };
    }
    return {
      size: [Math.round(size.x * k), Math.round(size.y * k)], selected: selected, markers: markers,
      labels: P.placedLabels.map(function (l) { return { text: l.text, kind: l.kind, rect: box(l.rect, k) }; }),
      overlays: P.overlayRects().map(function (o) { return { name: o.name, rect: box(o.rect, k) }; })
    };
  };

  /* For tests: each placed link label with the arc it labels (container pixels), and the padded area. */
  window.TreatyMap.linkLabelGeometry = function () {
    const k = window.devicePixelRatio || 1;
    return P.placedLabels.filter(function (l) { return l.kind === "link"; }).map(function (l) {
      return { text: l.text, rect: box(l.rect, k), distance: TreatyLabels.distanceToPath(l.rect, l.path) * k,
               path: l.path.map(function (p) { return [p[0] * k, p[1] * k]; }) };
    });
  };

  /* --- the scale bar ------------------------------------------------------------------------------- */

  /* The round distance at or above v (1, 2, 3 or 5 times a power of ten). */
  function roundUp(v) {
    const pow = Math.pow(10, Math.floor(Math.log10(v)));
    const steps = [1, 2, 3, 5, 10];
    for (let i = 0; i < steps.length; i++) if (steps[i] * pow >= v - 1e-9) return steps[i] * pow;
    return 10 * pow;
  }

  // Leaflet's bar is maxWidth × ratio long with its text inside, and the text can be the wider: then take
  // the next round distances until the bar holds its text. (folium makes the control when the map is
  // built, after this file has run, so the prototype is where to say it.)
  // The text is measured in the bar's font on a canvas, not in the page: Leaflet sets the bar at every
  // move, and reading a box from the page then lays the whole page out in the middle of the move (8-10 ms
  // of a framed selection at 10,000 events, and once more for the labels' overlays after it).
  let textFont = null, textFontKey = null, textContext = null;
  function textWidth(scale, text) {
    if (textFontKey !== P.labelStyleKey || !textFont) {
      const style = scale.isConnected ? getComputedStyle(scale) : null;
      if (!style || !style.fontSize) {                 // not in the page yet: measure it there
        const probe = P.el("span", "", text);
        scale.replaceChildren(probe);
        return probe.getBoundingClientRect().width;
      }
      textFont = [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily].join(" ");
      textFontKey = P.labelStyleKey;
      textContext = textContext || document.createElement("canvas").getContext("2d");
    }
    textContext.font = textFont;
    return textContext.measureText(text).width;
  }

  L.Control.Scale.prototype._updateScale = function (scale, text, ratio) {
    const value = parseFloat(text), unit = text.replace(/^[\d.]+\s*/, ""), full = this.options.maxWidth * ratio;
    let shown = value, width = Math.round(full);
    // The bar is border-box: its width holds the text, the padding (10 px) and the side borders (4 px);
    // leave the text 2 px to spare.
    for (let tries = 0; tries < 3; tries++) {
      const need = Math.ceil(textWidth(scale, shown + " " + unit)) + 16;
      if (need <= width) break;
      shown = roundUp(shown * need / width * 1.001);
      width = Math.round(full * shown / value);
    }
    const label = shown === value ? text : shown + " " + unit;
    if (!scale.firstChild || scale.firstChild.textContent !== label) scale.replaceChildren(P.el("span", "", label));
    scale.style.width = width + "px";
    P.fitCredit(this.options.maxWidth);
  };

  /* The credit (bottom right) wraps in the width the scale bar (bottom left) leaves it, so that a long
   * credit (German, a small map) never lies over the bar; called whenever the bar changes (``longest``:
   * the bar's usual longest, Leaflet's maxWidth). It leaves the bar the longest it has been (a bar that
   * must hold its text can be longer), not just its length now: then the credit does not wrap anew, nor
   * the page lay out again, at every zoom. Where the bar starts is measured once per map size and text
   * style (the kiosk's); its length is what its lines were set to. The scale bar's kept rectangle follows
   * its new length. */
  let barLeft = null, barAt = null, creditWidth = null, reserved = 0;
  P.fitCredit = function (longest) {
    const credit = document.querySelector(".leaflet-control-attribution");
    const bar = document.querySelector(".leaflet-control-scale");
    if (!credit || !P.map) return;
    const size = P.map.getSize(), at = size.x + "x" + size.y + "|" + P.labelStyleKey;
    if (barLeft === null || barAt !== at) {
      const map = P.map.getContainer().getBoundingClientRect();
      barLeft = bar ? bar.getBoundingClientRect().left - map.left : 0;
      barAt = at;
      creditWidth = null;
    }
    // The bar is as long as its longest line (metric and imperial: each set here, in CSS px).
    let barWidth = 0;
    if (bar) {
      bar.querySelectorAll(".leaflet-control-scale-line").forEach(function (line) {
        barWidth = Math.max(barWidth, parseFloat(line.style.width) || 0);
      });
    }
    // A bar made longer to hold its text (the next round distance) is seldom over a third longer.
    reserved = Math.max(reserved, barWidth, Math.round(1.3 * (longest || 0)));
    const room = bar ? barLeft + reserved : 0;
    const wanted = Math.max(120, Math.floor(size.x - room - 16)) + "px";
    if (overlays) {
      overlays.forEach(function (o) { if (o.name === "scale") o.rect[2] = o.rect[0] + barWidth; });
    }
    if (wanted === creditWidth) return;
    credit.style.maxWidth = creditWidth = wanted;
    P.invalidateOverlays();                        // the credit may wrap otherwise
    P.fitLegend();
  };

  /* The open legend (top right) ends above the credit (bottom right): on a short map, or with the kiosk's
   * touch-sized legend, it scrolls inside itself rather than lying over the credit. */
  P.fitLegend = function () {
    const control = document.querySelector(".tm-legend-control");
    const body = control && control.querySelector(".tm-legend-body");
    if (!body || !P.map) return;
    body.style.maxHeight = "";
    body.style.overflowY = "";
    const credit = document.querySelector(".leaflet-control-attribution");
    const map = P.map.getContainer().getBoundingClientRect();
    const floor = (credit && credit.offsetParent ? credit.getBoundingClientRect().top : map.bottom) - 8;
    if (control.getBoundingClientRect().bottom <= floor) return;
    body.style.maxHeight = Math.max(40, Math.floor(floor - body.getBoundingClientRect().top)) + "px";
    body.style.overflowY = "auto";
  };
})(window.TreatyMap._);
