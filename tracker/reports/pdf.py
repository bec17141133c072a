"""PDF output: the Word document converted by LibreOffice, which lays out GB/T 9704 as Word does."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from tracker.domain.errors import InputError, TrackerError

TIMEOUT = 180
"""Seconds a conversion may take: a rollout-size report takes a few."""
INSTALL = (
    "未找到 LibreOffice（soffice），无法生成 PDF。请先安装："
    "Debian/Ubuntu 执行 `apt-get install -y libreoffice-writer-nogui fonts-noto-cjk`，"
    "其他系统请从 LibreOffice 官网下载安装；也可以先用 -f docx 生成 Word 文件。"
)


def soffice() -> str:
    """The LibreOffice program, or a Chinese refusal saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise InputError(INSTALL)
    return found


def docx_to_pdf(docx: Path, pdf: Path, timeout: float = TIMEOUT) -> None:
    """Convert ``docx`` to ``pdf`` with LibreOffice headless.

    Each conversion has a profile of its own: two conversions sharing one would clash, and a
    user's open LibreOffice would take the job over and lose it.
    """
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="tracker-pdf-") as work:
        profile, out = Path(work) / "profile", Path(work) / "out"
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ]
        try:
            finished = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise TrackerError(
                f"LibreOffice 转换 PDF 超过 {timeout:g} 秒仍未完成，已放弃"
            ) from None
        produced = out / f"{docx.stem}.pdf"
        if not produced.is_file():
            detail = (finished.stderr or finished.stdout or "").strip().splitlines()[-1:]
            raise TrackerError(f"LibreOffice 未能生成 PDF：{''.join(detail) or '没有输出文件'}")
        shutil.copyfile(produced, pdf)
