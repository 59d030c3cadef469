#pragma once
// Private to text/ and render/: the one place where a TextItem becomes a PangoLayout,
// so that measure_text and the renderer lay text out with identical settings.
//
// Units: a layout is built in *points* (the thread's Pango context has resolution 72 dpi,
// so one layout user unit is one typographic point). Callers convert with kMmPerPt; the
// renderer scales cairo by kMmPerPt around pango_cairo_show_layout.
// Metrics are device independent: hint metrics off, hint style none, glyph positions
// not rounded, and the context is never updated from a cairo_t.
#include <memory>
#include <string>

#include <pango/pangocairo.h>

#include "core/scene.hpp"

namespace ipmap::text_detail {

inline constexpr double kMmPerPt = 25.4 / 72.0;

struct GObjectUnref {
    void operator()(void* p) const { if (p) g_object_unref(p); }
};
struct FontDescriptionFree {
    void operator()(PangoFontDescription* p) const { if (p) pango_font_description_free(p); }
};

using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

/// This thread's Pango context (own PangoCairoFontMap, resolution 72, language "ja",
/// unhinted metrics). Valid until the thread exits; never share it with another thread.
PangoContext* thread_context();

/// Font description for `style`: family list from style.font, bold weight, size in points.
FontDescriptionPtr font_description(const TextStyle& style);

/// The layout of `text` as drawn: font, wrapping (PANGO_WRAP_WORD_CHAR at max_width_mm
/// when > 0, with Japanese kinsoku and short parentheticals kept on one line), line
/// spacing and alignment. Invalid UTF-8 is replaced, not rejected. A wrapped layout's
/// text may hold newlines that make_layout added to break a line Pango could not.
LayoutPtr make_layout(const std::string& text, const TextStyle& style, double max_width_mm,
                      HAlign align);

/// The logical extents of a layout in millimetres. x/y are the offset of the logical
/// box from the layout origin (non-zero for centred or right-aligned wrapped text).
struct LogicalBox {
    double x_mm = 0, y_mm = 0, width_mm = 0, height_mm = 0;
    int lines = 0;
};
LogicalBox logical_box(PangoLayout* layout);

/// False for text that draws nothing (empty string, non-positive or NaN size).
bool drawable(const std::string& text, const TextStyle& style);

}  // namespace ipmap::text_detail
