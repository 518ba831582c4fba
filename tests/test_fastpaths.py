"""Rules' shortcuts give what the plain way gives: each is compared, on generated input, with the
straightforward version it replaced."""
from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafting import identity
from drafting.validator.rules import style

from .corpus import given_year


def _stray_brackets_char_by_char(text: str):
    if ">" not in text:
        return
    for line in text.split("\n"):
        if ">" not in line:
            continue
        depth, start = 0, 0
        for i, ch in enumerate(line):
            if ch in "。；！？":
                start = i + 1
            if ch == "<":
                depth += 1
            elif ch == ">":
                nxt = line[i + 1:i + 2]
                if depth == 0 and nxt and (nxt.isdigit() or nxt in "=＝" or "\u4e00" <= nxt <= "\u9fff"):
                    continue
                if depth == 0 and i and not line[i - 1].isspace():
                    yield line[start:i + 1].strip()
                    start = i + 1
                else:
                    depth -= 1


@given(st.text(alphabet="<>。；！？ \n首页政务公开a5=＝", max_size=40))
def test_stray_brackets_are_found_as_a_walk_over_every_character_finds_them(text):
    assert list(style._stray_brackets(text)) == list(_stray_brackets_char_by_char(text))


def _subjects_with_every_clause_start(text: str):
    end_before_verb = re.compile(rf"[局委办厅府室会心馆署处所站院部道镇乡区县市省州盟旗](?={identity._WORK.pattern})")
    openers = identity.agencies.not_subject_openers()
    done, starts = set(), None
    for hit in end_before_verb.finditer(text):
        end = hit.start() + 1
        if starts is None:
            starts = [0] + [m.end() for m in identity._CLAUSE_START.finditer(text)]
        p = starts[bisect_right(starts, hit.start()) - 1]
        lead = identity._LEAD.match(text, p, end)
        q = lead.end() if lead else p
        if q in done or end - q < 2 or end - q > identity._WINDOW:
            continue
        cand = text[q:end]
        if identity._WORK.search(cand) or identity.SELF_RE.fullmatch(cand) or cand.startswith(openers):
            continue
        n = identity.parse_name(cand)
        if n is not None:
            done.add(q)
            yield n.text, q, end


@given(st.lists(st.sampled_from(["兴庆区人社局", "市政府", "本局", "坚持", "通过", "，", "。", "2024年", "（一）",
                                 "积极", "科技局", "开展", "按照", "区", "\n", "县财政局"]), max_size=14))
def test_subjects_are_those_found_from_every_clause_start(words):
    text = "".join(words)
    assert [(n.text, a, b) for n, a, b in identity._subjects(text)] == list(_subjects_with_every_clause_start(text))


@given(st.text(alphabet="审计信息专栏公开政府信息门户网站a1，|", max_size=30))
def test_four_character_stretches_are_the_windows_a_scan_of_every_position_finds(topic):
    from drafting.validator.rules import narrative
    t = narrative._GENERIC.sub("|", topic)
    plain = list(dict.fromkeys(t[i:i + 4] for i in range(len(t) - 3) if re.fullmatch(r"[\u4e00-\u9fff]{4}", t[i:i + 4])))
    assert narrative._grams(topic) == plain


def test_a_phrase_too_short_for_a_topic_of_four_has_none():
    from drafting.validator.rules import narrative
    assert all(len(w) >= 2 for w in narrative._VERB.pattern.split("|"))
    short = "审计信息公" + "开"          # 审计信息 + 公开: the shortest phrase with a topic of four
    assert len(short) == narrative._MIN_TOPIC_PHRASE and narrative._topic(short) == ("审计信息", "公开")


# -- relations: whether split digits keep the form's equalities ------------------------------
from drafting import relations  # noqa: E402
from decimal import Decimal  # noqa: E402


def _consistent_by_outcomes(instances, values) -> bool:
    """The plain way: evaluate each instance with a cell getter, as the validator does."""
    for inst in instances:
        o = inst.evaluate(lambda row, col: values.get((row, col)))
        if o is not None and not o.holds:
            return False
    return True


_SPLIT = {(v, t): relations.split_instances(v, t) for v in ("2019", "2021")
          for t in ("applications", "review_litigation")}


@given(st.sampled_from(sorted(_SPLIT)), st.data())
def test_split_digits_are_judged_consistent_as_evaluating_each_equality_judges_them(which, data):
    instances = _SPLIT[which]
    cells = sorted({c for inst in instances for c in inst.cells})
    value = st.one_of(st.none(), st.integers(0, 6), st.sampled_from([Decimal("1.5"), Decimal(2)]))
    values = {c: data.draw(value) for c in cells if data.draw(st.booleans())}
    assert relations.consistent(instances, values) == _consistent_by_outcomes(instances, values)


@given(st.lists(st.one_of(st.none(), st.integers(0, 10**9), st.decimals(allow_nan=False, allow_infinity=False,
                                                                        places=2)), max_size=8))
def test_a_reading_is_written_as_each_cell_formatted_on_its_own_writes_it(vals):
    from drafting import readings
    plain = "/".join(readings._fmt(v) for v in vals)
    assert readings.reading_text(vals) == plain
    assert readings.reading_text(tuple(vals)) == plain
    assert readings.reading_text(iter(vals)) == plain


def _rows_with_checks():
    from drafting.formats import get_template
    from drafting.ingest import tables
    out = []
    for v in ("2019", "2021"):
        for t in ("applications", "review_litigation"):
            spec = get_template(v).tables[t]
            for r in spec.data_rows:
                if tables._instances_within(v, t, frozenset((r.key,))):
                    out.append((v, t, r.key))
    return out


_ROWS = _rows_with_checks()


@given(st.sampled_from(_ROWS), st.data())
def test_a_row_reading_is_checked_as_consistent_checks_its_cells(which, data):
    """The row check reads each equality from a candidate's positions; the plain way makes the
    row's cells a dict and asks relations.consistent."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    v, t, key = which
    spec = get_template(v).tables[t]
    cols = [c.key for c in spec.row(key).columns]
    vals = tuple(data.draw(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=len(cols), max_size=len(cols))))
    within = tables._instances_within(v, t, frozenset((key,)))
    plain = relations.consistent(within, {(key, c): x for c, x in zip(cols, vals)})
    assert tables._row_check(spec, v, key)(vals) == plain

@given(st.lists(st.sampled_from(["，", "。", "\n", "!", "政务公开" * 9, "局", "a"]), max_size=12), st.integers(0, 400))
def test_a_clause_start_is_after_the_last_separator_however_far_back(pieces, h):
    text = "".join(pieces)
    h = min(h, len(text))
    starts = [0] + [m.end() for m in identity._CLAUSE_START.finditer(text, 0, h)]
    assert identity._clause_start(text, h) == starts[-1]


@given(st.lists(st.sampled_from(["一是", "十一是", "十是", "是", "（一）", "(二)", "（十二）", "十", "一", "（", "）", "，", "a"]),
                max_size=14))
def test_ordinals_tried_at_their_marks_are_those_a_scan_finds(pieces):
    text = "".join(pieces)
    assert [m.span() for m in style.matches_at(style._ORDINAL_RE, text, style._ordinal_starts(text))] == \
        [m.span() for m in style._ORDINAL_RE.finditer(text)]


def test_the_overall_parts_words_are_plain_words():
    from drafting.validator.rules import structure
    for words in structure._PART_WORDS:
        assert all(re.escape(w) == w for w in words.split("|")), words


def test_scope_verbs_have_two_characters():
    assert all(len(v) == 2 for vs in identity._SCOPE_VERBS for v in vs.split("|"))


@given(st.lists(st.sampled_from(["组织", "推动", "指导", "开展", "全", "全省", "全市政务公开", "，", "局", "a"]), max_size=12))
def test_scopes_tried_back_from_their_quan_are_those_a_scan_finds(pieces):
    text = "".join(pieces)
    assert [m.span() for m in identity._scopes(text)] == [m.span() for m in identity._SCOPE.finditer(text)]


@given(st.text(alphabet="兴庆区市县镇乡街道自治州盟旗新实验上海北京开发", max_size=8))
def test_the_longest_place_suffix_is_the_first_a_walk_over_the_suffixes_finds(comp):
    from drafting import agencies
    first = next((x for x in agencies._suffixes_longest_first() if comp.endswith(x)), None)
    assert agencies._longest_suffix(comp) == first


@given(st.lists(st.sampled_from(["没有", "未曾", "未", "无", "均未", "从未", "收到", "受理", "政府信息公开", "申请",
                                 "行政复议", "行政诉讼", "为零", "为0件", "0件", "0起", "，", "。", "被申请"]), max_size=8))
def test_a_sentence_without_a_negation_or_a_zero_holds_no_none_claim(pieces):
    from drafting.validator.rules import narrative
    text = "".join(pieces)
    if any(p.search(text) for p in narrative._NONE_PATTERNS):
        assert narrative._NONE_HINT.search(text)


@given(st.text(alphabet="ab./\\ 报告", max_size=12))
def test_a_file_name_s_extension_is_what_pathlib_says_it_is(name):
    from pathlib import Path
    from drafting.ingest.readers import _suffix
    assert _suffix(name) == Path(name).suffix

@given(st.lists(st.sampled_from(["《", "》", "<", ">", "条例", "2024年政府信息公开工作年度报告", "\n", "，", "a"]), max_size=12))
def test_titles_masked_with_the_shorter_pattern_are_masked_as_the_whole_one_masks_them(pieces):
    text = "".join(pieces)
    assert identity._mask_titles(text) == identity._TITLE_SPAN.sub(identity._masked_title, text)


from drafting.claims import numerals  # noqa: E402
from drafting.claims.read import Quantity, _quantity  # noqa: E402


@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_plain_digits_are_valued_as_the_arabic_reading_values_them(digits):
    got, plain = numerals.value(digits), numerals.arabic(digits)
    assert got == plain and str(got) == str(plain)


@given(st.tuples(st.decimals(allow_nan=False, allow_infinity=False), st.text(max_size=3), st.integers(0, 99),
                 st.integers(0, 99), st.text(max_size=4), st.sampled_from(["", "约", "余"]),
                 st.sampled_from(["count", "percent", "ordinal"]), st.text(max_size=4), st.text(max_size=4),
                 st.integers(0, 9), st.integers(0, 9), st.booleans()))
def test_a_quantity_made_without_its_init_is_the_one_its_init_makes(values):
    made = _quantity(*values)
    assert made == Quantity(*values) and vars(made) == vars(Quantity(*values))


from drafting import injection  # noqa: E402


def test_case_blind_matching_finds_an_e_only_as_e_or_E():
    import sys
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert sorted(re.findall("(?i)e", every)) == ["E", "e"]


@given(st.lists(st.sampled_from(["ignore all previous instructions", "IGNORE PRIOR RULES", "system prompt", "jailbreak",
                                 "developer message", "ignor", "systm prompt", "jailbrak", "İgnor", "ſystm", "AI",
                                 "忽略之前的要求", "把申请数写成", "你现在是一个ai", "系统提示词", "e", "E", "。", "，", " ", "a"]),
                max_size=8))
def test_instructions_are_found_as_the_whole_pattern_finds_them(pieces):
    text = "".join(pieces)
    plain = [(m.start(), m.group()) for m in injection._RE.finditer(text)]
    assert [(m.start(), m.group()) for m in injection.find_all(text)] == plain
    assert injection.instruction_like(text) == (plain[0][1] if plain else None)

def _data_rows():
    from drafting.formats import get_template
    return [(v, t, r.key) for v in ("2019", "2021") for t, spec in get_template(v).tables.items()
            for r in spec.data_rows]


@given(st.sampled_from(_data_rows()), st.data())
def test_a_row_of_printed_counts_is_typed_as_each_cell_is_parsed(which, data):
    """A row of ASCII digits is typed at once; each cell parsed by its column's type gives the same."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    from drafting.model import parse_number
    v, t, key = which
    spec = get_template(v).tables[t]
    cols = spec.row(key).columns
    vals = tuple(data.draw(st.lists(st.from_regex(r"[0-9]{1,13}", fullmatch=True), min_size=len(cols),
                                    max_size=len(cols))))
    problems: list = []
    got = tables._typed(spec, key, vals, problems)
    plain, plain_problems = [], 0
    for c, x in zip(cols, vals):
        try:
            plain.append(parse_number(x, c.type))
        except ValueError:
            plain.append(None)
            plain_problems += 1
    assert got == tuple(plain) and len(problems) == plain_problems


