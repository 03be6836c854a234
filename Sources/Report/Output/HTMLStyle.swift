/// The report's inline style sheet: readable serif prose, sans-serif UI, tables with
/// right-aligned numbers, green/red check results, and a math font with OpenType MATH tables
/// (needed for good MathML layout: stretchy fences, radicals, limits). Colours are variables, so
/// the dark scheme (following the reader's system setting) only redefines them; figures keep a
/// white backdrop because they are drawn on white. The print sheet drops navigation and keeps
/// figures and tables rows whole.
enum HTMLStyle {
    static let css = """
    :root { --ink:#1d232b; --muted:#5b6673; --rule:#d8dee6; --soft:#f5f7fa; --accent:#2458a6;
            --pass:#1f7a3d; --pass-bg:#e7f5ec; --fail:#b3261e; --fail-bg:#fdecea; --inc:#8a5a00; --inc-bg:#fff4dc; }
    * { box-sizing: border-box; }
    :root { --bg:#fff; --code-bg:#f7f8fa; --warn-bg:#fff6e0; --quote:#3a4450; color-scheme: light dark; }
    @media (prefers-color-scheme: dark) {
      :root { --ink:#dde3ea; --muted:#9aa6b2; --rule:#333c47; --soft:#1d232b; --accent:#7fb0ff; --bg:#12161b;
              --code-bg:#181d23; --pass:#6fd08c; --pass-bg:#15301f; --fail:#ff8a80; --fail-bg:#3a1a18;
              --inc:#f0c060; --inc-bg:#35290f; --warn-bg:#35290f; --quote:#b8c2cc; }
      .kw { color:#e78ee0 !important; } .ty { color:#6cc4e0 !important; } .st { color:#9ed37a !important; }
      .nu { color:#f0a050 !important; } .cm { color:#8a96a3 !important; } .at { color:#e0b050 !important; }
    }
    body { margin:0; color:var(--ink); background:var(--bg);
           font: 17px/1.6 "Charter","Georgia","Liberation Serif","DejaVu Serif",serif; }
    main { max-width: 940px; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
    h1,h2,h3,h4,nav,.meta,.status,table,.tiles,figcaption,.badge {
           font-family: "Inter","Helvetica Neue","Liberation Sans","DejaVu Sans",Arial,sans-serif; }
    h1 { font-size: 2rem; line-height:1.2; margin: 0 0 .4rem; letter-spacing:-.01em; }
    h2 { font-size: 1.45rem; margin: 2.6rem 0 .6rem; padding-bottom:.3rem; border-bottom: 2px solid var(--rule); }
    h3 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; }
    h4 { font-size: .95rem; margin: 1.6rem 0 .5rem; text-transform: uppercase; letter-spacing:.06em; color:var(--muted); }
    a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
    .meta, .status { color: var(--muted); font-size: .9rem; }
    .status code { font-size: .85rem; }
    code { font: .88em/1.4 "DejaVu Sans Mono","Liberation Mono",Menlo,monospace; background: var(--soft);
           padding: .08em .3em; border-radius: 3px; }
    pre { background: var(--code-bg); border: 1px solid var(--rule); border-radius: 6px; padding: .9rem 1rem;
          overflow-x: auto; font-size: .88rem; line-height: 1.5; margin: 0; }
    pre code { background: none; padding: 0; font-size: inherit; }
    .kw { color: #a626a4; } .ty { color: #0e6b8a; } .st { color: #3f7d20; } .nu { color: #b35c00; }
    .cm { color: #7a8591; font-style: italic; } .at { color: #986801; }
    figure { margin: 1.4rem 0; text-align: center; }
    figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; background: #fff; }
    a.figure-link { display: inline-block; cursor: zoom-in; }
    table.scoreboard td { vertical-align: top; } table.scoreboard .stmt { color: var(--muted); font-size: .85rem; }
    table.scoreboard tr.pass td.verdict { color: var(--pass); font-weight: 600; }
    table.scoreboard tr.fail td { background: var(--fail-bg); } table.scoreboard tr.fail td.verdict { color: var(--fail); font-weight: 700; }
    table.scoreboard tr.case td { font-size: .8rem; } table.scoreboard tr.case td:first-child { padding-left: 1.2rem; }
    table.scoreboard code { word-break: break-word; }
    table.scoreboard span.verdict { font-weight: 600; } table.scoreboard tr.pass span.verdict { color: var(--pass); }
    table.scoreboard tr.fail span.verdict { color: var(--fail); } table.scoreboard tr.inconclusive span.verdict { color: var(--inc); }
    table.scoreboard tr.inconclusive td.verdict { color: var(--inc); font-weight: 600; }
    table.scoreboard tr.inconclusive td { background: var(--inc-bg); } table.scoreboard tr.untested td.verdict { color: var(--muted); }
    details.all-checks { margin: 1rem 0; } details.all-checks summary { cursor: pointer; font-weight: 600;
           font-family: "Inter","Helvetica Neue","Liberation Sans","DejaVu Sans",Arial,sans-serif; }
    figcaption { color: var(--muted); font-size: .88rem; margin-top: .4rem; }
    figure.code { text-align: left; }
    figure.code figcaption { margin: 0 0 .3rem; font-size: .8rem; }
    table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .88rem; width: 100%; }
    th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--rule); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.config { width: auto; min-width: 50%; }
    table.config td.num { white-space: normal; overflow-wrap: anywhere; }  /* long lists (ex1a's variants) wrap */
    tr.fail td { background: var(--fail-bg); } tr.pass td.result { color: var(--pass); }
    tr.fail td.result { color: var(--fail); font-weight: 700; }
    tr.inconclusive td { background: var(--inc-bg); } tr.inconclusive td.result { color: var(--inc); font-weight: 700; }
    .badge { display:inline-block; font-size:.72rem; font-weight:700; padding:.1rem .5rem; border-radius:999px;
             vertical-align: middle; margin-left:.5rem; letter-spacing:.03em; }
    .badge.ok { background: var(--pass-bg); color: var(--pass); } .badge.failed { background: var(--fail-bg); color: var(--fail); }
    .badge.cached { background: var(--soft); color: var(--muted); }
    .tiles { display:flex; gap: 1rem; margin: 1rem 0; flex-wrap: wrap; }
    .tile { flex: 1 1 150px; border:1px solid var(--rule); border-radius: 8px; padding: .7rem 1rem; }
    .tile b { display:block; font-size: 1.7rem; line-height: 1.2; }
    .tile.pass b { color: var(--pass); } .tile.fail b { color: var(--fail); } .tile.inconclusive b { color: var(--inc); }
    .error { background: var(--fail-bg); border-left: 4px solid var(--fail); padding: .6rem 1rem; border-radius: 4px; }
    .warning { background: var(--warn-bg); border-left: 4px solid #c98a00; padding: .5rem 1rem; border-radius: 4px; }
    .note { color: var(--muted); font-style: italic; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid var(--rule); color: var(--quote); }
    nav.toc ol { columns: 2; column-gap: 2.8rem; padding-left: 2.2rem; margin: .4rem 0; }
    nav.toc li { margin: .15rem 0; }
    math { font-family: "STIX Two Math","Latin Modern Math","DejaVu Math TeX Gyre","Cambria Math",math; font-size: 1.05em; }
    .equation { overflow-x: auto; margin: 1rem 0; }
    math[display="block"] { margin: .4rem 0; }
    section.stage { margin-top: 3rem; }
    @media print {
      :root { --ink:#000; --bg:#fff; --soft:#f3f3f3; --code-bg:#f7f7f7; }
      body { font-size: 11pt; } main { max-width: none; padding: 0; }
      nav.toc, .badge.cached { display: none; }
      details.all-checks > *:not(summary) { display: revert; } details.all-checks { display: block; }
      figure, tr, pre, math[display="block"] { break-inside: avoid; page-break-inside: avoid; }
      h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      section.stage { break-before: page; }
      a { color: inherit; } a.figure-link { cursor: auto; }
    }
    """
}
