// bench_callouts: generated A3 landscape sheets (Shiribeshi-like: land in the middle,
// sea on three sides, anchors clustered around ~15 towns) with n callout requests;
// prints, per n, where the callouts went, the audit figures measured from the
// geometry, leader lengths, solve time and peak memory. The generator lives in
// tests/unit/place/sheet_gen.hpp, shared with the dense-sheet test.
//
//   bench_callouts                       # n = 50, 100, 200, 1000, 10000; both balloon sets
//   bench_callouts --n 200 --seed 3      # one size
//   bench_callouts --balloons compact    # only the dense-sheet balloon sizes
//   bench_callouts --peer                # also a plain greedy first-fit on the same sheets
//   bench_callouts --n 200 --svg /tmp/p.svg   # draw one placement
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <string>
#include <vector>

#include "place/place_callouts.hpp"
#include "sheet_gen.hpp"  // tests/unit/place: the generated sheets, shared with the dense test

using namespace ipmap;
using namespace ipmap::place;
using namespace place_sheets;

namespace {

Balloons g_balloons = Balloons::Full;

// ---- A plain greedy first-fit for comparison: 8 positions at one leader length, the ----
// ---- same hard constraints, no search, no margins (what greedy labelers do).       ----
PlacementResult first_fit(const Instance& in, const PlacementOptions& opt) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto& c = in.ctx;
    const int n = static_cast<int>(in.reqs.size());
    const double gap = opt.gap_mm;
    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return in.reqs[a].priority != in.reqs[b].priority ? in.reqs[a].priority < in.reqs[b].priority
                                                           : in.reqs[a].id < in.reqs[b].id;
    });
    PlacementResult res;
    res.callouts.resize(n);
    // 10 mm buckets: placed callouts (by balloon + leader extent) and all anchors.
    const double cell = 10;
    const int nx = static_cast<int>(c.page.width() / cell) + 1, ny = static_cast<int>(c.page.height() / cell) + 1;
    std::vector<std::vector<int>> placed(static_cast<size_t>(nx) * ny), anchors(static_cast<size_t>(nx) * ny);
    auto for_cells = [&](std::vector<std::vector<int>>& g, const Box& b, auto&& f) {
        const int i0 = std::clamp(static_cast<int>(b.minx / cell), 0, nx - 1), i1 = std::clamp(static_cast<int>(b.maxx / cell), 0, nx - 1);
        const int j0 = std::clamp(static_cast<int>(b.miny / cell), 0, ny - 1), j1 = std::clamp(static_cast<int>(b.maxy / cell), 0, ny - 1);
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i) f(g[j * nx + i]);
    };
    for (int i = 0; i < n; ++i) {
        const XY a = in.reqs[i].anchors[0];
        for_cells(anchors, Box::of(a.x, a.y, a.x, a.y), [&](std::vector<int>& v) { v.push_back(i); });
    }
    PlacementContext bare;  // pairwise test: audit() of two callouts on an empty sheet
    bare.page = bare.printable = bare.map_frame = c.page.grown(1000);
    std::vector<Box> hard = c.keep_out;
    hard.insert(hard.end(), c.labels.begin(), c.labels.end());
    auto seg_hits = [](XY p, XY q, const Box& b) {  // sampled: the peer need not be exact
        for (int k = 0; k <= 64; ++k) {
            const XY m{p.x + (q.x - p.x) * k / 64, p.y + (q.y - p.y) * k / 64};
            if (m.x > b.minx && m.x < b.maxx && m.y > b.miny && m.y < b.maxy) return true;
        }
        return false;
    };
    const Box frame_in = c.map_frame.grown(-gap);
    for (int r : order) {
        const auto& q = in.reqs[r];
        PlacedCallout& out = res.callouts[r];
        out.id = q.id;
        out.anchor = q.anchors[0];
        out.tier = Tier::List;
        const XY a = q.anchors[0];
        for (int d = 0; d < 8; ++d) {
            const double th = d * std::numbers::pi / 4, L = 10;
            const double dx = std::cos(th), dy = std::sin(th), mm = std::max(std::abs(dx), std::abs(dy));
            const double u = -dx / mm, v = -dy / mm;
            const XY e{a.x + L * dx, a.y + L * dy};
            const Box b{e.x - (1 + u) / 2 * q.width_mm, e.y - (1 + v) / 2 * q.height_mm, e.x + (1 - u) / 2 * q.width_mm,
                        e.y + (1 - v) / 2 * q.height_mm};
            if (!frame_in.contains(b)) continue;
            const Box bg = b.grown(gap);
            bool ok = true;
            for (const Box& h : hard) {
                const bool under = a.x > h.minx && a.x < h.maxx && a.y > h.miny && a.y < h.maxy;
                if (bg.overlaps(h) || (!under && seg_hits(a, e, h))) ok = false;
            }
            for_cells(anchors, bg, [&](std::vector<int>& v) {
                for (int o : v) {
                    const XY p = in.reqs[o].anchors[0];
                    if (o != r && !(p == a) && p.x > bg.minx && p.x < bg.maxx && p.y > bg.miny && p.y < bg.maxy) ok = false;
                }
            });
            const PlacedCallout cand{q.id, Tier::InMap, b, {a, e}, a, 0};
            Box reg = bg;
            reg.expand(a);
            for_cells(placed, reg, [&](std::vector<int>& v) {
                for (int o : v) {
                    if (!ok) return;
                    const auto& other = res.callouts[o];
                    const PlacementStats st = audit({cand, other}, bare);
                    if (other.box.overlaps(bg) || st.overlaps || st.crossings) ok = false;
                }
            });
            if (!ok) continue;
            out = cand;
            for_cells(placed, reg, [&](std::vector<int>& v) { v.push_back(r); });
            break;
        }
    }
    int k = 0;
    for (auto& o : res.callouts)
        if (o.tier == Tier::List) o.list_number = ++k;
    res.stats = audit(res.callouts, c);
    res.stats.solve_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