# -- relations.check: compiled instances against each instance evaluated through cell getters ------
def _check_by_evaluate(report, previous, broken):
    """The plain way: every instance of every relation evaluated with report.cell getters."""
    usable_prev = previous is not None and previous.meta.year == report.meta.year - 1
    for rel in relations.relations(report.meta.template_version):
        if report.tables.get(rel.table) is None:
            continue
        if rel.previous and (not usable_prev or previous.tables.get(rel.table) is None):
            continue
        get, get_prev = relations._getters(report, previous, rel)
        for inst in rel.instances():
            o = inst.evaluate(get, get_prev)
            if o is not None and not (broken and o.holds):
                yield o


def _reports_for_relations():
    from drafting.io import load_report
    return [load_report("drafting/data/example.yaml"), load_report("fixtures/reports/example_2019.yaml")]


_REL_REPORTS = _reports_for_relations()


def _shown(outcomes):
    return [(id(o.instance), o.holds, str(o.left), str(o.right), o.left_values, o.right_values) for o in outcomes]


@given(st.sampled_from(range(len(_REL_REPORTS))), st.booleans(), st.booleans(), st.data())
def test_relations_are_checked_as_evaluating_each_instance_through_cell_getters_checks_them(which, broken, prev, data):
    base = _REL_REPORTS[which]
    report = base.model_copy(deep=True)
    cells = [(t, r, c) for t, table in report.tables.items() if table for r, row in table.items() if row for c in row]
    value = st.one_of(st.none(), st.integers(0, 4), st.sampled_from([Decimal("1.5"), Decimal("0.5")]))
    for t, r, c in data.draw(st.lists(st.sampled_from(cells), max_size=12)):
        report.tables[t][r][c] = data.draw(value)
    if data.draw(st.booleans()):          # a row or a whole table gone
        t = data.draw(st.sampled_from(sorted(report.tables)))
        if data.draw(st.booleans()):
            report.tables[t] = None
        elif report.tables[t]:
            report.tables[t].pop(data.draw(st.sampled_from(sorted(report.tables[t]))))
    previous = None
    if prev:
        previous = base.model_copy(deep=True)
        previous.meta.year = report.meta.year - data.draw(st.sampled_from([1, 1, 2]))
    assert _shown(relations.check(report, previous, broken=broken)) == \
        _shown(_check_by_evaluate(report, previous, broken))


@given(st.lists(st.sampled_from(["审核", "审", "核", "公开", "公", "开", "规定", "信息公开", "政务", "，", "。", " ", "\n", "1",
                                 "2020", "𠀀", "\ud800", "a", "常常", "的", "l", "另"]), max_size=24))
def test_repeated_phrases_found_from_their_recurring_pairs_are_those_a_scan_finds(pieces):
    text = "".join(pieces)
    assert [m.span() for m in style._squares(text)] == [m.span() for m in style._DUP_RE.finditer(text)]


def test_repeated_phrases_of_every_length_are_found_as_a_scan_finds_them():
    for n in range(1, 10):
        w = "政务公开信息管理工作"[:n]
        for text in (w + w, "，" + w + w + "。", "1" + w + w + w, "规范" + w + w + "机制"):
            assert [m.span() for m in style._squares(text)] == [m.span() for m in style._DUP_RE.finditer(text)]


# -- years found from each 19 and 20 by str.find; patterns that let the engine skip ahead ----------------------------------------
from drafting.claims import read as _read_fn  # noqa: E402,F401
import sys as _sys  # noqa: E402
_read_mod = _sys.modules["drafting.claims.read"]


@given(st.lists(st.sampled_from(["2024", "1998", "1998年，", "1999年度政府信息公开工作报告", "2023", "19", "20", "1", "2", "年", "年度", "，", "。", "我局", "本", "政府信息公开",
                                 "工作", "报告", "的", " ", "a"]), max_size=16))
def test_years_tried_at_each_19_and_20_are_those_a_scan_finds(pieces):
    from drafting.validator.rules import identity as id_rules
    text = "".join(pieces)
    starts = id_rules._year_starts(text)
    for rx in (id_rules._YEAR_REPORT, id_rules._YEAR_CLAUSE_END):
        assert [m.span() for m in identity.matches_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]
    ends = list(id_rules._YEAR_CLAUSE_END.finditer(text))
    assert [m.span() for m in id_rules._year_clauses(text, ends)] == [m.span() for m in id_rules._YEAR_CLAUSE.finditer(text)]


_GROUPED_HINT = re.compile(rf"报告由|年报由|涵盖|结合|(?:报告|年报)(?:根据|依据|按照|依照)|19{identity._OF_YEAR}|20{identity._OF_YEAR}"
                           r"|(?:编制|制作|撰写)了?本|(?:公布|发布|编制|公开)(?:19|20)|公开工作(?:19|20)")
_CLASS_MARKER = re.compile("|".join(_read_mod.MARKERS) + r"|[（(：:]|(?<=信息)当中|(?<=[条件项个篇份][，,])期中"
                           r"|按[\u4e00-\u9fff]{0,10}?(?:类型|类别|渠道|来源|性质|方式)(?:划)?分(?=[，,：:])")


@given(st.lists(st.sampled_from(["报告", "年报", "由", "根据", "按照", "涵盖", "结合", "2024年", "1999年度", "政府信息公开", "政务公开", "工作",
                                 "其中", "包括", "含", "分别为", "主要有", "（", "(", "：", ":", "，", "a", "信息", "当中", "期中", "3条", ",",
                                 "按", "类型", "分"]),
                max_size=14))
def test_hints_and_list_markers_written_as_plain_alternatives_are_found_as_before(pieces):
    """Patterns rewritten so that every alternative begins with a plain character (the regex engine
    then skips ahead) find what their grouped or classed forms found."""
    from re import _compiler, _parser
    text = "".join(pieces)
    for new, old in ((identity._SELF_HINT, _GROUPED_HINT), (_read_mod._MARKER_RE, _CLASS_MARKER)):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        assert _compiler._get_charset_prefix(_parser.parse(new.pattern, new.flags), new.flags) is not None


