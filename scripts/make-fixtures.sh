#!/usr/bin/env bash
# make-fixtures.sh: builds the Keyward release at REV, starts it on an empty
# SQLite file and an empty PostgreSQL database, fills every table through its
# GraphQL API, and saves the result under server/testdata/fixtures. The
# migration test opens these databases with today's code, so a release that
# loses data made by an older one fails CI.
#
#   scripts/make-fixtures.sh [REV]        (default: cd78cde, the last release before versioned migrations)
#
# Needs: go, curl, jq, sqlite3, psql and pg_dump (PostgreSQL on 127.0.0.1:5432, trust auth).
set -euo pipefail

REV=${1:-cd78cde}
ROOT=$(git rev-parse --show-toplevel)
OUT=$ROOT/server/testdata/fixtures
PGURL_BASE=${PGURL_BASE:-postgres://postgres@127.0.0.1:5432}
PGDB=keyward_fixture_$$
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; psql -q "$PGURL_BASE/postgres?sslmode=disable" -c "DROP DATABASE IF EXISTS $PGDB" >/dev/null 2>&1 || true; git -C "$ROOT" worktree remove --force "$WORK/src" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

git -C "$ROOT" worktree add --detach "$WORK/src" "$REV" >/dev/null
(cd "$WORK/src" && go build -o "$WORK/keyward" ./server)
mkdir -p "$OUT"

PASSWORD='fixture-password-1'

# gql QUERY [VARS_JSON] [AUTH_HEADER]: one GraphQL request with the cookie jar; fails on any error.
gql() {
  local body resp vars=${2:-'{}'}
  body=$(jq -nc --arg q "$1" --argjson v "$vars" '{query:$q,variables:$v}')
  resp=$(curl -sS -b "$JAR" -c "$JAR" -H 'Content-Type: application/json' ${3:+-H "$3"} --data "$body" "$BASE/graphql")
  if [ "$(jq '.errors // [] | length' <<<"$resp")" != 0 ]; then echo "GraphQL error: $resp" >&2; exit 1; fi
  jq -c .data <<<"$resp"
}

login() { JAR=$WORK/jar-$1; gql 'mutation($e:String!,$p:String!){login(email:$e,password:$p){id}}' "$(jq -nc --arg e "$1" --arg p "$PASSWORD" '{e:$e,p:$p}')" >/dev/null; }

# fill DATABASE_URL NAME: start the release on an empty database and put data in every table.
fill() {
  local url=$1 name=$2 port=$((18000 + RANDOM % 1000))
  BASE=http://127.0.0.1:$port
  KEYWARD_ADDR=127.0.0.1:$port KEYWARD_DATABASE_URL=$url KEYWARD_ADMIN_EMAIL=admin@acme.test \
    KEYWARD_ADMIN_PASSWORD=$PASSWORD KEYWARD_ORG_NAME='Acme Ltd' KEYWARD_ALLOW_SIGNUP=true \
    KEYWARD_LAST_USED_FLUSH=1s "$WORK/keyward" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -fs "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

  login admin@acme.test
  local editor viewer
  editor=$(gql 'mutation($i:CreateUserInput!){createUser(input:$i){id}}' "$(jq -nc --arg p "$PASSWORD" '{i:{email:"edith@acme.test",name:"Edith Editor",password:$p,role:"EDITOR"}}')" | jq -r .createUser.id)
  viewer=$(gql 'mutation($i:CreateUserInput!){createUser(input:$i){id}}' "$(jq -nc --arg p "$PASSWORD" '{i:{email:"victor@acme.test",name:"Víctor Viewer",password:$p,role:"VIEWER"}}')" | jq -r .createUser.id)
  gql 'mutation($i:CreateUserInput!){createUser(input:$i){id}}' "$(jq -nc --arg p "$PASSWORD" '{i:{email:"gone@acme.test",name:"Gone",password:$p,role:"VIEWER"}}')" | jq -r .createUser.id >"$WORK/gone"
  gql 'mutation($id:ID!,$r:Role!){updateUserRole(id:$id,role:$r){id}}' "$(jq -nc --arg id "$viewer" '{id:$id,r:"EDITOR"}')" >/dev/null
  gql 'mutation($id:ID!,$r:Role!){updateUserRole(id:$id,role:$r){id}}' "$(jq -nc --arg id "$viewer" '{id:$id,r:"VIEWER"}')" >/dev/null
  gql 'mutation($id:ID!){deleteUser(id:$id)}' "$(jq -nc --arg id "$(cat "$WORK/gone")" '{id:$id}')" >/dev/null

  local rw ro expired deleted
  rw=$(gql 'mutation($i:CreateApiKeyInput!){createApiKey(input:$i){secret}}' '{"i":{"name":"CI deploy","expiresInDays":365}}' | jq -r .createApiKey.secret)
  ro=$(gql 'mutation($i:CreateApiKeyInput!){createApiKey(input:$i){secret}}' '{"i":{"name":"Reporting export","expiresInDays":90,"scope":"READ_ONLY"}}' | jq -r .createApiKey.secret)
  expired=$(gql 'mutation($i:CreateApiKeyInput!){createApiKey(input:$i){secret}}' '{"i":{"name":"Old laptop","expiresInDays":1}}' | jq -r .createApiKey.secret)
  deleted=$(gql 'mutation($i:CreateApiKeyInput!){createApiKey(input:$i){apiKey{id}}}' '{"i":{"name":"Leaked in chat"}}' | jq -r .createApiKey.apiKey.id)
  gql 'mutation($id:ID!){deleteApiKey(id:$id)}' "$(jq -nc --arg id "$deleted" '{id:$id}')" >/dev/null

  # Governance data: projects by a user and by a key, models linked to them, risks.
  local p1 p2 p3
  p1=$(gql 'mutation($i:CreateProjectInput!){createProject(input:$i){id}}' "$(jq -nc --arg o "$editor" '{i:{title:"Support chatbot",ownerId:$o,goal:"Answer tier-1 tickets",description:"Line one\nLine two — ünïcode",riskClassification:"LIMITED",status:"IN_PROGRESS",startDate:"2026-01-15"}}')" | jq -r .createProject.id)
  p2=$(gql 'mutation($i:CreateProjectInput!){createProject(input:$i){id}}' '{"i":{"title":"CV screening","riskClassification":"HIGH","status":"UNDER_REVIEW"}}' | jq -r .createProject.id)
  p3=$(JAR=$WORK/nojar gql 'mutation($i:CreateProjectInput!){createProject(input:$i){id}}' '{"i":{"title":"Made by a key"}}' "Authorization: Bearer $rw" | jq -r .createProject.id)
  gql 'mutation($id:ID!,$i:UpdateProjectInput!){updateProject(id:$id,input:$i){id}}' "$(jq -nc --arg id "$p2" '{id:$id,i:{status:"ON_HOLD"}}')" >/dev/null
  local tmp
  tmp=$(gql 'mutation($i:CreateProjectInput!){createProject(input:$i){id}}' '{"i":{"title":"Scrapped idea"}}' | jq -r .createProject.id)
  gql 'mutation($id:ID!){deleteProject(id:$id)}' "$(jq -nc --arg id "$tmp" '{id:$id}')" >/dev/null

  gql 'mutation($i:AIModelInput!){createAIModel(input:$i){id}}' "$(jq -nc --arg a "$editor" --arg p1 "$p1" --arg p2 "$p2" '{i:{provider:"OpenAI",model:"gpt-4o",version:"2024-08-06",approverId:$a,capabilities:"text, vision",hostingProvider:"Azure",status:"APPROVED",statusDate:"2026-02-01",referenceLink:"https://example.com/card",biases:"b",limitations:"l",projectIds:[$p1,$p2]}}')" >/dev/null
  gql 'mutation($i:AIModelInput!){upsertAIModel(input:$i){created}}' "$(jq -nc --arg p3 "$p3" '{i:{provider:"Mistral",model:"mistral-large",version:"2",status:"PENDING",projectIds:[$p3]}}')" >/dev/null
  JAR=$WORK/nojar gql 'mutation($i:AIModelInput!){upsertAIModel(input:$i){created}}' '{"i":{"provider":"Mistral","model":"mistral-large","version":"2","status":"RESTRICTED"}}' "Authorization: Bearer $rw" >/dev/null

  gql 'mutation($i:CreateRiskInput!){createRisk(input:$i){id}}' "$(jq -nc --arg p "$p2" --arg o "$viewer" '{i:{projectId:$p,name:"Biased ranking",ownerId:$o,lifecyclePhase:"VALIDATION",likelihood:4,severity:5,mitigationStatus:"IN_PROGRESS",mitigationPlan:"Audit by an outside firm",deadline:"2026-12-31"}}')" >/dev/null
  JAR=$WORK/nojar gql 'mutation($i:CreateRiskInput!){createRisk(input:$i){id}}' "$(jq -nc --arg p "$p1" '{i:{projectId:$p,name:"Hallucinated refunds",likelihood:2,severity:3}}')" "Authorization: Bearer $rw" >/dev/null

  # A second organisation, with its own admin, so the fixture has more than one tenant.
  JAR=$WORK/jar-signup
  gql 'mutation{signup(orgName:"Globex",email:"hank@globex.test",name:"Hank",password:"fixture-password-1"){id}}' >/dev/null
  gql 'mutation($i:CreateProjectInput!){createProject(input:$i){id}}' '{"i":{"title":"Globex forecasting"}}' >/dev/null

  # Sessions for each role; the read-only key is used once so last_used_at is set.
  login edith@acme.test
  login victor@acme.test
  JAR=$WORK/nojar gql '{projects{totalCount}}' '{}' "Authorization: Bearer $ro" >/dev/null
  sleep 2.5 # one last-used flush

  kill "$pid"; wait "$pid" || true
  jq -n --arg rw "$rw" --arg ro "$ro" --arg ex "$expired" --arg pw "$PASSWORD" \
    '{password:$pw,keys:{readWrite:$rw,readOnly:$ro,expired:$ex}}' >"$WORK/$name.secrets.json"
}

# The "expired" key was made valid for a day; move its expiry into the past.
EXPIRE_SQL="UPDATE api_keys SET expires_at = created_at - interval '1 day' WHERE name = 'Old laptop'"

rm -f "$WORK/fixture.db"*
fill "sqlite:$WORK/fixture.db" sqlite
sqlite3 "$WORK/fixture.db" "UPDATE api_keys SET expires_at = strftime('%Y-%m-%d %H:%M:%f+00:00', created_at, '-1 day') WHERE name = 'Old laptop'; PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"
cp "$WORK/fixture.db" "$OUT/cd78cde.sqlite"

psql -q "$PGURL_BASE/postgres?sslmode=disable" -c "CREATE DATABASE $PGDB"
fill "$PGURL_BASE/$PGDB?sslmode=disable" postgres
psql -q "$PGURL_BASE/$PGDB?sslmode=disable" -c "$EXPIRE_SQL"
pg_dump --no-owner --no-privileges --no-comments --column-inserts "$PGURL_BASE/$PGDB?sslmode=disable" | grep -v -e '^SET transaction_timeout' -e '^.restrict ' -e '^.unrestrict ' >"$OUT/cd78cde.postgres.sql"

# Both databases were filled with different random keys; the test needs each one's secrets.
jq -s '{sqlite:.[0],postgres:.[1]}' "$WORK/sqlite.secrets.json" "$WORK/postgres.secrets.json" >"$OUT/cd78cde.secrets.json"
echo "fixtures written to $OUT"
