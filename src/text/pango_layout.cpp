#include "text/pango_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

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

/// 行頭禁則 (JIS X 4051): closing brackets, punctuation, middle dots, iteration marks, the
/// prolonged sound mark and small kana may not start a line.
bool no_line_start(gunichar c) {
    switch (c) {
        // Closing brackets and quotes.
        case 0x0029: case 0x005D: case 0x007D:                              // ) ] }
        case 0x2019: case 0x201D:                                           // ’ ”
        case 0x3001: case 0x3002:                                           // 、 。
        case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011:    // 〉 》 」 』 】
        case 0x3015: case 0x3017: case 0x3019: case 0x301B:                 // 〕 〗 〙 〛
        case 0x301E: case 0x301F:                                           // 〞 〟
        case 0xFF09: case 0xFF3D: case 0xFF5D: case 0xFF60:                 // ） ］ ｝ ｠
        case 0xFF61: case 0xFF63: case 0xFF64:                              // ｡ ｣ ､
        // Full stops, commas, colons, question and exclamation marks, middle dots.
        case 0x002C: case 0x002E: case 0x003A: case 0x003B: case 0x003F: case 0x0021:
        case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F: case 0xFF01:
        case 0x203C: case 0x2047: case 0x2048: case 0x2049:                 // ‼ ⁇ ⁈ ⁉
        case 0x30FB: case 0xFF65:                                           // ・ ･
        // Hyphens and the wave dash, the prolonged sound mark, iteration marks.
        case 0x2010: case 0x2013: case 0x301C: case 0x30A0:                 // ‐ – 〜 ゠
        case 0x30FC: case 0xFF70:                                           // ー ｰ
        case 0x309D: case 0x309E: case 0x30FD: case 0x30FE:                 // ゝ ゞ ヽ ヾ
        case 0x3005: case 0x303B:                                           // 々 〻
        // Small kana.
        case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:    // ぁ ぃ ぅ ぇ ぉ
        case 0x3063: case 0x3083: case 0x3085: case 0x3087: case 0x308E:    // っ ゃ ゅ ょ ゎ
        case 0x3095: case 0x3096:                                           // ゕ ゖ
        case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9:    // ァ ィ ゥ ェ ォ
        case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE:    // ッ ャ ュ ョ ヮ
        case 0x30F5: case 0x30F6:                                           // ヵ ヶ
            return true;
        default:
            break;
    }
    return (c >= 0x31F0 && c <= 0x31FF)     // small katakana for Ainu (ㇰ…ㇿ)
        || (c >= 0xFF67 && c <= 0xFF6F);    // halfwidth small katakana (ｧ…ｯ)
}

/// 行末禁則: opening brackets and quotes may not end a line.
bool no_line_end(gunichar c) {
    switch (c) {
        case 0x0028: case 0x005B: case 0x007B:                              // ( [ {
        case 0x2018: case 0x201C:                                           // ‘ “
        case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:    // 〈 《 「 『 【
        case 0x3014: case 0x3016: case 0x3018: case 0x301A: case 0x301D:    // 〔 〖 〘 〚 〝
        case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFF62:    // （ ［ ｛ ｟ ｢
            return true;
        default:
            return false;
    }
}

