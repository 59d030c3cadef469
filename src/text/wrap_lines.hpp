#pragma once
// The lines Pango breaks a text into, without exposing Pango types. Used by tests to check
// Unicode line breaking (kinsoku) and available to callers that want the wrapped lines.
#include <string>
#include <vector>

#include "core/scene.hpp"

namespace ipmap {

/// The text of each line exactly as measure_text and the renderer wrap it (UTF-8; the
/// break characters themselves, e.g. '\n', are not included).
std::vector<std::string> wrapped_lines(const std::string& text, const TextStyle& style,
                                       double max_width_mm = 0);

/// True when the break between two of `lines` falls inside a quantity: within a number
/// (1 / 40, 1. / 2), between a number and its unit (35 / 千, 140 / 橋, 10 / m, 45 / ％), or
/// between 千/万/億 after a digit and a Latin unit (V=35千 / m3). UAX #14 allows the last
/// two, and a narrow balloon took them.
bool breaks_a_quantity(const std::vector<std::string>& lines);

}  // namespace ipmap
