// bench_callouts: generated A3 landscape sheets (Shiribeshi-like: land in the middle,
// sea on three sides, anchors clustered around ~15 towns) with n callout requests;
// prints, per n, where the callouts went, the audit figures measured from the
// geometry, leader lengths, solve time and peak memory.
//
//   bench_callouts                       # n = 50, 200, 1000, 10000
//   bench_callouts --n 200 --seed 3      # one size
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

using namespace ipmap;
using namespace ipmap::place;

namespace {

class Rng {
public:
    explicit Rng(uint64_t s) : s_(s * 0x9E3779B97F4A7C15ull + 7) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uni() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uni(double a, double b) { return a + (b - a) * uni(); }
    double gauss() {
        const double u = std::max(1e-12, uni()), v = uni();
        return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
    }

private:
    uint64_t s_;
};

struct Instance {
    PlacementContext ctx;
    std::vector<CalloutRequest> reqs;
    std::vector<XY> towns;
    std::vector<std::string> keep_names;
};

bool inside_ring(const Path& ring, XY p) {
    bool in = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const XY a = ring[i], b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
    }
    return in;
}

enum class Layout { Full, Margins };

/// Balloon sizes. Full: the sample sheet's callouts (name, years and status, this year's
/// work: 30-60 mm, 1-4 lines at 6.3 pt). Compact: what a cartographer sets on a dense
/// sheet (a one-line template such as "一般国道5号 改良 R6事業中 45%" at 5.5 pt, a few on
/// two lines: 18-36 mm x 4.4-7.3 mm).
enum class Balloons { Full, Compact };
Balloons g_balloons = Balloons::Full;

