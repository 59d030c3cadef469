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

#include "atlas/contents_page.hpp"
#include "atlas/plane_zone.hpp"
#include "atlas/sheet_works.hpp"
#include "classify/fiscal_year.hpp"
#include "core/errors.hpp"
#include "pipeline/check_inputs.hpp"
#include "render/pdf_book.hpp"

namespace ipmap {

namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

/// Newest modification time among the run's inputs: map, style, layer files and sources.
fs::file_time_type inputs_time(const MapSpec& map) {
    fs::file_time_type newest = fs::file_time_type::min();
    auto consider = [&](const std::string& p) {
        std::error_code ec;
        auto t = fs::last_write_time(p, ec);
        if (!ec) newest = std::max(newest, t);
    };
    consider(map.file);
    consider(map.style.file);
    for (const auto& l : map.layers) {
        consider(l.file);
        consider(l.source);
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

/// Removes temporary files that a killed run left behind (".tmp-<pid>-<thread>").
void remove_stale_temporaries(const fs::path& dir) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string n = e.path().filename().string();
        if (n.find(".tmp-") != std::string::npos && e.is_regular_file()) fs::remove(e.path(), ec);
    }
}

void read_counts(const SheetReport& r, SheetOutcome& o) {
    o.works = static_cast<int>(r.fates.size());
    for (const auto& f : r.fates) {
        o.drawn += f.fate == "drawn" || f.fate == "drawn+callout";
        o.not_shown += f.fate == "not_shown";
    }
    o.callouts = r.placement.stats.placed_in_map + r.placement.stats.placed_in_margin;
    o.listed = r.placement.stats.listed;
    for (const auto& d : r.diagnostics) o.warnings += d.severity != Severity::Info;
}

std::vector<std::string> output_files(const std::string& stem, const OutputOptions& o) {
    std::vector<std::string> f;
    if (o.pdf) f.push_back(stem + ".pdf");
    if (o.png) f.push_back(stem + ".png");
    f.push_back(stem + ".report.json");
    return f;
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
void write_index_files(const AtlasIndex& index, const fs::path& dir, const std::string& font, AtlasResult& result,
                       double page_w, double page_h, PdfBook* book) {
    std::string json = (dir / "atlas_index.json").string();
    std::string csv = (dir / "atlas_index.csv").string();
    write_file_atomic(json, index_json(index));
    write_file_atomic(csv, index_csv(index));
    result.files.push_back(json);
    result.files.push_back(csv);
    if (!book || book->pages() == 0) return;
    const std::vector<Scene> contents = contents_pages(index, page_w, page_h, font);
    for (std::size_t k = 0; k < contents.size(); ++k) book->add_scene(contents[k], k == 0 ? "目次" : "");
    book->finish(static_cast<int>(contents.size()));
    result.files.push_back((dir / "atlas.pdf").string());
}

}  // namespace

AtlasResult run_atlas(const AtlasOptions& opt, Diagnostics& diag) {
    MapSpec map = load_map_with_overrides(opt.render.map_file, opt.render.source_overrides, opt.render.fiscal_year);
    if (opt.page_size) {
        std::pair<double, double> wh;
        try {
            wh = paper_size_mm(*opt.page_size);
        } catch (const std::invalid_argument& e) {
            throw ConfigError("--page", 0, "", e.what());
        }
        map.page.size = *opt.page_size;
        map.page.width_mm = map.page.landscape ? wh.second : wh.first;
        map.page.height_mm = map.page.landscape ? wh.first : wh.second;
    }
    check_fonts(map);
    const std::string coverage_id = opt.by.empty() ? map.atlas.layer : opt.by;
    const LayerSpec* coverage_spec = map.find_layer(coverage_id);
    if (!coverage_spec || coverage_spec->kind != LayerKind::Base)
        throw ConfigError(map.file, 0, "atlas.layer", "no base layer with id '" + coverage_id + "' to make sheets from");

    fs::path dir(opt.render.output.out_dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) throw OutputError(dir.string() + ": cannot create output folder");
    remove_stale_temporaries(dir);

    const int fy = *map.fiscal_year;
    const int threads = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    LoadedProject loaded = load_project(map, diag, threads);

    std::vector<SheetPlan> all;
    try {
        all = plan_sheets(loaded.base.at(coverage_id), map.atlas.id_field, map.atlas.name_field, opt.selection, opt.ascii_names);
    } catch (const std::invalid_argument& e) {
        throw ConfigError("--only", 0, "", e.what());
    }
    if (all.empty()) throw InputError(coverage_spec->source + ": the coverage layer has no sheets to render");
    Shard shard = opt.shard.value_or(Shard{});
    std::vector<SheetPlan> sheets = select_shard(all, shard);

    // One projection per CRS needed ("auto": the plane rectangular zone of each sheet).
    std::vector<std::string> sheet_crs;
    for (const auto& s : sheets) {
        std::string crs = map.crs;
        if (map.crs == "auto") {
            const Feature& f = *s.features.front();
            crs = hokkaido_plane_zone(s.id, f.attr("subpref"), s.name).value_or("EPSG:6679");
        }
        sheet_crs.push_back(crs);
    }
    std::map<std::string, ProjectedProject> projected;
    for (const auto& crs : sheet_crs)
        if (!projected.count(crs)) {
            projected.emplace(crs, project_to(loaded, crs, fy, diag));
            if (projected.size() == 1) check_glyphs(projected.at(crs), diag);
        }
    // Coverage features by id in each CRS.
    std::map<std::string, std::map<std::string, std::vector<const Feature*>>> coverage_by_id;
    std::map<std::string, Box> coverage_bounds;
    for (auto& [crs, p] : projected) {
        for (const Feature& f : p.base.at(coverage_id).features) {
            coverage_by_id[crs][f.attr(map.atlas.id_field)].push_back(&f);
            coverage_bounds[crs].expand(f.geometry.bounds());
        }
    }

    const std::vector<Diagnostic> all_diags = diag.items();
    const auto since = inputs_time(map);
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
            o.files = output_files(plan.stem, opt.render.output);
            auto t0 = std::chrono::steady_clock::now();
            std::vector<std::string> paths;
            for (const auto& f : o.files) paths.push_back((dir / f).string());
            try {
                if (opt.resume && up_to_date(paths, since)) {
                    o.state = "skipped";  // counts are taken from the previous index below
                } else {
                    const ProjectedProject& p = projected.at(o.crs);
                    const auto& features = coverage_by_id.at(o.crs).at(plan.id);
                    SheetRequest req;
                    req.stem = plan.stem;
                    req.title = replace_all(replace_all(map.atlas.title, "{name}", plan.name), "{id}", plan.id);
                    req.subtitle = replace_all(map.subtitle, "{fiscal_year}", fy_label);
                    for (const Feature* f : features) req.extent.expand(f->geometry.bounds());
                    req.padding_percent = map.atlas.padding_percent;
                    req.focus_code = plan.id;
                    req.works = works_for_sheet(p.works, features, plan.id);
                    req.inset_extent = coverage_bounds.at(o.crs);
                    std::set<std::string> ids;
                    for (const auto* w : req.works) ids.insert(w->work.id);
                    std::vector<Diagnostic> sheet_diags;
                    for (const auto& d : all_diags)
                        if (d.work_id.empty() || ids.count(d.work_id)) sheet_diags.push_back(d);
                    SheetReport r = render_sheet(p, req, opt.render.output, sheet_diags);
                    read_counts(r, o);
                    o.pages = r.pages;
                    o.state = "rendered";
                }
            } catch (const std::exception& e) {
                o.state = "failed";
                o.error = e.what();
            }
            o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            progress.done(plan.stem, o.state != "failed", o.seconds);
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

    // Counts of sheets skipped by --resume come from their previous index entry.
    if (opt.resume) {
        std::error_code e2;
        if (fs::exists(dir / "atlas_index.json", e2)) {
            try {
                AtlasIndex prev = parse_index_json(read_text((dir / "atlas_index.json").string()), (dir / "atlas_index.json").string());
                std::map<std::string, const SheetOutcome*> by_id;
                for (const auto& s : prev.sheets) by_id[s.id] = &s;
                for (auto& o : outcomes)
                    if (o.state == "skipped")
                        if (auto it = by_id.find(o.id); it != by_id.end() && it->second->state != "failed") {
                            o.works = it->second->works;
                            o.drawn = it->second->drawn;
                            o.callouts = it->second->callouts;
                            o.listed = it->second->listed;
                            o.not_shown = it->second->not_shown;
                            o.warnings = it->second->warnings;
                            o.pages = it->second->pages;
                        }
            } catch (const std::exception&) {
                // A damaged index only loses the counts of skipped sheets.
            }
        }
    }

    AtlasResult result;
    result.index.map_file = map.file;
    result.index.title = map.title;
    result.index.fiscal_year = fy;
    result.index.fiscal_year_label = fy_label;
    result.index.total_sheets = static_cast<int>(all.size());
    result.index.shard = shard;
    result.index.sheets = std::move(outcomes);
    for (const auto& s : result.index.sheets) result.failed += s.state == "failed";
    write_index_files(result.index, dir, map.style.font, result, map.page.width_mm, map.page.height_mm, book.get());
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
    for (const auto& d : shard_dirs) {
        std::string p = (fs::path(d) / "atlas_index.json").string();
        AtlasIndex ix = parse_index_json(read_text(p), p);
        if (result.index.sheets.empty() && by_index.empty()) {
            result.index = ix;
            result.index.sheets.clear();
            shard_count = ix.shard.count;
        } else if (ix.total_sheets != result.index.total_sheets || ix.fiscal_year != result.index.fiscal_year ||
                   ix.shard.count != shard_count) {
            throw std::runtime_error(p + ": shard of a different atlas (sheets, fiscal year or shard count differ)");
        }
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
    // Page size of the contents: that of the first sheet's PDF is not known here; A4 landscape
    // suits any sheet size as a contents page.
    PdfBook book((out / "atlas.pdf").string(), result.index.title);
    for (const auto& s : result.index.sheets) add_to_book(book, s, out);
    write_index_files(result.index, out, StyleSheet{}.font, result, 297, 210, &book);
    return result;
}

}  // namespace ipmap
