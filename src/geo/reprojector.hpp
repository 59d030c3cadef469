#pragma once
// Coordinate transformation with PROJ (PJ objects stay inside geo/*.cpp).
#include <memory>
#include <string>

#include "core/geometry.hpp"

namespace ipmap {

/// Transforms from one CRS to another in traditional GIS order (x = lon/easting,
/// y = lat/northing) whatever the CRS's declared axis order.
/// One PROJ context per object: use one Reprojector per thread.
class Reprojector {
public:
    /// CRS strings: "EPSG:6679", WKT, PROJJSON or anything proj_create accepts.
    /// Throws InputError naming the CRS when either cannot be understood.
    Reprojector(const std::string& source_crs, const std::string& target_crs);
    ~Reprojector();
    Reprojector(Reprojector&&) noexcept;
    Reprojector& operator=(Reprojector&&) noexcept;

    /// Transforms one coordinate; returns false (and leaves p unchanged) when PROJ fails
    /// or the result is not finite.
    bool transform(XY& p) const;
    /// Transforms every coordinate; false when any coordinate failed.
    bool transform(Geometry& g) const;

    /// Area of use of the source CRS in lon/lat degrees (empty Box when unknown).
    Box source_area_of_use() const;
    /// Area of use, in lon/lat degrees, of the target CRS's geodetic CRS (for any JGD2011
    /// plane rectangular zone: all of Japan). Empty when unknown.
    Box target_geodetic_area_of_use() const;
    /// True when the source CRS is geographic (degrees).
    bool source_is_geographic() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Normalised short name of a CRS ("EPSG:6679") or its WKT name when it has no code.
std::string describe_crs(const std::string& crs);

}  // namespace ipmap
