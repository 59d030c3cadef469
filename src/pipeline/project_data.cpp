#include "pipeline/project_data.hpp"

#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <set>

#include "classify/status.hpp"
#include "core/errors.hpp"
#include "core/parallel_for.hpp"
#include "geo/reprojector.hpp"
#include "io/read_layer.hpp"
#include "works/map_fields.hpp"

namespace ipmap {

LoadedProject load_project(const MapSpec& map, Diagnostics& diag, int threads) {
    LoadedProject p;
    p.map = map;
    // The sources are read concurrently (each with its own GDAL dataset); what they report
    // is merged in layer order, so the diagnostics do not depend on the thread count.
    struct LayerRead {
        RawLayer raw;
        Diagnostics diag;
        std::exception_ptr error;
    };
    std::vector<LayerRead> reads(p.map.layers.size());
    parallel_for(reads.size(), threads, [&](std::size_t i) {
        try {
            reads[i].raw = read_layer(p.map.layers[i], reads[i].diag);
        } catch (...) {
            reads[i].error = std::current_exception();
        }
    });
    std::set<std::string> ids;
    for (std::size_t li = 0; li < p.map.layers.size(); ++li) {
        const LayerSpec& spec = p.map.layers[li];
        if (spec.kind == LayerKind::Works) {
            const auto& canon = canonical_work_fields();
            for (const auto& [key, col] : spec.fields)
                if (std::find(canon.begin(), canon.end(), key) == canon.end()) {
                    std::string list;
                    for (const auto& c : canon) list += (list.empty() ? "" : ", ") + c;
                    throw ConfigError(spec.file, 0, "fields." + key, "not a work field (expected one of: " + list + ")");
                }
        }
        for (Diagnostic& d : reads[li].diag.items()) diag.add(std::move(d));
        if (reads[li].error) std::rethrow_exception(reads[li].error);
        RawLayer raw = std::move(reads[li].raw);
        p.layer_crs[spec.id] = raw.crs;
        if (spec.kind == LayerKind::Works) {
            check_field_mapping(spec, raw.columns);
            std::vector<Work> works = map_works(spec, raw, diag);
            std::map<long long, std::string> id_of_row;
            for (const Work& w : works) id_of_row[w.source.row] = w.id;
            diag.annotate([&](Diagnostic& d) {
                if (d.work_id.empty() && d.row >= 0 && d.file == raw.file)
                    if (auto it = id_of_row.find(d.row); it != id_of_row.end()) d.work_id = it->second;
            });
            for (Work& w : works) {
                if (!ids.insert(w.id).second) {
                    std::string renamed = w.id + "#" + spec.id;
                    diag.add({Severity::Warning, "load", w.source.file, w.source.layer, w.id, w.source.row, "id", w.id,
                              "id also used in an earlier works layer", "renamed to '" + renamed + "'"});
                    w.id = renamed;
                    ids.insert(w.id);
                }
                p.works.push_back(std::move(w));
            }
        } else {
            p.base[spec.id] = map_features(spec, raw);
        }
    }
    return p;
}

namespace {

std::string fmt_box(const Box& b) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.4f %.4f .. %.4f %.4f", b.minx, b.miny, b.maxx, b.maxy);
    return buf;
}

std::string describe_area(const Box& a) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "lon %.1f..%.1f, lat %.1f..%.1f", a.minx, a.maxx, a.miny, a.maxy);
    return buf;
}

bool finite_geometry(const Geometry& g) {
    bool ok = true;
    const_cast<Geometry&>(g).for_each_xy([&](XY& p) { ok = ok && std::isfinite(p.x) && std::isfinite(p.y); });
    return ok;
}

}  // namespace

