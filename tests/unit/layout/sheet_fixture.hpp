#pragma once
// Synthetic sheets for compose_sheet tests: square municipalities in a metre CRS, works
// built in code, the project's own style file. No GDAL, no PROJ.
#include <cmath>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "config/map_spec.hpp"
#include "core/scene.hpp"
#include "layout/compose_sheet.hpp"
#include "layout/sheet_input.hpp"

namespace ipmap::test {

inline Polygon square(double x0, double y0, double x1, double y1) {
    return Polygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}};
}

/// A map with the project's style and a municipality layer the tests fill.
struct SyntheticSheet {
    MapSpec map;
    LayerSpec muni_spec;
    BaseLayer munis;
    std::vector<std::unique_ptr<ClassifiedWork>> works;

    SyntheticSheet() {
        map.style = load_style(IPMAP_SOURCE_DIR "/styles/progress.toml");
        map.name = "synthetic";
        map.title = "合成の検証図";
        map.inset.enabled = false;
        muni_spec.id = "municipalities";
        muni_spec.style = "municipality";
        munis.spec = &muni_spec;
        map.municipality_layer = "municipalities";
    }

    void add_municipality(const std::string& code, const std::string& name, const Polygon& p) {
        Feature f;
        f.attrs["code"] = code;
        f.attrs["name"] = name;
        f.geometry.polygons.push_back(p);
        munis.features.push_back(std::move(f));
    }

    ClassifiedWork& add_work(const std::string& id, const std::string& name, std::vector<std::string> codes,
                             Geometry g = {}, Status status = Status::InProgress) {
        auto cw = std::make_unique<ClassifiedWork>();
        cw->work.id = id;
        cw->work.name = name;
        cw->work.owner = Owner::Hokkaido;
        cw->work.category = "道路";
        cw->work.progress = 40;
        cw->work.municipalities = std::move(codes);
        cw->work.geometry = std::move(g);
        cw->status = status;
        works.push_back(std::move(cw));
        return *works.back();
    }

    SheetInput input(const Box& extent, const std::string& focus = "") const {
        SheetInput in;
        in.map = &map;
        in.crs = "EPSG:6679";
        in.fiscal_year = 2024;
        in.title = map.title;
        in.subtitle = "令和6年度";
        in.extent = extent;
        in.padding_percent = 3;
        in.layers = {&munis};
        in.municipalities = &munis;
        in.focus_code = focus;
        for (const auto& w : works) in.works.push_back(w.get());
        return in;
    }
};

/// What a scene shows, read back from its drawing primitives alone.
struct SceneGeometry {
    std::vector<XY> markers;       ///< numbered marker circles (centres)
    double marker_radius = 0;
    std::vector<Box> balloons;
    std::vector<Path> leaders;     ///< balloon leaders
};

inline SceneGeometry read_scene(const Scene& scene, const StyleSheet& style) {
    SceneGeometry g;
    for (const SceneItem& it : scene.items) {
        if (const auto* s = std::get_if<SymbolItem>(&it)) {
            // Markers: white circles with a leader-coloured rim, bigger than anchor dots.
            if (s->shape == SymbolShape::Circle && s->fill && s->fill->color == Rgba{1, 1, 1, 1} && s->stroke &&
                s->stroke->color == style.leader_color && s->size_mm > 2) {
                g.markers.push_back(s->at);
                g.marker_radius = s->size_mm / 2;
            }
        } else if (const auto* p = std::get_if<PathItem>(&it)) {
            if (p->closed && p->fill && p->fill->color == style.callout_fill && p->parts.size() == 1 &&
                p->parts[0].size() == 4) {
                Box b;
                for (const XY& v : p->parts[0]) b.expand(v);
                g.balloons.push_back(b);
            } else if (!p->closed && p->strokes.size() == 2 && p->strokes[1].color == style.leader_color &&
                       p->strokes[1].width_mm == style.leader_width_mm) {
                for (const Path& part : p->parts) g.leaders.push_back(part);
            }
        }
    }
    return g;
}

}  // namespace ipmap::test
