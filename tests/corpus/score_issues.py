#!/usr/bin/env python3
"""Score gate mode and plan mode against the labelled issue set (tests/corpus/issues).

Predictions come from commands run once per record, or from files:

  score_issues.py --labels tests/corpus/issues/labels.json \
      --gates-cmd 'dotnet src/PrReviewBot/bin/Release/net10.0/prreviewbot.dll gates --format json --body-file {file} --title {title}' \
      --plan-cmd  'dotnet src/PrReviewBot/bin/Release/net10.0/prreviewbot.dll plan --format json --body-file {file} --title {title}'

  score_issues.py --labels tests/corpus/issues/labels.json \
      --gates-predictions gates.json --plan-predictions plans.json

Placeholders in a command: {file} (the record's .md file), {id}, {title} and {labels}
(the record's labels_text). Every substituted value is shell-quoted, so do not put
quotes around placeholders. Exit codes 0 and 1 both count as normal output (gate mode
exits 1 while a gate is open); anything else, a timeout or output that is not JSON is an
error, and the record is scored as "nothing answered" / plan kind "error".

A prediction file holds either an object {id: <JSON the verb prints>} or a list of
such objects that each carry an "id" field.

Reading the predictions:
  gates: {"gates": [{"gate": 1, "name": "hardTargets", "status": "satisfied" | "open"}, ...]}
         a gate is predicted answered when its status is "satisfied"; gates are matched
         by name, and by number (1-5) when the name is missing.
  plan:  {"kind": "...", "step": {"number": N} | null}
         kinds are compared as written: a kind the labels do not use (for example
         "targetedFix") is simply a wrong answer. For kind "ladderStep" the step
         number must match too.

Scoring: per gate TP/FP/FN/TN, precision, recall, F1 (gold is labels' gates.<name>);
gate macro F1 = mean of the five F1 scores; plan accuracy = plans right / records.
The last two lines are `gateMacroF1=` and `planAccuracy=` for scripts to read.

Standard library only.
"""
import argparse
import collections
import json
import os
import shlex
import subprocess
import sys

GATES = ["hardTargets", "hotPath", "profile", "simplestSolution", "rollback"]
PLAN_KINDS = ["pushBack", "measureFirst", "ladderStep", "outsideLadder"]


