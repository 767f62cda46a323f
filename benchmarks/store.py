"""kg's oxigraph store against rdflib's in-memory Graph on a synthetic news graph.

    python benchmarks/store.py                      # 10^5 and 10^6 triples
    python benchmarks/store.py --triples 100000     # one size
    python benchmarks/store.py --huge               # adds 10^7 (minutes, GBs of disk)

The generator writes the contract's shape (articles with headline, date, author and
mentions; entities with type, @zh label and altLabels; relations; one rdf:Statement per
relation with evidence, offsets, confidence and extractor; one named graph per article) as
N-Quads for kg and as Turtle (the union, each triple once) for rdflib. Each engine runs in
its own subprocess so that its peak memory (ru_maxrss) is its own. Queries run in process
(timeout=None) on both sides.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from kg.rdf.namespaces import KG, article_iri, entity_iri, graph_iri  # noqa: E402

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
CHARS = ("云山河林青白石松柏梅兰竹菊春秋安平和泰宁康乐明光华新兴盛丰东西南北中上下金银"
         "玉星月阳海湖江溪泉桥峰岭原田园阁楼亭台文武德信仁义礼智忠孝永长远嘉祥瑞福寿鸿")
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
ORG_SUFFIX = [("街道党工委", "PartyOrganization"), ("社区党支部", "PartyOrganization"),
              ("服务中心", "GovernmentBody"), ("物业公司", "Company"), ("小学", "School"),
              ("志愿服务队", "SocialOrganization")]
AREA_SUFFIX = ["区", "街道", "社区", "镇"]
QUERIES = {
    "label lookup": "SELECT ?e WHERE {{ ?e <{RDFS}label> \"{label}\"@zh }}",
    "leaders in X": "SELECT DISTINCT ?p ?o WHERE {{ ?o <{KG}locatedIn> <{area}> . ?p <{KG}leads> ?o }}",
    "count by predicate": "SELECT ?p (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} GROUP BY ?p",
    "evidence for a fact": ("SELECT ?ev ?src ?start WHERE {{ ?st <{RDF}subject> <{s}> ; <{RDF}predicate> "
                            "<{KG}leads> ; <{RDF}object> <{o}> ; <{KG}evidence> ?ev ; "
                            "<{PROV}wasDerivedFrom> ?src ; <{KG}charStart> ?start }}"),
}


# --- the synthetic graph -------------------------------------------------------------------
class Names:
    def __init__(self, rng: random.Random):
        self.rng, self.seen = rng, set()

    def make(self, head: str, length: int, suffix: str = "") -> str:
        while True:
            name = head + "".join(self.rng.choice(CHARS) for _ in range(length)) + suffix
            if name not in self.seen:
                self.seen.add(name)
                return name


class World:
    """Entity pools and the facts that hold between them; articles report some of them."""

    def __init__(self, target: int, rng: random.Random):
        names = Names(rng)
        n_org = max(30, target // 150)
        self.areas = [(names.make("", 2, rng.choice(AREA_SUFFIX)), "AdministrativeArea")
                      for _ in range(max(10, n_org // 20))]
        self.orgs = [(names.make("", 2, s), c) for s, c in (rng.choice(ORG_SUFFIX) for _ in range(n_org))]
        self.leader = {org: (names.make(rng.choice(SURNAMES), 2), "Person") for org in self.orgs}
        self.area_of = {org: rng.choice(self.areas) for org in self.orgs}
        self.people = [(names.make(rng.choice(SURNAMES), 2), "Person") for _ in range(n_org)]
        self.places = [(names.make("", 2, "小区"), "Place") for _ in range(n_org // 2)]
        self.programmes = [(names.make("", 2, "工程"), "Programme") for _ in range(max(10, n_org // 10))]
        self.rng = rng

    def zipf(self, items):
        return items[min(int(self.rng.paretovariate(1.2)) - 1, len(items) - 1)] if self.rng.random() < 0.3 \
            else self.rng.choice(items)

    def facts(self):
        out = []
        for org in {self.zipf(self.orgs) for _ in range(3)}:
            out += [(self.leader[org], "leads", org), (org, "locatedIn", self.area_of[org])]
            out.append((org, "implements", self.rng.choice(self.programmes)))
        out.append((self.rng.choice(self.people), "residesIn", self.rng.choice(self.places)))
        return out


def iri(entity) -> str:
    return f"<{entity_iri(*entity)}>"


def lit(text: str, lang="zh") -> str:
    return f'"{text}"@{lang}'


def typed(value, dtype: str) -> str:
    return f'"{value}"^^<{XSD}{dtype}>'


def article_triples(i: int, world: World, rng: random.Random):
    """(triples, entities described) of one article, as N-Triples terms."""
    art = f"<{article_iri(f'bench{i:07d}')}>"
    author = rng.choice(world.people)
    facts = world.facts()
    entities = {author} | {e for s, _, o in facts for e in (s, o)}
    out = [(art, f"<{RDF}type>", f"<{KG}Article>"), (art, f"<{KG}headline>", lit(f"第{i}期新闻")),
           (art, f"<{KG}datePublished>", typed(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "date")),
           (art, f"<{KG}author>", iri(author))]
    out += [(art, f"<{KG}mentions>", iri(e)) for e in entities]
    out += [t for e in entities for t in describe(e)]
    for n, (s, p, o) in enumerate(facts):
        out.append((iri(s), f"<{KG}{p}>", iri(o)))
        out += statement(f"<{article_iri(f'bench{i:07d}')}/s{n}>", s, p, o, art, n)
    return out, entities


def describe(e):
    label, cls = e
    yield iri(e), f"<{RDF}type>", f"<{KG}{cls}>"
    yield iri(e), f"<{RDFS}label>", lit(label)
    if len(label) > 4:
        yield iri(e), f"<{SKOS}altLabel>", lit("本" + label[2:])


def statement(st, s, p, o, art, n):
    start = 10 * n
    return [(st, f"<{RDF}type>", f"<{RDF}Statement>"), (st, f"<{RDF}subject>", iri(s)),
            (st, f"<{RDF}predicate>", f"<{KG}{p}>"), (st, f"<{RDF}object>", iri(o)),
            (st, f"<{PROV}wasDerivedFrom>", art), (st, f"<{KG}evidence>", lit(f"{o[0]}{s[0]}表示")),
            (st, f"<{KG}charStart>", typed(start, "integer")),
            (st, f"<{KG}charEnd>", typed(start + 9, "integer")),
            (st, f"<{KG}confidence>", typed("0.9", "decimal")),
            (st, f"<{KG}extractor>", lit("bench-rule", "en"))]


DESCRIPTIONS = (f"<{RDF}type>", f"<{RDFS}label>", f"<{SKOS}altLabel>")


def generate(target: int, folder: str, seed: int = 7) -> dict:
    """Write data.nq (named graphs) and data.ttl (their union, each triple once); returns
    counts and the constants the queries use."""
    rng = random.Random(seed)
    world = World(target, rng)
    described, quads, union, i = set(), 0, 0, 0
    with open(os.path.join(folder, "data.nq"), "w", encoding="utf-8") as nq, \
            open(os.path.join(folder, "data.ttl"), "w", encoding="utf-8") as ttl:
        while quads < target:
            triples, entities = article_triples(i, world, rng)
            g = f"<{graph_iri(f'bench{i:07d}')}>"
            nq.write("".join(f"{s} {p} {o} {g} .\n" for s, p, o in triples))
            # entity descriptions repeat across articles; everything else is new
            fresh = [t for t in triples if not (t[1] in DESCRIPTIONS and t[0] in described)]
            ttl.write("".join(f"{s} {p} {o} .\n" for s, p, o in fresh))
            quads, union, i = quads + len(triples), union + len(fresh), i + 1
            described |= {iri(e) for e in entities}
    org = world.orgs[0]
    return {"quads": quads, "union_triples": union, "articles": i,
            "params": {"label": world.leader[org][0], "area": entity_iri(*world.area_of[org]),
                       "s": entity_iri(*world.leader[org]), "o": entity_iri(*org)}}


# --- the engines (each in its own process) -------------------------------------------------
def timed(func):
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def best_of(func, repeat=3):
    times, rows = [], None
    for _ in range(repeat):
        t, rows = timed(func)
        times.append(t)
        if t > 5:
            break
    return min(times), rows


def run_kg(folder: str, params: dict) -> dict:
    from kg.store import open_store
    out = {}
    with open_store(os.path.join(folder, "kg-store")) as store:
        out["load"], _ = timed(lambda: store.load(os.path.join(folder, "data.nq")))
        out["export ttl"], _ = timed(lambda: store.export("ttl", os.path.join(folder, "kg-export.ttl")))
        for name, q in QUERIES.items():
            sparql = q.format(RDF=RDF, RDFS=RDFS, KG=KG, PROV=PROV, **params)
            out[name], rows = best_of(lambda: store.query(sparql, timeout=None).rows)
            out[f"{name} rows"] = len(rows)
    return out


def run_rdflib(folder: str, params: dict) -> dict:
    from rdflib import Graph
    out = {}
    g = Graph()
    out["load"], _ = timed(lambda: g.parse(os.path.join(folder, "data.ttl"), format="turtle"))
    out["export ttl"], _ = timed(lambda: g.serialize(os.path.join(folder, "rdflib-export.ttl"), format="turtle"))
    for name, q in QUERIES.items():
        sparql = q.format(RDF=RDF, RDFS=RDFS, KG=KG, PROV=PROV, **params)
        out[name], rows = best_of(lambda: list(g.query(sparql)))
        out[f"{name} rows"] = len(rows)
    return out


def child(engine: str, folder: str) -> None:
    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as f:
        params = json.load(f)["params"]
    result = (run_kg if engine == "kg" else run_rdflib)(folder, params)
    result["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


# --- the report ----------------------------------------------------------------------------
TARGETS = {"load": 5.0, "count by predicate": 20.0, "label lookup": 1.0, "leaders in X": 1.0,
           "evidence for a fact": 1.0}


def measure(target: int, keep: str | None) -> None:
    folder = keep or tempfile.mkdtemp(prefix=f"kg-bench-{target}-")
    os.makedirs(folder, exist_ok=True)
    t, meta = timed(lambda: generate(target, folder))
    with open(os.path.join(folder, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f)
    print(f"\n## {meta['quads']:,} quads in {meta['articles']:,} article graphs "
          f"({meta['union_triples']:,} distinct triples), generated in {t:.1f} s")
    results = {}
    for engine in ("kg", "rdflib"):
        proc = subprocess.run([sys.executable, __file__, "--engine", engine, "--data", folder],
                              capture_output=True, text=True, check=True)
        results[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
    print_table(results)
    if not keep:
        subprocess.run(["rm", "-rf", folder], check=False)


def print_table(results: dict) -> None:
    kg, rl = results["kg"], results["rdflib"]
    print(f"| {'measure':<22} | {'kg (oxigraph)':>14} | {'rdflib Graph':>14} | {'rdflib/kg':>9} | target |")
    print(f"|{'-' * 24}|{'-' * 16}|{'-' * 16}|{'-' * 11}|--------|")
    for name in ["load", "export ttl", *QUERIES]:
        ratio = rl[name] / kg[name] if kg[name] else float("inf")
        want = TARGETS.get(name)
        mark = "" if want is None else (f"≥{want:g}× {'ok' if ratio >= want else 'MISSED'}")
        print(f"| {name:<22} | {kg[name]:>12.4f} s | {rl[name]:>12.4f} s | {ratio:>8.1f}× | {mark} |")
    mem = kg["peak MB"] / rl["peak MB"]
    print(f"| {'peak memory':<22} | {kg['peak MB']:>11.0f} MB | {rl['peak MB']:>11.0f} MB | "
          f"kg/rdflib {mem:.2f} | ≤0.7 {'ok' if mem <= 0.7 else 'MISSED'} |")
    rows = {n: (kg[f"{n} rows"], rl[f"{n} rows"]) for n in QUERIES}
    print("rows (kg, rdflib): " + ", ".join(f"{n} {a}/{b}" for n, (a, b) in rows.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--huge", action="store_true", help="also 10^7 triples")
    ap.add_argument("--keep", metavar="DIR", help="keep the data and stores in DIR (one size only)")
    ap.add_argument("--engine", choices=("kg", "rdflib"), help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.engine:
        return child(args.engine, args.data)
    for target in args.triples + ([10_000_000] if args.huge else []):
        measure(target, args.keep)


if __name__ == "__main__":
    main()
