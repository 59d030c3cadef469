#include <catch2/catch.hpp>

#include "atlas/coverage_fields.hpp"
#include "core/errors.hpp"

using namespace ipmap;

namespace {

Feature muni(const std::string& code) {
    Feature f;
    f.attrs = {{"code", code}, {"name", "泊村"}, {"subpref", "後志総合振興局"}};
    return f;
}

}  // namespace

TEST_CASE("atlas id_field and name_field must name fields of the coverage layer", "[atlas][config]") {
    MapSpec map;
    map.file = "maps/x.toml";
    LayerSpec spec;
    spec.id = "municipalities";
    spec.source = "cov.geojson";
    const std::vector<Feature> cov{muni("01403")};
    CHECK_NOTHROW(check_coverage_fields(map, spec, cov));
    map.atlas.name_field = "nam";
    try {
        check_coverage_fields(map, spec, cov);
        FAIL("a misspelt name_field was accepted");
    } catch (const ConfigError& e) {
        CHECK(e.file() == "maps/x.toml");
        CHECK(e.key() == "atlas.name_field");
        CHECK_THAT(std::string(e.what()), Catch::Contains("no field 'nam'") && Catch::Contains("did you mean 'name'?") &&
                                              Catch::Contains("Fields: code, name, subpref"));
    }
    map.atlas.name_field = "";  // sheets named by id alone
    CHECK_NOTHROW(check_coverage_fields(map, spec, cov));
    map.atlas.id_field = "N03_007";
    CHECK_THROWS_WITH(check_coverage_fields(map, spec, cov), Catch::Contains("atlas.id_field") && Catch::Contains("'N03_007'"));
    CHECK_NOTHROW(check_coverage_fields(map, spec, {}));  // no features: "no sheets" is reported elsewhere
}
