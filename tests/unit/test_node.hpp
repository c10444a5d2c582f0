// A search node for a problem text: parsed, drawn with the default seed and
// saturated by its own engine (a test fails when it does not parse or draw).
#pragma once

#include <memory>
#include <string>

#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "search/search.hpp"
#include "test_data.hpp"

namespace pappus::test {

// Fills `node` in place: its engine refers to the node's problem and figure.
inline void saturated_node(search::Node& node, const std::string& text) {
  auto problem = parse_problem(text, data().catalogue);
  if (!problem) FAIL(problem.error().to_string());
  node.problem = std::move(*problem);
  auto diagram = build_diagram(node.problem, data().catalogue);
  if (!diagram) FAIL(diagram.error().to_string());
  node.diagram = std::move(*diagram);
  node.engine = std::make_unique<engine::Engine>(node.problem, node.diagram, data().catalogue, data().rules);
  node.stop = node.engine->run();
}

}  // namespace pappus::test
