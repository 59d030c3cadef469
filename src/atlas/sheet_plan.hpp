#pragma once
// Which sheets an atlas has, what each is called, and which of them this process renders.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/work.hpp"

namespace ipmap {

/// One sheet of an atlas: a feature of the coverage layer.
struct SheetPlan {
    int index = 0;          ///< position in the stable order (by id)
    std::string id;         ///< e.g. N03 code "01400"
    std::string name;       ///< e.g. 倶知安町
    std::string stem;       ///< output file stem, safe on every file system
    std::vector<const Feature*> features;  ///< all coverage features with this id
    /// Municipality codes (canonical field `code`) of those features, sorted, distinct: what
    /// the register's 市町村コード and the municipality layer's highlight are matched with,
    /// whatever the sheet's id field is.
    std::vector<std::string> codes;
};

/// A --only / --where selection that cannot be applied (a usage error).
struct SelectionError : UsageError {
    using UsageError::UsageError;
};

struct SheetSelection {
    std::vector<std::string> only;   ///< ids to keep (empty = all)
    std::string where;               ///< "field=value" attribute filter (empty = none)
};

/// Groups the coverage features by `id_field`, orders sheets by id (stable), applies the
/// selection and names the output files "<id>_<name>" (or "<id>" with ascii_names). A stem
/// is never the atlas's own output name: "atlas" → "atlas_", "atlas_index" → "atlas_index_",
/// "atlas_index.shard-0-of-2" → "atlas_index_.shard-0-of-2".
/// Entries of `only` are trimmed of spaces; `where` must be FIELD=VALUE. Throws
/// SelectionError (message starting with the option's name) when `where` has no '=' or an
/// empty field, or matches no feature, or when `only` names an id that is not in the layer.
std::vector<SheetPlan> plan_sheets(const std::vector<Feature>& coverage, const std::string& id_field,
                                   const std::string& name_field, const SheetSelection& selection, bool ascii_names);

/// A file name stem from data: no path separators, no "..", no control or invisible
/// characters, no characters Windows forbids, no ".tmp-" nor a trailing ".tmp" (the mark of
/// a temporary), at most `max_bytes` bytes of UTF-8 (cut on a character boundary); never empty.
std::string sanitize_stem(const std::string& text, std::size_t max_bytes = 120);

/// Shard K of N (0-based K).
struct Shard {
    int index = 0;
    int count = 1;
};

/// "K/N" → Shard; throws std::invalid_argument naming the text.
Shard parse_shard(const std::string& text);

/// The shard from the environment when --shard is not given: Kubernetes Indexed Jobs set
/// JOB_COMPLETION_INDEX (the count comes from IPMAP_SHARD_COUNT); Slurm job arrays set
/// SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT.
/// `getenv` is injectable for tests. Throws std::invalid_argument on inconsistent values.
std::optional<Shard> shard_from_environment(const char* (*getenv_fn)(const char*));

/// Every N-th sheet of the stable order, starting at K.
std::vector<SheetPlan> select_shard(const std::vector<SheetPlan>& sheets, Shard shard);

}  // namespace ipmap
