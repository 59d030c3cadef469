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
RawLayer read_layer(const LayerSpec& spec, Diagnostics& diag);

}  // namespace ipmap
