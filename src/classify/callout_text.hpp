#pragma once
// Callout text from a template with 和暦 fields, e.g.
// "{name} {start_fy}着手、{fiscal_year}{status}（進捗率{progress}％）".
#include <string>
#include <vector>

#include "classify/fiscal_year.hpp"
#include "core/work.hpp"

namespace ipmap {

/// Fields: {id} {name} {owner} {category} {start_fy} {end_fy} {fiscal_year} (和暦)
/// {start_fy_western} {end_fy_western} {status} {progress} {fy_work} {projects} (①②③)
/// {municipalities} (names when known) and any source column as {col:列名}.
/// A segment wrapped in [ ... ] is dropped when any field inside it is empty, e.g.
/// "[{start_fy}着手、]" disappears for a work without a start year. "{{" and "}}" are
/// literal braces; "[[" and "]]" literal brackets (read greedily, so an optional segment
/// ending in a literal "]" is "[...]]]"). Optional segments do not nest.
/// {progress}: "45" when whole, else one decimal ("45.5"); empty when unknown.
/// {start_fy} {end_fy} {fiscal_year} {progress} follow tpl.wareki (full-width digits).
/// {owner}: the register's owner text, else 国/道. {municipalities}: names joined by "・",
/// the codes when no names are given. {col:X}: empty when the column is absent.
struct CalloutTemplate {
    std::string text;
    WarekiOptions wareki;
};

struct CalloutFields {
    int fiscal_year = 0;
    Status status = Status::Planned;
    std::vector<std::string> municipality_names;
};

/// Formats; throws std::invalid_argument naming the position for an unknown field or
/// unbalanced braces/brackets (the config loader checks templates up front). The message
/// ends "at character N" (1-based, in code points), e.g. "unknown field '{nmae}' at character 3".
std::string format_callout(const CalloutTemplate& tpl, const Work& work, const CalloutFields& fields);

/// Checks a template without formatting; returns an empty string when valid, else the reason.
std::string validate_template(const std::string& text);

/// "①②" from {1,2}; numbers outside 1..20 as "(21)".
std::string project_marks(const std::vector<int>& projects);

}  // namespace ipmap
