// Proofs for people: each statement as a geometer writes it (ordinary
// angles where the figure decides them), each step with its reason and the
// steps it uses; and the same proof as JSON.
#pragma once

#include <string>

#include "diagram/diagram.hpp"
#include "proof/proof.hpp"

namespace pappus::proof {

// "AB ⊥ CD", "∠ABC = ∠DEF", "M is the midpoint of AB", ...
std::string statement_for_people(const Problem& problem, const Diagram& diagram, const Step& step);

// "(3), (5) ⇒ AB ∥ CD" with the reason: the text of one step, without its number.
std::string step_text(const Problem& problem, const Diagram& diagram, const Proof& proof, const Step& step);

// The whole proof: premises used, auxiliary constructions, numbered steps.
std::string to_text(const Proof& proof, const Problem& problem, const Diagram& diagram);

// The proof as JSON (schema in README.md, "Proof output").
std::string to_json(const Proof& proof, const Problem& problem, const Diagram& diagram);

// The same proof on one line, without coordinates or statements for people:
// the form stored in datasets (README.md, "Dataset format").
std::string to_json_line(const Proof& proof, const Problem& problem);

// `text` as a JSON string literal, quotes included.
std::string json_quote(const std::string& text);

}  // namespace pappus::proof
