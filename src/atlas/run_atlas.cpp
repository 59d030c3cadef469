#include "atlas/run_atlas.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "atlas/contents_page.hpp"
#include "atlas/coverage_area.hpp"
#include "atlas/coverage_fields.hpp"
#include "atlas/plane_zone.hpp"
#include "atlas/sheet_stamp.hpp"
#include "atlas/sheet_works.hpp"
#include "classify/fiscal_year.hpp"
#include "core/available_cpus.hpp"
#include "core/errors.hpp"
#include "core/temp_owner.hpp"
#include "pipeline/check_inputs.hpp"
#include "render/pdf_book.hpp"
#include "report/sheet_report.hpp"

namespace ipmap {

namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

/// The run's input files: map, style, layer files and sources.
std::vector<std::string> input_paths(const MapSpec& map) {
    std::vector<std::string> paths{map.file, map.style.file};
    for (const auto& l : map.layers) {
        paths.push_back(l.file);
        paths.push_back(l.source);
    }
    return paths;
}

/// Newest modification time among the run's inputs.
fs::file_time_type inputs_time(const MapSpec& map) {
    fs::file_time_type newest = fs::file_time_type::min();
    for (const auto& p : input_paths(map)) {
        std::error_code ec;
        auto t = fs::last_write_time(p, ec);
        if (!ec) newest = std::max(newest, t);
    }
    return newest;
}

bool up_to_date(const std::vector<std::string>& files, fs::file_time_type since) {
    for (const auto& f : files) {
        std::error_code ec;
        auto t = fs::last_write_time(f, ec);
        if (ec || t <= since) return false;
    }
    return !files.empty();
}

/// Everything besides the input files that shapes a sheet, one "key=value" a line: the
/// effective CLI settings and the map as loaded with them.
std::string run_settings(const AtlasOptions& opt, const MapSpec& map, const std::string& coverage_id) {
    std::ostringstream s;
    const OutputOptions& o = opt.render.output;
    s << "map=" << fs::absolute(map.file).lexically_normal().string() << "\n";
    s << "fiscal_year=" << (map.fiscal_year ? *map.fiscal_year : 0) << "\n";
    s << "page=" << map.page.size << " " << (map.page.landscape ? "landscape" : "portrait") << " " << map.page.width_mm
      << "x" << map.page.height_mm << "\n";
    s << "formats=" << (o.pdf ? "pdf" : "") << (o.pdf && o.png ? "," : "") << (o.png ? "png" : "") << "\n";
    s << "dpi=" << o.dpi << "\n";
    s << "crs=" << map.crs << "\n";
    s << "coverage=" << coverage_id << " id_field=" << map.atlas.id_field << " name_field=" << map.atlas.name_field << "\n";
    s << "municipality_layer=" << map.municipality_layer << "\n";
    s << "where=" << opt.selection.where << "\n";
    s << "ascii_names=" << (opt.ascii_names ? 1 : 0) << "\n";
    for (const auto& l : map.layers)
        s << "layer " << l.id << "=" << fs::absolute(l.source).lexically_normal().string() << " style=" << l.style << "\n";
    return s.str();
}

/// `--by LAYER` other than the municipality layer: when LAYER holds every municipality of
/// the municipality layer (by code), it takes that layer's role on the sheets (its sheet's
/// municipality stands out, the others are dimmed, works without geometry hang on it), and
/// the former municipality layer, which it covers, is not drawn: it would paint over the
/// highlight. A coverage layer that does not (a grid of map tiles) changes nothing.
void adopt_coverage_as_municipalities(MapSpec& map, const std::map<std::string, std::vector<Feature>>& base,
                                      const std::string& coverage_id) {
    if (map.municipality_layer == coverage_id) return;
    std::set<std::string> codes;
    for (const Feature& f : base.at(coverage_id))
        if (!f.attr("code").empty()) codes.insert(f.attr("code"));
    if (codes.empty()) return;
    const std::string former = map.municipality_layer;
    if (!former.empty())
        for (const Feature& f : base.at(former))
            if (!f.attr("code").empty() && !codes.count(f.attr("code"))) return;
    map.municipality_layer = coverage_id;
    for (auto& l : map.layers)
        if (!former.empty() && l.id == former && !(map.inset.enabled && map.inset.layer == former)) l.style = "";  // no class: not drawn
}

/// crs = "auto" needs the subprefecture (振興局) of every coverage feature.
void check_subpref_field(const LayerSpec& spec, const std::vector<Feature>& coverage) {
    for (const Feature& f : coverage)
        if (f.attrs.count("subpref")) return;
    auto it = spec.fields.find("subpref");
    throw ConfigError(spec.file, 0, "fields.subpref",
                      "crs = \"auto\" picks each sheet's plane rectangular zone by its subprefecture (振興局), but layer '" +
                          spec.id + "' (" + spec.source + ") has no field 'subpref'" +
                          (it != spec.fields.end() ? ": [fields] subpref = \"" + it->second + "\" names no column of the source"
                                                   : ": map the column in its [fields], e.g. subpref = \"N03_002\" for N03 data"));
}

/// The plane rectangular zone of a sheet (crs = "auto"); std::invalid_argument naming the
/// feature and field when it cannot be told.
std::string auto_zone(const SheetPlan& plan, const LayerSpec& spec) {
    std::string zone;
    for (const Feature* f : plan.features) {
        const std::string where = "crs = \"auto\": sheet " + plan.id + " (" + feature_ref(*f) + " of layer '" + spec.id + "'): ";
        const std::string& code = f->attr("code");
        const std::string& name = f->attr("name");
        const std::string& subpref = f->attr("subpref");
        if (code.empty()) throw std::invalid_argument(where + "no municipality code (field 'code')");
        if (name.empty()) throw std::invalid_argument(where + "no municipality name (field 'name')");
        if (code.rfind("01", 0) != 0)
            throw std::invalid_argument(where + "municipality " + code + " " + name +
                                        " is outside Hokkaido; \"auto\" knows Hokkaido's zones only: set the map's crs");
        if (subpref.empty()) throw std::invalid_argument(where + "no subprefecture (field 'subpref') for " + code + " " + name);
        if (!is_hokkaido_subprefecture(subpref))
            throw std::invalid_argument(where + "field 'subpref' = '" + subpref + "' is not a Hokkaido subprefecture (振興局)");
        std::string z = *hokkaido_plane_zone(code, subpref, name);
        if (!zone.empty() && z != zone)
            throw std::invalid_argument(where + "its features lie in different zones (" + zone + ", " + z + ")");
        zone = z;
    }
    return zone;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Appends a finished sheet to the combined document: the pages of its PDF file (just
/// rendered, kept by --resume, or a shard's output), copied as they are.
void add_to_book(PdfBook& book, const SheetOutcome& s, const fs::path& dir) {
    if (s.state == "failed") return;
    const std::string mark = s.id + " " + s.name;
    for (const auto& f : s.files)
        if (f.size() > 4 && f.compare(f.size() - 4, 4, ".pdf") == 0) book.add_pdf((dir / f).string(), mark);
}

/// Writes the index (JSON, CSV) and, with a book holding the sheets, finishes the combined
/// PDF: the contents pages are drawn after the sheets (they need every sheet's counts and
/// page count) and then moved to the front.
void write_index_files(const AtlasIndex& index, const fs::path& dir, AtlasResult& result, PdfBook* book) {
    const std::string stem = index_stem(index.shard);
    std::string json = (dir / (stem + ".json")).string();
    std::string csv = (dir / (stem + ".csv")).string();
    write_file_atomic(json, index_json(index));
    write_file_atomic(csv, index_csv(index));
    result.files.push_back(json);
    result.files.push_back(csv);
    if (!book || book->pages() == 0) return;
    const std::string font = index.contents_font.empty() ? StyleSheet{}.font : index.contents_font;
    const std::vector<Scene> contents = contents_pages(index, index.page_width_mm, index.page_height_mm, font);
    for (std::size_t k = 0; k < contents.size(); ++k) book->add_scene(contents[k], k == 0 ? "目次" : "");
    book->finish(static_cast<int>(contents.size()));
    result.files.push_back((dir / "atlas.pdf").string());
}

}  // namespace

std::vector<std::string> sheet_output_files(const std::string& stem, const OutputOptions& o, int pages) {
    std::vector<std::string> f;
    if (o.pdf) f.push_back(stem + ".pdf");
    if (o.png)
        for (int k = 1; k <= std::max(1, pages); ++k) f.push_back(stem + (k == 1 ? std::string() : "-" + std::to_string(k)) + ".png");
    f.push_back(stem + ".report.json");
    return f;
}

bool stale_temporary(const std::string& name, fs::file_time_type modified, double max_age_hours) {
    if (name.rfind(".tmp-") == std::string::npos) return false;
    const auto age = fs::file_time_type::clock::now() - modified;
    if (age > std::chrono::duration<double, std::ratio<3600>>(max_age_hours)) return true;
    // A name without a readable owner, or one written on another host, waits for the age limit.
    const std::optional<TempOwner> owner = parse_temp_owner(name);
    return owner && owner_state(*owner) == OwnerState::Gone;
}

int remove_stale_temporaries(const std::string& dir, double max_age_hours) {
    int removed = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::error_code e2;
        if (!e.is_regular_file(e2)) continue;
        auto t = fs::last_write_time(e.path(), e2);
        if (e2) continue;
        if (stale_temporary(e.path().filename().string(), t, max_age_hours) && fs::remove(e.path(), e2)) ++removed;
    }
    return removed;
}

AtlasResult run_atlas(const AtlasOptions& opt, Diagnostics& diag) {
    MapSpec map = load_map_with_overrides(opt.render.map_file, opt.render.source_overrides, opt.render.fiscal_year);
    if (opt.page_size) {
        std::pair<double, double> wh;
        try {
            wh = paper_size_mm(*opt.page_size);
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--page: ") + e.what());
        }
        map.page.size = *opt.page_size;
        map.page.width_mm = map.page.landscape ? wh.second : wh.first;
        map.page.height_mm = map.page.landscape ? wh.first : wh.second;
    }
    check_fonts(map);
    const std::string coverage_id = opt.by.empty() ? map.atlas.layer : opt.by;
    const LayerSpec* coverage_spec = map.find_layer(coverage_id);
    if (!coverage_spec || coverage_spec->kind != LayerKind::Base) {
        std::string base;
        for (const auto& l : map.layers)
            if (l.kind == LayerKind::Base) base += (base.empty() ? "" : ", ") + l.id;
        const std::string what = (coverage_spec ? "layer '" + coverage_id + "' is not a base layer"
                                                : "no base layer with id '" + coverage_id + "'") +
                                 " to make sheets from (base layers: " + (base.empty() ? "none" : base) + ")";
        // The id came from the command line or from the map's [atlas] layer: blame that.
        if (!opt.by.empty()) throw UsageError("--by: " + what);
        throw ConfigError(map.file, 0, "atlas.layer", what);
    }

    fs::path dir(opt.render.output.out_dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) throw OutputError(dir.string() + ": cannot create output folder");
    remove_stale_temporaries(dir.string(), kStaleTemporaryHours);

    const int fy = *map.fiscal_year;
    const int threads = opt.jobs > 0 ? opt.jobs : available_cpus();
    LoadedProject loaded = load_project(map, diag, threads);
    const std::vector<Feature>& coverage = loaded.base.at(coverage_id);
    adopt_coverage_as_municipalities(loaded.map, loaded.base, coverage_id);
    check_coverage_fields(map, *coverage_spec, coverage);
    // The run-wide part of what the sheets are made from, recorded in the index so that merge
    // can tell the shards of one atlas (see the sheet stamps below for the same parts).
    AtlasIndex::Run index_run;
    index_run.settings = text_lines(run_settings(opt, loaded.map, coverage_id));
    index_run.inputs = text_lines(describe_inputs(input_paths(loaded.map)));
    index_run.binary = text_lines(describe_binary());

    // A bad --only / --where is a usage error (SelectionError, raised as is).
    std::vector<SheetPlan> all =
        plan_sheets(coverage, map.atlas.id_field, map.atlas.name_field, opt.selection, opt.ascii_names);
    if (all.empty())
        throw InputError(coverage_spec->source + ": the coverage layer '" + coverage_id + "' has no feature with a value in its id field '" +
                         map.atlas.id_field + "': no sheets to render");
    Shard shard = opt.shard.value_or(Shard{});
    std::vector<SheetPlan> sheets = select_shard(all, shard);

    // One projection per CRS needed ("auto": the plane rectangular zone of each sheet). A
    // sheet whose zone cannot be told fails alone; a layer that lacks the field stops the run.
    std::vector<std::string> sheet_crs, sheet_error(sheets.size());
    if (map.crs == "auto") check_subpref_field(*coverage_spec, coverage);
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        std::string crs = map.crs;
        if (map.crs == "auto") {
            try {
                crs = auto_zone(sheets[i], *coverage_spec);
            } catch (const std::invalid_argument& e) {
                sheet_error[i] = e.what();
                crs.clear();
            }
        }
        sheet_crs.push_back(crs);
    }
    std::map<std::string, ProjectedProject> projected;
    for (const auto& crs : sheet_crs)
        if (!crs.empty() && !projected.count(crs)) {
            projected.emplace(crs, project_to(loaded, crs, fy, diag));
            if (projected.size() == 1) check_glyphs(projected.at(crs), diag);
        }
    // Coverage features with a usable area (in the source and once projected) by id in each
    // CRS, and their bounds (the inset); a sheet none of whose features has one fails.
    std::set<long long> no_area;  // rows of the coverage layer
    for (const Feature& f : coverage)
        if (!missing_area(f.geometry).empty()) no_area.insert(f.source.row);
    std::map<std::string, std::map<std::string, std::vector<const Feature*>>> coverage_by_id;
    std::map<std::string, Box> coverage_bounds;
    for (auto& [crs, p] : projected)
        for (const Feature& f : p.base.at(coverage_id).features)
            if (!no_area.count(f.source.row) && missing_area(f.geometry).empty()) {
                coverage_by_id[crs][f.attr(map.atlas.id_field)].push_back(&f);
                coverage_bounds[crs].expand(f.geometry.bounds());
            }
    for (std::size_t i = 0; i < sheets.size(); ++i)
        if (sheet_error[i].empty() && !coverage_by_id[sheet_crs[i]].count(sheets[i].id))
            sheet_error[i] = no_area_error(sheets[i], map.atlas.id_field, coverage_id, sheet_crs[i]);

