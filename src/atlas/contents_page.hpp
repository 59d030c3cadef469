#pragma once
// The contents pages at the front of the combined atlas PDF.
#include <string>
#include <vector>

#include "atlas/atlas_index.hpp"
#include "core/scene.hpp"

namespace ipmap {

/// One or more pages listing every sheet with its page number in the combined document
/// (pages are counted after the contents pages) and its counts.
std::vector<Scene> contents_pages(const AtlasIndex& index, double width_mm, double height_mm, const std::string& font);

}  // namespace ipmap
