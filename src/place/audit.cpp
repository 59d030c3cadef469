// audit(): overlaps and crossings measured from the final geometry alone, with no
// clearance and no knowledge of the solver's state. A uniform grid only narrows down
// which pairs get the exact tests.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "place/place_callouts.hpp"
#include "place/problem.hpp"

namespace ipmap::place::detail {
namespace {

bool has_balloon(const PlacedCallout& c) { return c.tier != Tier::List && !c.box.empty(); }

/// Two leaders cross: any common point, except the start when both start at the same anchor
/// (a fan of leaders from one feature), unless they then run along each other.
bool leaders_cross(const Path& a, const Path& b) {
    const bool shared = !a.empty() && !b.empty() && a[0] == b[0];
    for (size_t i = 0; i + 1 < a.size(); ++i)
        for (size_t j = 0; j + 1 < b.size(); ++j) {
            const XY a0 = a[i], a1 = a[i + 1], b0 = b[j], b1 = b[j + 1];
            if (!segments_intersect(a0, a1, b0, b1)) continue;
            if (shared && i == 0 && j == 0) {
                // Common start: a crossing only if collinear and pointing the same way.
                const bool collinear = orient(a0, a1, b1) == 0;
                const bool same_way = (a1.x - a0.x) * (b1.x - b0.x) + (a1.y - a0.y) * (b1.y - b0.y) > 0;
                if (collinear && same_way) return true;
                continue;
            }
            return true;
        }
    return false;
}

bool path_hits_box(const Path& p, const Box& b) {
    for (size_t i = 0; i + 1 < p.size(); ++i)
        if (segment_hits_interior(p[i], p[i + 1], b)) return true;
    return false;
}

/// Buckets of (kind, index) entries by cell.
class GridBaseAccess {
public:
    GridBaseAccess(const Box& extent, double cell) : ext_(extent), cell_(cell) {
        cell_ = std::max({cell_, ext_.width() / 1024, ext_.height() / 1024, 1e-3});
        nx_ = std::max(1, static_cast<int>(std::ceil(ext_.width() / cell_)));
        ny_ = std::max(1, static_cast<int>(std::ceil(ext_.height() / cell_)));
        cells_.resize(static_cast<size_t>(nx_) * ny_);
    }
    void add_box(const Box& b, int kind, int index) {
        for (int j = cy(b.miny); j <= cy(b.maxy); ++j)
            for (int i = cx(b.minx); i <= cx(b.maxx); ++i) cells_[j * nx_ + i].push_back({kind, index});
    }
    void add_point(XY p, int kind, int index) { cells_[cy(p.y) * nx_ + cx(p.x)].push_back({kind, index}); }
    template <class F> void visit(const Box& b, F&& f) const {
        for (int j = cy(b.miny); j <= cy(b.maxy); ++j)
            for (int i = cx(b.minx); i <= cx(b.maxx); ++i)
                for (const auto& e : cells_[j * nx_ + i]) f(e.kind, e.index);
    }

private:
    struct Entry {
        int kind, index;
    };
    int cx(double x) const {
        const double v = (x - ext_.minx) / cell_;
        return v > 0 ? std::min(nx_ - 1, static_cast<int>(v)) : 0;
    }
    int cy(double y) const {
        const double v = (y - ext_.miny) / cell_;
        return v > 0 ? std::min(ny_ - 1, static_cast<int>(v)) : 0;
    }
    Box ext_;
    double cell_;
    int nx_, ny_;
    std::vector<std::vector<Entry>> cells_;
};

Box path_bounds(const Path& p) {
    Box b;
    for (const auto& q : p) b.expand(q);
    return b;
}

/// Two leaders of one balloon cross: any common point but a common end on the balloon.
bool own_leaders_cross(const Path& a, const Path& b) {
    return leaders_cross(Path(a.rbegin(), a.rend()), Path(b.rbegin(), b.rend()));
}

}  // namespace

PlacementStats audit_geometry(const std::vector<PlacedCallout>& cs, const PlacementContext& ctx,
                              std::vector<AuditIssue>* issues) {
    PlacementStats st;
    auto issue = [&](int a, int b) {
        if (issues) issues->push_back({a, b});
    };
    const int n = static_cast<int>(cs.size());
    std::vector<Box> obstacles;
    for (const auto* l : {&ctx.keep_out, &ctx.labels})
        for (const Box& b : *l)
            if (!b.empty()) obstacles.push_back(b);

    Box extent = ctx.page;
    extent.expand(ctx.printable);
    extent.expand(ctx.map_frame);
    double sum_dim = 0;
    int nb = 0;
    for (int i = 0; i < n; ++i) {
        const auto& c = cs[i];
        if (c.tier == Tier::InMap) ++st.placed_in_map;
        if (c.tier == Tier::Margin) ++st.placed_in_margin;
        if (c.tier == Tier::List) ++st.listed;
        extent.expand(c.anchor);
        if (!has_balloon(c)) continue;
        extent.expand(c.box);
        sum_dim += c.box.width() + c.box.height();
        ++nb;
        each_leader(c, [&](const Path& l) {
            extent.expand(path_bounds(l));
            double len = 0;
            for (size_t k = 0; k + 1 < l.size(); ++k) len += std::hypot(l[k + 1].x - l[k].x, l[k + 1].y - l[k].y);
            st.total_leader_mm += len;
            st.max_leader_mm = std::max(st.max_leader_mm, len);
        });
    }
    if (extent.empty()) return st;

    // Grid with entries: balloons (0), leaders (1), obstacles (2), anchors (3), the other
    // anchors of lead-to-all callouts (4, indexing more_anchors).
    const double cell = std::max(4.0, nb ? sum_dim / nb : 10.0);
    GridBaseAccess grid(extent, cell);
    struct MoreAnchor {
        XY at;
        int owner;
    };
    std::vector<MoreAnchor> more_anchors;
    for (int i = 0; i < n; ++i) {
        const auto& c = cs[i];
        grid.add_point(c.anchor, 3, i);
        if (!has_balloon(c)) continue;
        grid.add_box(c.box, 0, i);
        each_leader(c, [&](const Path& l) {
            for (size_t k = 0; k + 1 < l.size(); ++k) grid.add_box(seg_box(l[k], l[k + 1]), 1, i);
        });
        for (const auto& l : c.more_leaders)
            if (!l.empty()) {
                grid.add_point(l.front(), 4, static_cast<int>(more_anchors.size()));
                more_anchors.push_back({l.front(), i});
            }
    }
    for (int k = 0; k < static_cast<int>(obstacles.size()); ++k) grid.add_box(obstacles[k], 2, k);

    std::vector<int> seen_item(n, -1), seen_obst(obstacles.size(), -1), seen_anchor(n, -1);
    for (int i = 0; i < n; ++i) {
        const auto& c = cs[i];
        if (!has_balloon(c)) continue;
        // Bounds.
        const bool inside = ctx.printable.contains(c.box) && (c.tier != Tier::InMap || ctx.map_frame.contains(c.box));
        if (!inside) {
            ++st.out_of_bounds;
            issue(i, -1);
        }
        // Leader shape: from its anchor to its balloon's outline, not through its own balloon.
        const bool attached = c.leader.size() >= 2 && c.leader.front() == c.anchor &&
                              on_boundary(c.leader.back(), c.box) && !path_hits_box(c.leader, c.box) &&
                              !strictly_inside(c.anchor, c.box);
        for (const auto& l : c.more_leaders)
            if (!(l.size() >= 2 && on_boundary(l.back(), c.box) && !path_hits_box(l, c.box) &&
                  !strictly_inside(l.front(), c.box))) {
                ++st.detached;
                issue(i, -1);
            }
        if (!attached) {
            ++st.detached;
            issue(i, -1);
        }
        // Leaders of one balloon meet only where they end on it.
        for (size_t k = 0; k < c.more_leaders.size(); ++k) {
            bool cross = own_leaders_cross(c.more_leaders[k], c.leader);
            for (size_t m = 0; m < k; ++m) cross = cross || own_leaders_cross(c.more_leaders[k], c.more_leaders[m]);
            if (cross) {
                ++st.crossings;
                issue(i, -1);
            }
        }
        Box region = c.box;
        each_leader(c, [&](const Path& l) { region.expand(path_bounds(l)); });
        std::vector<int> seen_more;
        grid.visit(region, [&](int kind, int j) {
            if (kind == 2) {
                if (seen_obst[j] == i) return;
                seen_obst[j] = i;
                const Box& o = obstacles[j];
                if (c.box.overlaps(o)) {
                    ++st.overlaps;
                    issue(i, -1);
                }
                each_leader(c, [&](const Path& l) {
                    if (!l.empty() && !strictly_inside(l.front(), o, 0.0) && path_hits_box(l, o)) {
                        ++st.crossings;
                        issue(i, -1);
                    }
                });
                return;
            }
            if (kind == 4) {  // another lead-to-all callout's other anchor under this balloon
                const auto& m = more_anchors[j];
                if (m.owner == i || std::find(seen_more.begin(), seen_more.end(), j) != seen_more.end()) return;
                seen_more.push_back(j);
                if (strictly_inside(m.at, c.box)) {
                    ++st.overlaps;
                    issue(i, -1);
                }
                return;
            }
            if (kind == 3) {  // someone else's anchor (marker) under this balloon
                if (seen_anchor[j] == i) return;
                seen_anchor[j] = i;
                if (j != i && !(cs[j].anchor == c.anchor) && strictly_inside(cs[j].anchor, c.box)) {
                    ++st.overlaps;
                    issue(i, -1);  // the balloon has to go: the marker stays wherever j ends up
                }
                return;
            }
            if (j <= i || seen_item[j] == i) return;  // each pair once, from its lower index
            seen_item[j] = i;
            const auto& d = cs[j];
            if (c.box.overlaps(d.box)) {
                ++st.overlaps;
                issue(i, j);
            }
            each_leader(c, [&](const Path& l) {
                if (path_hits_box(l, d.box)) {
                    ++st.crossings;
                    issue(i, j);
                }
            });
            each_leader(d, [&](const Path& l) {
                if (path_hits_box(l, c.box)) {
                    ++st.crossings;
                    issue(i, j);
                }
            });
            each_leader(c, [&](const Path& lc) {
                each_leader(d, [&](const Path& ld) {
                    if (leaders_cross(lc, ld)) {
                        ++st.crossings;
                        issue(i, j);
                    }
                });
            });
        });
    }
    return st;
}

}  // namespace ipmap::place::detail

namespace ipmap::place {

PlacementStats audit(const std::vector<PlacedCallout>& callouts, const PlacementContext& context) {
    return detail::audit_geometry(callouts, context, nullptr);
}

}  // namespace ipmap::place
