// The derived facts of a saturated engine that speak most of its goal: a
// bounded selection the proposer model reads after the goal (prompt format
// version 2, models/README.md). The generator writes them into training
// prompts and the neural proposers compute them at each search node with
// this one function, so the two agree.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace pappus::engine {

// At most `limit` facts (text in the problem's point names, "para a b c d")
// that the engine derived (not the constructions' own facts), each with at
// least two of the first goal's points, best first: lines, circles and
// lengths (coll para perp cong midp circle cyclic) before equal angles and
// ratios, those before similar and congruent triangles; then more goal
// points, fewer points, derived earlier; at most a third of the list of one
// predicate while others are left, one fact per predicate and point set.
// Checked-only predicates, parallels through a shared point (collinear) and
// facts that compare a thing with itself ("eqangle a b a c a b a c") are
// left out.
// Deterministic for an engine's fact order; empty without a goal.
std::vector<std::string> relevant_facts(const Engine& engine, int limit);

// A prompt of format version 2: `problem` ("premises ? goal"), then " | "
// and the facts separated by "; "; `problem` alone without facts. The
// generator's prompts and the proposers' are both written by it.
std::string with_facts(std::string problem, const std::vector<std::string>& facts);

}  // namespace pappus::engine
