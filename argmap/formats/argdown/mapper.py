"""From Argdown's model to an argmap map: what each Argdown element becomes, with a warning
for what changes on the way.

* every equivalence class ``[Title]`` becomes a statement; its id is the title when that is a
  valid id, else the title made into one (``Untitled 1`` -> ``Untitled_1``); its text is the
  canonical member's text (the last definition), whitespace-normalised, with ``#tags`` moved to
  ``tags``.  Kind: a ``kind`` in its ``{...}`` data; else ``claim`` for a conclusion in some
  premise-conclusion structure (PCS), ``premise`` for a statement used only as a premise,
  ``objection`` for one whose relations are all attacks, ``claim`` otherwise;
* an argument ``<Title>`` with a PCS becomes one inference per inferential step (the last step
  gets the argument's id, earlier ones ``id.1``, ``id.2``, ...); a step's premises are the
  statements listed in its ``uses`` data, else (as in Argdown) the statements since the previous
  conclusion, that conclusion included; its inference rules become the ``scheme``;
* an argument without a PCS becomes a statement (kind ``objection`` when all its relations are
  attacks, else ``claim``), its description being the text;
* relations: support (``+``, ``<+``, ``+>``; ``entails`` in strict mode) -> ``supports``,
  attack (``-``, ``<-``, ``->``) -> ``attacks``, contrary (strict mode) and contradictory
  (``><``) -> ``contradicts``, undercut (``_>``, ``<_``) -> ``undercuts``.  Relations of a
  reconstructed argument start at its conclusion (Argdown's own rule).  An undercut of a
  reconstructed argument targets its last inference (of a step, when written under that
  step's inference line); an undercut of a sketched argument or a statement turns its outgoing
  supports into one-premise inferences and undercuts those.  A support or attack of a
  reconstructed argument that names no premise is imported as a support of its conclusion /
  an undercut of its inference, with a warning;
* headings become sections (ids ``1``, ``1.2``, ... by nesting); the front matter ``title`` the
  map's title.

The result is a located document (every part carries its place in the Argdown file) that the
map loader validates as it validates a hand-written map.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import Diagnostic, Location
from ...ids import ID_RE
from ...vocab import RelationKind, StatementKind
from .._common import Collector, IdMaker, finish, ldoc, merge_rest, stem
from .fields import data_fields
from .model import (
    ARGUMENT,
    ATTACK,
    CONTRADICTORY,
    CONTRARY,
    EC,
    ENTAILS,
    INFERENCE,
    ROLE_INTERMEDIARY,
    ROLE_MAIN,
    SUPPORT,
    UNDERCUT,
    Model,
    ModelObject,
    canonical,
)
from .text import clean_text, norm

if TYPE_CHECKING:
    from ...model import ArgumentMap

__all__ = ["ArgdownImport", "Mapper", "MAX_UNDERCUTS"]

MAX_UNDERCUTS = 100_000


@dataclass
class _Relation:
    """A relation on its way into the map (kind None: left out)."""

    source: str
    kind: RelationKind | None
    target: str
    loc: Location


class ArgdownImport:
    """The result of importing an Argdown text: the map (None when there are errors), every
    diagnostic, and how Argdown's names became map ids."""

    def __init__(self) -> None:
        self.amap: ArgumentMap | None = None
        self.diagnostics: list[Diagnostic] = []
        self.statement_ids: dict[str, str] = {}     # equivalence class title -> statement id
        self.argument_ids: dict[str, str] = {}      # argument title -> statement or inference id
        self.step_ids: dict[tuple[str, int], str] = {}  # (argument, conclusion index) -> inference
        self.relations: list[dict] = []             # Argdown's relations (as its JSON export)
        self.texts: dict[str, str | None] = {}      # title -> Argdown's text of the canonical member



