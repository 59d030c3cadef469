#pragma once
// The loaded register and base layers: read once, shared read-only by every sheet.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/map_spec.hpp"
#include "core/diagnostics.hpp"
#include "core/work.hpp"
#include "layout/sheet_input.hpp"

namespace ipmap {

/// Everything read from the sources, in each layer's own CRS.
struct LoadedProject {
    MapSpec map;
    std::map<std::string, std::vector<Feature>> base;   ///< by layer id
    std::map<std::string, std::string> layer_crs;        ///< by layer id
    std::vector<Work> works;                              ///< all works layers, in order
};

/// Reads every layer of the map (GDAL; up to `threads` sources at once), maps fields, checks
/// ids. Per-feature problems go to `diag`, in layer order whatever the thread count; a source
/// that cannot be read at all throws InputError, a bad mapping ConfigError (the first in
/// layer order).
LoadedProject load_project(const MapSpec& map, Diagnostics& diag, int threads = 1);

/// The project in one map CRS with statuses for one fiscal year.
struct ProjectedProject {
    const LoadedProject* loaded = nullptr;
    std::string crs;
    int fiscal_year = 0;
    std::map<std::string, BaseLayer> base;       ///< by layer id (spec points into loaded->map)
    std::vector<ClassifiedWork> works;
    std::map<std::string, std::string> municipality_names;  ///< code -> name
};

/// Reprojects (PROJ) and classifies (fiscal year). A work whose geometry cannot be
/// transformed keeps no geometry and is reported. Thread-safe: own PROJ contexts.
ProjectedProject project_to(const LoadedProject& loaded, const std::string& crs, int fiscal_year, Diagnostics& diag);

/// Japanese label of a plane rectangular CRS ("JGD2011 平面直角座標系 第XI系（EPSG:6679）"),
/// else PROJ's name.
std::string crs_label(const std::string& crs);

}  // namespace ipmap
