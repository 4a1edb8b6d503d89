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
from collections.abc import Callable
from typing import Any

from ..document import LMap, LSeq, parse
from ..errors import LoadError, Location
from ..ids import ID_RE
from ..model import ArgumentMap
from ..vocab import RelationKind, StatementKind
from ._common import (
    Collector,
    IdMaker,
    Imported,
    clean_fields,
    finish,
    guard,
    ldoc,
    merge_rest,
    raise_or_return,
    rest_of_document,
    stem,
)

__all__ = ["read_aif", "read_aif_with_diagnostics", "write_aif", "sniff_aif"]

DIALOGUE = {"L", "TA", "YA"}
KNOWN = {"I", "RA", "CA", "MA", "PA"} | DIALOGUE
# one RA, CA, MA or PA node with m inputs and n outputs becomes m x n relations (or premises):
# a few kilobytes could ask for millions; such a node is left out, with a warning
MAX_FAN = 10_000
DEFAULT_SCHEMES = {"", "ra", "default inference", "default inference node", "inference", "default rule"}


def sniff_aif(text: str) -> bool:
    """Whether *text* looks like AIF JSON: an object with ``nodeID`` keys or an ``"AIF"`` wrapper."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("{"):
        return False
    return '"nodeID"' in text[:200_000] or re.match(r'\{\s*"AIF"\s*:', head) is not None


def read_aif_with_diagnostics(text: str, path: str = "<string>") -> Imported:
    """``(map or None, diagnostics)``: warnings about what could be imported around, or errors."""
    return guard(_import, text, path)


def read_aif(text: str, path: str = "<string>") -> ArgumentMap:
    """Read AIF JSON; raise LoadError (located diagnostics) when it cannot be imported."""
    return raise_or_return(read_aif_with_diagnostics(text, path))


def _id_text(value: Any) -> str | None:
    """A node id as text (``0`` and ``0.0`` are ``"0"``); None when the value cannot be one."""
    if isinstance(value, bool) or value is None or isinstance(value, (LMap, LSeq)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _id_set(value: Any) -> set[str]:
    """The ids of a list in the extension block (anything else in it is ignored)."""
    if not isinstance(value, list):
        return set()
    return {t for t in map(_id_text, value) if t is not None}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (LMap, LSeq, dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _Node:
    """An AIF node: its id, type (``I``, ``RA``, ...), text and scheme, edges in and out (the
    other end's id, the edge's location) and, for I and RA nodes, the map id it is imported as."""

    __slots__ = ("aid", "type", "text", "scheme", "loc", "ins", "outs", "mid")

    def __init__(self, aid: str, type_: str, text: str, scheme: str | None, loc: Location):
        self.aid, self.type, self.text, self.scheme, self.loc = aid, type_, text, scheme, loc
        self.ins: list[tuple[str, Location]] = []
        self.outs: list[tuple[str, Location]] = []
        self.mid: str | None = None


def _plain(value: Any) -> Any:
    """*value* as plain dicts and lists (no locations), for comparing and reading back."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _unwrap(doc: Any, path: str, c: Collector) -> tuple[LMap, Any]:
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


def _relocate(value: Any, loc: Location) -> Any:
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


def _import(text: str, path: str) -> Imported:
    """The import, step by step: unwrap the container, index the graph, name the nodes, read the
    argument structure (RA, CA, then MA and PA nodes), the dialogue's provenance, and build the
    map document."""
    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = parse(text, path, fmt="json")
    aif, ext = _unwrap(doc, path, c)
    extension = _Extension(doc, ext)
    nodes_seq, edges_seq = _node_and_edge_lists(aif, c)
    nodes = _index_nodes(nodes_seq, c)
    _index_edges(edges_seq, nodes, c)
    structure = _Structure(nodes, _name_nodes(nodes, c), extension, c)
    structure.inferences_and_supports()
    structure.attacks_and_undercuts()
    structure.rephrases_and_preferences()
    structure.provenance(_locution_info(aif.get("locutions"), nodes, c))
    return finish(structure.document(path), path, c)


