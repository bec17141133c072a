"""Comparing a district's catalog with a basic catalog: names as people write them, withdrawn
items left out, and only the elements the seed names compared."""

from tracker.domain.baseline import compare_area, name_key


def item(name: str, **fields) -> dict:
    return {"area": "社会救助", "name": name, "status": "combed", "id": f"x-{name}", **fields}


def test_names_match_whatever_their_spacing_and_brackets():
    assert name_key("法规 文件") == name_key("法规文件")
    assert name_key("《社会救助暂行办法》") == name_key("社会救助暂行办法")
    assert name_key("低保（审核）") == name_key("低保(审核)")
    assert name_key("低保审核") != name_key("低保审批")


def test_missing_added_and_differing():
    basic = [
        item(
            "城乡低保申请",
            basis="《社会救助暂行办法》",
            time_limit="20个工作日内",
            channels=["政府网站"],
        ),
        item(
            "特困人员认定",
            basis="《社会救助暂行办法》",
            time_limit="20个工作日内",
            channels=["政府网站"],
        ),
        item("冬春救助", basis="《自然灾害救助条例》"),
        item("已撤销事项", status="withdrawn"),
    ]
    own = [
        item("城乡低保 申请", basis="社会救助暂行办法", time_limit="20个工作日内",
             channels=["政府网站", "公示栏"]),
        item("特困人员认定", basis="《社会救助暂行办法》", time_limit="10个工作日内",
             channels=["政府网站"]),
        item("临时救助", basis="x"),
        item("冬春救助", status="withdrawn"),
        {**item("城乡低保申请"), "area": "养老服务"},
    ]  # fmt: skip
    compared = compare_area("jinnan", "社会救助", "civil-affairs", basic, own)
    assert (compared.baseline_items, compared.district_items, compared.matched) == (3, 3, 2)
    assert compared.missing == ("冬春救助",)
    assert compared.added == ("临时救助",)
    assert [(d.name, d.fields) for d in compared.differing] == [
        ("城乡低保申请", ("channels",)),
        ("特困人员认定", ("time_limit",)),
    ]


def test_a_name_under_several_headings_counts_once_for_each():
    basic = [
        item("办事指南", topic="最低生活保障"),
        item("办事指南", topic="特困人员供养"),
        item("政策文件", topic="临时救助"),
    ]
    own = [{**item("办事指南", topic="最低生活保障"), "id": "jinnan-1"}]
    compared = compare_area("jinnan", "社会救助", "civil-affairs", basic, own)
    assert (compared.baseline_items, compared.matched) == (3, 1)
    assert compared.missing == ("办事指南", "政策文件")


def test_laws_listed_in_another_order_are_the_same_basis():
    basic = [item("低保", basis="《社会救助暂行办法》、《天津市社会救助实施办法》")]
    own = [item("低保", basis="《天津市社会救助实施办法》，《社会救助暂行办法》")]
    assert compare_area("jinnan", "社会救助", "civil-affairs", basic, own).differing == ()


def test_the_cheap_count_of_gaps_agrees_with_the_comparison():
    from tracker.domain.baseline import catalog_names, missing_from

    basic = [
        item("办事指南", topic="最低生活保障"),
        item("办事指南", topic="特困人员供养"),
        item("政策文件", topic="临时救助"),
        item("冬春救助"),
    ]
    own = [{**item("办事指南", topic="最低生活保障"), "id": "a"}, {**item("冬春 救助"), "id": "b"}]
    compared = compare_area("jinnan", "社会救助", "civil-affairs", basic, own)
    count = missing_from(catalog_names(basic)["社会救助"], catalog_names(own)["社会救助"])
    assert count == len(compared.missing) == 2
