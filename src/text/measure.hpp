#pragma once
// Text metrics from Pango, so that layout and placement only see sizes.
// Thread-safe: each thread uses its own Pango font map and context.
#include <string>

#include "core/scene.hpp"

namespace ipmap {

struct TextSize {
    double width_mm = 0;   ///< logical (ink-independent) width of the widest line
    double height_mm = 0;  ///< logical height of all lines
    int lines = 0;
};

/// Measures `text` as TextItem with the same style and max width would draw it.
TextSize measure_text(const std::string& text, const TextStyle& style, double max_width_mm = 0);

/// True when every character of `text` has a glyph in the fonts fontconfig resolves for
/// `style.font` (with fallback). `missing` receives the characters without one.
bool has_all_glyphs(const std::string& text, const TextStyle& style, std::string* missing = nullptr);

}  // namespace ipmap