class Mapper:
    """Maps Argdown's model (:class:`~.model.Model`) to a located map document and validates it
    with the map loader, filling an :class:`ArgdownImport`."""

    def __init__(self, model: Model, collector: Collector, result: ArgdownImport):
        self.m = model
        self.c = collector
        self.r = result
        self.ids = IdMaker()
        self.section_ids: dict[str, str] = {}      # Argdown's section id -> the map's section id
        self.inference_ok: set[str] = set()        # inferences imported (undercuts of others are left out)
        self.extra_inferences: list = []            # one-premise inferences made from undercut supports
        self.mapped: list[tuple[str, str, str]] = []   # the map's relations: (source, kind, target)
        self._step_of: dict[tuple[str, str], str] = {}    # (premise, conclusion) -> one-premise inference
        self._out_kinds: tuple[list | None, dict[str, list[str]]] = (None, {})

    def warn(self, loc: Location, code: str, message: str) -> None:
        self.c.warning(loc, code, message)

    # -- the map --------------------------------------------------------------------------
    def run(self) -> None:
        """Map the model: the result gets the map (or None) with every diagnostic, the ids given
        to Argdown's names, Argdown's relations and texts."""
        m, r = self.m, self.r
        self.name_ids()
        r.amap, r.diagnostics = finish(self.document(), self.c.path, self.c)
        r.relations = [self.export_relation(rel) for rel in m.relations]
        for title, ec in m.statements.items():
            member = canonical(ec)
            r.texts[title] = member.text if member is not None else None

    def name_ids(self) -> None:
        """A map id for every equivalence class and argument title."""
        m, r = self.m, self.r
        for title in m.statements:
            r.statement_ids[title] = self.ids.make(title)
        for arg in m.arguments.values():
            title = arg.title
            if title.startswith("\\_") and ID_RE.match(title[1:]):
                title = title[1:]   # written by write_argdown for an id starting with '_'
            r.argument_ids[arg.title] = self.ids.make(title)

    def document(self) -> dict:
        """The map as a document (sections, statements, inferences, relations, and what the front
        matter's ``argmap`` block adds)."""
        sections, self.section_ids = self.sections()
        inferences = []
        for arg in [a for a in self.m.arguments.values() if a.pcs]:
            inferences.extend(self.inferences_of(arg))
        relations = self.relations()
        inferences.extend(self.extra_inferences)
        statements = self.statements()
        doc: dict = {"argmap": 1, "title": self.title(sections)}
        fm = self.m.front_matter if isinstance(self.m.front_matter, dict) else {}
        if sections:
            doc["sections"] = sections
        doc["statements"] = statements
        if inferences:
            doc["inferences"] = inferences
        block = fm.get("argmap")
        if isinstance(block, dict) and "relation-details" in block:
            block = dict(block)
            relations = self.apply_details(relations, block.pop("relation-details"))
        if relations:
            doc["relations"] = relations
        merge_rest(doc, block, self.c.loc(), self.c, "the front matter's 'argmap' block")
        return doc

    def apply_details(self, relations: list, details: Any) -> list:
        """Relations written with a context, locator or note (kept in the front matter by
        :func:`write_argdown`, as Argdown relations carry none): they replace the plain relation
        with the same ends."""
        if not isinstance(details, list):
            self.warn(self.c.loc(), "argdown-data", "'relation-details' in the front matter is not a "
                      "list; ignored")
            return relations
        by_key: dict = {}
        for n, r in enumerate(relations):
            by_key.setdefault((r.get("from"), r.get("kind"), r.get("to")), []).append(n)
        out = list(relations)
        replaced: set = set()
        for d in details:
            if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in ("from", "kind", "to")):
                self.warn(self.c.loc(), "argdown-data", "an entry of 'relation-details' without "
                          "from/kind/to is ignored")
                continue
            key = (d["from"], d["kind"], d["to"])
            free = [n for n in by_key.get(key, []) if n not in replaced]
            entry = {k: d[k] for k in ("from", "kind", "to", "context", "lines", "page", "note") if k in d}
            if free:
                replaced.add(free[0])
                out[free[0]] = self._located(entry, relations[free[0]].loc)
            else:
                out.append(self._located(entry, self.c.loc()))
        return out

    def title(self, sections: list) -> str:
        fm = self.m.front_matter
        if isinstance(fm, dict) and isinstance(fm.get("title"), (str, int, float)) and \
                not isinstance(fm.get("title"), bool) and str(fm["title"]).strip():
            return str(fm["title"])
        if sections:
            return sections[0]["title"]
        return stem(self.c.path) or "Argdown map"

    def sections(self) -> tuple[list, dict[str, str]]:
        """The map's sections (ids ``1``, ``1.2``, ... by nesting, or the ``id`` in a heading's data)
        and Argdown's section ids -> those ids."""
        out: list[tuple[dict, Location]] = []
        ids: dict[str, str] = {}
        used: set[str] = set()

        def visit(items: list[ModelObject], prefix: str) -> None:
            items = [s for s in items if not (isinstance(s.data, dict) and s.data.get("argmap-placeholder"))]
            for n, s in enumerate(items, start=1):
                sid = f"{prefix}{n}"
                data = s.data if isinstance(s.data, dict) else {}
                wanted = data.get("id")
                if isinstance(wanted, (str, int)) and not isinstance(wanted, bool) and \
                        ID_RE.match(str(wanted)) and str(wanted) not in used:
                    sid = str(wanted)
                used.add(sid)
                ids[s.id] = sid
                title = clean_text(s.heading) or sid
                entry: dict = {"id": sid, "title": title}
                if data.get("inferred") is True:
                    entry["inferred"] = True
                entry.update(data_fields(data, s.location, f"section '{title}'", self.c, ("lines", "page")))
                out.append((entry, s.location))
                visit(s.children, f"{sid}.")

        visit(self.m.sections, "")
        return [self._located(e, loc) for e, loc in out], ids

    @staticmethod
    def _located(entry: dict, loc: Location) -> Any:
        return ldoc(entry, loc)

    def section_of(self, item: ModelObject, fields: dict) -> str | None:
        if "section" in fields:
            return fields.pop("section")
        if item.section is not None:
            return self.section_ids.get(item.section.id)
        return None

    # -- inferences -----------------------------------------------------------------------
    def inferences_of(self, arg: ModelObject) -> list:
        r = self.r
        conclusions = [i for i, s in enumerate(arg.pcs) if s.role in (ROLE_INTERMEDIARY, ROLE_MAIN)]
        main_id = r.argument_ids[arg.title]
        out = []
        for step, index in enumerate(conclusions, start=1):
            concl = arg.pcs[index]
            inf = concl.inference
            iid = main_id if step == len(conclusions) else self.ids.make(f"{main_id}.{step}")
            r.step_ids[(arg.title, index)] = iid
            loc = inf.location if inf is not None else arg.location
            premises = self.step_premises(arg, index, loc)
            concl_id = r.statement_ids[concl.title]
            if concl_id in premises:
                self.warn(loc, "argdown-self-premise", f"step {step} of <{arg.title}> uses its own "
                          f"conclusion [{concl.title}] as a premise; that premise is left out")
                premises = [p for p in premises if p != concl_id]
            if not premises:
                self.warn(loc, "argdown-no-premise", f"step {step} of <{arg.title}> has no premise; "
                          "no inference is imported for it")
                continue
            self.inference_ok.add(iid)
            rules = [x for x in (inf.inferenceRules if inf is not None else []) if x]
            entry = {"id": iid, "premises": premises, "conclusion": concl_id}
            if rules:
                entry["scheme"] = norm(", ".join(rules))
            fields = data_fields(inf.data if inf is not None else None,
                                 inf.data_loc if inf is not None else None,
                                 f"the inference of <{arg.title}>", self.c)
            if step == len(conclusions) and "note" not in fields:
                arg_fields = data_fields(arg.data, arg.location, f"argument <{arg.title}>", self.c, ("note",))
                member = canonical(arg)
                desc = clean_text(member) if member is not None else ""
                if arg_fields.get("note"):
                    fields["note"] = arg_fields["note"]
                elif desc:
                    fields["note"] = desc
            entry.update(fields)
            out.append(self._located(entry, loc))
        return out

    def step_premises(self, arg: ModelObject, index: int, loc: Location) -> list[str]:
        concl = arg.pcs[index]
        inf = concl.inference
        idata = inf.data if inf is not None and isinstance(inf.data, dict) else {}
        cdata = concl.data if isinstance(concl.data, dict) else {}
        uses = None
        if isinstance(idata.get("uses"), list):
            uses = idata["uses"]
        elif isinstance(cdata.get("uses"), list):
            uses = cdata["uses"]
        elif isinstance(idata.get("from"), list):
            uses = idata["from"]
        elif cdata.get("uses") and isinstance(cdata.get("from"), list):
            uses = cdata["from"]
        chosen = None
        if uses is not None:
            if all(isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= len(arg.pcs) for i in uses):
                chosen = [arg.pcs[i - 1] for i in uses]
            else:
                self.warn(loc, "argdown-uses", f"'uses' of a step of <{arg.title}> lists {uses!r}, "
                          f"which are not statement numbers 1..{len(arg.pcs)}; the step uses the "
                          "statements since the previous conclusion instead")
        if chosen is None:
            chosen = []
            for i in range(index - 1, -1, -1):
                chosen.append(arg.pcs[i])
                if arg.pcs[i].role == ROLE_INTERMEDIARY:
                    break
            chosen.reverse()
        return list(dict.fromkeys(self.r.statement_ids[s.title] for s in chosen))

    # -- relations ------------------------------------------------------------------------
    def node_id(self, node: ModelObject, rel: ModelObject, as_source: bool) -> tuple[str | None, RelationKind | None]:
        """(id, kind override) of a relation end."""
        r = self.r
        if node.type == EC:
            return r.statement_ids[node.title], None
        if node.type == INFERENCE:
            return r.step_ids.get((node.argumentTitle, node.conclusionIndex)), None
        if node.type == ARGUMENT:
            if not node.pcs:
                return r.argument_ids[node.title], None
            concl_id = r.statement_ids[node.pcs[-1].title]
            if as_source:
                return concl_id, None
            main = r.step_ids.get((node.title, len(node.pcs) - 1))
            loc = self.m.loc(rel.occurrences[0])
            if rel.relationType == UNDERCUT:
                return main, None
            if rel.relationType == ATTACK:
                self.warn(loc, "argdown-sketched-attack", f"an attack on the reconstructed argument "
                          f"<{node.title}> that names none of its premises: imported as an undercut of "
                          "its inference (attack a premise to be exact)")
                return main, RelationKind.UNDERCUTS
            if rel.relationType == SUPPORT:
                self.warn(loc, "argdown-sketched-support", f"a support of the reconstructed argument "
                          f"<{node.title}> that names none of its premises: imported as a support of "
                          f"its conclusion [{node.pcs[-1].title}] (support a premise to be exact)")
                return concl_id, None
        return None, None

    KIND = {SUPPORT: RelationKind.SUPPORTS, ENTAILS: RelationKind.SUPPORTS, ATTACK: RelationKind.ATTACKS,
            CONTRARY: RelationKind.CONTRADICTS, CONTRADICTORY: RelationKind.CONTRADICTS,
            UNDERCUT: RelationKind.UNDERCUTS}

    def relations(self) -> list:
        """The map's relations (located entries); undercuts of statements become undercuts of
        one-premise inferences made from their supports (in :attr:`extra_inferences`)."""
        mapped = self._mapped_relations()
        undercuts = self._undercut_statements(mapped)
        result = [self._located({"from": x.source, "kind": x.kind, "to": x.target}, x.loc)
                  for x in mapped + undercuts if x.kind is not None]
        self.mapped = [(x["from"], x["kind"], x["to"]) for x in result]
        return result

    def _mapped_relations(self) -> list[_Relation]:
        """Argdown's relations whose ends were imported, each (source, kind, target) once."""
        mapped = []
        seen = set()
        for rel in self.m.relations:
            x = self._mapped(rel)
            if x is None or (x.source, x.kind, x.target) in seen:
                continue
            seen.add((x.source, x.kind, x.target))
            mapped.append(x)
        return mapped

    def _mapped(self, rel: ModelObject) -> _Relation | None:
        """One Argdown relation in argmap's terms; None (with a warning) when it cannot be."""
        loc = self.m.loc(rel.occurrences[0])
        src, _ = self.node_id(rel.source, rel, True)
        dst, override = self.node_id(rel.target, rel, False)
        kind = override or self.KIND.get(rel.relationType)
        if src is None or dst is None or kind is None:
            self.warn(loc, "argdown-relation", f"a {rel.relationType} relation whose "
                      "end was not imported is left out")
            return None
        if kind == RelationKind.UNDERCUTS and dst not in self.inference_ok and dst in self.r.step_ids.values():
            self.warn(loc, "argdown-relation", "an undercut of an inference that was not imported "
                      "is left out")
            return None
        if src == dst:
            self.warn(loc, "argdown-self-relation", f"'{src}' {kind} itself (through an argument's "
                      "conclusion); left out")
            return None
        return _Relation(src, kind, dst, loc)

    def _undercut_statements(self, mapped: list[_Relation]) -> list[_Relation]:
        """An undercut of a statement (or a sketched argument) undercuts each of its supports,
        made into a one-premise inference; one that supports nothing is imported as an attack.
        The undercuts of statements in *mapped* are marked left out; returns their replacements."""
        statement_ids = set(self.r.statement_ids.values()) | {
            v for t, v in self.r.argument_ids.items() if not self.m.arguments[t].pcs}
        supports_of: dict[str, list[_Relation]] = {}
        for x in mapped:
            if x.kind == RelationKind.SUPPORTS:
                supports_of.setdefault(x.source, []).append(x)
        self.extra_inferences = []
        self._step_of = {}
        out: list[_Relation] = []
        for item in mapped:
            if item.kind != RelationKind.UNDERCUTS or item.target not in statement_ids:
                continue
            supports = supports_of.get(item.target, [])
            if len(out) + len(supports) > MAX_UNDERCUTS:    # m undercuts x n supports: m x n
                self.warn(item.loc, "argdown-undercut", f"an undercut of '{item.target}' would make more "
                          f"than {MAX_UNDERCUTS} undercut relations in all; left out")
                item.kind = None
                continue
            if not supports:
                self.warn(item.loc, "argdown-undercut", f"an undercut of '{item.target}', which supports "
                          "nothing: imported as an attack on it")
                item.kind = RelationKind.ATTACKS
                continue
            item.kind = None
            out.extend(_Relation(item.source, RelationKind.UNDERCUTS, self._step(sup), item.loc) for sup in supports)
        return out

    def _step(self, support: _Relation) -> str:
        """The id of the one-premise inference a support becomes (made at its first undercut)."""
        key = (support.source, support.target)
        if key not in self._step_of:
            iid = self._step_of[key] = self.ids.make(f"{support.source}_{support.target}")
            support.kind = None     # the support is that inference now
            self.extra_inferences.append(self._located({"id": iid, "premises": [support.source],
                                                        "conclusion": support.target}, support.loc))
            self.inference_ok.add(iid)
        return self._step_of[key]

    # -- statements -----------------------------------------------------------------------
    def derived_kind(self, sid: str, ec: ModelObject | None = None) -> StatementKind:
        if ec is not None and (ec.isUsedAsMainConclusion or ec.isUsedAsIntermediaryConclusion):
            return StatementKind.CLAIM
        if ec is not None and ec.isUsedAsPremise:
            return StatementKind.PREMISE
        if self._out_kinds[0] is not self.mapped:   # by source, once
            kinds: dict[str, list[str]] = {}
            for s, k, _ in self.mapped:
                kinds.setdefault(s, []).append(k)
            self._out_kinds = (self.mapped, kinds)
        out = self._out_kinds[1].get(sid, [])
        if out and all(k in (RelationKind.ATTACKS, RelationKind.UNDERCUTS) for k in out):
            return StatementKind.OBJECTION
        return StatementKind.CLAIM

    def statement_entry(self, item: ModelObject, sid: str, what: str, ec: ModelObject | None = None) -> Any:
        member = canonical(item)
        text = clean_text(member) if member is not None else ""
        loc = (member.location if member is not None else None) or \
            (item.members[0].location if item.members else None) or item.location or self.c.loc()
        if not text:
            if ec is not None or member is None:
                self.warn(loc, "argdown-undefined", f"{what} has no text (it is only referred to); "
                          "its title is used as its text")
            text = norm(item.title) or sid
        fields = data_fields(item.data, (member.data_loc if member is not None else None) or loc, what, self.c,
                             ("kind", "note", "lines", "page", "cites", "tags", "ignore", "section",
                              "held-by"))
        kind = fields.pop("kind", None) or self.derived_kind(sid, ec)
        tags = list(dict.fromkeys((item.tags or []) + fields.pop("tags", [])))
        section = self.section_of(item, fields)
        entry = {"id": sid, "kind": kind, "text": text}
        if section is not None:
            entry["section"] = section
        entry.update({k: fields[k] for k in ("lines", "page", "cites") if k in fields})
        if tags:
            entry["tags"] = tags
        entry.update({k: fields[k] for k in ("note", "ignore", "held-by") if k in fields})
        return self._located(entry, loc)

    def statements(self) -> list:
        out = []
        for title, ec in self.m.statements.items():
            out.append(self.statement_entry(ec, self.r.statement_ids[title], f"statement [{title}]", ec))
        for title, arg in self.m.arguments.items():
            if not arg.pcs:
                out.append(self.statement_entry(arg, self.r.argument_ids[title], f"argument <{title}>"))
        return out

    def export_relation(self, rel: ModelObject) -> dict:
        def end(node):
            if node.type == INFERENCE:
                return node.argumentTitle, INFERENCE
            return node.title, node.type

        src, src_type = end(rel.source)
        dst, dst_type = end(rel.target)
        out = {"from": src, "fromType": src_type, "relationType": rel.relationType, "to": dst,
               "toType": dst_type}
        if rel.target.type == INFERENCE:
            out["conclusionIndex"] = rel.target.conclusionIndex
        return out
