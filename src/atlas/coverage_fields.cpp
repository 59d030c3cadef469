#include "atlas/coverage_fields.hpp"

#include <set>

#include "core/errors.hpp"
#include "works/map_fields.hpp"

namespace ipmap {

void check_coverage_fields(const MapSpec& map, const LayerSpec& coverage_spec, const std::vector<Feature>& coverage) {
    std::set<std::string> have;
    for (const Feature& f : coverage)
        for (const auto& [k, v] : f.attrs) have.insert(k);
    if (have.empty()) return;
    const std::vector<std::string> fields(have.begin(), have.end());
    auto check = [&](const std::string& key, const std::string& field) {
        if (have.count(field)) return;
        const std::string hint = closest(field, fields);
        throw ConfigError(map.file, 0, key,
                          "layer '" + coverage_spec.id + "' (" + coverage_spec.source + ") has no field '" + field + "'" +
                              (hint.empty() ? "" : "; did you mean '" + hint + "'?") + " Fields: " + list_columns(fields));
    };
    check("atlas.id_field", map.atlas.id_field);
    if (!map.atlas.name_field.empty()) check("atlas.name_field", map.atlas.name_field);
}

}  // namespace ipmap