class _Extension:
    """The ``"argmap"`` block that :func:`write_aif` adds (what AIF has no place for), as read
    back; empty when the document has none."""

    __slots__ = ("document", "present", "loc", "statements", "inferences", "contradictions",
                 "relations_meta", "title")

    def __init__(self, doc: LMap, ext: Any):
        # the document part stays located: the loader's errors in it point into the file
        self.document = ext.get("document") if isinstance(ext, LMap) else None
        plain = _plain(ext) if isinstance(ext, (LMap, dict)) else None
        self.present = bool(plain)
        self.loc = doc.loc_of("argmap") if "argmap" in doc else doc.loc
        block = plain or {}
        self.statements: dict = _dict(block.get("statements"))
        self.inferences = _id_set(block.get("inferences"))
        self.contradictions = _id_set(block.get("contradictions"))
        self.relations_meta: dict = _dict(block.get("relations-meta"))
        title = block.get("title")
        self.title: str | None = title if isinstance(title, str) else None

    def relation_meta(self, aid: str) -> dict[str, Any]:
        """Context, locator and note of the relation or inference made from node *aid*."""
        m = self.relations_meta.get(aid)
        return clean_fields({k: m.get(k) for k in ("context", "lines", "page", "note")}) if isinstance(m, dict) else {}


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


# -- the graph: nodes, edges, ids ------------------------------------------------------------

def _node_and_edge_lists(aif: LMap, c: Collector) -> tuple[LSeq, LSeq]:
    """The ``nodes`` and ``edges`` lists (absent: empty); any other value is an error."""
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
    return nodes_seq, edges_seq


def _index_nodes(nodes_seq: LSeq, c: Collector) -> dict[str, _Node]:
    """AIF id -> node, in document order; of a repeated id the first node is kept."""
    nodes: dict[str, _Node] = {}
    raw_of: dict[str, Any] = {}
    for item, loc in zip(nodes_seq, nodes_seq.item_loc):
        if not isinstance(item, LMap):
            c.warning(loc, "aif-node", "a node that is not an object is ignored")
            continue
        aid = _id_text(item.get("nodeID"))
        if aid is None:
            c.warning(item.loc, "aif-node", "a node without a usable 'nodeID' is ignored")
            continue
        if aid in nodes:
            first = nodes[aid].loc
            if _plain(item) == raw_of[aid]:
                c.warning(item.loc, "aif-duplicate-node", f"node {aid} appears twice (identical "
                          f"copy of line {first.line}); the copy is ignored")
            else:
                c.warning(item.loc, "aif-duplicate-node", f"node id {aid} is used twice with different "
                          f"content; the node at line {first.line} is kept")
            continue
        nodes[aid] = _node(aid, item, c)
        raw_of[aid] = _plain(item)
    return nodes


def _node(aid: str, item: LMap, c: Collector) -> _Node:
    type_ = _text(item.get("type")).strip().upper()
    if type_ not in KNOWN:
        c.warning(item.loc, "aif-node-type", f"node {aid} has type {type_ or '(none)'!r}, which is "
                  "not an AIF node type argmap imports (I, RA, CA, MA, PA, L, TA, YA); ignored")
    scheme = item.get("scheme")
    return _Node(aid, type_, _text(item.get("text")), _text(scheme) if isinstance(scheme, str) else None,
                 item.loc)


def _index_edges(edges_seq: LSeq, nodes: dict[str, _Node], c: Collector) -> None:
    """Each edge into its ends' ``outs`` and ``ins``; edges that cannot be are left out."""
    seen_edges: set[tuple[str, str]] = set()
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
        seen_edges.add((src, dst))
        nodes[src].outs.append((dst, item.loc))
        nodes[dst].ins.append((src, item.loc))
    if duplicates:
        c.warning(duplicates[0], "aif-duplicate-edge", f"{len(duplicates)} edge(s) repeat an earlier "
                  "edge with the same ends; the repeats are ignored")


def _name_nodes(nodes: dict[str, _Node], c: Collector) -> IdMaker:
    """Map ids for the I and RA nodes (``mid``): the AIF id when it is a valid map id (those
    are taken first, so they stay as they are), else ``n`` + the id made valid."""
    ids = IdMaker()
    for n in nodes.values():
        if n.type in ("I", "RA") and ID_RE.match(n.aid):
            n.mid = ids.make(n.aid)
    for n in nodes.values():
        if n.type in ("I", "RA") and n.mid is None:
            n.mid = ids.make("n" + n.aid)
            if n.type == "I":
                c.warning(n.loc, "aif-id", f"node id {n.aid!r} is not a valid map id; imported as "
                          f"'{n.mid}'")
    return ids


