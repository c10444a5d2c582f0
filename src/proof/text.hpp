// Proofs for people: each statement as a geometer writes it (ordinary
// angles where the figure decides them), each step with its reason and the
// steps it uses; and the same proof as JSON.
#pragma once

#include <string>

#include "diagram/diagram.hpp"
#include "proof/proof.hpp"
#include "util/json.hpp"

namespace pappus::proof {

// "AB ⊥ CD", "∠ABC = ∠DEF", "M is the midpoint of AB", ...
std::string statement_for_people(const Problem& problem, const Diagram& diagram, const Step& step);

// "(3), (5) ⇒ AB ∥ CD" with the reason: the text of one step, without its number.
std::string step_text(const Problem& problem, const Diagram& diagram, const Proof& proof, const Step& step);

// The whole proof: premises used, auxiliary constructions, numbered steps.
std::string to_text(const Proof& proof, const Problem& problem, const Diagram& diagram);

// The proof as JSON (schema in README.md, "Proof output"): the value, and
// the value as text indented by two spaces.
util::Json proof_json(const Proof& proof, const Problem& problem, const Diagram& diagram);
std::string to_json(const Proof& proof, const Problem& problem, const Diagram& diagram);

// The same proof without coordinates or statements for people: the form
// stored in datasets (README.md, "Dataset format").
util::Json proof_record(const Proof& proof, const Problem& problem);

}  // namespace pappus::proof
