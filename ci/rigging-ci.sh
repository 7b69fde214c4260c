#!/usr/bin/env bash
# rigging-ci.sh: the Rigging CI step. The GitHub Actions and GitLab CI templates beside this
# script only call it, so that what runs in CI is this one tested file (see ci/README.md).
#
#   rigging-ci.sh pull-request --base REV [options] MESH...   check, then diff against REV
#   rigging-ci.sh publish --out DIR [--repo R --branch B] [options] MESH...
#                                                             check, then compile (and commit)
#   rigging-ci.sh check [options] MESH...                     check only
#   rigging-ci.sh diff --base REV [options] MESH...           diff only
#
# Each MESH is one mesh: a .mesh file or a directory of them (with their imports), relative to
# the repository's top, where the script must be run.
#
# Options:
#   --reports DIR   where reports go (default: rigging-reports):
#                     DIR/sarif/<mesh>.sarif   one SARIF 2.1.0 log per mesh (code scanning)
#                     DIR/check.txt            the human diagnostics of every mesh
#                     DIR/rigging-diff.md      the diff as markdown, for the pull-request comment
#   --werror        warnings fail the check too
#   --base REV      the pull request's target (e.g. origin/main); the diff is taken from the
#                   merge base of REV and HEAD, as a pull request shows it, to the working tree
#   --out DIR       publish: where compiled output goes, one directory per mesh
#   --repo R        publish: the Git repository (path or URL) the output is committed to
#   --branch B      publish: its branch (default: rigging-compiled)
#
# Environment:
#   RIG             how to run rig, split on spaces (default: `rig` on PATH, else the ./rig
#                   launcher of the Rigging checkout this script lives in)
#   GITHUB_OUTPUT   when set (GitHub Actions), `diff-changed=true|false` and `diff-file=...`
#                   are appended to it for later steps
#
# Exit codes: 0 all good; 1 the policy has errors (at either revision, for the diff);
# 2 bad usage or an internal error. A diff that finds changes is not a failure.
set -euo pipefail

die() {
  echo "rigging-ci: $*" >&2
  exit 2
}

# `publish` with --repo commits each mesh's output under its own directory of the branch
# (rig compile --commit --commit-path MESH), so meshes share one branch; agents follow it with
# rig agent --repo R --branch B --repo-path MESH.

script_dir="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

[ $# -ge 1 ] || die "usage: rigging-ci.sh pull-request|publish|check|diff [options] MESH... (see the header of this script)"
mode="$1"
shift
case "$mode" in
pull-request | publish | check | diff) ;;
-h | --help)
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 0
  ;;
*) die "unknown mode \`$mode\`: expected pull-request, publish, check or diff" ;;
esac

reports="rigging-reports"
werror=()
base=""
out=""
out_repo=""
branch="rigging-compiled"
meshes=()
while [ $# -gt 0 ]; do
  case "$1" in
  --reports) reports="${2:?--reports needs a directory}"; shift 2 ;;
  --werror) werror=(--werror); shift ;;
  --base) base="${2:?--base needs a revision}"; shift 2 ;;
  --out) out="${2:?--out needs a directory}"; shift 2 ;;
  --repo) out_repo="${2:?--repo needs a path or URL}"; shift 2 ;;
  --branch) branch="${2:?--branch needs a name}"; shift 2 ;;
  --) shift; meshes+=("$@"); break ;;
  -*) die "unknown option \`$1\`" ;;
  *) meshes+=("$1"); shift ;;
  esac
done
[ ${#meshes[@]} -gt 0 ] || die "no mesh given: name at least one .mesh file or directory"
case "$mode" in
pull-request | diff) [ -n "$base" ] || die "$mode needs --base REV (the pull request's target branch)" ;;
publish) [ -n "$out" ] || die "publish needs --out DIR" ;;
esac

if [ -n "${RIG:-}" ]; then
  read -r -a rig <<<"$RIG"
elif command -v rig >/dev/null 2>&1; then
  rig=(rig)
elif [ -x "$script_dir/../rig" ]; then
  rig=("$script_dir/../rig")
else
  die "cannot find rig: put it on PATH or set RIG (e.g. RIG='java -jar rig.jar')"
fi

mkdir -p "$reports"

