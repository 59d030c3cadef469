#pragma once
// Whether a coverage feature has an area a sheet can be fitted to, and the sheet's error
// when none of its features has one (a blank sheet at 1:7 is no sheet).
#include <string>
#include <vector>

#include "atlas/sheet_plan.hpp"
#include "core/work.hpp"

namespace ipmap {

/// Why `g` has no usable area, "" when it has one: polygons with finite coordinates and a
/// positive area. E.g. "geometry is null or empty", "geometry has zero area (degenerate polygon)".
std::string missing_area(const Geometry& g);

/// "file, layer 'L', row N": where a feature came from.
std::string feature_ref(const Feature& f);

/// The error of a sheet none of whose coverage features has a usable area in `crs`: names
/// each of its source features (file, layer, row, id) and what is wrong with its geometry
/// (null, empty, degenerate, or without an area once transformed to `crs`).
std::string no_area_error(const SheetPlan& plan, const std::string& id_field, const std::string& layer_id,
                          const std::string& crs);

}  // namespace ipmap
