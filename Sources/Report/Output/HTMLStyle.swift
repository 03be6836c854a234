/// The report's inline style sheet: readable serif prose, sans-serif UI, tables with
/// right-aligned numbers, green/red check results, and a math font with OpenType MATH tables
/// (needed for good MathML layout: stretchy fences, radicals, limits).
enum HTMLStyle {
    static let css = """
    :root { --ink:#1d232b; --muted:#5b6673; --rule:#d8dee6; --soft:#f5f7fa; --accent:#2458a6;
            --pass:#1f7a3d; --pass-bg:#e7f5ec; --fail:#b3261e; --fail-bg:#fdecea; --inc:#8a5a00; --inc-bg:#fff4dc; }
    * { box-sizing: border-box; }
    body { margin:0; color:var(--ink); background:#fff;
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
    pre { background: #f7f8fa; border: 1px solid var(--rule); border-radius: 6px; padding: .9rem 1rem;
          overflow-x: auto; font-size: .88rem; line-height: 1.5; margin: 0; }
    pre code { background: none; padding: 0; font-size: inherit; }
    .kw { color: #a626a4; } .ty { color: #0e6b8a; } .st { color: #3f7d20; } .nu { color: #b35c00; }
    .cm { color: #7a8591; font-style: italic; } .at { color: #986801; }
    figure { margin: 1.4rem 0; text-align: center; }
    figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
    figcaption { color: var(--muted); font-size: .88rem; margin-top: .4rem; }
    figure.code { text-align: left; }
    figure.code figcaption { margin: 0 0 .3rem; font-size: .8rem; }
    table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .88rem; width: 100%; }
    th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--rule); }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.config { width: auto; min-width: 50%; }
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
    .warning { background: #fff6e0; border-left: 4px solid #c98a00; padding: .5rem 1rem; border-radius: 4px; }
    .note { color: var(--muted); font-style: italic; }
    blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid var(--rule); color: #3a4450; }
    nav.toc ol { columns: 2; padding-left: 1.4rem; margin: .4rem 0; }
    nav.toc li { margin: .15rem 0; }
    math { font-family: "STIX Two Math","Latin Modern Math","DejaVu Math TeX Gyre","Cambria Math",math; font-size: 1.05em; }
    .equation { overflow-x: auto; margin: 1rem 0; }
    math[display="block"] { margin: .4rem 0; }
    section.stage { margin-top: 3rem; }
    """
}
