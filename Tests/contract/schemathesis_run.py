"""One schemathesis CLI run (`st run`) with a generated `schemathesis.toml`, read back from its JSON
report: how many operations and test cases, and every failure or error it found."""
import glob
import json
import subprocess
import sys
from pathlib import Path

# The checks every contract run makes: no 5xx, every status code documented, the documented
# content type, and every answer valid against the documented schema.
CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance"]


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(key)} = {toml_value(item)}" for key, item in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def toml(config):
    """Top-level keys and inline tables, then one `[[operations]]` table per override."""
    lines = [f"{json.dumps(key)} = {toml_value(value)}" for key, value in config.items() if key != "operations"]
    for operation in config.get("operations", []):
        lines.append("\n[[operations]]")
        lines += [f"{json.dumps(key)} = {toml_value(value)}" for key, value in operation.items()]
    return "\n".join(lines) + "\n"


class Result:
    def __init__(self, name, report, exit_code, output):
        self.name = name
        self.exit_code = exit_code
        self.output = output
        self.operations = report.get("operations", {})
        self.test_cases = report.get("test_cases", {})
        self.failures = report.get("failures", [])
        self.errors = report.get("errors", [])
        self.phases = report.get("phases", {})
        self.seconds = report.get("running_time", 0)
        self.warnings = report.get("warnings", {})

    @property
    def server_errors(self):
        return sum(f["count"] for f in self.failures if f.get("code") == "ST100" or "Server error" in f.get("title", ""))

    @property
    def ok(self):
        return self.exit_code == 0 and not self.failures and not self.errors

    def summary(self):
        failures = ", ".join(f"{f['title']} ({f.get('code')}) x{f['count']} in {', '.join(f['operations'])}" for f in self.failures) or "none"
        errors = ", ".join(f"{e['title']} x{e['count']}" for e in self.errors) or "none"
        return (f"{self.name}: {self.operations.get('selected', 0)} operations selected, {self.operations.get('tested', 0)} tested, "
                f"{self.test_cases.get('generated', 0)} test cases in {self.seconds:.0f} s; failures: {failures}; errors: {errors}")


def run(name, schema_location, config, workdir, base_url=None, phases=None):
    """Runs `st run` in `workdir` and returns its `Result`; the console output goes to `<name>.log`."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    config_path = workdir / f"{name}.toml"
    config_path.write_text(toml(config))
    report_dir = workdir / f"{name}-report"
    # The CLI through this interpreter: the one `make contract-deps` installed it for, whatever PATH holds.
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config_path), "run", str(schema_location), "--no-color",
               "--report", "json,junit", "--report-dir", str(report_dir)]
    if base_url:
        command += ["--url", base_url]
    if phases:
        command += ["--phases", ",".join(phases)]
    log_path = workdir / f"{name}.log"
    print(f"== {name}: {' '.join(command)}", flush=True)
    with open(log_path, "w") as log:
        completed = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
    output = log_path.read_text()
    reports = sorted(glob.glob(str(report_dir / "json-*.json")))
    if not reports:
        sys.stdout.write(output)
        raise SystemExit(f"{name}: schemathesis wrote no report (exit {completed.returncode})")
    return Result(name, json.loads(Path(reports[-1]).read_text()), completed.returncode, output)
