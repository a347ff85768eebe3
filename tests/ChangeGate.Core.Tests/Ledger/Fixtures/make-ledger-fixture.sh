#!/usr/bin/env bash
# Writes ledger-c4f228b.bundle: a real ledger of service talk-message with every event type, written by
# the changegate given as $1 (a command, e.g. "dotnet /tmp/old/changegate.dll"). The committed bundle was
# written by the managed changegate of main@c4f228b, whose ledger JSON went through reflection-based
# System.Text.Json; LedgerFixtureTests checks that today's code reads it, verifies every snapshot against
# the fold and writes every event and snapshot back byte for byte. Do not regenerate it with a newer
# changegate: its point is to be old.
#
# Usage: make-ledger-fixture.sh "dotnet /path/to/changegate.dll" OUTPUT.bundle
set -euo pipefail
changegate=${1:?"usage: make-ledger-fixture.sh CHANGEGATE-COMMAND OUTPUT.bundle"}
output=$(realpath -m "${2:?"usage: make-ledger-fixture.sh CHANGEGATE-COMMAND OUTPUT.bundle"}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q -b main .
git config user.name Dev
git config user.email dev@kakao.example
key_id=$($changegate evidence keygen --output secrets --name ci | sed -n 's/.*- id: //p')
cp secrets/ci.pub.pem ci.pub.pem
cat > changegate.yml <<POLICY
version: 1
service: talk-message
stages:
  - name: canary
    targets: [canary-01]
  - name: pangyo
    targets: [pangyo-01, pangyo-02]
    approvals: 1
  - name: gasan-anyang
    targets: [gasan-01, anyang-01]
    approvals: 2
sites:
  - name: pangyo
    targets: [canary-01, pangyo-01, pangyo-02]
  - name: gasan
    targets: [gasan-01]
  - name: anyang
    targets: [anyang-01]
redundancy:
  min-serving-sites: 2
approvers: [lead@kakao.example, sre-lead@kakao.example]
overrides:
  actors: [sre-lead@kakao.example]
  max-duration: 4h
freeze:
  emergency-actors: [oncall-lead@kakao.example]
rollback-plan: required
evidence:
  test-projects: none
  trusted-keys:
    - id: $key_id
      name: ci
      public-key: ci.pub.pem
checks: [incidents, stage, approvals, freeze, rollback-plan, redundancy, evidence]
POLICY
printf 'bin/\nobj/\nresults/\nsecrets/\n' > .gitignore
git add -A && git commit -qm "release 1.5.0"

cg() { CHANGEGATE_ACTOR=$1 $changegate "${@:2}" >/dev/null; }
# Text that JSON escapes: HTML-sensitive characters, quotes, Korean, an emoji, a line separator.
odd=$'<v1.4.2> & \'hotfix\' + "quotes" \\ back — 한국어 ✓ 🚀 \u2028 end'
cg rm@kakao.example rollout start --rollback-plan "redeploy $odd" --reason "CHG-2041 $odd"
cg sre-lead@kakao.example failover record --from pangyo --to gasan --result passed --detail "Gasan took the traffic in 40s; $odd"
cg deployer@kakao.example deploy record --target canary-01 --status failed --detail "health check timed out: $odd"
cg sre@kakao.example incident open --title "message delays $odd" --site gasan
cg sre-lead@kakao.example incident resolve INC-1 --reason "pool size restored $odd"
cg sre-lead@kakao.example incident resolve INC-2 --reason "dashboard glitch"
cg rm@kakao.example rollout resume --reason "INC-1 resolved"
cg deployer@kakao.example deploy record --target canary-01 --status ok
mkdir -p results
now=$(date -u +%Y-%m-%dT%H:%M:%S)
cat > results/unit.xml <<JUNIT
<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="unit" tests="2" failures="0" errors="0" skipped="0" timestamp="$now"><testcase classname="Stages" name="canary_first" time="0.001" /><testcase classname="Stages" name="pangyo_second" time="0.001" /></testsuite></testsuites>
JUNIT
CHANGEGATE_SIGNING_KEY=$(cat secrets/ci.key.pem) cg ci@kakao.example evidence record --results 'results/*.xml' --job "unit $odd"
cg lead@kakao.example approve --stage pangyo --comment "dashboards clean $odd"
cg rm@kakao.example rollout promote
cg deployer@kakao.example deploy record --target pangyo-01 --status ok
cg deployer@kakao.example deploy record --target pangyo-02 --status ok
cg lead@kakao.example approve --stage gasan-anyang
cg sre-lead@kakao.example override --check approvals --reason "second approver on leave $odd" --expires 30m
cg rm@kakao.example rollout promote
cg deployer@kakao.example freeze now --reason "stop everything $odd"
cg oncall-lead@kakao.example freeze lift --reason "false alarm $odd"
cg deployer@kakao.example deploy record --target gasan-01 --status ok
cg deployer@kakao.example deploy record --target anyang-01 --status ok
cg rm@kakao.example rollout complete --reason "done $odd"
cg rm@kakao.example rollout start --rollback-plan "redeploy 1.5.0" --reason "CHG-2042"
cg rm@kakao.example rollout pause --reason "wrong build $odd"
cg rm@kakao.example rollout abort --reason "wrong build $odd"
cg rm@kakao.example rollout start --rollback-plan "redeploy 1.5.0" --reason "CHG-2043"
cg deployer@kakao.example deploy record --target canary-01 --status ok
cg rm@kakao.example rollout rollback --reason "message loss $odd"
git bundle create -q "$output" refs/changegate/talk-message/ledger refs/heads/main refs/notes/changegate
git rev-parse refs/changegate/talk-message/ledger
