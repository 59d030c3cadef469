#pragma once
// Generated A3 sheets shaped like Shiribeshi (land in the middle, sea on three sides,
// anchors clustered around ~15 towns), shared by bench/bench_callouts.cpp and the dense
// tests in test_place_dense.cpp so that both measure the same instances.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <string>
#include <vector>

#include "place/place_callouts.hpp"
#include "splitmix.hpp"

namespace place_sheets {

using ipmap::Box;
using ipmap::Path;
using ipmap::Polygon;
using ipmap::XY;
using namespace ipmap::place;

class Rng : public place_test_random::SplitMix {
public:
    explicit Rng(uint64_t s) : SplitMix(s, 7) {}
};

struct Instance {
    PlacementContext ctx;
    std::vector<CalloutRequest> reqs;
    std::vector<XY> towns;
    std::vector<std::string> keep_names;
};

inline bool inside_ring(const Path& ring, XY p) {
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

inline Instance generate(int n, uint64_t seed, Layout layout, Balloons balloons) {
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
        int lines;
        double line_h, pad_h;  // height per line and of the padding, mm
        if (balloons == Balloons::Full) {
            q.width_mm = std::round((30 + 30 * uw * uw) * 2) / 2;
            lines = lr < 0.45 ? 1 : lr < 0.8 ? 2 : lr < 0.95 ? 3 : 4;
            line_h = 2.9, pad_h = 2.4;
        } else {
            q.width_mm = std::round((18 + 18 * uw * uw) * 2) / 2;
            lines = lr < 0.8 ? 1 : 2;
            line_h = 2.85, pad_h = 1.6;
        }
        q.height_mm = pad_h + line_h * lines;
        // The same text wrapped narrower, as compose_sheet offers it: at 0.55 of the text's
        // width when that is at least 12 mm, each line then on two (1.2 mm side padding).
        if (const double text_w = q.width_mm - 2.4; 0.55 * text_w >= 12)
            q.other_sizes.push_back({0.55 * text_w + 2.4, pad_h + line_h * 2 * lines});
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

inline double demand_ratio(const Instance& in, double gap) {
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

}  // namespace place_sheets
