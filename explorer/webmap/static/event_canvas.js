/* Treaty Explorer: one canvas layer that draws every event marker (and the minor places) in one pass.
 *
 * Used above the page's canvas threshold instead of one Leaflet layer per marker: a date change is then one
 * loop over plain objects and one redraw in the next animation frame, with no layers added or removed.
 * Markers are projected once per zoom level; hit-testing for clicks and hovers is a scan of what is drawn.
 * The canvas ignores the pointer, so interactive layers below it (link arcs) still get their clicks.
 *
 * Events that ended long ago (the oldest fade bucket, usually most of a large dataset) are drawn as small
 * squares of their kind's colour: a field of faded circles at that density only reads as a carpet, and a
 * filled square costs a seventh of a copied circle image in software (what a date change costs here).
 */
(function () {
  "use strict";

  const TAU = 2 * Math.PI;
  const OLDEST_OPACITY = 0.32;       // the last fade bucket of treaty_map.js
  const DOT = 4;                     // side of an old event's square, CSS px
  const DOT_ALPHA = 0.6;
  const PADDING = 0.1;               // draw a margin around the view so a pan shows markers at once

  window.TreatyEventCanvas = L.Layer.extend({
    options: { pane: "events", minorLabelZoom: 6, maxMinorLabels: 400 },

    /* events: objects with lat, lon, offset, kind, visible, recent, opacity; places: minor places. */
    initialize: function (events, places, colors, handlers, options) {
      L.setOptions(this, options);
      this._events = events;
      this._places = places;
      this._colors = colors;
      this._handlers = handlers;     // {click(ev), hover(ev, latlng), out()}
      this._drawn = [];
      this._frame = null;
      this._zoom = null;
      this._hovered = null;
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "tm-event-canvas leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      this.getPane().appendChild(this._canvas);
      this._ctx = this._canvas.getContext("2d");
      this._reset();
    },

    onRemove: function () {
      if (this._frame) L.Util.cancelAnimFrame(this._frame);
      L.DomUtil.remove(this._canvas);
    },

    getEvents: function () {
      // A zoom ends with zoomend and then moveend: listening to moveend alone draws once per view change.
      return { moveend: this._reset, resize: this._reset,
               click: this._onClick, mousemove: this._onMouseMove, mouseout: this._onMouseOut };
    },

    /* Draw again: now if nothing was drawn since the last frame (the work then overlaps the wait for the
     * next frame instead of following it), else once in the next animation frame for all later changes. */
    redraw: function () {
      if (!this._map) return this;
      if (!this._drawnThisFrame) {
        if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
        this._draw();
        this._drawnThisFrame = true;
        L.Util.requestAnimFrame(function () { this._drawnThisFrame = false; }, this);
      } else if (!this._frame) {
        this._frame = L.Util.requestAnimFrame(this._draw, this);
      }
      return this;
    },

    /* The visible event drawn at a layer point (the top-most within its radius), or null. */
    eventAt: function (layerPoint) {
      for (let i = this._drawn.length - 1; i >= 0; i--) {
        const ev = this._drawn[i];
        const r = ev._dot ? DOT : (ev.recent ? 8.5 : 6) + 2;
        const dx = ev._px - layerPoint.x, dy = ev._py - layerPoint.y;
        if (dx * dx + dy * dy <= r * r) return ev;
      }
      return null;
    },

    /* Where an event's marker sits, in the map's layer coordinates. */
    layerPointOf: function (ev) {
      this._project();
      return L.point(ev._px, ev._py);
    },

    _project: function () {
      const zoom = this._map.getZoom();
      if (zoom === this._zoom) return;
      this._zoom = zoom;
      const map = this._map;
      const project = function (item) {
        const p = map.latLngToLayerPoint([item.lat, item.lon]);
        item._px = p.x + (item.offset ? item.offset[0] : 0);
        item._py = p.y + (item.offset ? item.offset[1] : 0);
      };
      this._events.forEach(project);
      this._places.forEach(project);
    },

    _reset: function () {
      const map = this._map;
      const size = map.getSize();
      const pad = size.multiplyBy(PADDING).round();
      const topLeft = map.containerPointToLayerPoint([0, 0]).subtract(pad).round();
      const width = size.x + 2 * pad.x, height = size.y + 2 * pad.y;
      const dpr = window.devicePixelRatio || 1;
      this._origin = topLeft;
      this._width = width;
      this._height = height;
      L.DomUtil.setPosition(this._canvas, topLeft);
      if (this._canvas.width !== Math.round(width * dpr) || this._canvas.height !== Math.round(height * dpr)) {
        this._canvas.width = Math.round(width * dpr);
        this._canvas.height = Math.round(height * dpr);
        this._canvas.style.width = width + "px";
        this._canvas.style.height = height + "px";
      }
      if (this._dpr !== dpr) this._sprites = {};
      this._dpr = dpr;
      this._project();
      if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
      this._draw();
    },

    _draw: function () {
      this._frame = null;
      if (!this._map) return;
      this._project();
      const ctx = this._ctx, ox = this._origin.x, oy = this._origin.y, w = this._width, h = this._height;
      const old = [], newer = [], recent = [];
      this._events.forEach(function (ev) {
        if (!ev.visible) return;
        const x = ev._px - ox, y = ev._py - oy;
        if (x < -10 || y < -10 || x > w + 10 || y > h + 10) return;
        ev._dot = !ev.recent && ev.opacity === OLDEST_OPACITY;
        (ev.recent ? recent : ev._dot ? old : newer).push(ev);
      });
      ctx.setTransform(this._dpr, 0, 0, this._dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      this._drawPlaces(ctx, ox, oy, w, h);
      this._paintDots(ctx, old, ox, oy);
      this._paintGroups(ctx, newer, ox, oy);
      this._paintGroups(ctx, recent, ox, oy);
      // Hit-testing scans backwards, so the marker drawn on top wins.
      this._drawn = old.concat(newer, recent);
    },

    /* Old events as small squares of their kind's colour, one fill style per kind. */
    _paintDots: function (ctx, list, ox, oy) {
      const byKind = {}, colors = this._colors, half = DOT / 2;
      list.forEach(function (ev) { (byKind[ev.kind] = byKind[ev.kind] || []).push(ev); });
      ctx.save();
      ctx.globalAlpha = DOT_ALPHA;
      Object.keys(byKind).sort().forEach(function (kind) {
        ctx.fillStyle = colors[kind] || "#555";
        byKind[kind].forEach(function (ev) {
          ctx.fillRect(Math.round(ev._px - ox - half), Math.round(ev._py - oy - half), DOT, DOT);
        });
      });
      ctx.restore();
    },

    /* Markers grouped by look, faded groups first, each marker a copy of its look's pre-drawn image:
     * in software, copying small images is about three times faster than filling and stroking circles. */
    _paintGroups: function (ctx, list, ox, oy) {
      const groups = {}, order = [], dpr = this._dpr;
      list.forEach(function (ev) {
        const key = (ev.recent ? "1" : "0") + ev.opacity + ev.kind;
        let group = groups[key];
        if (!group) {
          group = groups[key] = { recent: ev.recent, opacity: ev.opacity, kind: ev.kind, xy: [] };
          order.push(key);
        }
        group.xy.push(Math.round((ev._px - ox) * dpr), Math.round((ev._py - oy) * dpr));
      });
      order.sort();
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);           // device pixels: images land on whole pixels
      const self = this;
      order.forEach(function (key) {
        const g = groups[key], sprite = self._sprite(g.kind, g.recent, g.opacity), xy = g.xy;
        const image = sprite.image, half = sprite.half;
        for (let i = 0; i < xy.length; i += 2) ctx.drawImage(image, xy[i] - half, xy[i + 1] - half);
      });
      ctx.restore();
    },

    /* The image of one marker look, drawn once at the screen's pixel ratio. */
    _sprite: function (kind, recent, opacity) {
      const key = kind + (recent ? "+" : "-") + opacity;
      this._sprites = this._sprites || {};
      let sprite = this._sprites[key];
      if (sprite) return sprite;
      const r = recent ? 8.5 : 6, lw = recent ? 2 : 1, dpr = this._dpr || 1;
      const size = Math.ceil((2 * r + lw + 2) * dpr), centre = size / 2;
      const image = document.createElement("canvas");
      image.width = image.height = size;
      const c = image.getContext("2d");
      c.scale(dpr, dpr);
      c.beginPath();
      c.arc(centre / dpr, centre / dpr, r, 0, TAU);
      c.globalAlpha = opacity * 0.95;
      c.fillStyle = this._colors[kind] || "#555";
      c.fill();
      c.globalAlpha = opacity;
      c.lineWidth = lw;
      c.strokeStyle = recent ? "#000" : "#333";
      c.stroke();
      sprite = this._sprites[key] = { image: image, half: Math.floor(centre) };
      return sprite;
    },

    _drawPlaces: function (ctx, ox, oy, w, h) {
      const labels = this._map.getZoom() >= this.options.minorLabelZoom;
      const shown = [];
      if (!this._placeSprite) {
        const dpr = this._dpr || 1, image = document.createElement("canvas");
        image.width = image.height = Math.ceil(8 * dpr);
        const c = image.getContext("2d");
        c.scale(dpr, dpr);
        c.beginPath();
        c.arc(4, 4, 2.5, 0, TAU);
        c.fillStyle = "#fff";
        c.fill();
        c.lineWidth = 1;
        c.strokeStyle = "#333";
        c.stroke();
        this._placeSprite = image;
      }
      const dot = this._placeSprite;
      this._places.forEach(function (p) {
        const x = p._px - ox, y = p._py - oy;
        if (x < -4 || y < -4 || x > w + 4 || y > h + 4) return;
        ctx.drawImage(dot, Math.round(x) - 4, Math.round(y) - 4, 8, 8);
        if (labels) shown.push([p.name, x, y]);
      });
      if (!labels || shown.length > this.options.maxMinorLabels) return;
      ctx.font = "11px sans-serif";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.85)";
      ctx.fillStyle = "#333";
      shown.forEach(function (s) {
        ctx.strokeText(s[0], s[1] + 6, s[2]);
        ctx.fillText(s[0], s[1] + 6, s[2]);
      });
    },

    _onClick: function (e) {
      const ev = this.eventAt(e.layerPoint);
      if (ev) this._handlers.click(ev);
    },

    _onMouseMove: function (e) {
      const ev = this.eventAt(e.layerPoint);
      if (ev === this._hovered) return;
      this._hovered = ev;
      this._map.getContainer().style.cursor = ev ? "pointer" : "";
      if (ev) this._handlers.hover(ev, this._map.layerPointToLatLng([ev._px, ev._py]));
      else this._handlers.out();
    },

    _onMouseOut: function () {
      if (this._hovered) {
        this._hovered = null;
        this._map.getContainer().style.cursor = "";
        this._handlers.out();
      }
    }
  });
})();
