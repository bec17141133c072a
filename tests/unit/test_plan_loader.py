"""Loading plan files: the bundled Tianjin plan, and broken plans reported problem by problem."""

from datetime import date

import pytest

from tracker.domain.errors import InputError, PlanError
from tracker.domain.plan_loader import load_plan_file, load_plan_text

HEXI_AREAS = (
    "城乡规划",
    "重大建设项目",
    "财政预决算",
    "税收管理",
    "环境保护",
    "食品药品监管",
    "安全生产",
    "公共文化服务",
    "公共法律服务",
)
JINNAN_AREAS = (
    "就业创业",
    "社会救助",
    "社会保险",
    "户籍管理",
    "医疗卫生",
    "涉农补贴",
    "城市综合执法",
    "养老服务",
)
WUQING_AREAS = (
    "征地补偿",
    "拆迁安置",
    "保障性住房",
    "农村危房改造",
    "市政服务",
    "公共资源交易",
    "义务教育",
)


def edit(text, old, new):
    """Replace the one occurrence of ``old``; fail loudly if the plan file changed shape."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the plan text"
    return text.replace(old, new)


def line_of(text, needle):
    """1-based number of the only line containing ``needle``."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(numbers) == 1, f"{needle!r} found on lines {numbers}"
    return numbers[0]


def problems_of(text):
    with pytest.raises(PlanError) as caught:
        load_plan_text(text, "broken.toml")
    return caught.value.problems


# --- the bundled Tianjin plan -------------------------------------------------------------


@pytest.mark.parametrize(
    "district_id, name, short_name, areas",
    [
        ("hexi", "河西区", "河西", HEXI_AREAS),
        ("jinnan", "津南区", "津南", JINNAN_AREAS),
        ("wuqing", "武清区", "武清", WUQING_AREAS),
    ],
)
def test_tianjin_plan_gives_each_district_its_focal_areas(
    plan, district_id, name, short_name, areas
):
    district = plan.district(district_id)
    assert (district.name, district.short_name, district.areas) == (name, short_name, areas)


def test_tianjin_plan_has_exactly_the_three_pilot_districts(plan):
    assert [d.id for d in plan.districts] == ["hexi", "jinnan", "wuqing"]


def test_tianjin_plan_has_the_four_tasks(plan):
    assert [(t.id, t.name) for t in plan.tasks] == [
        ("comb", "梳理政务公开事项"),
        ("standardize", "规范政务公开事项标准"),
        ("workflow", "优化政务公开工作流程"),
        ("channels", "拓宽政务公开渠道"),
    ]


def test_tianjin_plan_milestones_have_their_due_dates_and_scopes(plan):
    assert [(m.id, m.scope, m.due) for m in plan.milestones] == [
        ("plan-filed", "district", date(2017, 8, 31)),
        ("tasks-complete", "district", date(2018, 8, 31)),
        ("report-submitted", "district", date(2018, 8, 31)),
        ("municipal-report", "municipal", date(2018, 9, 30)),
    ]
    assert "国办发〔2017〕42号" in plan.milestone("municipal-report").source


def test_tianjin_plan_has_the_five_work_requirements(plan):
    assert [(r.name, r.check, r.milestone) for r in plan.requirements] == [
        ("明确专人负责", "lead-assigned", ""),
        ("编制工作计划和实施方案", "milestone-done", "plan-filed"),
        ("及时报告工作进展情况", "recent-progress", ""),
        ("社会评价或第三方评估", "evaluation", ""),
        ("总结试点经验", "milestone-done", "report-submitted"),
    ]


def test_tianjin_plan_document_and_period(plan):
    assert (plan.doc_no, plan.issuer, plan.issued) == (
        "津政办函〔2017〕72号",
        "天津市人民政府办公厅",
        date(2017, 7, 21),
    )
    assert plan.parent_doc_no == "国办发〔2017〕42号"
    assert (plan.period_start, plan.period_end) == (date(2017, 7, 21), date(2018, 8, 31))


def test_national_list_is_the_24_tianjin_areas_plus_poverty_relief(plan):
    assert len(plan.national_areas) == 25
    assert set(plan.national_areas) == set(HEXI_AREAS + JINNAN_AREAS + WUQING_AREAS) | {"扶贫救灾"}


def test_missing_plan_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="找不到计划文件"):
        load_plan_file(tmp_path / "nowhere.toml")


def test_short_name_defaults_to_the_name_without_qu(plan_text):
    plan = load_plan_text(edit(plan_text, 'short_name = "津南"\n', ""), "p.toml")
    assert plan.district("jinnan").short_name == "津南"


# --- broken plans: each problem names its line ------------------------------------------------


def test_unknown_top_level_key_is_reported_at_its_line(plan_text):
    text = edit(plan_text, "schema = 1\n", "schema = 1\nversion = 2\n")
    [problem] = problems_of(text)
    assert (
        problem.startswith(f"第 {line_of(text, 'version = 2')} 行：")
        and "未知的键「version」" in problem
    )


def test_unknown_key_inside_a_district_is_reported_at_its_line(plan_text):
    text = edit(plan_text, 'id = "jinnan"\n', 'id = "jinnan"\npopulation = 120\n')
    [problem] = problems_of(text)
    assert problem.startswith(f"第 {line_of(text, 'population = 120')} 行：")
    assert "jinnan" in problem and "未知的键「population」" in problem


