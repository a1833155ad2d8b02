/* Treaty Explorer: the shapes of the kinds (explorer/model/kinds.py: circle, square, diamond, triangle,
 * triangle-down, hexagon, cross), each at the area of a circle of radius r, as an SVG path, a canvas path
 * or a point test, so SVG markers, canvas images and the tiny marks of old events all show the same shape
 * (nothing is told by colour alone).
 */
(function () {
  "use strict";

  const TAU = 2 * Math.PI;

  /* Unit polygons (radius 1, centred) scaled so that every shape covers about a circle's area. */
  const POLYGONS = (function () {
    const ring = function (count, radius, turn) {
      const pts = [];
      for (let k = 0; k < count; k++) {
        const a = turn + k * TAU / count;
        pts.push([radius * Math.cos(a), radius * Math.sin(a)]);
      }
      return pts;
    };
    const s = 0.886, d = 1.25, a = 0.42, l = 1.2;
    return {
      square: [[-s, -s], [s, -s], [s, s], [-s, s]],
      diamond: [[0, -d], [d, 0], [0, d], [-d, 0]],
      triangle: ring(3, 1.555, -Math.PI / 2),
      "triangle-down": ring(3, 1.555, Math.PI / 2),
      hexagon: ring(6, 1.1, 0),
      cross: [[-a, -l], [a, -l], [a, -a], [l, -a], [l, a], [a, a], [a, l], [-a, l], [-a, a], [-l, a], [-l, -a],
              [-a, -a]]
    };
  })();

  const EXTENTS = {};
  Object.keys(POLYGONS).forEach(function (shape) {
    EXTENTS[shape] = Math.max.apply(null, POLYGONS[shape].map(function (p) { return Math.max(Math.abs(p[0]), Math.abs(p[1])); }));
  });

  window.TreatyShapes = {
    /* The SVG path of a shape of radius r at (x, y); a circle for an unknown shape. */
    svgPath: function (shape, x, y, r) {
      const poly = POLYGONS[shape];
      if (!poly) {
        return "M" + (x - r) + "," + y + "a" + r + "," + r + " 0 1,0 " + (2 * r) + ",0 a" + r + "," + r +
               " 0 1,0 " + (-2 * r) + ",0 ";
      }
      return poly.map(function (p, k) { return (k ? "L" : "M") + (x + p[0] * r) + "," + (y + p[1] * r); }).join("") + "z";
    },

    /* How far the shape of radius 1 reaches from its centre along x or y: the half side of the square that
     * holds it (1 for a circle; a triangle's tip reaches further, since every shape covers a circle's area). */
    extent: function (shape) { return EXTENTS[shape] || 1; },

    /* Trace the shape on a canvas context (the caller fills and strokes). */
    trace: function (ctx, shape, x, y, r) {
      const poly = POLYGONS[shape];
      ctx.beginPath();
      if (!poly) { ctx.arc(x, y, r, 0, TAU); return; }
      poly.forEach(function (p, k) { if (k) ctx.lineTo(x + p[0] * r, y + p[1] * r); else ctx.moveTo(x + p[0] * r, y + p[1] * r); });
      ctx.closePath();
    },

    /* Whether the point (dx, dy) from the centre is inside the shape of radius r. */
    contains: function (shape, dx, dy, r) {
      const poly = POLYGONS[shape];
      if (!poly) return dx * dx + dy * dy <= r * r;
      let inside = false;
      for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
        const xi = poly[i][0] * r, yi = poly[i][1] * r, xj = poly[j][0] * r, yj = poly[j][1] * r;
        if ((yi > dy) !== (yj > dy) && dx < (xj - xi) * (dy - yi) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    }
  };
})();