// ---- SVG ----
void write_svg(const std::string& path, const Instance& in, const PlacementResult& res) {
    FILE* f = std::fopen(path.c_str(), "w");
    if (!f) {
        std::perror(path.c_str());
        return;
    }
    const auto& c = in.ctx;
    auto rect = [&](const Box& b, const char* style) {
        std::fprintf(f, "<rect x='%.2f' y='%.2f' width='%.2f' height='%.2f' style='%s'/>\n", b.minx, b.miny, b.width(),
                     b.height(), style);
    };
    auto path_d = [&](const Path& p, bool close) {
        std::string d;
        char buf[64];
        for (size_t i = 0; i < p.size(); ++i) {
            std::snprintf(buf, sizeof buf, "%s%.2f,%.2f ", i ? "L" : "M", p[i].x, p[i].y);
            d += buf;
        }
        if (close) d += "Z";
        return d;
    };
    std::fprintf(f, "<svg xmlns='http://www.w3.org/2000/svg' width='%.0fmm' height='%.0fmm' viewBox='0 0 %.0f %.0f'>\n",
                 c.page.width(), c.page.height(), c.page.width(), c.page.height());
    rect(c.page, "fill:white");
    std::fprintf(f, "<defs><clipPath id='fr'><rect x='%.2f' y='%.2f' width='%.2f' height='%.2f'/></clipPath></defs>\n",
                 c.map_frame.minx, c.map_frame.miny, c.map_frame.width(), c.map_frame.height());
    rect(c.map_frame, "fill:#dceefa");
    std::fprintf(f, "<g clip-path='url(#fr)'>\n");
    for (const auto& poly : c.land)
        std::fprintf(f, "<path d='%s' style='fill:#f3eed8;stroke:#9a8f6a;stroke-width:0.3'/>\n", path_d(poly.rings[0], true).c_str());
    for (const auto& a : c.feature_areas)
        std::fprintf(f, "<path d='%s' style='fill:#f4b6b6;stroke:#c03030;stroke-width:0.2'/>\n", path_d(a.rings[0], true).c_str());
    for (const auto& l : c.feature_lines)
        std::fprintf(f, "<path d='%s' style='fill:none;stroke:#d04040;stroke-width:0.5'/>\n", path_d(l, false).c_str());
    std::fprintf(f, "</g>\n");
    rect(c.map_frame, "fill:none;stroke:black;stroke-width:0.5");
    rect(c.printable, "fill:none;stroke:#bbbbbb;stroke-width:0.2;stroke-dasharray:2,2");
    for (size_t i = 0; i < c.keep_out.size(); ++i) {
        rect(c.keep_out[i], "fill:#e6e6e6;stroke:#555;stroke-width:0.3");
        std::fprintf(f, "<text x='%.1f' y='%.1f' font-size='4' fill='#555'>%s</text>\n", c.keep_out[i].minx + 2,
                     c.keep_out[i].miny + 5, i < in.keep_names.size() ? in.keep_names[i].c_str() : "");
    }
    for (const Box& b : c.soft_boxes) rect(b, "fill:none;stroke:#8a6d3b;stroke-width:0.2;stroke-dasharray:1,1");
    for (const Box& b : c.labels) rect(b, "fill:#fff3a0;stroke:#b09000;stroke-width:0.2");
    for (const auto& o : res.callouts) {
        if (o.tier == Tier::List) continue;
        std::fprintf(f, "<path d='%s' style='fill:none;stroke:#222;stroke-width:0.25'/>\n", path_d(o.leader, false).c_str());
    }
    for (const auto& o : res.callouts) {
        if (o.tier == Tier::List) continue;
        rect(o.box, o.tier == Tier::InMap ? "fill:white;fill-opacity:0.92;stroke:#222;stroke-width:0.3"
                                          : "fill:#eef4ff;fill-opacity:0.95;stroke:#1d4fb0;stroke-width:0.35");
        std::fprintf(f, "<text x='%.1f' y='%.1f' font-size='2.6' fill='#333'>%s</text>\n", o.box.minx + 1, o.box.miny + 3.2,
                     o.id.c_str());
    }
    for (const auto& o : res.callouts) {
        if (o.tier == Tier::List) {
            std::fprintf(f, "<circle cx='%.2f' cy='%.2f' r='1.6' style='fill:#c0202a'/>\n", o.anchor.x, o.anchor.y);
            std::fprintf(f, "<text x='%.2f' y='%.2f' font-size='1.8' fill='white' text-anchor='middle'>%d</text>\n", o.anchor.x,
                         o.anchor.y + 0.6, o.list_number);
        } else {
            std::fprintf(f, "<circle cx='%.2f' cy='%.2f' r='0.7' style='fill:#111'/>\n", o.anchor.x, o.anchor.y);
        }
    }
    std::fprintf(f, "</svg>\n");
    std::fclose(f);
}

