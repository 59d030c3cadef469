#include "pipeline/run_render.hpp"

#include <filesystem>

#include "classify/fiscal_year.hpp"
#include "config/map_spec.hpp"
#include "core/available_cpus.hpp"
#include "core/errors.hpp"
#include "geo/reprojector.hpp"
#include "pipeline/check_inputs.hpp"

namespace ipmap {

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

}  // namespace

MapSpec load_map_with_overrides(const std::string& map_file, const std::map<std::string, std::string>& overrides,
                                const std::optional<std::string>& fiscal_year) {
    MapSpec map = load_map(map_file);
    for (const auto& [id, path] : overrides) {
        bool found = false;
        for (auto& l : map.layers)
            if (l.id == id) {
                l.source = path;
                found = true;
            }
        if (!found) {
            std::string ids;
            for (const auto& l : map.layers) ids += (ids.empty() ? "" : ", ") + l.id;
            throw ConfigError(map_file, 0, "--source " + id, "no layer with id '" + id + "' (layers: " + ids + ")");
        }
    }
    if (fiscal_year) {
        std::string why;
        auto fy = parse_fiscal_year(*fiscal_year, &why);
        if (!fy) throw ConfigError("--fiscal-year", 0, "", "\"" + *fiscal_year + "\" is not a fiscal year: " + why);
        map.fiscal_year = fy;
    }
    if (!map.fiscal_year)
        throw ConfigError(map_file, 0, "map.fiscal_year", "no fiscal year: set map.fiscal_year or pass --fiscal-year");
    return map;
}

Box sheet_extent(const ProjectedProject& project, const MapSpec& map, const std::string& crs) {
    Box extent;
    if (map.extent.bbox) {
        Reprojector r(map.extent.bbox_crs, crs);
        const Box& b = *map.extent.bbox;
        for (int i = 0; i <= 8; ++i)
            for (int j = 0; j <= 8; ++j) {
                XY p{b.minx + b.width() * i / 8, b.miny + b.height() * j / 8};
                if (r.transform(p)) extent.expand(p);
            }
        if (extent.empty())
            throw InputError(map.file + ": extent.bbox could not be transformed from " + map.extent.bbox_crs + " to " + crs);
        return extent;
    }
    const BaseLayer& layer = project.base.at(map.extent.layer);
    std::string field, value;
    if (auto eq = map.extent.filter.find('='); eq != std::string::npos) {
        field = map.extent.filter.substr(0, eq);
        value = map.extent.filter.substr(eq + 1);
    }
    for (const auto& f : layer.features)
        if (field.empty() || f.attr(field) == value) extent.expand(f.geometry.bounds());
    if (extent.empty())
        throw InputError(map.file + ": extent layer '" + map.extent.layer + "' has no features" +
                         (field.empty() ? "" : " matching " + map.extent.filter));
    return extent;
}

SheetReport run_render(const RenderOptions& opt, Diagnostics& diag) {
    MapSpec map = load_map_with_overrides(opt.map_file, opt.source_overrides, opt.fiscal_year);
    if (map.crs == "auto")
        throw ConfigError(map.file, 0, "map.crs", "crs = \"auto\" picks a zone per atlas sheet; ipmap render needs a CRS such as \"EPSG:6679\"");
    check_fonts(map);
    std::error_code ec;
    std::filesystem::create_directories(opt.output.out_dir, ec);
    if (ec || !std::filesystem::is_directory(opt.output.out_dir))
        throw OutputError(opt.output.out_dir + ": cannot create output folder" + (ec ? " (" + ec.message() + ")" : ""));

    LoadedProject loaded = load_project(map, diag, available_cpus());
    ProjectedProject project = project_to(loaded, map.crs, *map.fiscal_year, diag);
    check_glyphs(project, diag);

    SheetRequest req;
    req.stem = map.name;
    req.title = map.title;
    req.subtitle = replace_all(map.subtitle, "{fiscal_year}", format_wareki(*map.fiscal_year, map.wareki));
    req.extent = sheet_extent(project, map, map.crs);
    req.padding_percent = map.extent.padding_percent;
    for (const auto& w : project.works) req.works.push_back(&w);
    return render_sheet(project, req, opt.output, diag.items());
}

}  // namespace ipmap
