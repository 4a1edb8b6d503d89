"""Templates and data are found from the editable install and from a built wheel."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile


from conftest import ROOT


def test_templates_from_editable_install():
    from importlib.resources import files

    import argmap.templates

    folder = files("argmap.templates")
    assert folder.joinpath("page.html.j2").is_file()
    # the editable install maps the package onto the top-level templates/ folder
    assert os.path.samefile(os.path.dirname(argmap.templates.__file__), ROOT / "templates")
    assert files("argmap").joinpath("data/map.schema.json").is_file()


def test_wheel_contains_templates_and_finds_them(tmp_path):
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", str(tmp_path / "dist"), str(ROOT)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("argmap-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "argmap/templates/page.html.j2" in names
    assert "argmap/data/map.schema.json" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    probe = ("import argmap, argmap.templates, sys; from importlib.resources import files;"
             "assert files('argmap.templates').joinpath('page.html.j2').is_file();"
             "print(argmap.__file__)")
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-I", "-c", probe.replace("import argmap,", "import sys; sys.path.insert(0, %r); import argmap," % str(target))],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().startswith(str(target))