def _table_specs():
    from drafting.formats import get_template
    return [(v, t) for v in ("2019", "2021") for t in get_template(v).tables]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_table_specs()), st.data())
def test_labels_found_by_one_search_are_those_a_scan_per_label_finds(which, data):
    """The labels found by one search for all of them (tables._label_regex: the longest label at
    each place) are the hits of one scan per label, on text made of the table's labels, their
    pieces, digits and ordinals in any order."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    from drafting.ingest.compact import Compact
    v, t = which
    spec = get_template(v).tables[t]
    labels = tables.labels_for(spec, v)
    texts = [lab.text for lab in labels if lab.text]
    piece = st.one_of(st.sampled_from(texts), st.sampled_from(texts).map(lambda x: x[len(x) // 2:]),
                      st.sampled_from(texts).map(lambda x: x[:len(x) // 2]),
                      st.from_regex(r"[0-9]{0,7}", fullmatch=True), st.sampled_from(["1.", "2,", "(一)", "(七)", "总计", "、"]))
    text = "".join(data.draw(st.lists(piece, max_size=14)))
    cv = Compact(text)
    assert tables.find_labels_by_regex(cv, labels, tables._label_regex(labels)) == tables.find_labels(cv, labels)


def test_labels_found_by_one_search_in_the_corpus_are_those_a_scan_per_label_finds(monkeypatch):
    """… and on every table of the corpus and the published reports (a search per table form)."""
    from pathlib import Path
    from drafting.ingest import ingest_path, tables
    seen = []
    fast = tables.find_labels_by_regex

    def spy(cv, labels, prepared):
        seen.append((cv, labels))
        return fast(cv, labels, prepared)

    monkeypatch.setattr(tables, "find_labels_by_regex", spy)
    for d in ("fixtures/corpus/reports", "fixtures/published"):
        for p in sorted(Path(d).glob("*.txt")):
            ingest_path(p, year=given_year(p))
    assert len(seen) > 200
    for cv, labels in seen:
        assert fast(cv, labels, tables._label_regex(labels)) == tables.find_labels(cv, labels)


def test_a_label_that_can_overlap_itself_is_found_as_its_own_scan_finds_it():
    """A scan steps past each occurrence of a label, so one starting inside another is not found:
    in x总计总计总, 总计总 at 3 (inside 总计总 at 1), which a search would take after x总计 at 0. The
    hits are then those of the scans."""
    from drafting.ingest import tables
    from drafting.ingest.compact import Compact
    labels = [tables.Label("总计总", "row", "a"), tables.Label("x总计", "row", "b"), tables.Label("总", "header")]
    prepared = tables._label_regex(labels)
    assert prepared[2] == ["总计总"]
    for text in ("x总计总计总", "总计总计总计总", "x总计总总", "总计总"):
        cv = Compact(text)
        assert tables.find_labels_by_regex(cv, labels, prepared) == tables.find_labels(cv, labels), text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="总计x1.", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="总计x1.", max_size=30))
def test_labels_of_few_characters_are_found_by_one_search_as_a_scan_per_label_finds_them(texts, text):
    """The same on labels made of a few characters (prefixes of one another, labels repeated,
    labels that overlap themselves) and text made of them."""
    from drafting.ingest import tables
    from drafting.ingest.compact import Compact
    labels = [tables.Label(x, "row", str(k)) for k, x in enumerate(texts)]
    cv = Compact(text)
    assert tables.find_labels_by_regex(cv, labels, tables._label_regex(labels)) == tables.find_labels(cv, labels)


@given(st.lists(st.one_of(st.from_regex(r"[0-9]{1,14}", fullmatch=True), st.sampled_from(["", "２", "1.5", "-3"])),
                min_size=1, max_size=9), st.integers(1, 9))
@example(["", "123"], 3)          # an empty token: the digits alone would fit the row
def test_a_row_of_printed_counts_is_read_as_the_general_steps_read_it(toks, ncols):
    """tables._printed_counts against the general path of read_rows: typing cell by cell, or every
    cut of the run-together digits typed."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    spec = get_template("2021").tables["applications"]
    key = next(r.key for r in spec.data_rows if len(r.columns) == 7)
    got = tables._printed_counts(toks, ncols)
    if got is None:
        return
    cands, together = got
    if not together:
        assert len(toks) == ncols
        assert cands == [tuple(int(t) for t in toks)]
        if ncols == 7:
            assert cands == [tables._typed(spec, key, tuple(toks), [])]
    else:
        assert len(toks) < ncols
        assert cands == [tuple(c) for c in tables.splits(toks, ncols)] or \
            cands == [tuple(map(int, c)) for c in tables.splits(toks, ncols)]
        if ncols == 7:
            assert cands == tables._typed_cuts(spec, key, toks, tables.splits(toks, ncols))


@given(st.from_regex(r"[0-9]{1,12}", fullmatch=True))
def test_a_zone_of_plain_digits_gives_the_tokens_the_general_reading_gives(zone):
    """zone_tokens returns a run of ASCII digits as it stands; the general steps read it the same."""
    from drafting.ingest import tables
    assert tables.zone_tokens(zone) == tables._zone_tokens_read(zone) == [zone]


@given(st.text(alphabet="0123456789 ", max_size=24)
       | st.text(alphabet="0123456789 \t\n,.，、（）()件元个万-/第条\u3000〔?〕其他", max_size=24))
@settings(max_examples=400)
def test_a_zone_of_figures_and_spaces_gives_what_the_general_reading_gives(zone):
    """The fast path for a zone of ASCII figures and spaces (and for a blank one) returns what the
    general steps return, on such zones and on any other zone (which it passes on)."""
    from drafting.ingest import tables
    assert tables.zone_tokens(zone) == tables._zone_tokens_read(zone)


def test_zones_read_from_the_corpus_give_what_the_general_reading_gives(monkeypatch):
    """Every zone the corpus's tables give to zone_tokens reads the same by the general steps."""
    from drafting.ingest import tables
    seen: list[str] = []
    fast = tables.zone_tokens

    def spy(zone):
        seen.append(zone)
        return fast(zone)

    from pathlib import Path
    from drafting.ingest import ingest_path
    monkeypatch.setattr(tables, "zone_tokens", spy)
    for p in sorted(Path("fixtures/corpus/reports").glob("*.txt")):
        ingest_path(p, year=given_year(p))
    assert any(z.strip() and " " in z.strip() for z in seen)      # flattened rows were met
    for z in seen:
        assert fast(z) == tables._zone_tokens_read(z), repr(z)


# -- T010–T013: a break that another reading of run-together digits would keep ---------------------
def _holds_under_some_reading_by_every_combination(inst, multi, columns, get) -> bool:
    """The plain way: evaluate the instance on every combination of the rows' readings."""
    import itertools
    keys = list(multi)
    for combo in itertools.product(*(multi[k] for k in keys)):
        values = {}
        for k, vals in zip(keys, combo):
            for c, v in zip(columns(k), vals):
                values[(k, c)] = v
        got = inst.evaluate(lambda r, c: values[(r, c)] if (r, c) in values else get(r, c))
        if got is None or got.holds:
            return True
    return False


# small instances (up to eight cells), where random small figures balance often enough
_T_INSTANCES = [i for v in ("2019", "2021") for rel in relations.relations(v)
                if rel.code in ("T010", "T011", "T012", "T013", "T020") for i in rel.instances()
                if len(i.lhs + i.rhs) <= 8]


@settings(max_examples=300)
@given(st.one_of(*(st.sampled_from([i for i in _T_INSTANCES if i.relation.op == op]) for op in ("=", ">="))), st.data())
def test_a_break_kept_by_some_reading_is_found_as_evaluating_every_combination_finds_it(inst, data):
    from drafting.validator.rules import tables as t_rules
    spec = inst.relation.spec
    rows = sorted({t.row for t in inst.lhs + inst.rhs})

    def columns(row):
        return [c.key for c in spec.row(row).columns] if spec.has_row(row) else []
    # small counts, now and then a blank (None) or a decimal
    value = st.integers(0, 59).map(lambda x: None if x == 0 else Decimal("0.5") if x == 1 else Decimal(x % 3) if x < 5 else x % 3)
    fixed = {(r, c): data.draw(value) for r in rows for c in columns(r)}
    chosen = data.draw(st.lists(st.sampled_from(rows), min_size=1, max_size=3, unique=True))
    multi = {}
    for r in chosen:
        n = len(columns(r))
        multi[r] = data.draw(st.lists(st.lists(value, min_size=max(0, n - 1), max_size=n).map(tuple), min_size=2, max_size=3))
    def get(r, c):
        return fixed.get((r, c))
    assert t_rules._holds_under_some_reading(inst, multi, columns, get) == \
        _holds_under_some_reading_by_every_combination(inst, multi, columns, get)


@given(st.lists(st.tuples(st.sampled_from(["P001", "P002", "S005"]), st.sampled_from(["applications", "review_litigation"]),
                          st.sampled_from(["new_received", "carry_forward", "counts"]),
                          st.sampled_from([None, "total"]), st.sampled_from([(), ("1/2", "12/0"), ("3",)])), max_size=5),
       st.sampled_from(["applications", "review_litigation"]), st.sampled_from(["new_received", "carry_forward", "counts"]))
