#pragma once
// Private to src/place: the static side of the page, indexed once per placement call.
//  - hard boxes (keep-outs, labels): not indexed here but queried in the sheet's
//    HardBoxIndex (hard_box_index.hpp), the one the labels were placed with; balloons keep
//    `gap` from them, leaders do not enter them (except a box that holds the leader's own
//    anchor: the feature lies under it, so its leader has to leave it);
//  - anchor points of every request in a static grid: no balloon covers a marker;
//  - soft costs: work lines (segments in a GEOS STRtree, exact clipped length), work
//    polygons and land (coverage rasters, coverage_raster.hpp, of the polygons GEOS finds
//    valid or makes valid, queried in O(1) through summed-area tables), soft boxes (STRtree).
// The GEOS tree is built at construction and only queried afterwards.
#include <memory>
#include <vector>

#include "place/callout_types.hpp"
#include "place/engine.hpp"
#include "place/hard_box_index.hpp"

namespace ipmap::place::detail {

class StaticIndex {
public:
    struct AnchorRef {
        XY p;
        int req;
    };
    /// `hard` is only referenced: it must outlive this index and not change while in use.
    StaticIndex(const PlacementContext& context, const HardBoxIndex& hard, const std::vector<AnchorRef>& anchors,
                const PlacementWeights& weights, Clearance clearance);
    ~StaticIndex();
    StaticIndex(const StaticIndex&) = delete;
    StaticIndex& operator=(const StaticIndex&) = delete;

    /// Hard constraints of a balloon + leader against the static page, `container` included.
    bool hard_ok(const Box& box, const Leader& leader, int req, const Box& container) const;
    /// The leader alone against the hard boxes (as in hard_ok).
    bool leader_ok(const Leader& leader) const;
    /// The sheet's hard boxes, for the passes that test against them directly.
    const HardBoxIndex& hard() const;
    /// Weighted soft cost of covering what lies under the box (features, land, soft boxes).
    double cover_cost(const Box& box) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ipmap::place::detail
