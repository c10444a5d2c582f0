// The figure of a problem as SVG: its points, and the lines and circles that
// a proof's steps (or, without a proof, the problem's constructions) name.
// Every drawn element carries an id, a class and data-points="a b ..." so
// that a page (html.hpp) can highlight what a step talks about.
#pragma once

#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "geometry/numeric.hpp"
#include "pappus/problem.hpp"
#include "proof/proof.hpp"

namespace pappus::proof {

struct SvgOptions {
  double width = 640;    // pixels across the longer side of the figure, margins included
  double margin = 36;    // pixels around the points (room for the labels)
  bool xmlns = true;     // write the SVG namespace (not needed inside an HTML page)
  bool capital_labels = false;  // label point a as "A", as proofs for people write it
  // Without a proof, the facts of each construction (its asserts) come from
  // here; with neither, each construction's points are joined pairwise.
  const dsl::Catalogue* catalogue = nullptr;
};

struct FigurePoint {
  PointId id;
  std::string name;
  geo::Vec2 at;            // diagram coordinates
  bool auxiliary = false;  // introduced by an auxiliary clause
};

// A line (drawn as the segment spanning its points) or a circle.
struct FigureObject {
  enum class Kind : unsigned char { Line, Circle };
  Kind kind = Kind::Line;
  std::string id;               // "line-0", "circle-2": unique in the figure
  std::vector<PointId> points;  // the figure's points on it, by id
  bool auxiliary = false;       // named only by auxiliary facts
  geo::Vec2 from, to;           // Line: the segment's ends
  geo::Circle circle;           // Circle
};

struct Figure {
  std::string title;                     // the problem's name
  std::vector<FigurePoint> points;       // the built points, by id
  std::vector<FigureObject> objects;     // in order of first mention
  std::vector<std::vector<std::string>> step_objects;  // per proof step: ids of the objects it names
};

// Chooses what to draw. With a proof: every statement of its steps; without:
// the facts of the problem's constructions and its goals.
Figure layout_figure(const Problem& problem, const Diagram& diagram, const Proof* proof,
                     const SvgOptions& options = {});

std::string render_svg(const Figure& figure, const SvgOptions& options = {});

// layout_figure then render_svg. The same input gives the same bytes.
std::string render_svg(const Problem& problem, const Diagram& diagram, const Proof* proof,
                       const SvgOptions& options = {});

// Text escaped for XML and HTML content and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace pappus::proof