# -- the argument structure ------------------------------------------------------------------

class _Structure:
    """The map being read from the indexed graph: statements (I nodes), inferences and
    relations, and the notes that carry what argmap has no relation for."""

    def __init__(self, nodes: dict[str, _Node], ids: IdMaker, ext: _Extension, c: Collector):
        self.nodes, self.ids, self.ext, self.c = nodes, ids, ext, c
        self.statements = [n for n in nodes.values() if n.type == "I"]
        self.notes: dict[str, list[str]] = {n.aid: [] for n in self.statements}
        self.relations: list[tuple[dict[str, Any], Location]] = []
        self.inferences: list[tuple[dict[str, Any], Location]] = []
        self.ra_target: dict[str, list[str]] = {}   # RA aid -> inference ids made from it

    def typ(self, aid: str) -> str:
        return self.nodes[aid].type

    def mid(self, aid: str) -> str:
        """The map id of an I or RA node (set by :func:`_name_nodes`)."""
        mid = self.nodes[aid].mid
        assert mid is not None
        return mid

    def of_type(self, *types: str) -> list[_Node]:
        return [n for n in self.nodes.values() if n.type in types]

    def warn_structure(self, n: _Node, edges: list[tuple[str, Location]], types: tuple[str, ...]) -> None:
        """A warning for each edge from a node of one of *types* into RA or CA node *n*."""
        for a, loc in edges:
            if self.typ(a) in types:
                self.c.warning(loc, "aif-structure", f"edge {a} ({self.typ(a)}) -> {n.type} {n.aid} is not an "
                               "argument structure argmap imports; ignored")

    # -- RA nodes: inferences (linked premises) and supports --------------------------------------

    def inferences_and_supports(self) -> None:
        """Each RA node (an inference): premises ``I -> RA``, conclusion ``RA -> I``.  Two or more
        premises make an inference with linked premises; one premise a ``supports`` relation,
        unless the RA is undercut or names a scheme (then a one-premise inference)."""
        undercut = {dst for n in self.of_type("CA") for dst, _ in n.outs if self.typ(dst) == "RA"}
        for n in self.of_type("RA"):
            premises = [a for a, _ in n.ins if self.typ(a) == "I"]
            conclusions = [a for a, _ in n.outs if self.typ(a) == "I"]
            self.warn_structure(n, n.ins, ("RA", "MA", "PA"))
            for a, loc in n.outs:
                if self.typ(a) != "I":
                    self.c.warning(loc, "aif-structure", f"edge RA {n.aid} -> {a} ({self.typ(a)}) is not an "
                                   "argument structure argmap imports (an inference concludes to an I node); "
                                   "ignored")
            if not self.ra_importable(n, premises, conclusions):
                continue
            scheme = _scheme(n)
            force = n.aid in undercut or scheme is not None or n.aid in self.ext.inferences
            for k, conclusion in enumerate(conclusions):
                self.ra_conclusion(n, k, premises, conclusion, scheme, force)

    def ra_importable(self, n: _Node, premises: list[str], conclusions: list[str]) -> bool:
        """Whether RA node *n* has premises and conclusions (and not too many); warnings if not."""
        c = self.c
        if not premises:
            c.warning(n.loc, "aif-no-premise", f"RA node {n.aid} has no premise (no I node points at it); "
                      "not imported")
            return False
        if not conclusions:
            c.warning(n.loc, "aif-no-conclusion", f"RA node {n.aid} has no conclusion (it points at no "
                      "I node); not imported")
            return False
        if len(conclusions) * len(premises) > MAX_FAN:
            c.warning(n.loc, "aif-structure", f"RA node {n.aid} has {len(premises)} premises and "
                      f"{len(conclusions)} conclusions: more than {MAX_FAN} premise links; not imported")
            return False
        if len(conclusions) > 1:
            c.warning(n.loc, "aif-structure", f"RA node {n.aid} has {len(conclusions)} conclusions; "
                      "imported as one inference per conclusion")
        return True

    def ra_conclusion(self, n: _Node, k: int, premises: list[str], conclusion: str, scheme: str | None,
                      force: bool) -> None:
        """The inference (or ``supports`` relation) of RA node *n* to its *k*-th conclusion; *force*
        makes an inference even of one premise."""
        ps = [p for p in dict.fromkeys(premises) if p != conclusion]
        if len(ps) < len(set(premises)):
            self.c.warning(n.loc, "aif-self-loop", f"RA node {n.aid} has its conclusion {conclusion} among its "
                           "premises; that premise is left out")
        if not ps:
            return
        meta = self.ext.relation_meta(n.aid)
        if len(ps) > 1 or force:
            mid = self.mid(n.aid)
            iid = mid if k == 0 else self.ids.make(f"{mid}_{k + 1}")
            self.ra_target.setdefault(n.aid, []).append(iid)
            self.inferences.append(({"id": iid, "premises": [self.mid(p) for p in ps],
                                     "conclusion": self.mid(conclusion),
                                     **({"scheme": scheme} if scheme else {}),
                                     **{key: v for key, v in meta.items() if key != "context"}}, n.loc))
        else:
            self.relations.append(({"from": self.mid(ps[0]), "kind": RelationKind.SUPPORTS,
                                    "to": self.mid(conclusion), **meta}, n.loc))

    # -- CA nodes: attacks and undercuts ----------------------------------------------------------

    def attackers_of(self, ca: _Node) -> list[str]:
        return [a for a, _ in ca.ins if self.typ(a) == "I"]

    def attacks_and_undercuts(self) -> None:
        """Each CA node (a conflict): ``I -> CA -> I`` an attack (a contradiction when argmap
        wrote it so), ``I -> CA -> RA`` an undercut of the inference made from the RA,
        ``I -> CA -> CA`` an attack on the attacker(s) of the target conflict."""
        for n in self.of_type("CA"):
            attackers = self.attackers_of(n)
            self.warn_structure(n, n.ins, ("RA", "MA", "PA"))
            targets = [(a, loc) for a, loc in n.outs if self.typ(a) not in DIALOGUE]
            if not self.ca_importable(n, attackers, targets):
                continue
            kind = RelationKind.CONTRADICTS if n.aid in self.ext.contradictions else RelationKind.ATTACKS
            for target, tloc in targets:
                for attacker in attackers:
                    self.ca_relations(n, self.mid(attacker), target, tloc, kind)

    def ca_importable(self, n: _Node, attackers: list[str], targets: list[tuple[str, Location]]) -> bool:
        """Whether CA node *n* has attackers and targets (and not too many); warnings if not."""
        c = self.c
        if not attackers:
            c.warning(n.loc, "aif-no-premise", f"CA node {n.aid} has no attacker (no I node points at it); "
                      "not imported")
            return False
        if not targets:
            c.warning(n.loc, "aif-no-conclusion", f"CA node {n.aid} attacks nothing; not imported")
            return False
        fan = len(attackers) * sum(len(self.attackers_of(self.nodes[t])) if self.typ(t) == "CA" else 1
                                   for t, _ in targets)
        if fan > MAX_FAN:
            c.warning(n.loc, "aif-structure", f"CA node {n.aid} links {len(attackers)} attackers to "
                      f"{len(targets)} targets: more than {MAX_FAN} attacks; not imported")
            return False
        if len(attackers) > 1:
            c.warning(n.loc, "aif-linked-attack", f"CA node {n.aid} has {len(attackers)} attackers "
                      "together; imported as one attack per attacker")
        return True

    def ca_relations(self, n: _Node, src: str, target: str, tloc: Location, kind: RelationKind) -> None:
        """The relations from statement *src* through CA node *n* to its *target* node."""
        resolved = self.ca_target(n, target, tloc, kind)
        if resolved is None:
            return
        dst_ids, k = resolved
        for dst in dst_ids:
            if dst == src:
                self.c.warning(tloc, "aif-self-loop", f"CA node {n.aid}: {src} would attack itself; ignored")
                continue
            self.relations.append(({"from": src, "kind": k, "to": dst, **self.ext.relation_meta(n.aid)}, n.loc))

    def ca_target(self, n: _Node, target: str, tloc: Location,
                  kind: RelationKind) -> tuple[list[str], RelationKind] | None:
        """What a conflict aimed at node *target* attacks, and how: a statement (*kind*), the
        inferences made from an RA node (an undercut), the attackers of another conflict."""
        t = self.typ(target)
        if t == "I":
            return [self.mid(target)], kind
        if t == "RA":
            inferences = self.ra_target.get(target, [])
            if not inferences:
                self.c.warning(tloc, "aif-structure", f"CA node {n.aid} undercuts RA node {target}, which "
                               "was not imported; ignored")
                return None
            return inferences, RelationKind.UNDERCUTS
        if t == "CA":
            self.c.warning(tloc, "aif-attack-on-attack", f"CA node {n.aid} attacks the conflict {target}; "
                           "imported as an attack on its attacker(s)")
            return [self.mid(x) for x in self.attackers_of(self.nodes[target])], RelationKind.ATTACKS
        self.c.warning(tloc, "aif-structure", f"CA node {n.aid} points at a {t} node ({target}); ignored")
        return None

    # -- MA and PA nodes: notes ---------------------------------------------------------------

    def rephrases_and_preferences(self) -> None:
        """MA (a rephrase) and PA (a preference) nodes are no argument relation in argmap: each
        becomes a note on the statement rephrased / preferred."""
        c = self.c
        for n in self.of_type("MA", "PA"):
            srcs = [a for a, _ in n.ins if self.typ(a) in ("I", "RA")]
            dsts = [a for a, _ in n.outs if self.typ(a) in ("I", "RA")]
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
                    self.note_relation(n, s, d)

    def note_relation(self, n: _Node, s: str, d: str) -> None:
        """The note that MA or PA node *n* from node *s* to node *d* leaves."""
        if s == d:
            self.c.warning(n.loc, "aif-self-loop", f"{n.type} node {n.aid} relates {s} to itself; ignored")
        elif n.type == "MA" and self.typ(d) == "I":
            self.notes[d].append(f"rephrases {self.nodes[s].mid or s} (AIF MA {n.aid})")
        elif n.type == "PA" and self.typ(s) == "I":
            self.notes[s].append(f"preferred over {self.nodes[d].mid or d} (AIF PA {n.aid})")

    # -- the dialogue: provenance -----------------------------------------------------------------

    def provenance(self, loc_info: dict[str, str]) -> None:
        """For each I node anchored by a YA node to a locution (``L -> YA -> I``), a note
        ``<illocution> in locution <L id>: <L text> [person, time]``."""
        for n in self.of_type("YA"):
            speakers = [a for a, _ in n.ins if self.typ(a) == "L"]
            for target, _ in n.outs:
                if self.typ(target) != "I":
                    continue
                for lid in speakers:
                    extra = f" [{loc_info[lid]}]" if lid in loc_info else ""
                    illocution = n.text.strip() or "YA"
                    self.notes[target].append(f"{illocution} in locution {lid}: "
                                              f"{self.nodes[lid].text.strip()}{extra}")

    # -- the map document ---------------------------------------------------------------------

    def document(self, path: str) -> dict[str, Any]:
        """The map document: title, statements, inferences, relations (each once), and the rest
        of the extension block."""
        doc: dict[str, Any] = {"argmap": 1, "title": self.ext.title or stem(path) or "AIF map",
                               "statements": self.statement_entries()}
        if self.inferences:
            doc["inferences"] = [ldoc(d, loc) for d, loc in self.inferences]
        if self.relations:
            seen = set()
            rels = []
            for d, loc in self.relations:
                key = (d["from"], d["kind"], d["to"], d.get("context"))
                if key not in seen:
                    seen.add(key)
                    rels.append(ldoc(d, loc))
            doc["relations"] = rels
        if self.ext.present:
            merge_rest(doc, self.ext.document, self.ext.loc, self.c, "the 'argmap' block")
        return doc

    def statement_entries(self) -> list[Any]:
        """The I nodes as statements, with the kind their relations give them (unless the
        extension block says it) and their notes."""
        kind_of = self.statement_kinds()
        docs = []
        for n in self.statements:
            text = n.text
            if not text.strip():
                self.c.warning(n.loc, "aif-empty-text", f"I node {n.aid} has no text; its id is used as its text")
                text = f"(I node {n.aid})"
            mid = self.mid(n.aid)
            entry: dict[str, Any] = {"id": mid, "kind": kind_of(mid), "text": text}
            extra = self.ext.statements.get(n.aid)
            if isinstance(extra, dict):
                entry.update((key, extra[key]) for key in _EXTENSION_STATEMENT_FIELDS if extra.get(key) is not None)
            notes = self.notes[n.aid]
            if notes:
                entry["note"] = "\n".join(([entry["note"]] if entry.get("note") else []) + notes)
            docs.append(ldoc(entry, n.loc))
        return docs

    def statement_kinds(self) -> Callable[[str], StatementKind]:
        """The kind of a statement by its role: a *claim* when it is concluded, a *premise*
        when it only supports, an *objection* when it only attacks or undercuts, else a claim."""
        out_kinds: dict[str, list[str]] = {}
        concluded, premised = set(), set()
        for r, _ in self.relations:
            out_kinds.setdefault(r["from"], []).append(r["kind"])
            if r["kind"] == RelationKind.SUPPORTS:
                concluded.add(r["to"])
                premised.add(r["from"])
        for inf, _ in self.inferences:
            concluded.add(inf["conclusion"])
            premised.update(inf["premises"])

        def kind_of(mid: str) -> StatementKind:
            outs = out_kinds.get(mid, [])
            if mid in concluded:
                return StatementKind.CLAIM
            if mid in premised:
                return StatementKind.PREMISE
            if outs and all(k in (RelationKind.ATTACKS, RelationKind.UNDERCUTS) for k in outs):
                return StatementKind.OBJECTION
            return StatementKind.CLAIM
        return kind_of


