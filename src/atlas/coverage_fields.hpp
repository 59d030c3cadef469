#pragma once
// The [atlas] id_field and name_field name fields the coverage layer has.
#include <vector>

#include "config/map_spec.hpp"
#include "core/work.hpp"

namespace ipmap {

/// Throws ConfigError naming the map file, the key (atlas.id_field or atlas.name_field), the
/// layer and the fields it has (with the closest as a suggestion) when a field is in no
/// feature of `coverage`. name_field = "" (sheets named by id alone) passes; so does an empty
/// layer (it has no sheets, reported by the caller).
void check_coverage_fields(const MapSpec& map, const LayerSpec& coverage_spec, const std::vector<Feature>& coverage);

}  // namespace ipmap
