#!/usr/bin/env bash
# A release manager's walk-through of a full rollout, run for real in a scratch repository with a
# bare repository as the shared remote. The README shows the output of this script.
#
#   bash samples/rollout/walkthrough.sh [SCRATCH_DIR]
#
# The scratch copy of samples/rollout/changegate.yml has its bake times shortened to 2s and its
# freeze windows removed, so the walk-through runs at any hour in a minute.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-$(mktemp -d)}"
tool="$repo_root/artifacts/walkthrough/changegate"

dotnet build "$repo_root/src/ChangeGate.Cli" -c Release -o "$tool" -nologo -v quiet >/dev/null
changegate() { dotnet "$tool/changegate.dll" "$@"; }
step() { printf '\n$ %s\n' "$*"; }
quoted() { local out="" arg; for arg in "$@"; do if [[ "$arg" =~ [[:space:]\;] ]]; then out+="\"$arg\" "; else out+="$arg "; fi; done; echo "${out% }"; }
run() {
  # Prints the command as a user would type it, runs it, and shows a non-zero exit code.
  step "$(quoted "$@")"
  set +e
  "$@"
  local code=$?
  set -e
  if [ "$code" -ne 0 ]; then echo "(exit $code)"; fi
}

export NO_COLOR=1
rm -rf "$scratch/work" "$scratch/remote.git" "$scratch/colleague"
git init -q --bare "$scratch/remote.git"
git init -q "$scratch/work"
cd "$scratch/work"
git config user.name "Dev" && git config user.email dev@kakao.example
sed -e 's/bake: 30m/bake: 2s/; s/bake: 1h/bake: 2s/' -e '/^freeze:/,$d' "$repo_root/samples/rollout/changegate.yml" > changegate.yml
# The walk-through shows the rollout rules; test evidence and analysis are shown in docs/evidence.md.
echo "checks: [incidents, stage, approvals, freeze, rollback-plan, redundancy]" >> changegate.yml
echo "v1.5.0" > VERSION
git add -A && git commit -q -m "talk-message 1.5.0"
git remote add origin "$scratch/remote.git"

run changegate policy check
export CHANGEGATE_ACTOR=release@kakao.example
run changegate rollout start --rollback-plan "redeploy 1.4.2 with deploy.sh --version 1.4.2" --reason CHG-2041
run changegate gate --target canary-01
CHANGEGATE_ACTOR=sre-lead@kakao.example run changegate failover record --from pangyo --to gasan --result passed --detail "Pangyo drained; Gasan took the traffic in 40s, no errors"
run changegate gate --target canary-01
CHANGEGATE_ACTOR=deployer@kakao.example run changegate deploy record --target canary-01 --status failed --detail "health check timed out after 60s"
run changegate gate --target pangyo-01
run changegate rollout resume
CHANGEGATE_ACTOR=sre-lead@kakao.example run changegate incident resolve INC-1 --reason "connection pool size restored in config 7f3e2a1"
run changegate rollout resume --reason "INC-1 resolved"
run changegate gate --target canary-01
run changegate gate --target gasan-01
CHANGEGATE_ACTOR=deployer@kakao.example run changegate deploy record --target canary-01 --status ok
sleep 2 # canary's bake: the promotion below is refused for its missing approval alone
run changegate rollout promote
CHANGEGATE_ACTOR=dev@kakao.example run changegate approve --stage pangyo
CHANGEGATE_ACTOR=lead@kakao.example run changegate approve --stage pangyo --comment "canary dashboards clean for the bake time"
run changegate rollout promote
CHANGEGATE_ACTOR=deployer@kakao.example run changegate deploy record --target pangyo-01 --status ok
CHANGEGATE_ACTOR=deployer@kakao.example run changegate deploy record --target pangyo-02 --status ok
CHANGEGATE_ACTOR=lead@kakao.example run changegate approve --stage gasan-anyang
sleep 2
run changegate rollout promote
CHANGEGATE_ACTOR=sre-lead@kakao.example run changegate override --check approvals --reason "second approver on leave; CAB approval CHG-2041 by mail" --expires 30m
run changegate rollout promote
run changegate gate --target gasan-01
run changegate rollout status
CHANGEGATE_ACTOR=deployer@kakao.example run changegate freeze now --reason "message delays reported in Gasan; stop everything while we look"
run changegate gate --target anyang-01
CHANGEGATE_ACTOR=deployer@kakao.example run changegate freeze lift --reason "looks fine to me"
CHANGEGATE_ACTOR=sre-lead@kakao.example run changegate freeze lift --reason "the delays were a dashboard glitch"
for target in gasan-01 gasan-02 anyang-01 anyang-02; do
  CHANGEGATE_ACTOR=deployer@kakao.example changegate deploy record --target "$target" --status ok >/dev/null
done
step "changegate deploy record --target ... --status ok   # gasan-01 gasan-02 anyang-01 anyang-02"
run changegate rollout complete
git clone -q "$scratch/remote.git" "$scratch/colleague" 2>/dev/null || true
cd "$scratch/colleague"
git fetch -q "$scratch/work" HEAD && git checkout -q FETCH_HEAD
step "cd ../colleague    # another clone of the same remote"
run changegate log
