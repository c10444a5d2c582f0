#include "proof/svg.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>

namespace pappus::proof {

namespace {

using geo::Vec2;
using Kind = FigureObject::Kind;

// A line or circle that one statement names.
struct Request {
  Kind kind = Kind::Line;
  std::vector<PointId> points;
  bool auxiliary = false;
};

// The lines and circles a statement talks about: the lines of its angles,
// the segments of its lengths, the circle of its concyclic points.
std::vector<Request> requests_of(Pred pred, const std::vector<PointId>& a, bool auxiliary) {
  std::vector<Request> out;
  auto line = [&](std::vector<PointId> pts) { out.push_back({Kind::Line, std::move(pts), auxiliary}); };
  auto pairs = [&](std::size_t count) {
    for (std::size_t i = 0; i + 1 < 2 * count && i + 1 < a.size(); i += 2) line({a[i], a[i + 1]});
  };
  auto triangles = [&] {
    for (std::size_t t = 0; t + 2 < a.size() && t < 6; t += 3) {
      line({a[t], a[t + 1]});
      line({a[t + 1], a[t + 2]});
      line({a[t + 2], a[t]});
    }
  };
  const PredicateInfo& info = predicate_info(pred);
  switch (info.locus) {
    case Locus::Line: line(a); return out;
    case Locus::Circle: out.push_back({Kind::Circle, a, auxiliary}); return out;
    case Locus::CenteredCircle:  // circle o a b c: the circle through a b c, centred at o
      if (a.size() >= 4) out.push_back({Kind::Circle, {a.begin() + 1, a.end()}, auxiliary});
      return out;
    case Locus::None: break;
  }
  if (info.shape == Shape::Pairs) pairs(static_cast<std::size_t>(info.points) / 2);
  if (info.shape == Shape::Triangles) triangles();
  if (info.shape == Shape::Hexagon)
    for (std::size_t i = 0; i < a.size(); ++i) line({a[i], a[(i + 1) % a.size()]});
  // conditions checked on the diagram only name no object
  return out;
}

// Turns requests into objects: a line or circle is identified by the set of
// mentioned points on it, so requests for the same object meet.
class Builder {
 public:
  Builder(const Diagram& diagram, std::vector<PointId> mentioned)
      : diagram_(diagram), mentioned_(std::move(mentioned)) {
    tol_ = tolerance::kCoarse * std::max(diagram.scale, tolerance::kRoundoff);
  }

  // The index of the object for `r`, or -1 when it is degenerate.
  int place(const Request& r, Figure& figure) {
    FigureObject obj;
    obj.kind = r.kind;
    if (r.kind == Kind::Line ? !fit_line(r.points, obj) : !fit_circle(r.points, obj)) return -1;
    std::vector<std::uint32_t> key{static_cast<std::uint32_t>(r.kind)};
    for (PointId p : obj.points) key.push_back(p.value);
    auto [it, fresh] = index_.try_emplace(key, static_cast<int>(figure.objects.size()));
    if (fresh) {
      obj.id = fmt::format("{}-{}", r.kind == Kind::Line ? "line" : "circle", count_[r.kind == Kind::Circle]++);
      obj.auxiliary = r.auxiliary;
      figure.objects.push_back(std::move(obj));
    } else {
      figure.objects[it->second].auxiliary = figure.objects[it->second].auxiliary && r.auxiliary;
    }
    return it->second;
  }

 private:
  bool fit_line(const std::vector<PointId>& pts, FigureObject& obj) const {
    for (std::size_t i = 0; i < pts.size(); ++i)
      for (std::size_t j = i + 1; j < pts.size(); ++j) {
        auto l = geo::line_through(diagram_.at(pts[i]), diagram_.at(pts[j]));
        if (!l || (diagram_.at(pts[i]) - diagram_.at(pts[j])).norm() <= tol_) continue;
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (PointId p : mentioned_) {
          const Vec2 v = diagram_.at(p) - l->p;
          if (std::abs(geo::cross(l->d, v)) > tol_) continue;
          obj.points.push_back(p);
          lo = std::min(lo, l->d.dot(v));
          hi = std::max(hi, l->d.dot(v));
        }
        obj.from = l->p + lo * l->d;
        obj.to = l->p + hi * l->d;
        return obj.points.size() >= 2;
      }
    return false;
  }

