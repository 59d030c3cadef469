#pragma once
// Reads any OGR source into plain records (GDAL stays inside io/*.cpp).
#include "config/layer_spec.hpp"
#include "core/diagnostics.hpp"
#include "works/raw_record.hpp"

namespace ipmap {

/// Opens spec.source read-only, selects spec.layer (or the first), applies spec.filter,
/// recodes text from spec.encoding to UTF-8 and converts every feature's geometry
/// (curves linearised, NaN/inf coordinates dropped with a diagnostic, invalid geometries
/// repaired with GEOS MakeValid and reported).
/// Throws InputError naming the file (and listing the layers that exist when the layer
/// name is wrong) when the source cannot be used at all. Per-feature problems go to `diag`.
/// Thread-safe: each call opens its own dataset handle.
///
/// What the result looks like:
/// - crs: "EPSG:<code>" when the source CRS has an EPSG code, else its WKT2_2019; spec.crs
///   when the source has none (or force_crs). A layer without any geometry column and no
///   spec.crs gets "EPSG:6668". Throws when a layer with geometry has no CRS at all.
/// - geometry: x = lon/easting, y = lat/northing, whatever the CRS's axis order.
/// - values: integers "45", reals shortest round-trip "45.5", booleans "true"/"false",
///   dates "2024-03-31", date-times "2024-03-31T09:15:00+09:00" ("Z" for UTC), lists joined
///   with spec.list_separator; NULL/unset = nullopt (a CSV empty cell is "", not nullopt).
/// - "Shift_JIS"/"SJIS" are read as CP932 (its superset with ①, ㈱, ...).
RawLayer read_layer(const LayerSpec& spec, Diagnostics& diag);

}  // namespace ipmap
