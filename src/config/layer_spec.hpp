#pragma once
// A layer definition (layers/*.toml) as plain data.
#include <map>
#include <string>

namespace ipmap {

enum class LayerKind { Base, Works };

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
};

}  // namespace ipmap