_EXTENSION_STATEMENT_FIELDS = ("kind", "section", "lines", "page", "cites", "tags", "note", "ignore", "held-by")


def _scheme(n: _Node) -> str | None:
    """The argument scheme an RA node names: its ``scheme`` field as written, else a scheme
    named in its text (AraucariaDB, OVA); None for a default inference."""
    if n.scheme is not None and n.scheme.strip().lower() not in DEFAULT_SCHEMES:
        return n.scheme
    if n.text.strip().lower() not in DEFAULT_SCHEMES:
        return n.text.strip()
    return None


def _locution_info(locs_seq: Any, nodes: dict[str, _Node], c: Collector) -> dict[str, str]:
    """L node id -> ``person P, time`` from the document's ``locutions`` list (each different
    piece once)."""
    loc_info: dict[str, str] = {}
    if not isinstance(locs_seq, LSeq):
        return loc_info
    seen = set()
    dup = []
    for item, loc in zip(locs_seq, locs_seq.item_loc):
        if not isinstance(item, LMap):
            c.warning(loc, "aif-locution", "a locution that is not an object is ignored")
            continue
        key = json.dumps(_plain(item), sort_keys=True, default=str)
        if key in seen:
            dup.append(item.loc)
            continue
        seen.add(key)
        aid = _locution_node(item, nodes, c)
        if aid is None:
            continue
        bits = [f"person {_text(item.get('personID'))}" if item.get("personID") is not None else None,
                _text(item.get("start") or item.get("timestamp") or "") or None]
        info = ", ".join(b for b in bits if b)
        if info and info not in loc_info.get(aid, "").split("; "):
            loc_info[aid] = "; ".join(x for x in (loc_info.get(aid), info) if x)
    if dup:
        c.warning(dup[0], "aif-duplicate-locution", f"{len(dup)} locution(s) repeat an earlier one; "
                  "the repeats are ignored")
    return loc_info