    const std::vector<Diagnostic> all_diags = diag.items();
    // Warnings tied to no work are the run's: listed once in the index, not on every sheet.
    std::vector<std::string> run_warnings;
    for (const auto& d : all_diags)
        if (d.work_id.empty() && d.severity != Severity::Info) run_warnings.push_back(d.to_line());
    const auto since = inputs_time(loaded.map);
    // What every sheet is rendered from and with; each sheet adds its own part.
    const std::string settings = run_settings(opt, loaded.map, coverage_id);
    const std::string run_fingerprint = describe_binary() + settings + describe_inputs(input_paths(loaded.map));
    std::vector<SheetOutcome> outcomes(sheets.size());
    const bool combined = opt.combined && opt.render.output.pdf && shard.count == 1;
    // The combined PDF is assembled while sheets render: whichever worker finishes a sheet
    // copies in every finished sheet that is next in order, so the book needs no serial pass
    // at the end.
    std::unique_ptr<PdfBook> book;
    if (combined) book = std::make_unique<PdfBook>((dir / "atlas.pdf").string(), map.title);
    std::mutex book_mutex;  // the book, book_next, book_error
    std::size_t book_next = 0;
    std::string book_error;
    std::mutex done_mutex;
    std::vector<char> done(sheets.size(), 0);
    auto drain_book = [&](bool wait) {
        if (!book) return;
        std::unique_lock<std::mutex> lock(book_mutex, std::defer_lock);
        if (wait) lock.lock();
        else if (!lock.try_lock()) return;  // another worker is appending; it or a later one takes ours
        for (;;) {
            {
                std::lock_guard<std::mutex> d(done_mutex);
                if (book_next >= sheets.size() || !done[book_next]) return;
            }
            if (book_error.empty()) {
                try {
                    add_to_book(*book, outcomes[book_next], dir);
                } catch (const std::exception& e) {
                    book_error = e.what();
                }
            }
            ++book_next;
        }
    };
    Progress progress(static_cast<int>(sheets.size()), opt.progress);
    std::atomic<std::size_t> next{0};
    const std::string fy_label = format_wareki(fy, map.wareki);

    auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < sheets.size();) {
            const SheetPlan& plan = sheets[i];
            SheetOutcome& o = outcomes[i];
            o.index = plan.index;
            o.id = plan.id;
            o.name = plan.name;
            o.stem = plan.stem;
            o.crs = sheet_crs[i];
            // The first page's files; a sheet whose list continues adds STEM-2.png ... once its
            // page count is known (from its report).
            o.files = sheet_output_files(plan.stem, opt.render.output, 1);
            auto t0 = std::chrono::steady_clock::now();
            auto paths_of = [&](const std::vector<std::string>& files) {
                std::vector<std::string> paths;
                for (const auto& f : files) paths.push_back((dir / f).string());
                return paths;
            };
            std::string codes_text;
            for (const auto& c : plan.codes) codes_text += (codes_text.empty() ? "" : ",") + c;
            const std::string sheet_settings = "sheet=" + plan.id + " name=" + plan.name + " stem=" + plan.stem +
                                               " crs=" + o.crs + " codes=" + codes_text +
                                               " features=" + std::to_string(plan.features.size()) + "\n";
            const std::string fingerprint = fingerprint_hex(run_fingerprint + sheet_settings);
            const std::string report_path = (dir / (plan.stem + ".report.json")).string();
            try {
                bool keep = false;
                if (!sheet_error[i].empty()) throw InputError(sheet_error[i]);
                if (opt.resume && up_to_date(paths_of(o.files), since)) {
                    // Kept only when it was made from the same inputs with the same settings
                    // and every page's image is there and up to date too; its counts come
                    // from its own report (a killed run wrote no index).
                    try {
                        keep = read_report(read_text(report_path), report_path, o) == fingerprint;
                        drop_run_warnings(o, run_warnings);
                        if (keep) {
                            o.files = sheet_output_files(plan.stem, opt.render.output, o.pages);
                            keep = up_to_date(paths_of(o.files), since);
                        }
                    } catch (const std::exception&) {
                        keep = false;
                    }
                    if (!keep) o.files = sheet_output_files(plan.stem, opt.render.output, 1);
                }
                if (keep) {
                    o.state = "skipped";
                } else {
                    const ProjectedProject& p = projected.at(o.crs);
                    const auto& features = coverage_by_id.at(o.crs).at(plan.id);
                    // The register's 市町村コード and the highlight go by the municipality
                    // code of the coverage features, whatever field names the sheet.
                    const std::vector<std::string> codes = plan.codes.empty() ? std::vector<std::string>{plan.id} : plan.codes;
                    SheetRequest req;
                    req.stem = plan.stem;
                    req.title = replace_all(replace_all(map.atlas.title, "{name}", plan.name), "{id}", plan.id);
                    req.subtitle = replace_all(map.subtitle, "{fiscal_year}", fy_label);
                    for (const Feature* f : features) req.extent.expand(f->geometry.bounds());
                    req.padding_percent = map.atlas.padding_percent;
                    req.focus_code = codes.size() == 1 ? codes.front() : "";
                    req.works = works_for_sheet(p.works, features, codes);
                    req.inset_extent = coverage_bounds.at(o.crs);
                    std::set<std::string> ids;
                    for (const auto* w : req.works) ids.insert(w->work.id);
                    std::vector<Diagnostic> sheet_diags;
                    for (const auto& d : all_diags)
                        if (d.work_id.empty() || ids.count(d.work_id)) sheet_diags.push_back(d);
                    SheetReport r = render_sheet(p, req, opt.render.output, sheet_diags);
                    // The report is rewritten with the stamp (atomically, last: a sheet is
                    // complete once its stamped report is in place; one killed in between is
                    // rendered again), and the index counts are read from it as for a kept
                    // sheet, so a resumed atlas counts alike.
                    const std::string stamped = stamp_report(report_json(r), fingerprint, settings + sheet_settings);
                    write_file_atomic(report_path, stamped);
                    read_report(stamped, report_path, o);
                    drop_run_warnings(o, run_warnings);
                    o.files = sheet_output_files(plan.stem, opt.render.output, o.pages);
                    o.state = "rendered";
                }
            } catch (const std::exception& e) {
                o.state = "failed";
                o.error = e.what();
            }
            o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            progress.done(plan.stem, o.state != "failed", o.seconds, o.error);
            {
                std::lock_guard<std::mutex> d(done_mutex);
                done[i] = 1;
            }
            drain_book(false);
        }
    };
    const int jobs = std::min<int>(threads, static_cast<int>(sheets.size()));
    std::vector<std::thread> pool;
    for (int k = 1; k < jobs; ++k) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    drain_book(true);
    progress.finish();
    if (!book_error.empty()) book.reset();  // the index is still written; the error is raised after it

    AtlasResult result;
    result.index.map_file = map.file;
    result.index.title = map.title;
    result.index.fiscal_year = fy;
    result.index.fiscal_year_label = fy_label;
    result.index.total_sheets = static_cast<int>(all.size());
    result.index.shard = shard;
    result.index.page_size = map.page.size;
    result.index.orientation = map.page.landscape ? "landscape" : "portrait";
    result.index.page_width_mm = map.page.width_mm;
    result.index.page_height_mm = map.page.height_mm;
    result.index.contents_font = map.style.font;
    // The atlas's sheets (before sharding) belong to the run: shards with another --only or
    // --where are of another atlas.
    std::string all_ids;
    for (const auto& p : all) all_ids += p.id + "\n";
    index_run.settings.push_back("sheets=" + std::to_string(all.size()) + " ids=" + fingerprint_hex(all_ids));
    result.index.run = std::move(index_run);
    result.index.run_warnings = std::move(run_warnings);
    result.index.sheets = std::move(outcomes);
    for (const auto& s : result.index.sheets) result.failed += s.state == "failed";
    write_index_files(result.index, dir, result, book.get());
    if (!book_error.empty()) throw OutputError(book_error);
    return result;
}