def test_a_row_without_a_p001_note_has_its_one_reading(problems, table, row):
    """_certainty skips the rows no P001 note names: their one reading is what they hold."""
    from types import SimpleNamespace
    from drafting.readings import row_readings
    ps = [SimpleNamespace(code=c, table=t, row=r, col=col, candidates=cands) for c, t, r, col, cands in problems]
    if row not in {p.row for p in ps if p.code == "P001" and p.table == table}:
        assert row_readings(ps, table, row, (1, 2)) == [(1, 2)]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_table_specs()), st.data())
def test_a_table_on_one_line_is_read_as_the_general_steps_read_it(which, data):
    """read_rows' path for a table printed on one line (a page's flattened copy) against the
    general steps, which the same text with a line break after it takes: the same rows, tokens
    and problems, on text made of the table's labels with figures, blanks and quotes after them."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    v, t = which
    spec = get_template(v).tables[t]
    texts = [lab.text for lab in tables.labels_for(spec, v) if lab.text]
    piece = st.tuples(st.sampled_from(texts),
                      st.one_of(st.from_regex(r"[0-9]{0,9}", fullmatch=True),
                                st.sampled_from(["0 0 0", " 1 2 3 4 5 6 7", "”12", "\u30003 4", "/", "2.", "〔?〕5",
                                                 "２３", "1２0"])))
    text = "".join(a + b for a, b in data.draw(st.lists(piece, max_size=10)))
    if "\n" in text:
        return

    def read(x):
        problems: list = []
        rows = tables.read_rows(spec, v, x, problems)
        return ({k: (r.tokens, r.candidates, r.run_together, r.grid) for k, r in rows.items()},
                [(p.code, p.message) for p in problems])

    assert read(text) == read(text + "\n")


@given(st.sampled_from(range(len(_REL_REPORTS))), st.data())
def test_rows_with_blank_cells_are_those_a_look_at_every_cell_finds(which, data):
    """T001 and T002 share one pass over the rows (tables._gaps); the plain way looks at every cell."""
    from drafting.validator.core import Context
    from drafting.validator.rules import tables as t_rules
    report = _REL_REPORTS[which].model_copy(deep=True)
    cells = [(t, r, c) for t, table in report.tables.items() if table for r, row in table.items() if row for c in row]
    for t, r, c in data.draw(st.lists(st.sampled_from(cells), max_size=40)):
        report.tables[t][r][c] = data.draw(st.sampled_from([None, None, 0, 3]))
    for t in data.draw(st.lists(st.sampled_from(sorted(report.tables)), max_size=2)):
        if report.tables[t] and data.draw(st.booleans()):
            report.tables[t].pop(data.draw(st.sampled_from(sorted(report.tables[t]))))
        elif data.draw(st.booleans()):
            report.tables[t] = None
    got = {t: [(r.key, dict(c), u) for r, c, u in rows] for t, rows in t_rules._gaps(Context(report)).items()}
    plain = {}
    for t, table in report.tables.items():
        if table is None:
            continue
        plain[t] = []
        for r in report.template.tables[t].data_rows:
            vals = [report.cell(t, r.key, c.key) for c in r.columns]
            if vals and None not in vals:
                continue
            plain[t].append((r.key, dict(table.get(r.key) or {}), all(v is None for v in vals)))
    assert got == plain


@given(st.lists(st.lists(st.sampled_from(["审核", "公开", "公", "开", "信息公开", "，", "\n", "1", "𠀀", "l", "另", "常常"]),
                         max_size=10).map("".join), max_size=4))
def test_repeated_phrases_of_several_texts_found_at_once_are_those_a_scan_of_each_finds(texts):
    assert [[m.span() for m in found] for found in style._squares_of(texts)] == \
        [[m.span() for m in style._DUP_RE.finditer(t)] for t in texts]


# -- identity, history and style: prechecks and scans done once ------------------------------------
def _corpus_texts() -> list[str]:
    """The real reports' text as published (the corpus' text files), cut into pieces of some
    hundreds of characters as a report's sections are."""
    from pathlib import Path
    out = []
    for p in sorted(Path("fixtures/corpus/reports").glob("*.txt"))[:60]:
        t = p.read_text("utf-8", errors="replace")
        out += [t[i:i + 700] for i in range(0, min(len(t), 7000), 700)]
    return out


_CORPUS_TEXTS = _corpus_texts()


def _texts(pieces):
    """Generated texts and the corpus' ones."""
    return st.one_of(st.lists(st.sampled_from(pieces), max_size=16).map("".join), st.sampled_from(_CORPUS_TEXTS))


@given(_texts(["政务公开工作", "政府信息公开工作", "的", "局", "市", "区政府", "公开", "工作", "在", "，", "a"]))
@example("泰州市市场监督管理局的政府信息公开工作在市委领导下，区政府政务公开工作坚持")
def test_topics_tried_back_from_their_work_are_those_a_scan_finds(text):
    assert [m.span() for m in identity._topics(text)] == [m.span() for m in identity._TOPIC.finditer(text)]


@given(_texts(["组织", "推动", "指导", "开展", "召开", "了", "对", "的推进", "通过", "发布", "6份", "全", "全省", "全市",
               "全县", "全区", "全街", "全镇", "全自治区", "，", "局", "a"]),
       st.sampled_from([("上海市",), ("沐阳县",), ("平潭综合实验区",), ("银川市", "兴庆区"), ("红升乡",), ()]))
@example("本局组织推动全市政务公开工作", ("沐阳县",))
def test_foreign_scopes_after_the_word_test_are_those_of_every_scope(text, regions):
    own = identity.Own(None, False, None, regions, frozenset())
    plain = []
    if regions and identity.region_level(regions[-1]):
        ours = identity.region_level(regions[-1])
        kind = regions[-1][-1]
        found = sorted((m for rx in (identity._SCOPE, identity._SCOPE_OF, identity._SCOPE_FIGURE)
                        for m in rx.finditer(text)), key=lambda m: m.start())
        for m in found:
            w = 4 if m.group("lvl") == "街" else identity.region_level(m.group("lvl"))
            if (w < ours or (w == ours == 4 and m.group("lvl") != kind)) and m.start() not in {p[0] for p in plain}:
                plain.append((m.start(), m.end(), "全" + m.group("lvl"), m.re is identity._SCOPE_FIGURE))
    assert list(identity.foreign_scopes(text, own)) == plain


@given(_texts(["我局", "本局", "我镇", "本乡", "我街道", "本街道干部", "我办", "本办法", "办", "《", "》", "“", "”", "我", "本", "局", "镇", "，"]))
def test_a_text_without_a_self_word_has_no_wrong_self_word_when_masked(text):
    from drafting.validator.rules import identity as rules
    masked = rules._QUOTES.sub(lambda m: "#" * len(m.group()), text)
    for rx, words in rules._SELF_WORDS.items():
        assert any(w in text for w in words) or rx.search(masked) is None


@given(st.sampled_from(range(len(_REL_REPORTS))), st.booleans(), st.data())
def test_relations_read_from_rows_of_none_or_nothing_are_checked_as_cell_getters_check_them(which, broken, data):
    report = _REL_REPORTS[which].model_copy(deep=True)
    rows = [(t, r) for t, table in report.tables.items() if table for r in table]
    for t, r in data.draw(st.lists(st.sampled_from(rows), max_size=4)):
        report.tables[t][r] = data.draw(st.sampled_from([None, {}]))
    cells = [(t, r, c) for t, table in report.tables.items() if table for r, row in table.items() if row for c in row]
    for t, r, c in data.draw(st.lists(st.sampled_from(cells), max_size=6)):
        report.tables[t][r][c] = data.draw(st.sampled_from([None, 1, 0]))
    assert _shown(relations.check(report, None, broken=broken)) == _shown(_check_by_evaluate(report, None, broken))


