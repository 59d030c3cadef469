#include "text/measure.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include "text/pango_layout.hpp"
#include "text/wrap_lines.hpp"

namespace ipmap {

using text_detail::LayoutPtr;
using text_detail::make_layout;

TextSize measure_text(const std::string& text, const TextStyle& style, double max_width_mm) {
    if (!text_detail::drawable(text, style)) return {};
    // Alignment moves lines inside the block but changes neither its width nor its height.
    LayoutPtr layout = make_layout(text, style, max_width_mm, HAlign::Left);
    const text_detail::LogicalBox box = text_detail::logical_box(layout.get());
    return TextSize{box.width_mm, box.height_mm, box.lines};
}

std::vector<std::string> wrapped_lines(const std::string& text, const TextStyle& style,
                                       double max_width_mm) {
    std::vector<std::string> out;
    if (!text_detail::drawable(text, style)) return out;
    LayoutPtr layout = make_layout(text, style, max_width_mm, HAlign::Left);
    const char* base = pango_layout_get_text(layout.get());
    for (GSList* l = pango_layout_get_lines_readonly(layout.get()); l; l = l->next) {
        const auto* line = static_cast<PangoLayoutLine*>(l->data);
        out.emplace_back(base + line->start_index, static_cast<std::size_t>(line->length));
    }
    return out;
}

bool breaks_a_quantity(const std::vector<std::string>& lines) {
    const auto digit = [](gunichar c) { return g_unichar_isdigit(c); };
    const auto unit = [](gunichar c) {
        return g_unichar_isalnum(c) || c == '%' || c == 0xFF05 || c == '.' || c == 0xFF0E;  // letters, ideographs, kana
    };
    const auto large_number = [](gunichar c) { return c == 0x5343 || c == 0x4E07 || c == 0x5104; };  // 千 万 億
    const auto latin = [](gunichar c) { return c < 0x80 && g_ascii_isalpha(static_cast<gchar>(c)); };
    for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
        const std::string& a = lines[k];
        const std::string& b = lines[k + 1];
        if (a.empty() || b.empty() || !g_utf8_validate(a.data(), static_cast<gssize>(a.size()), nullptr) ||
            !g_utf8_validate(b.data(), static_cast<gssize>(b.size()), nullptr))
            continue;
        const char* last_p = g_utf8_find_prev_char(a.data(), a.data() + a.size());
        const gunichar last = g_utf8_get_char(last_p);
        const gunichar first = g_utf8_get_char(b.data());
        const char* before_p = last_p > a.data() ? g_utf8_find_prev_char(a.data(), last_p) : nullptr;
        const gunichar before = before_p ? g_utf8_get_char(before_p) : 0;
        if (digit(last) && unit(first)) return true;
        if ((last == '.' || last == 0xFF0E) && digit(before) && digit(first)) return true;
        if (large_number(last) && digit(before) && latin(first)) return true;
    }
    return false;
}

namespace {

/// Characters that Pango draws as nothing, so they need no glyph.
bool needs_no_glyph(gunichar c) {
    switch (g_unichar_type(c)) {
        case G_UNICODE_CONTROL:
        case G_UNICODE_FORMAT:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
            return true;
        default:
            break;
    }
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);  // variation selectors
}

struct FontsetUnref {
    void operator()(PangoFontset* p) const { if (p) g_object_unref(p); }
};

}  // namespace

bool has_all_glyphs(const std::string& text, const TextStyle& style, std::string* missing) {
    if (missing) missing->clear();
    if (text.empty()) return true;
    TextStyle probe = style;
    if (!text_detail::drawable(text, probe)) probe.size_pt = 10;  // coverage does not depend on size

    LayoutPtr layout = make_layout(text, probe, 0, HAlign::Left);
    const int unknown = pango_layout_get_unknown_glyphs_count(layout.get());

    // Which characters: ask the fontset fontconfig resolves for this description (the
    // requested family followed by its fallbacks), as Pango's itemizer does.
    PangoContext* ctx = text_detail::thread_context();
    text_detail::FontDescriptionPtr desc = text_detail::font_description(probe);
    std::unique_ptr<PangoFontset, FontsetUnref> fontset(
        pango_context_load_fontset(ctx, desc.get(), pango_context_get_language(ctx)));

    std::vector<gunichar> absent;
    const char* s = pango_layout_get_text(layout.get());  // valid UTF-8
    for (const char* p = s; *p; p = g_utf8_next_char(p)) {
        const gunichar c = g_utf8_get_char(p);
        if (needs_no_glyph(c)) continue;
        bool found = false;
        if (fontset) {
            PangoFont* font = pango_fontset_get_font(fontset.get(), c);
            if (font) {
                found = pango_font_has_char(font, c);
                g_object_unref(font);
            }
        }
        if (!found && std::find(absent.begin(), absent.end(), c) == absent.end()) absent.push_back(c);
    }
    if (missing) {
        for (gunichar c : absent) {
            char buf[8] = {};
            const int n = g_unichar_to_utf8(c, buf);
            missing->append(buf, static_cast<std::size_t>(n));
        }
    }
    return unknown == 0 && absent.empty();
}

}  // namespace ipmap
