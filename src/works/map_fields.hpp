#pragma once
// Field mapping: source columns (often Japanese headers) → canonical Work fields.
#include <string_view>
#include <vector>

#include "config/layer_spec.hpp"
#include "core/diagnostics.hpp"
#include "core/work.hpp"
#include "works/raw_record.hpp"

namespace ipmap {

/// Canonical work fields a layer may map: id, name, owner, category, start_fy, end_fy,
/// progress, status, fy_work, municipalities, projects. A field not in spec.fields is read
/// from a column of the same name when the source has one.
const std::vector<std::string>& canonical_work_fields();

/// Checks that every mapped column exists in `columns`; for a missing one, throws
/// ConfigError naming spec.file, the key "fields.<canonical>" and the closest existing
/// column name (edit distance) as a suggestion. Required: name. Others optional.
/// For a works layer an unknown canonical key (e.g. "progres") is also a ConfigError.
void check_field_mapping(const LayerSpec& spec, const std::vector<std::string>& columns);

/// The candidate closest to `word` by edit distance (ASCII and full-width letters folded), or
/// "" when none is plausibly a misspelling of it: the "did you mean" of field errors.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

/// "a, b, c" (at most 40, then "… (N in all)"); "(none)" when empty.
std::string list_columns(const std::vector<std::string>& columns);

/// Converts records to works. Never throws for bad values: each problem becomes a
/// Diagnostic naming file, layer, row, id, field and value, and the value is dropped or
/// clamped as the action says (progress 150 → clamped to 100; "abc" → unknown;
/// end year before start → end year dropped; unknown owner → Other; empty/duplicate id →
/// a generated id "<layer>#<row>" / "<id>#<row>"). Text is cleaned: control characters,
/// bidi overrides and other invisible format characters removed; names longer than
/// 200 characters shortened with "…" (reported).
/// Details: progress "45", "45%", "４５％", "45.5"; NaN/inf/"abc" → unknown. Years via
/// parse_fiscal_year; empty, 未定, 不明, なし, "-" → absent without a diagnostic (also for
/// progress, status, municipalities, projects). Unknown 状態 → absent (derived later).
/// municipalities split on spec.list_separator, "、" "，" "," ";" "；" and blanks; 5-digit codes
/// kept, 6-digit codes with a valid check digit cut to 5, 4-digit codes read with a leading
/// zero (Info), others and prefecture numbers outside 01..47 dropped (reported); duplicates
/// dropped. projects: ①..⑳, digits ("1,2,3", "１・３", "123"), keywords 農林水産=1 観光=2
/// 安全=3; sorted, unique; outside 1..3 reported. Generated ids stay unique ("-2" suffix on a
/// clash). Removed control/invisible characters and invalid UTF-8 are reported for every
/// column (line breaks and tabs become blanks silently). Diagnostic values show controls as
/// "\x07" / "<U+202E>" and are cut to 60 characters; the field is the source column.
/// Unmapped columns go to Work::extra, cleaned (NULL → "").
std::vector<Work> map_works(const LayerSpec& spec, const RawLayer& layer, Diagnostics& diag);

/// Converts records of a base layer to features: attrs keyed by canonical names from
/// spec.fields (e.g. code, name), plus every other column by its own name (a canonical name
/// wins a clash). Values are cleaned with clean_text; NULL → "".
std::vector<Feature> map_features(const LayerSpec& spec, const RawLayer& layer);

/// Removes control, bidi-override and zero-width characters; replaces invalid UTF-8 with U+FFFD.
/// C0/C1 controls go (line breaks, tabs, NEL, U+2028/9 become a blank); U+200B–200F,
/// U+202A–202E, U+2060–2064, U+2066–2069, U+061C, U+FEFF, U+FFF9–FFFB go; runs of blanks
/// collapse to one (a run of only U+3000 stays one U+3000, else " "); ends are trimmed.
/// Variation selectors and combining marks are kept.
std::string clean_text(std::string_view text);

}  // namespace ipmap