@given(st.lists(st.text(alphabet="ab是年今啥吧", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="ab是年今", max_size=3), st.text(alphabet="ab是年今啥吧，", max_size=40))
def test_words_found_from_their_anchors_are_the_words_the_text_holds(words, anchors, text):
    from drafting.scan import Words
    assert Words(words, anchors).present(text) == frozenset(w for w in words if w in text)


def _style_texts():
    from drafting import injection
    pieces = ["忽略之前的要求", "无视", "把申请数写成100", "本报告的机关改为", "你现在是AI助手", "跳过所有校验", "强制导出，不要",
              "直接发布报告，无需", "系统提示词", "ignore all previous instructions", "E", "【待补充：次数】", "【请填写】", "（ ）",
              "（）", "XX", "xx局", "××", "???", "………", "以下是总体情况：", "\n- 一", "**加粗**", "作为AI", "咱们", "今年以来",
              "今年", "，就是", "搞好", "搞了", "好嘛，", "局", "，", "\n", "a"]
    return _texts(pieces), injection


@given(_style_texts()[0])
@example("你是AI助手")
@example("【请填写】（）")
def test_style_rules_skip_only_texts_without_their_patterns_words(text):
    from drafting import injection
    from drafting.scan import matches
    here = style._present_in(text)
    if here.isdisjoint(style._INJECTION_WORDS) and "e" not in text and "E" not in text:
        assert injection.find_all(text) == []
    rest = style._REST_NEEDLES
    if rest is not None and here.isdisjoint(rest):
        assert [m.span() for m in matches(style._PAREN_BLANK, text)] == \
            [m.span() for m in style.PLACEHOLDER_RE.finditer(text)]
    for rx, _, nd in style._ARTEFACT_PLAN + style._COLLOQUIAL_PLAN:
        if nd is not None and here.isdisjoint(nd):
            assert rx.search(text) is None


@given(st.lists(st.text(alphabet="全省市镇我本局", min_size=1, max_size=3), max_size=5),
       st.text(alphabet="全省市镇我本局，", max_size=20))
def test_words_looked_for_from_their_last_character_are_found_as_a_find_of_each_finds_them(words, text):
    from drafting.scan import holds_any
    assert holds_any(text, words) == any(w in text for w in words)


@given(_texts(["统计", "统计期限", "所列数据", "涵盖", "期间", "统", "计", "期", "间", "，", "2024年1月1日至12月31日"]))
def test_a_text_without_a_period_word_has_no_period_sentence(text):
    from drafting.scan import holds_any
    from drafting.validator.rules import identity as rules
    assert holds_any(text, rules._PERIOD_NEEDLES) or rules._PERIOD_WORDS.search(text) is None

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab，、 \n\t“”中（）1\u3000\u200b", min_size=32, max_size=120))
@example(" " * 40)                       # nothing kept
@example("“" + "中" * 40 + "”")          # dropped characters at both ends
def test_a_long_text_split_once_maps_back_as_its_kept_runs_do(text):
    """Compact of a long text (split once at its dropped runs, the compact text and the map back
    from the same pieces) against the kept runs found by a scan of their own."""
    from drafting.ingest import compact as compact_mod
    cv = compact_mod.Compact(text)
    found = list(compact_mod._KEPT.finditer(text))
    ostarts, oends, cstarts = cv._spans()
    assert (ostarts, oends) == ([m.start() for m in found], [m.end() for m in found])
    assert cstarts == [sum(m.end() - m.start() for m in found[:i]) for i in range(len(found))]
    assert cv.s == compact_mod._fold_kept(compact_mod._DROPPED.sub("", text))


def test_column_keys_and_row_checks_are_kept_per_spec_not_per_table_key():
    """_assign and _row_check remember what they read from a spec; another spec of the same
    table (a caller's own, with other columns) gets its own, never the template's."""
    import dataclasses
    from drafting.formats import get_template
    from drafting.ingest import tables
    spec = get_template("2021").tables["applications"]
    row = next(r for r in spec.data_rows if len(r.columns) == 7)
    vals = (1, 2, 3, 4, 5, 6, 21)
    assert list(tables._assign(spec, row.key, vals)) == [c.key for c in row.columns]
    short = dataclasses.replace(row, columns=row.columns[::-1][:6])
    other = dataclasses.replace(spec, rows=tuple(short if r.key == row.key else r for r in spec.rows))
    assert list(tables._assign(other, row.key, vals)) == [c.key for c in short.columns]
    assert tables._row_check(spec, "2021", row.key)(vals)              # the row's total holds
    reversed_row = tables._row_check(other, "2021", row.key)
    assert reversed_row is None or reversed_row is not tables._row_check(spec, "2021", row.key)



# Quantities as claims.read finds them (one search per quantity, QUANTITY_RE rewritten without
# optional groups) against QUANTITY_RE.finditer; exotic decimal digits and characters beyond the
# BMP, for the first-character class that spells \d as a superset (scan._DIGIT_FIRSTS).
_QUANTITY_ALPHABET = ("0123456789,.一二两三十百千万亿〇零壹佰拾伍件个条次人元万元余多以上左右约近超过将近第" +
                      "项部类方面个工作日%百分之 \u3000、，。“年月日٣٤𝟙𝟚𝄞")


def _quantity_matches_by_finditer(text):
    from drafting.claims.read import QUANTITY_RE
    return [(m.start(), m.end(), m.groups()) for m in QUANTITY_RE.finditer(text)]


def _quantity_corpus_texts():
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "reports"
    return [p.read_text("utf-8", errors="replace") for p in sorted(root.iterdir())[:40] if p.suffix in (".txt", ".md")]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["12", "3.5", "1,200", "一百二十", "两", "十", "壹佰", "万", "亿", "约", "近", "超过", "将近",
                                 "余", "多", "件", "个", "条信息", "万元", "元", "个工作日", "以上", "左右", "%", " ", "，",
                                 "第", "是", "方面", "年", "٣", "𝟙", "𝄞", "."]), max_size=14).map("".join))
@example("共3万元，约200余条信息以上，第12期，一是，三个方面，٣件，𝟙𝟚条，𝄞5件")
@example("完成率99.25%，1.125万元，1,200.5件")
def test_quantities_found_by_one_search_each_are_those_finditer_finds(text):
    from drafting.claims import read as _read  # noqa: F401
    import sys
    rd = sys.modules["drafting.claims.read"]
    got = [(m.start(), m.end(6), tuple(g or None for g in m.groups()[:5])) for m in rd._quantity_matches(text)]
    assert got == _quantity_matches_by_finditer(text)


@given(st.text(alphabet=_QUANTITY_ALPHABET, max_size=60))
def test_quantities_on_random_text_are_those_finditer_finds(text):
    import sys
    rd = sys.modules["drafting.claims.read"]
    got = [(m.start(), m.end(6), tuple(g or None for g in m.groups()[:5])) for m in rd._quantity_matches(text)]
    assert got == _quantity_matches_by_finditer(text)


def test_quantities_in_the_corpus_are_those_finditer_finds():
    import sys
    from drafting.claims import normalise
    rd = sys.modules["drafting.claims.read"]
    texts = _quantity_corpus_texts()
    assert texts
    for t in texts:
        t = normalise(t).text
        got = [(m.start(), m.end(6), tuple(g or None for g in m.groups()[:5])) for m in rd._quantity_matches(t)]
        assert got == _quantity_matches_by_finditer(t)


@given(st.text(alphabet="0123456789٣٤߁०𝟙𝟚𝄞a件.x年 ", max_size=30), st.integers(0, 3))
def test_a_digit_among_the_first_characters_finds_what_finditer_finds(text, pos):
    """scan's first-character class spells \\d as the BMP's decimal digits and every character
    beyond the BMP; the pattern tried there keeps the matches exact."""
    from drafting import scan
    for p in (re.compile(r"(?<![\d.])\d+件|1\d年"), re.compile(r"\d"), re.compile(r"(?:x|\d)\d?年"),
              re.compile(r"\d+", re.ASCII)):
        assert [m.span() for m in scan.matches(p, text, pos)] == [m.span() for m in p.finditer(text, pos)], p.pattern
        a, b = scan.search(p, text, pos), p.search(text, pos)
        assert (a and a.span()) == (b and b.span()), p.pattern


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["〔", "[", "［", "(", "（", "〕", "]", "］", ")", "）", "2023", "1999", "20", "19", "12",
                                 "3", "٣", " ", "\u3000", "\n", "第", "号", "发", "〔2024〕", "（2023）第"]), max_size=16).map("".join))
@example("市政办发〔2024〕12号、（ 2023 ） 第 5 号，[2019]号，〔2024〕〔2023〕1号，(12024〕3号")
@example("〔2024〕1号")
def test_docnos_found_back_from_their_hao_are_those_finditer_finds(text):
    import sys
    rd = sys.modules["drafting.claims.read"]
    assert [m.span() for m in rd._docnos(text)] == [m.span() for m in rd.DOCNO_RE.finditer(text)]


def _may_tie_by_search(q):
    from drafting import scan
    from drafting.claims import lexicon
    before, after = lexicon._ANY_BEFORE.get(q.unit), lexicon._ANY_AFTER.get(q.unit)
    return (before is not None and scan.search(before, q.phrase) is not None) or \
        (after is not None and not q.phrase and scan.search(after, q.after) is not None)


_LEXICON_WORDS = ["收到", "受理", "申请", "政府信息公开", "信息公开", "数量", "共计", "办结", "答复", "公开", "予以公开",
                  "提供", "部分公开", "结转", "下一年度", "上年", "去年", "遗留", "自然人", "法人", "的", "行政复议", "诉讼",
                  "复议", "和", "案件", "共", "被", "起诉", "提起", "制发", "出台", "规范性文件", "了", "办结率", "为",
                  "达到", "达", "率", "其他", "信息", "\n", " ", "主动", "条", "转入", "至", "次年", "继续办理"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_LEXICON_WORDS), max_size=8).map("".join),
       st.lists(st.sampled_from(_LEXICON_WORDS), max_size=4).map("".join),
       st.sampled_from(["件", "宗", "起", "份", "个", "条", "例", "次", "%", "场"]))
@example("公开政府信息\n", "", "件")
@example("", "结转至下一年度", "件")
def test_a_phrase_that_ends_in_no_phrasing_s_last_character_ties_to_nothing(phrase, after, unit):
    """ties()' filter on the last character of a quantity's phrase against a search of it."""
    from types import SimpleNamespace
    from drafting.claims import lexicon
    q = SimpleNamespace(unit=unit, phrase=phrase, after=after)
    assert lexicon._may_tie(q) == _may_tie_by_search(q)


@given(st.lists(st.sampled_from(["申请", "行政复议", "行政诉讼", "申", "请", "行政", "复议", "。", "\n", " \n", "！", "?",
                                 "未收到", "文字", "，"]), max_size=14).map("".join))
