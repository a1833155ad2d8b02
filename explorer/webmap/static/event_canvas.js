/* Treaty Explorer: one canvas layer that draws every event marker at scale.
 *
 * Used above the page's canvas threshold instead of one Leaflet layer per marker. It draws into two
 * stacked canvases, so a date change redraws only what changed:
 *  - places: the minor places (dots and, zoomed in, names), drawn when the view changes;
 *  - events: first the marks of the events that ended long ago (event_marks.js: rasterised by hand, a later
 *    date only adds a slice), then the recent and fading events, each a copy of a pre-drawn image of its
 *    look (its kind's shape, event_shapes.js), up to a budget of images a frame, the more faded rest as
 *    marks (level of detail where they are dense).
 * Hit-testing for clicks and hovers scans what is drawn, top-most first. The canvases ignore the pointer,
 * so interactive layers below them (link arcs) still get their clicks.
 */
(function () {
  "use strict";

  const TAU = 2 * Math.PI;
  const PADDING = 0.1;               // draw a margin around the view so a pan shows markers at once
  const SPRITE_BUDGET = 2500;        // fading markers drawn as images per frame; the rest as marks

  /* The first position in the sorted (by key) index whose key is >= value. */
  function lowerBound(index, keys, value) {
    let lo = 0, hi = index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[index[mid]] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  window.TreatyEventCanvas = L.Layer.extend({
    options: { pane: "events", minorLabelZoom: 6, maxMinorLabels: 400 },

    /* source: the page's event columns and looks (treaty_map.js's internals "P"): n, cols {start, last,
     * kind, place, dx, dy, accepted}, byLast, places, minorPlaces, kindColors, kindShapes (by kind index),
     * oldRange(), freshEvents(), lookCode(i) and looks, hitSlop; handlers: {click(i), hover(i, latlng), out()}. */
    initialize: function (source, handlers, options) {
      L.setOptions(this, options);
      this._src = source;
      this._handlers = handlers;
      this._frame = null;
      this._zoom = null;
      this._hovered = -1;
      this._fresh = [];                    // indexes drawn on the fresh layer, bottom first
      this._px = new Float32Array(source.n);
      this._py = new Float32Array(source.n);
      this._sprites = {};
      this._oldState = null;
      this._asked = false;                 // no events drawn until the page first asks (redraw)
      const layer = this;
      this.stats = { draws: 0, oldMarks: 0, freshMarks: 0, fullRebuilds: 0, drawMs: 0,
                     // the old marks' kept copies, and whether some are still to be taken in idle time
                     get copies() { return layer._oldState ? Object.keys(layer._oldState.snapshots).length : 0; },
                     get copiesPending() { return !!(layer._oldState && layer._oldState.filler); } };
    },

    onAdd: function () {
      const pane = this.getPane();
      const make = function (name) {
        const canvas = L.DomUtil.create("canvas", "tm-event-canvas tm-event-canvas-" + name + " leaflet-zoom-hide");
        canvas.style.pointerEvents = "none";
        canvas.style.position = "absolute";
        pane.appendChild(canvas);
        return canvas;
      };
      this._canvases = { places: make("places"), events: make("events") };
      this._reset();
    },

    onRemove: function () {
      if (this._frame) L.Util.cancelAnimFrame(this._frame);
      Object.keys(this._canvases).forEach(function (k) { L.DomUtil.remove(this._canvases[k]); }, this);
    },

    getEvents: function () {
      // A zoom ends with zoomend and then moveend: listening to moveend alone draws once per view change.
      return { moveend: this._reset, resize: this._reset,
               click: this._onClick, mousemove: this._onMouseMove, mouseout: this._onMouseOut };
    },

    /* Draw again after the date or filters changed: now if nothing was drawn since the last frame (the
     * work then overlaps the wait for the next frame), else once in the next animation frame. */
    redraw: function () {
      if (!this._map) return this;
      this._asked = true;
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

    /* The markers moved (offsets changed): project again and draw everything. */
    relayout: function () {
      this._zoom = null;
      if (this._map) this._reset();
      return this;
    },

    /* The top-most drawn event at a layer point (within its radius plus the source's hit slop), or -1. */
    eventAt: function (point) {
      const px = this._px, py = this._py, slop = this._src.hitSlop || 0;
      for (let k = this._fresh.length - 1; k >= 0; k--) {
        const i = this._fresh[k], r = (this._src.lookCode(i) === 0 ? 8.5 : 6) + 2 + slop;
        const dx = px[i] - point.x, dy = py[i] - point.y;
        if (dx * dx + dy * dy <= r * r) return i;
      }
      const st = this._oldState;
      if (!st) return -1;
      const byLast = this._src.byLast, accepted = this._src.cols.accepted, r = this.markSide / 2 + 2 + slop;
      for (let k = st.to - 1; k >= st.from; k--) {
        const i = byLast[k];
        if (!accepted[i]) continue;
        const dx = px[i] - point.x, dy = py[i] - point.y;
        if (dx * dx + dy * dy <= r * r) return i;
      }
      return -1;
    },

    /* Where an event's marker sits, in the map's layer coordinates. */
    layerPointOf: function (i) {
      this._project();
      return L.point(this._px[i], this._py[i]);
    },

    _project: function () {
      const zoom = this._map.getZoom();
      if (zoom === this._zoom) return;
      this._zoom = zoom;
      const map = this._map, src = this._src, places = src.places, cols = src.cols;
      const ppx = new Float32Array(places.length), ppy = new Float32Array(places.length);
      places.forEach(function (p, k) {
        const pt = map.latLngToLayerPoint([p.lat, p.lon]);
        ppx[k] = pt.x; ppy[k] = pt.y;
        p._px = pt.x; p._py = pt.y;
      });
      const place = cols.place, dx = cols.dx, dy = cols.dy, px = this._px, py = this._py;
      for (let i = 0; i < src.n; i++) {
        px[i] = ppx[place[i]] + dx[i];
        py[i] = ppy[place[i]] + dy[i];
      }
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
      const W = Math.round(width * dpr), H = Math.round(height * dpr);
      Object.keys(this._canvases).forEach(function (k) {
        const canvas = this._canvases[k];
        L.DomUtil.setPosition(canvas, topLeft);
        if (canvas.width !== W || canvas.height !== H) {
          canvas.width = W;
          canvas.height = H;
          canvas.style.width = width + "px";
          canvas.style.height = height + "px";
        }
      }, this);
      if (this._dpr !== dpr) { this._sprites = {}; this._marks = null; }
      this._dpr = dpr;
      this._project();
      this._oldState = null;                      // the view moved: the old layer starts again
      this._drawPlaces();
      if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
      // The layer is added before the page has its date and filters: a draw then (buffers, sprites, a
      // pass over every event for nothing) cost 150 ms of the start at 100,000 events, and the first
      // refresh drew again anyway.
      if (this._asked) this._draw();
    },

    _draw: function () {
      this._frame = null;
      if (!this._map) return;
      const t0 = performance.now();
      this.stats.draws++;
      this._project();
      const old = this._drawOld(this._canvases.events);
      this._drawFresh(old);
      this.stats.drawMs = performance.now() - t0;
    },

    /* --- the fresh layer: recent and fading events, each a copy of its look's image -------------------- */

    /* The recent and fading events: recent ones, then the least faded, as images of their look, up to
     * SPRITE_BUDGET a frame; past it (a dense stretch of time, zoomed out) the more faded ones as marks of
     * their shape and opacity, rasterised first, under the images. */
    _drawFresh: function (oldPixels) {
      const t0 = performance.now();
      const src = this._src, canvas = this._canvases.events, ctx = canvas.getContext("2d");
      const W = canvas.width, H = canvas.height;
      const dpr = this._dpr, ox = this._origin.x, oy = this._origin.y, w = this._width, h = this._height;
      const px = this._px, py = this._py, kind = src.cols.kind;
      const list = src.freshEvents();             // visible events that are not old marks, any order
      // Look classes (src.looks: 0 recent, then less and less opaque), each grouping its events by kind.
      const classes = src.looks.map(function (look) {
        return { recent: look.recent, opacity: look.opacity, byKind: {}, count: 0 };
      });
      const lookCode = src.lookCode;
      let inView = 0;
      for (let k = 0; k < list.length; k++) {
        const i = list[k];
        const x = px[i] - ox, y = py[i] - oy;
        if (x < -12 || y < -12 || x > w + 12 || y > h + 12) continue;
        inView++;
        const c = classes[lookCode(i)], kd = kind[i];
        (c.byKind[kd] || (c.byKind[kd] = [])).push(i);
        c.count++;
      }
      // Most important first: recent, then by opacity (the least faded).
      const order = classes.map(function (_c, code) { return code; }).filter(function (code) { return classes[code].count; });
      order.sort(function (a, b) { return a === 0 || b === 0 ? a - b : classes[b].opacity - classes[a].opacity; });
      let budget = SPRITE_BUDGET, marks = false;
      order.forEach(function (code) {
        const c = classes[code];
        c.sprites = code === 0 || c.count <= budget;
        if (c.sprites) budget -= c.count; else marks = true;
      });
      // The old marks, the faded marks over them, then (below) the images: one buffer, one putImageData.
      if (!this._work || this._work.length !== W * H) {
        this._work = new Uint32Array(W * H);
        this._workImage = new ImageData(new Uint8ClampedArray(this._work.buffer), W, H);
      }
      const pixels = this._work, masks = this._markMasks(6);
      pixels.set(oldPixels);
      if (marks) {
        order.slice().reverse().forEach(function (cls) {
          const c = classes[cls];
          if (c.sprites) return;
          Object.keys(c.byKind).forEach(function (kd) {
            const items = c.byKind[kd];
            this._blendMarks(pixels, items, 0, items.length, W, H, masks, c.opacity * 0.95, null);
          }, this);
        }, this);
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.putImageData(this._workImage, 0, 0);
      const drawn = [];
      // Images: faded classes first, recent ones on top.
      order.slice().reverse().forEach(function (cls) {
        const c = classes[cls];
        if (!c.sprites) return;
        Object.keys(c.byKind).forEach(function (kd) {
          const sprite = this._sprite(+kd, c.recent, c.opacity), image = sprite.image, half = sprite.half;
          const items = c.byKind[kd];
          for (let k = 0; k < items.length; k++) {
            const i = items[k];
            ctx.drawImage(image, ((px[i] - ox) * dpr + 0.5 | 0) - half, ((py[i] - oy) * dpr + 0.5 | 0) - half);
            drawn.push(i);
          }
        }, this);
      }, this);
      // Marks are hit too (under the images): the hit test scans this list from its end.
      this._fresh = marks ? this._marked(order, classes).concat(drawn) : drawn;
      this.stats.freshMarks = inView;
      this.stats.freshImages = drawn.length;
      this.stats.freshMs = performance.now() - t0;
    },

    _marked: function (order, classes) {
      const out = [];
      order.slice().reverse().forEach(function (cls) {
        const c = classes[cls];
        if (c.sprites) return;
        Object.keys(c.byKind).forEach(function (kd) {
          const items = c.byKind[kd];
          for (let k = 0; k < items.length; k++) out.push(items[k]);
        });
      });
      return out;
    },

    /* The image of one marker look (kind's shape and colour, recent or faded), drawn once per screen ratio. */
    _sprite: function (kindIndex, recent, opacity) {
      const key = kindIndex + (recent ? "+" : "-") + opacity.toFixed(2);
      let sprite = this._sprites[key];
      if (sprite) return sprite;
      const src = this._src;
      const r = recent ? 8.5 : 6, lw = recent ? 2 : 1, dpr = this._dpr || 1;
      const size = Math.ceil((2 * 1.6 * r + lw + 2) * dpr), centre = size / 2;
      const image = document.createElement("canvas");
      image.width = image.height = size;
      const c = image.getContext("2d");
      c.scale(dpr, dpr);
      window.TreatyShapes.trace(c, src.kindShapes[kindIndex], centre / dpr, centre / dpr, r);
      c.globalAlpha = opacity * 0.95;
      c.fillStyle = src.kindColors[kindIndex] || "#555";
      c.fill();
      c.globalAlpha = opacity;
      c.lineWidth = lw;
      c.lineJoin = "round";
      c.strokeStyle = recent ? "#000" : "#333";
      c.stroke();
      sprite = this._sprites[key] = { image: image, half: Math.floor(centre) };
      return sprite;
    },

    /* --- the places layer ---------------------------------------------------------------------------- */

    _drawPlaces: function () {
      const canvas = this._canvases.places, ctx = canvas.getContext("2d");
      const dpr = this._dpr, ox = this._origin.x, oy = this._origin.y, w = this._width, h = this._height;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const labels = this._map.getZoom() >= this.options.minorLabelZoom;
      const shown = [];
      if (!this._placeSprite || this._placeSpriteDpr !== dpr) {
        const image = document.createElement("canvas");
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
        this._placeSpriteDpr = dpr;
      }
      const dot = this._placeSprite;
      this._src.minorPlaces.forEach(function (p) {
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

    /* --- pointer ------------------------------------------------------------------------------------- */

    _onClick: function (e) {
      const i = this.eventAt(e.layerPoint);
      if (i >= 0) this._handlers.click(i);
    },

    _onMouseMove: function (e) {
      const i = this.eventAt(e.layerPoint);
      if (i === this._hovered) return;
      this._hovered = i;
      this._map.getContainer().style.cursor = i >= 0 ? "pointer" : "";
      if (i >= 0) this._handlers.hover(i, this._map.layerPointToLatLng([this._px[i], this._py[i]]));
      else this._handlers.out();
    },

    _onMouseOut: function () {
      if (this._hovered >= 0) {
        this._hovered = -1;
        this._map.getContainer().style.cursor = "";
        this._handlers.out();
      }
    }
  });

  window.TreatyEventCanvas.include(window.TreatyEventMarks);
  window.TreatyEventCanvas.lowerBound = lowerBound;
})();
