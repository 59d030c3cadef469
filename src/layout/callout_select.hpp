#pragma once
// The `has_info` callout selector: does a work's callout say more than its name?
#include "classify/callout_text.hpp"
#include "core/work.hpp"

namespace ipmap {

/// True when the template, formatted for this work, shows a non-empty value of one of the
/// fields that carry information about the work — {start_fy} {end_fy} {start_fy_western}
/// {end_fy_western} {progress} {fy_work} {projects} or a {col:...} — in a segment it keeps
/// (an optional [ ... ] segment is kept only when none of its fields is empty).
/// {status} and {fiscal_year} never count on their own: every work has them, and its
/// symbol already shows the status. Identity fields ({id} {name} {owner} {category}
/// {municipalities}) are not information either. Throws std::invalid_argument for a bad
/// template (as format_callout).
bool callout_shows_info(const CalloutTemplate& tpl, const Work& work, int fiscal_year, Status status);

}  // namespace ipmap
