#include "report/sheet_report.hpp"


#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/temp_file.hpp"

namespace ipmap {

namespace {

using nlohmann::ordered_json;

const char* tier_name(place::Tier t) {
    switch (t) {
        case place::Tier::InMap: return "in_map";
        case place::Tier::Margin: return "margin";
        case place::Tier::List: return "list";
    }
    return "";
}

double r2(double v) { return std::round(v * 100.0) / 100.0; }

ordered_json diag_json(const Diagnostic& d) {
    ordered_json j;
    j["severity"] = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "info";
    j["stage"] = d.stage;
    if (!d.file.empty()) j["file"] = d.file;
    if (!d.layer.empty()) j["layer"] = d.layer;
    if (d.row >= 0) j["row"] = d.row;
    if (!d.work_id.empty()) j["id"] = d.work_id;
    if (!d.field.empty()) j["field"] = d.field;
    if (!d.value.empty()) j["value"] = d.value;
    j["message"] = d.message;
    if (!d.action.empty()) j["action"] = d.action;
    return j;
}

}  // namespace

std::size_t warnings_and_errors(const SheetReport& report) {
    std::size_t n = 0;
    for (const auto& d : report.diagnostics) n += d.severity == Severity::Warning || d.severity == Severity::Error;
    return n;
}

std::string report_json(const SheetReport& r) {
    ordered_json j;
    j["map"] = r.map_file;
    j["sheet"] = r.sheet;
    j["title"] = r.title;
    j["fiscal_year"] = r.fiscal_year;
    j["fiscal_year_label"] = r.fiscal_year_label;
    j["crs"] = r.crs;
    j["scale_denominator"] = std::llround(r.scale_denominator);
    j["outputs"] = r.outputs;
    j["pages"] = r.pages;

    std::map<std::string, int> fates;
    for (const char* k : {"drawn", "callout", "drawn+callout", "not_shown"}) fates[k] = 0;
    for (const auto& f : r.fates) fates[f.fate]++;
    const auto& s = r.placement.stats;
    ordered_json summary;
    summary["works"] = r.fates.size();
    summary["drawn"] = fates["drawn"];
    summary["callout"] = fates["callout"];
    summary["drawn+callout"] = fates["drawn+callout"];
    summary["not_shown"] = fates["not_shown"];
    summary["labels_placed"] = r.labels_placed;
    summary["labels_moved_to_callouts"] = r.labels_moved_to_callouts;
    int errors = 0, warnings = 0;
    for (const auto& d : r.diagnostics) {
        errors += d.severity == Severity::Error;
        warnings += d.severity == Severity::Warning;
    }
    summary["errors"] = errors;
    summary["warnings"] = warnings;
    j["summary"] = summary;

    ordered_json c;
    c["requested"] = r.callout_ids.size();
    c["in_map"] = s.placed_in_map;
    c["margin"] = s.placed_in_margin;
    c["list"] = s.listed;
    c["overlaps"] = s.overlaps;
    c["crossings"] = s.crossings;
    c["total_leader_mm"] = r2(s.total_leader_mm);
    c["max_leader_mm"] = r2(s.max_leader_mm);
    c["solve_ms"] = r2(s.solve_ms);  // the total over every solve the sheet needed
    j["callouts"] = c;

    std::map<int, const ListMarker*> marker_of;  // list number -> its marker
    for (const auto& m : r.markers) marker_of[m.number] = &m;
    std::map<std::string, std::size_t> callout_of;
    for (std::size_t i = 0; i < r.callout_ids.size(); ++i) callout_of[r.callout_ids[i]] = i;
    ordered_json works = ordered_json::array();
    for (const auto& f : r.fates) {
        ordered_json w;
        w["id"] = f.id;
        w["name"] = f.name;
        w["fate"] = f.fate;
        if (!f.reason.empty()) w["reason"] = f.reason;
        w["status"] = f.status;
        w["status_derived"] = f.status_derived;
        if (auto it = callout_of.find(f.id); it != callout_of.end() && it->second < r.placement.callouts.size()) {
            const auto& pc = r.placement.callouts[it->second];
            ordered_json co;
            co["text"] = f.callout_text;
            co["tier"] = tier_name(pc.tier);
            if (pc.tier == place::Tier::List) {
                co["list_number"] = pc.list_number;
                // Where the numbered marker was drawn: at the anchor, or moved off it with a tick.
                if (auto m = marker_of.find(pc.list_number); m != marker_of.end()) {
                    ordered_json mk;
                    mk["center_mm"] = {r2(m->second->at.x), r2(m->second->at.y)};
                    mk["radius_mm"] = r2(r.marker_radius_mm);
                    mk["moved"] = m->second->moved;
                    if (m->second->conflict) mk["conflict"] = true;
                    co["marker"] = mk;
                }
            } else {
                co["box_mm"] = {r2(pc.box.minx), r2(pc.box.miny), r2(pc.box.maxx), r2(pc.box.maxy)};
                ordered_json leader = ordered_json::array();
                for (const auto& p : pc.leader) leader.push_back({r2(p.x), r2(p.y)});
                co["leader_mm"] = leader;
                if (!pc.more_leaders.empty()) {
                    ordered_json more = ordered_json::array();
                    for (const auto& l : pc.more_leaders) {
                        ordered_json one = ordered_json::array();
                        for (const auto& p : l) one.push_back({r2(p.x), r2(p.y)});
                        more.push_back(one);
                    }
                    co["more_leaders_mm"] = more;
                }
                if (!f.unreached_municipalities.empty()) co["unreached_municipalities"] = f.unreached_municipalities;
            }
            co["anchor_mm"] = {r2(pc.anchor.x), r2(pc.anchor.y)};
            w["callout"] = co;
        }
        works.push_back(w);
    }
    j["works"] = works;
    ordered_json diags = ordered_json::array();
    for (const auto& d : r.diagnostics) diags.push_back(diag_json(d));
    j["diagnostics"] = diags;
    return j.dump(2) + "\n";
}

std::string check_json(const std::string& map_file, bool ok, const std::vector<Diagnostic>& problems, int layers,
                       int works, int features, const std::string& fatal_error) {
    ordered_json j;
    j["map"] = map_file;
    j["ok"] = ok;
    if (!fatal_error.empty()) j["error"] = fatal_error;
    j["layers"] = layers;
    j["works"] = works;
    j["features"] = features;
    int counts[3] = {0, 0, 0};
    ordered_json list = ordered_json::array();
    for (const auto& d : problems) {
        counts[static_cast<int>(d.severity)]++;
        list.push_back(diag_json(d));
    }
    j["errors"] = counts[2];
    j["warnings"] = counts[1];
    j["infos"] = counts[0];
    j["problems"] = list;
    return j.dump(2) + "\n";
}

void write_file_atomic(const std::string& path, const std::string& content) {
    TempFile tmp(path);
    {
        std::ofstream f(tmp.name(), std::ios::binary | std::ios::trunc);
        if (!f) throw OutputError(path + ": cannot write (" + std::strerror(errno) + ")");
        f << content;
        f.flush();
        if (!f) throw OutputError(path + ": write failed");
    }
    tmp.commit();
}

void write_report(const SheetReport& report, const std::string& path) { write_file_atomic(path, report_json(report)); }

}  // namespace ipmap
