#include "engine/point_sets.hpp"

#include <algorithm>
#include <cassert>

namespace pappus::engine {

int PointSets::root(int node) const {
  while (nodes_[node].parent != node) node = nodes_[node].parent;
  return node;
}

bool PointSets::contains(int r, PointId p) const {
  const auto& pts = nodes_[r].points;
  return std::binary_search(pts.begin(), pts.end(), p);
}

std::vector<int> PointSets::sets_of(PointId p) const {
  std::vector<int> out;
  if (p.value >= by_point_.size()) return out;
  for (int n : by_point_[p.value]) {
    const int r = root(n);
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  }
  std::sort(out.begin(), out.end());
  return out;
}

int PointSets::find_containing(std::span<const PointId> pts) const {
  // The smallest root among the sets of the first point that hold the others.
  if (pts.empty() || pts[0].value >= by_point_.size()) return -1;
  int best = -1;
  for (int n : by_point_[pts[0].value]) {
    const int r = root(n);
    if (best >= 0 && r >= best) continue;
    bool all = true;
    for (PointId p : pts.subspan(1)) all = all && contains(r, p);
    if (all) best = r;
  }
  return best;
}

int PointSets::create(std::vector<PointId> pts) {
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  const int id = static_cast<int>(nodes_.size());
  for (PointId p : pts) {
    if (p.value >= by_point_.size()) by_point_.resize(p.value + 1);
    by_point_[p.value].push_back(id);
  }
  nodes_.push_back(Node{id, std::move(pts), {}});
  return id;
}

int PointSets::line(PointId a, PointId b) {
  assert(overlap_ == 2 && a != b);
  const PointId pair[] = {a, b};
  if (int r = find_containing(pair); r >= 0) return r;
  return create({a, b});
}

void PointSets::insert(int r, PointId p) {
  auto& pts = nodes_[r].points;
  pts.insert(std::lower_bound(pts.begin(), pts.end(), p), p);
  if (p.value >= by_point_.size()) by_point_.resize(p.value + 1);
  by_point_[p.value].push_back(r);
}

int PointSets::shared(int a, int b) const {
  const auto &x = nodes_[a].points, &y = nodes_[b].points;
  int n = 0;
  for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] < y[j]) ++i;
    else if (y[j] < x[i]) ++j;
    else ++n, ++i, ++j;
  }
  return n;
}

void PointSets::absorb(int from, int into, std::vector<Merge>& merges) {
  Node& f = nodes_[from];
  merges.push_back({from, into, f.points[0], f.points[1]});
  for (PointId p : f.points)
    if (!contains(into, p)) insert(into, p);
  auto& reasons = nodes_[into].reasons;
  reasons.insert(reasons.end(), f.reasons.begin(), f.reasons.end());
  f.parent = into;
  f.points.clear();
  f.reasons.clear();
}

std::vector<PointSets::Merge> PointSets::add(std::span<const PointId> pts, FactId why) {
  std::vector<Merge> merges;
  // Start from a set that already holds `overlap` of the points, if any.
  int r = -1;
  for (PointId p : pts) {
    for (int s : sets_of(p)) {
      int n = 0;
      for (PointId q : pts) n += contains(s, q) ? 1 : 0;
      if (n >= overlap_ && (r < 0 || s < r)) r = s;
    }
  }
  if (r < 0) r = create({pts.begin(), pts.end()});
  for (PointId p : pts)
    if (!contains(r, p)) insert(r, p);
  nodes_[r].reasons.push_back(why);
  // Absorb every set that now shares `overlap` points with r, until none does.
  for (bool changed = true; changed;) {
    changed = false;
    for (PointId p : std::vector<PointId>(nodes_[r].points)) {
      for (int s : sets_of(p)) {
        if (s == r || shared(s, r) < overlap_) continue;
        absorb(s, r, merges);
        changed = true;
      }
    }
  }
  return merges;
}

}  // namespace pappus::engine