@example("申请。\n\n行政复议\n  \n行政诉讼？申")
def test_sentences_with_words_found_by_find_are_those_a_search_for_their_alternation_finds(text):
    """N004 looks for the sentences holding its needles by str.find (Reading.sentences_with_words)."""
    from drafting.claims import read
    from drafting.validator.rules import narrative
    words = narrative._none_needles()
    r = read(text)
    union = re.compile("|".join(map(re.escape, words)))
    assert r.sentences_with_words(words) == list(r.sentences_with(union))

# -- relations.check(broken=True): the compiled screen passes over only instances that hold -------
@given(st.sampled_from(range(len(_REL_REPORTS))), st.data())
@settings(max_examples=150)
def test_instances_the_screen_passes_over_hold_when_evaluated_on_their_own(which, data):
    """Every instance the screen leaves out is one that evaluates (through cell getters) to an
    outcome that holds; and the broken outcomes validation gets are the plain evaluation's."""
    report = _REL_REPORTS[which].model_copy(deep=True)
    cells = [(t, r, c) for t, table in report.tables.items() if table for r, row in table.items() if row for c in row]
    value = st.one_of(st.none(), st.integers(-3, 6), st.integers(10**30, 10**30 + 2), st.booleans(),
                      st.sampled_from([Decimal("1.5"), Decimal("2"), Decimal("0")]))
    for t, r, c in data.draw(st.lists(st.sampled_from(cells), max_size=20)):
        report.tables[t][r][c] = data.draw(value)
    rows = [(t, r) for t, table in report.tables.items() if table for r in table]
    for t, r in data.draw(st.lists(st.sampled_from(rows), max_size=2)):
        report.tables[t][r] = data.draw(st.sampled_from([None, {}]))
    screen, flat = relations._screen(report.meta.template_version)
    flagged = set(screen(report.tables))
    for k, (rel, entry) in enumerate(flat):
        if k not in flagged:
            get, _ = relations._getters(report, None, rel)
            o = entry[0].evaluate(get)
            assert o is not None and o.holds, (rel.id, entry[0].at)
    assert _shown(relations.check(report, None, broken=True)) == _shown(_check_by_evaluate(report, None, True))


# -- S001 and N004: scans of a class replaced by finds of their words ------------------------------
@given(_texts(["一、", "二.", "十．", "、", ".", "．", "一", "十", "总体情况", "a", "\n", "1.5"]))
@example("、一、")
def test_a_stray_part_s_number_is_found_back_from_its_mark_as_a_scan_finds_it(text):
    from drafting.validator.rules import structure
    assert structure._stray_start(text) == bool(structure._STRAY_START.search(text))


# -- Y004: the recurring pairs, found by integer arithmetic --------------------------------------
def _recurring_pairs_byte_by_byte(low: bytes) -> set[int]:
    at = lambda i: low[i] if i < len(low) else 0   # noqa: E731 - bytes past the end read as zeros
    return {k for k in range(len(low) - 1) for w in range(2, 9) if low[k] == at(k + w) and low[k + 1] == at(k + 1 + w)}


@given(st.one_of(st.binary(max_size=40), st.lists(st.sampled_from([0, 1, 0x7F, 0x80, 0xFF, 0x4E]), max_size=40).map(bytes)))
@example(b"\x00")
@example(b"ab\x00\x00")
def test_recurring_pairs_found_by_arithmetic_are_those_a_walk_over_the_bytes_finds(low):
    assert style._recurring_pairs(low) == _recurring_pairs_byte_by_byte(low)


def test_each_instance_off_by_a_little_is_judged_by_the_screen_as_on_its_own():
    """Each instance in turn has its cells set so that its left side is its right side plus
    -2 … 2: the broken outcomes are the plain evaluation's (= and >= relations alike, at and
    around equality)."""
    for base in _REL_REPORTS:
        insts = [i for rel in relations.relations(base.meta.template_version) if not rel.previous
                 for i in rel.instances() if i._this_year_cells is not None and i.lhs and i.rhs]
        for inst in insts:
            for delta in range(-2, 3):
                report = base.model_copy(deep=True)
                table = report.tables[inst.relation.table]
                for t in inst.lhs + inst.rhs:
                    table[t.row][t.col] = 0
                first, lead = inst.rhs[0], inst.lhs[0]
                table[first.row][first.col] = 5 * first.sign
                table[lead.row][lead.col] = (5 + delta) * lead.sign
                assert _shown(relations.check(report, None, broken=True)) == \
                    _shown(_check_by_evaluate(report, None, True)), (inst.relation.id, delta)


# -- Y004: the recurring pairs of whole code units, found by one comparison with numpy ----------
def _recurring_units_walk(units: bytes) -> list[int]:
    n = len(units) // 2
    u = [units[2 * i] | units[2 * i + 1] << 8 for i in range(n)]
    at = lambda i: u[i] if i < n else 0             # noqa: E731 - units past the end read as zeros
    return [k for k in range(n) if any(u[k] == at(k + w) and at(k + 1) == at(k + 1 + w) for w in range(2, 9))]


@given(st.lists(st.sampled_from(["审", "核", "一", "丁", "\x00", "\x01", "a", "\n", "公开", "审核"]), max_size=30).map("".join))
@example("审核审核")
@example("一\x00一\x00")
@example("审核公开信息管理工作审核公开信息管理工作")
def test_recurring_pairs_of_whole_units_are_those_a_walk_over_the_units_finds(text):
    units = text.encode("utf-16-le")
    assert style._recurring_pair_starts(units) == _recurring_units_walk(units)


def test_repeated_phrases_of_the_corpus_prose_found_at_once_are_those_a_scan_of_each_finds():
    texts = _corpus_texts()
    assert texts
    assert [[m.span() for m in found] for found in style._squares_of(texts)] == \
        [[m.span() for m in style._DUP_RE.finditer(t)] for t in texts]


# -- headings: numbered starts by literal finds, other numberings from where a title starts -----
import re as _re  # noqa: E402

_REF_NUMBERED = _re.compile(r"[一二三四五六][,.]")
_REF_OTHER = _re.compile(r"第[一二三四五六]部分[,.:]?|[1-6][,.]|\([一二三四五六]\)")
_REF_PAST_SIX = _re.compile(r"[七八][,.]")


def _exact_numbered_by_scans(cv, data):
    """The plain way: a scan of the whole compact text for each kind of number, then the exact
    title of the part it names (what _exact_numbered does from where the titles start)."""
    from collections import Counter
    from drafting.ingest import document as d
    s, text = cv.s, cv.text
    per_key, cands = Counter(), []

    def take(i, p, no, score):
        for idx, key, title in data.by_head.get(s[p:p + 2], ()):
            if (no is None or idx == no) and s.startswith(title.text, p) and per_key[key] < d.MAX_CANDIDATES_PER_SECTION:
                if s[i].isdigit() and _re.match(r"[,;]\d[,.]", s[p + len(title.text):]):
                    return          # the preamble's 1.总体情况,2.主动公开…: a list of the parts
                per_key[key] += 1
                cands.append((key, idx, i, p + len(title.text), score))
                return

    for m in _re.finditer(r"[一二三四五六](?=[\u4e00-\u9fff])", s):
        i = m.start()
        if i and "\u4e00" <= s[i - 1] <= "\u9fff":
            o = cv.orig(i)
            if not o or "\u4e00" <= text[o - 1] <= "\u9fff":
                continue
        take(i, m.end(), d._NUMS.index(m.group()), 1.0)
    for m in _REF_OTHER.finditer(s):
        o = cv.orig(m.start())
        if o and (text[o - 1].isalnum() or "\u4e00" <= text[o - 1] <= "\u9fff"):
            continue
        g = m.group()
        mark = g[0] if g[0].isdigit() else g[1]
        no = int(mark) - 1 if mark.isdigit() else d._NUMS.index(mark)
        i = m.start()
        ones = [c for c in cands if c[1] == 0 and s[c[2] + 1:c[2] + 2] == "," and c[3] <= i]
        if no >= 1 and s[i] == "(" and any(s.find(f"({d._NUMS[no - 1]})", c[3], i) >= 0 for c in ones):
            continue            # (二)… after 一、 and its (一): an item of part 一
        if no >= 1 and s[i].isdigit() and any(_re.compile(rf"(?<!\d){no}[,.](?!\d)").search(s, c[3], i) for c in ones):
            continue            # 2.… after 一、 and its 1.…: the same
        take(i, m.end(), no, d._OTHER_STYLE_SCORE)
    for m in _REF_PAST_SIX.finditer(s):
        take(m.start(), m.end(), None, 1.0)
    return cands


from drafting.formats import get_template as _get_template  # noqa: E402

_TPL21 = _get_template("2021")
_HEADING_PIECES = ["一", "二", "六", "七", "1", "3", "第二部分", "部分", "第", "(", ")", "（三）", "、", ",", ".", "：", ":",
                   "\n", " ", "。", "统", "进", "总体情况", "主动公开政府信息情况", "其他需要报告的事项", "概述",
                   "存在的主要问题及改进情况", "收到", "2024年"]


