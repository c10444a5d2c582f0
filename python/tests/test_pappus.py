"""Tests of the Python module pappus (python/*.cpp), run by ctest as python.module.

ctest sets PYTHONPATH to the built package, PAPPUS to the pappus command
line (generate is compared with it) and PAPPUS_SOURCE_DIR to the source tree.
"""
import ast
import contextlib
import io
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import unittest

import pappus

SOURCE = os.environ.get("PAPPUS_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(SOURCE, "tools", "examples", "examples.txt")
OLYMPIAD = os.path.join(SOURCE, "tests", "data", "benchmarks", "olympiad_dev.txt")
ORTHOCENTER = ("a b c = triangle a b c; d = foot d a b c; e = foot e b c a; "
               "h = on_line h a d, on_line h b e ? perp c h a b")


def record(path, name):
    """The problem named `name` of a problem file."""
    for r in LIBRARY.parse_file(path):
        if r.name == name:
            return r.problem
    raise KeyError(name)


LIBRARY = pappus.Library()


class ParseTest(unittest.TestCase):
    def test_problem(self):
        p = LIBRARY.parse(ORTHOCENTER, name="orthocenter")
        self.assertEqual(p.name, "orthocenter")
        self.assertEqual(p.points, ["a", "b", "c", "d", "e", "h"])
        self.assertEqual(p.goals, ["perp c h a b"])
        self.assertEqual(str(p), ORTHOCENTER)

    def test_error_has_message_line_column_and_hint(self):
        with self.assertRaises(pappus.ParseError) as caught:
            LIBRARY.parse("a b c = triangle a b; d = midpoint d a b ? para a b c d")
        e = caught.exception
        self.assertIsInstance(e, pappus.Error)
        self.assertIn("wrong number of arguments for 'triangle'", e.message)
        self.assertEqual((e.line, e.column), (1, 9))
        self.assertEqual(e.token, "triangle")
        self.assertIn("triangle a b c", e.hint)
        self.assertIn("1:9", str(e))

    def test_unknown_construction_column(self):
        text = "a b c = triangle a b c; d = midpont d a b ? para a b c d"
        with self.assertRaises(pappus.ParseError) as caught:
            LIBRARY.parse(text, file="form")
        e = caught.exception
        self.assertEqual(e.line, 1)
        self.assertEqual(e.column, text.index("midpont") + 1)
        self.assertEqual(e.file, "form")
        self.assertIn("midpoint", e.hint)  # did you mean

    def test_file_records(self):
        records = LIBRARY.parse_file(EXAMPLES)
        self.assertEqual(len(records), 7)
        self.assertTrue(all(r.problem is not None and r.error is None for r in records))
        with self.assertRaises(pappus.Error):
            LIBRARY.parse_file(os.path.join(SOURCE, "no such file.txt"))

    def test_figure(self):
        p = LIBRARY.parse(ORTHOCENTER)
        figure = LIBRARY.build_figure(p, seed=3)
        self.assertTrue(figure.all_goals_hold())
        self.assertEqual([q.name for q in figure.points], p.points)
        self.assertEqual(set(figure.coordinates), set(p.points))
        again = LIBRARY.build_figure(p, seed=3)
        self.assertEqual(figure.coordinates, again.coordinates)
        self.assertTrue(LIBRARY.draw(p).lstrip().startswith("<svg"))


class SolveTest(unittest.TestCase):
    def test_bundled_example_proof_checked(self):
        problem = record(EXAMPLES, "orthocenter_concurrent")
        phases = []
        result = pappus.Solver(LIBRARY).solve(problem, time_limit_s=20, on_progress=lambda p: phases.append(p.phase))
        self.assertEqual(result.status, pappus.SolveStatus.Proved)
        self.assertTrue(result.proved)
        self.assertEqual(result.stop, pappus.StopReason.Proved)
        proof = result.proof
        self.assertTrue(proof.checked, proof.check_message)  # the independent checker accepted it
        self.assertGreater(len(proof.steps), 3)
        for step in proof.steps:
            self.assertTrue(all(0 < u < step.number for u in step.uses))
        self.assertEqual(proof.steps[0].kind, pappus.ProofStep.Kind.Premise)
        self.assertIn(pappus.Progress.Phase.Proof, phases)
        # The JSON is the library's: the proof's, and solve --format json's document.
        doc = result.to_dict()
        self.assertEqual(doc["status"], "proved")
        self.assertEqual(doc["checker"], {"ok": True, "message": ""})
        self.assertEqual(doc["steps"], proof.to_dict()["steps"])
        self.assertEqual([s["statement"] for s in doc["steps"]], [s.statement for s in proof.steps])
        self.assertEqual(json.loads(result.json), doc)
        self.assertIn("<html", proof.html())

    def test_same_document_as_the_cli(self):
        cli = subprocess.run([os.environ["PAPPUS"], "solve", EXAMPLES, "--problem", "midline_parallel",
                              "--format", "json"], capture_output=True, text=True, check=True)
        result = pappus.Solver(LIBRARY).solve(record(EXAMPLES, "midline_parallel"))
        expected, got = json.loads(cli.stdout), result.to_dict()
        del expected["seconds"], got["seconds"]
        self.assertEqual(got, expected)

    def test_find_x(self):
        problem = LIBRARY.parse("a = free a; b = lconst b a 3; c = eq_triangle c a b ? acompute b c a b")
        result = pappus.Solver(LIBRARY).solve(problem)
        self.assertTrue(result.proved)
        [answer] = result.answers
        self.assertEqual(answer.query, "acompute b c a b")
        self.assertEqual(answer.value, "60° (π/3)")
        self.assertEqual(answer.statement, "aconst b c a b 1pi/3")
        self.assertTrue(answer.proved)
        self.assertAlmostEqual(answer.numeric, 3.141592653589793 / 3)
        self.assertEqual(result.to_dict()["answers"][0]["value"], answer.value)
        inexact = pappus.Solver(LIBRARY).solve(LIBRARY.parse("a b c = triangle a b c ? rcompute a b a c"))
        self.assertEqual(inexact.status, pappus.SolveStatus.CheckedNumerically)
        self.assertFalse(inexact.answers[0].proved)
        self.assertTrue(inexact.answers[0].value.startswith("≈ "))

    def test_options(self):
        solver = pappus.Solver(LIBRARY)
        with self.assertRaises(TypeError) as caught:
            solver.solve(LIBRARY.parse(ORTHOCENTER), time_limit=5)
        self.assertIn("time_limit_s", str(caught.exception))
        with self.assertRaises(ValueError):
            solver.solve(LIBRARY.parse(ORTHOCENTER), threads=0)
        with self.assertRaises(pappus.Error):
            solver.solve(LIBRARY.parse(ORTHOCENTER), proposer="oracle")
        result = solver.solve(record(OLYMPIAD, "usamo_2012_p5"), depth=0)
        self.assertEqual(result.status, pappus.SolveStatus.NotProved)
        self.assertEqual(result.stop, pappus.StopReason.Saturated)
        self.assertIsNone(result.proof)

    def test_progress_exception_cancels_and_is_raised(self):
        def fail(progress):
            raise RuntimeError("stop here")
        with self.assertRaisesRegex(RuntimeError, "stop here"):
            pappus.Solver(LIBRARY).solve(record(OLYMPIAD, "usamo_2012_p5"), time_limit_s=60, on_progress=fail)

    def test_cancel_from_another_thread(self):
        # A search that runs to its time limit (60 s) unless cancelled.
        problem = record(OLYMPIAD, "usamo_2012_p5")
        solver = pappus.Solver(LIBRARY)
        searching = threading.Event()
        out = {}

        def progress(p):
            if p.phase == pappus.Progress.Phase.Search:
                searching.set()

        def work():
            out["result"] = solver.solve(problem, time_limit_s=60, on_progress=progress)
            out["end"] = time.monotonic()

        thread = threading.Thread(target=work)
        start = time.monotonic()
        thread.start()
        self.assertTrue(searching.wait(30), "the search did not start")
        time.sleep(0.3)
        # The GIL is released while solving: this thread runs meanwhile.
        with self.assertRaisesRegex(RuntimeError, "one Solver per thread"):
            solver.solve(problem)
        cancelled = time.monotonic()
        solver.cancel()
        thread.join(30)
        self.assertFalse(thread.is_alive())
        result = out["result"]
        self.assertEqual(result.stop, pappus.StopReason.Cancelled)
        self.assertEqual(result.status, pappus.SolveStatus.NotProved)
        self.assertGreater(result.stats.search_nodes, 0)
        self.assertLess(out["end"] - cancelled, 2.0)
        self.assertLess(out["end"] - start, 30)

    def test_threads_give_the_sequential_results(self):
        # One Solver per thread, solving at once with the GIL released.
        problems = [r.problem for r in LIBRARY.parse_file(EXAMPLES)]
        sequential = [pappus.Solver(LIBRARY).solve(p, depth=0).proof.text for p in problems]
        parallel = [None] * len(problems)

        def work(start):
            solver = pappus.Solver(LIBRARY)
            for i in range(start, len(problems), 2):
                parallel[i] = solver.solve(problems[i], depth=0).proof.text

        threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(parallel, sequential)

    def test_ctrl_c_cancels(self):
        # SIGINT to this (the main) thread while it waits for a long search.
        timer = threading.Timer(0.5, signal.pthread_kill, (threading.main_thread().ident, signal.SIGINT))
        solver = pappus.Solver(LIBRARY)
        start = time.monotonic()
        timer.start()
        with self.assertRaises(KeyboardInterrupt):
            solver.solve(record(OLYMPIAD, "usamo_2012_p5"), time_limit_s=60)
        self.assertLess(time.monotonic() - start, 5)
        timer.join()
        self.assertTrue(solver.solve(LIBRARY.parse(ORTHOCENTER)).proved)  # usable again

    def test_readme_example(self):
        with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        section = readme[readme.index("## From Python"):]
        example = re.search(r"```python\n(.*?)```", section, re.S).group(1)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(example, {})
        self.assertIn("SolveStatus.Proved StopReason.Proved", out.getvalue())
        self.assertIn("Proved: AB ⊥ CH", out.getvalue())

    def test_learned_proposer(self):
        proposer = pappus.load_learned_proposer(LIBRARY)  # models/ranker.tsv
        self.assertEqual(proposer.name, "learned")
        problem = LIBRARY.parse_file(os.path.join(SOURCE, "tests", "data", "aux", "tangent_point.txt"))[0].problem
        result = pappus.Solver(LIBRARY).solve(problem, proposer=proposer, time_limit_s=60)
        self.assertIsNotNone(result.proof)
        self.assertTrue(result.proof.checked)
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.tsv")
            with open(bad, "w") as f:
                f.write("kind=nonsense\t1\n")
            with self.assertRaises(pappus.Error) as e:
                pappus.load_learned_proposer(LIBRARY, ranker=bad)
            self.assertIn("unknown ranker feature 'kind=nonsense'", str(e.exception))

    def test_neural_proposer(self):
        built = os.environ.get("PAPPUS_NEURAL_BUILT")  # ctest says whether the plugin was built
        if built == "0":
            with self.assertRaises(pappus.Error):
                pappus.load_neural_proposer(LIBRARY)
            self.skipTest("the neural plugin is not built (no libtorch)")
        try:
            proposer = pappus.load_neural_proposer(LIBRARY, combined=True)
        except pappus.Error:
            if built is None:
                self.skipTest("no neural plugin")
            raise
        self.assertEqual(proposer.name, "combined")
        self.assertEqual(pappus.load_neural_proposer(LIBRARY, ranked=True).name, "ranked")
        self.assertEqual(pappus.load_neural_proposer(LIBRARY, ranked=True, rank_pool=40, model_depth=0).name, "ranked")
        with self.assertRaises(ValueError):
            pappus.load_neural_proposer(LIBRARY, rank_pool=0)
        problem = LIBRARY.parse_file(os.path.join(SOURCE, "tests", "data", "needs_aux.txt"))[0].problem
        result = pappus.Solver(LIBRARY).solve(problem, proposer=proposer, time_limit_s=30)
        self.assertGreater(result.stats.search_nodes, 0)
        if result.proof is not None:
            self.assertTrue(result.proof.checked)


class TutorTest(unittest.TestCase):
    def setUp(self):
        self.problem = LIBRARY.parse(ORTHOCENTER)
        self.solver = pappus.Solver(LIBRARY)

    def test_check_step(self):
        check = self.solver.check_step(self.problem, "perp a d b c")
        self.assertTrue(check.true_in_figure)
        self.assertTrue(check.derivable)
        false = self.solver.check_step(self.problem, "para a d b c")
        self.assertFalse(false.true_in_figure)
        self.assertFalse(false.derivable)
        with self.assertRaises(pappus.Error) as caught:
            self.solver.check_step(self.problem, "perp a d b")
        self.assertGreater(caught.exception.column, 0)

    def test_check_step_with_premises(self):
        problem = record(EXAMPLES, "midline_parallel")
        check = self.solver.check_step(problem, "midp m a b, midp n a c => para m n b c")
        self.assertTrue(check.true_in_figure)
        self.assertEqual(check.premises_true, [True, True])
        self.assertTrue(check.follows_in_one_step)
        self.assertTrue(check.rule)
        self.assertTrue(check.theorem)

    def test_hint(self):
        hint = self.solver.hint(self.problem, [])
        self.assertEqual(hint.kind, pappus.Hint.Kind.Step)
        self.assertTrue(hint.statement)
        self.assertTrue(hint.text)
        self.assertGreaterEqual(hint.steps_left, 1)
        self.assertNotRegex(hint.text, r"\(\d+\)")  # facts written out, no step numbers
        done = self.solver.hint(self.problem, ["perp c h a b"])
        self.assertEqual(done.kind, pappus.Hint.Kind.Done)

    def test_hint_and_check_step_name_the_route(self):
        problem = LIBRARY.parse("a b c = triangle a b c; m = midpoint m a b; o = circle o a b c ? perp o m a b")
        hint = self.solver.hint(problem, [])
        self.assertEqual(hint.rule, "perp_bisector")
        self.assertEqual(sorted(hint.uses), ["cong m a m b", "cong o a o b"])
        self.assertIn("O is the circumcenter of ABC", hint.text)
        given = self.solver.check_step(problem, "cong o b o c")
        self.assertEqual(given.steps_needed, 0)
        self.assertEqual(given.given_clause, 3)
        self.assertIn("o = circle o a b c", given.given_by)
        self.assertIn("given", given.explanation)

    def test_explain(self):
        result = self.solver.explain(self.problem, "perp a d b c")
        self.assertTrue(result.proved)
        self.assertTrue(result.proof.checked)
        false = self.solver.explain(self.problem, "para a d b c")
        self.assertEqual(false.status, pappus.SolveStatus.GoalFalse)


class GenerateTest(unittest.TestCase):
    def cli(self, *options):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "data.jsonl")
            subprocess.run([os.environ["PAPPUS"], "generate", "--out", out, *options], check=True,
                           capture_output=True)
            with open(out, encoding="utf-8") as f:
                return f.read().splitlines()

    def test_same_json_as_the_cli(self):
        lines = self.cli("--figures", "1", "--seed", "7")
        self.assertGreater(len(lines), 5)
        self.assertEqual(list(pappus.generate(LIBRARY, figures=1, seed=7, as_json=True)), lines)
        first = list(pappus.generate(LIBRARY, count=5, seed=7))
        self.assertEqual(first, [json.loads(line) for line in lines[:5]])
        self.assertEqual(set(first[0]), {"id", "figure", "seq", "problem", "premises", "goal", "aux", "train",
                                         "stats", "proof"})

    def test_per_figure_and_goal_mix_as_the_cli(self):
        lines = self.cli("--figures", "2", "--seed", "7", "--per-figure", "3", "--goal-mix", "eqratio=0,perp=5")
        self.assertEqual(list(pappus.generate(LIBRARY, figures=2, seed=7, per_figure=3, goal_mix="eqratio=0,perp=5",
                                              as_json=True)), lines)
        self.assertLessEqual(len(lines), 6)
        self.assertFalse(any(json.loads(line)["goal"].startswith("eqratio") for line in lines))
        with self.assertRaises(ValueError):
            pappus.generate(LIBRARY, figures=1, per_figure=-1)

    def test_prompt_facts_as_the_cli(self):
        lines = self.cli("--figures", "3", "--seed", "11", "--aux-ratio", "1", "--prompt-facts", "4")
        self.assertEqual(list(pappus.generate(LIBRARY, figures=3, seed=11, aux_ratio=1, prompt_facts=4, as_json=True)),
                         lines)
        records = [json.loads(line) for line in lines]
        self.assertTrue(any(r.get("facts") for r in records))
        for r in records:
            tail = " | " + "; ".join(r["facts"]) if r.get("facts") else ""
            self.assertLessEqual(len(r.get("facts", [])), 4)
            for pair in r["train"]:
                self.assertTrue(pair["prompt"].endswith(" ? " + r["goal"] + tail))
        with self.assertRaises(ValueError):
            pappus.generate(LIBRARY, figures=1, prompt_facts=33)

    def test_close_stops_the_run(self):
        with pappus.generate(LIBRARY, figures=1000, seed=7) as examples:
            taken = [next(examples) for _ in range(3)]
        self.assertEqual(len(taken), 3)
        self.assertEqual(list(examples), [])
        self.assertLess(examples.stats.figures, 1000)

    def test_bad_options(self):
        with self.assertRaises(ValueError):
            pappus.generate(LIBRARY)
        with self.assertRaises(pappus.Error):
            pappus.generate(LIBRARY, figures=1, mix="no_such_construction=2")


