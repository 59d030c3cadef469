#pragma once
// Is a configured font family installed? (fontconfig)
#include <optional>
#include <string>
#include <vector>

namespace ipmap {

/// std::nullopt when fontconfig has `family` installed; otherwise the family it would
/// substitute, so that a run can stop with a clear message instead of printing a map in
/// the wrong font. A comma-separated list is checked by its first entry.
std::optional<std::string> font_substitute(const std::string& family);

/// The families of a Pango family list ("Noto Sans, Noto Sans CJK JP"), trimmed, empty
/// entries dropped.
std::vector<std::string> font_families(const std::string& family_list);

}  // namespace ipmap
