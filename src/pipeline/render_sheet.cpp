#include "pipeline/render_sheet.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "classify/fiscal_year.hpp"
#include "core/errors.hpp"
#include "geo/reprojector.hpp"
#include "layout/compose_sheet.hpp"
#include "render/write_sheet.hpp"

namespace ipmap {

namespace {

/// The two transformations true_north_deg needs, made once per thread and CRS: setting up
/// a PROJ context and its transformations took ~2.8 ms of every atlas sheet.
struct NorthTransforms {
    Reprojector to_geo, from_geo;
};

const NorthTransforms& north_transforms(const std::string& crs) {
    thread_local std::map<std::string, std::unique_ptr<NorthTransforms>> cache;
    auto& t = cache[crs];
    if (!t) t = std::make_unique<NorthTransforms>(NorthTransforms{Reprojector(crs, "EPSG:6668"), Reprojector("EPSG:6668", crs)});
    return *t;
}

}  // namespace

int remove_stale_page_pngs(const std::string& out_dir, const std::string& stem, int pages) {
    namespace fs = std::filesystem;
    const std::string prefix = stem + "-";
    std::vector<fs::path> stale;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(out_dir, ec)) {
        const std::string n = e.path().filename().string();
        // Exactly STEM-K.png: K decimal digits, no sign, no leading zero.
        if (n.size() <= prefix.size() + 4 || n.compare(0, prefix.size(), prefix) != 0 ||
            n.compare(n.size() - 4, 4, ".png") != 0)
            continue;
        const std::string k = n.substr(prefix.size(), n.size() - prefix.size() - 4);
        if (k.empty() || k.size() > 9 || k[0] == '0' || k.find_first_not_of("0123456789") != std::string::npos) continue;
        if (std::stoi(k) <= pages) continue;
        // STEM-K may be another sheet's stem (its first page): keep what has its own report or PDF.
        const fs::path other = fs::path(out_dir) / (prefix + k);
        std::error_code e2;
        if (fs::exists(other.string() + ".report.json", e2) || fs::exists(other.string() + ".pdf", e2)) continue;
        if (!e.is_regular_file(e2)) continue;
        stale.push_back(e.path());
    }
    int removed = 0;
    for (const auto& p : stale) {
        std::error_code e2;
        if (fs::remove(p, e2)) ++removed;
        else if (e2) throw OutputError(p.string() + ": cannot remove the stale page image (" + e2.message() + ")");
    }
    return removed;
}

double true_north_deg(const std::string& crs, XY at) {
    try {
        const auto& [to_geo, from_geo] = north_transforms(crs);
        XY ll = at;
        if (!to_geo.transform(ll)) return 0;
        XY north{ll.x, ll.y + 0.05};
        XY a{ll.x, ll.y};
        if (!from_geo.transform(north) || !from_geo.transform(a)) return 0;
        // Page y points down, so a clockwise rotation is positive when north leans east.
        return std::atan2(north.x - a.x, north.y - a.y) * 180.0 / M_PI;
    } catch (const std::exception&) {
        return 0;
    }
}

std::vector<std::string> write_sheet_pages(const std::vector<Scene>& pages, const std::string& stem, const OutputOptions& opt) {
    std::vector<std::string> written;
    if (pages.empty()) return written;
    const std::filesystem::path dir(opt.out_dir);
    if (opt.pdf) {
        std::string p = (dir / (stem + ".pdf")).string();
        if (pages.size() == 1) write_pdf(pages.front(), p);
        else write_multipage_pdf(pages, p);
        written.push_back(p);
    }
    if (opt.png) {
        // One image per page: the list's continuation pages are part of the sheet.
        for (std::size_t i = 0; i < pages.size(); ++i) {
            std::string p = (dir / (stem + (i == 0 ? std::string() : "-" + std::to_string(i + 1)) + ".png")).string();
            write_png(pages[i], p, opt.dpi);
            written.push_back(p);
        }
    }
    // An earlier run may have left more pages: the folder holds this sheet's pages only.
    remove_stale_page_pngs(opt.out_dir, stem, static_cast<int>(pages.size()));
    return written;
}

