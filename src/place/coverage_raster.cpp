#include "place/coverage_raster.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ipmap::place::detail {
namespace {

/// Coverage is rounded to 2^-24 of a cell, so that a fully covered cell counts exactly
/// cell² (rounding noise of the running sums would otherwise break ties between
/// candidates that cover the same full cells).
constexpr double kSnap = 16777216.0;

/// Twice the signed area (shoelace) of a closed ring.
double twice_signed_area(const Path& pts) {
    double s = 0;
    for (size_t i = 0, k = pts.size() - 1; i < pts.size(); k = i++)
        s += (pts[k].x - pts[i].x) * (pts[k].y + pts[i].y);
    return s;
}

/// The ring as GEOS would take it (place/obstacles.cpp): finite points, no repeats,
/// not closed; false when fewer than 3 points are left.
bool clean_ring(const Path& ring, Path& pts) {
    pts.clear();
    for (const auto& p : ring)
        if (std::isfinite(p.x) && std::isfinite(p.y) && (pts.empty() || !(pts.back() == p))) pts.push_back(p);
    if (pts.size() >= 2 && pts.front() == pts.back()) pts.pop_back();
    return pts.size() >= 3;
}

}  // namespace

CoverageRaster::CoverageRaster(const Box& extent, double cell) : ext_(extent), cell_(cell) {
    nx_ = std::max(1, static_cast<int>(std::ceil(ext_.width() / cell_)));
    ny_ = std::max(1, static_cast<int>(std::ceil(ext_.height() / cell_)));
}

void CoverageRaster::add(const Polygon& poly) {
    if (acc_.empty()) acc_.assign(static_cast<size_t>(nx_ + 1) * ny_, 0.0);
    if (poly.rings.empty()) return;
    Path pts;
    if (!clean_ring(poly.rings[0], pts)) return;
    // The accumulation counts a ring of positive shoelace area negatively: the exterior
    // is turned to count +1, the holes -1, whatever their orientation.
    const double shell = twice_signed_area(pts);
    if (shell == 0) return;
    add_ring(pts, shell > 0 ? -1.0 : 1.0);
    for (size_t i = 1; i < poly.rings.size(); ++i) {
        if (!clean_ring(poly.rings[i], pts)) continue;
        const double hole = twice_signed_area(pts);
        if (hole != 0) add_ring(pts, hole > 0 ? 1.0 : -1.0);
    }
}

void CoverageRaster::add_ring(const Path& pts, double sign) {
    const double inv = 1.0 / cell_;
    for (size_t i = 0, k = pts.size() - 1; i < pts.size(); k = i++)
        add_edge((pts[k].x - ext_.minx) * inv, (pts[k].y - ext_.miny) * inv, (pts[i].x - ext_.minx) * inv,
                 (pts[i].y - ext_.miny) * inv, sign);
}

/// One edge in cell units: its part in each row the raster spans (rows outside add
/// nothing inside the raster).
void CoverageRaster::add_edge(double x0, double y0, double x1, double y1, double sign) {
    if (y0 == y1 || !std::isfinite(x0 + y0 + x1 + y1)) return;  // overflow in cell units
    if (y0 > y1) {
        std::swap(x0, x1);
        std::swap(y0, y1);
        sign = -sign;
    }
    if (y1 <= 0 || y0 >= ny_) return;
    const double dxdy = (x1 - x0) / (y1 - y0);
    const double top = std::max(y0, 0.0), bottom = std::min(y1, static_cast<double>(ny_));
    const int j0 = static_cast<int>(top), j1 = std::min(ny_ - 1, static_cast<int>(std::ceil(bottom)) - 1);
    for (int j = j0; j <= j1; ++j) {
        const double ya = std::max(top, static_cast<double>(j)), yb = std::min(bottom, j + 1.0);
        if (!(yb > ya)) continue;
        const double xa = ya == y0 ? x0 : x0 + (ya - y0) * dxdy;
        const double xb = yb == y1 ? x1 : x0 + (yb - y0) * dxdy;
        add_row(j, xa, xb, sign * (yb - ya));
    }
}

/// An edge piece within row j running from x = xa to xb over a height dy (signed):
/// each cell it crosses gets the area right of the piece, the next cell the rest, so
/// that the running sum along the row gives every cell further right the full dy.
/// Whatever lies left of the raster counts as lying on its left border; whatever lies
/// right of it cannot reach a cell.
void CoverageRaster::add_row(int j, double xa, double xb, double dy) {
    double* row = acc_.data() + static_cast<size_t>(j) * (nx_ + 1);
    const double n = static_cast<double>(nx_);
    double lo = std::min(xa, xb), hi = std::max(xa, xb);
    if (hi <= 0) {
        row[0] += dy;
        return;
    }
    if (lo >= n) return;
    auto deposit = [&](int c, double mid, double d) {
        const double f = std::clamp(mid - c, 0.0, 1.0);
        row[c] += d * (1 - f);
        row[c + 1] += d * f;
    };
    if (!(hi > lo)) {
        deposit(std::min(nx_ - 1, static_cast<int>(lo)), lo, dy);
        return;
    }
    const double per = dy / (hi - lo);
    if (lo < 0) {
        row[0] += per * -lo;
        lo = 0;
    }
    hi = std::min(hi, n);
    int c = std::min(nx_ - 1, static_cast<int>(lo));
    for (double u = lo; u < hi; ++c) {
        const double v = std::min(hi, c + 1.0);
        deposit(c, 0.5 * (u + v), per * (v - u));
        u = v;
    }
}

void CoverageRaster::finish() {
    if (acc_.empty()) return;
    const double cell2 = cell_ * cell_;
    const size_t w = static_cast<size_t>(nx_ + 1);
    sat_.assign(w * (ny_ + 1), 0.0);
    for (int j = 0; j < ny_; ++j) {
        const double* acc = acc_.data() + static_cast<size_t>(j) * w;
        double winding = 0, row = 0;
        for (int i = 0; i < nx_; ++i) {
            winding += acc[i];
            const double v = std::round(winding * kSnap) / kSnap;
            row += v > 0 ? v * cell2 : 0.0;
            sat_[(j + 1) * w + i + 1] = sat_[j * w + i + 1] + row;
        }
    }
    acc_.clear();
    acc_.shrink_to_fit();
}

double CoverageRaster::area(const Box& b) const {
    if (sat_.empty() || b.empty()) return 0.0;
    const double v =
        integral(b.maxx, b.maxy) - integral(b.minx, b.maxy) - integral(b.maxx, b.miny) + integral(b.minx, b.miny);
    return std::max(0.0, v);
}

/// Integral of the coverage from the raster origin to (x, y): bilinear in the summed-area
/// table, which is exact for a density constant within each cell.
double CoverageRaster::integral(double x, double y) const {
    const double gx = std::clamp((x - ext_.minx) / cell_, 0.0, static_cast<double>(nx_));
    const double gy = std::clamp((y - ext_.miny) / cell_, 0.0, static_cast<double>(ny_));
    const int i = std::min(static_cast<int>(gx), nx_ - 1), j = std::min(static_cast<int>(gy), ny_ - 1);
    const double fx = gx - i, fy = gy - j;
    const size_t w = static_cast<size_t>(nx_ + 1);
    const double s00 = sat_[j * w + i], s10 = sat_[j * w + i + 1];
    const double s01 = sat_[(j + 1) * w + i], s11 = sat_[(j + 1) * w + i + 1];
    return s00 + fx * (s10 - s00) + fy * (s01 - s00) + fx * fy * (s11 - s10 - s01 + s00);
}

}  // namespace ipmap::place::detail
