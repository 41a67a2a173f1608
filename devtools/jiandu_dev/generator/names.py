"""Deterministic Chinese names for companies, people and places."""

from __future__ import annotations

import random

CITIES = ["北京", "上海", "天津", "重庆", "南京", "杭州", "广州", "深圳", "成都", "武汉",
          "西安", "长沙", "郑州", "济南", "合肥", "福州", "昆明", "沈阳", "哈尔滨", "青岛"]
_TRADE_WORDS = ["恒通", "华信", "宏达", "鑫源", "瑞丰", "中联", "永盛", "泰和", "金桥", "天成",
                "博远", "安泰", "汇能", "联创", "正元", "嘉禾", "隆基", "新纪", "长城", "东方",
                "同舟", "德润", "兴业", "启明", "九州", "远景", "众合", "华宇", "鼎盛", "信达"]
_INDUSTRIES = ["物流", "建材", "机电", "工程", "贸易", "科技", "能源", "置业", "电气", "化工",
               "装饰", "信息", "环保", "医药", "设备"]
_SUFFIXES = ["有限公司", "股份有限公司", "有限责任公司"]
SUBSIDIARY_NAMES = [
    ("S01", "华东建设工程有限公司", "建筑"),
    ("S02", "南方能源投资有限公司", "能源"),
    ("S03", "北方物流集团有限公司", "物流"),
    ("S04", "西部矿业开发有限公司", "矿业"),
    ("S05", "中原置业发展有限公司", "房地产"),
]


def company_name(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(_TRADE_WORDS) + rng.choice(_INDUSTRIES) + rng.choice(_SUFFIXES)


def credit_code(rng: random.Random) -> str:
    """A plausible 18-character 统一社会信用代码 (not checksum-valid on purpose: synthetic)."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return "91" + "".join(rng.choice("0123456789") for _ in range(6)) + "".join(rng.choice(chars) for _ in range(10))