struct Row {
    int n;
    PlacementStats s;
    double demand;
    long rss_kb;
};

void print_header() {
    std::printf("%7s %7s %7s %7s %7s %6s %6s %5s %5s %8s %8s %10s %12s %9s\n", "n", "demand", "in-map", "margin", "list",
                "overl", "cross", "oob", "det", "mean_ld", "max_ld", "solve_ms", "us/(nlog2n)", "peak_MB");
}

void print_row(const Row& r) {
    const auto& s = r.s;
    const double n = r.n;
    const double nb = s.placed_in_map + s.placed_in_margin;
    std::printf("%7d %6.0f%% %6.1f%% %6.1f%% %6.1f%% %6d %6d %5d %5d %8.1f %8.1f %10.1f %12.3f %9.1f\n", r.n, 100 * r.demand,
                100 * s.placed_in_map / n, 100 * s.placed_in_margin / n, 100 * s.listed / n, s.overlaps, s.crossings,
                s.out_of_bounds, s.detached, nb > 0 ? s.total_leader_mm / nb : 0.0, s.max_leader_mm, s.solve_ms,
                1000.0 * s.solve_ms / (n * std::log2(n)), r.rss_kb / 1024.0);
}

long peak_rss_kb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/// Runs one size in a child process so each row's peak memory is its own.
bool run_isolated(int n, uint64_t seed, Layout layout, bool peer, Row& main_row, Row& peer_row) {
    int fd[2];
    if (pipe(fd) != 0) return false;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        const Instance in = generate(n, seed, layout, g_balloons);
        PlacementOptions opt;
        opt.seed = static_cast<unsigned>(seed);
        Row rows[2]{};
        rows[0].n = n;
        rows[0].demand = demand_ratio(in, opt.gap_mm);
        rows[0].s = place_callouts(in.reqs, in.ctx, opt).stats;
        rows[0].rss_kb = peak_rss_kb();
        if (peer) {
            rows[1] = rows[0];
            rows[1].s = first_fit(in, opt).stats;
        }
        if (write(fd[1], rows, sizeof rows) != static_cast<ssize_t>(sizeof rows)) _exit(2);
        _exit(0);
    }
    close(fd[1]);
    Row rows[2]{};
    const ssize_t got = read(fd[0], rows, sizeof rows);
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got != static_cast<ssize_t>(sizeof rows)) return false;
    main_row = rows[0];
    peer_row = rows[1];
    return true;
}

void describe(Layout l) {
    if (l == Layout::Full)
        std::printf("layout full: A3 landscape, printable 5..415 x 5..292, frame 10..410 x 20..287 (no side margins:\n"
                    "  tier 2 stacks run along the inside of the frame; the top margin beside the title holds a row)\n");
    else
        std::printf("layout margins: A3 landscape, printable 5..415 x 5..292, frame 70..350 x 20..287\n"
                    "  (60 mm margins left and right for tier 2 stacks, legend in the right one)\n");
}

