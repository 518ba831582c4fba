"""The topics of the year's facts (工作情况) and the section each feeds.

Keys match Facts.notes in report files (see drafting/data/example.yaml).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    section: str
    question: str      # what to ask when nothing is known about it


TOPICS: tuple[Topic, ...] = (
    Topic("active", "主动公开", "overall", "今年主动公开了哪些信息、通过哪些渠道？有无政策解读？"),
    Topic("applications", "依申请公开", "overall", "依申请公开工作是怎样开展的（受理、答复流程，是否按时答复）？"),
    Topic("management", "政府信息管理", "overall", "信息发布审核、保密审查、文件清理等管理工作做了什么？"),
    Topic("platform", "政府信息公开平台建设", "overall", "网站专栏、政务新媒体等公开平台有哪些建设或调整？"),
    Topic("supervision", "监督保障", "overall", "组织领导、考核、培训、社会评议方面做了什么？"),
    Topic("problems", "存在的主要问题", "problems", "今年工作中还存在哪些具体问题？"),
    Topic("last_year_followup", "上年度问题整改情况", "problems", "上年度报告提出的问题整改得怎么样？"),
    Topic("measures", "改进措施", "problems", "下一步准备采取哪些改进措施？"),
    Topic("fees", "信息处理费收取情况", "other", "今年是否收取了信息处理费？收取多少？"),
    Topic("work_points", "落实政务公开工作要点情况", "other", "上级年度政务公开工作要点落实得怎么样？"),
    Topic("proposals", "建议提案办理结果公开情况", "other", "承办了多少人大代表建议和政协提案，办理结果是否公开？"),
    Topic("innovation", "政务公开工作创新情况", "other", "今年政务公开工作有哪些创新做法？"),
    Topic("other", "其他需要报告的事项", "other", "还有其他需要报告的事项吗？"),
)

TOPIC_BY_KEY = {t.key: t for t in TOPICS}
