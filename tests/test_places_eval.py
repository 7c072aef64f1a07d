"""Place resolution on real data: MobIE dev (German traffic reports, OSM-linked) and the seeds' gold.
Floors sit a little below the measured figures (docs/places-and-actors.md); raise them deliberately."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.evaluate.mobie import evaluate_mobie, evaluate_seeds, read_mobie

SEED_FLOOR = 1.0  # every seed gold place found and right
MOBIE_RESOLUTION_FLOOR = 0.82  # measured 0.832
MOBIE_END_TO_END_FLOOR = 0.81  # measured 0.829
MOBIE_PRECISION_FLOOR = 0.97  # measured 0.980


@pytest.fixture(scope="module")
def mobie_path(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "mobie" / "dev.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return path


def test_every_seed_place_is_found_and_right(shared_dir: Path) -> None:
    score = evaluate_seeds(shared_dir / "gold" / "seeds.gold.json")
    assert score.gold >= 15
    assert score.exact / score.gold >= SEED_FLOOR, score.misses


def test_mobie_is_read_with_linked_mentions(mobie_path: Path) -> None:
    docs = read_mobie(mobie_path)
    assert len(docs) == 494
    mentions = [g for _, text, gold, _ in docs for g in gold]
    assert len(mentions) > 400
    assert all(-90 <= g.lat <= 90 and -180 <= g.lon <= 180 for g in mentions)


def test_mobie_acc161(mobie_path: Path) -> None:
    scores = evaluate_mobie(mobie_path)
    resolution = scores["resolution"].as_dict()
    end_to_end = scores["end_to_end"].as_dict()
    assert resolution["acc@161"] >= MOBIE_RESOLUTION_FLOOR
    assert end_to_end["acc@161"] >= MOBIE_END_TO_END_FLOOR
    assert end_to_end["precision"] >= MOBIE_PRECISION_FLOOR


def test_eval_places_command(shared_dir: Path) -> None:
    result = CliRunner().invoke(main, ["eval-places", "--mobie", str(shared_dir / "missing.jsonl.gz"),
                                       "--gold", str(shared_dir / "gold" / "seeds.gold.json"), "--json"])
    assert result.exit_code == 0, result.output
    assert '"seeds"' in result.output