int run_table(Layout layout, const std::vector<int>& sizes, uint64_t seed, bool peer) {
    describe(layout);
    print_header();
    std::vector<Row> rows, peers;
    for (int n : sizes) {
        Row r{}, pr{};
        if (!run_isolated(n, seed, layout, peer, r, pr)) {
            std::fprintf(stderr, "n=%d failed\n", n);
            return 1;
        }
        print_row(r);
        std::fflush(stdout);
        rows.push_back(r);
        peers.push_back(pr);
    }
    if (rows.size() > 1) {
        std::printf("time growth, solve_ms / (n log2 n) relative to n=%d:", rows.front().n);
        const double base = rows.front().s.solve_ms / (rows.front().n * std::log2(rows.front().n));
        for (const auto& r : rows) std::printf("  %d: %.2f", r.n, r.s.solve_ms / (r.n * std::log2(r.n)) / base);
        std::printf("\n");
    }
    if (peer) {
        std::printf("plain greedy first-fit (8 positions, 10 mm leaders, no margins) on the same sheets:\n");
        print_header();
        for (const auto& r : peers) print_row(r);
        std::printf("solver / first-fit:\n");
        for (size_t i = 0; i < rows.size(); ++i) {
            const double a = rows[i].s.placed_in_map + rows[i].s.placed_in_margin;
            const double b = peers[i].s.placed_in_map + peers[i].s.placed_in_margin;
            std::printf("  n=%6d  balloons %.2fx (%d vs %d)   time %.1fx\n", rows[i].n, b > 0 ? a / b : 0.0,
                        static_cast<int>(a), static_cast<int>(b),
                        peers[i].s.solve_ms > 0 ? rows[i].s.solve_ms / peers[i].s.solve_ms : 0.0);
        }
    }
    std::printf("\n");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes{50, 100, 200, 1000, 10000};
    std::string svg;
    uint64_t seed = 1;
    bool peer = false;
    std::vector<Layout> layouts{Layout::Full, Layout::Margins};
    std::vector<Balloons> balloon_modes{Balloons::Full, Balloons::Compact};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--n" && i + 1 < argc)
            sizes = {std::atoi(argv[++i])};
        else if (a == "--svg" && i + 1 < argc)
            svg = argv[++i];
        else if (a == "--seed" && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--balloons" && i + 1 < argc) {
            const std::string b = argv[++i];
            if (b == "full") balloon_modes = {Balloons::Full};
            else if (b == "compact") balloon_modes = {Balloons::Compact};
            else if (b != "both") {
                std::fprintf(stderr, "--balloons full|compact|both\n");
                return 2;
            }
        } else if (a == "--peer")
            peer = true;
        else if (a == "--layout" && i + 1 < argc) {
            const std::string l = argv[++i];
            if (l == "full")
                layouts = {Layout::Full};
            else if (l == "margins")
                layouts = {Layout::Margins};
            else if (l != "both") {
                std::fprintf(stderr, "--layout full|margins|both\n");
                return 2;
            }
        } else {
            std::fprintf(stderr, "usage: %s [--n N] [--seed S] [--layout full|margins|both] [--balloons full|compact|both] [--peer] [--svg out.svg]\n",
                         argv[0]);
            return 2;
        }
    }

    if (!svg.empty()) {
        g_balloons = balloon_modes.front();
        const Layout l = layouts.front();
        const Instance in = generate(sizes.front(), seed, l, g_balloons);
        PlacementOptions opt;
        opt.seed = static_cast<unsigned>(seed);
        const PlacementResult res = place_callouts(in.reqs, in.ctx, opt);
        write_svg(svg, in, res);
        describe(l);
        print_header();
        print_row({sizes.front(), res.stats, demand_ratio(in, opt.gap_mm), peak_rss_kb()});
        return 0;
    }

    std::printf("bench_callouts: 15 towns, gap 1 mm, seed %llu; each row in its own process\n"
                "demand = sum of (w+gap)(h+gap) / free frame area; overl/cross/oob/det from audit()\n\n",
                static_cast<unsigned long long>(seed));
    for (Balloons b : balloon_modes) {
        g_balloons = b;
        std::printf("== balloons %s ==\n", b == Balloons::Full ? "full (sample template: 30-60 x 5.3-14 mm)"
                                                              : "compact (dense-sheet template: 18-36 x 4.4-7.3 mm)");
        for (Layout l : layouts)
            if (run_table(l, sizes, seed, peer) != 0) return 1;
    }
    return 0;
}