# The worst of two exit codes: 2 (usage, internal) over 1 (policy errors) over 0.
worst() {
  if [ "$1" -ge 2 ] || [ "$2" -ge 2 ]; then echo 2; elif [ "$1" -ge 1 ] || [ "$2" -ge 1 ]; then echo 1; else echo 0; fi
}

# A file name for a mesh path: policies/bookinfo/all-v1 -> policies_bookinfo_all-v1.
report_name() {
  local name="${1%/}"
  name="${name#./}"
  [ -n "$name" ] && [ "$name" != "." ] || name="mesh"
  echo "${name//\//_}"
}

# Checks every mesh: a SARIF log each for code scanning, human diagnostics in the log and in
# check.txt. Prints the exit code.
run_check() {
  local status=0 code mesh sarif
  mkdir -p "$reports/sarif"
  : >"$reports/check.txt"
  for mesh in "${meshes[@]}"; do
    sarif="$reports/sarif/$(report_name "$mesh").sarif"
    code=0
    # One run: human diagnostics on stderr (kept in check.txt), the SARIF log into its file.
    "${rig[@]}" check --sarif-output "$sarif" ${werror[@]+"${werror[@]}"} "$mesh" \
      2>>"$reports/check.txt" >/dev/null || code=$?
    [ "$code" -le 1 ] || echo "rigging-ci: rig check failed on \`$mesh\` (exit $code)" >&2
    status="$(worst "$status" "$code")"
  done
  if [ -s "$reports/check.txt" ]; then
    cat "$reports/check.txt" >&2
  fi
  echo "rigging-ci: check: $([ "$status" -eq 0 ] && echo "no errors" || echo "failed (exit $status)")" >&2
  echo "$status"
}

# Diffs every mesh between the merge base of --base and HEAD and the working tree. Prints the
# exit code: 0 whether or not traffic changes, 1 for policy errors, 2 for usage errors.
run_diff() {
  local from code=0 mesh args=()
  if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    echo "rigging-ci: unknown base revision \`$base\` (fetch it first, e.g. git fetch origin main)" >&2
    echo 2
    return
  fi
  from="$base"
  if merge_base="$(git merge-base "$base" HEAD 2>/dev/null)" &&
    [ "$merge_base" != "$(git rev-parse "$base^{commit}")" ]; then
    from="$merge_base" # the target moved on since the branch was made: compare with where it left
  fi
  for mesh in "${meshes[@]}"; do
    args+=(--paths "$mesh")
  done
  "${rig[@]}" diff "$from" "${args[@]}" --format markdown >"$reports/rigging-diff.md" || code=$?
  cat "$reports/rigging-diff.md" >&2
  local changed=false status=0
  case "$code" in
  0) ;;
  3) changed=true ;;
  1) status=1 ;;
  *) status=2 ;;
  esac
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    {
      echo "diff-changed=$changed"
      echo "diff-file=$reports/rigging-diff.md"
    } >>"$GITHUB_OUTPUT"
  fi
  echo "rigging-ci: diff: $([ "$status" -eq 0 ] && echo "traffic changes: $changed" || echo "failed (exit $status)")" >&2
  echo "$status"
}

# Compiles every mesh into --out/<mesh path>, and commits it to --repo when one is given.
run_publish() {
  local status=0 code mesh target
  for mesh in "${meshes[@]}"; do
    target="$out/${mesh#./}"
    code=0
    if [ -n "$out_repo" ]; then
      "${rig[@]}" compile "$mesh" --out "$target" --commit --repo "$out_repo" --branch "$branch" \
        --commit-path "$mesh" >&2 || code=$?
    else
      "${rig[@]}" compile "$mesh" --out "$target" >&2 || code=$?
    fi
    status="$(worst "$status" "$code")"
  done
  echo "rigging-ci: publish: $([ "$status" -eq 0 ] && echo "compiled into $out${out_repo:+ and committed to $out_repo ($branch)}" || echo "failed (exit $status)")" >&2
  echo "$status"
}

status=0
case "$mode" in
check) status="$(run_check)" ;;
diff) status="$(run_diff)" ;;
pull-request)
  # Both run even when the check fails: the diff comment then shows the errors to the reviewer.
  status="$(run_check)"
  status="$(worst "$status" "$(run_diff)")"
  ;;
publish)
  status="$(run_check)"
  if [ "$status" -eq 0 ]; then
    status="$(run_publish)"
  else
    echo "rigging-ci: publish: not compiling a policy with errors" >&2
  fi
  ;;
esac
exit "$status"
