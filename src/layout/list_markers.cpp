#include "layout/list_markers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "layout/anchors.hpp"

namespace ipmap {

namespace {

double dist_point_path(XY p, const Path& path) {
    double d = std::numeric_limits<double>::infinity();
    if (path.size() == 1) return std::hypot(path[0].x - p.x, path[0].y - p.y);
    for (std::size_t k = 0; k + 1 < path.size(); ++k) d = std::min(d, distance(p, path[k], path[k + 1]));
    return d;
}

/// Whether segment a-b meets the closed box.
bool segment_meets_box(XY a, XY b, const Box& box) {
    double t0, t1;
    return clip_segment(a, b, box, t0, t1);
}

bool same_point(XY a, XY b) { return std::abs(a.x - b.x) < 1e-6 && std::abs(a.y - b.y) < 1e-6; }

}  // namespace

std::vector<XY> sides_of_name_by_room(const Box& name, double offset, const std::vector<Polygon>& polygons,
                                      const Box& clip, const MarkerObstacles& obs) {
    struct Side {
        XY p;
        int room;
    };
    std::vector<Side> sides;
    for (const XY& p : anchors_beside_label(name, offset, polygons, clip)) {
        const auto holds = [&](const Box& b) { return b.contains(p); };
        if (std::any_of(obs.keep_out.begin(), obs.keep_out.end(), holds) ||
            std::any_of(obs.labels.begin(), obs.labels.end(), holds))
            continue;
        double r = 100;
        for (const Box& b : obs.balloons) r = std::min(r, distance(p, b));
        for (const Path& l : obs.leaders) r = std::min(r, dist_point_path(p, l));
        for (const Box& b : obs.labels)
            if (!(b == name)) r = std::min(r, distance(p, b));
        for (const Box& b : obs.keep_out) r = std::min(r, distance(p, b));
        sides.push_back({p, static_cast<int>(std::floor(r / 0.5))});
    }
    std::stable_sort(sides.begin(), sides.end(), [](const Side& a, const Side& b) { return a.room > b.room; });
    std::vector<XY> out;
    for (const Side& s : sides) out.push_back(s.p);
    return out;
}

Path ListMarker::tick(double radius_mm) const {
    if (!moved) return {};
    const double d = std::hypot(at.x - anchor.x, at.y - anchor.y);
    if (d <= radius_mm) return {};
    const double f = (d - radius_mm) / d;
    return {anchor, XY{anchor.x + (at.x - anchor.x) * f, anchor.y + (at.y - anchor.y) * f}};
}

std::vector<ListMarker> layout_list_markers(const std::vector<MarkerRequest>& requests, const MarkerObstacles& obs,
                                            const MarkerOptions& opt) {
    const double r = opt.diameter_mm / 2;
    const double clear = std::max(0.0, opt.clearance_mm);
    const double step = std::max(0.05, opt.step_mm);
    const double max_shift = std::max(0.0, opt.max_shift_mm);
    const double reach = max_shift + r + clear + 1e-6;  // how far an obstacle can matter
    const Box inner = obs.frame.empty() ? Box{} : Box{obs.frame.minx + r + clear, obs.frame.miny + r + clear,
                                                      obs.frame.maxx - r - clear, obs.frame.maxy - r - clear};
    // The most crowded anchors choose first (a group sharing one point before all): their
    // markers have the fewest free spots and their ticks the narrowest way out; markers with
    // room around them then fit in between. Ties keep the request order.
    std::vector<int> crowd(requests.size(), 0);
    for (std::size_t i = 0; i < requests.size(); ++i)
        for (std::size_t j = 0; j < requests.size(); ++j)
            if (j != i && std::hypot(requests[j].anchor.x - requests[i].anchor.x, requests[j].anchor.y - requests[i].anchor.y) <
                              2 * r + clear)
                ++crowd[i];
    std::vector<std::size_t> order(requests.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return crowd[x] > crowd[y]; });

    std::vector<ListMarker> out(requests.size());
    std::vector<const ListMarker*> done;  // laid out so far
    std::vector<Path> ticks;              // their ticks

