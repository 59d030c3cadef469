#pragma once
// One sheet from a projected project: compose → render → write, plus its report.
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "pipeline/project_data.hpp"
#include "report/sheet_report.hpp"

namespace ipmap {

struct OutputOptions {
    std::string out_dir = "out";
    bool pdf = true;
    bool png = true;
    double dpi = 300;
};

struct SheetRequest {
    std::string stem;        ///< output file stem (already sanitised)
    std::string title;
    std::string subtitle;
    Box extent;              ///< area to show, in the project's CRS
    double padding_percent = 3;  ///< margin around `extent`
    std::string focus_code;  ///< atlas: the sheet's municipality
    std::vector<const ClassifiedWork*> works;
    Box inset_extent;        ///< area of the inset; empty = the inset layer's bounds
};

/// Composes, renders and writes one sheet (PDF, PNG, report JSON) into out_dir.
/// Thread-safe for distinct stems. Throws OutputError when a file cannot be written.
SheetReport render_sheet(const ProjectedProject& project, const SheetRequest& request,
                         const OutputOptions& options, const std::vector<Diagnostic>& diagnostics);

/// Angle of true north at `at` (map CRS), clockwise from grid north, in degrees.
double true_north_deg(const std::string& crs, XY at);

}  // namespace ipmap
