"""A dbt unit test of a model using the seed-backed macros builds (in a throwaway project).

In a unit test ref() names a fixture CTE and the graph is empty, so the macros find the loaded
seed table another way; this checks that path end to end with the project's own macros and seeds.
"""

from __future__ import annotations

import shutil
import textwrap

from dbt.cli.main import dbtRunner

from .conftest import PROJECT_DIR

# No `-- depends_on:` comment: the macros register the dependency on the seeds themselves.
MODEL = """\
with

source as (
    select * from {{ ref('raw_people') }}
),

final as (
    select
        {{ normalize_country('country') }} as country_code,
        {{ normalize_phone_e164('phone', normalize_country('country')) }} as phone_e164
    from source
)

select * from final
"""

UNIT_TEST = """\
version: 2
unit_tests:
  - name: people_are_normalised
    model: people
    given:
      - input: ref('raw_people')
        rows:
          - {phone: "07700 900123", country: "UK"}
          - {phone: "(555) 123-4567", country: "USA"}
          - {phone: "anonymous", country: "Narnia"}
    expect:
      rows:
        - {country_code: GB, phone_e164: "+447700900123"}
        - {country_code: US, phone_e164: "+15551234567"}
        - {country_code: null, phone_e164: null}
"""


def test_unit_test_of_a_model_using_the_seed_backed_macros(tmp_path):
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    (project / "seeds").mkdir()
    shutil.copytree(PROJECT_DIR / "macros" / "normalization", project / "macros" / "normalization")
    shutil.copytree(PROJECT_DIR / "macros" / "cross_db", project / "macros" / "cross_db")
    shutil.copytree(PROJECT_DIR / "seeds" / "reference", project / "seeds" / "reference")
    (project / "dbt_project.yml").write_text(
        textwrap.dedent(
            """\
            name: customer_identity
            profile: unit_test_support
            vars: {default_country: US}
            seeds: {customer_identity: {+schema: reference}}
            """
        )
    )
    (project / "profiles.yml").write_text(
        "unit_test_support:\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n"
        f"      path: {tmp_path / 'unit.duckdb'}\n"
    )
    (project / "models" / "raw_people.sql").write_text(
        "select cast(null as varchar) as phone, cast(null as varchar) as country\n"
    )
    (project / "models" / "people.sql").write_text(MODEL)
    (project / "models" / "_people.yml").write_text(UNIT_TEST)
    result = dbtRunner().invoke(
        [
            "build",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
            "--quiet",
        ]
    )
    assert result.result is not None, result.exception
    outcomes = {node.node.name: (str(node.status), node.message) for node in result.result.results}
    failed = {
        name: outcome for name, outcome in outcomes.items() if outcome[0] not in ("success", "pass")
    }
    assert result.success, failed
    assert outcomes["people_are_normalised"][0] == "pass"