def load_predictions_file(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if isinstance(data, dict):
        return data
    if isinstance(data, list):
        return {e["id"]: e for e in data if isinstance(e, dict) and "id" in e}
    raise SystemExit("%s: a predictions file must hold an object or a list" % path)


def run_command(template, rec, bodies, timeout, what):
    path = os.path.join(bodies, rec["id"] + ".md")
    if not os.path.exists(path):
        return None, "missing body file %s" % path
    values = {
        "file": shlex.quote(path),
        "id": shlex.quote(rec["id"]),
        "title": shlex.quote(rec.get("title", "")),
        "labels": shlex.quote(rec.get("labels_text", "")),
    }
    try:
        cmd = template.format(**values)
    except (KeyError, IndexError) as exc:
        raise SystemExit("bad --%s-cmd template: unknown placeholder %s" % (what, exc))
    try:
        proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout after %ss" % timeout
    if proc.returncode not in (0, 1):
        return None, "exit code %d: %s" % (proc.returncode, proc.stderr.strip()[:200])
    try:
        return json.loads(proc.stdout), None
    except ValueError:
        return None, "output is not JSON: %r" % proc.stdout[:200]


def predicted_gates(pred):
    out = {name: False for name in GATES}
    entries = (pred or {}).get("gates") or []
    if isinstance(entries, dict):  # tolerate {"hardTargets": {...}} too
        entries = [dict(v, name=k) for k, v in entries.items() if isinstance(v, dict)]
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        name = entry.get("name")
        if name not in out:
            number = entry.get("gate")
            if isinstance(number, int) and 1 <= number <= len(GATES):
                name = GATES[number - 1]
            else:
                continue
        out[name] = str(entry.get("status", "")).lower() == "satisfied"
    return out


def predicted_plan(pred):
    if not pred:
        return "error", None
    kind = str(pred.get("kind") or "none")
    step = pred.get("step")
    number = None
    if isinstance(step, dict):
        number = step.get("number")
    elif isinstance(step, int):
        number = step
    return kind, number


def plan_text(kind, step):
    return "%s(%s)" % (kind, step) if kind == "ladderStep" else kind


def ratio(num, den):
    return num / den if den else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", required=True, help="labels.json of the issue set")
    ap.add_argument("--bodies", help="folder with <id>.md files (default: folder of --labels)")
    ap.add_argument("--gates-cmd", help="gate-mode command template, run once per record")
    ap.add_argument("--plan-cmd", help="plan-mode command template, run once per record")
    ap.add_argument("--gates-predictions", help="JSON file with gate-mode output per id")
    ap.add_argument("--plan-predictions", help="JSON file with plan-mode output per id")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per command run (default 60)")
    ap.add_argument("--exclude-uncertain", action="store_true", help="drop records labelled uncertain")
    ap.add_argument("--show-errors", action="store_true", help="list records whose prediction failed")
    args = ap.parse_args()

    if args.gates_cmd and args.gates_predictions:
        ap.error("give --gates-cmd or --gates-predictions, not both")
    if args.plan_cmd and args.plan_predictions:
        ap.error("give --plan-cmd or --plan-predictions, not both")
    do_gates = bool(args.gates_cmd or args.gates_predictions)
    do_plan = bool(args.plan_cmd or args.plan_predictions)
    if not (do_gates or do_plan):
        ap.error("nothing to score: give a gates and/or a plan source")

    with open(args.labels, encoding="utf-8") as fh:
        records = json.load(fh)
    if args.exclude_uncertain:
        records = [r for r in records if not r.get("uncertain")]
    bodies = args.bodies or os.path.dirname(os.path.abspath(args.labels))
    gate_file = load_predictions_file(args.gates_predictions) if args.gates_predictions else None
    plan_file = load_predictions_file(args.plan_predictions) if args.plan_predictions else None

    counts = {name: collections.Counter() for name in GATES}
    plan_right = 0
    wrong_plans = []
    confusion = collections.Counter()
    errors = []
    for rec in records:
        if do_gates:
            if gate_file is not None:
                pred = gate_file.get(rec["id"])
                err = None if pred is not None else "no prediction"
            else:
                pred, err = run_command(args.gates_cmd, rec, bodies, args.timeout, "gates")
            if err:
                errors.append((rec["id"], "gates", err))
            got = predicted_gates(pred)
            for name in GATES:
                gold = bool(rec["gates"][name])
                hit = got[name]
                counts[name][("TP" if hit else "FN") if gold else ("FP" if hit else "TN")] += 1
        if do_plan:
            if plan_file is not None:
                pred = plan_file.get(rec["id"])
                err = None if pred is not None else "no prediction"
            else:
                pred, err = run_command(args.plan_cmd, rec, bodies, args.timeout, "plan")
            if err:
                errors.append((rec["id"], "plan", err))
            kind, step = predicted_plan(pred)
            gold_kind = rec["plan"]["kind"]
            gold_step = rec["plan"].get("step")
            right = kind == gold_kind and (gold_kind != "ladderStep" or step == gold_step)
            gold_text = plan_text(gold_kind, gold_step)
            got_text = plan_text(kind, step)
            confusion[(gold_text, got_text)] += 1
            if right:
                plan_right += 1
            else:
                wrong_plans.append((rec["id"], gold_text, got_text))

    n = len(records)
    print("records: %d%s; prediction errors: %d"
          % (n, " (uncertain excluded)" if args.exclude_uncertain else "", len(errors)))
    macro = None
    if do_gates:
        print()
        header = "%-17s %4s %4s %4s %4s %9s %7s %6s" % ("gate", "TP", "FP", "FN", "TN", "precision", "recall", "F1")
        print(header)
        print("-" * len(header))
        f1s = []
        for i, name in enumerate(GATES, 1):
            c = counts[name]
            p = ratio(c["TP"], c["TP"] + c["FP"])
            r = ratio(c["TP"], c["TP"] + c["FN"])
            f1 = ratio(2 * p * r, p + r)
            f1s.append(f1)
            print("%-17s %4d %4d %4d %4d %9.3f %7.3f %6.3f"
                  % ("%d %s" % (i, name), c["TP"], c["FP"], c["FN"], c["TN"], p, r, f1))
        macro = sum(f1s) / len(f1s)
        print("gate macro F1: %.3f" % macro)
    if do_plan:
        print()
        print("plan right: %d/%d (%.3f)" % (plan_right, n, ratio(plan_right, n)))
        print()
        print("plan confusion (gold -> predicted: count)")
        for (gold, got), count in sorted(confusion.items()):
            print("  %-16s -> %-16s %3d%s" % (gold, got, count, "" if gold == got else "  x"))
        if wrong_plans:
            print()
            print("wrong plans (id: gold -> predicted)")
            for rid, gold, got in wrong_plans:
                print("  %s: %s -> %s" % (rid, gold, got))
    if errors and args.show_errors:
        print()
        for rid, what, err in errors:
            print("error %s (%s): %s" % (rid, what, err), file=sys.stderr)
    print()
    if macro is not None:
        print("gateMacroF1=%.3f" % macro)
    if do_plan:
        print("planAccuracy=%.3f" % ratio(plan_right, n))


if __name__ == "__main__":
    main()