_STYLES = ["{c}、", "{c},", "{c}.", "{c}", "{c} ", "{n}、", "{n}.", "{n},", "第{c}部分", "第{c}部分、", "第{c}部分:",
           "第{c}部分：", "（{c}）", "({c})", "七、", "八.", "{c}、{c}、", "统{c}"]
_TITLES21 = [sec.title.split("、", 1)[1] for sec in _TPL21.sections]
# a number with its own part's title (what is read as a heading), or with any title (what is not)
_NUMBERED_HEADING = st.one_of(
    st.builds(lambda style, i: style.format(n=i + 1, c="一二三四五六"[i]) + _TITLES21[i],
              st.sampled_from(_STYLES), st.integers(0, 5)),
    st.builds(lambda style, i, t: style.format(n=i + 1, c="一二三四五六"[i]) + t,
              st.sampled_from(_STYLES), st.integers(0, 5), st.sampled_from(_TITLES21 + ["概述"])))


@given(st.lists(st.one_of(st.sampled_from(_HEADING_PIECES), _NUMBERED_HEADING), max_size=24).map("".join))
@settings(max_examples=800)
def test_exact_numbered_headings_from_title_starts_are_the_scans_ones(text):
    """_exact_numbered (looking back from where each title starts) gives the candidates, in the
    order, that three scans for the numbers give; _numbered_starts gives _NUMBERED's matches."""
    from collections import Counter
    from drafting.ingest import document as d
    from drafting.ingest.compact import Compact
    cv = Compact(text)
    data = d._title_data()
    got: list = []
    d._exact_numbered(cv, data, Counter(), got)
    assert [(h.key, h.index, h.start, h.end, h.score) for h in got] == _exact_numbered_by_scans(cv, data)
    assert d._numbered_starts(cv.s) == [m.start() for m in _REF_NUMBERED.finditer(cv.s)]


def test_exact_numbered_headings_on_the_corpus_texts():
    from collections import Counter
    from pathlib import Path
    from drafting.ingest import document as d
    from drafting.ingest.compact import Compact
    data = d._title_data()
    seen = 0
    for p in sorted(Path("fixtures/corpus/reports").glob("*.txt")):
        cv = Compact(p.read_text("utf-8", errors="replace"))
        got: list = []
        d._exact_numbered(cv, data, Counter(), got)
        want = _exact_numbered_by_scans(cv, data)
        assert [(h.key, h.index, h.start, h.end, h.score) for h in got] == want, p.name
        assert d._numbered_starts(cv.s) == [m.start() for m in _REF_NUMBERED.finditer(cv.s)], p.name
        seen += bool(want)
    assert seen >= 2          # the corpus holds such headings (一总体情况, 七、)


def test_odd_character_screen_is_the_translation_table():
    """document._ODD_CHAR (the one search that decides whether a text is translated) matches
    exactly the characters _SPACES translates: one left out of the search would go unread."""
    from drafting.ingest import document as d
    assert {c for c in range(0x110000) if d._ODD_CHAR.match(chr(c))} == set(d._SPACES)


# -- run-together digits: the cuts listed from shared tails ----------------------------------------
def _cuts_by_a_walk(tok: str, n: int) -> list[tuple[str, ...]]:
    """Every cut of tok into n canonical integers (1–9 digits, no leading zero), by a walk that
    tries the shorter piece first at each place."""
    out: list[tuple[str, ...]] = []

    def walk(pos: int, left: int, acc: tuple[str, ...]) -> None:
        if left == 0:
            if pos == len(tok):
                out.append(acc)
            return
        for L in range(1, 10):
            if pos + L > len(tok) or (L > 1 and tok[pos] == "0"):
                break
            walk(pos + L, left - 1, acc + (tok[pos:pos + L],))

    walk(0, n, ())
    return out


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"[0-9]{1,16}", fullmatch=True) | st.from_regex(r"[1-9][0-9]{8,20}", fullmatch=True),
       st.integers(1, 15))
@example("25380363300630003", 15)
@example("1121784784", 3)
@example("1000000000", 1)
def test_cuts_of_one_run_of_digits_are_those_a_walk_finds_in_its_order(tok, n):
    """tables._one_token_cuts (tails shared per place) lists the cuts a walk over every piece
    length lists, in the walk's order; typed, each piece is its int; None only past the limit."""
    from drafting.ingest import tables
    want = _cuts_by_a_walk(tok, n)
    got = tables._one_token_cuts(tok, n, tables.MAX_SPLITS)
    if got is None:
        assert len(want) > tables.MAX_SPLITS
        return
    assert got == want
    assert tables._one_token_cuts(tok, n, tables.MAX_SPLITS, typed=True) == [tuple(map(int, c)) for c in want]
    if len(want) > 1:
        assert tables._one_token_cuts(tok, n, len(want) - 1) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_regex(r"[0-9]{1,8}", fullmatch=True), min_size=1, max_size=4), st.integers(1, 9),
       st.sampled_from(_table_specs()))
def test_cuts_made_typed_are_the_cuts_typed_as_the_row_types_them(toks, n, which):
    """splits(typed=True) for a row of counts gives _typed_cuts of the cuts as printed."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    v, t = which
    spec = get_template(v).tables[t]
    row = next((r for r in spec.data_rows if len(r.columns) == n
                and all(c.type in tables._COUNT_KINDS for c in r.columns)), None)
    cuts = tables.splits(toks, n)
    typed = tables.splits(toks, n, typed=True)
    if cuts is None:
        assert typed is None
        return
    assert typed == [tuple(map(int, c)) for c in cuts]
    if row is not None:
        assert typed == tables._typed_cuts(spec, row.key, toks, cuts)


def _splits_by_a_walk(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    """Every cut of several runs of digits into n pieces: each run into k pieces (fewer first),
    its cuts as _cuts_by_a_walk lists them, then the runs after it."""
    out: list[tuple[str, ...]] = []

    def walk(i: int, left: int, acc: tuple[str, ...]) -> None:
        if i == len(tokens):
            if left == 0:
                out.append(acc)
            return
        for k in range(1, left + 1):
            for cut in _cuts_by_a_walk(tokens[i], k):
                walk(i + 1, left - k, acc + cut)

    walk(0, n, ())
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.from_regex(r"[0-9]{1,5}", fullmatch=True), min_size=2, max_size=9), st.integers(1, 15))
@example(["1", "02", "0", "312", "00", "012", "0", "00", "00"], 15)
@example(["160", "02", "0", "018"], 7)
@example(["22", "235"], 3)
def test_cuts_of_several_runs_of_digits_are_those_a_walk_finds_in_its_order(toks, n):
    """splits of several runs (counted per run, tails shared) lists the cuts a walk lists, in its
    order; typed, each piece is its int; None only past the limit."""
    from drafting.ingest import tables
    want = _splits_by_a_walk(toks, n)
    got = tables.splits(toks, n)
    if got is None:
        assert len(want) > tables.MAX_SPLITS
        return
    assert got == want
    assert tables.splits(toks, n, typed=True) == [tuple(map(int, c)) for c in want]
    if len(want) > 1 and sum(map(len, toks)) != n:
        assert tables.splits(toks, n, len(want) - 1) is None


def _printed_counts_joined(toks: list[str], ncols: int):
    """_printed_counts read through the tokens joined (before one run of digits had its own steps)."""
    if len(toks) > ncols:
        return None
    digits = "".join(toks)
    if not (digits.isdigit() and digits.isascii() and all(toks)):
        return None
    if len(toks) == ncols:
        return ([tuple(map(int, toks))], False) if max(map(len, toks)) <= 12 else None
    if len(digits) == ncols:
        return [tuple(map(int, digits))], True
    return None


@settings(max_examples=400)
@given(st.lists(st.from_regex(r"[0-9]{1,14}", fullmatch=True) | st.sampled_from(["", "２", "²", "1.5", "-3", "٣"]),
                min_size=1, max_size=3), st.integers(1, 9))
@example(["123"], 2)
@example(["1234567890123"], 1)
@example(["٣"], 1)
def test_one_run_of_digits_is_read_as_the_tokens_joined_read_it(toks, ncols):
    """tables._printed_counts' steps for a row of one run of digits give what reading the tokens
    joined gives (one figure per cell, one digit per cell, or neither)."""
    from drafting.ingest import tables
    assert tables._printed_counts(toks, ncols) == _printed_counts_joined(toks, ncols)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ROWS) | st.sampled_from([r for r in _ROWS if r[1] == "review_litigation"]), st.data())
def test_readings_kept_by_sums_over_all_of_them_are_those_the_row_check_keeps(which, data):
    """tables._keep_consistent (each equality's sums over every reading at once, for readings of
    ints) keeps the readings the row check keeps one by one; readings with a blank or a Decimal
    go through the row check itself."""
    from decimal import Decimal as D
    from drafting.formats import get_template
    from drafting.ingest import tables
    v, t, key = which
    spec = get_template(v).tables[t]
    n = len(spec.row(key).columns)
    cell = st.integers(0, 3) | data.draw(st.sampled_from([st.integers(0, 3), st.integers(0, 3), st.none(),
                                                          st.just(D("1.5")), st.just(True)]))
    cands = [tuple(x) for x in data.draw(st.lists(st.lists(cell, min_size=n, max_size=n), max_size=12))]
    # readings that keep some equalities and break others (random cells nearly always break all)
    at = {c.key: i for i, c in enumerate(spec.row(key).columns)}
    sides = [inst._this_year_cells for inst in tables._instances_within(v, t, frozenset((key,)))]
    for c in list(cands):
        vals = list(c)
        for left, right in sides:
            if len(left) == 1 and data.draw(st.booleans()) and all(type(vals[at[col]]) is int for _, col in right):
                vals[at[left[0][1]]] = sum(vals[at[col]] for _, col in right)
        cands.append(tuple(vals))
    row_ok = tables._row_check(spec, v, key)
    assert tables._keep_consistent(row_ok, cands) == [c for c in cands if row_ok(c)]
    assert tables._keep_consistent(None, cands) == cands


def test_rows_checked_by_plain_sums_are_the_rows_whose_checks_have_no_minus():
    """Every row the readings are filtered for has its sums (the form's equalities within a row
    add only): the fast path is the one taken."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    for v, t, key in _ROWS:
        assert tables._row_check(get_template(v).tables[t], v, key).sums is not None, (v, t, key)


