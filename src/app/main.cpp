// ipmap command line: the only place that knows CLI11 and chooses exit codes.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <malloc.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include "core/errors.hpp"
#include "atlas/run_atlas.hpp"
#include "pipeline/check_inputs.hpp"
#include "pipeline/run_render.hpp"
#include "report/sheet_report.hpp"

namespace {

std::vector<std::string> split_csv(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

void print_summary(const ipmap::SheetReport& r) {
    int drawn = 0, callout = 0, both = 0, hidden = 0;
    for (const auto& f : r.fates) {
        drawn += f.fate == "drawn";
        callout += f.fate == "callout";
        both += f.fate == "drawn+callout";
        hidden += f.fate == "not_shown";
    }
    const auto& s = r.placement.stats;
    fmt::print("{}: {} works: {} drawn, {} drawn+callout, {} callout only, {} not shown\n", r.sheet, r.fates.size(), drawn,
               both, callout, hidden);
    fmt::print("callouts: {} in map, {} in margin, {} listed; overlaps {}, crossings {}\n", s.placed_in_map,
               s.placed_in_margin, s.listed, s.overlaps, s.crossings);
    // The report's diagnostics: the run's own and those the sheet added (layout, leaders).
    std::size_t warnings = ipmap::warnings_and_errors(r);
    if (warnings) fmt::print("{} warnings (see the report)\n", warnings);
    for (const auto& o : r.outputs) fmt::print("wrote {}\n", o);
}

}  // namespace

int main(int argc, char** argv) {
    // Every sheet allocates the same large buffers again (a 15 MB raster for the PNG, the
    // 16 MB CFF table cairo copies to subset Noto Sans CJK for each PDF). Above glibc's
    // mmap threshold each of them is mapped and unmapped anew and faults in page by page:
    // about 8 % of an atlas run went to that. Keep them in the heap instead.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    CLI::App app{"ipmap: infrastructure progress maps (インフラ整備進捗図) from a works register"};
    app.require_subcommand(1);
    app.footer(
        "Example:\n"
        "  ipmap render maps/shiribeshi.toml --fiscal-year 令和6年度 -o out\n"
        "Exit codes: 0 success, 1 input or configuration error, 2 usage error,\n"
        "3 some atlas sheets failed (the others were written), 4 output error.");

    ipmap::RenderOptions ro;
    bool strict_render = false;
    std::string formats = "pdf,png";
    std::vector<std::string> sources;
    std::string fy;
    CLI::App* render = app.add_subcommand("render", "Render one map sheet to PDF, PNG and a report");
    render->add_option("map", ro.map_file, "Map file (maps/*.toml)")->required();
    render->add_option("--fiscal-year,-y", fy, "Fiscal year: 2024, 2024年度, R6, 令和6年度, H30, 平成30年度 ...");
    render->add_option("-o,--out", ro.output.out_dir, "Output folder")->capture_default_str();
    render->add_option("--format", formats, "Outputs: pdf,png")->capture_default_str();
    render->add_option("--dpi", ro.output.dpi, "PNG resolution")->capture_default_str()->check(CLI::Range(10.0, 1200.0));
    render->add_option("--source", sources, "Use another OGR source for a layer: LAYER_ID=PATH (repeatable)");
    render->footer("Example:\n  ipmap render maps/shiribeshi.toml --fiscal-year R6 -o out --format pdf,png --dpi 300");

    ipmap::AtlasOptions ao;
    std::string atlas_formats = "pdf,png", atlas_fy, only, shard, page, progress = "auto";
    std::vector<std::string> atlas_sources;
    CLI::App* atlas = app.add_subcommand("atlas", "Render one sheet per municipality (or per feature of a coverage layer)");
    atlas->add_option("map", ao.render.map_file, "Map file (maps/*.toml)")->required();
    atlas->add_option("--by", ao.by, "Coverage layer id (default: [atlas] layer of the map file)");
    atlas->add_option("--fiscal-year,-y", atlas_fy, "Fiscal year (as for render)");
    atlas->add_option("-o,--out", ao.render.output.out_dir, "Output folder")->capture_default_str();
    atlas->add_option("--format", atlas_formats, "Outputs: pdf,png")->capture_default_str();
    atlas->add_option("--dpi", ao.render.output.dpi, "PNG resolution")->capture_default_str()->check(CLI::Range(10.0, 1200.0));
    atlas->add_option("--page", page, "Page size for every sheet (A4, A3, ...)");
    atlas->add_option("--only", only, "Only these sheet ids, comma-separated (01400,01203)");
    atlas->add_option("--where", ao.selection.where, "Only sheets whose coverage attribute matches FIELD=VALUE");
    atlas->add_flag("--ascii-names", ao.ascii_names, "Name files by id only (01400.pdf)");
    atlas->add_option("-j,--jobs", ao.jobs, "Sheets rendered at once (default: the CPUs this process may use)")->check(CLI::Range(1, 256));
    atlas->add_flag("--resume", ao.resume, "Skip sheets whose outputs are newer than the inputs");
    atlas->add_option("--shard", shard, "Render shard K of N (0-based K/N); default from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID");
    atlas->add_option("--progress", progress, "auto, bar, lines or none")->capture_default_str();
    atlas->add_option("--source", atlas_sources, "Use another OGR source for a layer: LAYER_ID=PATH (repeatable)");
    atlas->footer("Examples:\n  ipmap atlas maps/shiribeshi.toml -o atlas -j 2\n"
                  "  ipmap atlas maps/shiribeshi.toml --only 01400,01203 --page A4 --dpi 200 -o atlas-a4\n"
                  "  ipmap atlas maps/shiribeshi.toml --shard 0/4 -o shard0   (then: ipmap merge -o atlas shard0 shard1 ...)");

    ipmap::RenderOptions co;
    std::string check_fy, check_format = "text";
    std::vector<std::string> check_sources;
    bool check_strict = false;
    CLI::App* check = app.add_subcommand("check", "Validate the configuration and every layer without rendering");
    check->add_option("map", co.map_file, "Map file (maps/*.toml)")->required();
    check->add_option("--fiscal-year,-y", check_fy, "Fiscal year (as for render)");
    check->add_option("--format", check_format, "text or json")->capture_default_str();
    check->add_flag("--strict", check_strict, "Exit 1 on warnings too");
    check->add_option("--source", check_sources, "Use another OGR source for a layer: LAYER_ID=PATH (repeatable)");
    check->footer("Example:\n  ipmap check maps/shiribeshi.toml --format json");
    render->add_flag("--strict", strict_render, "Exit 1 when any warning was reported (outputs are still written)");

    std::string merge_out = "atlas";
    std::vector<std::string> merge_dirs;
    CLI::App* merge = app.add_subcommand("merge", "Combine the outputs of atlas shards into one PDF and index");
    merge->add_option("shards", merge_dirs, "Output folders of the shard runs")->required();
    merge->add_option("-o,--out", merge_out, "Folder for the combined PDF and index")->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : ipmap::kExitUsage;
    }