Instance generate(int n, uint64_t seed, Layout layout) {
    Rng rng(seed * 1000003ull + static_cast<uint64_t>(n));
    Instance in;
    auto& c = in.ctx;
    c.page = Box::of(0, 0, 420, 297);
    c.printable = Box::of(5, 5, 415, 292);
    double cx, cy, rx, ry;
    if (layout == Layout::Full) {
        // The map fills the sheet: no margin room, stacks go along the inside of the frame.
        c.map_frame = Box::of(10, 20, 410, 287);
        c.keep_out = {Box::of(10, 5, 200, 17.5), Box::of(330, 205, 406, 283), Box::of(346, 24, 406, 84),
                      Box::of(14, 272, 84, 283), Box::of(290, 288, 410, 292)};
        cx = 225, cy = 185, rx = 150, ry = 112;
    } else {
        // Shiribeshi is taller than wide: at full height the map leaves ~60 mm margins
        // left and right; the legend sits in the right one.
        c.map_frame = Box::of(70, 20, 350, 287);
        c.keep_out = {Box::of(70, 5, 250, 17.5), Box::of(356, 200, 414, 291), Box::of(300, 24, 346, 70),
                      Box::of(74, 272, 134, 283), Box::of(200, 288, 350, 292)};
        cx = 215, cy = 180, rx = 105, ry = 115;
    }
    in.keep_names = {"title", "legend", "inset", "scale", "source"};

    // Land: a wobbly blob covering about half of the frame, sea west, north and east.
    Path ring;
    double ph[4];
    for (double& v : ph) v = rng.uni(0, 2 * std::numbers::pi);
    const int m = 360;
    for (int i = 0; i < m; ++i) {
        const double t = 2 * std::numbers::pi * i / m;
        const double k = 1 + 0.13 * std::sin(3 * t + ph[0]) + 0.08 * std::sin(7 * t + ph[1]) +
                         0.04 * std::sin(17 * t + ph[2]) + 0.02 * std::sin(41 * t + ph[3]);
        ring.push_back({cx + rx * k * std::cos(t), cy + ry * k * std::sin(t)});
    }
    c.land.push_back(Polygon{{ring}});

    // Towns: mostly coastal.
    auto in_frame = [&](XY p) {
        if (!c.map_frame.grown(-3).contains(p)) return false;
        for (const Box& k : c.keep_out)
            if (k.grown(3).contains(p)) return false;  // the layout keeps works clear of the legend etc.
        return true;
    };
    while (in.towns.size() < 15) {
        const double t = rng.uni(0, 2 * std::numbers::pi);
        const double f = rng.uni() < 0.7 ? rng.uni(0.78, 0.95) : rng.uni(0.2, 0.8);
        const double k = 1 + 0.13 * std::sin(3 * t + ph[0]) + 0.08 * std::sin(7 * t + ph[1]) +
                         0.04 * std::sin(17 * t + ph[2]) + 0.02 * std::sin(41 * t + ph[3]);
        const XY p{cx + f * rx * k * std::cos(t), cy + f * ry * k * std::sin(t)};
        if (in_frame(p)) in.towns.push_back(p);
    }
    for (const XY& t : in.towns) c.soft_boxes.push_back(Box::of(t.x - 10, t.y - 7, t.x + 10, t.y - 2));

    auto random_anchor = [&]() {
        for (;;) {
            XY p;
            if (rng.uni() < 0.85) {
                const XY t = in.towns[static_cast<size_t>(rng.uni() * in.towns.size())];
                const double s = rng.uni(8, 20);  // works spread over the municipality
                p = {t.x + s * rng.gauss(), t.y + s * rng.gauss()};
            } else {
                p = {rng.uni(c.map_frame.minx, c.map_frame.maxx), rng.uni(c.map_frame.miny, c.map_frame.maxy)};
                if (!inside_ring(ring, p) && rng.uni() < 0.8) continue;  // works are mostly on land
            }
            if (in_frame(p)) return p;
        }
    };

    for (int i = 0; i < n; ++i) {
        CalloutRequest q;
        char id[32];
        std::snprintf(id, sizeof id, "W%05d", i);
        q.id = id;
        const double pr = rng.uni();
        q.priority = pr < 0.2 ? 0 : pr < 0.7 ? 1 : 2;
        q.anchors.push_back(random_anchor());
        if (rng.uni() < 0.08) q.anchors.push_back(random_anchor());
        // Most callouts are one or two short lines; a few long ones.
        const double uw = rng.uni();
        const double lr = rng.uni();
        if (g_balloons == Balloons::Full) {
            q.width_mm = std::round((30 + 30 * uw * uw) * 2) / 2;
            const int lines = lr < 0.45 ? 1 : lr < 0.8 ? 2 : lr < 0.95 ? 3 : 4;
            q.height_mm = 2.4 + 2.9 * lines;
        } else {
            q.width_mm = std::round((18 + 18 * uw * uw) * 2) / 2;
            const int lines = lr < 0.8 ? 1 : 2;
            q.height_mm = 1.6 + 2.85 * lines;
        }
        // Works geometry around the anchor: a line for half of them, a small area for some.
        const XY a = q.anchors[0];
        if (rng.uni() < 0.5) {
            Path l{a};
            double ang = rng.uni(0, 2 * std::numbers::pi);
            for (int k = 0; k < 4; ++k) {
                ang += rng.uni(-0.6, 0.6);
                const double s = rng.uni(3, 8);
                l.push_back({l.back().x + s * std::cos(ang), l.back().y + s * std::sin(ang)});
            }
            c.feature_lines.push_back(l);
        } else if (rng.uni() < 0.2) {
            const double s = rng.uni(2, 5);
            c.feature_areas.push_back(Polygon{{{{a.x - s, a.y - s}, {a.x + s, a.y - s}, {a.x + s, a.y + s}, {a.x - s, a.y + s}}}});
        }
        in.reqs.push_back(std::move(q));
    }

    // Work-name labels for some works, placed first (they become hard obstacles).
    std::vector<LabelRequest> lr;
    for (int i = 0; i < n; i += 10) {
        const XY a = in.reqs[i].anchors[0];
        LabelRequest l;
        l.id = in.reqs[i].id;
        l.priority = in.reqs[i].priority;
        const double w = 16, h = 3.5;
        l.candidates = {Box::of(a.x + 1.5, a.y - h - 0.5, a.x + 1.5 + w, a.y - 0.5),
                        Box::of(a.x - 1.5 - w, a.y - h - 0.5, a.x - 1.5, a.y - 0.5),
                        Box::of(a.x + 1.5, a.y + 0.5, a.x + 1.5 + w, a.y + 0.5 + h),
                        Box::of(a.x - 1.5 - w, a.y + 0.5, a.x - 1.5, a.y + 0.5 + h)};
        lr.push_back(l);
    }
    PlacementContext for_labels = c;
    // Labels keep off the anchors' surroundings implicitly by their offsets.
    const LabelPlacement lp = place_labels(lr, for_labels);
    for (size_t i = 0; i < lr.size(); ++i)
        if (lp.chosen[i] >= 0) c.labels.push_back(lr[i].candidates[lp.chosen[i]]);
    return in;
}

double demand_ratio(const Instance& in, double gap) {
    const Box& f = in.ctx.map_frame;
    double free_area = f.width() * f.height();
    for (const Box& k : in.ctx.keep_out) {
        const double w = std::min(k.maxx, f.maxx) - std::max(k.minx, f.minx);
        const double h = std::min(k.maxy, f.maxy) - std::max(k.miny, f.miny);
        if (w > 0 && h > 0) free_area -= w * h;
    }
    double need = 0;
    for (const auto& q : in.reqs) need += (q.width_mm + gap) * (q.height_mm + gap);
    return need / free_area;
}

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
        const Instance in = generate(n, seed, layout);
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
        const Instance in = generate(sizes.front(), seed, l);
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
