#pragma once
// `ipmap atlas` and `ipmap merge`: one sheet per feature of a coverage layer, in parallel,
// resumable and shardable across machines.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "atlas/atlas_index.hpp"
#include "atlas/progress.hpp"
#include "atlas/sheet_plan.hpp"
#include "pipeline/run_render.hpp"

namespace ipmap {

struct AtlasOptions {
    RenderOptions render;                 ///< map file, fiscal year, outputs, source overrides
    std::string by;                       ///< coverage layer id (default: [atlas] layer)
    SheetSelection selection;
    bool ascii_names = false;             ///< "01400.pdf" instead of "01400_倶知安町.pdf"
    int jobs = 0;                         ///< worker threads (0 = available_cpus())
    bool resume = false;                  ///< skip sheets whose outputs are newer than the inputs
    std::optional<Shard> shard;           ///< this process's part of the atlas
    std::optional<std::string> page_size; ///< override [page] size (A4 ...)
    bool combined = true;                 ///< write the combined PDF (unsharded runs)
    Progress::Mode progress = Progress::Mode::Lines;
};

struct AtlasResult {
    AtlasIndex index;
    std::vector<std::string> files;  ///< index and combined outputs written
    int failed = 0;
};

/// Renders the atlas. Run-stopping problems throw (ConfigError, InputError, OutputError);
/// a sheet that fails is recorded in the index and the others still render.
AtlasResult run_atlas(const AtlasOptions& options, Diagnostics& diag);

/// A sheet's files, as the index lists them: STEM.pdf, one PNG per page (STEM.png,
/// STEM-2.png ... when the list continues on `pages` pages), STEM.report.json; each only
/// for the formats asked for.
std::vector<std::string> sheet_output_files(const std::string& stem, const OutputOptions& output, int pages);

/// Temporaries (".tmp-<pid>-<thread>") older than this are removed whoever owns them.
constexpr double kStaleTemporaryHours = 6;

/// Whether a file named `name` is a temporary that a killed run left behind: its owning
/// process (the pid in its name) no longer exists, or it is older than `max_age_hours`.
/// Live processes' temporaries (shards sharing the folder) are kept.
bool stale_temporary(const std::string& name, std::filesystem::file_time_type modified, double max_age_hours);

/// Removes the stale temporaries in `dir`; returns how many.
int remove_stale_temporaries(const std::string& dir, double max_age_hours);

/// Builds the combined PDF and index in `out_dir` from the outputs of shard runs.
/// Throws std::runtime_error naming a missing or inconsistent shard.
AtlasResult run_merge(const std::vector<std::string>& shard_dirs, const std::string& out_dir);

}  // namespace ipmap