SheetReport render_sheet(const ProjectedProject& project, const SheetRequest& req, const OutputOptions& opt,
                         const std::vector<Diagnostic>& diagnostics) {
    const MapSpec& map = project.loaded->map;
    SheetInput in;
    in.map = &map;
    in.crs = project.crs;
    in.crs_label = crs_label(project.crs);
    in.fiscal_year = project.fiscal_year;
    in.title = req.title;
    in.subtitle = req.subtitle;
    in.extent = req.extent;
    in.padding_percent = req.padding_percent;
    in.focus_code = req.focus_code;
    in.works = req.works;
    in.inset_extent = req.inset_extent;
    for (const LayerSpec& spec : map.layers) {
        if (spec.kind != LayerKind::Base) continue;
        const BaseLayer& bl = project.base.at(spec.id);
        if (map.inset.enabled && spec.id == map.inset.layer) {
            in.inset = &bl;
            continue;
        }
        in.layers.push_back(&bl);
        if (spec.id == map.municipality_layer) in.municipalities = &bl;
    }
    in.true_north_deg = true_north_deg(project.crs, req.extent.center());

    SheetLayout layout = compose_sheet(in);

    std::filesystem::path dir(opt.out_dir);
    SheetReport report;
    report.map_file = map.file;
    report.sheet = req.stem;
    report.title = req.title;
    report.fiscal_year = project.fiscal_year;
    report.fiscal_year_label = format_wareki(project.fiscal_year, map.wareki);
    report.crs = project.crs;
    report.scale_denominator = layout.transform.scale_denominator();
    std::vector<Scene> pages;
    pages.push_back(std::move(layout.scene));
    for (auto& c : layout.continuation_pages) pages.push_back(std::move(c));
    report.pages = static_cast<int>(pages.size());
    report.outputs = write_sheet_pages(pages, req.stem, opt);
    std::string rp = (dir / (req.stem + ".report.json")).string();
    report.outputs.push_back(rp);
    report.fates = std::move(layout.fates);
    report.callout_ids = std::move(layout.callout_ids);
    report.placement = std::move(layout.placement);
    report.markers = std::move(layout.markers);
    report.marker_radius_mm = layout.marker_radius_mm;
    report.labels_placed = layout.labels_placed;
    report.labels_moved_to_callouts = layout.labels_moved_to_callouts;
    report.diagnostics = diagnostics;
    for (auto& w : layout.warnings) report.diagnostics.push_back(std::move(w));
    if (const MarkerAudit& ma = layout.marker_audit; ma.moved > 0 || ma.conflicts() > 0) {
        Diagnostic d;
        d.severity = Severity::Info;
        d.stage = "layout";
        d.message = std::to_string(ma.markers) + " numbered markers, " + std::to_string(ma.moved) +
                    " moved off a shared or crowded anchor (a tick joins each to its anchor); measured on the page: " +
                    std::to_string(ma.overlapping_pairs) + " overlapping pairs, " + std::to_string(ma.on_balloons) +
                    " on balloons, " + std::to_string(ma.crossed_by_leaders) + " crossed by leaders, " +
                    std::to_string(ma.on_labels) + " on labels, " + std::to_string(ma.on_keep_out) + " under panels";
        report.diagnostics.push_back(std::move(d));
    }
    for (const WorkFate& f : report.fates)
        for (const std::string& code : f.unreached_municipalities) {
            Diagnostic d;
            d.severity = Severity::Warning;
            d.stage = "place";
            d.file = map.file;
            d.work_id = f.id;
            d.field = "municipalities";
            d.value = code;
            d.message = "no clear leader from the callout to this municipality";
            d.action = "the callout keeps its leaders to the others";
            report.diagnostics.push_back(std::move(d));
        }
    write_report(report, rp);
    return report;
}

}  // namespace ipmap
