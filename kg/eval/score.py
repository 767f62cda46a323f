#!/usr/bin/env python3
# Vendored verbatim from shared/eval/score.py (the reference scorer) so that `kg eval` prints
# exactly its figures; tests/test_eval.py checks the two agree. Do not edit by hand.
"""Score a knowledge graph against hand-annotated gold files.

    python3 score.py GRAPH GOLD.json [GOLD.json ...] [--json] [--min entity_f1=0.9 ...]

GRAPH is any file rdflib can parse (.ttl .nt .trig .nq .jsonld .rdf). Classes and
predicates are matched by local name, as shared/spec/graph-contract.md defines them.
Several gold files are merged into one corpus-level gold (entities by label).
Exit status: 0, or 1 when a --min threshold is not met, 2 on unusable input.
"""
import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

ORG_CLASSES = {"Organization", "PartyOrganization", "GovernmentBody", "Company", "School", "SocialOrganization"}
ENTITY_CLASSES = ORG_CLASSES | {"Person", "AdministrativeArea", "Place", "Programme", "Event", "Product"}
RELATIONS = {"leads", "memberOf", "subOrganizationOf", "locatedIn", "implements", "founded",
             "mergedInto", "residesIn", "cooperatesWith"}
QUOTES = {ord(c): None for c in "\"'“”‘’「」『』《》〈〉"}


def norm(text):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).translate(QUOTES)


def local(term):
    return re.split(r"[#/]", str(term))[-1]


def coarse(cls):
    return "Organization" if cls in ORG_CLASSES else cls


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def load_graph(path):
    fmt = rdflib.util.guess_format(path) or "turtle"
    ds = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    ds.parse(path, format=fmt)
    g = rdflib.Graph()
    for t in (ds.quads() if isinstance(ds, rdflib.Dataset) else ds):
        g.add(t[:3])
    return g


def load_gold(paths):
    entities, keys, relations, articles = [], {}, {}, []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for e in doc.get("entities", []):
            key = norm(e["label"])
            if key in keys:  # same entity annotated in another document
                known = entities[keys[key]]
                known["optional"] = known["optional"] and e.get("optional", False)
                for a in e.get("aliases", []):
                    keys.setdefault(norm(a), keys[key])
                continue
            entities.append({"label": e["label"], "type": e["type"], "optional": e.get("optional", False)})
            keys[key] = len(entities) - 1
            for a in e.get("aliases", []):
                keys.setdefault(norm(a), len(entities) - 1)
        for r in doc.get("relations", []):
            s, o = keys.get(norm(r["s"])), keys.get(norm(r["o"]))
            if s is None or o is None:
                sys.exit(f"{path}: relation {r} names an entity that the gold file does not list")
            k = (s, r["p"], o)
            optional = r.get("optional", False)
            if k in relations:
                optional = optional and relations[k]["optional"]
            relations[k] = {"title": r.get("title") or relations.get(k, {}).get("title"), "optional": optional}
        for a in doc.get("articles", []):
            articles.append(a)
    return entities, keys, relations, articles


def literals(g, node, names):
    out = []
    for p, o in g.predicate_objects(node):
        if local(p) in names and isinstance(o, rdflib.Literal):
            out.append(str(o))
    return out


