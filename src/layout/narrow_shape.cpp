#include "layout/narrow_shape.hpp"

#include "text/wrap_lines.hpp"

namespace ipmap {

std::optional<WrappedShape> narrower_shape(const std::string& text, const TextStyle& style, double width_mm) {
    constexpr double kNarrowWrap = 0.55, kMinWrapMm = 12, kMinGainMm = 3;
    for (const double f : {0.0, -0.05, 0.05, -0.1, 0.1}) {
        const double wrap = width_mm * (kNarrowWrap + f);
        if (wrap < kMinWrapMm) continue;
        const TextSize s = measure_text(text, style, wrap);
        if (s.width_mm > width_mm - kMinGainMm) continue;
        if (breaks_a_quantity(wrapped_lines(text, style, wrap))) continue;
        return WrappedShape{s, wrap};
    }
    return std::nullopt;
}

}  // namespace ipmap
