#pragma once
// The atlas index: one entry per sheet, as JSON (for merge and machines) and CSV.
#include <optional>
#include <string>
#include <vector>

#include "atlas/sheet_plan.hpp"

namespace ipmap {

struct SheetOutcome {
    int index = 0;
    std::string id, name, stem, crs;
    std::string state;            ///< rendered, skipped (resume: outputs up to date), failed
    std::string error;            ///< why it failed
    std::vector<std::string> files;  ///< file names relative to the index's folder
    int works = 0, drawn = 0, callouts = 0, listed = 0, not_shown = 0, warnings = 0;
    std::vector<std::string> warning_messages;  ///< the sheet's warnings and errors, one line each
    int pages = 1;                ///< pages of the sheet's PDF (the list may continue on a second)
    double seconds = 0;
};

struct AtlasIndex {
    std::string map_file;
    std::string title;
    int fiscal_year = 0;
    std::string fiscal_year_label;
    int total_sheets = 0;          ///< sheets of the whole atlas, before sharding
    Shard shard;
    /// Page of the sheets, for the contents page that merge draws: A4 landscape when absent
    /// (an index written before these were recorded).
    std::string page_size = "A4";
    std::string orientation = "landscape";
    double page_width_mm = 297, page_height_mm = 210;
    std::string contents_font;     ///< font of the contents page ("" = the default style's)
    /// What the whole run was made from, for `ipmap merge` to tell shards of one atlas from
    /// those of another; empty in an index written before it was recorded. The shard K/N is
    /// not part of it.
    struct Run {
        std::vector<std::string> settings;  ///< "key=value" lines: the run-wide settings and the atlas's sheets
        std::vector<std::string> inputs;    ///< "path size mtime" lines of the input files
        std::vector<std::string> binary;    ///< the stamp version and the ipmap binary (size, mtime)
        bool empty() const { return settings.empty() && inputs.empty() && binary.empty(); }
    } run;
    /// Warnings about the run's inputs as a whole, tied to no work (a coverage or base layer
    /// feature, a missing glyph...), once each. Every sheet's report also lists them, since
    /// the sheet was drawn from those inputs; a sheet's index entry counts only its own.
    std::vector<std::string> run_warnings;
    std::vector<SheetOutcome> sheets;  ///< in the atlas's stable order
};

/// Removes from a sheet's warnings (as read from its report) those that are the run's:
/// what is left belongs to the sheet (its works, its layout).
void drop_run_warnings(SheetOutcome& sheet, const std::vector<std::string>& run_warnings);

/// Splits text into its non-empty lines.
std::vector<std::string> text_lines(const std::string& text);

/// How the runs of two indexes differ, one phrase each ("dpi=60 vs dpi=30", "input file
/// /x/works.gpkg differs (size or modification time)", ...); empty when they are the same
/// atlas or when either index does not record its run.
std::vector<std::string> run_differences(const AtlasIndex::Run& a, const AtlasIndex::Run& b);

/// How many warning messages the CSV shows per sheet (the JSON has them all).
constexpr std::size_t kCsvWarningMessages = 3;

/// "atlas_index" for an unsharded run, "atlas_index.shard-K-of-N" for shard K (0-based) of
/// N, so that shards writing into one folder do not overwrite each other's index.
std::string index_stem(const Shard& shard);

std::string index_json(const AtlasIndex& index);
std::string index_csv(const AtlasIndex& index);
/// Parses an index written by index_json; throws std::runtime_error naming `path`.
AtlasIndex parse_index_json(const std::string& text, const std::string& path);

}  // namespace ipmap