AtlasResult run_merge(const std::vector<std::string>& shard_dirs, const std::string& out_dir) {
    if (shard_dirs.empty()) throw std::runtime_error("merge: no shard folders given");
    AtlasResult result;
    std::map<int, SheetOutcome> by_index;
    std::set<int> shards_seen;
    int shard_count = 0;
    fs::path out(out_dir);
    std::error_code ec;
    fs::create_directories(out, ec);
    // Each folder holds the index of one shard or more ("atlas_index.shard-K-of-N.json": shards
    // may share a folder), or the "atlas_index.json" of an unsharded run.
    std::vector<std::pair<std::string, std::string>> indexes;  // (folder, index file)
    std::set<std::string> seen_files;
    for (const auto& d : shard_dirs) {
        std::vector<std::string> found;
        for (const auto& e : fs::directory_iterator(d, ec)) {
            const std::string n = e.path().filename().string();
            if (n.rfind("atlas_index.shard-", 0) == 0 && n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0)
                found.push_back(e.path().string());
        }
        if (ec) throw std::runtime_error(d + ": cannot read the shard folder: " + ec.message());
        std::sort(found.begin(), found.end());
        if (found.empty()) found.push_back((fs::path(d) / "atlas_index.json").string());
        for (const auto& f : found) {
            std::error_code e2;
            const std::string key = fs::weakly_canonical(f, e2).string();
            if (seen_files.insert(e2 ? f : key).second) indexes.emplace_back(d, f);
        }
    }
    struct ShardIndex {
        std::string dir, path;
        AtlasIndex index;
    };
    std::vector<ShardIndex> parsed;
    for (const auto& [d, p] : indexes) {
        if (!fs::exists(p, ec))
            throw std::runtime_error(d + ": no atlas index (atlas_index.shard-K-of-N.json or atlas_index.json): not an atlas shard's output folder");
        parsed.push_back({d, p, parse_index_json(read_text(p), p)});
    }
    // In shard order, whatever the order of the folders on the command line: the merged
    // index (the union of the run warnings, say) comes out the same.
    std::stable_sort(parsed.begin(), parsed.end(),
                     [](const ShardIndex& a, const ShardIndex& b) { return a.index.shard.index < b.index.shard.index; });
    bool first = true;
    std::string first_index;
    for (auto& [d, p, ix] : parsed) {
        if (first) {
            first = false;
            result.index = ix;
            result.index.sheets.clear();
            shard_count = ix.shard.count;
            first_index = p;
        } else {
            // Shards of one atlas were made from the same map, inputs, settings and binary;
            // only the shard K/N differs (it is not part of the recorded run).
            const std::string pair = first_index + " and " + p + " are shards of different atlases";
            const std::vector<std::string> diffs = run_differences(result.index.run, ix.run);
            if (!diffs.empty()) {
                std::string list;
                for (std::size_t k = 0; k < diffs.size() && k < 5; ++k) list += (k ? "; " : "") + diffs[k];
                if (diffs.size() > 5) list += "; and " + std::to_string(diffs.size() - 5) + " more";
                throw InputError("merge: " + pair + ": " + list);
            }
            if (ix.total_sheets != result.index.total_sheets || ix.fiscal_year != result.index.fiscal_year ||
                ix.shard.count != shard_count)
                throw InputError("merge: " + pair + " (" + std::to_string(result.index.total_sheets) + " vs " +
                                 std::to_string(ix.total_sheets) + " sheets, fiscal year " +
                                 std::to_string(result.index.fiscal_year) + " vs " + std::to_string(ix.fiscal_year) +
                                 ", " + std::to_string(shard_count) + " vs " + std::to_string(ix.shard.count) + " shards)");
            if (ix.page_width_mm != result.index.page_width_mm || ix.page_height_mm != result.index.page_height_mm)
                throw InputError("merge: " + p + ": shard rendered on another page size (" + ix.page_size + " " +
                                 ix.orientation + ", not " + result.index.page_size + " " + result.index.orientation +
                                 " as " + first_index + ")");
        }
        // A shard's run warnings depend on what it projected (crs = "auto"): keep them all, once.
        if (!first_index.empty() && p != first_index)
            for (const auto& w : ix.run_warnings)
                if (std::find(result.index.run_warnings.begin(), result.index.run_warnings.end(), w) ==
                    result.index.run_warnings.end())
                    result.index.run_warnings.push_back(w);
        if (!shards_seen.insert(ix.shard.index).second)
            throw std::runtime_error(p + ": shard " + std::to_string(ix.shard.index) + " given twice");
        for (auto s : ix.sheets) {
            // Files are named relative to the merged folder.
            std::vector<std::string> files;
            for (const auto& f : s.files) {
                fs::path src = fs::path(d) / f;
                fs::path rel = fs::relative(src, out, ec);
                files.push_back(ec ? fs::absolute(src).string() : rel.string());
            }
            s.files = files;
            if (!by_index.emplace(s.index, s).second)
                throw std::runtime_error(p + ": sheet " + s.id + " appears in more than one shard");
        }
    }
    if (static_cast<int>(by_index.size()) != result.index.total_sheets) {
        std::string missing;
        for (int k = 0; k < shard_count; ++k)
            if (!shards_seen.count(k)) missing += (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(shard_count);
        throw std::runtime_error("merge: " + std::to_string(by_index.size()) + " of " +
                                 std::to_string(result.index.total_sheets) + " sheets present" +
                                 (missing.empty() ? "" : "; missing shards " + missing));
    }
    for (auto& [k, s] : by_index) {
        result.failed += s.state == "failed";
        result.index.sheets.push_back(std::move(s));
    }
    result.index.shard = Shard{};
    // The contents page is drawn on the sheets' page with the font the shards used (both
    // recorded in their index), as an unsharded run draws it.
    PdfBook book((out / "atlas.pdf").string(), result.index.title);
    for (const auto& s : result.index.sheets) add_to_book(book, s, out);
    write_index_files(result.index, out, result, &book);
    return result;
}

}  // namespace ipmap
