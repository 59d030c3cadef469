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

}  // namespace ipmap
