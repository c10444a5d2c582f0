// Tutoring answers as JSON (pappus/tutor.hpp): what the CLI prints with
// --format json, one key per field.
#include <nlohmann/json.hpp>

#include "pappus/tutor.hpp"

namespace pappus {

std::string to_json(const StepCheck& c) {
  nlohmann::ordered_json out = {
      {"conclusion", c.conclusion},
      {"premises", c.premises},
      {"true_in_figure", c.true_in_figure},
      {"premises_true", c.premises_true},
      {"follows_in_one_step", c.follows_in_one_step},
      {"rule", c.rule},
      {"theorem", c.theorem},
      {"given", c.given},
      {"derivable", c.derivable},
      {"derivation_stop", to_string(c.derivation_stop)},
      {"steps_needed", c.steps_needed},
      {"given_by", c.given_by},
      {"given_clause", c.given_clause},
      {"step_reason", c.step_reason},
      {"step_rule", c.step_rule},
      {"step_uses", c.step_uses},
      {"route", c.route},
      {"explanation", c.explanation},
  };
  return out.dump(2);
}

std::string to_json(const Hint& h) {
  nlohmann::ordered_json out = {
      {"kind", to_string(h.kind)},
      {"statement", h.statement},
      {"text", h.text},
      {"reason", h.reason},
      {"rule", h.rule},
      {"uses", h.uses},
      {"given_by", h.given_by},
      {"steps_left", h.steps_left},
      {"construction", h.construction},
  };
  return out.dump(2);
}

}  // namespace pappus
