#include "neural/tokenizer.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>

#include "geometry/predicate.hpp"

namespace pappus::neural {

std::string canonical_point_name(int i) {
  std::string name(1, static_cast<char>('a' + i % 26));
  if (i >= 26) name += std::to_string(i / 26);
  return name;
}

bool is_number_token(std::string_view token) {
  return !token.empty() && (std::isdigit(static_cast<unsigned char>(token[0])) || token[0] == '-' || token[0] == '.');
}

std::vector<std::string> split_tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (char c : text) {
    if (c == ';' || c == '?' || c == '=' || c == ',' || c == '|') {
      flush();
      out.emplace_back(1, c);
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}


std::string join_tokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) {
    const bool tight = t == ";" || t == ",";  // no blank before these
    if (!out.empty() && !tight) out += ' ';
    out += t;
  }
  return out;
}

namespace {

// Predicates the language gained after the vocabulary's format (version 1)
// was fixed with the shipped model: they have no token (they read as
// <unk>) until a model is trained with a vocabulary of a new format. None
// is a goal of generated data, so training data never holds them.
constexpr std::string_view kNewerPredicates[] = {"ratioprod", "obtuse_angle"};

bool in_format(std::string_view predicate) {
  return std::find(std::begin(kNewerPredicates), std::end(kNewerPredicates), predicate) == std::end(kNewerPredicates);
}

}  // namespace

Vocab Vocab::build(const dsl::Catalogue& catalogue) {
  std::vector<std::string> tokens;
  for (std::string_view s : {kPad, kBos, kSep, kEos, kUnk, kNum}) tokens.emplace_back(s);
  for (std::string_view s : {";", "?", "=", ",", "|"}) tokens.emplace_back(s);
  std::vector<std::string> names;
  for (const dsl::Construction& c : catalogue.all()) names.push_back(c.name);
  for (const auto& p : predicates())
    if (in_format(p.name)) names.emplace_back(p.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  tokens.insert(tokens.end(), names.begin(), names.end());
  for (int i = 0; i < kMaxPoints; ++i) tokens.push_back(canonical_point_name(i));
  auto v = Vocab::parse([&] {
    std::string text;
    for (const auto& t : tokens) text += t + "\n";
    return text;
  }(), "<built-in>");
  assert(v.ok());
  return std::move(v).value();
}

Expected<Vocab> Vocab::parse(std::string_view text, const std::string& file) {
  Vocab v;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  auto fail = [&](std::string message, std::string hint = "") {
    Error e;
    e.message = std::move(message);
    e.file = file;
    e.loc = {number, 1};
    e.hint = std::move(hint);
    return e;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.find_first_of(" \t\r") != std::string::npos)
      return fail("a vocabulary line must hold exactly one token", "one token per line, no blanks");
    if (v.ids_.count(line)) return fail("token '" + line + "' appears twice in the vocabulary");
    v.ids_.emplace(line, static_cast<int>(v.tokens_.size()));
    v.tokens_.push_back(line);
  }
  const std::string_view specials[] = {kPad, kBos, kSep, kEos, kUnk, kNum};
  for (int i = 0; i < 6; ++i)
    if (i >= v.size() || v.tokens_[i] != specials[i])
      return fail("the vocabulary must start with <pad> <bos> <sep> <eos> <unk> <num>, one per line");
  const auto a = v.ids_.find("a");
  if (a == v.ids_.end()) return fail("the vocabulary has no canonical point names (a, b, ...)");
  v.first_point_ = a->second;
  for (int i = 0; i < kMaxPoints; ++i)
    if (v.id(canonical_point_name(i)) != v.first_point_ + i)
      return fail("canonical point names must be contiguous: a..z, a1..z1, a2..z2, a3..z3");
  return v;
}

Expected<Vocab> Vocab::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e;
    e.message = "cannot open vocabulary file";
    e.file = path;
    return e;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return parse(buf.str(), path);
}

std::string Vocab::to_text() const {
  std::string out;
  for (const auto& t : tokens_) out += t + "\n";
  return out;
}

int Vocab::id(std::string_view token) const {
  const auto it = ids_.find(std::string(token));
  return it == ids_.end() ? kUnkId : it->second;
}

int Vocab::point_index(int id) const {
  return id >= first_point_ && id < first_point_ + kMaxPoints ? id - first_point_ : -1;
}

Canonical canonicalise(const std::vector<std::string>& tokens, const std::vector<std::string>& known) {
  Canonical out;
  std::unordered_map<std::string, int> index;
  auto rename = [&](const std::string& name) {
    auto [it, fresh] = index.emplace(name, static_cast<int>(out.original.size()));
    if (fresh) out.original.push_back(name);
    return canonical_point_name(it->second);
  };
  for (const std::string& k : known) rename(k);
  // Which tokens are points follows from where they stand: a construction
  // or predicate name comes after '=', ',', '?' (and after ';' or '|'
  // among goals: '|' there starts the derived facts of a version 2
  // prompt); every other token is a point or a number.
  bool name_next = false, goals = false;
  for (const std::string& t : tokens) {
    if (t == ";" || t == "|" || t == "=" || t == "," || t == "?") {
      if (t == "?") goals = true;
      name_next = t == "=" || t == "," || t == "?" || (goals && (t == ";" || t == "|"));
      out.tokens.push_back(t);
    } else if (name_next) {
      out.tokens.push_back(t);
      name_next = false;
    } else if (is_number_token(t)) {
      out.tokens.emplace_back(kNum);
    } else {
      out.tokens.push_back(rename(t));
    }
  }
  return out;
}

int count_points(const std::vector<std::string>& canonical_tokens, const Vocab& vocab) {
  int n = 0;
  for (const std::string& t : canonical_tokens)
    if (vocab.contains(t)) n = std::max(n, vocab.point_index(vocab.id(t)) + 1);
  return n;
}

std::vector<std::int64_t> encode_prompt(const std::vector<std::string>& canonical_prompt, const Vocab& vocab) {
  std::vector<std::int64_t> ids{Vocab::kBosId};
  for (const std::string& t : canonical_prompt) ids.push_back(vocab.id(t));
  ids.push_back(Vocab::kSepId);
  return ids;
}

EncodedPair encode_pair(std::string_view prompt, std::string_view target, const Vocab& vocab) {
  const Canonical p = canonicalise(split_tokens(prompt));
  // One map for both: the target's new point continues the prompt's names.
  const Canonical t = canonicalise(split_tokens(target), p.original);
  EncodedPair out;
  out.ids = encode_prompt(p.tokens, vocab);
  out.target_start = static_cast<int>(out.ids.size());
  for (const std::string& token : t.tokens) out.ids.push_back(vocab.id(token));
  out.ids.push_back(Vocab::kEosId);
  out.points = static_cast<int>(p.original.size());
  return out;
}

}  // namespace pappus::neural