class ModuleTest(unittest.TestCase):
    def test_no_libtorch(self):
        with open("/proc/self/maps", encoding="utf-8") as maps:
            self.assertNotIn("libtorch", maps.read())

    def test_stub_matches_the_module(self):
        # Every name of __init__.pyi exists in the module, and every public name of the module is in it.
        with open(os.path.join(SOURCE, "python", "pappus", "__init__.pyi"), encoding="utf-8") as f:
            stub = ast.parse(f.read())

        def names(body):
            out = {}
            for node in body:
                if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                    out[node.name] = node
                elif isinstance(node, ast.AnnAssign):
                    out[node.target.id] = node
                elif isinstance(node, ast.Assign):
                    out.update((t.id, node) for t in node.targets)
            return out

        top = names(stub.body)
        self.assertEqual(set(top) - {"__version__"}, set(pappus.__all__))
        for name, node in top.items():
            self.assertTrue(hasattr(pappus, name), name)
            if isinstance(node, ast.ClassDef):
                for member in names(node.body):
                    if not member.startswith("__"):
                        self.assertTrue(hasattr(getattr(pappus, name), member), f"{name}.{member}")

    def test_defaults_are_the_options(self):
        result = pappus.Solver(LIBRARY).solve(LIBRARY.parse(ORTHOCENTER), **pappus.DEFAULTS)
        self.assertTrue(result.proved)
        self.assertTrue(pappus.__version__)


if __name__ == "__main__":
    unittest.main()
