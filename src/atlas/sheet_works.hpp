#pragma once
// The works that belong on a municipality's sheet.
#include <string>
#include <vector>

#include "layout/sheet_input.hpp"

namespace ipmap {

/// Works that touch the sheet's area (GEOS intersects against the coverage polygons,
/// prepared once per call) or name one of `codes` (the municipality codes of the sheet's
/// coverage features, not its id: the id field may be a name) in their municipality codes;
/// in input order.
/// Geometries must be in the same CRS as `area`. Thread-safe.
std::vector<const ClassifiedWork*> works_for_sheet(const std::vector<ClassifiedWork>& works,
                                                   const std::vector<const Feature*>& area,
                                                   const std::vector<std::string>& codes);

}  // namespace ipmap
