#!/usr/bin/env sh
# Builds the Teams app package postmortem-teams.zip (manifest.json + color.png + outline.png) from a copy of
# manifest.json with the placeholders replaced:
#   TEAMS_APP_ID  the bot's Microsoft App ID (a GUID), used as app id, bot id and webApplicationInfo id
#   BOT_DOMAIN    the public host name of the deployment (e.g. pm.contoso.com), used for the URLs and validDomains
# Usage: TEAMS_APP_ID=... BOT_DOMAIN=... ./package.sh [output.zip]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/postmortem-teams.zip"}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac

: "${TEAMS_APP_ID:?set TEAMS_APP_ID to the bot's Microsoft App ID (a GUID)}"
: "${BOT_DOMAIN:?set BOT_DOMAIN to the public host name of the deployment}"

if ! printf '%s' "$TEAMS_APP_ID" | grep -Eq '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'; then
  echo "TEAMS_APP_ID must be a GUID, got: $TEAMS_APP_ID" >&2
  exit 1
fi
if ! printf '%s' "$BOT_DOMAIN" | grep -Eq '^[A-Za-z0-9.-]+$'; then
  echo "BOT_DOMAIN must be a bare host name (no scheme, path or port), got: $BOT_DOMAIN" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sed -e "s/00000000-0000-0000-0000-000000000000/$TEAMS_APP_ID/g" \
    -e "s/postmortem\.example\.com/$BOT_DOMAIN/g" \
    "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"

rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
else
  python3 - "$work" "$out" <<'PY'
import os, sys, zipfile
work, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(work, name), name)
PY
fi
echo "wrote $out"