def _locution_node(item: LMap, nodes: dict[str, _Node], c: Collector) -> str | None:
    """The id of the L node a locution belongs to; None (with a warning) when there is none."""
    aid = _id_text(item.get("nodeID"))
    if aid is None or aid not in nodes:
        c.warning(item.loc, "aif-dangling-locution", f"locution of node {aid}, which is not in "
                  "'nodes'; ignored")
        return None
    if nodes[aid].type != "L":
        c.warning(item.loc, "aif-dangling-locution", f"locution of node {aid}, which is a "
                  f"{nodes[aid].type} node, not an L node; ignored")
        return None
    return aid


# -- writer -------------------------------------------------------------------------------------

#: the relations AIF holds: a support is an RA node, the others CA nodes
_AIF_RELATIONS = (RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.CONTRADICTS, RelationKind.UNDERCUTS)


def write_aif(amap: ArgumentMap) -> str:
    """The map as AIF JSON (AIFdb layout) plus an ``"argmap"`` block with what AIF cannot hold."""
    graph = _AifGraph(amap)
    ext: dict[str, Any] = {"version": 1, "title": amap.title, "statements": graph.add_statements(amap)}
    inference_ids = graph.add_inferences(amap)
    contradictions = graph.add_relations(amap)
    if inference_ids:
        ext["inferences"] = inference_ids
    if contradictions:
        ext["contradictions"] = contradictions
    if graph.relations_meta:
        ext["relations-meta"] = graph.relations_meta
    rest = rest_of_document(amap)
    if rest:
        ext["document"] = rest
    data = {"nodes": graph.nodes, "edges": graph.edges, "locutions": [], "argmap": ext}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _AifGraph:
    """The AIF nodes and edges being written, and the relations' fields AIF has no place for."""

    def __init__(self, amap: ArgumentMap):
        self.used = {s.id for s in amap.statements} | {i.id for i in amap.inferences}
        self.counter = 0
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.relations_meta: dict[str, dict[str, Any]] = {}

    def fresh(self, prefix: str) -> str:
        """A node id no statement or inference has: *prefix* and a number."""
        while True:
            self.counter += 1
            ident = f"{prefix}{self.counter}"
            if ident not in self.used:
                self.used.add(ident)
                return ident

    def edge(self, src: str, dst: str) -> None:
        self.edges.append({"edgeID": f"e{len(self.edges) + 1}", "fromID": src, "toID": dst})

    def add_statements(self, amap: ArgumentMap) -> dict[str, dict[str, Any]]:
        """An I node per statement; returns what AIF cannot hold of each (kind, section, ...)."""
        ext_statements = {}
        for s in amap.statements:
            self.nodes.append({"nodeID": s.id, "text": s.text, "type": "I"})
            ext_statements[s.id] = clean_fields({
                "kind": s.kind, "section": s.section, "lines": list(s.lines), "page": s.page,
                "cites": [{"ref": c.ref, **({"pages": c.pages} if c.pages is not None else {})} for c in s.cites],
                "tags": list(s.tags), "note": s.note, "ignore": list(s.ignore), "held-by": s.held_by})
        return ext_statements

    def add_inferences(self, amap: ArgumentMap) -> list[str]:
        """An RA node per inference, its premises pointing at it and it at its conclusion;
        returns their ids (so that one-premise inferences read back as inferences)."""
        inference_ids = []
        for inf in amap.inferences:
            node = {"nodeID": inf.id, "text": inf.scheme or "Default Inference", "type": "RA"}
            if inf.scheme:
                node["scheme"] = inf.scheme
            self.nodes.append(node)
            inference_ids.append(inf.id)
            for p in inf.premises:
                self.edge(p, inf.id)
            self.edge(inf.id, inf.conclusion)
            m = clean_fields({"lines": list(inf.lines), "page": inf.page, "note": inf.note})
            if m:
                self.relations_meta[inf.id] = m
        return inference_ids

    def add_relations(self, amap: ArgumentMap) -> list[str]:
        """An RA node per support, a CA node per attack, contradiction and undercut (pointing at
        the RA node of the inference); returns the ids of the contradictions' CA nodes."""
        contradictions = []
        for r in amap.relations:
            if r.kind not in _AIF_RELATIONS:
                continue
            if r.kind == RelationKind.SUPPORTS:
                nid = self.fresh("ra")
                self.nodes.append({"nodeID": nid, "text": "Default Inference", "type": "RA"})
            else:
                nid = self.fresh("ca")
                self.nodes.append({"nodeID": nid, "text": "Default Conflict", "type": "CA"})
                if r.kind == RelationKind.CONTRADICTS:
                    contradictions.append(nid)
            self.edge(r.source, nid)
            self.edge(nid, r.target)
            m = clean_fields({"context": r.context, "lines": list(r.lines), "page": r.page, "note": r.note})
            if m:
                self.relations_meta[nid] = m
        return contradictions