def test_duplicate_district_id_is_reported_at_the_second_one(plan_text):
    line = line_of(plan_text, 'id = "wuqing"')
    [problem] = problems_of(edit(plan_text, 'id = "wuqing"', 'id = "hexi"'))
    assert problem.startswith(f"第 {line} 行：") and "「hexi」重复" in problem


def test_district_without_areas_is_reported_at_its_areas_line(plan_text):
    line = line_of(plan_text, 'areas = ["征地补偿"')
    text = edit(plan_text, plan_text.splitlines()[line - 1], "areas = []")
    [problem] = problems_of(text)
    assert (
        problem.startswith(f"第 {line} 行：")
        and "wuqing" in problem
        and "没有任何重点领域" in problem
    )


def test_impossible_due_date_is_reported_at_its_line(plan_text):
    text = edit(plan_text, "due = 2018-09-30", 'due = "2018-02-30"')
    [problem] = problems_of(text)
    assert problem.startswith(f"第 {line_of(text, '2018-02-30')} 行：")
    assert "「2018-02-30」不存在" in problem


def test_unknown_milestone_scope_is_reported_at_its_line(plan_text):
    text = edit(plan_text, 'scope = "municipal"', 'scope = "province"')
    [problem] = problems_of(text)
    assert problem.startswith(f"第 {line_of(text, 'province')} 行：") and "「province」" in problem


def test_unknown_requirement_check_is_reported_at_its_line(plan_text):
    text = edit(plan_text, 'check = "evaluation"', 'check = "survey"')
    [problem] = problems_of(text)
    assert problem.startswith(f"第 {line_of(text, 'survey')} 行：") and "「survey」" in problem


def test_toml_syntax_error_is_a_plan_error_naming_the_line(plan_text):
    text = edit(plan_text, 'id = "jinnan"', 'id = "jinnan')
    [problem] = problems_of(text)
    broken_line = line_of(text, 'id = "jinnan')
    assert problem.startswith(f"第 {broken_line} 行")
    assert "TOML 语法错误" in problem


def test_every_problem_is_reported_at_once(plan_text):
    text = plan_text
    for old, new in [
        ("schema = 1\n", "schema = 1\nversion = 2\n"),
        ('id = "jinnan"\n', 'id = "jinnan"\npopulation = 120\n'),
        ('id = "wuqing"', 'id = "hexi"'),
        (
            '"征地补偿", "拆迁安置", "保障性住房", "农村危房改造", "市政服务", "公共资源交易", "义务教育"]',
            "]",
        ),
        ('due = 2018-08-31\nsection = "四（二）"', 'due = "2018-02-30"\nsection = "四（二）"'),
        ('scope = "municipal"', 'scope = "province"'),
        ('check = "evaluation"', 'check = "survey"'),
    ]:
        text = edit(text, old, new)
    problems = problems_of(text)
    lines = text.splitlines()
    duplicate_line = [n for n, line in enumerate(lines, 1) if line == 'id = "hexi"'][1]
    expected_lines = sorted(
        [
            line_of(text, "version = 2"),
            line_of(text, "population = 120"),
            duplicate_line,
            line_of(text, "areas = []"),
            line_of(text, '"2018-02-30"'),
            line_of(text, "province"),
            line_of(text, "survey"),
        ]
    )
    assert sorted(int(p.split(" ")[1]) for p in problems) == expected_lines


def test_plan_error_message_names_the_file_and_counts_problems(plan_text):
    text = edit(plan_text, 'check = "evaluation"', 'check = "survey"')
    with pytest.raises(PlanError) as caught:
        load_plan_text(text, "broken.toml")
    assert "broken.toml" in str(caught.value) and "1 处问题" in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ("days = 30", 'days = "thirty"', "days", "「days」应为正整数"),
        ("days = 30", "days = -5", "days", "「days」应为正整数"),
        ('name = "梳理政务公开事项"', "name = 5", "name = 5", "「name」应为文本"),
        ('name = "津南区"', 'name = ["津南区"]', 'name = ["津南区"]', "「name」应为文本"),
        ('id = "tianjin-2017"', "id = 5", "id = 5", "「id」应为文本"),
    ],
)
def test_values_of_the_wrong_kind_are_reported_not_dropped(plan_text, old, new, key, message):
    text = edit(plan_text, old, new)
    [problem] = problems_of(text)
    assert message in problem
    assert problem.startswith(f"第 {line_of(text, new)} 行")


def test_a_header_with_a_comment_still_locates_keys_in_its_table(plan_text):
    text = edit(
        plan_text,
        '[[districts]]\nid = "jinnan"',
        '[[ districts ]]  # 津南\nid = "jinnan"\npopulation = 1',
    )
    [problem] = problems_of(text)
    assert problem.startswith(f"第 {line_of(text, 'population = 1')} 行")


def test_a_misspelt_table_is_located_at_its_header(plan_text):
    text = edit(plan_text, '[[tasks]]\nid = "comb"', '[[task]]\nid = "comb"')
    found = problems_of(text)
    assert any(
        p.startswith(f"第 {line_of(text, '[[task]]')} 行") and "未知的键「task」" in p
        for p in found
    )