    auto parse_formats = [](const std::string& text, ipmap::OutputOptions& out) {
        out.pdf = out.png = false;
        for (const auto& f : split_csv(text)) {
            if (f == "pdf") out.pdf = true;
            else if (f == "png") out.png = true;
            else {
                std::cerr << "ipmap: --format: unknown format '" << f << "' (pdf, png)\n";
                return false;
            }
        }
        return true;
    };
    auto parse_sources = [](const std::vector<std::string>& list, std::map<std::string, std::string>& out) {
        for (const auto& s : list) {
            auto eq = s.find('=');
            if (eq == std::string::npos || eq == 0) {
                std::cerr << "ipmap: --source expects LAYER_ID=PATH, got '" << s << "'\n";
                return false;
            }
            out[s.substr(0, eq)] = s.substr(eq + 1);
        }
        return true;
    };

    if (check->parsed()) {
        if (!check_fy.empty()) co.fiscal_year = check_fy;
        if (!parse_sources(check_sources, co.source_overrides)) return ipmap::kExitUsage;
        if (check_format != "text" && check_format != "json") {
            std::cerr << "ipmap: --format: expected text or json\n";
            return ipmap::kExitUsage;
        }
        ipmap::Diagnostics diag;
        ipmap::CheckSummary sum;
        std::string fatal;
        try {
            sum = ipmap::run_check(co, diag);
        } catch (const std::exception& e) {
            fatal = e.what();
        }
        auto problems = diag.items();
        std::size_t errors = diag.count(ipmap::Severity::Error), warnings = diag.count(ipmap::Severity::Warning);
        bool ok = fatal.empty() && errors == 0 && (!check_strict || warnings == 0);
        if (check_format == "json") {
            fmt::print("{}", ipmap::check_json(co.map_file, ok, problems, sum.layers, sum.works, sum.features, fatal));
        } else {
            for (const auto& d : problems) fmt::print("{}\n", d.to_line());
            if (!fatal.empty()) fmt::print("error: {}\n", fatal);
            fmt::print("{}: {} layers, {} works, {} base features: {} errors, {} warnings, {} notes{}\n", co.map_file,
                       sum.layers, sum.works, sum.features, errors + !fatal.empty(), warnings, problems.size() - errors - warnings,
                       ok ? "" : " -> FAILED");
        }
        return ok ? ipmap::kExitOk : ipmap::kExitInput;
    }

