/* Treaty Explorer map page: the base map. The sea is the map's background; land, coasts and (only when asked
 * for present-day borders) today's country outlines are drawn from Natural Earth, at 1:50m up to zoom 6
 * and 1:10m from zoom 7 (fetched from the app the first time). The period borders are tm_borders.js.
 *
 * Layers, bottom up: the world at 1:110m (land only outside the 1:50m countries), land, the period states
 * (tm_borders), present-day outlines, and at close zooms the sea again over the 1:10m coast, so the
 * 1:50m-based period fills never spill into it. The credit line names what is drawn.
 */
(function (P) {
  "use strict";

  P.LAND = "#f2ede1";
  // With period borders, land outside the region they cover is a neutral grey: the period map then reads
  // as a map of its region, not as land where no state is drawn.
  P.LAND_BEYOND = "#e4e1da";
  P.SEA = "#b7d0dc";
  const COAST = { color: "#8f8672", weight: 0.6 };
  const PRESENT = { color: "#8f8672", weight: 0.8, fill: false };
  P.baseLayers = [];                 // [{role, minZoom, maxZoom, layer, period, present}]
  P.pendingLoads = 0;                // 1:10m files being fetched (snapshots wait for them)
  let detail = [];                   // boot.detailLayers not loaded yet

  function pane(name, z) {
    const el = P.map.createPane(name);
    el.style.zIndex = z;
    // A layer of its own for the compositor: a marker or label changing above it then does not make the
    // browser paint the thousands of polygon points below it again.
    el.style.willChange = "transform";
    return name;
  }

  /* layers: the parsed JSON of boot.basemaps, in the same order (each entry says its role). */
  P.addBaseMap = function (layers) {
    pane("basemap", 150);
    pane("periodBorders", 160);
    pane("periodBorderLines", 162);       // the lines between states, over every fill whenever it was made
    pane("coast", 165);
    pane("presentBorders", 170);
    pane("sea", 175);
    const refs = P.cfg.basemaps;
    const european = new Set();
    layers.forEach(function (geojson, i) {
      if (refs[i].role === "countries") geojson.features.forEach(function (f) { european.add(f.properties.name); });
    });
    layers.forEach(function (geojson, i) { addLayer(refs[i], geojson, european); });
    detail = (P.cfg.detailLayers || []).slice();
    P.map.attributionControl.setPrefix(false);
    P.map.on("zoomend", P.updateBaseLayers);
    P.updateBaseLayers();
  };

  function addLayer(ref, geojson, european) {
    const entry = { role: ref.role, minZoom: ref.minZoom, maxZoom: ref.maxZoom, layer: null,
                    period: true, present: true };
    if (ref.role === "borders") {                     // the period states: tm_borders draws them
      P.initBorders(geojson);
      return;
    }
    if (ref.role === "world") {
      // Outside the 1:50m file only, so its coarse coasts never show beside the finer ones.
      const outside = { type: "FeatureCollection",
                        features: geojson.features.filter(function (f) { return !european.has(f.properties.name); }) };
      entry.layer = L.geoJSON(outside, { pane: "basemap", interactive: false, style: function () {
        return { fillColor: P.LAND, fillOpacity: 1, color: COAST.color, weight: P.state.borders === "present" ? 0.6 : 0 };
      } });
    } else if (ref.role === "land") {
      entry.layer = L.geoJSON(geojson, { pane: "basemap", interactive: false, smoothFactor: 1.2,
        style: { fillColor: P.LAND, fillOpacity: 1, stroke: false } });
      if (ref.minZoom < 7) {
        // The coast over the period fills (which have no outline of their own).
        entry.coast = L.geoJSON(geojson, { pane: "coast", interactive: false, smoothFactor: 1.2,
          style: { fill: false, color: COAST.color, weight: COAST.weight } });
      } else {
        // The sea over the period fills at close zooms: the box with every land ring as a hole.
        entry.sea = L.polygon(seaRings(geojson), { pane: "sea", interactive: false, fillColor: P.SEA,
          fillOpacity: 1, color: COAST.color, weight: COAST.weight, smoothFactor: 1.2 });
      }
    } else if (ref.role === "countries") {
      entry.layer = L.geoJSON(geojson, { pane: "presentBorders", interactive: false, smoothFactor: 1.2,
                                         style: PRESENT });
      entry.period = false;
    } else if (ref.role === "border-lines") {
      entry.layer = L.geoJSON(geojson, { pane: "presentBorders", interactive: false, style: PRESENT });
      entry.period = false;
    }
    P.baseLayers.push(entry);
  }

  function seaRings(land) {
    const b = [[24, -30], [24, 70], [75, 70], [75, -30]];         // the 1:10m box (tools/make_basemap.py)
    const rings = [b];
    land.features.forEach(function (f) {
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      polygons.forEach(function (polygon) {
        polygon.forEach(function (ring) { rings.push(ring.map(function (p) { return [p[1], p[0]]; })); });
      });
    });
    return rings;
  }

  /* Show the layers meant for this zoom and border mode; fetch a 1:10m file the first time it is needed. */
  P.updateBaseLayers = function () {
    const z = P.map.getZoom(), present = P.state.borders === "present";
    detail = detail.filter(function (ref) {
      if (z < ref.minZoom || z > ref.maxZoom || (ref.role === "border-lines" && !present)) return true;
      P.pendingLoads++;
      P.loadJson(ref).then(function (geojson) {
        addLayer(ref, geojson, new Set());
        P.updateBaseLayers();
      }).catch(function (error) {
        console.error("the map could not load " + (ref.url || ref.element) + ": " + error);
      }).then(function () {
        P.pendingLoads--;
        P.placeLabels();
        P.notifyPainted();
      });
      return false;
    });
    P.baseLayers.forEach(function (entry) {
      const wanted = z >= entry.minZoom && z <= entry.maxZoom && (present ? entry.present : entry.period);
      [entry.layer, entry.sea, entry.coast].forEach(function (layer) {
        if (!layer) return;
        if (wanted && !P.map.hasLayer(layer)) layer.addTo(P.map);
        else if (!wanted && P.map.hasLayer(layer)) P.map.removeLayer(layer);
      });
      const land = present ? P.LAND : P.LAND_BEYOND;
      if (entry.role === "world") entry.layer.setStyle({ weight: present ? 0.6 : 0, fillColor: land });
      if (entry.role === "land") entry.layer.setStyle({ fillColor: land });
    });
    updateCredit();
  };

  /* How many map files the page is still fetching (a snapshot waits until none). */
  window.TreatyMap.pending = function () { return P.pendingLoads; };

  /* The credit line: the base map, and the period borders' licence when they are drawn. */
  P.creditText = function () {
    const s = P.strings || {};
    const parts = [s.creditBasemap || P.cfg.attribution];
    if (P.state.borders !== "present" && P.bordersShown && P.bordersShown()) parts.push(s.creditBorders);
    return parts.filter(Boolean).join(" · ");
  };

  let credit = null;
  function updateCredit() {
    const text = P.creditText(), control = P.map.attributionControl;
    if (credit === text) return;
    if (credit !== null) control.removeAttribution(P.el("span", "", credit).outerHTML);
    // Leaflet takes attribution as markup: our own text, escaped by going through a text node.
    control.addAttribution(P.el("span", "", text).outerHTML);
    credit = text;
    if (P.invalidateOverlays) P.invalidateOverlays();
  }
  P.updateCredit = updateCredit;

  P.updateHooks.push(function (change) {
    if (change.borders !== undefined || change.strings) P.updateBaseLayers();
  });

  /* Set the zoom buttons' names in the page's language (Leaflet's own are English). */
  P.updateControlNames = function () {
    const zc = P.map.zoomControl, s = P.strings || {};
    if (!zc) return;
    [[zc._zoomInButton, s.zoomIn], [zc._zoomOutButton, s.zoomOut]].forEach(function (pair) {
      if (!pair[0] || !pair[1]) return;
      pair[0].title = pair[1];
      pair[0].setAttribute("aria-label", pair[1]);
    });
  };
  P.initHooks.push(P.updateControlNames);
  P.updateHooks.push(function (change) { if (change.strings) P.updateControlNames(); });
})(window.TreatyMap._);