    for (std::size_t i : order) {
        ListMarker m;
        m.number = requests[i].number;
        m.anchor = requests[i].anchor;
        m.at = m.anchor;
        // The marker's spot near anchor a, if there is one: a itself when free, else the
        // nearest free spot on the rings around it.
        auto search = [&](const XY a) -> std::optional<XY> {
            if (!std::isfinite(a.x) || !std::isfinite(a.y)) return std::nullopt;
            const Box window{a.x - reach, a.y - reach, a.x + reach, a.y + reach};
            // The obstacles near this anchor, so that the ring search stays cheap.
            std::vector<const Box*> boxes;
            for (const auto* list : {&obs.balloons, &obs.labels, &obs.keep_out})
                for (const Box& b : *list)
                    if (!b.empty() && b.overlaps(window)) boxes.push_back(&b);
            std::vector<const Path*> lines;
            auto near_path = [&](const Path& p) {
                Box b;
                for (const XY& v : p) b.expand(v);
                return !b.empty() && b.overlaps(window);
            };
            for (const Path& p : obs.leaders)
                if (near_path(p)) lines.push_back(&p);
            for (const Path& p : ticks)
                if (near_path(p)) lines.push_back(&p);
            std::vector<const ListMarker*> markers;
            for (const ListMarker* o : done)
                if (window.grown(r + clear).contains(o->at)) markers.push_back(o);
            std::vector<XY> other_anchors;  // where the other markers point: keep them visible
            for (std::size_t j = 0; j < requests.size(); ++j)
                if (j != i && !same_point(requests[j].anchor, a) && window.contains(requests[j].anchor))
                    other_anchors.push_back(requests[j].anchor);

            auto spot_free = [&](XY c) {
                if (!inner.empty() && !inner.contains(c)) return false;
                for (const Box* b : boxes)
                    if (distance(c, *b) < r + clear) return false;
                for (const Path* p : lines)
                    if (dist_point_path(c, *p) < r + clear) return false;
                for (const ListMarker* o : markers)
                    if (std::hypot(o->at.x - c.x, o->at.y - c.y) < 2 * r + clear) return false;
                for (const XY& q : other_anchors)
                    if (std::hypot(q.x - c.x, q.y - c.y) < r + 0.1) return false;
                return true;
            };
            // A tick from the anchor to the circle must not run through a balloon, label or
            // panel (one holding the anchor itself excepted: the tick has to leave it) or
            // another marker (except one sitting on the same anchor, which the tick leaves
            // from under).
            auto tick_free = [&](XY c) {
                ListMarker probe;
                probe.anchor = a;
                probe.at = c;
                probe.moved = true;
                const Path t = probe.tick(r);
                if (t.size() < 2) return true;
                for (const Box* b : boxes)
                    if (!b->contains(a) && segment_meets_box(t[0], t[1], *b)) return false;
                for (const ListMarker* o : markers)
                    if (!same_point(o->at, a) && distance(o->at, t[0], t[1]) < r + 0.1) return false;
                return true;
            };

            if (spot_free(a)) return a;
            const int rings = static_cast<int>(std::floor(max_shift / step + 1e-9));
            for (int k = 1; k <= rings; ++k) {
                const double d = k * step;
                const int n = std::max(8, static_cast<int>(std::ceil(2 * M_PI * d / step)));
                for (int j = 0; j < n; ++j) {
                    // Start up and to the right, then go round: the same order every time.
                    const double th = -M_PI / 4 + 2 * M_PI * j / n;
                    const XY c{a.x + d * std::cos(th), a.y + d * std::sin(th)};
                    if (spot_free(c) && tick_free(c)) return c;
                }
            }
            return std::nullopt;
        };

        bool found = false;
        for (std::size_t alt = 0; alt <= requests[i].alternatives.size() && !found; ++alt) {
            const XY a = alt == 0 ? requests[i].anchor : requests[i].alternatives[alt - 1];
            if (const auto spot = search(a)) {
                m.anchor = a;
                m.at = *spot;
                m.moved = !(*spot == a);
                found = true;
            }
        }
        if (!found) m.conflict = true;
        if (m.moved) {
            Path t = m.tick(r);
            if (t.size() >= 2) ticks.push_back(std::move(t));
        }
        out[i] = m;
        done.push_back(&out[i]);
    }
    return out;
}

MarkerAudit audit_list_markers(const std::vector<ListMarker>& markers, const MarkerObstacles& obs, const MarkerOptions& opt) {
    const double r = opt.diameter_mm / 2;
    const double eps = 1e-9;
    MarkerAudit a;
    a.markers = static_cast<int>(markers.size());
    std::vector<Path> ticks(markers.size());
    for (std::size_t i = 0; i < markers.size(); ++i) ticks[i] = markers[i].tick(r);
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const ListMarker& m = markers[i];
        a.moved += m.moved;
        bool shares = false;
        for (std::size_t j = 0; j < markers.size(); ++j) {
            if (j == i) continue;
            const double d = std::hypot(markers[j].at.x - m.at.x, markers[j].at.y - m.at.y);
            if (d < 1e-6) shares = true;
            if (j > i && d < 2 * r - eps) ++a.overlapping_pairs;
        }
        a.same_point += shares;
        auto touches = [&](const std::vector<Box>& boxes) {
            return std::any_of(boxes.begin(), boxes.end(), [&](const Box& b) { return !b.empty() && distance(m.at, b) < r - eps; });
        };
        a.on_balloons += touches(obs.balloons);
        a.on_labels += touches(obs.labels);
        const bool outside = !obs.frame.empty() && !obs.frame.grown(-r + eps).contains(m.at);
        a.on_keep_out += touches(obs.keep_out) || outside;
        bool crossed = std::any_of(obs.leaders.begin(), obs.leaders.end(),
                                   [&](const Path& p) { return p.size() >= 2 && dist_point_path(m.at, p) < r - eps; });
        for (std::size_t j = 0; j < markers.size() && !crossed; ++j)
            if (j != i && ticks[j].size() >= 2 && !same_point(m.at, markers[j].anchor))
                crossed = dist_point_path(m.at, ticks[j]) < r - eps;
        a.crossed_by_leaders += crossed;
    }
    return a;
}

}  // namespace ipmap
