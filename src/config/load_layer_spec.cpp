#include "classify/callout_text.hpp"
#include "config/map_spec.hpp"
#include "config/toml_reader.hpp"

namespace ipmap {

using config_detail::TomlReader;

LayerSpec load_layer_spec(const std::string& path) {
    toml::table root = config_detail::parse_toml_file(path);
    TomlReader top(path, root);
    top.only({"layer", "fields", "callout"});
    if (!top.has("layer")) throw ConfigError(path, 1, "layer", "missing [layer] table");
    TomlReader r = top.sub("layer");
    r.only({"id", "kind", "source", "name", "filter", "crs", "force_crs", "encoding", "list_separator", "style"});

    LayerSpec spec;
    spec.file = path;
    spec.id = r.str("id");
    if (spec.id.empty()) r.fail("id", "missing or empty layer id");
    std::string kind = r.str("kind", "base");
    if (kind == "base") spec.kind = LayerKind::Base;
    else if (kind == "works") spec.kind = LayerKind::Works;
    else r.fail("kind", "expected \"base\" or \"works\", got \"" + kind + "\"");
    spec.source = r.path("source");
    if (spec.source.empty()) r.fail("source", "missing source (path of an OGR dataset)");
    spec.layer = r.str("name");
    spec.filter = r.str("filter");
    spec.crs = r.str("crs");
    spec.force_crs = r.boolean("force_crs", false);
    if (spec.force_crs && spec.crs.empty()) r.fail("force_crs", "force_crs = true needs crs");
    spec.encoding = r.str("encoding");
    spec.list_separator = r.str("list_separator", ",");
    spec.style = r.str("style", spec.kind == LayerKind::Works ? "works" : spec.id);

    TomlReader f = top.sub("fields");
    for (const auto& [k, v] : f.table()) {
        std::string key(k.str());
        auto col = v.value<std::string>();
        if (!col) f.fail(key, "expected the source column name as a string");
        spec.fields[key] = *col;
    }
    if (spec.kind == LayerKind::Works && !spec.fields.count("name"))
        throw ConfigError(path, f.line(), "fields.name", "a works layer must map the name field (事業名)");

    // Per-layer callouts: which of this layer's works get one, and their text. Replaces
    // the map's [callout] show / template; a style [[rule]] with `callout = ...` still wins.
    if (top.has("callout")) {
        TomlReader c = top.sub("callout");
        if (spec.kind != LayerKind::Works)
            top.fail("callout", "a [callout] table belongs to a works layer (kind = \"works\"), not to a base layer");
        c.only({"show", "template"});
        if (c.has("show")) {
            CalloutSelection sel;
            config_detail::read_callout_show(c, sel);
            spec.callout_show = sel;
        }
        spec.callout_template = c.str("template");
        if (c.has("template") && spec.callout_template.empty()) c.fail("template", "empty template (leave the key out to use the map's)");
        if (std::string why = validate_template(spec.callout_template); !spec.callout_template.empty() && !why.empty())
            c.fail("template", why);
    }
    return spec;
}

}  // namespace ipmap
