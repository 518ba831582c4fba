"""``drafting rollup UNIT_FILES... --out GOV.yaml``: the government's tables as the sum of its
units' reports, with the breakdown by unit.

Exit codes: 0 every unit counted; 1 the sum was written but some unit is missing or held out
(named on the terminal); 2 an input could not be read or nothing could be summed.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..cli import _echo, app
from ..io import ReportLoadError, save_report
from ..rollup import (CONFIRMED, HELD, RollupError, UnitInput, breakdown_xlsx, load_workspace_file,
                      read_snapshot, rollup, snapshot_path)


def _read_unit(path: Path):
    from .lint import read_any
    return read_any(path)


@app.command("rollup")
def rollup_cmd(
    files: list[Path] = typer.Argument(..., metavar="报告文件", help="各单位的报告：报告文件（YAML）、已发布的报告（文本、网页、Word）或其所在文件夹"),
    out: Path = typer.Option(..., "--out", help="写入的政府报告文件（YAML）；同名的「.汇总明细.json」记录分单位明细和确认"),
    government: Optional[str] = typer.Option(None, "--government", help="人民政府全称，如 青禾市云溪区人民政府"),
    workspace: Optional[Path] = typer.Option(None, "--units", help="单位名单（YAML：government、region、units），据以列出未报送的单位"),
    year: Optional[int] = typer.Option(None, "--year", help="汇总年度（缺省取多数单位报告的年度）"),
    confirm: list[str] = typer.Option([], "--confirm", help="确认纳入汇总的单位全称（可多次给出）；须同时给出 --reason"),
    reason: Optional[str] = typer.Option(None, "--reason", help="确认纳入的理由"),
    who: Optional[str] = typer.Option(None, "--who", help="确认人（缺省为当前系统用户）"),
    breakdown: Optional[Path] = typer.Option(None, "--breakdown", help="另存分单位明细的 Excel 文件"),
) -> None:
    """汇总各单位报告的表二、表三、表四（逐格相加，保留分单位明细），写成本级政府报告。"""
    from ..export import current_user
    from .lint import _collect
    if confirm and not (reason or "").strip():
        _echo("确认纳入汇总须用 --reason 写明理由。", err=True)
        raise typer.Exit(2)
    ws = None
    if workspace is not None:
        try:
            ws = load_workspace_file(workspace)
        except RollupError as e:
            _echo(str(e), err=True)
            raise typer.Exit(2)
    gov_name = government or (ws.government if ws else None)
    if not gov_name:
        _echo("请用 --government 给出人民政府全称，或用 --units 给出单位名单文件。", err=True)
        raise typer.Exit(2)
    paths = []
    for p in files:
        if p.is_dir():
            paths.extend(sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")
                                and f.suffix.lower() in (".yaml", ".yml", ".json")))
            paths.extend(_collect([p]))
        else:
            paths.append(p)
    out_resolved = {out.resolve(), snapshot_path(out).resolve()}
    paths = [p for p in dict.fromkeys(paths) if p.resolve() not in out_resolved]
    previous = read_snapshot(out)
    confirmations = dict((previous or {}).get("confirmations", {}))
    reports = []
    bad = 0
    for p in paths:
        try:
            reports.append((p, _read_unit(p)))
        except ReportLoadError as e:
            bad += 1
            _echo(f"{p}：无法读取", err=True)
            for line in e.errors:
                _echo(f"  {line}", err=True)
    listed = {n: lv for n, lv in ws.units} if ws else None
    inputs: list[UnitInput] = []
    for p, rep in reports:
        name = rep.meta.agency
        c = confirmations.get(name) or {}
        inputs.append(UnitInput(name=name, report=rep, source=str(p), level=(listed or {}).get(name, rep.meta.level.value),
                                listed=listed is None or name in listed, confirmed_by=c.get("who"),
                                confirm_reason=c.get("reason"), confirmed_fingerprint=c.get("fingerprint")))
    if ws:
        have = {u.name for u in inputs}
        inputs.extend(UnitInput(name=n, report=None, level=lv) for n, lv in ws.units if n not in have)
    try:
        r = rollup(inputs, gov_name, year, region=ws.region if ws else None)
    except RollupError as e:
        _echo(str(e), err=True)
        raise typer.Exit(2)
    unknown = [n for n in confirm if all(u.name != n for u in r.units)]
    if unknown:
        _echo(f"--confirm 给出的单位不在本次汇总中：{'、'.join(unknown)}", err=True)
        raise typer.Exit(2)
    if confirm:
        person = who or current_user()
        for n in confirm:
            st = r.unit(n)
            if st.state != HELD:
                _echo(f"{n}：状态为「{st.state}」，无需确认。")
                continue
            confirmations[n] = {"who": person, "reason": reason.strip(), "fingerprint": st.fingerprint}
        for u in inputs:
            c = confirmations.get(u.name) or {}
            u.confirmed_by, u.confirm_reason, u.confirmed_fingerprint = c.get("who"), c.get("reason"), c.get("fingerprint")
        r = rollup(inputs, gov_name, year, region=ws.region if ws else None)
    # What to read before using the sum comes first.
    notice = r.notice()
    if r.left_out or any(u.state == CONFIRMED for u in r.units):
        _echo(f"请先核对：{len(r.left_out)} 个单位未计入汇总" +
              (f"，{sum(u.state == CONFIRMED for u in r.units)} 个单位经确认纳入" if any(u.state == CONFIRMED for u in r.units) else "") + "。")
    for line in notice:
        _echo(f"  {line}")
    if r.left_out:
        held = [u.name for u in r.units if u.state == HELD]
        if held:
            _echo(f"  核实后确需纳入的，用 --confirm 单位全称 --reason 理由 重新汇总。")
    changes = r.changes_since(previous)
    try:
        save_report(r.report, out)
        snap = r.snapshot()
        snap["confirmations"] = {n: c for n, c in confirmations.items() if any(u.name == n for u in r.units)}
        snapshot_path(out).write_text(json.dumps(snap, ensure_ascii=False, indent=1), encoding="utf-8")
        if breakdown is not None:
            breakdown.parent.mkdir(parents=True, exist_ok=True)
            breakdown.write_bytes(breakdown_xlsx(r, changes))
    except OSError as e:
        _echo(f"无法写入 {out}：{e.strerror or e}", err=True)
        raise typer.Exit(2)
    _echo(f"已汇总 {len(r.counted)} 个单位的{r.year}年度报告（{r.template}版模板），写入 {out}；"
          f"分单位明细：{snapshot_path(out)}" + (f"、{breakdown}" if breakdown else ""))
    t3 = r.report.template.tables["applications"]
    for row in ("new_received", "results_total", "carry_forward"):
        _echo(f"  {t3.row_label(row)}：{r.total('applications', row, 'total') or '未填'} 件")
    if previous is not None:
        if changes:
            _echo(f"与上次汇总相比，有 {len(changes)} 处变动：")
            for c in changes[:40]:
                _echo(f"  {c.text()}")
            if len(changes) > 40:
                _echo(f"  ……另有 {len(changes) - 40} 处，见 {snapshot_path(out)}")
        else:
            _echo("与上次汇总相比没有变动。")
    raise typer.Exit(2 if bad and not r.counted else (1 if (r.left_out or bad) else 0))
