#pragma once
// A layer definition (layers/*.toml) as plain data.
#include <map>
#include <optional>
#include <string>

namespace ipmap {

enum class LayerKind { Base, Works };

/// Which works get a callout: the `show = [...]` list of a map's or a works layer's
/// [callout] table. Precedence, most specific first: a style [[rule]] with `callout =
/// true/false` > the works layer's [callout] show > the map's [callout] show.
struct CalloutSelection {
    bool for_no_geometry = true;    ///< works without geometry: at their municipality (always on)
    bool for_too_small = true;      ///< works smaller than too_small_mm on the page
    bool for_in_progress = true;    ///< works in progress this year
    bool for_planned = true;
    bool for_completed = false;
    /// "has_info": works whose callout template shows information beyond the name — a
    /// non-empty {start_fy} {end_fy} {start_fy_western} {end_fy_western} {progress} {fy_work}
    /// {projects} or {col:...} in a segment the template keeps. {status} and {fiscal_year}
    /// are known for every work (and drawn by its symbol), so they do not count on their own.
    bool for_has_info = false;
};

struct LayerSpec {
    std::string id;              ///< unique id, referenced by maps and styles
    std::string file;            ///< the layer's .toml (for messages)
    LayerKind kind = LayerKind::Base;
    std::string source;          ///< OGR dataset path, resolved relative to the .toml
    std::string layer;           ///< OGR layer name; empty = the only/first layer
    std::string filter;          ///< OGR attribute filter (SQL WHERE syntax)
    std::string crs;             ///< CRS to assume when the source has none ("EPSG:6668")
    bool force_crs = false;      ///< use `crs` even when the source declares one
    std::string encoding;        ///< source text encoding ("" = UTF-8; "CP932", "Shift_JIS", ...)
    std::map<std::string, std::string> fields;  ///< canonical field -> source column
    std::string list_separator = ",";            ///< for multi-valued fields (市町村コード)
    std::string style;           ///< style class name in styles/*.toml
    /// Works layers only, from the layer file's [callout] table: replaces the map's
    /// selection (`show`) and template for the works of this layer; unset = the map's.
    std::optional<CalloutSelection> callout_show;
    std::string callout_template;  ///< empty = the map's
};

}  // namespace ipmap
