#pragma once
// `ipmap render`: one sheet of a map file.
#include <map>
#include <optional>
#include <string>

#include "pipeline/render_sheet.hpp"

namespace ipmap {

struct RenderOptions {
    std::string map_file;
    std::optional<std::string> fiscal_year;            ///< overrides map.fiscal_year
    OutputOptions output;
    std::map<std::string, std::string> source_overrides;  ///< layer id -> OGR source path
};

/// Runs load → reproject → classify → compose → place → render → write.
/// Throws ConfigError / InputError / OutputError for run-stopping problems.
SheetReport run_render(const RenderOptions& options, Diagnostics& diag);

/// Loads the map file and applies the overrides; resolves the fiscal year.
MapSpec load_map_with_overrides(const std::string& map_file, const std::map<std::string, std::string>& overrides,
                                const std::optional<std::string>& fiscal_year);

/// Extent of the sheet in `crs`: explicit bbox, else the extent layer's features.
Box sheet_extent(const ProjectedProject& project, const MapSpec& map, const std::string& crs);

}  // namespace ipmap