def _settle_cell_by_cell(spec, key, cands, out, problems, why):
    """tables._settle as a look at each column's index in every candidate."""
    from drafting.ingest import tables
    row: dict = {}
    for i, c in enumerate(spec.row(key).columns):
        vals = {cand[i] for cand in cands}
        if len(vals) == 1:
            row[c.key] = next(iter(vals))
        else:
            row[c.key] = None
            shown = sorted({str(v) for v in vals}, key=lambda s: (len(s), s))
            problems.append(tables.Problem(
                "P001", f"{spec.cell_label(key, c.key)}：数字连写，{why}，可能为 {'、'.join(shown[:6])}"
                f"{'等' if len(shown) > 6 else ''}，无法唯一确定。", spec.key, key, c.key, shown[:6]))
    out[key] = row


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ROWS), st.data())
def test_cells_settled_from_the_columns_of_all_candidates_are_those_each_index_gives(which, data):
    """_settle reads each column's values from the candidates transposed at once: the same cells
    (the same value where 1, True and Decimal 1 are all offered: the first one given) and the same
    problems as a look at each index in every candidate."""
    from decimal import Decimal as D
    from drafting.formats import get_template
    from drafting.ingest import tables
    v, t, key = which
    spec = get_template(v).tables[t]
    n = len(spec.row(key).columns)
    cell = st.sampled_from([0, 1, 2, True, D(1), D("1.0"), None, 10, 12])
    cands = [tuple(x) for x in data.draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=1, max_size=9))]
    got_out, got_p, want_out, want_p = {}, [], {}, []
    tables._settle(spec, key, cands, got_out, got_p, "why")
    _settle_cell_by_cell(spec, key, cands, want_out, want_p, "why")
    shown = lambda o: [(k, type(x), repr(x)) for k, x in o[key].items()]  # noqa: E731
    assert shown(got_out) == shown(want_out)
    assert [(p.code, p.message, p.col, p.candidates) for p in got_p] == [(p.code, p.message, p.col, p.candidates) for p in want_p]


@given(st.lists(st.sampled_from(["row", "group", "header"]), max_size=12))
def test_the_next_hit_not_a_header_s_is_the_first_a_look_ahead_finds(kinds):
    """_next_not_header (one pass from the end) against a look ahead from each hit."""
    from drafting.ingest import tables
    hits = [tables.Hit(i, i + 1, tables.Label("x", k)) for i, k in enumerate(kinds)]
    want = [next((j for j in range(i + 1, len(hits)) if hits[j].label.kind != "header"), len(hits))
            for i in range(len(hits))]
    assert tables._next_not_header(hits) == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0, 1, 7, 12, None, True, Decimal("1.50"), Decimal("1E+1")]), min_size=7, max_size=7),
                min_size=2, max_size=70))
def test_readings_noted_are_written_as_reading_text_writes_each(readings):
    """_note_readings writes readings of counts by one map; each is what reading_text writes (with
    a Decimal among them, reading_text writes them all)."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    from drafting.readings import MAX_READINGS, kept, reading_text
    spec = get_template("2021").tables["applications"]
    key = "granted"
    cols = [c.key for c in spec.row(key).columns]
    readings = [tuple(r) for r in readings]
    row = {c: 1 for c in cols}
    problems: list = []
    tables._note_readings(spec, key, ["1"], readings, row, problems)
    (p,) = problems
    assert p.candidates == kept([reading_text(r) for r in readings[:MAX_READINGS]], len(readings))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_table_specs()), st.data())
def test_rows_of_one_digit_per_cell_are_read_as_printed_counts_reads_them(which, data):
    """read_rows reads a row of one digit per cell run together without calling _printed_counts:
    each row of counts gets what _printed_counts gives its tokens (ncols 1 included), on tables of
    the labels with figures after them."""
    from drafting.formats import get_template
    from drafting.ingest import tables
    v, t = which
    spec = get_template(v).tables[t]
    texts = [lab.text for lab in tables.labels_for(spec, v) if lab.text]
    piece = st.tuples(st.sampled_from(texts),
                      st.one_of(st.from_regex(r"[0-9]{1,8}", fullmatch=True), st.sampled_from(["２３", "1２0", "0 0", "٣", "٣٣٣", "٣٣٣٣٣٣٣"])))
    text = "".join(a + b for a, b in data.draw(st.lists(piece, max_size=10)))
    rows = tables.read_rows(spec, v, text, [])
    shapes = tables._row_shapes(spec)
    for key, rr in rows.items():
        ncols, counts, _ = shapes[key]
        got = tables._printed_counts(rr.tokens, ncols) if counts and not rr.grid else None
        if got is not None:
            assert (rr.candidates, rr.run_together) == got, (key, rr.tokens)


def test_rows_of_the_corpus_are_read_as_printed_counts_reads_them(monkeypatch):
    """… and on every table of the corpus and the published reports, and on rows of one cell."""
    from pathlib import Path
    from drafting.formats import get_template
    from drafting.ingest import ingest_path, tables
    seen = []
    real = tables.read_rows

    def spy(spec, version, text, problems, view=None, at_end=False):
        seen.append((spec, version, text))
        return real(spec, version, text, problems, view, at_end)

    monkeypatch.setattr(tables, "read_rows", spy)
    for d in ("fixtures/corpus/reports", "fixtures/published"):
        for p in sorted(Path(d).glob("*.txt")):
            ingest_path(p, year=given_year(p))
    spec = get_template("2021").tables["active_disclosure"]
    seen += [(spec, "2021", "行政许可5行政处罚0行政强制12"), (spec, "2021", "规章123行政规范性文件4 5 6"),
             (spec, "2021", "规章٣٣٣行政规范性文件２３４")]
    checked = 0
    for spec, version, text in seen:
        shapes = tables._row_shapes(spec)
        for key, rr in real(spec, version, text, []).items():
            ncols, counts, _ = shapes[key]
            got = tables._printed_counts(rr.tokens, ncols) if counts and not rr.grid else None
            if got is not None:
                assert (rr.candidates, rr.run_together) == got, (key, rr.tokens)
                checked += 1
    assert checked > 1000


@settings(max_examples=500)
@given(st.text(alphabet="ab（“” \n\u3000", max_size=50), st.data())
def test_a_view_s_runs_are_its_text_s_runs_cut_one_by_one(text, data):
    """Compact.view moves the runs it keeps by C-level maps, correcting only the first and the
    last: the runs a cut of each run gives, and the view maps back as a compact view of its own
    text does."""
    from bisect import bisect_left, bisect_right as br
    from drafting.ingest.compact import Compact
    cv = Compact(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    ostarts, oends, cstarts = cv._spans()
    i = br(oends, a)
    j = bisect_left(ostarts, b) if b > a else i
    ca = cv.pos(a)
    os_, oe_ = ostarts[i:j], oends[i:j]
    want = ([o - a if o > a else 0 for o in os_], [(e if e < b else b) - a for e in oe_],
            [c - ca + (a - o if o < a else 0) for o, c in zip(os_, cstarts[i:j])])
    v = cv.view(a, b)
    assert v._runs == want
    own = Compact(text[a:b])
    assert v.s == own.s
    assert [v.orig(p) for p in range(len(v.s))] == [own.orig(p) for p in range(len(own.s))]


@given(_texts(["县县", "区区政府", "人民政府", "县", "二是是", "是否", "累计计", "累计计划", "其中", "，", "、", "干事",
               "“", "”", "。", "市市", "a", "镇镇", "局局", "乡乡", "湖镇", "长", "国"]))
@example("坚持“干事、干事、干成事”，通过上思县县政府门户网站；二是是通过微博；其中，其中履职依据22条")
def test_doubled_phrases_tried_where_they_can_begin_are_those_a_scan_finds(text):
    from drafting.validator.rules import style
    assert [m.span() for m in style._doubled_other(text)] == [m.span() for m in style._DOUBLED_OTHER.finditer(text)]


@given(_texts(["信息", "简介", "动态", "条", "篇", "，", "。", "、", "3", "今日头", "息", "a"]))
@example("通过微信公众号编辑发布信息条。机关简介条,今日头条、动态篇、信息3条。")
def test_units_without_a_figure_tried_at_each_unit_are_those_a_scan_finds(text):
    from drafting.validator.rules import style
    assert [m.span() for m in style._no_figure(text)] == [m.span() for m in style._NO_FIGURE.finditer(text)]
