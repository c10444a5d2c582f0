// pappus/ranking.hpp: the learned ranking of the heuristic proposer's
// candidates (search/ranker.hpp), its training and measure
// (generate/ranker_data.hpp), and the proposer that uses it.
#include "pappus/ranking.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "api/internal.hpp"
#include "generate/ranker_data.hpp"
#include "search/proposer.hpp"
#include "util/rng.hpp"

namespace pappus {
namespace {

struct LearnedSource final : Proposer::Source {
  std::shared_ptr<const search::Ranker> ranker;
  int depth = defaults::model_depth;
  std::unique_ptr<search::Proposer> make() const override { return api::learned_proposer(ranker, depth); }
};

generate::RankerDataOptions data_options(const RankingOptions& o) {
  generate::RankerDataOptions d;
  d.limit = o.limit;
  d.negatives = o.negatives;
  d.checked = o.checked;
  d.threads = o.threads;
  d.seed = o.seed;
  return d;
}

// The weights in `given`, or the library's shipped ones when it is empty.
Expected<std::shared_ptr<const search::Ranker>> read_ranker(const Library& library, const std::string& given) {
  return api::read_ranker(given.empty() ? default_ranker_path(library) : given);
}

// The training groups of `data`: from options.groups when that file
// exists, else prepared (and written there when it is named).
Expected<std::vector<search::RankGroup>> prepared_groups(const Library& library, const std::string& data,
                                                         const RankingOptions& options,
                                                         const std::function<void(int, int)>& progress) {
  auto file_error = [&](const char* message) {
    Error e;
    e.message = message;
    e.file = options.groups;
    return e;
  };
  // What the groups depend on besides the build (whose feature layout the
  // file records).
  const std::string source = fmt::format("data={} checked={} negatives={} limit={} seed={}", data, options.checked,
                                         options.negatives, options.limit, options.seed);
  if (!options.groups.empty()) {
    if (std::ifstream in(options.groups); in) {
      std::stringstream text;
      text << in.rdbuf();
      std::string theirs;
      auto groups = search::parse_groups(text.str(), &theirs);
      if (!groups) {
        Error e = groups.error();
        e.file = options.groups;
        return e;
      }
      if (theirs != source) {
        Error e = file_error("the prepared groups come from other data or options");
        e.hint = fmt::format("they were prepared with '{}', this run asks for '{}': remove the file or name another", theirs,
                             source);
        return e;
      }
      return groups;
    }
  }
  auto records = generate::read_dataset(data);
  if (!records) return records.error();
  // Opened before the long preparation, so that a path it cannot write
  // fails at once.
  std::ofstream out;
  if (!options.groups.empty()) {
    out.open(options.groups);
    if (!out) return file_error("cannot write the ranking's groups");
  }
  const auto& lib = LibraryAccess::data(library);
  std::vector<search::RankGroup> groups =
      generate::ranker_groups(lib->catalogue, lib->rules, *records, data_options(options), progress);
  if (out.is_open() && !(out << search::write_groups(groups, source) << std::flush))
    return file_error("cannot write the ranking's groups");
  return groups;
}

}  // namespace

namespace api {

std::string ranker_path(const std::string& data_dir) { return data_dir + "/models/ranker.tsv"; }

Expected<std::shared_ptr<const search::Ranker>> read_ranker(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    Error e;
    e.message = "cannot open the ranking's weights";
    e.file = path;
    e.hint = "train them with 'pappus train --data FILE.jsonl --ranker-out FILE', or use the heuristic proposer";
    return e;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto ranker = search::Ranker::parse(text.str());
  if (!ranker) {
    Error e = ranker.error();
    e.file = path;
    return e;
  }
  return std::make_shared<const search::Ranker>(std::move(*ranker));
}

std::unique_ptr<search::Proposer> learned_proposer(std::shared_ptr<const search::Ranker> ranker, int depth) {
  search::HeuristicOptions options;
  options.ranker = std::move(ranker);
  options.ranker_depth = depth;
  return std::make_unique<search::HeuristicProposer>(options);
}

}  // namespace api

std::string default_ranker_path(const Library& library) { return api::ranker_path(library.data_dir()); }

Expected<Proposer> load_learned_proposer(const Library& library, const std::string& path, int depth) {
  auto ranker = read_ranker(library, path);
  if (!ranker) return ranker.error();
  auto source = std::make_shared<LearnedSource>();
  source->ranker = std::move(*ranker);
  source->depth = depth;
  return Proposer("learned", std::move(source));
}

Expected<std::string> train_ranking(const Library& library, const std::string& data, const RankingOptions& options,
                                    const std::function<void(const std::string&)>& log,
                                    const std::function<void(int, int)>& progress) {
  auto groups_or = prepared_groups(library, data, options, progress);
  if (!groups_or) return groups_or.error();
  std::vector<search::RankGroup>& groups = *groups_or;
  // Split by figure: a figure's pairs share premises and often the point.
  std::vector<search::RankGroup> train, validation;
  const std::uint64_t cut = static_cast<std::uint64_t>(options.val_fraction * 1e6);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::uint64_t key = groups[i].figure >= 0 ? static_cast<std::uint64_t>(groups[i].figure) : 1000000007ULL + i;
    (Rng::mix(options.seed, key) % 1000000 < cut ? validation : train).push_back(std::move(groups[i]));
  }
  search::RankTrainOptions t;
  t.epochs = options.epochs;
  t.lr = options.lr;
  t.hidden = options.hidden;
  t.seed = options.seed;
  std::string last;
  const search::Ranker ranker = search::train_ranker(train, t, validation, [&](const std::string& line) {
    last = line;
    if (log) log(line);
  });
  const std::string comment =
      fmt::format("pappus learned ranking of the heuristic proposer's candidates (search/ranker.hpp)\n"
                  "data: {} ({} pairs placed: {} training, {} validation, split by figure)\n"
                  "options: {}, {}, epochs {}, lr {}, seed {}\nlast epoch: {}",
                  data, train.size() + validation.size(), train.size(), validation.size(),
                  options.checked > 0 ? fmt::format("labels by proof over {0} best and {0} random candidates", options.checked)
                                      : fmt::format("labels by point, {} negatives", options.negatives),
                  options.hidden > 0 ? fmt::format("{} hidden units", options.hidden) : std::string("linear"),
                  options.epochs, options.lr, options.seed, last);
  return ranker.write(comment);
}

Expected<RankingEvaluation> evaluate_ranking(const Library& library, const std::string& path, const std::string& data,
                                             const RankingOptions& options,
                                             const std::function<void(int, int)>& progress) {
  auto ranker = read_ranker(library, path);
  if (!ranker) return ranker.error();
  auto records = generate::read_dataset(data);
  if (!records) return records.error();
  const auto& lib = LibraryAccess::data(library);
  return generate::evaluate_ranker(lib->catalogue, lib->rules, *records, *ranker, data_options(options), progress);
}

}  // namespace pappus
