#pragma once
// The run's account of every work on a sheet, written as NAME.report.json.
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "layout/list_markers.hpp"
#include "layout/sheet_input.hpp"
#include "place/callout_types.hpp"

namespace ipmap {

struct SheetReport {
    std::string map_file;
    std::string sheet;                 ///< output stem
    std::string title;
    int fiscal_year = 0;
    std::string fiscal_year_label;     ///< 令和6年度
    std::string crs;
    double scale_denominator = 0;
    std::vector<std::string> outputs;  ///< files written
    int pages = 1;                     ///< pages of the PDF (the list may continue)
    std::vector<WorkFate> fates;       ///< one per work of the register
    std::vector<std::string> callout_ids;
    place::PlacementResult placement;  ///< same order as callout_ids; stats.solve_ms is the
                                       ///< total over every solve the sheet needed
    std::vector<ListMarker> markers;   ///< numbered markers of the listed callouts (by list number)
    double marker_radius_mm = 0;       ///< radius of the markers' circles
    int labels_placed = 0;
    int labels_moved_to_callouts = 0;
    std::vector<Diagnostic> diagnostics;
};

/// Warnings and errors among the report's diagnostics: the run's own and those the sheet
/// added (markers with no free spot, bracketed municipalities no leader reaches ...). What
/// `ipmap render --strict` fails on.
std::size_t warnings_and_errors(const SheetReport& report);

/// Serialises the report (UTF-8 JSON, stable key order).
std::string report_json(const SheetReport& report);

/// Writes the report atomically (temporary file + rename). Throws OutputError.
void write_report(const SheetReport& report, const std::string& path);

/// `ipmap check --format json`: the problems found and counts.
std::string check_json(const std::string& map_file, bool ok, const std::vector<Diagnostic>& problems, int layers,
                       int works, int features, const std::string& fatal_error = "");

/// Writes text to `path` atomically. Throws OutputError naming the path.
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace ipmap
