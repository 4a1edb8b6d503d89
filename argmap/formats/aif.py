"""AIF, the Argument Interchange Format (AIFdb / OVA JSON): ``read_aif`` / ``write_aif``.

Reading
    A document is ``{"nodes": [...], "edges": [...], "locutions": [...]}`` (AIFdb), or that
    object wrapped as ``{"AIF": {...}, "OVA": ..., "text": ...}`` (OVA3 saves, xAIF; ``"AIF"``
    may even be a JSON string).  Nodes have ``nodeID``, ``type`` and ``text``; edges ``fromID``
    and ``toID``.  Ids are strings whatever their JSON type (``0`` is the id ``"0"``).

    * **I** nodes become statements.  Their id is the AIF id when it satisfies the map id rule
      (``120864``, ``15_1639``), else ``n`` + the id with other characters replaced by ``_``.
      Kind: ``claim`` for a conclusion, ``premise`` for a node used only as a premise,
      ``objection`` for one that only attacks, ``claim`` otherwise;
    * **RA** (inference): premises ``I -> RA``, conclusion ``RA -> I``.  Two or more premises
      make an inference (linked premises, id of the RA); one premise makes a plain ``supports``
      relation, unless the RA is undercut or names a scheme (then it is a one-premise
      inference, so that the undercut has a target and the scheme is kept);
    * **CA** (conflict): ``I -> CA -> I`` is an attack; ``I -> CA -> RA`` an undercut of that
      inference; ``I -> CA -> CA`` (an attack on an attack) is imported as an attack on the
      attacking statement(s) of the target conflict, with a warning; a CA with several
      attackers becomes one attack per attacker, with a warning (linked attack);
    * **MA** (rephrase): ``I1 -> MA -> I2`` adds ``rephrases I1 (AIF MA id)`` to I2's note;
    * **PA** (preference): not an argument relation in argmap: ``preferred over X (AIF PA
      id)`` in the preferred node's note, with a warning;
    * the dialogue layer (**L**, **TA**, **YA** nodes and ``locutions``) is provenance: for each
      I node anchored by a YA node to a locution ``L -> YA -> I``, a line
      ``<illocution> in locution <L id>: <L text> [person, time]`` is added to its note.

    Broken structures are imported around and reported as located warnings (line and column
    of the node or edge in the JSON text): duplicate node ids (the first is kept), edges to
    unknown nodes, self-loops, RA/CA nodes without premise or conclusion, locutions of unknown
    nodes, unknown node types.  Only a document that is not JSON or has no ``nodes`` is an
    error.

Writing
    Statements become I nodes, inferences RA nodes, ``supports`` relations one-premise RA
    nodes, ``attacks``/``contradicts`` CA nodes, ``undercuts`` CA nodes pointing at the RA of
    the inference.  What AIF has no place for (statement kinds, tags, notes, locators, the
    title, thesis, sections, references, values) goes into a top-level ``"argmap"`` object that
    AIF tools ignore and :func:`read_aif` reads back, so argmap -> AIF -> argmap keeps the map.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import LoadError, Location
from ..document import LMap, LSeq, parse
from ._common import ID_RE, Collector, IdMaker, clean_fields, finish, guard, ldoc, merge_rest, \
    raise_or_return, rest_of_document, stem

__all__ = ["read_aif", "read_aif_with_diagnostics", "write_aif", "sniff_aif"]

DIALOGUE = {"L", "TA", "YA"}
KNOWN = {"I", "RA", "CA", "MA", "PA"} | DIALOGUE
# one RA, CA, MA or PA node with m inputs and n outputs becomes m x n relations (or premises):
# a few kilobytes could ask for millions; such a node is left out, with a warning
MAX_FAN = 10_000
DEFAULT_SCHEMES = {"", "ra", "default inference", "default inference node", "inference", "default rule"}


def sniff_aif(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("{"):
        return False
    return '"nodeID"' in text[:200_000] or re.match(r'\{\s*"AIF"\s*:', head) is not None


def read_aif_with_diagnostics(text: str, path: str = "<string>"):
    """``(map or None, diagnostics)``."""
    return guard(_import, text, path)


def read_aif(text: str, path: str = "<string>"):
    """Read AIF JSON; raise LoadError (located diagnostics) when it cannot be imported."""
    return raise_or_return(read_aif_with_diagnostics(text, path))


def _id_text(value) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, (LMap, LSeq)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _id_set(value) -> set[str]:
    """The ids of a list in the extension block (anything else in it is ignored)."""
    if not isinstance(value, list):
        return set()
    return {t for t in map(_id_text, value) if t is not None}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (LMap, LSeq, dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _Node:
    __slots__ = ("aid", "type", "text", "scheme", "loc", "ins", "outs", "mid")

    def __init__(self, aid, type_, text, scheme, loc):
        self.aid, self.type, self.text, self.scheme, self.loc = aid, type_, text, scheme, loc
        self.ins: list[tuple[str, Location]] = []
        self.outs: list[tuple[str, Location]] = []
        self.mid: str | None = None


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _unwrap(doc, path: str, c: Collector):
    """The AIF object inside *doc* (plain AIF, OVA3 or xAIF wrappers) and the extension block."""
    if not isinstance(doc, LMap):
        raise LoadError("an AIF document is a JSON object with 'nodes' and 'edges'",
                        location=getattr(doc, "loc", Location(path, 1, 1)), code="aif")
    ext = doc.get("argmap")
    if "AIF" in doc and "nodes" not in doc:
        inner = doc["AIF"]
        if isinstance(inner, str):
            loc = doc.loc_of("AIF")
            try:
                inner = parse(inner, path, fmt="json") if inner.strip() else LMap(loc)
            except LoadError as exc:
                raise LoadError(f"the 'AIF' string is not JSON: {exc.diagnostics[0].message}",
                                location=loc, code="aif") from None
            inner = _relocate(inner, loc)
        if not isinstance(inner, LMap):
            raise LoadError("'AIF' must be an object with 'nodes' and 'edges'", location=doc.loc_of("AIF"),
                            code="aif")
        if ext is None:
            ext = inner.get("argmap")
        return inner, ext
    if "nodes" not in doc:
        raise LoadError("not an AIF document: no 'nodes' (and no 'AIF' wrapper)", location=doc.loc,
                        code="aif")
    return doc, ext


def _relocate(value, loc: Location):
    """Locations of JSON parsed from inside a string: all at the string itself."""
    if isinstance(value, LMap):
        value.loc = loc
        for k in list(value.key_loc):
            value.key_loc[k] = loc
            value.val_loc[k] = loc
            _relocate(value[k], loc)
    elif isinstance(value, LSeq):
        value.loc = loc
        value.item_loc = [loc] * len(value)
        for item in value:
            _relocate(item, loc)
    return value


def _import(text: str, path: str):
    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = parse(text, path, fmt="json")
    aif, ext = _unwrap(doc, path, c)
    # the document part stays located: the loader's errors in it point into the file
    ext_document = ext.get("document") if isinstance(ext, LMap) else None
    ext = _plain(ext) if isinstance(ext, (LMap, dict)) else None
    ext_loc = doc.loc_of("argmap") if isinstance(doc, LMap) and "argmap" in doc else doc.loc
    nodes_seq = aif.get("nodes")
    edges_seq = aif.get("edges")
    if nodes_seq is None:
        nodes_seq = LSeq(aif.loc)
    if not isinstance(nodes_seq, LSeq):
        raise LoadError("'nodes' must be a list", location=aif.loc_of("nodes"), code="aif")
    if edges_seq is None:
        edges_seq = LSeq(aif.loc)
    if not isinstance(edges_seq, LSeq):
        raise LoadError("'edges' must be a list", location=aif.loc_of("edges"), code="aif")
    if not nodes_seq:
        c.warning(aif.loc, "aif-empty", "the AIF graph has no nodes: the map is empty")

    # -- nodes ------------------------------------------------------------------------------
    nodes: dict[str, _Node] = {}
    raw_of: dict[str, Any] = {}
    unknown_types: dict[str, int] = {}
    for item, loc in zip(nodes_seq, nodes_seq.item_loc):
        if not isinstance(item, LMap):
            c.warning(loc, "aif-node", "a node that is not an object is ignored")
            continue
        aid = _id_text(item.get("nodeID"))
        if aid is None:
            c.warning(item.loc, "aif-node", "a node without a usable 'nodeID' is ignored")
            continue
        type_ = _text(item.get("type")).strip().upper()
        if aid in nodes:
            first = nodes[aid].loc
            if _plain(item) == raw_of[aid]:
                c.warning(item.loc, "aif-duplicate-node", f"node {aid} appears twice (identical "
                          f"copy of line {first.line}); the copy is ignored")
            else:
                c.warning(item.loc, "aif-duplicate-node", f"node id {aid} is used twice with different "
                          f"content; the node at line {first.line} is kept")
            continue
        if type_ not in KNOWN:
            unknown_types[type_] = unknown_types.get(type_, 0) + 1
            c.warning(item.loc, "aif-node-type", f"node {aid} has type {type_ or '(none)'!r}, which is "
                      "not an AIF node type argmap imports (I, RA, CA, MA, PA, L, TA, YA); ignored")
        scheme = item.get("scheme")
        nodes[aid] = _Node(aid, type_, _text(item.get("text")), _text(scheme) if isinstance(scheme, str) else None,
                           item.loc)
        raw_of[aid] = _plain(item)

    # -- edges --------------------------------------------------------------------------------
    seen_edges: dict[tuple[str, str], Location] = {}
    duplicates = []
    for item, loc in zip(edges_seq, edges_seq.item_loc):
        if not isinstance(item, LMap):
            c.warning(loc, "aif-edge", "an edge that is not an object is ignored")
            continue
        src, dst = _id_text(item.get("fromID")), _id_text(item.get("toID"))
        if src is None or dst is None:
            c.warning(item.loc, "aif-edge", "an edge without 'fromID' or 'toID' is ignored")
            continue
        missing = [x for x in (src, dst) if x not in nodes]
        if missing:
            c.warning(item.loc, "aif-unknown-node", f"edge {src} -> {dst} refers to unknown node "
                      f"{missing[0]}; ignored")
            continue
        if src == dst:
            c.warning(item.loc, "aif-self-loop", f"edge {src} -> {dst} is a self-loop; ignored")
            continue
        if (src, dst) in seen_edges:
            duplicates.append(item.loc)
            continue
        seen_edges[(src, dst)] = item.loc
        nodes[src].outs.append((dst, item.loc))
        nodes[dst].ins.append((src, item.loc))
    if duplicates:
        c.warning(duplicates[0], "aif-duplicate-edge", f"{len(duplicates)} edge(s) repeat an earlier "
                  "edge with the same ends; the repeats are ignored")

    # -- ids ----------------------------------------------------------------------------------
    ids = IdMaker()
    for n in nodes.values():            # ids that are map ids already are kept as they are
        if n.type in ("I", "RA") and ID_RE.match(n.aid):
            n.mid = ids.make(n.aid)
    for n in nodes.values():
        if n.type in ("I", "RA") and n.mid is None:
            n.mid = ids.make("n" + n.aid)
            if n.type == "I":
                c.warning(n.loc, "aif-id", f"node id {n.aid!r} is not a valid map id; imported as "
                          f"'{n.mid}'")

    def typ(aid):
        return nodes[aid].type

    statements = [n for n in nodes.values() if n.type == "I"]
    notes: dict[str, list[str]] = {n.aid: [] for n in statements}
    ext_statements = (ext or {}).get("statements") if isinstance((ext or {}).get("statements"), dict) else {}
    ext_inferences = _id_set((ext or {}).get("inferences"))
    ext_contradictions = _id_set((ext or {}).get("contradictions"))
    ext_relations = (ext or {}).get("relations-meta") if isinstance((ext or {}).get("relations-meta"), dict) else {}

    relations: list[tuple[dict, Location]] = []
    inferences: list[tuple[dict, Location]] = []
    ra_target: dict[str, list[str]] = {}   # RA aid -> inference ids made from it

    def meta(aid):
        m = ext_relations.get(aid) if ext_relations else None
        return clean_fields({k: m.get(k) for k in ("context", "lines", "page", "note")}) if isinstance(m, dict) else {}

    # which RA nodes are undercut (they must become inferences)
    undercut = set()
    for n in nodes.values():
        if n.type == "CA":
            for dst, _ in n.outs:
                if typ(dst) == "RA":
                    undercut.add(dst)

    # -- RA: inferences and supports --------------------------------------------------------
    for n in nodes.values():
        if n.type != "RA":
            continue
        premises = [a for a, _ in n.ins if typ(a) == "I"]
        conclusions = [a for a, _ in n.outs if typ(a) == "I"]
        for a, loc in n.ins:
            if typ(a) in ("RA", "MA", "PA"):
                c.warning(loc, "aif-structure", f"edge {a} ({typ(a)}) -> RA {n.aid} is not an argument "
                          "structure argmap imports; ignored")
        for a, loc in n.outs:
            if typ(a) not in ("I",):
                c.warning(loc, "aif-structure", f"edge RA {n.aid} -> {a} ({typ(a)}) is not an argument "
                          "structure argmap imports (an inference concludes to an I node); ignored")
        if not premises:
            c.warning(n.loc, "aif-no-premise", f"RA node {n.aid} has no premise (no I node points at it); "
                      "not imported")
            continue
        if not conclusions:
            c.warning(n.loc, "aif-no-conclusion", f"RA node {n.aid} has no conclusion (it points at no "
                      "I node); not imported")
            continue
        if len(conclusions) * len(premises) > MAX_FAN:
            c.warning(n.loc, "aif-structure", f"RA node {n.aid} has {len(premises)} premises and "
                      f"{len(conclusions)} conclusions: more than {MAX_FAN} premise links; not imported")
            continue
        if len(conclusions) > 1:
            c.warning(n.loc, "aif-structure", f"RA node {n.aid} has {len(conclusions)} conclusions; "
                      "imported as one inference per conclusion")
        if n.scheme is not None and n.scheme.strip().lower() not in DEFAULT_SCHEMES:
            scheme = n.scheme                  # the 'scheme' field, as written
        elif n.text.strip().lower() not in DEFAULT_SCHEMES:
            scheme = n.text.strip()            # a scheme named in the text (AraucariaDB, OVA)
        else:
            scheme = None
        for k, concl in enumerate(conclusions):
            ps = [p for p in dict.fromkeys(premises) if p != concl]
            if len(ps) < len(set(premises)):
                c.warning(n.loc, "aif-self-loop", f"RA node {n.aid} has its conclusion {concl} among its "
                          "premises; that premise is left out")
            if not ps:
                continue
            as_inference = len(ps) > 1 or n.aid in undercut or scheme is not None or n.aid in ext_inferences
            if as_inference:
                iid = n.mid if k == 0 else ids.make(f"{n.mid}_{k + 1}")
                ra_target.setdefault(n.aid, []).append(iid)
                inferences.append(({"id": iid, "premises": [nodes[p].mid for p in ps],
                                    "conclusion": nodes[concl].mid,
                                    **({"scheme": scheme} if scheme else {}),
                                    **{k: v for k, v in meta(n.aid).items() if k != "context"}}, n.loc))
            else:
                relations.append(({"from": nodes[ps[0]].mid, "kind": "supports", "to": nodes[concl].mid,
                                   **meta(n.aid)}, n.loc))

    # -- CA: attacks, undercuts -------------------------------------------------------------
    def attackers_of(ca: _Node) -> list[str]:
        return [a for a, _ in ca.ins if typ(a) == "I"]

    for n in nodes.values():
        if n.type != "CA":
            continue
        attackers = attackers_of(n)
        for a, loc in n.ins:
            if typ(a) in ("RA", "MA", "PA"):
                c.warning(loc, "aif-structure", f"edge {a} ({typ(a)}) -> CA {n.aid} is not an argument "
                          "structure argmap imports; ignored")
        targets = [(a, loc) for a, loc in n.outs if typ(a) not in DIALOGUE]
        if not attackers:
            c.warning(n.loc, "aif-no-premise", f"CA node {n.aid} has no attacker (no I node points at it); "
                      "not imported")
            continue
        if not targets:
            c.warning(n.loc, "aif-no-conclusion", f"CA node {n.aid} attacks nothing; not imported")
            continue
        fan = len(attackers) * sum(len(attackers_of(nodes[t])) if typ(t) == "CA" else 1 for t, _ in targets)
        if fan > MAX_FAN:
            c.warning(n.loc, "aif-structure", f"CA node {n.aid} links {len(attackers)} attackers to "
                      f"{len(targets)} targets: more than {MAX_FAN} attacks; not imported")
            continue
        if len(attackers) > 1:
            c.warning(n.loc, "aif-linked-attack", f"CA node {n.aid} has {len(attackers)} attackers "
                      "together; imported as one attack per attacker")
        kind = "contradicts" if n.aid in ext_contradictions else "attacks"
        for target, tloc in targets:
            t = typ(target)
            for attacker in attackers:
                src = nodes[attacker].mid
                if t == "I":
                    dst_ids, k = [nodes[target].mid], kind
                elif t == "RA":
                    dst_ids, k = ra_target.get(target, []), "undercuts"
                    if not dst_ids:
                        c.warning(tloc, "aif-structure", f"CA node {n.aid} undercuts RA node {target}, "
                                  "which was not imported; ignored")
                        continue
                elif t == "CA":
                    dst_ids, k = [nodes[x].mid for x in attackers_of(nodes[target])], "attacks"
                    c.warning(tloc, "aif-attack-on-attack", f"CA node {n.aid} attacks the conflict "
                              f"{target}; imported as an attack on its attacker(s)")
                else:
                    c.warning(tloc, "aif-structure", f"CA node {n.aid} points at a {t} node ({target}); "
                              "ignored")
                    continue
                for dst in dst_ids:
                    if dst == src:
                        c.warning(tloc, "aif-self-loop", f"CA node {n.aid}: {src} would attack itself; "
                                  "ignored")
                        continue
                    relations.append(({"from": src, "kind": k, "to": dst, **meta(n.aid)}, n.loc))

    # -- MA, PA: notes ----------------------------------------------------------------------
    for n in nodes.values():
        if n.type not in ("MA", "PA"):
            continue
        srcs = [a for a, _ in n.ins if typ(a) in ("I", "RA")]
        dsts = [a for a, _ in n.outs if typ(a) in ("I", "RA")]
        label = "rephrase" if n.type == "MA" else "preference"
        if not srcs or not dsts:
            c.warning(n.loc, "aif-no-conclusion" if srcs else "aif-no-premise",
                      f"{n.type} node {n.aid} ({label}) lacks a {'target' if srcs else 'source'}; ignored")
            continue
        if len(srcs) * len(dsts) > MAX_FAN:
            c.warning(n.loc, "aif-structure", f"{n.type} node {n.aid} links {len(srcs)} nodes to "
                      f"{len(dsts)}: more than {MAX_FAN} notes; not imported")
            continue
        if n.type == "PA":
            c.warning(n.loc, "aif-preference", f"PA node {n.aid} (preference) is not an argument relation "
                      "in argmap; kept as a note")
        for s in srcs:
            for d in dsts:
                if s == d:
                    c.warning(n.loc, "aif-self-loop", f"{n.type} node {n.aid} relates {s} to itself; ignored")
                    continue
                if n.type == "MA" and typ(d) == "I":
                    notes[d].append(f"rephrases {nodes[s].mid or s} (AIF MA {n.aid})")
                elif n.type == "PA" and typ(s) == "I":
                    notes[s].append(f"preferred over {nodes[d].mid or d} (AIF PA {n.aid})")

    # -- dialogue provenance ------------------------------------------------------------------
    loc_info: dict[str, str] = {}
    locs_seq = aif.get("locutions")
    if isinstance(locs_seq, LSeq):
        seen = set()
        dup = []
        for item, loc in zip(locs_seq, locs_seq.item_loc):
            if not isinstance(item, LMap):
                c.warning(loc, "aif-locution", "a locution that is not an object is ignored")
                continue
            aid = _id_text(item.get("nodeID"))
            key = json.dumps(_plain(item), sort_keys=True, default=str)
            if key in seen:
                dup.append(item.loc)
                continue
            seen.add(key)
            if aid is None or aid not in nodes:
                c.warning(item.loc, "aif-dangling-locution", f"locution of node {aid}, which is not in "
                          "'nodes'; ignored")
                continue
            if nodes[aid].type != "L":
                c.warning(item.loc, "aif-dangling-locution", f"locution of node {aid}, which is a "
                          f"{nodes[aid].type} node, not an L node; ignored")
                continue
            bits = [f"person {_text(item.get('personID'))}" if item.get("personID") is not None else None,
                    _text(item.get("start") or item.get("timestamp") or "") or None]
            info = ", ".join(b for b in bits if b)
            if info and info not in loc_info.get(aid, "").split("; "):
                loc_info[aid] = "; ".join(x for x in (loc_info.get(aid), info) if x)
        if dup:
            c.warning(dup[0], "aif-duplicate-locution", f"{len(dup)} locution(s) repeat an earlier one; "
                      "the repeats are ignored")
    for n in nodes.values():
        if n.type != "YA":
            continue
        speakers = [a for a, _ in n.ins if typ(a) == "L"]
        for target, _ in n.outs:
            if typ(target) != "I":
                continue
            for lid in speakers:
                extra = f" [{loc_info[lid]}]" if lid in loc_info else ""
                illocution = n.text.strip() or "YA"
                notes[target].append(f"{illocution} in locution {lid}: {nodes[lid].text.strip()}{extra}")

    # -- statements ---------------------------------------------------------------------------
    out_kinds: dict[str, list[str]] = {}
    concluded, premised = set(), set()
    for r, _ in relations:
        out_kinds.setdefault(r["from"], []).append(r["kind"])
        if r["kind"] == "supports":
            concluded.add(r["to"])
            premised.add(r["from"])
    for inf, _ in inferences:
        concluded.add(inf["conclusion"])
        premised.update(inf["premises"])
    docs = []
    for n in statements:
        text_ = n.text
        if not text_.strip():
            c.warning(n.loc, "aif-empty-text", f"I node {n.aid} has no text; its id is used as its text")
            text_ = f"(I node {n.aid})"
        outs = out_kinds.get(n.mid, [])
        if n.mid in concluded:
            kind = "claim"
        elif n.mid in premised:
            kind = "premise"
        elif outs and all(k in ("attacks", "undercuts") for k in outs):
            kind = "objection"
        else:
            kind = "claim"
        entry: dict = {"id": n.mid, "kind": kind, "text": text_}
        extra = ext_statements.get(n.aid) if isinstance(ext_statements, dict) else None
        if isinstance(extra, dict):
            for key in ("kind", "section", "lines", "page", "cites", "tags", "note", "ignore"):
                if extra.get(key) is not None:
                    entry[key] = extra[key]
        if notes[n.aid]:
            entry["note"] = "\n".join(([entry["note"]] if entry.get("note") else []) + notes[n.aid])
        docs.append(ldoc(entry, n.loc))
    title = (ext or {}).get("title") if isinstance((ext or {}).get("title"), str) else None
    doc_out: dict = {"argmap": 1, "title": title or stem(path) or "AIF map", "statements": docs}
    if inferences:
        doc_out["inferences"] = [ldoc(d, loc) for d, loc in inferences]
    if relations:
        seen_rel = set()
        rels = []
        for d, loc in relations:
            key = (d["from"], d["kind"], d["to"], d.get("context"))
            if key in seen_rel:
                continue
            seen_rel.add(key)
            rels.append(ldoc(d, loc))
        doc_out["relations"] = rels
    if ext:
        merge_rest(doc_out, ext_document, ext_loc, c, "the 'argmap' block")
    return finish(doc_out, path, c)


# -- writer -------------------------------------------------------------------------------------

def write_aif(amap) -> str:
    """The map as AIF JSON (AIFdb layout) plus an ``"argmap"`` block with what AIF cannot hold."""
    used = {s.id for s in amap.statements} | {i.id for i in amap.inferences}
    counter = {"n": 0}

    def fresh(prefix: str) -> str:
        while True:
            counter["n"] += 1
            ident = f"{prefix}{counter['n']}"
            if ident not in used:
                used.add(ident)
                return ident

    nodes: list[dict] = []
    edges: list[dict] = []

    def edge(src: str, dst: str):
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": src, "toID": dst})

    ext_statements: dict = {}
    for s in amap.statements:
        nodes.append({"nodeID": s.id, "text": s.text, "type": "I"})
        extra = clean_fields({"kind": s.kind, "section": s.section, "lines": list(s.lines), "page": s.page,
                              "cites": [{"ref": c.ref, **({"pages": c.pages} if c.pages is not None else {})}
                                        for c in s.cites],
                              "tags": list(s.tags), "note": s.note, "ignore": list(s.ignore)})
        ext_statements[s.id] = extra
    inference_ids = []
    relations_meta: dict = {}
    for inf in amap.inferences:
        node = {"nodeID": inf.id, "text": inf.scheme or "Default Inference", "type": "RA"}
        if inf.scheme:
            node["scheme"] = inf.scheme
        nodes.append(node)
        inference_ids.append(inf.id)
        for p in inf.premises:
            edge(p, inf.id)
        edge(inf.id, inf.conclusion)
        m = clean_fields({"lines": list(inf.lines), "page": inf.page, "note": inf.note})
        if m:
            relations_meta[inf.id] = m
    contradictions = []
    for r in amap.relations:
        if r.kind not in ("supports", "attacks", "contradicts", "undercuts"):
            continue
        if r.kind == "supports":
            nid = fresh("ra")
            nodes.append({"nodeID": nid, "text": "Default Inference", "type": "RA"})
        else:
            nid = fresh("ca")
            nodes.append({"nodeID": nid, "text": "Default Conflict", "type": "CA"})
            if r.kind == "contradicts":
                contradictions.append(nid)
        edge(r.source, nid)
        edge(nid, r.target)
        m = clean_fields({"context": r.context, "lines": list(r.lines), "page": r.page, "note": r.note})
        if m:
            relations_meta[nid] = m
    ext: dict = {"version": 1, "title": amap.title, "statements": ext_statements}
    if inference_ids:
        ext["inferences"] = inference_ids
    if contradictions:
        ext["contradictions"] = contradictions
    if relations_meta:
        ext["relations-meta"] = relations_meta
    rest = rest_of_document(amap)
    if rest:
        ext["document"] = rest
    data = {"nodes": nodes, "edges": edges, "locutions": [], "argmap": ext}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
