#include "core/diagnostics.hpp"

namespace ipmap {

std::string Diagnostic::to_line() const {
    std::string s;
    const char* sev = severity == Severity::Error ? "error" : severity == Severity::Warning ? "warning" : "info";
    s += sev;
    s += ": ";
    if (!file.empty()) s += file + ": ";
    std::string where;
    auto add = [&](const std::string& part) {
        if (!where.empty()) where += ", ";
        where += part;
    };
    if (!layer.empty()) add("layer '" + layer + "'");
    if (row >= 0) add("row " + std::to_string(row));
    if (!work_id.empty()) add("id '" + work_id + "'");
    if (!field.empty()) add("field '" + field + "'" + (value.empty() ? "" : " = '" + value + "'"));
    if (!where.empty()) s += where + ": ";
    s += message;
    if (!action.empty()) s += " -> " + action;
    return s;
}

}  // namespace ipmap
