"""The catalog progress chart: a PNG of an A4 text column's width with Chinese labels, drawn
only when a report is made."""

import subprocess
import sys
from datetime import date

import pytest
from matplotlib import image

from tests.conftest import COORDINATOR, Cli, environment
from tracker.reports import charts
from tracker.reports.charts import DPI, WIDTH_CM, progress_chart
from tracker.services.read.progress import MonthCount

MONTHS = [
    MonthCount(date(2017, 9, 1), 24, 0, 0),
    MonthCount(date(2017, 10, 1), 75, 0, 0),
    MonthCount(date(2017, 11, 1), 126, 37, 0),
    MonthCount(date(2017, 12, 1), 126, 101, 9),
    MonthCount(date(2018, 1, 1), 122, 97, 41),
]


def test_the_chart_is_a_png_a_text_column_wide_at_200_dpi_and_not_blank(tmp_path):
    path = progress_chart(MONTHS, "河西区标准目录进展", tmp_path / "charts" / "hexi.png")

    pixels = image.imread(path)
    height, width = pixels.shape[:2]
    assert path == tmp_path / "charts" / "hexi.png"
    assert path.read_bytes().startswith(b"\x89PNG")
    assert width == round(WIDTH_CM / 2.54 * DPI) == 1228
    assert 500 < height < width
    assert pixels[..., :3].std() > 0.05  # lines, fills and text, not a white page
    assert (pixels[..., :3].min(axis=2) < 0.5).mean() > 0.01  # enough dark ink


def test_a_chinese_font_is_found_here():
    # fonts-noto-cjk is installed where the tests run; without it the labels would be English.
    assert charts.cjk_font() in charts.CJK_FONTS


def test_the_month_ticks_read_in_chinese():
    assert [charts.month_label(i, MONTHS, True) for i in (0, 4)] == ["2017年9月", "2018年1月"]
    assert charts.month_label(0, MONTHS, False) == "2017-09"


@pytest.mark.parametrize("months", [[], MONTHS[:1]], ids=["no months", "one month"])
def test_a_chart_without_data_or_with_one_month_is_still_drawn(tmp_path, months):
    path = progress_chart(months, "武清区标准目录进展", tmp_path / "wuqing.png")
    assert image.imread(path).shape[1] == 1228


def test_without_a_chinese_font_the_chart_is_still_drawn(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    path = progress_chart(MONTHS, "河西区标准目录进展", tmp_path / "plain.png")
    assert image.imread(path)[..., :3].std() > 0.05


def test_a_task_update_loads_no_matplotlib(cli: Cli):
    code = (
        "import sys; from tracker.cli import main;"
        f"code = main(['--db', {str(cli.db)!r}, 'task', 'update', 'hexi', 'comb', '-p', '5']);"
        "print(code, sorted(m for m in ('matplotlib', 'numpy', 'PIL') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment(COORDINATOR),
    )
    assert out.stdout.splitlines()[-1] == "0 []"


def test_importing_the_charts_module_loads_no_matplotlib():
    code = "import sys, tracker.reports.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
