#pragma once
// The narrower shape a callout's text may also take, which the engine may choose for a
// balloon where the first shape does not fit.
#include <optional>
#include <string>

#include "core/scene.hpp"
#include "text/measure.hpp"

namespace ipmap {

/// A shape of a text: its measured block and the width it was wrapped at.
struct WrappedShape {
    TextSize size;
    double wrap_mm = 0;
};

/// The text wrapped at a little over half its width `width_mm` (0.55 of it, or a little
/// either side of that where the wrap would split a quantity such as V=35千 / m3), when
/// that wrap is at least 12 mm and the shape at least 3 mm narrower; otherwise nothing.
std::optional<WrappedShape> narrower_shape(const std::string& text, const TextStyle& style, double width_mm);

}  // namespace ipmap
