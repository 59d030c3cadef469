#pragma once
// What a sheet was rendered from and with, so that --resume can tell whether its outputs
// still match: a fingerprint of the inputs (paths, sizes, modification times), the
// effective settings (fiscal year, page, formats, dpi, coverage ...) and the ipmap binary,
// stored in the sheet's NAME.report.json under "atlas". The same report gives the sheet's
// counts for the index, whether the sheet was just rendered or kept by --resume.
#include <string>
#include <vector>

#include "atlas/atlas_index.hpp"

namespace ipmap {

/// FNV-1a 64-bit of `text`, as 16 lowercase hex digits (change detection, not security).
std::string fingerprint_hex(const std::string& text);

/// "path size mtime" lines for each file (in the order given; a missing file is listed as
/// missing). A path is followed by the files beside it that share its stem (a shapefile's
/// .dbf, .shx, .prj, .cpg; a GeoPackage's -wal), so that an edit to any of them counts.
std::string describe_inputs(const std::vector<std::string>& paths);

/// The ipmap binary running this process ("/proc/self/exe" size and mtime) and the stamp
/// format version: a rebuilt ipmap invalidates every sheet.
std::string describe_binary();

/// Adds {"atlas": {"fingerprint": ..., "settings": ...}} to a report's JSON text (as written
/// by report_json) and returns the new text. `settings` is a canonical "key=value" list,
/// one per line, kept readable in the report for whoever wonders why a sheet was redone.
std::string stamp_report(const std::string& report_json, const std::string& fingerprint, const std::string& settings);

/// Reads a stamped or plain report: the fingerprint ("" when absent) and the sheet's counts
/// (works, drawn, callouts, listed, not_shown, warnings and their messages, pages) into
/// `outcome`. Throws std::runtime_error naming `path` when the text is not a report.
std::string read_report(const std::string& report_json, const std::string& path, SheetOutcome& outcome);

}  // namespace ipmap
