#include "text/pango_layout.hpp"

#include <cmath>

namespace ipmap::text_detail {
namespace {

/// One font map and context per thread: PangoContext and PangoFontMap are not thread-safe,
/// and the atlas measures and renders sheets on several threads at once.
struct ThreadPango {
    PangoFontMap* map = nullptr;
    PangoContext* ctx = nullptr;

    ThreadPango() {
        map = pango_cairo_font_map_new();
        pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
        ctx = pango_font_map_create_context(map);
        // 72 dpi: a layout unit is a point, whatever surface the layout is drawn on.
        pango_cairo_context_set_resolution(ctx, 72.0);
        cairo_font_options_t* opts = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
        pango_cairo_context_set_font_options(ctx, opts);  // copies
        cairo_font_options_destroy(opts);
        // Rounding would snap advances to whole points (0.35 mm) at resolution 72.
        pango_context_set_round_glyph_positions(ctx, FALSE);
        // Japanese glyph forms for unified Han and a Japanese-first fallback order.
        pango_context_set_language(ctx, pango_language_from_string("ja"));
    }
    ~ThreadPango() {
        g_object_unref(ctx);
        g_object_unref(map);
    }
    ThreadPango(const ThreadPango&) = delete;
    ThreadPango& operator=(const ThreadPango&) = delete;
};

std::string valid_utf8(const std::string& s) {
    if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return s;
    gchar* fixed = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
    std::string out(fixed);
    g_free(fixed);
    return out;
}

}  // namespace

PangoContext* thread_context() {
    thread_local ThreadPango tp;
    return tp.ctx;
}

FontDescriptionPtr font_description(const TextStyle& style) {
    FontDescriptionPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), style.font.empty() ? "Sans" : style.font.c_str());
    pango_font_description_set_weight(desc.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    const double pt = (std::isfinite(style.size_pt) && style.size_pt > 0) ? style.size_pt : 1.0;
    pango_font_description_set_size(desc.get(), pango_units_from_double(pt));
    return desc;
}

namespace {

struct AttrListUnref {
    void operator()(PangoAttrList* l) const { if (l) pango_attr_list_unref(l); }
};

/// Keeps a short fullwidth parenthetical — （進捗率42％）, （京極町） — on one line: no line
/// break inside it where the whole group fits the width (counted at one em a character,
/// so it surely fits). The break before "（" stays allowed.
void keep_short_parentheticals(PangoLayout* layout, const std::string& utf8, double size_pt, double max_width_mm) {
    static const std::string open = "\xEF\xBC\x88", close = "\xEF\xBC\x89";  // （ ）
    std::unique_ptr<PangoAttrList, AttrListUnref> attrs;
    for (std::size_t a = utf8.find(open); a != std::string::npos; a = utf8.find(open, a + open.size())) {
        const std::size_t b = utf8.find(close, a + open.size());
        if (b == std::string::npos) break;
        const std::size_t inner_start = a + open.size(), end = b + close.size();
        const glong chars = g_utf8_strlen(utf8.data() + a, static_cast<gssize>(end - a));
        if (utf8.find(open, inner_start) < b || utf8.find('\n', a) < b) continue;  // nested or across lines
        if (static_cast<double>(chars) * size_pt * kMmPerPt > max_width_mm) continue;
        if (!attrs) attrs.reset(pango_attr_list_new());
        PangoAttribute* no_breaks = pango_attr_allow_breaks_new(FALSE);
        no_breaks->start_index = static_cast<guint>(inner_start);
        no_breaks->end_index = static_cast<guint>(end);
        pango_attr_list_insert(attrs.get(), no_breaks);
    }
    if (attrs) pango_layout_set_attributes(layout, attrs.get());
}

}  // namespace

LayoutPtr make_layout(const std::string& text, const TextStyle& style, double max_width_mm,
                      HAlign align) {
    LayoutPtr layout(pango_layout_new(thread_context()));
    FontDescriptionPtr desc = font_description(style);
    pango_layout_set_font_description(layout.get(), desc.get());
    const std::string utf8 = valid_utf8(text);
    pango_layout_set_text(layout.get(), utf8.data(), static_cast<int>(utf8.size()));
    if (std::isfinite(max_width_mm) && max_width_mm > 0) {
        pango_layout_set_width(layout.get(), pango_units_from_double(max_width_mm / kMmPerPt));
        // UAX #14 breaks (kinsoku: no 、。）」 at a line start), characters only as a last resort.
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        keep_short_parentheticals(layout.get(), utf8, style.size_pt, max_width_mm);
    }
    // 1.0 keeps Pango's own line extents: with a factor set, Pango spaces lines by the
    // "height" metric of the line's fonts, and a line with Latin in it (Noto Sans) would
    // come out taller than one without.
    if (std::isfinite(style.line_spacing) && style.line_spacing > 0 && style.line_spacing != 1.0)
        pango_layout_set_line_spacing(layout.get(), static_cast<float>(style.line_spacing));
    switch (align) {
        case HAlign::Left: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT); break;
        case HAlign::Center: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER); break;
        case HAlign::Right: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT); break;
    }
    return layout;
}

LogicalBox logical_box(PangoLayout* layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    LogicalBox b;
    b.x_mm = pango_units_to_double(logical.x) * kMmPerPt;
    b.y_mm = pango_units_to_double(logical.y) * kMmPerPt;
    b.width_mm = pango_units_to_double(logical.width) * kMmPerPt;
    b.height_mm = pango_units_to_double(logical.height) * kMmPerPt;
    b.lines = pango_layout_get_line_count(layout);
    return b;
}

bool drawable(const std::string& text, const TextStyle& style) {
    return !text.empty() && std::isfinite(style.size_pt) && style.size_pt > 0;
}

}  // namespace ipmap::text_detail
