#pragma once
// Checks made before anything is drawn: fonts, glyphs, and `ipmap check` as a whole.
#include <string>

#include "pipeline/project_data.hpp"
#include "pipeline/run_render.hpp"

namespace ipmap {

/// Every font family the style names must be installed: a map in a substitute font is
/// not the map that was designed. Throws ConfigError naming the style file and key.
void check_fonts(const MapSpec& map);

/// Text that no installed font can draw (it would print as boxes): one diagnostic per
/// work or municipality name, listing the characters, before rendering.
void check_glyphs(const ProjectedProject& project, Diagnostics& diag);

struct CheckSummary {
    int layers = 0;
    int works = 0;
    int features = 0;
};

/// `ipmap check`: loads the configuration and every layer, reprojects and classifies,
/// checks fonts and glyphs, and collects every problem in `diag` without rendering.
/// Configuration errors and unusable sources throw, as for render.
CheckSummary run_check(const RenderOptions& options, Diagnostics& diag);

}  // namespace ipmap
