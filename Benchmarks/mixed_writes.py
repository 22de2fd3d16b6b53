"""Mixed writes on a large generated site: warm four sorted orders, then ROUNDS rounds of one create
(at the end of the default order), one edit and one delete of documents from the middle.
usage: mixed_writes.py PORT TOKEN ROUNDS RUNTAG"""
import http.client, json, os, random, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import article_payload
port, token, rounds, tag = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
H = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
def req(method, path, body=None):
    conn.request(method, path, body=body, headers=H); r = conn.getresponse(); t = r.read(); return r.status, t
for q in ["sort=title:asc", "sort=publishDate:desc", "sort=rating:asc", "filters[category][$eq]=news&sort=title:asc"]:
    t0 = time.perf_counter(); s, _ = req("GET", "/api/articles?" + q + "&pagination[page]=3&pagination[pageSize]=25"); print("warm", q, s, round((time.perf_counter()-t0)*1000), "ms", flush=True)
# middle ids: page through default order at a few offsets
ids = []
for page in [100, 350, 600, 850, 1100, 1350, 1600, 1850]:
    s, t = req("GET", f"/api/articles?pagination[page]={page}&pagination[pageSize]=50&fields[0]=title")
    ids += [d["documentId"] for d in json.loads(t)["data"]]
random.Random(tag).shuffle(ids)
authors = "author-00000,author-00001".split(","); tags = "tag-000,tag-001".split(",")
lat = {"create": [], "update": [], "delete": []}; codes = {}
start = time.perf_counter()
for i in range(rounds):
    for kind in ("create", "update", "delete"):
        t0 = time.perf_counter()
        if kind == "create": s, _ = req("POST", "/api/articles", article_payload(tag, i, authors, tags))
        elif kind == "update": s, _ = req("PUT", f"/api/articles/{ids[2*i]}", json.dumps({"data": {"title": f"Updated {tag} {i}"}}).encode())
        else: s, _ = req("DELETE", f"/api/articles/{ids[2*i+1]}")
        lat[kind].append(time.perf_counter() - t0); codes[f"{kind}:{s}"] = codes.get(f"{kind}:{s}", 0) + 1
total = time.perf_counter() - start
p = lambda v, q: round(sorted(v)[min(len(v)-1, int(len(v)*q/100))]*1000, 1)
print(json.dumps({"rounds": rounds, "seconds": round(total, 2), "writes_per_s": round(3*rounds/total, 1), "codes": codes,
    **{f"{k}_p50_ms": p(v, 50) for k, v in lat.items()}, **{f"{k}_p99_ms": p(v, 99) for k, v in lat.items()}}))