  bool fit_circle(const std::vector<PointId>& pts, FigureObject& obj) const {
    for (std::size_t i = 0; i < pts.size(); ++i)
      for (std::size_t j = i + 1; j < pts.size(); ++j)
        for (std::size_t k = j + 1; k < pts.size(); ++k) {
          auto c = geo::circumcircle(diagram_.at(pts[i]), diagram_.at(pts[j]), diagram_.at(pts[k]));
          if (!c || !std::isfinite(c->r) || c->r > 1e3 * std::max(diagram_.scale, tolerance::kRoundoff)) continue;
          for (PointId p : mentioned_)
            if (std::abs((diagram_.at(p) - c->c).norm() - c->r) <= tol_ * std::max(1.0, c->r / diagram_.scale))
              obj.points.push_back(p);
          obj.circle = *c;
          return obj.points.size() >= 3;
        }
    return false;
  }

  const Diagram& diagram_;
  std::vector<PointId> mentioned_;  // sorted, built points only
  double tol_ = 0;
  std::map<std::vector<std::uint32_t>, int> index_;  // kind + points -> object
  int count_[2] = {0, 0};
};

bool built(const Diagram& d, PointId p) { return p.value < d.built.size() && d.built[p.value]; }

// The statements to draw, each with the proof step it belongs to (-1 for none).
struct Named {
  int step = -1;
  Pred pred;
  std::vector<PointId> args;
  bool auxiliary = false;
};

std::vector<Named> statements_of(const Problem& problem, const Proof* proof, const SvgOptions& options) {
  std::vector<Named> out;
  if (proof) {
    for (std::size_t i = 0; i < proof->steps.size(); ++i) {
      const Step& s = proof->steps[i];
      out.push_back({static_cast<int>(i), s.pred, s.args, s.auxiliary});
    }
    return out;
  }
  for (const Clause& clause : problem.clauses)
    for (const ConstructionUse& use : clause.constructions) {
      const dsl::Construction* c = nullptr;
      if (options.catalogue) {
        const auto& all = options.catalogue->all();
        if (use.catalogue_index >= 0 && static_cast<std::size_t>(use.catalogue_index) < all.size() &&
            all[use.catalogue_index].name == use.name)
          c = &all[use.catalogue_index];
        else
          c = options.catalogue->find(use.name);
      }
      if (!c) {  // no catalogue: join the construction's points pairwise
        std::vector<PointId> pts;
        for (const Argument& arg : use.args)
          if (arg.is_point && std::find(pts.begin(), pts.end(), arg.point) == pts.end()) pts.push_back(arg.point);
        for (std::size_t i = 0; i < pts.size(); ++i)
          for (std::size_t j = i + 1; j < pts.size(); ++j)  // a two-point coll: the line through them
            out.push_back({-1, Pred::Coll, {pts[i], pts[j]}, clause.auxiliary});
        continue;
      }
      for (const dsl::FactTemplate& t : c->asserts) {
        Named n{-1, t.pred, {}, clause.auxiliary};
        bool ok = true;
        for (int idx : t.args) {
          ok = ok && idx >= 0 && static_cast<std::size_t>(idx) < use.args.size() && use.args[idx].is_point;
          if (ok) n.args.push_back(use.args[idx].point);
        }
        if (ok) out.push_back(std::move(n));
      }
    }
  for (const Statement& goal : problem.goals) {
    const PredicateInfo* info = find_predicate(goal.predicate);
    if (!info) continue;
    Named n{-1, info->id, {}, false};
    for (const Argument& arg : goal.args)
      if (arg.is_point) n.args.push_back(arg.point);
    out.push_back(std::move(n));
  }
  return out;
}

std::string num(double v) {
  std::string s = fmt::format("{:.2f}", v);
  return s == "-0.00" ? "0.00" : s;
}

std::string names_of(const Figure& figure, const std::vector<PointId>& pts) {
  std::string s;
  for (PointId p : pts) {
    for (const FigurePoint& fp : figure.points)
      if (fp.id == p) s += (s.empty() ? "" : " ") + fp.name;
  }
  return s;
}

// Diagram coordinates to pixels: fit, margin, y axis up.
struct View {
  double minx = 0, maxy = 0, k = 1, margin = 0, w = 0, h = 0;
  Vec2 operator()(const Vec2& p) const { return {margin + (p.x() - minx) * k, margin + (maxy - p.y()) * k}; }
};

View fit_view(const Figure& figure, const SvgOptions& options) {
  View v;
  v.margin = options.margin;
  if (figure.points.empty()) {
    v.w = v.h = 2 * options.margin;
    return v;
  }
  double minx = figure.points[0].at.x(), maxx = minx, miny = figure.points[0].at.y(), maxy = miny;
  for (const FigurePoint& p : figure.points) {
    minx = std::min(minx, p.at.x());
    maxx = std::max(maxx, p.at.x());
    miny = std::min(miny, p.at.y());
    maxy = std::max(maxy, p.at.y());
  }
  const double span = std::max(maxx - minx, maxy - miny);
  for (const FigureObject& o : figure.objects) {  // circles of a sensible size fit too
    if (o.kind != Kind::Circle || o.circle.r > 0.75 * span) continue;
    minx = std::min(minx, o.circle.c.x() - o.circle.r);
    maxx = std::max(maxx, o.circle.c.x() + o.circle.r);
    miny = std::min(miny, o.circle.c.y() - o.circle.r);
    maxy = std::max(maxy, o.circle.c.y() + o.circle.r);
  }
  const double extent = std::max(maxx - minx, maxy - miny);
  v.minx = minx;
  v.maxy = maxy;
  v.k = extent > 0 ? (options.width - 2 * options.margin) / extent : 1;
  v.w = (maxx - minx) * v.k + 2 * options.margin;
  v.h = (maxy - miny) * v.k + 2 * options.margin;
  return v;
}

double segment_distance(const Vec2& c, const Vec2& a, const Vec2& b) {
  const Vec2 ab = b - a;
  const double len2 = ab.squaredNorm();
  const double t = len2 > 0 ? std::clamp((c - a).dot(ab) / len2, 0.0, 1.0) : 0.0;
  return (a + t * ab - c).norm();
}

constexpr double kFont = 14, kDot = 3.5;

// Label centres (pixels), one per point: the free direction around each dot,
// away from lines, circles, other dots and labels already placed.
std::vector<Vec2> place_labels(const Figure& figure, const View& view) {
  std::vector<Vec2> dots;
  Vec2 centroid = Vec2::Zero();
  for (const FigurePoint& p : figure.points) dots.push_back(view(p.at));
  for (const Vec2& d : dots) centroid += d / static_cast<double>(dots.size());
  std::vector<std::pair<Vec2, Vec2>> segs;
  std::vector<geo::Circle> circles;
  for (const FigureObject& o : figure.objects) {
    if (o.kind == Kind::Line) segs.push_back({view(o.from), view(o.to)});
    else circles.push_back({view(o.circle.c), o.circle.r * view.k});
  }
  std::vector<Vec2> labels;
  for (std::size_t i = 0; i < dots.size(); ++i) {
    const double half_w = 0.3 * kFont * static_cast<double>(figure.points[i].name.size()) + 1, half_h = 0.5 * kFont;
    const double radius = std::max(half_w, half_h);
    Vec2 away = dots[i] - centroid;
    away = away.norm() > tolerance::kRoundoff ? Vec2(away / away.norm()) : Vec2(0, -1);
    double best = std::numeric_limits<double>::infinity();
    Vec2 best_at = dots[i];
    for (int k = 0; k < 16; ++k) {
      const double angle = geo::kPi / 4 + k * geo::kPi / 8;
      const Vec2 dir(std::cos(angle), -std::sin(angle));
      const Vec2 c = dots[i] + (kDot + 3 + std::abs(dir.x()) * half_w + std::abs(dir.y()) * half_h) * dir;
      double pen = 1.5 * (1 - dir.dot(away)) + 1e-3 * k;
      for (const auto& [a, b] : segs) pen += 3 * std::max(0.0, radius + 2 - segment_distance(c, a, b));
      for (const auto& circle : circles) pen += 3 * std::max(0.0, radius + 2 - std::abs((c - circle.c).norm() - circle.r));
      for (std::size_t j = 0; j < dots.size(); ++j)
        if (j != i) pen += 4 * std::max(0.0, radius + kDot + 2 - (c - dots[j]).norm());
      for (const Vec2& l : labels) pen += 5 * std::max(0.0, 2 * radius + 2 - (c - l).norm());
      if (c.x() - half_w < 0 || c.x() + half_w > view.w || c.y() - half_h < 0 || c.y() + half_h > view.h) pen += 50;
      if (pen < best) {
        best = pen;
        best_at = c;
      }
    }
    labels.push_back(best_at);
  }
  return labels;
}

constexpr const char* kInk = "#4b5563";
constexpr const char* kAux = "#d97706";

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

Figure layout_figure(const Problem& problem, const Diagram& diagram, const Proof* proof, const SvgOptions& options) {
  Figure figure;
  figure.title = problem.name;
  std::vector<bool> aux(problem.point_count(), false);
  if (proof) {
    for (PointId p : proof->auxiliary_points)
      if (p.value < aux.size()) aux[p.value] = true;
  } else {
    for (const Clause& c : problem.clauses)
      if (c.auxiliary)
        for (PointId p : c.points) aux[p.value] = true;
  }
  for (std::uint32_t i = 0; i < problem.point_count(); ++i)
    if (built(diagram, PointId(i)))
      figure.points.push_back({PointId(i), problem.point_names[i], diagram.points[i], aux[i]});

  std::vector<Named> named = statements_of(problem, proof, options);
  std::vector<std::vector<Request>> requests;
  std::vector<PointId> mentioned;
  for (const Named& n : named) {
    const bool all_built = std::all_of(n.args.begin(), n.args.end(), [&](PointId p) { return built(diagram, p); });
    requests.push_back(all_built ? requests_of(n.pred, n.args, n.auxiliary) : std::vector<Request>{});
    for (Request& r : requests.back()) {
      r.auxiliary = r.auxiliary || std::any_of(r.points.begin(), r.points.end(), [&](PointId p) { return aux[p.value]; });
      mentioned.insert(mentioned.end(), r.points.begin(), r.points.end());
    }
  }
  std::sort(mentioned.begin(), mentioned.end());
  mentioned.erase(std::unique(mentioned.begin(), mentioned.end()), mentioned.end());

  Builder builder(diagram, mentioned);
  if (proof) figure.step_objects.resize(proof->steps.size());
  for (std::size_t i = 0; i < named.size(); ++i)
    for (const Request& r : requests[i]) {
      const int obj = builder.place(r, figure);
      if (obj < 0 || named[i].step < 0) continue;
      auto& ids = figure.step_objects[named[i].step];
      if (std::find(ids.begin(), ids.end(), figure.objects[obj].id) == ids.end()) ids.push_back(figure.objects[obj].id);
    }
  return figure;
}

std::string render_svg(const Figure& figure, const SvgOptions& options) {
  const View view = fit_view(figure, options);
  std::string out = "<svg";
  if (options.xmlns) out += " xmlns=\"http://www.w3.org/2000/svg\"";
  out += fmt::format(" class=\"pappus-figure\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\"",
                     num(view.w), num(view.h), num(view.w), num(view.h));
  out += " aria-label=\"Figure" + (figure.title.empty() ? "" : " of " + xml_escape(figure.title)) + "\">\n";
  if (!figure.title.empty()) out += "<title>" + xml_escape(figure.title) + "</title>\n";
  out += "<g class=\"objects\" fill=\"none\" stroke-linecap=\"round\">\n";
  for (const FigureObject& o : figure.objects) {
    const std::string common =
        fmt::format("id=\"{}\" class=\"{}{}\" data-points=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{}", xml_escape(o.id),
                    o.kind == Kind::Line ? "line" : "circle", o.auxiliary ? " aux" : "",
                    xml_escape(names_of(figure, o.points)), o.auxiliary ? kAux : kInk,
                    o.auxiliary ? " stroke-dasharray=\"6 4\"" : "");
    if (o.kind == Kind::Line) {
      const Vec2 a = view(o.from), b = view(o.to);
      out += fmt::format("<line {} x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", common, num(a.x()), num(a.y()),
                         num(b.x()), num(b.y()));
    } else {
      const Vec2 c = view(o.circle.c);
      out += fmt::format("<circle {} cx=\"{}\" cy=\"{}\" r=\"{}\"/>\n", common, num(c.x()), num(c.y()),
                         num(o.circle.r * view.k));
    }
  }
  out += "</g>\n<g class=\"points\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"" +
         num(kFont) + "\">\n";
  const std::vector<Vec2> labels = place_labels(figure, view);
  for (std::size_t i = 0; i < figure.points.size(); ++i) {
    const FigurePoint& p = figure.points[i];
    const Vec2 at = view(p.at);
    const std::string name = xml_escape(p.name);
    std::string label = p.name;
    if (options.capital_labels && !label.empty())
      label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    out += fmt::format("<g id=\"point-{}\" class=\"point{}\" data-points=\"{}\">", name, p.auxiliary ? " aux" : "", name);
    out += fmt::format("<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>", num(at.x()), num(at.y()),
                       num(kDot), p.auxiliary ? kAux : "#111827");
    out += fmt::format(
        "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"{}\">{}</text>"
        "</g>\n",
        num(labels[i].x()), num(labels[i].y()), p.auxiliary ? "#b45309" : "#111827", xml_escape(label));
  }
  out += "</g>\n</svg>\n";
  return out;
}

std::string render_svg(const Problem& problem, const Diagram& diagram, const Proof* proof, const SvgOptions& options) {
  return render_svg(layout_figure(problem, diagram, proof, options), options);
}

}  // namespace pappus::proof
