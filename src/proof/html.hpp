// A proof as one self-contained HTML page: the problem, its figure (svg.hpp)
// and the numbered steps; selecting a step highlights its points, lines and
// circles in the figure and marks the steps it uses. Inline CSS and script,
// no external resource.
#pragma once

#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "pappus/problem.hpp"
#include "proof/proof.hpp"

namespace pappus::proof {

// `step_texts[i]` is the text for people of step i + 1 (statement_text
// stands in for a missing one). The page reads #step=N from its address to
// select step N on load (step 1 otherwise); arrows, j/k and the Prev/Next
// buttons move the selection. Once its script has run, <body> carries
// data-ready="1" and data-selected="N".
std::string render_html(const Problem& problem, const Diagram& diagram, const Proof& proof,
                        const std::vector<std::string>& step_texts);

}  // namespace pappus::proof
