/* Treaty Explorer map page: how the page is shown where it is embedded (the kiosk).
 *
 * Python sends it as `display` (in the boot block's start state and in TreatyMap.update): every value
 * comes from there, in the page's CSS pixels (the kiosk zooms the page by its unit already):
 *   textScale   the labels', legend's and tooltips' text grows with it (the kiosk's text scale and its
 *               visitor's "larger text")
 *   contrast    null, or the high-contrast palette {ink, paper, accent, arcs: {out, in, both}}: labels
 *               and the legend as light text on black, arcs in strong colours and drawn wider
 *   legendFont  the legend's text size (px), touch: its toggle's least height and width (px)
 *   legendOpen  whether the legend is open; applied when the value sent changes (a smaller screen), so a
 *               visitor's own touch on the toggle stays until then
 *   covered     rectangles [x0, y0, x1, y1] that the embedding covers with its own panels (the kiosk's
 *               invitation card): overlays for the label engine, the framing and the layout report.
 * Styles are set through the CSSOM (element.style), which the page's Content-Security-Policy allows.
 */
(function (P) {
  "use strict";

  const NORMAL_ARCS = Object.assign({}, P.ARC_COLORS);
  P.display = { textScale: 1, contrast: null, legendFont: null, touch: null, legendOpen: null, covered: [] };
  P.labelStyleKey = "";
  let legendOpenSent = null;

  function apply(given) {
    const d = Object.assign({}, P.display, given || {});
    const root = document.documentElement, body = document.body;
    root.style.setProperty("--tm-text", String(+d.textScale || 1));
    body.classList.toggle("tm-contrast", !!d.contrast);
    if (d.contrast) {
      root.style.setProperty("--tm-ink", d.contrast.ink);
      root.style.setProperty("--tm-paper", d.contrast.paper);
      root.style.setProperty("--tm-accent", d.contrast.accent);
    }
    Object.assign(P.ARC_COLORS, d.contrast && d.contrast.arcs ? d.contrast.arcs : NORMAL_ARCS);
    P.ARC_WEIGHT = d.contrast ? 5 : 3;
    const legend = P.map.getContainer().querySelector(".tm-legend-control");
    if (legend) {
      legend.style.fontSize = d.legendFont ? d.legendFont + "px" : "";
      const toggle = legend.querySelector(".tm-legend-toggle");
      toggle.style.minHeight = d.touch ? d.touch + "px" : "";
      toggle.style.minWidth = d.touch ? d.touch + "px" : "";
    }
    P.display = d;
    // Labels measured at the old size or in the old look are measured again.
    P.labelStyleKey = [d.textScale, !!d.contrast].join("|");
    if (d.legendOpen !== null && d.legendOpen !== undefined && d.legendOpen !== legendOpenSent) {
      legendOpenSent = d.legendOpen;
      P.setLegendOpen(d.legendOpen);
    }
    P.drawLegend(true);
    if (P.invalidateOverlays) P.invalidateOverlays();
  }

  /* The covered rectangles, as overlays (tm_layout lists them with the others). */
  P.coveredRects = function () {
    return (P.display.covered || []).map(function (r) { return { name: "covered", rect: r.slice(0, 4) }; });
  };

  P.initHooks.push(function () {
    const start = (P.cfg.initial || {}).display;
    if (start) apply(start);
  });
  P.updateHooks.push(function (change) {
    if (!change.display) return;
    const contrastBefore = !!P.display.contrast;
    apply(change.display);
    // Arcs drawn in the other palette are drawn again (a new selection in the same change draws itself).
    if (!!P.display.contrast !== contrastBefore && change.selected === undefined && P.state.selected) {
      P.drawSelection(P.byId[P.state.selected]);
    }
  });

  /* What the page's display is now, for tests. */
  window.TreatyMap.display = function () {
    return Object.assign({}, P.display, { arcColors: Object.assign({}, P.ARC_COLORS), arcWeight: P.ARC_WEIGHT });
  };
})(window.TreatyMap._);