ProjectedProject project_to(const LoadedProject& loaded, const std::string& crs, int fy, Diagnostics& diag) {
    ProjectedProject out;
    out.loaded = &loaded;
    out.crs = crs;
    out.fiscal_year = fy;
    std::map<std::string, std::unique_ptr<Reprojector>> transforms;
    auto transform_for = [&](const std::string& layer_id) -> Reprojector& {
        auto& r = transforms[layer_id];
        if (!r) r = std::make_unique<Reprojector>(loaded.layer_crs.at(layer_id), crs);
        return *r;
    };
    for (const LayerSpec& spec : loaded.map.layers) {
        if (spec.kind != LayerKind::Base) continue;
        BaseLayer bl;
        bl.spec = &spec;
        Reprojector& r = transform_for(spec.id);
        for (const Feature& f : loaded.base.at(spec.id)) {
            Feature g = f;
            if (!r.transform(g.geometry) || !finite_geometry(g.geometry)) {
                diag.add({Severity::Warning, "reproject", f.source.file, f.source.layer, "", f.source.row, "geometry", "",
                          "coordinates could not be transformed to " + crs, "feature left out of the base map"});
                continue;
            }
            bl.features.push_back(std::move(g));
        }
        if (spec.id == loaded.map.municipality_layer)
            for (const auto& f : bl.features) out.municipality_names[f.attr("code")] = f.attr("name");
        out.base.emplace(spec.id, std::move(bl));
    }
    out.works.reserve(loaded.works.size());
    for (const Work& w : loaded.works) {
        ClassifiedWork cw;
        cw.work = w;
        if (!cw.work.geometry.empty()) {
            Reprojector& r = transform_for(w.layer_id);
            // A geographic register must lie where the map's datum is defined (Japan for
            // JGD2011); a point typed latitude-first lands far outside it.
            Box area = r.target_geodetic_area_of_use();
            if (area.empty()) area = r.source_area_of_use();
            Box b = w.geometry.bounds();
            if (r.source_is_geographic() && !area.empty() && !area.contains(b)) {
                Geometry swapped = w.geometry;
                swapped.for_each_xy([](XY& p) { std::swap(p.x, p.y); });
                if (area.contains(swapped.bounds())) {
                    diag.add({Severity::Warning, "reproject", w.source.file, w.source.layer, w.id, w.source.row, "geometry",
                              fmt_box(b), "coordinates look like latitude/longitude swapped (outside the area of use of " +
                              describe_area(area) + ")", "axes swapped"});
                    cw.work.geometry = swapped;
                } else {
                    diag.add({Severity::Warning, "reproject", w.source.file, w.source.layer, w.id, w.source.row, "geometry",
                              fmt_box(b), "coordinates outside the area of use of the map's datum (" + describe_area(area) + ")",
                              "shown without geometry (callout at its municipality)"});
                    cw.work.geometry = Geometry{};
                }
            }
            if (!cw.work.geometry.empty() && (!r.transform(cw.work.geometry) || !finite_geometry(cw.work.geometry))) {
                diag.add({Severity::Warning, "reproject", w.source.file, w.source.layer, w.id, w.source.row, "geometry", "",
                          "coordinates could not be transformed to " + crs,
                          "shown without geometry (callout at its municipality)"});
                cw.work.geometry = Geometry{};
            }
        }
        StatusDecision sd = classify_status(w, fy);
        cw.status = sd.status;
        cw.status_derived = sd.derived;
        if (!sd.note.empty() && !sd.derived)
            diag.add({Severity::Info, "classify", w.source.file, w.source.layer, w.id, w.source.row, "status", "", sd.note, "register's 状態 kept"});
        out.works.push_back(std::move(cw));
    }
    return out;
}

std::string crs_label(const std::string& crs) {
    static const char* roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                  "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX"};
    if (crs.rfind("EPSG:", 0) == 0) {
        int code = std::atoi(crs.c_str() + 5);
        if (code >= 6669 && code <= 6687)
            return std::string("座標系：JGD2011 平面直角座標系 第") + roman[code - 6669] + "系（" + crs + "）";
    }
    try {
        return "座標系：" + describe_crs(crs);
    } catch (const std::exception&) {
        return "座標系：" + crs;
    }
}

}  // namespace ipmap