def score(graph, gold_paths):
    g = load_graph(graph)
    gents, gkeys, grels, garts = load_gold(gold_paths)

    # predicted entities
    pred = {}
    for s, o in g.subject_objects(RDF.type):
        if local(o) in ENTITY_CLASSES:
            pred.setdefault(s, set()).add(local(o))
    node_gold, claimed = {}, {}
    spurious, duplicates, ignored = [], [], 0

    def match(node):
        canon = [str(x) for x in g.objects(node, RDFS.label)] + [str(x) for x in g.objects(node, SKOS.prefLabel)]
        alts = [str(x) for x in g.objects(node, SKOS.altLabel)]
        for lab in canon + alts:
            if norm(lab) in gkeys:
                return gkeys[norm(lab)], lab, lab in canon and norm(lab) == norm(gents[gkeys[norm(lab)]]["label"])
        return None, (canon + alts + [str(node)])[0], False

    matches = {n: match(n) for n in pred}
    order = sorted(pred, key=lambda n: (not matches[n][2], str(n)))
    tp = typed_tp = 0
    for n in order:
        gi, lab, _ = matches[n]
        if gi is None:
            spurious.append(f"{lab} ({'/'.join(sorted(pred[n]))})")
            continue
        node_gold[n] = gi
        if gents[gi]["optional"]:
            ignored += 1
        elif gi in claimed:
            duplicates.append(f"{lab} (again {gents[gi]['label']})")
        else:
            claimed[gi] = n
            tp += 1
            if coarse(gents[gi]["type"]) in {coarse(c) for c in pred[n]}:
                typed_tp += 1
    required = [i for i, e in enumerate(gents) if not e["optional"]]
    missed = [gents[i]["label"] for i in required if i not in claimed]
    fp = len(spurious) + len(duplicates)
    mistyped = [f"{gents[i]['label']}: gold {gents[i]['type']}, predicted {'/'.join(sorted(pred[n]))}"
                for i, n in claimed.items()
                if coarse(gents[i]["type"]) not in {coarse(c) for c in pred[n]}]
    result = {"entities": prf(tp, fp, len(missed)),
              "entities_typed": prf(typed_tp, fp + tp - typed_tp, len(required) - typed_tp),
              "entity_errors": {"missed": missed, "spurious": spurious, "duplicates": duplicates,
                                "mistyped": mistyped, "optional_seen": ignored}}

    # relations
    predicted_rel, unmapped = set(), []
    for s, p, o in g:
        name = local(p)
        if name not in RELATIONS or s not in pred or o not in pred:
            continue
        if s in node_gold and o in node_gold:
            predicted_rel.add((node_gold[s], name, node_gold[o]))
        else:
            unmapped.append(f"{match(s)[1]} {name} {match(o)[1]}")
    req = {k for k, v in grels.items() if not v["optional"]}
    opt = {k for k, v in grels.items() if v["optional"]}
    per = {}
    for name in sorted(RELATIONS):
        r_req = {k for k in req if k[1] == name}
        r_pred = {k for k in predicted_rel if k[1] == name} - opt
        if r_req or r_pred:
            per[name] = prf(len(r_req & r_pred), len(r_pred - r_req), len(r_req - r_pred))
    extra = (predicted_rel - req - opt)
    lab = lambda k: f"{gents[k[0]]['label']} {k[1]} {gents[k[2]]['label']}"
    result["relations"] = prf(len(req & predicted_rel), len(extra) + len(unmapped), len(req - predicted_rel))
    result["relations_by_predicate"] = per
    result["relation_errors"] = {"missed": sorted(lab(k) for k in req - predicted_rel),
                                 "wrong": sorted(lab(k) for k in extra) + sorted(unmapped)}

    # titles on provenance records
    titles_ok, titles_total, title_errors = 0, 0, []
    for k, v in grels.items():
        if v["optional"] or not v["title"]:
            continue
        titles_total += 1
        seen = set()
        for st in g.subjects(RDF.predicate, None):
            ps = [local(x) for x in g.objects(st, RDF.predicate)]
            ss = [node_gold.get(x) for x in g.objects(st, RDF.subject)]
            os_ = [node_gold.get(x) for x in g.objects(st, RDF.object)]
            if k[1] in ps and k[0] in ss and k[2] in os_:
                seen.update(norm(t) for t in literals(g, st, {"title"}))
        if norm(v["title"]) in seen:
            titles_ok += 1
        else:
            title_errors.append(f"{lab(k)}: want {v['title']}, got {sorted(seen) or 'none'}")
    result["titles"] = {"correct": titles_ok, "total": titles_total, "errors": title_errors}

    # articles: segmentation, authors, interviewees
    arts = [a for a, c in g.subject_objects(RDF.type) if local(c) == "Article"]
    heads = {a: [norm(h) for h in literals(g, a, {"headline", "alternativeHeadline", "name"})] for a in arts}
    mentioned = {a: {norm(x) for o in g.objects(a, None) if o in pred
                     for x in g.objects(o, RDFS.label)} for a in arts}

    def same_headline(want, have):
        return want == have or (min(len(want), len(have)) >= 6 and (want in have or have in want))

    assigned = {}
    for i, ga in enumerate(garts):
        wants = [norm(h) for h in [ga.get("headline")] + ga.get("aliases", []) if h]
        for a in arts:
            if a in assigned.values():
                continue
            if wants and any(same_headline(w, h) for w in wants for h in heads[a]):
                assigned[i] = a
                break
            if not wants and ga.get("key") and norm(ga["key"]) in mentioned[a] \
                    and not any(same_headline(norm(x.get("headline") or ""), h)
                                for x in garts for h in heads[a] if x.get("headline")):
                assigned[i] = a
                break

    def people(a, prop):
        out = set()
        for p, o in g.predicate_objects(a):
            if local(p) == prop:
                out.add(gents[node_gold[o]]["label"] if o in node_gold else match(o)[1])
        return out

    for prop, field in (("author", "authors"), ("interviewee", "interviewees")):
        tp = fp = fn = 0
        errors = []
        for i, ga in enumerate(garts):
            want = set(ga.get(field, []))
            have = people(assigned[i], prop) if i in assigned else set()
            tp += len(want & have)
            fp += len(have - want)
            fn += len(want - have)
            if want != have:
                errors.append(f"{ga.get('headline') or ga.get('key')}: want {sorted(want)}, got {sorted(have)}")
        for a in arts:
            if a not in assigned.values():
                stray = people(a, prop)
                fp += len(stray)
                if stray:
                    errors.append(f"unmatched article {heads[a][:1]}: {sorted(stray)}")
        result[field] = prf(tp, fp, fn)
        result[field]["errors"] = errors
    result["articles"] = {"gold": len(garts), "matched": len(assigned), "predicted": len(arts),
                          "unmatched_gold": [ga.get("headline") or ga.get("key")
                                             for i, ga in enumerate(garts) if i not in assigned]}
    result["triples"] = len(g)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph")
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    ap.add_argument("--min", action="append", default=[], metavar="NAME=VALUE",
                    help="threshold: entity_f1, typed_f1, relation_f1, author_f1, articles (fraction matched)")
    args = ap.parse_args()
    try:
        res = score(args.graph, args.gold)
    except Exception as exc:  # unusable graph or gold
        print(f"score: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    figures = {"entity_f1": res["entities"]["f1"], "typed_f1": res["entities_typed"]["f1"],
               "relation_f1": res["relations"]["f1"], "author_f1": res["authors"]["f1"],
               "interviewee_f1": res["interviewees"]["f1"],
               "articles": round(res["articles"]["matched"] / max(1, res["articles"]["gold"]), 4),
               "titles": round(res["titles"]["correct"] / max(1, res["titles"]["total"]), 4)}
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        e, t, r = res["entities"], res["entities_typed"], res["relations"]
        print(f"entities        P {e['p']:.3f}  R {e['r']:.3f}  F1 {e['f1']:.3f}   (tp {e['tp']} fp {e['fp']} fn {e['fn']})")
        print(f"entities+class  P {t['p']:.3f}  R {t['r']:.3f}  F1 {t['f1']:.3f}")
        print(f"relations       P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}   (tp {r['tp']} fp {r['fp']} fn {r['fn']})")
        for name, v in res["relations_by_predicate"].items():
            print(f"  {name:18} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}   (tp {v['tp']} fp {v['fp']} fn {v['fn']})")
        print(f"titles          {res['titles']['correct']}/{res['titles']['total']}")
        a = res["articles"]
        print(f"articles        matched {a['matched']}/{a['gold']}, predicted {a['predicted']}")
        for field in ("authors", "interviewees"):
            v = res[field]
            print(f"{field:15} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}")
        err = res["entity_errors"]
        for k in ("missed", "spurious", "duplicates", "mistyped"):
            if err[k]:
                print(f"entity {k} ({len(err[k])}): " + "; ".join(err[k][:40]))
        for k, v in res["relation_errors"].items():
            if v:
                print(f"relation {k} ({len(v)}): " + "; ".join(v[:40]))
        for field in ("authors", "interviewees"):
            if res[field]["errors"]:
                print(f"{field} errors: " + "; ".join(res[field]["errors"][:20]))
        if res["titles"]["errors"]:
            print("title errors: " + "; ".join(res["titles"]["errors"]))
        print(" | ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    failed = []
    for spec in args.min:
        name, _, value = spec.partition("=")
        if name not in figures:
            print(f"score: unknown figure {name}", file=sys.stderr)
            return 2
        if figures[name] < float(value):
            failed.append(f"{name} {figures[name]:.3f} < {value}")
    if failed:
        print("below threshold: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
