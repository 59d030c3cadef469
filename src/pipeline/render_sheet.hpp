#pragma once
// One sheet from a projected project: compose → render → write, plus its report.
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/scene.hpp"
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

/// Writes a sheet's pages into options.out_dir: STEM.pdf (all pages) and one PNG per page,
/// STEM.png for the first and STEM-2.png, STEM-3.png ... for the list's continuation pages,
/// each through a temporary file and a rename. Returns the paths written, in that order.
/// Then removes the STEM-K.png an earlier run with more pages left (remove_stale_page_pngs),
/// so that the folder holds the pages the report lists. Throws OutputError.
std::vector<std::string> write_sheet_pages(const std::vector<Scene>& pages, const std::string& stem,
                                           const OutputOptions& options);

/// Removes from `out_dir` the files named exactly STEM-K.png (K a number without leading
/// zeros) with K > `pages`: continuation pages of an earlier run of the sheet. A STEM-K.png
/// beside a STEM-K.report.json or STEM-K.pdf is another sheet's first page and is kept.
/// Returns how many were removed. Throws OutputError when one cannot be removed.
int remove_stale_page_pngs(const std::string& out_dir, const std::string& stem, int pages);

/// Composes, renders and writes one sheet (PDF, PNG, report JSON) into out_dir.
/// Thread-safe for distinct stems. Throws OutputError when a file cannot be written.
SheetReport render_sheet(const ProjectedProject& project, const SheetRequest& request,
                         const OutputOptions& options, const std::vector<Diagnostic>& diagnostics);

/// Angle of true north at `at` (map CRS), clockwise from grid north, in degrees.
double true_north_deg(const std::string& crs, XY at);

}  // namespace ipmap