    try {
        if (atlas->parsed()) {
            if (!atlas_fy.empty()) ao.render.fiscal_year = atlas_fy;
            if (!parse_formats(atlas_formats, ao.render.output) || !parse_sources(atlas_sources, ao.render.source_overrides))
                return ipmap::kExitUsage;
            if (!page.empty()) ao.page_size = page;
            ao.selection.only = split_csv(only);
            try {
                if (!shard.empty()) ao.shard = ipmap::parse_shard(shard);
                else ao.shard = ipmap::shard_from_environment([](const char* n) -> const char* { return std::getenv(n); });
            } catch (const std::invalid_argument& e) {
                std::cerr << "ipmap: --shard: " << e.what() << "\n";
                return ipmap::kExitUsage;
            }
            if (progress == "auto") ao.progress = ipmap::Progress::automatic();
            else if (progress == "bar") ao.progress = ipmap::Progress::Mode::Bar;
            else if (progress == "lines") ao.progress = ipmap::Progress::Mode::Lines;
            else if (progress == "none") ao.progress = ipmap::Progress::Mode::Quiet;
            else {
                std::cerr << "ipmap: --progress: expected auto, bar, lines or none\n";
                return ipmap::kExitUsage;
            }
            ipmap::Diagnostics diag;
            ipmap::AtlasResult r = ipmap::run_atlas(ao, diag);
            int rendered = 0, skipped = 0;
            std::string failed_ids;
            // The progress lines (or the bar) printed each failure's message as it happened;
            // with --progress none it is printed here, once.
            const bool told = ao.progress != ipmap::Progress::Mode::Quiet;
            for (const auto& sh : r.index.sheets) {
                rendered += sh.state == "rendered";
                skipped += sh.state == "skipped";
                if (sh.state != "failed") continue;
                failed_ids += (failed_ids.empty() ? "" : ", ") + sh.id;
                if (!told) std::cerr << "ipmap: sheet " << sh.stem << " failed: " << sh.error << "\n";
            }
            if (told && r.failed)
                std::cerr << "ipmap: " << r.failed << (r.failed == 1 ? " sheet" : " sheets") << " failed: " << failed_ids
                          << " (see above and " << ipmap::index_stem(r.index.shard) << ".json)\n";
            const auto sheets = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " sheet" : " sheets"); };
            const std::string counted =
                r.index.shard.count > 1
                    ? fmt::format("shard {}/{}: {} of {}", r.index.shard.index, r.index.shard.count,
                                  sheets(r.index.sheets.size()), r.index.total_sheets)
                    : sheets(r.index.sheets.size());
            fmt::print("atlas: {}: {} rendered, {} up to date, {} failed\n", counted, rendered, skipped, r.failed);
            for (const auto& f : r.files) fmt::print("wrote {}\n", f);
            return r.failed ? ipmap::kExitPartial : ipmap::kExitOk;
        }
        if (merge->parsed()) {
            ipmap::AtlasResult r = ipmap::run_merge(merge_dirs, merge_out);
            fmt::print("merge: {} sheets from {} shards, {} failed\n", r.index.sheets.size(), merge_dirs.size(), r.failed);
            for (const auto& f : r.files) fmt::print("wrote {}\n", f);
            return r.failed ? ipmap::kExitPartial : ipmap::kExitOk;
        }
        if (render->parsed()) {
            if (!fy.empty()) ro.fiscal_year = fy;
            if (!parse_formats(formats, ro.output) || !parse_sources(sources, ro.source_overrides)) return ipmap::kExitUsage;
            ipmap::Diagnostics diag;
            ipmap::SheetReport r = ipmap::run_render(ro, diag);
            print_summary(r);
            // Every warning the report carries, not only the run's diagnostics: the sheet adds
            // its own (markers with no free spot, municipalities no leader reaches).
            std::size_t warnings = ipmap::warnings_and_errors(r);
            if (strict_render && warnings) {
                std::cerr << "ipmap: --strict: " << warnings << " warnings\n";
                return ipmap::kExitInput;
            }
        }
    } catch (const ipmap::UsageError& e) {
        // A bad --only, --where, --page or --by: the message starts with the option's name.
        std::cerr << "ipmap: " << e.what() << "\n";
        return ipmap::kExitUsage;
    } catch (const ipmap::ConfigError& e) {
        std::cerr << "ipmap: configuration error: " << e.what() << "\n";
        return ipmap::kExitInput;
    } catch (const ipmap::InputError& e) {
        std::cerr << "ipmap: input error: " << e.what() << "\n";
        return ipmap::kExitInput;
    } catch (const ipmap::OutputError& e) {
        std::cerr << "ipmap: output error: " << e.what() << "\n";
        return ipmap::kExitOutput;
    } catch (const std::exception& e) {
        std::cerr << "ipmap: error: " << e.what() << "\n";
        return ipmap::kExitInput;
    }
    return ipmap::kExitOk;
}
