#!/usr/bin/env bash
# Checks report/index.html in a real browser (headless Chromium): every image loads, every <math>
# element has a non-zero size, and no script error occurs. Exit 1 with one line per problem.
#
# How: an instrumented copy of the page (beside it, so relative figure links still resolve) gets a
# probe script that records errors from the first moment, opens every <details> (a folded table
# would otherwise give its equations zero size), makes lazy images eager, and after `load` writes
# its verdict into the DOM, which `chromium --dump-dom` prints.
set -euo pipefail

page="${1:-report/index.html}"
[ -f "$page" ] || { echo "check-html: $page not found (run: make report)" >&2; exit 2; }
command -v chromium >/dev/null || { echo "check-html: chromium missing (run: bash scripts/deps.sh --browser)" >&2; exit 2; }

dir="$(cd "$(dirname "$page")" && pwd)"
probe="$dir/.check-html-$$.html"
trap 'rm -f "$probe"' EXIT

read -r -d '' head_js <<'JS' || true
<script>
window.__problems = [];
window.addEventListener('error', function (e) {
  if (e.target && e.target !== window && (e.target.src || e.target.srcset)) {
    __problems.push('resource failed: ' + (e.target.currentSrc || e.target.src || e.target.srcset));
  } else {
    __problems.push('script error: ' + e.message + ' at ' + (e.filename || '?') + ':' + (e.lineno || '?'));
  }
}, true);
window.addEventListener('load', function () {
  setTimeout(function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
    var imgs = document.querySelectorAll('img'), maths = document.querySelectorAll('math');
    imgs.forEach(function (img) {
      if (!img.complete || img.naturalWidth === 0) __problems.push('image did not load: ' + (img.currentSrc || img.src));
    });
    maths.forEach(function (m, i) {
      var r = m.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) __problems.push('math element ' + i + ' has zero size: ' + m.textContent.slice(0, 60));
    });
    var out = document.createElement('pre');
    out.id = 'check-html-result';
    // The markers are split so that they never match this script's own text in the dumped DOM.
    out.textContent = 'CHECK-' + 'HTML images=' + imgs.length + ' math=' + maths.length + ' problems=' + __problems.length
      + '\n' + __problems.join('\n') + '\nCHECK-' + 'HTML-END';
    document.body.appendChild(out);
  }, 500);
});
</script>
JS

# The probe goes first in <head>, so it sees every error; lazy loading would leave images below the fold unloaded.
HEAD_JS="$head_js" awk '{ gsub(/ loading="lazy"/, "") } /<head>/ && !done { print; print ENVIRON["HEAD_JS"]; done = 1; next } { print }' "$page" > "$probe"

dom="$(chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
        --virtual-time-budget=20000 --window-size=1280,2000 --dump-dom "file://$probe" 2>/dev/null)"
result="$(printf '%s\n' "$dom" | sed -n '/CHECK-HTML images=/,/CHECK-HTML-END/p' | sed '/CHECK-HTML-END/d')"
result="$(printf "%s\n" "$result" | sed "1s/.*CHECK-HTML /CHECK-HTML /")"
if [ -z "$result" ]; then
  echo "check-html: the probe did not report (page never finished loading?)" >&2
  exit 1
fi
summary="$(printf '%s\n' "$result" | head -1)"
problems="$(printf '%s\n' "$result" | tail -n +2 | sed '/^$/d' | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g')"
echo "check-html: $page: ${summary#CHECK-HTML }"
if [ -n "$problems" ]; then
  printf '%s\n' "$problems" | sed 's/^/check-html: /' >&2
  exit 1
fi
echo "check-html: ok"
