#pragma once
// Private to render/: paints a Scene onto a cairo_t whose user space is page millimetres.
#include <cairo.h>

#include "core/scene.hpp"

namespace ipmap::render_detail {

/// Paints the paper and every item in painter's order. The caller has scaled `cr` so that
/// one user unit is one millimetre with the origin at the page's top-left corner.
/// Leaves the cairo state as it found it (unbalanced ClipBegin items are closed).
void draw_scene(cairo_t* cr, const Scene& scene);

/// Individual items, exposed for tests and reuse; each saves and restores the state.
void draw_path(cairo_t* cr, const PathItem& item);
/// Symbols are centred on `at` and fit a size_mm square: circle (diameter), square (side),
/// triangle (equilateral, side size_mm, apex up, centred on its centroid), diamond
/// (diagonals), five-pointed star (outer diameter), cross (plus sign; with a fill it is an
/// outlined plus with arms size_mm/5 thick, without one two stroked bars).
void draw_symbol(cairo_t* cr, const SymbolItem& item);
void draw_text(cairo_t* cr, const TextItem& item);

/// Fills the current path with `fill` (solid, hatch, cross-hatch or dots, even-odd rule),
/// preserving the path.
void fill_preserve(cairo_t* cr, const Fill& fill);

}  // namespace ipmap::render_detail
