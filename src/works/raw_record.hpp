#pragma once
// A feature as read from a source, before its values are interpreted.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/work.hpp"

namespace ipmap {

/// Source values by source column name, as UTF-8 text; std::nullopt = NULL.
struct RawRecord {
    SourceRef source;
    std::map<std::string, std::optional<std::string>> values;
    Geometry geometry;          ///< in the layer CRS; empty when the feature has none
    bool geometry_invalid = false;   ///< set by the loader when GEOS repaired it
    std::string geometry_note;       ///< what the loader did to the geometry, if anything
};

/// A source layer read into memory.
struct RawLayer {
    std::string layer_id;            ///< LayerSpec::id
    std::string file;                ///< source path
    std::string ogr_layer;           ///< OGR layer name actually read
    std::string crs;                 ///< the layer CRS as WKT2 or "EPSG:n" (never empty)
    std::vector<std::string> columns;///< source column names in order
    std::vector<RawRecord> records;
};

}  // namespace ipmap