/// Characters that end a paragraph: a break next to them is mandatory and stays.
bool ends_paragraph(gunichar c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/// Forbids the line breaks that Japanese typesetting forbids, and keeps a short fullwidth
/// parenthetical — （進捗率42％）, （京極町） — on one line.
///
/// Pango's UAX #14 breaks already keep 、。）」 off a line start, but PANGO_WRAP_WORD_CHAR
/// falls back to breaking between any two characters when an unbreakable run is wider
/// than the line, and that fallback knows no kinsoku. So every run of characters that
/// must stay together — a character with the line-start-forbidden ones after it, an
/// opening bracket with the character after it, and a short parenthetical with all of
/// those around it — gets an allow-breaks=false attribute, which removes the fallback
/// breaks inside it too. A run is glued only where it fits the width (counted at one em a
/// character, so it surely fits), so that the breaks left between runs can always fill a
/// line; a run too long for the width keeps Pango's breaks. The break before "（" and
/// after "）" (unless punctuation follows it) stays allowed.
void apply_kinsoku(PangoLayout* layout, const std::string& utf8, double size_pt, double max_width_mm) {
    std::vector<std::size_t> offset;  // byte offset of each character, then the end
    std::vector<gunichar> cp;
    for (const char* p = utf8.data(); p < utf8.data() + utf8.size(); p = g_utf8_next_char(p)) {
        offset.push_back(static_cast<std::size_t>(p - utf8.data()));
        cp.push_back(g_utf8_get_char(p));
    }
    offset.push_back(utf8.size());
    const std::size_t n = cp.size();
    pango_layout_set_attributes(layout, nullptr);  // the glue of an earlier text goes
    if (n < 2) return;
    const double em_mm = size_pt * kMmPerPt;
    const double fit = std::floor(max_width_mm / em_mm + 1e-9);
    if (!(fit >= 1)) return;
    const std::size_t max_chars = fit > static_cast<double>(n) ? n : static_cast<std::size_t>(fit);

    // glue[i]: no line break between character i-1 and character i.
    std::vector<char> glue(n, 0);
    for (std::size_t i = 1; i < n; ++i)
        glue[i] = !ends_paragraph(cp[i - 1]) && !ends_paragraph(cp[i]) &&
                  (no_line_start(cp[i]) || no_line_end(cp[i - 1]));
    // The glued run through characters [lo, hi] grown to its ends.
    auto run_length = [&](std::size_t lo, std::size_t hi) {
        while (lo > 0 && glue[lo]) --lo;
        while (hi + 1 < n && glue[hi + 1]) ++hi;
        return hi - lo + 1;
    };
    // Kinsoku runs too long for the width keep Pango's breaks.
    for (std::size_t lo = 0; lo < n;) {
        std::size_t hi = lo;
        while (hi + 1 < n && glue[hi + 1]) ++hi;
        if (hi - lo + 1 > max_chars)
            for (std::size_t i = lo + 1; i <= hi; ++i) glue[i] = 0;
        lo = hi + 1;
    }
    // Short parentheticals, each with the runs it joins, where the whole fits.
    static const gunichar open = 0xFF08, close = 0xFF09;  // （ ）
    for (std::size_t a = 0; a < n; ++a) {
        if (cp[a] != open) continue;
        std::size_t b = a + 1;
        while (b < n && cp[b] != close && cp[b] != open && !ends_paragraph(cp[b])) ++b;
        if (b >= n || cp[b] != close) continue;  // unclosed, nested or across lines
        std::vector<char> saved(glue.begin() + static_cast<std::ptrdiff_t>(a) + 1,
                                glue.begin() + static_cast<std::ptrdiff_t>(b) + 1);
        for (std::size_t i = a + 1; i <= b; ++i) glue[i] = 1;
        if (run_length(a, b) > max_chars)  // too long with its neighbours: kinsoku only
            std::copy(saved.begin(), saved.end(), glue.begin() + static_cast<std::ptrdiff_t>(a) + 1);
        a = b;
    }

    std::unique_ptr<PangoAttrList, AttrListUnref> attrs;
    for (std::size_t lo = 0; lo < n;) {
        std::size_t hi = lo;
        while (hi + 1 < n && glue[hi + 1]) ++hi;
        if (hi > lo) {
            if (!attrs) attrs.reset(pango_attr_list_new());
            // Pango clears the breaks strictly inside [start, end): those before lo+1 … hi.
            PangoAttribute* no_breaks = pango_attr_allow_breaks_new(FALSE);
            no_breaks->start_index = static_cast<guint>(offset[lo]);
            no_breaks->end_index = static_cast<guint>(offset[hi + 1]);
            pango_attr_list_insert(attrs.get(), no_breaks);
        }
        lo = hi + 1;
    }
    if (attrs) pango_layout_set_attributes(layout, attrs.get());
}

/// Pango's character fallback does not reach back into an earlier run of the line: when a
/// glued run starts inside a Latin word in another font ("L=1.1km、" on a line too narrow
/// for it), the line would stick out instead. Such a line is broken where it still fits,
/// at the last character break kinsoku allows, by putting a newline into the laid-out
/// text (a paragraph end: not part of any line's text, and drawn as nothing).
void break_overflowing_lines(PangoLayout* layout, std::string utf8, double size_pt, double max_width_mm) {
    const int width = pango_layout_get_width(layout);
    for (int round = 0; round < 1000; ++round) {
        const char* text = pango_layout_get_text(layout);
        int n_attrs = 0;
        const PangoLogAttr* log_attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
        std::size_t insert_at = std::string::npos;
        for (GSList* l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
            auto* line = static_cast<PangoLayoutLine*>(l->data);
            PangoRectangle logical{};
            pango_layout_line_get_extents(line, nullptr, &logical);
            if (logical.width <= width) continue;
            const char* start = text + line->start_index;
            const char* end = start + line->length;
            int x0 = 0;
            pango_layout_line_index_to_x(line, line->start_index, FALSE, &x0);
            glong ci = g_utf8_pointer_to_offset(text, start);
            for (const char* q = g_utf8_next_char(start); q < end; q = g_utf8_next_char(q)) {
                if (++ci >= n_attrs || !log_attrs[ci].is_char_break) continue;
                int x = 0;
                pango_layout_line_index_to_x(line, static_cast<int>(q - text), FALSE, &x);
                if (x - x0 <= width) insert_at = static_cast<std::size_t>(q - text);
            }
            break;  // one line at a time: the lines after it change
        }
        if (insert_at == std::string::npos) return;  // fits, or nothing narrower is allowed
        utf8.insert(insert_at, 1, '\n');
        pango_layout_set_text(layout, utf8.data(), static_cast<int>(utf8.size()));
        apply_kinsoku(layout, utf8, size_pt, max_width_mm);
    }
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
        // UAX #14 breaks (kinsoku: no 、。）」 at a line start), characters only as a last
        // resort, and never a break that kinsoku forbids where the text can avoid it.
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        apply_kinsoku(layout.get(), utf8, style.size_pt, max_width_mm);
        break_overflowing_lines(layout.get(), utf8, style.size_pt, max_width_mm);
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
