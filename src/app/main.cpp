// ipmap command line: the only place that knows CLI11 and chooses exit codes.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <iostream>

#include "core/errors.hpp"
#include "pipeline/run_render.hpp"

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

void print_summary(const ipmap::SheetReport& r, const ipmap::Diagnostics& diag) {
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
    std::size_t warnings = diag.count(ipmap::Severity::Warning) + diag.count(ipmap::Severity::Error);
    if (warnings) fmt::print("{} warnings (see the report)\n", warnings);
    for (const auto& o : r.outputs) fmt::print("wrote {}\n", o);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ipmap: infrastructure progress maps (インフラ整備進捗図) from a works register"};
    app.require_subcommand(1);
    app.footer(
        "Example:\n"
        "  ipmap render maps/shiribeshi.toml --fiscal-year 令和6年度 -o out\n"
        "Exit codes: 0 success, 1 input or configuration error, 2 usage error, 4 output error.");

    ipmap::RenderOptions ro;
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

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : ipmap::kExitUsage;
    }

    try {
        if (render->parsed()) {
            if (!fy.empty()) ro.fiscal_year = fy;
            ro.output.pdf = ro.output.png = false;
            for (const auto& f : split_csv(formats)) {
                if (f == "pdf") ro.output.pdf = true;
                else if (f == "png") ro.output.png = true;
                else {
                    std::cerr << "ipmap: --format: unknown format '" << f << "' (pdf, png)\n";
                    return ipmap::kExitUsage;
                }
            }
            for (const auto& s : sources) {
                auto eq = s.find('=');
                if (eq == std::string::npos || eq == 0) {
                    std::cerr << "ipmap: --source expects LAYER_ID=PATH, got '" << s << "'\n";
                    return ipmap::kExitUsage;
                }
                ro.source_overrides[s.substr(0, eq)] = s.substr(eq + 1);
            }
            ipmap::Diagnostics diag;
            ipmap::SheetReport r = ipmap::run_render(ro, diag);
            print_summary(r, diag);
        }
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
